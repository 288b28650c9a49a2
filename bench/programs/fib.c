/* fib: C twin of fib.il (naive recursive Fibonacci, checked arithmetic); exit code 66. */
#include "common.h"
NOIPA int64_t fib(int64_t n) {
    if (n < 2) return n;
    int64_t a = fib(sub_ovf(n, 1));
    int64_t c = fib(sub_ovf(n, 2));
    return add_ovf(a, c);
}
int main(void) { return (int)fib(BOUND(27)); }
