#!/usr/bin/env python3
"""ilsim: a small, slow reference interpreter for the IL subset the benchmarks use (self-test tool).

It gives an oracle for the exit codes that does not depend on our compiler or on the C twins:
`python3 bench/ilsim.py bench/programs/*.il` prints each program's exit code next to the
`# expect-rc:` it states, and exits 1 on any disagreement. Written from IL-SPEC §7 (checked
arithmetic traps, srem sign rules, shift masking, round-half-even fp->int, zero-filled alloca,
block-parameter parallel copies) and RUNTIME-ABI (Concat borrows, ToString_Int is decimal).
Supported: integer/float arithmetic and compares, casts used by the benchmarks, alloca/gep/load/
store of i64/i32/f64, calls to module functions and to a few runtime functions, br/cbr/switch.i32/
ret. Anything else is reported as unsupported (exit 2), never guessed.
"""
import re
import struct
import sys

I64_MIN, I64_MAX = -(1 << 63), (1 << 63) - 1


class Trap(Exception):
    pass


def wrap(v):
    v &= (1 << 64) - 1
    return v - (1 << 64) if v >> 63 else v


def chk(v, what):
    if not I64_MIN <= v <= I64_MAX:
        raise Trap(f"integer overflow in {what}")
    return v


def srem(a, b):
    if b == 0:
        raise Trap("divide by zero")
    r = abs(a) % abs(b)
    return -r if a < 0 else r


def sdiv(a, b):
    if b == 0:
        raise Trap("divide by zero")
    q = abs(a) // abs(b)
    return chk(q if (a < 0) == (b < 0) else -q, "sdiv.chk0")


def fp_to_si(x):
    if x != x or x in (float("inf"), float("-inf")):
        raise Trap("invalid fp operand")
    return chk(round(x), "cast.fp_to_si.rte.chk")


def narrow32(x):
    if not -(1 << 31) <= x < (1 << 31):
        raise Trap("value out of range in cast.si_narrow.chk")
    return x


BIN = {
    "iadd.ovf": lambda a, b: chk(a + b, "iadd.ovf"),
    "isub.ovf": lambda a, b: chk(a - b, "isub.ovf"),
    "imul.ovf": lambda a, b: chk(a * b, "imul.ovf"),
    "srem.chk0": srem,
    "sdiv.chk0": sdiv,
    "and": lambda a, b: a & b,
    "or": lambda a, b: a | b,
    "xor": lambda a, b: a ^ b,
    "shl": lambda a, b: wrap(a << (b & 63)),
    "ashr": lambda a, b: a >> (b & 63),
    "lshr": lambda a, b: wrap((a & ((1 << 64) - 1)) >> (b & 63)),
    "fadd": lambda a, b: a + b,
    "fsub": lambda a, b: a - b,
    "fmul": lambda a, b: a * b,
    "fdiv": lambda a, b: a / b,  # ZeroDivisionError (fdiv by zero) is reported as unsupported
    "icmp_eq": lambda a, b: int(a == b),
    "icmp_ne": lambda a, b: int(a != b),
    "scmp_lt": lambda a, b: int(a < b),
    "scmp_le": lambda a, b: int(a <= b),
    "scmp_gt": lambda a, b: int(a > b),
    "scmp_ge": lambda a, b: int(a >= b),
    "fcmp_eq": lambda a, b: int(a == b),
    "fcmp_ne": lambda a, b: int(not a == b),
    "fcmp_lt": lambda a, b: int(a < b),
    "fcmp_le": lambda a, b: int(a <= b),
    "fcmp_gt": lambda a, b: int(a > b),
    "fcmp_ge": lambda a, b: int(a >= b),
}
UN = {
    "sitofp": float,
    "cast.si_to_fp": float,
    "cast.fp_to_si.rte.chk": fp_to_si,
    "cast.si_narrow.chk": narrow32,
    "zext1": lambda a: a,
}
FMT = {"i64": "<q", "i32": "<i", "i16": "<h", "f64": "<d"}


class Mem:
    """Pointers are (buffer, offset); buffers are zero-filled bytearrays."""

    @staticmethod
    def load(ty, p):
        buf, off = p
        if ty in ("str", "ptr"):
            return buf.refs.get(off)
        return struct.unpack_from(FMT[ty], buf, off)[0]

    @staticmethod
    def store(ty, p, v):
        buf, off = p
        if ty in ("str", "ptr"):
            buf.refs[off] = v
        else:
            struct.pack_into(FMT[ty], buf, off, v)


class Buf(bytearray):
    def __init__(self, n):
        super().__init__(n)
        self.refs = {}


RUNTIME = {
    "Viper.Core.Convert.ToString_Int": lambda a: str(a),
    "rt_int_to_str": lambda a: str(a),
    "Viper.String.Concat": lambda a, b: (a or "") + (b or ""),
    "rt_str_concat": lambda a, b: (a or "") + (b or ""),
    "Viper.String.get_Length": lambda s: len((s or "").encode()),
    "Viper.String.Length": lambda s: len((s or "").encode()),
    "rt_str_len": lambda s: len((s or "").encode()),
    "Viper.String.ReleaseMaybe": lambda s: None,
    "rt_str_release_maybe": lambda s: None,
    "rt_alloc": lambda n: (Buf(max(n, 1)), 0),
}

