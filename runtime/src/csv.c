/*
 * csv.c — Viper.Text.Csv: RFC 4180-style CSV records.
 *
 * Parse* return a Seq of plain string handles (ParseLine/ParseLineWith: the fields of one record)
 * or a Seq of such Seqs (Parse/ParseWith: one per record). Quoted fields may contain the delimiter,
 * newlines and doubled quotes (`""` → `"`); records end at `\n`, `\r\n` or `\r` outside quotes; a
 * final line break does not start an empty record; empty text gives no records (ParseLine: one
 * empty field). Format* accept a Seq whose elements are strings, boxes (str, i64, f64, bool) or
 * NULL (empty field); a field is quoted when it contains the delimiter, a quote, `\r` or `\n`.
 * Format/FormatWith end every record with `\n`. The delimiter is the first byte of `delim`
 * (NULL or empty → `,`). All results are +1; arguments are borrowed; NULL text → no records.
 */
#include "rt_collections_abi.h"
#include "rt_io_abi.h"
#include "rt_text_abi.h"
#include "rt_codec_internal.h"

#include <string.h>

static char delim_of(rt_string d) { return rt__str_len(d) ? rt__str_bytes(d)[0] : ','; }

/* Parse one record starting at *pos; appends its fields to a new Seq. Advances *pos past the
 * record's line break. */
static void *parse_record(const char *s, size_t n, size_t *pos, char delim) {
    void *row = rt_seq_new();
    size_t i = *pos;
    rt_buf f = {0};
    for (;;) {
        bool quoted = i < n && s[i] == '"';
        if (quoted) {
            i++;
            while (i < n) {
                if (s[i] == '"') {
                    if (i + 1 < n && s[i + 1] == '"') {
                        rt__buf_putc(&f, '"');
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                rt__buf_putc(&f, s[i++]);
            }
        }
        /* unquoted text (or text after a closing quote) up to the delimiter / line end */
        while (i < n && s[i] != delim && s[i] != '\n' && s[i] != '\r')
            rt__buf_putc(&f, s[i++]);
        rt__seq_push_owned(row, rt__buf_finish(&f));
        if (i < n && s[i] == delim) {
            i++;
            continue;
        }
        break;
    }
    if (i < n && s[i] == '\r')
        i++;
    if (i < n && s[i] == '\n')
        i++;
    *pos = i;
    return row;
}

void *rt_csv_parse_line_with(rt_string line, rt_string delim) {
    size_t pos = 0;
    return parse_record(rt__str_bytes(line), rt__str_len(line), &pos, delim_of(delim));
}

void *rt_csv_parse_line(rt_string line) { return rt_csv_parse_line_with(line, NULL); }

void *rt_csv_parse_with(rt_string text, rt_string delim) {
    void *rows = rt_seq_new();
    const char *s = rt__str_bytes(text);
    size_t n = rt__str_len(text), pos = 0;
    char d = delim_of(delim);
    while (pos < n)
        rt__seq_push_owned(rows, parse_record(s, n, &pos, d));
    return rows;
}

void *rt_csv_parse(rt_string text) { return rt_csv_parse_with(text, NULL); }

/* Append the text of one field value (see header) to b, quoted when needed. */
static void put_field(rt_buf *b, void *v, char delim) {
    char tmp[40];
    const char *p = "";
    size_t n = 0;
    if (rt__is_string(v)) {
        p = rt__str_bytes(v);
        n = rt__str_len(v);
    } else if (v && rt__is_box(v)) {
        rt_box *bx = v;
        switch (bx->tag) {
        case RT_BOX_STR: p = rt__str_bytes(bx->v.s); n = rt__str_len(bx->v.s); break;
        case RT_BOX_I64: n = rt__format_i64(bx->v.i, tmp); p = tmp; break;
        case RT_BOX_F64: n = rt__format_f64(bx->v.f, tmp); p = tmp; break;
        default: p = bx->v.i ? "true" : "false"; n = strlen(p); break;
        }
    }
    bool quote = false;
    for (size_t i = 0; i < n && !quote; i++)
        quote = p[i] == delim || p[i] == '"' || p[i] == '\n' || p[i] == '\r';
    if (!quote) {
        rt__buf_put(b, p, n);
        return;
    }
    rt__buf_putc(b, '"');
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '"')
            rt__buf_putc(b, '"');
        rt__buf_putc(b, p[i]);
    }
    rt__buf_putc(b, '"');
}

static void put_record(rt_buf *b, void *fields, char delim) {
    int64_t count = rt__is_seq(fields) ? rt_seq_len(fields) : 0;
    for (int64_t i = 0; i < count; i++) {
        if (i)
            rt__buf_putc(b, delim);
        put_field(b, rt__seq_at(fields, i), delim);
    }
}

rt_string rt_csv_format_line_with(void *fields, rt_string delim) {
    rt_buf b = {0};
    put_record(&b, fields, delim_of(delim));
    return rt__buf_finish(&b);
}

rt_string rt_csv_format_line(void *fields) { return rt_csv_format_line_with(fields, NULL); }

rt_string rt_csv_format_with(void *rows, rt_string delim) {
    rt_buf b = {0};
    int64_t count = rt__is_seq(rows) ? rt_seq_len(rows) : 0;
    for (int64_t i = 0; i < count; i++) {
        put_record(&b, rt__seq_at(rows, i), delim_of(delim));
        rt__buf_putc(&b, '\n');
    }
    return rt__buf_finish(&b);
}

rt_string rt_csv_format(void *rows) { return rt_csv_format_with(rows, NULL); }
