/* string_build: C twin of string_build.il; calls the same Viper runtime functions (linked in). */
#include "common.h"
typedef struct rt_string_impl *rt_string;
rt_string rt_const_cstr(const char *p);
rt_string rt_int_to_str(int64_t v);
rt_string rt_str_concat(rt_string a, rt_string b); /* borrows a and b, returns +1 */
int64_t rt_str_len(rt_string s);
void rt_str_release_maybe(rt_string s);
int main(void) {
    rt_string pfx = rt_const_cstr("item"), sep = rt_const_cstr(","), empty = rt_const_cstr("");
    int64_t n = BOUND(20000), total = 0;
    rt_string acc = empty;
    for (int64_t i = 0; i < n;) {
        rt_string num = rt_int_to_str(i);
        rt_string item = rt_str_concat(pfx, num);
        rt_str_release_maybe(num);
        rt_string acc1 = rt_str_concat(acc, sep);
        rt_str_release_maybe(acc);
        rt_string acc2 = rt_str_concat(acc1, item);
        rt_str_release_maybe(acc1);
        rt_str_release_maybe(item);
        total = add_ovf(total, rt_str_len(acc2));
        i = add_ovf(i, 1);
        acc = acc2;
        if ((i & 31) == 0) {
            rt_str_release_maybe(acc);
            acc = empty;
        }
    }
    rt_str_release_maybe(acc);
    return (int)total;
}
