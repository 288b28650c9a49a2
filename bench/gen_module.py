#!/usr/bin/env python3
"""Writes large, valid, runnable Viper IL modules for compile-speed measurements.

Shapes:
  --lines N        many functions: copies of seven function shapes (straight-line arithmetic, a
                   loop with a diamond, switch.i32, alloca/gep/load/store, f64 with compares and
                   conversions, runtime string calls, and a function calling the other six), each
                   copy with its own constants, until the module has about N lines; @main calls
                   every copy's root and combines the results.
  --huge-insns N   one function @huge of about N instructions: a chain of segments (diamonds over
                   three block parameters) that also use eight values defined in the entry block,
                   so long live ranges cross the whole function.
  --many-params N, --switch N, --chain N, --live N, --nest N, --diamonds N, --strings N, --calls N,
  --loop-nest N, --value-nest N, --allocas N, --call-chain N
                   the pathological shapes of issue 15 (see each generator's docstring).

The generator evaluates what it emits (a small model of each shape, with the IL's checked-arithmetic
semantics asserted), so every module states its exit code on a `# expect-rc: N` line at the top.
Output is deterministic (no randomness). Usage: gen_module.py (--lines N | --huge-insns N | ...) [-o OUT]
"""
import argparse
import sys

MASK20 = 1048575
I64_MIN, I64_MAX = -(1 << 63), (1 << 63) - 1
GLOBALS = ["alpha", "beta-", "gamma=", "delta: ", "eps", "zeta!!", "eta", "theta##"]


def chk(v):
    """Checked i64 arithmetic: the generated IL must never trap."""
    assert I64_MIN <= v <= I64_MAX, v
    return v


def srem(a, b):
    assert b != 0
    r = abs(a) % abs(b)
    return -r if a < 0 else r


def wrap(v):
    v &= (1 << 64) - 1
    return v - (1 << 64) if v >> 63 else v


def rte(x):
    """cast.fp_to_si.rte.chk: Python's round() on a float is round-half-even."""
    r = round(x)
    assert I64_MIN <= r <= I64_MAX
    return r


