#!/usr/bin/env bash
# table_symbols.sh — lists every C symbol of il/src/runtime_sigs/table.rs (the IL name -> C symbol
# table the compiler links against) that no runtime/src/*.c defines.
#
# It compiles runtime/src/*.c to objects in a temporary directory, collects the defined global
# symbols with nm, and compares them with the table's C symbols (several IL names may share one
# C symbol; each symbol is listed once).
# Usage: runtime/tools/table_symbols.sh [-v] [-q]
#   (default) one `<c_symbol> <il_name>` line per missing symbol (first IL name in table order),
#             then `summary: N of M table symbols missing`.
#   -v        list every IL name of a missing symbol (comma-separated).
#   -q        print only the summary line.
# Exit status: 0 if nothing is missing, 1 if some symbol is missing, 2 on a build/usage error
# (so CI can use it as a check).
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
verbose=0; quiet=0
for a in "$@"; do
  case "$a" in
    -v) verbose=1 ;;
    -q) quiet=1 ;;
    *) echo "usage: $0 [-v] [-q]" >&2; exit 2 ;;
  esac
done
table="$root/il/src/runtime_sigs/table.rs"
[ -f "$table" ] || { echo "table_symbols.sh: $table not found" >&2; exit 2; }
if command -v aarch64-linux-gnu-gcc >/dev/null; then CC=${CC:-aarch64-linux-gnu-gcc}; NM=${NM:-aarch64-linux-gnu-nm};
else CC=${CC:-cc}; NM=${NM:-nm}; fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# C symbol <TAB> IL name, in table order
sed -n 's/^ *s("\([^"]*\)", "\([^"]*\)".*/\2\t\1/p' "$table" >"$tmp/pairs"
[ -s "$tmp/pairs" ] || { echo "table_symbols.sh: no entries parsed from $table" >&2; exit 2; }

for f in "$root"/runtime/src/*.c; do
  $CC -std=c11 -D_POSIX_C_SOURCE=200809L -c "$f" -o "$tmp/$(basename "$f" .c).o" 2>>"$tmp/cc.log" ||
    { cat "$tmp/cc.log" >&2; echo "table_symbols.sh: compiling $f failed" >&2; exit 2; }
done
$NM --defined-only "$tmp"/*.o | awk 'NF==3 && $2 ~ /[TDBR]/ {print $3}' | sort -u >"$tmp/defined"

awk -F'\t' 'NR==FNR {d[$1]=1; next}
  !($1 in d) { if (!($1 in il)) { order[++n]=$1; il[$1]=$2 } else il[$1]=il[$1] "," $2 }
  { all[$1]=1 }
  END {
    for (i=1; i<=n; i++) { s=order[i]; v=il[s]; if (!verbose) sub(/,.*/, "", v); if (!quiet) print s, v }
    m=0; for (s in all) m++
    printf "summary: %d of %d table symbols missing\n", n, m
    exit (n > 0)
  }' verbose=$verbose quiet=$quiet "$tmp/defined" "$tmp/pairs"
