/*
 * pluralize.c — Viper.Text.Pluralize (Plural, Singular, Count) with the rule order of
 * RUNTIME-ABI §3.11. Words are the bytes before the first NUL; results are new +1 strings.
 */
#include "rt_core_abi.h"

#include <string.h>

static const char *const rt_uncountable[] = {
    "sheep",     "fish",     "deer",     "series",   "species", "money",     "rice",
    "information", "equipment", "news",  "advice",   "furniture", "luggage", "traffic",
    "music",     "software", "hardware", "knowledge", "weather", "research", "evidence",
    "homework"};

static const char *const rt_irregular[][2] = {
    {"child", "children"},   {"foot", "feet"},         {"goose", "geese"},
    {"man", "men"},          {"mouse", "mice"},        {"ox", "oxen"},
    {"person", "people"},    {"tooth", "teeth"},       {"woman", "women"},
    {"cactus", "cacti"},     {"focus", "foci"},        {"fungus", "fungi"},
    {"nucleus", "nuclei"},   {"radius", "radii"},      {"stimulus", "stimuli"},
    {"analysis", "analyses"}, {"basis", "bases"},      {"crisis", "crises"},
    {"diagnosis", "diagnoses"}, {"thesis", "theses"},  {"phenomenon", "phenomena"},
    {"criterion", "criteria"}, {"datum", "data"},      {"medium", "media"},
    {"appendix", "appendices"}, {"index", "indices"},  {"matrix", "matrices"},
    {"vertex", "vertices"},  {"die", "dice"},          {"leaf", "leaves"},
    {"life", "lives"},       {"knife", "knives"},      {"wife", "wives"},
    {"half", "halves"},      {"wolf", "wolves"},       {"shelf", "shelves"},
    {"self", "selves"}};

#define RT_COUNT(a) (sizeof(a) / sizeof((a)[0]))

static bool rt_eq_ci(const char *a, const char *b) {
    for (; *a && *b; a++, b++) {
        char x = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
        if (x != *b)
            return false;
    }
    return *a == 0 && *b == 0;
}

static bool rt_is_uncountable(const char *w) {
    for (size_t i = 0; i < RT_COUNT(rt_uncountable); i++)
        if (rt_eq_ci(w, rt_uncountable[i]))
            return true;
    return false;
}

static bool rt_is_vowel(char c) {
    c = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

static bool rt_ends(const char *w, size_t n, const char *suffix) {
    size_t m = strlen(suffix);
    return n >= m && memcmp(w + n - m, suffix, m) == 0;
}

/* New string: the first `keep` bytes of w followed by `tail`. */
static rt_string rt_join_tail(const char *w, size_t keep, const char *tail) {
    size_t t = strlen(tail);
    rt_string r = rt__str_alloc(keep + t);
    memcpy(r->data, w, keep);
    memcpy(r->data + keep, tail, t);
    return r;
}

rt_string rt_pluralize(rt_string word) {
    if (!word || word->len == 0 || word->data[0] == 0)
        return rt__str_new("", 0);
    const char *w = word->data;
    size_t n = strlen(w);
    if (rt_is_uncountable(w))
        return rt__str_new(w, n);
    for (size_t i = 0; i < RT_COUNT(rt_irregular); i++)
        if (rt_eq_ci(w, rt_irregular[i][0]))
            return rt__str_from_cstr(rt_irregular[i][1]);
    char last = w[n - 1], prev = n >= 2 ? w[n - 2] : 0;
    if (last == 's' || last == 'x' || last == 'z' || rt_ends(w, n, "ch") || rt_ends(w, n, "sh"))
        return rt_join_tail(w, n, "es");
    if (last == 'y' && n >= 2 && !rt_is_vowel(prev))
        return rt_join_tail(w, n - 1, "ies");
    if (last == 'f' && prev != 'f')
        return rt_join_tail(w, n - 1, "ves");
    if (rt_ends(w, n, "fe"))
        return rt_join_tail(w, n - 2, "ves");
    if (last == 'o' && n >= 2 && !rt_is_vowel(prev))
        return rt_join_tail(w, n, "es");
    return rt_join_tail(w, n, "s");
}

rt_string rt_singularize(rt_string word) {
    if (!word || word->len == 0 || word->data[0] == 0)
        return rt__str_new("", 0);
    const char *w = word->data;
    size_t n = strlen(w);
    if (rt_is_uncountable(w))
        return rt__str_new(w, n);
    for (size_t i = 0; i < RT_COUNT(rt_irregular); i++)
        if (rt_eq_ci(w, rt_irregular[i][1]))
            return rt__str_from_cstr(rt_irregular[i][0]);
    if (n > 3 && rt_ends(w, n, "ves"))
        return rt_join_tail(w, n - 3, "f");
    if (n > 3 && rt_ends(w, n, "ies"))
        return rt_join_tail(w, n - 3, "y");
    if (rt_ends(w, n, "shes") || rt_ends(w, n, "ches"))
        return rt_join_tail(w, n - 2, "");
    if (rt_ends(w, n, "ses") || rt_ends(w, n, "xes") || rt_ends(w, n, "zes"))
        return rt_join_tail(w, n - 2, "");
    if (n > 3 && rt_ends(w, n, "oes"))
        return rt_join_tail(w, n - 2, "");
    if (n > 1 && w[n - 1] == 's' && w[n - 2] != 's')
        return rt_join_tail(w, n - 1, "");
    return rt__str_new(w, n);
}

rt_string rt_pluralize_count(int64_t count, rt_string word) {
    if (!word)
        return rt__str_new("", 0);
    rt_string noun = (count == 1 || count == -1) ? rt__str_from_cstr(word->data) : rt_pluralize(word);
    char num[24];
    size_t nl = rt__format_i64(count, num);
    rt_string r = rt__str_alloc(nl + 1 + noun->len);
    memcpy(r->data, num, nl);
    r->data[nl] = ' ';
    memcpy(r->data + nl + 1, noun->data, noun->len);
    rt_str_release_maybe(noun);
    return r;
}
