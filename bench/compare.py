#!/usr/bin/env python3
"""compare.py N OLD NEW FILE...: two `viper` binaries (e.g. a build of the session's first commit
and target/release/viper) run `codegen arm64 FILE -S out.s` alternately N times per file, so load
changes hit both alike; prints per binary and file the median and minimum wall ms and the median
and maximum peak RSS (MB, from wait4's ru_maxrss)."""
import os
import statistics
import subprocess
import sys
import tempfile
import time

if len(sys.argv) < 5:
    sys.exit(__doc__)
n = int(sys.argv[1])
bins = sys.argv[2:4]
with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, "out.s")
    for f in sys.argv[4:]:
        res = {b: ([], []) for b in bins}
        for _ in range(n):
            for b in bins:
                start = time.perf_counter()
                p = subprocess.Popen([b, "codegen", "arm64", f, "-S", out], stdout=subprocess.DEVNULL)
                _, status, usage = os.wait4(p.pid, 0)
                ms = (time.perf_counter() - start) * 1000
                if status != 0:
                    sys.exit(f"{b} failed on {f} (status {status})")
                res[b][0].append(ms)
                res[b][1].append(usage.ru_maxrss / 1024)
        for b in bins:
            t, m = res[b]
            print(f"{os.path.basename(f):28s} {b:32s} median {statistics.median(t):8.1f} ms"
                  f"  min {min(t):8.1f}  peak median {statistics.median(m):6.1f}  max {max(m):6.1f} MB")
