#!/usr/bin/env python3
"""alternate.py [N] [VIPER] [SHARED]: whole-process wall time of `-S` and `-o x.o` for frogger and
sqldb_test, the two runs alternated N times (default 21) so load changes hit both alike; prints
the medians and the x.o / -S ratio (issue 14's line). Defaults: target/release/viper, ../shared."""
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

root = pathlib.Path(__file__).resolve().parent.parent
n = int(sys.argv[1]) if len(sys.argv) > 1 else 21
viper = sys.argv[2] if len(sys.argv) > 2 else str(root / "target/release/viper")
shared = pathlib.Path(sys.argv[3] if len(sys.argv) > 3 else root.parent / "shared")
progs = {
    "frogger": shared / "demos/frogger/prog.il",
    "sqldb_test": shared / "corpus/core/demos_basic_sqldb_test/prog.il",
}
with tempfile.TemporaryDirectory() as tmp:
    for name, p in progs.items():
        if not p.exists():
            continue
        t = {"S": [], "o": []}
        runs = (("S", ["-S", f"{tmp}/a.s"]), ("o", ["-o", f"{tmp}/a.o"]))
        for _ in range(n):
            for k, args in runs:
                s = time.perf_counter()
                subprocess.run([viper, "codegen", "arm64", str(p)] + args, check=True)
                t[k].append(time.perf_counter() - s)
        ms = statistics.median(t["S"]) * 1000
        mo = statistics.median(t["o"]) * 1000
        print(f"{name}: -S {ms:.1f} ms, -o x.o {mo:.1f} ms, ratio {mo / ms:.3f}")
