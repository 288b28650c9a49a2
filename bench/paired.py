#!/usr/bin/env python3
"""paired.py N OLD NEW FILE [--phase NAME]: A/B of two `viper` builds on a noisy host.

Runs `viper codegen --time-passes -S <tmp> arm64 FILE` with OLD and NEW back to back N times,
the order flipped every pair, and compares the pairs: the host's slow and fast phases (this
machine kind varies by a factor of 1.5 within minutes) hit both runs of a pair alike, so the
per-pair difference shows what the unpaired minimum and median cannot. Measures the
`--time-passes` line NAME (default `parse+verify`), or the whole process's wall time with
`--phase wall`. Prints each build's min / p25 / median, the median (p25, p75) of NEW - OLD per
pair, and in how many pairs NEW was faster (about N/2 when the builds do not differ; with 200
pairs, 115 or more is a difference at the 5 % level, two-sided sign test).
"""
import statistics
import subprocess
import sys
import tempfile
import time


def measure(viper, path, out, phase):
    start = time.perf_counter()
    p = subprocess.run(
        [viper, "codegen", "--time-passes", "-S", out, "arm64", path],
        capture_output=True,
        text=True,
    )
    wall = (time.perf_counter() - start) * 1e3
    if p.returncode != 0:
        sys.exit(f"{viper} failed on {path}:\n{p.stderr}")
    if phase == "wall":
        return wall
    for line in p.stderr.splitlines():
        words = line.split()
        if len(words) >= 3 and words[0] == "time" and words[1] == phase:
            return float(words[2])
    sys.exit(f"{viper}: no '--time-passes' line '{phase}'")


def summary(v):
    v = sorted(v)
    return f"min {v[0]:.2f} p25 {v[len(v) // 4]:.2f} median {statistics.median(v):.2f}"


def main():
    args = sys.argv[1:]
    phase = "parse+verify"
    if "--phase" in args:
        k = args.index("--phase")
        phase = args[k + 1]
        del args[k : k + 2]
    if len(args) != 4:
        sys.exit(__doc__)
    n, old, new, path = int(args[0]), args[1], args[2], args[3]
    a, b, d = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        out = f"{tmp}/out.s"
        for i in range(n):
            if i % 2:
                y = measure(new, path, out, phase)
                x = measure(old, path, out, phase)
            else:
                x = measure(old, path, out, phase)
                y = measure(new, path, out, phase)
            a.append(x)
            b.append(y)
            d.append(y - x)
    d.sort()
    print(f"OLD {old}: {summary(a)} ms")
    print(f"NEW {new}: {summary(b)} ms")
    print(
        f"NEW - OLD per pair: median {statistics.median(d):+.2f} ms "
        f"(p25 {d[n // 4]:+.2f}, p75 {d[3 * n // 4]:+.2f}); "
        f"NEW faster in {sum(1 for x in d if x < 0)} of {n}"
    )


if __name__ == "__main__":
    main()
