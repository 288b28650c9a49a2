"""Compile-speed table for bench/run.sh: wall time and peak RSS of `viper codegen arm64 X.il -S out.s`.

Inputs: ../shared/bench/gen_big_il.py output (~100k lines), bench/gen_module.py modules of 10k, 100k
and 1M lines, single functions of 10k, 50k and 200k instructions, the issue-15 pathological shapes
(many parameters, a big switch, a long chain of blocks, many values live across a block, a deep
if-nest, diamonds in a row, many string globals, many called functions, a deep loop nest, a deep nest of loop values (also in a function with a handler), a chain of truth-value folds, many externs, many allocas, a long call chain; each at
doubling sizes, with the time ratio per doubling), the many-functions shape again built as an object
with debug information (`-o x.o -g`), and the largest corpus program.
Each input is first checked with `viper verify`; the generated ones small enough to run are also
compiled to executables and run under qemu against the exit code the generator states.
Timing: the median of N runs (wall clock around the child process); peak RSS comes from the
child's rusage (os.wait4), so no extra process is measured. Invariant: no number is printed for
an input whose compilation failed.
"""
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

SLOW = 10.0  # seconds: an input slower than this is timed once, not N times
CORPUS_BIG = Path("corpus") / "core" / "demos_basic_sqldb_test" / "prog.il"


def _log(msg):
    print(msg, file=sys.stderr, flush=True)


def timed(cmd, timeout):
    """Run cmd (stdout discarded, stderr kept); returns (seconds, peak RSS in KiB, status, stderr),
    status None when it was killed after `timeout` seconds."""
    with tempfile.TemporaryFile() as errf:
        t0 = time.perf_counter()
        p = subprocess.Popen([str(c) for c in cmd], stdout=subprocess.DEVNULL, stderr=errf)
        timer = threading.Timer(timeout, p.kill)
        timer.start()
        _, status, usage = os.wait4(p.pid, 0)
        dt = time.perf_counter() - t0
        timed_out = not timer.is_alive()
        timer.cancel()
        p.returncode = os.waitstatus_to_exitcode(status)
        errf.seek(0)
        err = errf.read().decode(errors="replace")
    return dt, usage.ru_maxrss, None if timed_out else p.returncode, err


def generate(shared, gendir, here, quick):
    """(label, path) of every input, generating those that do not exist yet."""
    gendir.mkdir(parents=True, exist_ok=True)
    inputs = []
    big_gen = shared / "bench" / "gen_big_il.py" if shared else None
    if big_gen and big_gen.is_file():
        out = gendir / "big.il"
        if not out.exists():
            subprocess.run([sys.executable, big_gen, "-o", out], check=True, capture_output=True)
        inputs.append(("gen_big_il.py (shared)", out, None, "S"))
    # (gen_module.py flag, file stem, sizes, sizes added without --quick, label)
    shapes = [
        ("--lines", "module", [10_000, 100_000], [1_000_000], lambda n: f"module {n // 1000}k lines"),
        ("--huge-insns", "huge", [10_000, 50_000], [200_000], lambda n: f"one function {n // 1000}k insns"),
        # The issue-15 shapes, up to its largest sizes (each must stay <= 1 s, ~2x per doubling).
        ("--many-params", "params", [2_500, 5_000], [10_000], lambda n: f"function of {n} params"),
        ("--switch", "switch", [6_250, 12_500], [25_000, 50_000], lambda n: f"switch.i32 of {n} cases"),
        ("--chain", "chain", [12_500, 25_000], [50_000, 100_000, 200_000],
         lambda n: f"chain of {n} blocks"),
        ("--live", "live", [3_125, 6_250], [12_500, 25_000], lambda n: f"{n} values live across a block"),
        # Shapes found by hostile-input runs (session 20): none may be superlinear either.
        ("--nest", "nest", [12_500, 25_000], [50_000], lambda n: f"if-nest {n} deep"),
        ("--diamonds", "diamonds", [12_500, 25_000], [50_000], lambda n: f"{n} diamonds in a row"),
        ("--strings", "strings", [12_500, 25_000], [50_000], lambda n: f"{n} string globals"),
        ("--calls", "calls", [12_500, 25_000], [50_000], lambda n: f"{n} functions called from main"),
        ("--loop-nest", "loopnest", [2_000, 4_000], [8_000, 16_000], lambda n: f"loop nest {n} deep"),
        # Session 21: values of enclosing loops live through the inner nest (quadratic liveness).
        ("--value-nest", "valuenest", [2_000, 4_000], [8_000, 16_000], lambda n: f"value nest {n} deep"),
        # Session 22: the same in a function with a handler (its emission copied the EH site
        # table at every EH instruction: 16000 deep took 4.3 s).
        ("--eh-value-nest", "ehvaluenest", [2_000, 4_000], [8_000, 16_000],
         lambda n: f"value nest {n} deep, with EH"),
        ("--bool-chain", "boolchain", [25_000, 50_000], [100_000, 200_000],
         lambda n: f"chain of {n} trunc1/zext1 folds"),
        ("--externs", "externs", [12_500, 25_000], [50_000, 100_000], lambda n: f"{n} externs"),
        ("--allocas", "allocas", [12_500, 25_000], [50_000, 100_000], lambda n: f"{n} allocas"),
        ("--call-chain", "callchain", [12_500, 25_000], [50_000, 100_000], lambda n: f"call chain of {n} functions"),
    ]
    for flag, stem, sizes, more, label in shapes:
        for n in sizes + ([] if quick else more):
            out = gendir / f"{stem}_{n}.il"
            if not out.exists():
                subprocess.run([sys.executable, here / "gen_module.py", flag, str(n), "-o", out],
                               check=True, capture_output=True)
            inputs.append((label(n), out, (stem, n), "S"))
    # An object with debug information (session 22: DWARF scanned every line row per function,
    # n functions cost n^2; 50k functions took 3.8 s).
    for n in [12_500, 25_000] + ([] if quick else [50_000]):
        inputs.append((f"{n} functions called from main, `-o x.o -g`", gendir / f"calls_{n}.il",
                       ("calls-og", n), "og"))
    if shared and (shared / CORPUS_BIG).is_file():
        inputs.append(("corpus sqldb_test (largest)", shared / CORPUS_BIG, None, "S"))
    return inputs