class Copy:
    """Copy k of the seven shapes: emit() writes IL lines, root(a) computes @calls_k(a)."""

    def __init__(self, k):
        self.k = k
        self.c1 = k % 97 + 1
        self.c2 = k % 7 + 2
        self.c3 = (k * 37) % 4096
        self.c4 = k % 47 + 3
        self.c5 = k % 5 + 1
        self.cf = k % 13 + 0.5
        self.g = k % len(GLOBALS)

    # ---- models ---------------------------------------------------------------------------
    def arith(self, a, b):
        t1 = chk(a + self.c1)
        t2 = chk(t1 * self.c2)
        t3 = chk(t2 - b)
        t5 = (t3 ^ self.c3) & 65535
        t7 = wrap(t5 << 2) >> 1
        t8 = srem(t7, self.c4)
        t10 = chk(t8 + t5) | 1
        return chk(t10 + (1 if t10 > a else 0))

    def loop(self, n):
        s = 0
        for i in range(n):
            s = chk(s + chk(i * self.c5)) if (i & 1) == 0 else chk(s - i)
        return s

    def switch(self, x):
        k = srem(x, 8)
        cases = {0: 10, 1: 21, 3: 33, 5: 55, -2: -20}
        return chk(x + cases[k] * self.c5) if k in cases else x

    def mem(self, n):
        return chk(chk(n + chk(n + self.c1)) + rte(1.5))

    def float(self, x, n):
        q = (x * float(n) + self.cf) / 4.0
        return rte(q) if q < 100.0 else rte(q - 100.0)

    def string(self, n):
        return len(GLOBALS[self.g]) + len(str(n))

    def root(self, a):
        r = self.arith(a, self.c1)
        r = chk(r + self.loop(a & 15))
        r = chk(r + self.switch(a))
        r = chk(r + self.mem(a))
        r = chk(r + self.float(1.5, a & 63))
        return chk(r + self.string(a))

    # ---- IL -------------------------------------------------------------------------------
    def emit(self):
        k = self.k
        return f"""func @arith_{k}(i64 %a, i64 %b) -> i64 {{
entry(%a: i64, %b: i64):
  %t1 = iadd.ovf %a, {self.c1}
  %t2 = imul.ovf %t1, {self.c2}
  %t3 = isub.ovf %t2, %b
  %t4 = xor %t3, {self.c3}
  %t5 = and %t4, 65535
  %t6 = shl %t5, 2
  %t7 = ashr %t6, 1
  %t8 = srem.chk0 %t7, {self.c4}
  %t9 = iadd.ovf %t8, %t5
  %t10 = or %t9, 1
  %t11 = scmp_gt %t10, %a
  %t12 = zext1 %t11
  %t13 = iadd.ovf %t10, %t12
  ret %t13
}}

func @loop_{k}(i64 %n) -> i64 {{
entry(%n: i64):
  br head(0, 0, %n)
head(%i: i64, %s: i64, %m: i64):
  %c = scmp_lt %i, %m
  cbr %c, body(%i, %s, %m), done(%s)
body(%bi: i64, %bs: i64, %bm: i64):
  %p = and %bi, 1
  %e = icmp_eq %p, 0
  cbr %e, even(%bi, %bs, %bm), odd(%bi, %bs, %bm)
even(%ei: i64, %es: i64, %em: i64):
  %x = imul.ovf %ei, {self.c5}
  %es2 = iadd.ovf %es, %x
  br latch(%ei, %es2, %em)
odd(%oi: i64, %os: i64, %om: i64):
  %os2 = isub.ovf %os, %oi
  br latch(%oi, %os2, %om)
latch(%li: i64, %ls: i64, %lm: i64):
  %i2 = iadd.ovf %li, 1
  br head(%i2, %ls, %lm)
done(%r: i64):
  ret %r
}}

func @switch_{k}(i64 %x) -> i64 {{
entry(%x: i64):
  %k = srem.chk0 %x, 8
  %s:i32 = cast.si_narrow.chk %k
  switch.i32 %s, ^other(%x), 0 -> ^add(%x, 10), 1 -> ^add(%x, 21), 3 -> ^add(%x, 33), 5 -> ^add(%x, 55), -2 -> ^add(%x, -20)
add(%v: i64, %d: i64):
  %w = imul.ovf %d, {self.c5}
  %r = iadd.ovf %v, %w
  ret %r
other(%o: i64):
  ret %o
}}

func @mem_{k}(i64 %n) -> i64 {{
entry(%n: i64):
  %buf = alloca 32
  store i64, %buf, %n
  %p1 = gep %buf, 8
  %v1 = iadd.ovf %n, {self.c1}
  store i64, %p1, %v1
  %p2 = gep %buf, 16
  store f64, %p2, 1.5
  %l0 = load i64, %buf
  %l1 = load i64, %p1
  %lf = load f64, %p2
  %li = cast.fp_to_si.rte.chk %lf
  %s1 = iadd.ovf %l0, %l1
  %s2 = iadd.ovf %s1, %li
  ret %s2
}}

func @float_{k}(f64 %x, i64 %n) -> i64 {{
entry(%x: f64, %n: i64):
  %y = sitofp %n
  %z = fmul %x, %y
  %w = fadd %z, {self.cf!r}
  %q = fdiv %w, 4.0
  %c = fcmp_lt %q, 100.0
  cbr %c, small(%q), big(%q)
small(%a: f64):
  %r = cast.fp_to_si.rte.chk %a
  ret %r
big(%b: f64):
  %b2 = fsub %b, 100.0
  %r2 = cast.fp_to_si.rte.chk %b2
  ret %r2
}}

func @string_{k}(i64 %n) -> i64 {{
entry(%n: i64):
  %s = call @Viper.Core.Convert.ToString_Int(%n)
  %g = const_str @.g{self.g}
  %c = call @Viper.String.Concat(%g, %s)
  call @Viper.String.ReleaseMaybe(%s)
  %l = call @Viper.String.get_Length(%c)
  call @Viper.String.ReleaseMaybe(%c)
  ret %l
}}

func @calls_{k}(i64 %a) -> i64 {{
entry(%a: i64):
  %r1 = call @arith_{k}(%a, {self.c1})
  %a15 = and %a, 15
  %r2 = call @loop_{k}(%a15)
  %s2 = iadd.ovf %r1, %r2
  %r3 = call @switch_{k}(%a)
  %s3 = iadd.ovf %s2, %r3
  %r4 = call @mem_{k}(%a)
  %s4 = iadd.ovf %s3, %r4
  %a63 = and %a, 63
  %r5 = call @float_{k}(1.5, %a63)
  %s5 = iadd.ovf %s4, %r5
  %r6 = call @string_{k}(%a)
  %s6 = iadd.ovf %s5, %r6
  ret %s6
}}
"""


