#!/usr/bin/env bash
# Builds the runtime and every runtime/tests/test_*.c against it, runs each, and prints a total.
# Usage: runtime/tests/run.sh            (cross: aarch64-linux-gnu-gcc -static + qemu-aarch64 when present)
#        CC=cc RUNNER= runtime/tests/run.sh   (host build, for quick iteration)
set -u
here=$(cd "$(dirname "$0")" && pwd)
src="$here/../src"
if [ -z "${CC:-}" ]; then
  if command -v aarch64-linux-gnu-gcc >/dev/null && [ "$(uname -m)" != aarch64 ]; then
    CC="aarch64-linux-gnu-gcc -static"; RUNNER=${RUNNER-qemu-aarch64}
  else
    CC=cc; RUNNER=${RUNNER-}
  fi
fi
RUNNER=${RUNNER-}
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
total_pass=0; total_fail=0; status=0
for t in "$here"/test_*.c; do
  [ -e "$t" ] || continue
  name=$(basename "$t" .c)
  if ! $CC -std=c11 -D_POSIX_C_SOURCE=200809L -O1 -g -Wall -Wextra -I"$src" -DCHECK_MAIN \
      "$t" "$src"/*.c -o "$out/$name" -lm 2>"$out/$name.log"; then
    cat "$out/$name.log"; echo "$name: BUILD FAILED"; status=1; total_fail=$((total_fail+1)); continue
  fi
  (cd "$out" && $RUNNER "$out/$name") >"$out/$name.out" 2>"$out/$name.err"
  rc=$?
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$out/$name.out" | tail -1)
  p=$(echo "$line" | awk '{print $1}'); f=$(echo "$line" | awk '{print $3}')
  p=${p:-0}; f=${f:-1}
  total_pass=$((total_pass+p)); total_fail=$((total_fail+f))
  if [ $rc -ne 0 ]; then status=1; cat "$out/$name.err" | head -30; fi
  echo "$name: $p passed, $f failed"
done
echo "runtime: $total_pass passed, $total_fail failed"
exit $status
