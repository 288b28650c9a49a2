#!/usr/bin/env bash
# missing_symbols.sh — lists the runtime C symbols that the corpus/demo programs call but that
# runtime/src/*.c does not define, with how many programs need each (most needed first).
#
# For every program under ../shared/corpus/{core,extended}/*/ and ../shared/demos/*/ (relative to
# the repository root) it collects the `extern @NAME` declarations of prog.il that the program
# references (a declared but never used extern needs no symbol) plus meta.json's
# "runtime_calls", maps each IL name to its C symbol with il/src/runtime_sigs/table.rs (names that
# are not in the table are used as-is, e.g. `rt_*` externs), compiles runtime/src/*.c to objects
# and compares with the defined symbols (nm). Usage: runtime/tools/missing_symbols.sh [-v]
#   -v  also print, for each missing symbol, its IL name and the programs that need it.
# Output: `<count> <c_symbol> <il_name>` lines, then a summary line. Exit status 0.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
shared="$root/../shared"
verbose=0; [ "${1:-}" = "-v" ] && verbose=1
if [ ! -d "$shared/corpus" ]; then
  echo "missing_symbols.sh: $shared/corpus not found (the shared corpus is not available here); nothing to check."
  exit 0
fi
table="$root/il/src/runtime_sigs/table.rs"
[ -f "$table" ] || { echo "missing_symbols.sh: $table not found" >&2; exit 2; }
if command -v aarch64-linux-gnu-gcc >/dev/null; then CC=${CC:-aarch64-linux-gnu-gcc}; NM=${NM:-aarch64-linux-gnu-nm};
else CC=${CC:-cc}; NM=${NM:-nm}; fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# IL name -> C symbol
sed -n 's/^ *s("\([^"]*\)", "\([^"]*\)".*/\1 \2/p' "$table" | sort -u >"$tmp/map"

# program -> IL names it calls
: >"$tmp/uses"
for dir in "$shared"/corpus/core/*/ "$shared"/corpus/extended/*/ "$shared"/demos/*/; do
  [ -f "$dir/prog.il" ] || continue
  prog=$(basename "$dir")
  {
    # externs that are used (referenced outside their own `extern` line)
    grep -v '^extern ' "$dir/prog.il" | grep -o '@[A-Za-z_.$0-9]*' | sed 's/^@//' | sort -u >"$tmp/refs"
    sed -n 's/^extern @\([^( ]*\).*/\1/p' "$dir/prog.il" | sort -u | comm -12 - "$tmp/refs"
    [ -f "$dir/meta.json" ] && python3 - "$dir/meta.json" <<'PY'
import json, sys
try:
    for n in json.load(open(sys.argv[1])).get("runtime_calls", []):
        print(n)
except Exception:
    pass
PY
  } | sort -u | sed "s|^|$prog |" >>"$tmp/uses"
done

# defined symbols of the runtime
for f in "$root"/runtime/src/*.c; do
  $CC -std=c11 -D_POSIX_C_SOURCE=200809L -c "$f" -o "$tmp/$(basename "$f" .c).o" 2>>"$tmp/cc.log" ||
    { cat "$tmp/cc.log" >&2; echo "missing_symbols.sh: compiling $f failed" >&2; exit 2; }
done
$NM --defined-only "$tmp"/*.o | awk 'NF==3 && $2 ~ /[TtDdBbRr]/ {print $3}' | sort -u >"$tmp/defined"

# program IL-name C-symbol (unknown IL names map to themselves)
awk 'NR==FNR {m[$1]=$2; next} {c=($2 in m)?m[$2]:$2; print $1, $2, c}' "$tmp/map" "$tmp/uses" \
  | sort -u >"$tmp/resolved"
awk 'NR==FNR {d[$1]=1; next} !($3 in d)' "$tmp/defined" "$tmp/resolved" >"$tmp/missing"
awk '{n[$3]++; il[$3]=$2} END {for (s in n) print n[s], s, il[s]}' "$tmp/missing" \
  | sort -k1,1nr -k2,2 >"$tmp/counts"
cat "$tmp/counts"
if [ $verbose = 1 ]; then
  echo "--- programs per missing symbol"
  awk '{p[$3]=p[$3] " " $1} END {for (s in p) print s ":" p[s]}' "$tmp/missing" | sort
  echo "--- missing symbols per program"
  awk '{n[$1]++; l[$1]=l[$1] " " $3} END {for (p in n) print n[p], p ":" l[p]}' "$tmp/missing" \
    | sort -k1,1n -k2,2
fi
nprog=$(awk '{print $1}' "$tmp/uses" | sort -u | wc -l)
blocked=$(awk '{print $1}' "$tmp/missing" | sort -u | wc -l)
echo "summary: $(wc -l <"$tmp/counts") missing symbols; $blocked of $nprog programs need at least one"
