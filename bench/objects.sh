#!/usr/bin/env bash
# objects.sh — whole-process wall time (ms, median of 5 after one warm-up run) of `-S`, `-o x.o`,
# `-o exe` on the direct object path and with `--via-asm`, for frogger and the largest corpus
# program; the link time is `-o exe` minus `-o x.o`. Usage: bench/objects.sh [VIPER] (default:
# target/release/viper) [SHARED] (default: ../shared beside the repository). Also run by bench/run.sh.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
viper=${1:-$root/target/release/viper}
shared=${2:-$root/../shared}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
median() { printf '%s\n' "$@" | sort -n | sed -n 3p; }
echo "| program | -S | -o x.o | -o x.o --via-asm | -o exe | -o exe --via-asm | link (exe - x.o) |"
echo "|---|---|---|---|---|---|---|"
for p in "$shared/demos/frogger/prog.il" "$shared/corpus/core/demos_basic_sqldb_test/prog.il"; do
  [ -f "$p" ] || continue
  row="| $(basename "$(dirname "$p")")"
  declare -a med=()
  for args in "-S $tmp/m.s" "-o $tmp/m.o" "-o $tmp/m.o --via-asm" "-o $tmp/m" "-o $tmp/m --via-asm"; do
    # shellcheck disable=SC2086
    ms "$viper" codegen arm64 "$p" $args >/dev/null
    t=()
    # shellcheck disable=SC2086
    for _ in 1 2 3 4 5; do t+=("$(ms "$viper" codegen arm64 "$p" $args)"); done
    m=$(median "${t[@]}"); med+=("$m"); row="$row | $m"
  done
  echo "$row | $(( med[3] - med[1] )) |"
done
