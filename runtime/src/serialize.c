/*
 * serialize.c — Viper.Data.Serialize: one entry point over the data formats.
 *
 * Format ids (pinned by the corpus): 0 JSON, 1 XML, 2 YAML, 3 TOML; names json/xml/yaml/toml,
 * MIME application/<name>; FormatFromName is case-insensitive (also accepts `yml`), -1 when
 * unknown; FormatName/MimeType of an unknown id give "unknown" / "application/octet-stream".
 * Values use the JSON model (rt_json_internal.h). JSON goes through json.c, YAML through yaml.c,
 * TOML through toml.c (a TOML document must be a Map; its scalars parse as strings). XML trees do
 * not map onto this value model, so Parse/Format with XML fail with an error (Parse NULL,
 * Format ""). Detect looks at the text: `{`/`[` that parses as JSON → 0, `<` → 1, a first content
 * line `key = value` or `[table]` → 3, `key: value`, `- item` or `---` → 2, otherwise -1.
 * Every operation sets the process-global last error: Error() gives "" after a success, else a
 * message naming the operation and format. Parse/AutoParse give NULL, Format/Convert "" on error.
 */
#include "rt_data_internal.h"

#include <stdio.h>
#include <string.h>

#include "rt_collections_abi.h"
#include "rt_io_abi.h"
#include "rt_text_abi.h"

enum { F_JSON = 0, F_XML = 1, F_YAML = 2, F_TOML = 3 };
static const char *const NAMES[] = {"json", "xml", "yaml", "toml"};

static rt_string last_error;

static void set_error(const char *fmt_msg, const char *detail) {
    rt_str_release_maybe(last_error);
    last_error = NULL;
    if (fmt_msg) {
        char msg[256];
        snprintf(msg, sizeof msg, fmt_msg, detail ? detail : "");
        last_error = rt__str_from_cstr(msg);
    }
}

static bool known(int64_t f) { return f >= 0 && f <= 3; }

rt_string rt_serialize_format_name(int64_t f) {
    return rt__str_from_cstr(known(f) ? NAMES[f] : "unknown");
}

rt_string rt_serialize_mime_type(int64_t f) {
    if (!known(f))
        return rt__str_from_cstr("application/octet-stream");
    char m[32];
    snprintf(m, sizeof m, "application/%s", NAMES[f]);
    return rt__str_from_cstr(m);
}

static bool eq_nocase(const char *s, size_t n, const char *w) {
    if (strlen(w) != n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') : s[i];
        if (c != w[i])
            return false;
    }
    return true;
}

int64_t rt_serialize_format_from_name(rt_string name) {
    const char *s = rt__str_bytes(name);
    size_t n = rt__str_len(name);
    for (int64_t f = 0; f < 4; f++)
        if (eq_nocase(s, n, NAMES[f]))
            return f;
    return eq_nocase(s, n, "yml") ? F_YAML : -1;
}

static void *parse(rt_string text, int64_t f, bool *ok) {
    const char *s = rt__str_bytes(text);
    size_t n = rt__str_len(text);
    void *v = NULL;
    *ok = false;
    switch (f) {
    case F_JSON: {
        size_t at;
        v = rt__json_parse_text(s, n, ok, &at);
        if (!*ok) {
            char d[32];
            snprintf(d, sizeof d, "%zu", at);
            set_error("Serialize.Parse: invalid JSON at offset %s", d);
        }
        break;
    }
    case F_YAML: {
        const char *err = NULL;
        v = rt__yaml_parse(s, n, ok, &err);
        if (!*ok)
            set_error("Serialize.Parse: invalid YAML: %s", err);
        break;
    }
    case F_TOML:
        v = rt_toml_parse(text);
        *ok = v != NULL;
        if (!*ok)
            set_error("Serialize.Parse: invalid TOML%s", NULL);
        break;
    case F_XML:
        set_error("Serialize.Parse: XML is not supported by the value model%s", NULL);
        break;
    default:
        set_error("Serialize.Parse: unknown format%s", NULL);
        break;
    }
    if (*ok)
        set_error(NULL, NULL);
    return v;
}