def count_lines(path):
    """Newlines in `path`, read in chunks: the children's peak RSS includes this process's own
    (Linux keeps the parent's high-water mark across fork + exec), so it must stay small."""
    n = 0
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            n += chunk.count(b"\n")
    return n


def expected_rc(path):
    with open(path) as f:
        for _ in range(5):
            m = re.match(r"#\s*expect-rc:\s*(\d+)", f.readline())
            if m:
                return int(m.group(1))
    return None


def run_generated(viper, path, gendir):
    """Compile a generated module to an executable and run it; returns a short verdict."""
    exp = expected_rc(path)
    if exp is None:
        return "no expect-rc"
    exe = gendir / (path.stem + ".exe")
    r = subprocess.run([viper, "codegen", "arm64", path, "-o", exe, "--static"], capture_output=True, text=True)
    if r.returncode != 0:
        return "build failed: " + r.stderr.strip()[:200]
    r = subprocess.run(["qemu-aarch64", exe], capture_output=True, timeout=300)
    return "runs, exit code OK" if r.returncode == exp else f"WRONG exit code {r.returncode} (expected {exp})"


def run_all(viper, why, shared, gendir, runs, quick, here, timeout):
    """Print the compile-speed table; returns a list of failure strings."""
    print("\n## Compile speed (`viper codegen arm64 X.il -S out.s`, whole process)\n")
    inputs = generate(shared, gendir, here, quick)
    if viper is None:
        print(f"not measured: {why}")
        print("inputs generated: " + ", ".join(str(p) for _, p, _, _ in inputs))
        return []
    failures = []
    asm = gendir / "out.s"
    print(f"| input | lines | MB | median ms (of {runs}) | min ms | x per doubling | lines/s | MB/s | "
          "peak RSS MB | notes |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    prev = {}  # shape -> (size, median) of the previous input of that shape; key = (shape, size)
    for label, path, key, mode in inputs:
        lines, mb = count_lines(path), path.stat().st_size / 1e6
        _log(f"  compile speed: {label}")
        notes = []
        v = subprocess.run([viper, "verify", path], capture_output=True, text=True)
        if v.returncode != 0:
            msg = (v.stderr.strip() or v.stdout.strip()).splitlines()
            notes.append("verify failed: " + (msg[0] if msg else "?"))
            failures.append(f"{label}: viper verify failed")
        times, rss, err = [], [], None
        for _ in range(runs):
            out = ["-S", asm] if mode == "S" else ["-o", gendir / "out.o", "-g"]
            dt, kib, status, stderr = timed([viper, "codegen", "arm64", path] + out, timeout)
            if status is None:
                err = f"timed out (> {timeout:g} s)"
                break
            if status != 0:
                err = stderr.strip().splitlines()[0] if stderr.strip() else f"exit {status}"
                break
            times.append(dt)
            rss.append(kib)
            if dt > SLOW:
                notes.append(f"{len(times)} run(s): > {SLOW:g} s each")
                break
        if err:
            if not err.startswith("timed out"):  # a timeout is a (bad) measurement, not a failure
                failures.append(f"{label}: codegen failed: {err}")
                err = "codegen failed: " + err
            print(f"| {label} | {lines} | {mb:.2f} | n/a | n/a | n/a | n/a | n/a | n/a | {err} |")
            continue
        med = statistics.median(times)
        # Growth: time ratio to the same shape at half the size (2.0 = linear).
        growth = ""
        if key:
            shape, n = key
            if shape in prev and prev[shape][0] * 2 == n:
                growth = f"{med / prev[shape][1]:.2f}"
            prev[shape] = (n, med)
        if path.parent == gendir and lines <= 120_000 and "big" not in path.name and mode == "S":
            verdict = run_generated(viper, path, gendir)
            notes.append(verdict)
            if not verdict.startswith("runs"):
                failures.append(f"{label}: {verdict}")
        print(f"| {label} | {lines} | {mb:.2f} | {med * 1e3:.1f} | {min(times) * 1e3:.1f} | {growth} | "
              f"{lines / med:,.0f} | {mb / med:.1f} | {max(rss) / 1024:.1f} | {'; '.join(notes)} |")
    big = next((p for label, p, _, _ in inputs if "shared" in label), None)
    if big:
        _, _, status, stderr = timed([viper, "codegen", "arm64", big, "-S", asm, "--time-passes"], timeout)
        if status == 0 and stderr.strip():
            print(f"\n`--time-passes` on {big.name}, summed over functions:\n\n```\n{sum_passes(stderr)}\n```")
    return failures


def sum_passes(text):
    """Sum `pass NAME  T ms` lines by NAME (other lines are kept as they are)."""
    sums, other = {}, []
    for line in text.splitlines():
        m = re.match(r"\s*pass\s+(\S+)\s+([0-9.]+)\s*ms\s*$", line)
        if m:
            n, t = sums.get(m.group(1), (0, 0.0))
            sums[m.group(1)] = (n + 1, t + float(m.group(2)))
        elif line.strip():
            other.append(line.rstrip())
    rows = [f"{name:<24} {t:10.1f} ms  ({n} functions)" for name, (n, t) in sorted(sums.items())]
    return "\n".join(rows + other)
