#!/usr/bin/env bash
# Builds the runtime once into an archive with the flags `viper` uses for it (plus -Werror, so an
# implicit declaration cannot slip through), then builds every runtime/tests/test_*.c against it,
# runs each (in its own empty directory) and prints a total.
# Usage: runtime/tests/run.sh            (cross: aarch64-linux-gnu-gcc -static + qemu-aarch64 when present)
#        CC=cc RUNNER= runtime/tests/run.sh   (host build, for quick iteration)
#        runtime/tests/run.sh test_threads    (only the named tests)
set -u
here=$(cd "$(dirname "$0")" && pwd)
src="$here/../src"
if [ -z "${CC:-}" ]; then
  if command -v aarch64-linux-gnu-gcc >/dev/null && [ "$(uname -m)" != aarch64 ]; then
    CC="aarch64-linux-gnu-gcc -static"; AR=${AR:-aarch64-linux-gnu-ar}; RUNNER=${RUNNER-qemu-aarch64}
  else
    CC=cc; RUNNER=${RUNNER-}
  fi
fi
AR=${AR:-ar}
RUNNER=${RUNNER-}
jobs=$(nproc 2>/dev/null || echo 2)
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
# The flags of codegen_api::link (the runtime as `viper` builds it), and -Werror.
RTFLAGS="-O2 -std=c11 -Wall -Wextra -Werror"
mkdir -p "$out/obj"
if ! ls "$src"/*.c | xargs -P "$jobs" -I{} sh -c \
    'f={}; b=$(basename "$f" .c); '"$CC"' '"$RTFLAGS"' -c "$f" -o "'"$out"'/obj/$b.o" 2>"'"$out"'/obj/$b.log" || { cat "'"$out"'/obj/$b.log"; echo "runtime: $b.c does not compile"; exit 255; }'; then
  echo "runtime: 0 passed, 1 failed"
  exit 1
fi
$AR rcs "$out/libviper_rt.a" "$out"/obj/*.o
total_pass=0; total_fail=0; status=0
for t in "$here"/test_*.c; do
  [ -e "$t" ] || continue
  name=$(basename "$t" .c)
  if [ $# -gt 0 ] && ! printf '%s\n' "$@" | grep -qx "$name"; then continue; fi
  # Tests use POSIX (fork, pipes) and the runtime's internal headers.
  if ! $CC -std=c11 -D_POSIX_C_SOURCE=200809L -O1 -g -Wall -Wextra -I"$src" -DCHECK_MAIN \
      "$t" "$out/libviper_rt.a" -o "$out/$name" -lm 2>"$out/$name.log"; then
    cat "$out/$name.log"; echo "$name: BUILD FAILED"; status=1; total_fail=$((total_fail+1)); continue
  fi
  mkdir -p "$out/run-$name"
  (cd "$out/run-$name" && $RUNNER "$out/$name") >"$out/$name.out" 2>"$out/$name.err"
  rc=$?
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$out/$name.out" | tail -1)
  p=$(echo "$line" | awk '{print $1}'); f=$(echo "$line" | awk '{print $3}')
  p=${p:-0}; f=${f:-1}
  total_pass=$((total_pass+p)); total_fail=$((total_fail+f))
  if [ $rc -ne 0 ]; then status=1; head -30 "$out/$name.err"; fi
  echo "$name: $p passed, $f failed"
done
echo "runtime: $total_pass passed, $total_fail failed"
exit $status
