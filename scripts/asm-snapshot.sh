#!/usr/bin/env bash
# asm-snapshot.sh — proves a refactoring output-neutral: prints one line per corpus/demo program and
# OS, `<sha256 of the -S output>  <os>/<program>`, for every prog.il under ../shared/corpus/*/ and
# ../shared/demos/*/ (programs the compiler rejects get `error` instead of a hash).
#
# Usage: scripts/asm-snapshot.sh [VIPER] > before.txt   (default VIPER: target/release/viper)
#        ... change the code, rebuild ...
#        scripts/asm-snapshot.sh > after.txt && diff before.txt after.txt && wc -l after.txt
# Extra flags for every compile can be passed in $VIPER_FLAGS (e.g. "-O0").
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
viper=${1:-$root/target/release/viper}
shared="$root/../shared"
[ -x "$viper" ] || { echo "asm-snapshot.sh: $viper not found (cargo build --release -p viper-cli)" >&2; exit 2; }
[ -d "$shared" ] || { echo "asm-snapshot.sh: $shared not found" >&2; exit 2; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for prog in "$shared"/corpus/*/*/prog.il "$shared"/demos/*/prog.il; do
  rel=${prog#"$shared"/}; rel=${rel%/prog.il}
  for os in linux darwin; do
    # shellcheck disable=SC2086
    if "$viper" codegen arm64 "$prog" --os "$os" ${VIPER_FLAGS:-} -S "$tmp/out.s" 2>/dev/null; then
      echo "$(sha256sum <"$tmp/out.s" | cut -c1-64)  $os/$rel"
    else
      echo "error  $os/$rel"
    fi
  done
done
