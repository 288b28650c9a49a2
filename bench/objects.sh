#!/usr/bin/env bash
# objects.sh — whole-process wall time (ms, median) of `-S`, `-o x.o`, `-o exe` on the direct object
# path and with `--via-asm`, for frogger and the largest corpus program; the link time is `-o exe`
# minus `-o x.o`, and `x.o/-S` is issue 14's ratio. The configurations are alternated, one run of
# each per round (after one warm-up round), so that a change of the machine's load hits all of
# them alike; OBJECTS_RUNS rounds (default 21). Usage: bench/objects.sh [VIPER] (default:
# target/release/viper) [SHARED] (default: ../shared beside the repository). Also run by
# bench/run.sh.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
viper=${1:-$root/target/release/viper}
shared=${2:-$root/../shared}
runs=${OBJECTS_RUNS:-21}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# Microseconds of one run.
us() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000 )); }
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
ms() { printf '%d.%d' $(( $1 / 1000 )) $(( $1 % 1000 / 100 )); }
configs=("-S $tmp/m.s" "-o $tmp/m.o" "-o $tmp/m.o --via-asm" "-o $tmp/m" "-o $tmp/m --via-asm")
echo "| program | -S | -o x.o | -o x.o --via-asm | -o exe | -o exe --via-asm | link (exe - x.o) | x.o/-S |"
echo "|---|---|---|---|---|---|---|---|"
for p in "$shared/demos/frogger/prog.il" "$shared/corpus/core/demos_basic_sqldb_test/prog.il"; do
  [ -f "$p" ] || continue
  declare -a all=()
  for round in $(seq 0 "$runs"); do
    for k in "${!configs[@]}"; do
      # shellcheck disable=SC2086
      t=$(us "$viper" codegen arm64 "$p" ${configs[$k]})
      [ "$round" -gt 0 ] && all[k]="${all[k]:-} $t"
    done
  done
  row="| $(basename "$(dirname "$p")")"
  declare -a med=()
  for k in "${!configs[@]}"; do
    # shellcheck disable=SC2086
    m=$(median ${all[k]}); med+=("$m"); row="$row | $(ms "$m")"
  done
  ratio=$(( med[1] * 1000 / med[0] ))
  echo "$row | $(ms $(( med[3] - med[1] ))) | $(( ratio / 1000 )).$(printf '%03d' $(( ratio % 1000 ))) |"
done
