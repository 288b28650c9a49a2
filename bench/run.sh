#!/usr/bin/env bash
# Runs the code-quality and compile-speed benchmarks (see bench/README.md). All options are passed to
# bench.py: --check-determinism, --only NAME..., --no-quality, --no-speed, --runs N, --quick,
# --no-build, --viper PATH, --shared DIR. Build products go to bench/out/.
set -euo pipefail
exec python3 -u "$(cd "$(dirname "$0")" && pwd)/bench.py" "$@"
