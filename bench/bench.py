#!/usr/bin/env python3
"""Code-quality and compile-speed benchmarks for `viper codegen arm64` (entry point: bench/run.sh).

Code quality: every IL program of ../shared/bench (when present) and bench/programs is compiled with
viper and its C twin with aarch64-linux-gnu-gcc -O0 and -O2 (static, -ffp-contract=off); all are run
under qemu-aarch64 with the insncount plugin; exit codes are checked against the expected ones and
the empty-program baseline is subtracted. Compile speed: wall time (median of N runs) and peak RSS
of `viper codegen arm64 X.il -S out.s` on generated and corpus modules.

Invariants: python3 stdlib only; every build product goes to bench/out/ (never beside the sources,
never into ../shared, which is read-only); a missing tool or a failing compiler makes the affected
cells "n/a" with the reason printed, never a made-up number; the exit status is non-zero when any
exit code disagrees or the determinism check fails.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import speed

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUT = HERE / "out"
CC = "aarch64-linux-gnu-gcc"
SIZE = "aarch64-linux-gnu-size"
QEMU = "qemu-aarch64"
CFLAGS = ["-static", "-std=c11", "-Wall", "-Wextra", "-ffp-contract=off"]
EMPTY_IL = "il 0.2.0\n\nfunc @main() -> i64 {\nentry:\n  ret 0\n}\n"


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def run(cmd, **kw):
    """Run a command, capturing output; never raises for a non-zero status."""
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kw)


def shared_dir(args):
    d = Path(args.shared) if args.shared else REPO.parent / "shared"
    return d if d.is_dir() else None


class Tools:
    """What is available: insncount plugin, viper binary, runtime archive for the C twins."""

    def __init__(self, args):
        self.plugin = None
        self.plugin_why = ""
        self.viper = None
        self.viper_why = ""
        self.rt_archive = None
        self.args = args

    def build_insncount(self, shared):
        src = shared / "tools" / "insncount" / "insncount.c" if shared else None
        if not src or not src.is_file():
            self.plugin_why = "insncount sources not found (../shared/tools/insncount)"
            return
        if not shutil.which(QEMU):
            self.plugin_why = f"{QEMU} not found"
            return
        lib = OUT / "libinsncount.so"
        # build.sh writes beside itself (read-only share), so build the same way into out/.
        r = run(["gcc", "-O2", "-shared", "-fPIC", "-o", lib, src])
        if r.returncode != 0:
            self.plugin_why = "building insncount failed: " + r.stderr.strip()[:300]
            return
        self.plugin = lib

    def build_viper(self):
        if self.args.viper:
            self.viper = Path(self.args.viper)
        else:
            if not self.args.no_build:
                log("building viper (cargo build --release -p viper-cli) ...")
                r = run(["cargo", "build", "--release", "-p", "viper-cli"], cwd=REPO)
                if r.returncode != 0:
                    self.viper_why = "cargo build failed: " + r.stderr.strip()[-300:]
                    return
            self.viper = REPO / "target" / "release" / "viper"
        if not self.viper.is_file():
            self.viper, self.viper_why = None, f"no viper binary at {self.viper}"
            return
        # Probe: can it compile and link an empty program?
        probe = OUT / "probe"
        probe.mkdir(parents=True, exist_ok=True)
        (probe / "empty.il").write_text(EMPTY_IL)
        if (probe / "empty").exists():
            (probe / "empty").unlink()
        r = run([self.viper, "codegen", "arm64", probe / "empty.il", "-o", probe / "empty"])
        if r.returncode != 0 or not (probe / "empty").is_file():
            why = (r.stderr.strip() or r.stdout.strip()).splitlines()
            self.viper_why = "viper cannot compile an empty program: " + (
                why[0] if why else f"exit code {r.returncode}, no output written")
            self.viper = None

    def build_runtime_archive(self):
        """The C twins link the same runtime (string_build calls it), compiled as viper does (-O2)."""
        srcs = sorted((REPO / "runtime" / "src").glob("*.c"))
        if not srcs:
            return
        d = OUT / "rt"
        d.mkdir(parents=True, exist_ok=True)
        objs = []
        for s in srcs:
            o = d / (s.stem + ".o")
            if not o.exists() or o.stat().st_mtime < s.stat().st_mtime:
                r = run([CC, "-O2", "-std=c11", "-c", s, "-o", o])
                if r.returncode != 0:
                    log(f"runtime: {s.name} does not compile; C twins linked without the runtime")
                    return
            objs.append(o)
        lib = d / "libviper_rt.a"
        if lib.exists():
            lib.unlink()
        r = run(["aarch64-linux-gnu-ar", "rcs", lib] + objs)
        if r.returncode == 0:
            self.rt_archive = lib


class Bench:
    """One benchmark: an IL file, its C twin and the expected exit code."""

    def __init__(self, group, il, c, expected):
        self.group, self.il, self.c, self.expected = group, il, c, expected
        self.name = il.stem


def shared_expected(shared):
    """Expected exit codes from the table of ../shared/bench/README.md (last column)."""
    exp = {}
    readme = shared / "bench" / "README.md"
    if readme.is_file():
        for line in readme.read_text().splitlines():
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) >= 2 and re.fullmatch(r"[a-z_0-9]+", cells[0]) and cells[-1].isdigit():
                exp[cells[0]] = int(cells[-1])
    return exp


def own_expected(il):
    m = re.search(r"^#\s*expect-rc:\s*(\d+)\s*$", il.read_text(), re.M)
    return int(m.group(1)) if m else None


def collect(shared, only):
    benches = []
    if shared and (shared / "bench").is_dir():
        exp = shared_expected(shared)
        for il in sorted((shared / "bench").glob("*.il")):
            benches.append(Bench("shared", il, il.with_suffix(".c"), exp.get(il.stem)))
    for il in sorted((HERE / "programs").glob("*.il")):
        benches.append(Bench("own", il, il.with_suffix(".c"), own_expected(il)))
    if only:
        benches = [b for b in benches if b.name in only]
    return benches


def count(tools, exe, tag):
    """Run exe under qemu with the plugin: (insns or None, exit code)."""
    out = OUT / "counts" / f"{tag}.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.exists():
        out.unlink()
    if tools.plugin:
        cmd = [QEMU, "-plugin", f"{tools.plugin},out={out}", exe]
    else:
        cmd = [QEMU, exe]
    try:
        r = run(cmd, timeout=300)
    except subprocess.TimeoutExpired:
        return None, "timeout"
    insns = None
    if tools.plugin and out.exists():
        m = re.search(r"insns (\d+)", out.read_text())
        insns = int(m.group(1)) if m else None
    return insns, r.returncode


def text_bytes(obj):
    """Bytes of all .text* sections (gcc -O2 puts main into .text.startup)."""
    r = run([SIZE, "-A", obj])
    sizes = [int(p[1]) for p in (line.split() for line in r.stdout.splitlines())
             if len(p) >= 2 and (p[0] == ".text" or p[0].startswith(".text.")) and p[1].isdigit()]
    return sum(sizes) if r.returncode == 0 else None


def build_c(tools, src, opt, tag):
    """Static executable and object of a C twin; returns (exe, obj) or (None, reason)."""
    d = OUT / "c"
    d.mkdir(parents=True, exist_ok=True)
    exe, obj = d / tag, d / (tag + ".o")
    for f in (exe, obj):
        if f.exists():
            f.unlink()
    inc = ["-I", src.parent]
    r = run([CC, opt] + CFLAGS + inc + ["-c", src, "-o", obj])
    if r.returncode != 0:
        return None, r.stderr.strip()[:300]
    libs = [tools.rt_archive] if tools.rt_archive else []
    r = run([CC, opt] + CFLAGS + [obj, "-o", exe] + libs)
    if r.returncode != 0:
        return None, r.stderr.strip()[:300]
    return exe, obj


def build_ours(tools, il, tag):
    """viper verify, then executable and object; returns (exe, obj) or (None, reason)."""
    d = OUT / "ours"
    d.mkdir(parents=True, exist_ok=True)
    exe, obj = d / tag, d / (tag + ".o")
    r = run([tools.viper, "verify", il])
    if r.returncode != 0:
        return None, "verify: " + (r.stderr.strip() or r.stdout.strip())[:300]
    for out in (exe, obj):
        if out.exists():
            out.unlink()
        r = run([tools.viper, "codegen", "arm64", il, "-o", out, "--static"])
        if r.returncode != 0 or not out.is_file():
            return None, "codegen: " + ((r.stderr.strip() or r.stdout.strip())[:300] or "no output written")
    return exe, obj


def measure(tools, benches):
    """Rows of results plus a list of failures (mismatching or missing exit codes)."""
    failures = []
    d = OUT / "c"
    d.mkdir(parents=True, exist_ok=True)
    empty_c = d / "empty.c"
    empty_c.write_text("int main(void) { return 0; }\n")
    base = {}
    for opt in ("-O0", "-O2"):
        exe, _ = build_c(tools, empty_c, opt, "empty" + opt)
        base[opt] = count(tools, exe, "empty" + opt)[0] if exe else None
    if tools.viper:
        (OUT / "ours").mkdir(parents=True, exist_ok=True)
        empty_il = OUT / "ours" / "empty.il"
        empty_il.write_text(EMPTY_IL)
        exe, _ = build_ours(tools, empty_il, "empty")
        base["ours"] = count(tools, exe, "empty-ours")[0] if exe else None
    else:
        base["ours"] = None
    rows = []
    for b in benches:
        row = {"name": b.name, "group": b.group, "insns": {}, "text": {}, "note": []}
        variants = []
        if b.c.is_file():
            variants += [("-O0", lambda b=b: build_c(tools, b.c, "-O0", b.name + "-O0")),
                         ("-O2", lambda b=b: build_c(tools, b.c, "-O2", b.name + "-O2"))]
        else:
            row["note"].append("no C twin")
        if tools.viper:
            variants.append(("ours", lambda b=b: build_ours(tools, b.il, b.name)))
        for key, build in variants:
            log(f"  {b.name} [{key}]")
            exe, obj = build()
            if exe is None:
                row["note"].append(f"{key}: {obj}")
                failures.append(f"{b.name} [{key}]: build failed: {obj}")
                continue
            insns, rc = count(tools, exe, f"{b.name}{key}")
            if b.expected is not None and rc != b.expected:
                failures.append(f"{b.name} [{key}]: exit code {rc}, expected {b.expected}")
                row["note"].append(f"{key}: WRONG exit {rc}")
                continue
            if insns is not None and base.get(key) is not None:
                row["insns"][key] = insns - base[key]
            row["text"][key] = text_bytes(obj)
        if b.expected is None:
            row["note"].append("no expected exit code")
        rows.append(row)
    return rows, base, failures


def fmt_m(n):
    return "n/a" if n is None else f"{n / 1e6:.2f}"


def ratio(a, b):
    return "n/a" if a is None or not b else f"{a / b:.2f}x"


def print_quality(rows, base, tools):
    print("\n## Code quality (millions of executed AArch64 instructions, baseline subtracted)\n")
    print("baseline (empty main, subtracted): " + ", ".join(
        f"{k} {base[k]:,} insns" if base.get(k) is not None else f"{k} n/a" for k in ("ours", "-O0", "-O2")))
    if not tools.plugin:
        print(f"instruction counts unavailable: {tools.plugin_why}")
    if not tools.viper:
        print(f"our compiler unavailable: {tools.viper_why}")
    print()
    print("| program | ours | gcc -O0 | gcc -O2 | ours/O2 | ours/O0 | .text ours | .text O0 | .text O2 | notes |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        i, t = r["insns"], r["text"]
        cells = [f"{r['name']}" + (" (shared)" if r["group"] == "shared" else ""),
                 fmt_m(i.get("ours")), fmt_m(i.get("-O0")), fmt_m(i.get("-O2")),
                 ratio(i.get("ours"), i.get("-O2")), ratio(i.get("ours"), i.get("-O0")),
                 *(str(t.get(k)) if t.get(k) is not None else "n/a" for k in ("ours", "-O0", "-O2")),
                 "; ".join(r["note"])]
        print("| " + " | ".join(cells) + " |")
    print("\n.text = bytes of the program's own object (viper `-o X.o` / gcc -c), runtime and libc excluded.")


def check_determinism(tools, benches):
    """Counts of the same binary twice, and the assembly of the same input twice, must be identical."""
    ok = True
    b = next((b for b in benches if b.name == "fib"), benches[0] if benches else None)
    if b is None:
        return True
    exe, _ = build_c(tools, b.c, "-O2", b.name + "-det")
    pairs = []
    if exe:
        pairs.append(("gcc -O2", exe))
    if tools.viper:
        oexe, _ = build_ours(tools, b.il, b.name + "-det")
        if oexe:
            pairs.append(("ours", oexe))
            s1, s2 = OUT / "det1.s", OUT / "det2.s"
            for s in (s1, s2):
                run([tools.viper, "codegen", "arm64", b.il, "-S", s])
            same = s1.is_file() and s1.read_bytes() == s2.read_bytes()
            print(f"determinism: assembly of {b.name} identical across two compiles: {same}")
            ok &= same
    if not tools.plugin:
        print("determinism: instruction counts unavailable")
        return ok
    for label, e in pairs:
        c1, c2 = count(tools, e, "det-a")[0], count(tools, e, "det-b")[0]
        same = c1 is not None and c1 == c2
        print(f"determinism: {b.name} [{label}] counts {c1} and {c2}: {'identical' if same else 'DIFFERENT'}")
        ok &= same
    return ok


def objects_table(tools, shared):
    """The object-file and link table: `-S`, `-o x.o`, `-o exe`, direct and `--via-asm`, with the
    link time (exe - x.o); whole-process wall ms, median of 5 (bench/objects.sh)."""
    print("\n## Object files and linking (wall ms, median of 5; link = exe - x.o)\n")
    if not tools.viper:
        print(f"n/a: {tools.viper_why}")
        return []
    r = subprocess.run(["bash", str(HERE / "objects.sh"), str(tools.viper), str(shared)],
                       capture_output=True, text=True)
    print(r.stdout, end="")
    if r.returncode != 0:
        return [f"objects.sh failed: {r.stderr.strip()[:200]}"]
    return []


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check-determinism", action="store_true",
                    help="self-test: count one program twice (and compile it twice), compare, exit")
    ap.add_argument("--only", nargs="*", help="run only these benchmark names (code quality)")
    ap.add_argument("--no-quality", action="store_true", help="skip the code-quality table")
    ap.add_argument("--no-speed", action="store_true", help="skip the compile-speed table")
    ap.add_argument("--no-objects", action="store_true",
                    help="skip the object-file and link table (bench/objects.sh)")
    ap.add_argument("--runs", type=int, default=5, help="compile-speed runs per input (median)")
    ap.add_argument("--speed-timeout", type=float, default=60.0,
                    help="compile-speed: give up on one compilation after this many seconds")
    ap.add_argument("--quick", action="store_true", help="compile speed: skip the 1M-line and 200k inputs")
    ap.add_argument("--no-build", action="store_true", help="use target/release/viper as it is")
    ap.add_argument("--viper", help="path of the viper binary to measure")
    ap.add_argument("--shared", help="the shared folder (default ../shared beside the repository)")
    args = ap.parse_args()

    OUT.mkdir(parents=True, exist_ok=True)
    shared = shared_dir(args)
    tools = Tools(args)
    tools.build_insncount(shared)
    tools.build_viper()
    tools.build_runtime_archive()
    if not tools.plugin:
        log(f"note: instruction counts unavailable: {tools.plugin_why}")
    if not tools.viper:
        log(f"note: our compiler unavailable: {tools.viper_why}")
    benches = collect(shared, args.only)
    started = time.time()
    if args.check_determinism:
        ok = check_determinism(tools, benches)
        print("determinism check:", "PASS" if ok else "FAIL")
        return 0 if ok else 1
    failures = []
    if not args.no_quality:
        rows, base, failures = measure(tools, benches)
        print_quality(rows, base, tools)
    if not args.no_speed:
        failures += speed.run_all(tools.viper, tools.viper_why, shared, OUT / "gen", args.runs, args.quick, HERE,
                                  args.speed_timeout)
    if not args.no_objects:
        failures += objects_table(tools, shared)
    print(f"\ntotal time {time.time() - started:.0f} s")
    if failures:
        print("\nFAILURES:")
        for f in failures:
            print("  " + f)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