bool rt_serialize_is_valid(rt_string text, int64_t f) {
    bool ok;
    rt__obj_release_and_free(parse(text, f, &ok));
    return ok;
}

void *rt_serialize_parse(rt_string text, int64_t f) {
    bool ok;
    return parse(text, f, &ok);
}

/* The first non-blank, non-comment line of s as [*a, *a + *len). */
static void first_line(const char *s, size_t n, size_t *a, size_t *len) {
    size_t i = 0;
    while (i < n) {
        size_t e = i;
        while (e < n && s[e] != '\n')
            e++;
        size_t b = i;
        while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r'))
            b++;
        if (b < e && s[b] != '#') {
            *a = b;
            *len = e - b;
            return;
        }
        i = e + 1;
    }
    *a = *len = 0;
}

int64_t rt_serialize_detect(rt_string text) {
    const char *s = rt__str_bytes(text);
    size_t n = rt__str_len(text), a, len;
    first_line(s, n, &a, &len);
    if (len == 0)
        return -1;
    const char *l = s + a;
    if (l[0] == '{' || l[0] == '[') {
        bool ok;
        size_t at;
        rt__obj_release_and_free(rt__json_parse_text(s, n, &ok, &at));
        if (ok)
            return F_JSON;
        if (l[0] == '[')
            return F_TOML;
    }
    if (l[0] == '<')
        return F_XML;
    if (len >= 3 && memcmp(l, "---", 3) == 0)
        return F_YAML;
    if (l[0] == '-' && (len == 1 || l[1] == ' '))
        return F_YAML;
    for (size_t i = 0; i < len; i++) {
        if (l[i] == '=' && i > 0)
            return F_TOML;
        if (l[i] == ':' && i > 0 && (i + 1 == len || l[i + 1] == ' '))
            return F_YAML;
        if (l[i] == '"' || l[i] == '\'')
            break;
    }
    return -1;
}

void *rt_serialize_auto_parse(rt_string text) {
    int64_t f = rt_serialize_detect(text);
    if (f < 0) {
        set_error("Serialize.AutoParse: cannot detect the format%s", NULL);
        return NULL;
    }
    return rt_serialize_parse(text, f);
}

rt_string rt_serialize_format_pretty(void *v, int64_t f, int64_t indent) {
    rt_buf b = {0};
    switch (f) {
    case F_JSON:
        rt__json_write(&b, v, indent < 0 ? 0 : indent, 0);
        break;
    case F_YAML:
        rt__yaml_write(&b, v, indent);
        break;
    case F_TOML:
        if (!rt__is_map(v)) {
            set_error("Serialize.Format: TOML needs a map at the top level%s", NULL);
            return rt_str_empty();
        }
        set_error(NULL, NULL);
        return rt_toml_format(v);
    case F_XML:
        set_error("Serialize.Format: XML is not supported by the value model%s", NULL);
        return rt_str_empty();
    default:
        set_error("Serialize.Format: unknown format%s", NULL);
        return rt_str_empty();
    }
    set_error(NULL, NULL);
    return rt__buf_finish(&b);
}

rt_string rt_serialize_format(void *v, int64_t f) {
    return rt_serialize_format_pretty(v, f, f == F_YAML ? 2 : 0);
}

rt_string rt_serialize_convert(rt_string text, int64_t from, int64_t to) {
    bool ok;
    void *v = parse(text, from, &ok);
    if (!ok)
        return rt_str_empty();
    rt_string r = rt_serialize_format(v, to);
    rt__obj_release_and_free(v);
    return r;
}

rt_string rt_serialize_error(void) {
    rt_string e = last_error ? last_error : rt_str_empty();
    rt_str_retain_maybe(e);
    return e;
}