def header():
    out = ["il 0.2.0",
           "extern @Viper.Core.Convert.ToString_Int(i64) -> str",
           "extern @Viper.String.Concat(str, str) -> str",
           "extern @Viper.String.get_Length(str) -> i64",
           "extern @Viper.String.ReleaseMaybe(str) -> void"]
    out += [f'global const str @.g{i} = "{s}"' for i, s in enumerate(GLOBALS)]
    return "\n".join(out) + "\n\n"


def many_functions(lines):
    per_copy = Copy(0).emit().count("\n") + 1
    copies = max(1, (lines - 20) // (per_copy + 5))
    parts, acc = [header()], 0
    for k in range(copies):
        parts.append(Copy(k).emit() + "\n")
    main = ["func @main() -> i64 {", "entry:", "  br m0(0)"]
    for k in range(copies):
        c = Copy(k)
        a = k % 200
        acc = chk(acc + c.root(a)) & 268435455
        main += [f"m{k}(%acc{k}: i64):", f"  %r{k} = call @calls_{k}({a})",
                 f"  %x{k} = iadd.ovf %acc{k}, %r{k}", f"  %y{k} = and %x{k}, 268435455",
                 f"  br m{k + 1}(%y{k})"]
    main += [f"m{copies}(%res: i64):", "  ret %res", "}"]
    parts.append("\n".join(main) + "\n")
    return "".join(parts), acc & 255, f"copies={copies} functions={copies * 7 + 1}"


def huge_function(insns):
    segs = max(1, insns // 16)
    seed = 12345
    ks = [chk(seed * (j + 3)) & MASK20 for j in range(8)]
    out = [header().split("\n")[0], "", "func @huge(i64 %seed) -> i64 {", "entry(%seed: i64):"]
    for j in range(8):
        out += [f"  %k{j}m = imul.ovf %seed, {j + 3}", f"  %k{j} = and %k{j}m, {MASK20}"]
    out.append("  br seg0(%k0, %k1, %k2)")
    a, b, c = ks[0], ks[1], ks[2]
    for s in range(segs):
        out += [f"seg{s}(%a{s}: i64, %b{s}: i64, %c{s}: i64):",
                f"  %s{s}_1 = iadd.ovf %a{s}, %k{s % 8}",
                f"  %s{s}_2 = xor %s{s}_1, %b{s}",
                f"  %s{s}_3 = and %s{s}_2, {MASK20}",
                f"  %s{s}_4 = imul.ovf %s{s}_3, 3",
                f"  %s{s}_5 = isub.ovf %s{s}_4, %c{s}",
                f"  %s{s}_6 = ashr %s{s}_5, 1",
                f"  %s{s}_7 = iadd.ovf %s{s}_6, %k{(s + 3) % 8}",
                f"  %s{s}_8 = and %s{s}_7, {MASK20}",
                f"  %s{s}_9 = srem.chk0 %s{s}_8, 7",
                f"  %s{s}_10 = icmp_eq %s{s}_9, 0",
                f"  cbr %s{s}_10, l{s}(%s{s}_8, %s{s}_3, %a{s}), r{s}(%s{s}_8, %s{s}_3, %b{s})",
                f"l{s}(%lx{s}: i64, %ly{s}: i64, %lz{s}: i64):",
                f"  %l{s}_1 = iadd.ovf %lx{s}, %ly{s}",
                f"  %l{s}_2 = and %l{s}_1, {MASK20}",
                f"  br seg{s + 1}(%l{s}_2, %lz{s}, %ly{s})",
                f"r{s}(%rx{s}: i64, %ry{s}: i64, %rz{s}: i64):",
                f"  %r{s}_1 = isub.ovf %rx{s}, %ry{s}",
                f"  %r{s}_2 = and %r{s}_1, {MASK20}",
                f"  br seg{s + 1}(%r{s}_2, %ry{s}, %rz{s})"]
        s3 = ((chk(a + ks[s % 8])) ^ b) & MASK20
        s5 = chk(chk(s3 * 3) - c)
        s8 = chk((s5 >> 1) + ks[(s + 3) % 8]) & MASK20
        if srem(s8, 7) == 0:
            a, b, c = chk(s8 + s3) & MASK20, a, s3
        else:
            a, b, c = chk(s8 - s3) & MASK20, s3, b
    out += [f"seg{segs}(%fa: i64, %fb: i64, %fc: i64):",
            "  %f1 = iadd.ovf %fa, %fb", "  %f2 = iadd.ovf %f1, %fc", "  ret %f2", "}", "",
            "func @main() -> i64 {", "entry:", f"  %r = call @huge({seed})", "  ret %r", "}"]
    result = chk(chk(a + b) + c)
    return "\n".join(out) + "\n", result & 255, f"segments={segs} instructions={segs * 16 + 16 + 5}"


def many_params(n):
    """A function of `n` i64 parameters that sums every 97th, called once with 0..n-1 (a
    pathological shape: one block with n parameters, one call with n arguments)."""
    params = ", ".join(f"i64 %p{i}" for i in range(n))
    bparams = ", ".join(f"%p{i}: i64" for i in range(n))
    out = ["il 0.2.0", f"func @f({params}) -> i64 {{", f"entry({bparams}):", "  %s0 = iadd.ovf 0, 0"]
    total, k = 0, 0
    for i in range(0, n, 97):
        out.append(f"  %s{k + 1} = iadd.ovf %s{k}, %p{i}")
        total += i
        k += 1
    out += [f"  %r = srem.chk0 %s{k}, 256", "  ret %r", "}", "func @main() -> i64 {", "entry:",
            f"  %v = call @f({', '.join(str(i) for i in range(n))})", "  ret %v", "}"]
    return "\n".join(out) + "\n", total % 256, f"params={n}"


def big_switch(n):
    """One `switch.i32` with `n` cases (values 0, 3, 6, ...; case k adds k to a sum): @main runs it
    for every 7th case value and for misses."""
    out = ["il 0.2.0", "func @f(i64 %x) -> i64 {", "entry(%x: i64):",
           "  %s:i32 = cast.si_narrow.chk %x"]
    cases = ", ".join(f"{3 * k} -> ^c(%x, {k})" for k in range(n))
    out.append(f"  switch.i32 %s, ^c(%x, -1), {cases}")
    out += ["c(%v: i64, %d: i64):", "  %r = iadd.ovf %v, %d", "  ret %r", "}"]
    total = 0
    out += ["func @main() -> i64 {", "entry:", "  br loop(0, 0)", "loop(%i: i64, %acc: i64):",
            "  %v = call @f(%i)", "  %a = iadd.ovf %acc, %v", "  %i2 = iadd.ovf %i, 7",
            f"  %more = scmp_lt %i2, {3 * n}", "  cbr %more, ^loop(%i2, %a), ^done(%a)",
            "done(%t: i64):", "  %r = srem.chk0 %t, 256", "  ret %r", "}"]
    for i in range(0, 3 * n, 7):
        total += i + (i // 3 if i % 3 == 0 else -1)
    return "\n".join(out) + "\n", total % 256, f"switch-cases={n}"


def block_chain(n):
    """One function of `n` blocks in a chain, each adding its index to a block parameter and
    branching on to the next (every 5th block through a diamond)."""
    out = ["il 0.2.0", "func @main() -> i64 {", "entry:", "  br b0(0)"]
    total = 0
    for k in range(n):
        nxt = f"b{k + 1}" if k + 1 < n else "done"
        out.append(f"b{k}(%v{k}: i64):")
        out.append(f"  %w{k} = iadd.ovf %v{k}, {k % 100}")
        total += k % 100
        if k % 5 == 0:
            out.append(f"  %c{k} = scmp_gt %w{k}, 1000000000")
            out.append(f"  cbr %c{k}, ^{nxt}(%v{k}), ^{nxt}(%w{k})")
        else:
            out.append(f"  br {nxt}(%w{k})")
    out += ["done(%t: i64):", "  %r = srem.chk0 %t, 256", "  ret %r", "}"]
    return "\n".join(out) + "\n", total % 256, f"blocks={n}"


def many_live(n):
    """`n` values defined at the top of one block and all used at its end (after a call), so
    they are live across the whole block."""
    out = ["il 0.2.0", "func @id(i64 %x) -> i64 {", "entry(%x: i64):", "  ret %x", "}",
           "func @main() -> i64 {", "entry:"]
    for k in range(n):
        out.append(f"  %v{k} = iadd.ovf {k % 50}, 1")
    out.append("  %z = call @id(0)")
    acc = "%z"
    total = 0
    for k in range(n):
        out.append(f"  %s{k} = iadd.ovf {acc}, %v{k}")
        acc = f"%s{k}"
        total += k % 50 + 1
    out += [f"  %r = srem.chk0 {acc}, 256", "  ret %r", "}"]
    return "\n".join(out) + "\n", total % 256, f"live-values={n}"


def nested_ifs(n):
    """An if-nest `n` deep in one function: block i{k} branches into i{k+1} or out to j{k}, and every
    join block j{k} only jumps to j{k-1} (a chain of `n` jump-only blocks: the shape that made
    jump threading follow a chain per edge, quadratic)."""
    out = ["il 0.2.0", "func @f(i64 %x) -> i64 {", "entry(%x: i64):", "  %c = scmp_lt %x, 5",
           "  %r = iadd.ovf %x, 4", "  br i0"]
    for k in range(n):
        out += [f"i{k}:", f"  cbr %c, i{k + 1}, j{k}"]
    out += [f"i{n}:", f"  br j{n - 1}"]
    for k in range(n - 1, 0, -1):
        out += [f"j{k}:", f"  br j{k - 1}"]
    out += ["j0:", "  ret %r", "}",
            "func @main() -> i64 {", "entry:", "  %v = call @f(3)", "  ret %v", "}"]
    return "\n".join(out) + "\n", 7, f"nest-depth={n}"


def diamonds(n):
    """`n` diamonds in a row in one function, each merging its two arms' values in a block
    parameter (d{k+1} has two predecessors; every arm reads the entry's %x)."""
    out = ["il 0.2.0", "func @main() -> i64 {", "entry:", "  %x = iadd.ovf 0, 3", "  br d0(%x)"]
    v = 3
    for k in range(n):
        out += [f"d{k}(%v{k}: i64):", f"  %c{k} = scmp_lt %v{k}, {k % 7}", f"  cbr %c{k}, l{k}, r{k}",
                f"l{k}:", f"  %a{k} = iadd.ovf %x, 1", f"  br d{k + 1}(%a{k})",
                f"r{k}:", f"  %b{k} = iadd.ovf %x, 2", f"  br d{k + 1}(%b{k})"]
        v = 4 if v < k % 7 else 5
    out += [f"d{n}(%v{n}: i64):", f"  ret %v{n}", "}"]
    return "\n".join(out) + "\n", v % 256, f"diamonds={n}"


def many_strings(n):
    """`n` string globals, each loaded with const_str in @main and its length added to a sum
    (a data pool and a symbol table of `n` entries, one block of 2n calls)."""
    out = ["il 0.2.0", "extern @Viper.String.Length(str) -> i64"]
    total = 0
    for k in range(n):
        text = f"s{k}" + "-" * (k % 5)
        out.append(f'global const str @.S{k} = "{text}"')
        total += len(text)
    out += ["func @main() -> i64 {", "entry:", "  %t0 = iadd.ovf 0, 0"]
    for k in range(n):
        out += [f"  %s{k} = const_str @.S{k}", f"  %l{k} = call @Viper.String.Length(%s{k})",
                f"  %t{k + 1} = iadd.ovf %t{k}, %l{k}"]
    out += [f"  %r = srem.chk0 %t{n}, 256", "  ret %r", "}"]
    return "\n".join(out) + "\n", total % 256, f"strings={n}"


def many_calls(n):
    """`n` small functions, all called in a row from @main (a symbol table and a call graph of `n`
    entries; the inliner sees `n` call sites in one block)."""
    out = ["il 0.2.0"]
    for k in range(n):
        out += [f"func @f{k}(i64 %a) -> i64 {{", "entry(%a: i64):", f"  %r = iadd.ovf %a, {k % 100}",
                "  ret %r", "}"]
    out += ["func @main() -> i64 {", "entry:", "  %s0 = iadd.ovf 0, 0"]
    for k in range(n):
        out.append(f"  %s{k + 1} = call @f{k}(%s{k})")
    out += [f"  %r = srem.chk0 %s{n}, 256", "  ret %r", "}"]
    return "\n".join(out) + "\n", sum(k % 100 for k in range(n)) % 256, f"functions={n}"


def loop_nest(n):
    """A nest of `n` loops in one function, each running once, their counters in allocas (as the
    BASIC front end keeps its variables): every counter's address is used in three blocks of its
    loop, so kept in registers they are all live through the innermost loop."""
    out = ["il 0.2.0", "func @main() -> i64 {", "entry:"]
    out += [f"  %p{k} = alloca 8" for k in range(n)]
    out += ["  %acc = alloca 8", "  store i64, %acc, 0", "  store i64, %p0, 0", "  br h0"]
    for k in range(n):
        out += [f"h{k}:", f"  %k{k} = load i64, %p{k}", f"  %c{k} = scmp_lt %k{k}, 1",
                f"  cbr %c{k}, b{k}, x{k}", f"b{k}:"]
        if k + 1 < n:
            out += [f"  store i64, %p{k + 1}, 0", f"  br h{k + 1}"]
        else:
            out += ["  %a = load i64, %acc", "  %a2 = iadd.ovf %a, 1", "  store i64, %acc, %a2",
                    f"  br x{k + 1}"]
        # x{k+1} (the exit of loop k+1) is loop k's latch.
        out += [f"x{k + 1}:", f"  %m{k} = load i64, %p{k}", f"  %q{k} = iadd.ovf %m{k}, 1",
                f"  store i64, %p{k}, %q{k}", f"  br h{k}"]
    out += ["x0:", "  %r = load i64, %acc", "  ret %r", "}"]
    return "\n".join(out) + "\n", 1, f"loop-nest={n}"


def value_nest(n, eh=False):
    """A nest of `n` loops in one function, each running twice (its counter a block parameter);
    each header defines a value (every fourth also as an f64) that its latch reads, after the
    whole inner nest: the values of all enclosing loops are live through every inner block, so
    (block, live value) pairs grow as n^2 while the text grows as n. The result threads a sum
    through the exits: the sum of every header's value on the loop's first run. With `eh` the
    function installs a handler first (never entered) and removes it before it returns: every
    checked instruction is then a site of the function's EH table."""
    out = ["il 0.2.0", "func @main() -> i64 {", "entry:"]
    out += ["  eh.push ^on_trap"] if eh else []
    out += ["  br h0(0, 0)"]
    total = 0
    for k in range(n):
        c = k % 7 + 1
        total += c
        out += [f"h{k}(%i{k}: i64, %a{k}: i64):", f"  %v{k} = iadd.ovf %i{k}, {c}"]
        if k % 4 == 0:
            out += [f"  %f{k} = sitofp %v{k}"]
        out += [f"  %c{k} = scmp_lt %i{k}, 1", f"  cbr %c{k}, b{k}(%a{k}), x{k}(%a{k})",
                f"b{k}(%s{k}: i64):"]
        out += [f"  br h{k + 1}(0, %s{k})" if k + 1 < n else f"  br x{k + 1}(%s{k})"]
        out += [f"x{k + 1}(%t{k}: i64):", f"  %q{k} = iadd.ovf %v{k}, 0"]
        if k % 4 == 0:
            out += [f"  %g{k} = cast.fp_to_si.rte.chk %f{k}", f"  %u{k} = iadd.ovf %t{k}, %g{k}"]
        else:
            out += [f"  %u{k} = iadd.ovf %t{k}, %v{k}"]
        # The second run starts at i = c >= 1 and leaves at once.
        out += [f"  br h{k}(%q{k}, %u{k})"]
    out += ["x0(%r: i64):"]
    if eh:
        out += ["  eh.pop", "  ret %r", "handler ^on_trap(%err:Error, %tok:ResumeTok):", "  eh.entry",
                "  ret 1"]
    else:
        out += ["  ret %r"]
    out += ["}"]
    return "\n".join(out) + "\n", total & 255, f"{'eh-' if eh else ''}value-nest={n}"


def bool_chain(n):
    """One block of `n` truth values, each narrowed back from the zext1 of the one before (every
    third through `isub.ovf 0, _`, as BASIC writes conditions): bool-fold resolved the chain once
    per use before session 22, n^2 steps in all. Returns the last value, 1."""
    out = ["il 0.2.0", "func @main() -> i64 {", "entry:", "  %x = iadd.ovf 0, 1",
           "  %c = scmp_gt %x, 0", "  %z0 = zext1 %c", "  %t0 = trunc1 %z0"]
    for k in range(1, n):
        out += [f"  %z{k} = zext1 %t{k - 1}"]
        if k % 3 == 0:
            out += [f"  %n{k} = isub.ovf 0, %z{k}", f"  %t{k} = trunc1 %n{k}"]
        else:
            out += [f"  %t{k} = trunc1 %z{k}"]
    out += [f"  %r = zext1 %t{n - 1}", "  ret %r", "}"]
    return "\n".join(out) + "\n", 1, f"bool-chain={n}"


def many_externs(n):
    """`n` extern declarations (each name checked against every earlier extern before session
    22: quadratic) and a @main that calls the runtime through none of them."""
    out = ["il 0.2.0"] + [f"extern @ext_{k}(i64, ptr) -> i64" for k in range(n)]
    out += ["func @main() -> i64 {", "entry:", "  ret 3", "}"]
    return "\n".join(out) + "\n", 3, f"externs={n}"


def many_allocas(n):
    """One entry block of `n` 8-byte allocas, each stored once and loaded once into an xor chain
    (lowering summed every slot made so far per alloca: quadratic before session 21)."""
    out = ["il 0.2.0", "func @main() -> i64 {", "entry:"]
    out += [f"  %p{k} = alloca 8" for k in range(n)]
    out += [f"  store i64, %p{k}, {k * 3 + 1}" for k in range(n)]
    out += ["  %s0 = iadd.ovf 0, 0"]
    acc = 0
    for k in range(n):
        out += [f"  %l{k} = load i64, %p{k}", f"  %s{k + 1} = xor %s{k}, %l{k}"]
        acc ^= k * 3 + 1
    out += [f"  %r = and %s{n}, 255", "  ret %r", "}"]
    return "\n".join(out) + "\n", acc & 255, f"allocas={n}"


def call_chain(n):
    """`n` small functions, each adding one to its argument and calling the next once, the last
    returning; @main calls the first (the inliner copied each callee, with its own copies, into
    its one caller: 66 times the code at 25k before session 21)."""
    out = ["il 0.2.0"]
    for k in range(n):
        out += [f"func @f{k}(i64 %x) -> i64 {{", "entry(%x: i64):", "  %y = iadd.ovf %x, 1"]
        out += [f"  %r = call @f{k + 1}(%y)", "  ret %r"] if k + 1 < n else ["  ret %y"]
        out += ["}"]
    out += ["func @main() -> i64 {", "entry:", "  %r = call @f0(0)", "  %m = and %r, 255", "  ret %m", "}"]
    return "\n".join(out) + "\n", n & 255, f"call-chain={n}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--lines", type=int, help="many functions, about this many lines")
    g.add_argument("--huge-insns", type=int, help="one function of about this many instructions")
    g.add_argument("--many-params", type=int, help="one call of a function with this many parameters")
    g.add_argument("--switch", type=int, help="one switch.i32 with this many cases")
    g.add_argument("--chain", type=int, help="one function with a chain of this many blocks")
    g.add_argument("--live", type=int, help="this many values live across one block")
    g.add_argument("--nest", type=int, help="one if-nest this deep (a chain of jump-only joins)")
    g.add_argument("--diamonds", type=int, help="one function of this many diamonds in a row")
    g.add_argument("--strings", type=int, help="this many string globals, each used once")
    g.add_argument("--calls", type=int, help="this many functions, all called from @main")
    g.add_argument("--loop-nest", type=int, help="a nest of this many loops over alloca counters")
    g.add_argument("--value-nest", type=int, help="a nest of this many loops, each header's value read by its latch")
    g.add_argument("--eh-value-nest", type=int, help="--value-nest in a function with an EH handler")
    g.add_argument("--bool-chain", type=int, help="a chain of this many trunc1 (zext1 _) folds")
    g.add_argument("--externs", type=int, help="this many extern declarations")
    g.add_argument("--allocas", type=int, help="this many allocas in one entry block")
    g.add_argument("--call-chain", type=int, help="this many functions, each calling the next once")
    ap.add_argument("-o", "--output")
    args = ap.parse_args()
    if args.lines is not None:
        text, rc, info = many_functions(args.lines)
    elif args.many_params is not None:
        text, rc, info = many_params(args.many_params)
    elif args.switch is not None:
        text, rc, info = big_switch(args.switch)
    elif args.chain is not None:
        text, rc, info = block_chain(args.chain)
    elif args.live is not None:
        text, rc, info = many_live(args.live)
    elif args.nest is not None:
        text, rc, info = nested_ifs(args.nest)
    elif args.diamonds is not None:
        text, rc, info = diamonds(args.diamonds)
    elif args.strings is not None:
        text, rc, info = many_strings(args.strings)
    elif args.calls is not None:
        text, rc, info = many_calls(args.calls)
    elif args.loop_nest is not None:
        text, rc, info = loop_nest(args.loop_nest)
    elif args.value_nest is not None:
        text, rc, info = value_nest(args.value_nest)
    elif args.eh_value_nest is not None:
        text, rc, info = value_nest(args.eh_value_nest, eh=True)
    elif args.bool_chain is not None:
        text, rc, info = bool_chain(args.bool_chain)
    elif args.externs is not None:
        text, rc, info = many_externs(args.externs)
    elif args.allocas is not None:
        text, rc, info = many_allocas(args.allocas)
    elif args.call_chain is not None:
        text, rc, info = call_chain(args.call_chain)
    else:
        text, rc, info = huge_function(args.huge_insns)
    text = f"# generated by bench/gen_module.py ({info})\n# expect-rc: {rc}\n" + text
    if args.output:
        with open(args.output, "w") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    print(f"{info} lines={text.count(chr(10))} expect-rc={rc}", file=sys.stderr)


if __name__ == "__main__":
    main()