def split_args(s):
    """Split on top-level commas (respecting parentheses)."""
    out, depth, cur = [], 0, ""
    for ch in s:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "," and depth == 0:
            out.append(cur.strip())
            cur = ""
        else:
            cur += ch
    if cur.strip():
        out.append(cur.strip())
    return out


def parse_target(t):
    t = t.strip().lstrip("^")
    m = re.fullmatch(r"([A-Za-z_.$][\w.$-]*)(?:\((.*)\))?", t)
    if not m:
        raise SyntaxError(f"bad branch target {t!r}")
    return m.group(1), split_args(m.group(2) or "")


class Func:
    def __init__(self, name):
        self.name, self.blocks, self.order = name, {}, []


def parse(text):
    funcs, globs, cur, blk = {}, {}, None, None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or line.startswith("//"):
            continue
        if cur is None:
            m = re.match(r'global (?:const )?str @(\S+) = "(.*)"$', line)
            if m:
                globs[m.group(1)] = m.group(2).encode().decode("unicode_escape")
                continue
            m = re.match(r"func @([^(]+)\(", line)
            if m:
                cur = funcs[m.group(1)] = Func(m.group(1))
            continue
        if line == "}":
            cur = None
            continue
        if line.endswith(":"):
            m = re.fullmatch(r"\^?([^(]+?)(?:\((.*)\))?:", line)
            params = [p.split(":")[0].strip().lstrip("%") for p in split_args(m.group(2) or "")]
            blk = (params, [])
            cur.blocks[m.group(1)] = blk
            cur.order.append(m.group(1))
            continue
        blk[1].append(line)
    return funcs, globs


class Interp:
    def __init__(self, text):
        self.funcs, self.globs = parse(text)
        self.steps = 0

    def val(self, env, tok):
        tok = tok.strip()
        if tok.startswith("%"):
            return env[tok[1:]]
        if tok in ("true", "false"):
            return int(tok == "true")
        if "." in tok or "e" in tok.lower() and not tok.lower().startswith("0x"):
            return float(tok)
        return int(tok, 0)

    def call(self, name, args):
        if name in RUNTIME:
            return RUNTIME[name](*args)
        f = self.funcs.get(name)
        if f is None:
            raise NotImplementedError(f"unknown callee @{name}")
        label = f.order[0]
        env = dict(zip(f.blocks[label][0], args))
        while True:
            params, insts = f.blocks[label]
            for line in insts:
                self.steps += 1
                res = None
                m = re.match(r"%([\w.$#]+)(?::(\w+))?\s*=\s*(.*)$", line)
                if m:
                    res, line = m.group(1), m.group(3)
                op, _, rest = line.partition(" ")
                if op in BIN:
                    a, b = [self.val(env, x) for x in rest.split(",")]
                    env[res] = BIN[op](a, b)
                elif op in UN:
                    env[res] = UN[op](self.val(env, rest))
                elif op == "alloca":
                    env[res] = (Buf(self.val(env, rest)), 0)
                elif op == "gep":
                    p, off = [x.strip() for x in rest.split(",")]
                    buf, o = env[p[1:]]
                    env[res] = (buf, o + self.val(env, off))
                elif op == "load":
                    ty, p = [x.strip() for x in rest.split(",")]
                    env[res] = Mem.load(ty, env[p[1:]])
                elif op == "store":
                    ty, p, v = [x.strip() for x in rest.split(",")]
                    Mem.store(ty, env[p[1:]], self.val(env, v))
                elif op == "const_str":
                    env[res] = self.globs[rest.strip()[1:]]
                elif op == "call":
                    cm = re.fullmatch(r"@([^(]+)\((.*)\)", rest.strip())
                    r = self.call(cm.group(1), [self.val(env, a) for a in split_args(cm.group(2))])
                    if res:
                        env[res] = r
                elif op == "ret":
                    return self.val(env, rest) if rest.strip() else 0
                elif op in ("br", "cbr", "switch.i32"):
                    parts = split_args(rest)
                    if op == "br":
                        target = parse_target(parts[0])
                    elif op == "cbr":
                        target = parse_target(parts[1] if self.val(env, parts[0]) else parts[2])
                    else:
                        s = self.val(env, parts[0])
                        target = parse_target(parts[1])
                        for case in parts[2:]:
                            v, t = case.split("->")
                            if int(v, 0) == s:
                                target = parse_target(t)
                    label, argtoks = target
                    vals = [self.val(env, a) for a in argtoks]
                    env.update(zip(f.blocks[label][0], vals))
                    break
                else:
                    raise NotImplementedError(f"unsupported instruction: {line}")
            else:
                raise SyntaxError(f"block {label} of @{f.name} has no terminator")


def main():
    bad = 0
    sys.setrecursionlimit(100000)
    for path in sys.argv[1:]:
        text = open(path).read()
        m = re.search(r"^#\s*expect-rc:\s*(\d+)", text, re.M)
        try:
            rc = Interp(text).call("main", []) & 255
            verdict = "" if m is None else ("ok" if int(m.group(1)) == rc else f"MISMATCH (states {m.group(1)})")
        except Trap as t:
            rc, verdict = 1, f"trap: {t}"
        except (NotImplementedError, SyntaxError, ZeroDivisionError) as e:
            print(f"{path}: unsupported: {e}")
            return 2
        bad += verdict not in ("", "ok")
        print(f"{path}: exit {rc} {verdict}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
