#!/usr/bin/env python3
"""Generate il/src/runtime_sigs/table.rs from the runtime contract documents.

Sources (all read-only, never copied into the repository):
  * RUNTIME-ABI.md section 3 (core tables: every IL name/alias in the first column) and Appendix A;
  * demos/README.md (runtime functions the demos need beyond the core set);
  * IL-SPEC.md section 10.2 (transcribed below: it is a ten-row prose table with compound cells).

Type mapping: `obj`, `str?` and `ptr` -> Ptr; `str` -> Str; the rest by name.

Cross-checks (printed as notes; the run fails on a contradiction that is not resolved by a rule):
  * every `extern` line of every corpus/demo prog.il whose name is in the table must have the table's
    signature. If it does not, the corpus wins (RUNTIME-ABI §0.1) and the row is overridden; each such
    case is printed and recorded in a comment of the generated file.
  * every name in every meta.json `runtime_calls` list must be in the table.

Usage: python3 il/tools/gen_runtime_sigs.py [SHARED_DIR]   (default: ../shared from the repo root)
"""

import glob
import json
import os
import re
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(REPO), "shared")
OUT = os.path.join(REPO, "il", "src", "runtime_sigs", "table.rs")

TYPES = {
    "void": "Void", "i1": "I1", "i16": "I16", "i32": "I32", "i64": "I64", "f64": "F64",
    "ptr": "Ptr", "obj": "Ptr", "str?": "Ptr", "str": "Str",
}

# IL-SPEC §10.2 (names, C symbol, signature in RUNTIME-ABI spelling).
SPEC_10_2 = [
    (["Viper.Terminal.PrintStr", "rt_print_str"], "rt_print_str", "void(str)"),
    (["Viper.Terminal.PrintI64", "rt_print_i64"], "rt_print_i64", "void(i64)"),
    (["Viper.Terminal.PrintF64", "rt_print_f64"], "rt_print_f64", "void(f64)"),
    (["Viper.Terminal.Say"], "rt_term_say", "void(str)"),
    (["Viper.Terminal.SayInt"], "rt_term_say_i64", "void(i64)"),
    (["Viper.Terminal.SayNum"], "rt_term_say_f64", "void(f64)"),
    (["Viper.Terminal.SayBool"], "rt_term_say_bool", "void(i1)"),
    (["Viper.String.Concat"], "rt_str_concat", "str(str,str)"),
    (["Viper.String.get_Length", "Viper.String.Length"], "rt_str_len", "i64(str)"),
    (["Viper.Core.Convert.ToString_Int"], "rt_int_to_str", "str(i64)"),
    (["Viper.String.RetainMaybe", "rt_str_retain_maybe"], "rt_str_retain_maybe", "void(str)"),
    (["Viper.String.ReleaseMaybe", "rt_str_release_maybe"], "rt_str_release_maybe", "void(str)"),
]

SIG_RE = re.compile(r"^([a-z0-9?]+)\(([^)]*)\)$")
NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]*$")


def fail(msg):
    sys.stderr.write("error: " + msg + "\n")
    sys.exit(1)


def parse_sig(text, where):
    """`ret(a,b)` (parameter names after a type are dropped) -> (ret, [params])."""
    m = SIG_RE.match(text.strip())
    if not m:
        fail(f"{where}: cannot parse signature {text!r}")
    ret = m.group(1)
    params = []
    for p in m.group(2).split(","):
        p = p.strip()
        if not p:
            continue
        p = p.split()[0]  # `i32 fg` -> `i32`
        params.append(p)
    for t in [ret] + params:
        if t not in TYPES:
            fail(f"{where}: unknown type {t!r} in {text!r}")
    return ret, params


def ticks(cell):
    return re.findall(r"`([^`]*)`", cell)


rows = {}  # il_name -> dict(csym, ret, params, src)


def add(name, csym, ret, params, src):
    if not NAME_RE.match(name) or not NAME_RE.match(csym):
        fail(f"{src}: bad name {name!r} / {csym!r}")
    key = (TYPES[ret], tuple(TYPES[p] for p in params))
    if name in rows:
        old = rows[name]
        okey = (TYPES[old["ret"]], tuple(TYPES[p] for p in old["params"]))
        if old["csym"] != csym or okey != key:
            fail(f"{src}: {name} conflicts with {old['src']}: "
                 f"{old['csym']} {okey} vs {csym} {key}")
        return
    rows[name] = dict(csym=csym, ret=ret, params=params, src=src)


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read().split("\n")


# --- RUNTIME-ABI.md ---------------------------------------------------------------------------
abi = read(os.path.join(SHARED, "corpus", "RUNTIME-ABI.md"))
section = None
for lineno, line in enumerate(abi, 1):
    if line.startswith("## "):
        section = "core" if line.startswith("## 3.") else ("ext" if line.startswith("## Appendix A") else None)
        continue
    if section is None or not line.startswith("| ") or line.startswith("|---"):
        continue
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    where = f"RUNTIME-ABI.md:{lineno}"
    if section == "core":
        if cells[0] == "IL name(s)":
            continue
        names = ticks(cells[0])
        csyms = ticks(cells[2])
        if cells[2].startswith("same"):
            csyms = names
        sig = ticks(cells[3])
        if len(sig) != 1:
            fail(f"{where}: signature cell {cells[3]!r}")
        ret, params = parse_sig(sig[0], where)
        if len(csyms) == 1:
            csyms = csyms * len(names)
        if len(csyms) != len(names):
            fail(f"{where}: {len(names)} names but C symbols {csyms}")
        for n, c in zip(names, csyms):
            add(n, c, ret, params, where)
    else:
        if cells[0] == "#":
            continue
        name, csym, sig = ticks(cells[1])[0], ticks(cells[2])[0], ticks(cells[3])[0]
        ret, params = parse_sig(sig, where)
        add(name, csym, ret, params, where)

# --- RUNTIME-EXTENDED.md and RUNTIME-SYSTEM.md ---------------------------------------------------
# Tables whose header is `IL name | C symbol | signature ...`: the first cell holds one or more IL names
# (notes in parentheses may hold other backticked words, which are not names), the second the C symbol
# (first backticked word; the rest is commentary), the third the signature. Tables headed
# `IL name | signature | behaviour` (RUNTIME-SYSTEM §10, legacy names) use the name as C symbol.
for doc in ("RUNTIME-EXTENDED.md", "RUNTIME-SYSTEM.md"):
    header = None
    klass = None  # RUNTIME-EXTENDED headings name the class; its rows give short names
    for lineno, line in enumerate(read(os.path.join(SHARED, "corpus", doc)), 1):
        if line.startswith("## "):
            t = ticks(line)
            klass = t[0] if t and NAME_RE.match(t[0]) else None
        if not line.startswith("|"):
            header = None
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|---"):
            continue
        if cells[0] == "IL name":
            header = tuple(cells[:3])
            continue
        if header is None:
            continue
        where = f"{doc}:{lineno}"
        names = [n for n in ticks(cells[0].split("(")[0]) if NAME_RE.match(n)]
        if not names:
            continue
        names = [n if "." in n or n.startswith("rt_") or klass is None else f"{klass}.{n}"
                 for n in names]
        if header == ("IL name", "C symbol", "signature"):
            csym = ticks(cells[1])
            sig = ticks(cells[2])
        elif header == ("IL name", "signature", "behaviour"):
            csym = names[:1]
            sig = ticks(cells[1])
        else:
            continue
        if not csym or len(sig) != 1:
            fail(f"{where}: cannot read row {line!r}")
        ret, params = parse_sig(sig[0], where)
        for n in names:
            add(n, csym[0], ret, params, where)

# --- demos/README.md ----------------------------------------------------------------------------
for lineno, line in enumerate(read(os.path.join(SHARED, "demos", "README.md")), 1):
    if not line.startswith("| `"):
        continue
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    where = f"demos/README.md:{lineno}"
    names = ticks(cells[0])
    ret, params = parse_sig(ticks(cells[1])[0], where)
    # The C symbol is whichever of the names is an `rt_*` name.
    csym = [n for n in names if n.startswith("rt_")]
    if len(csym) != 1:
        fail(f"{where}: cannot tell the C symbol among {names}")
    for n in names:
        add(n, csym[0], ret, params, where)

# --- IL-SPEC.md §10.2 ---------------------------------------------------------------------------
for names, csym, sig in SPEC_10_2:
    ret, params = parse_sig(sig, "IL-SPEC §10.2")
    for n in names:
        add(n, csym, ret, params, "IL-SPEC §10.2")

# --- cross-check against the corpus -------------------------------------------------------------
EXTERN_RE = re.compile(r"^extern\s+@([^\s(]+)\s*\(([^)]*)\)\s*->\s*(\S+)\s*$")
INTS = {"I16", "I32", "I64"}


def widths_only(want, got):
    """Same shape, and every differing type is an integer of another width (i16/i32/i64)."""
    (wr, wp), (gr, gp) = want, got
    pairs = [(wr, gr)] + list(zip(wp, gp))
    return len(wp) == len(gp) and all(a == b or (a in INTS and b in INTS) for a, b in pairs)


progs = sorted(glob.glob(os.path.join(SHARED, "corpus", "*", "*", "prog.il"))
               + glob.glob(os.path.join(SHARED, "demos", "*", "prog.il")))
notes = []
overrides = {}
width_noted = set()
unknown_externs = set()
for prog in progs:
    rel = os.path.relpath(prog, SHARED)
    for line in read(prog):
        line = line.strip()
        if not line.startswith("extern"):
            continue
        m = EXTERN_RE.match(line)
        if not m:
            fail(f"{rel}: cannot parse extern line {line!r}")
        name, ps, ret = m.group(1), m.group(2), m.group(3)
        params = [p.strip() for p in ps.split(",") if p.strip()]
        if name not in rows:
            unknown_externs.add(name)
            continue
        r = rows[name]
        want = (TYPES[r["ret"]], tuple(TYPES[p] for p in r["params"]))
        got = (TYPES[ret], tuple(TYPES[p] for p in params))
        if want != got and widths_only(want, got):
            if name in width_noted:
                continue
            width_noted.add(name)
            notes.append(f"{name}: doc says {r['ret']}({','.join(r['params'])}), corpus extern "
                         f"({rel}) says {ret}({','.join(params)}); integer widths only: the verifier "
                         "accepts it and the backend converts (docs/decisions.md), the doc's row stays")
            continue
        if want != got:
            prev = overrides.get(name)
            if prev and prev[0] != (ret, params):
                fail(f"{rel}: corpus externs disagree with each other on {name}")
            if not prev:
                overrides[name] = ((ret, params), rel)
                notes.append(f"{name}: doc says {r['ret']}({','.join(r['params'])}), "
                             f"corpus extern ({rel}) says {ret}({','.join(params)}); corpus wins")
for name, ((ret, params), rel) in overrides.items():
    rows[name]["ret"], rows[name]["params"] = ret, params
    rows[name]["src"] += f" (signature from corpus {rel})"

missing_calls = set()
for meta in sorted(glob.glob(os.path.join(SHARED, "corpus", "*", "*", "meta.json"))
                   + glob.glob(os.path.join(SHARED, "demos", "*", "meta.json"))):
    with open(meta, encoding="utf-8") as f:
        for name in json.load(f).get("runtime_calls", []):
            if name not in rows:
                missing_calls.add((name, os.path.relpath(meta, SHARED)))

for n in notes:
    print("note:", n)
for n in sorted(unknown_externs):
    print("note: extern not in the documents (not a runtime function?):", n)
for n, where in sorted(missing_calls):
    print(f"MISSING from the documents: {n} (runtime_calls of {where})")

# --- emit ---------------------------------------------------------------------------------------
out = [
    "//! @generated by il/tools/gen_runtime_sigs.py from RUNTIME-ABI.md (section 3, Appendix A),",
    "//! RUNTIME-EXTENDED.md, RUNTIME-SYSTEM.md, demos/README.md and IL-SPEC.md §10.2.",
    "//! Do not edit by hand: re-run the script.",
    "//! Sorted by IL name (byte order), unique; `lookup` binary-searches it.",
]
for n in notes:
    out.append("// corpus note: " + n)
out += [
    "",
    "use crate::runtime_sigs::RuntimeSig;",
    "use crate::Type::{self, *};",
    "",
    "const fn s(",
    "    il_name: &'static str,",
    "    c_symbol: &'static str,",
    "    params: &'static [Type],",
    "    ret: Type,",
    ") -> RuntimeSig {",
    "    RuntimeSig {",
    "        il_name,",
    "        c_symbol,",
    "        params,",
    "        ret,",
    "    }",
    "}",
    "",
    "#[rustfmt::skip]",
    f"pub(super) static TABLE: [RuntimeSig; {len(rows)}] = [",
]
for name in sorted(rows, key=lambda n: n.encode()):
    r = rows[name]
    ps = ", ".join(TYPES[p] for p in r["params"])
    out.append(f'    s("{name}", "{r["csym"]}", &[{ps}], {TYPES[r["ret"]]}),')
out.append("];")
os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w", encoding="utf-8") as f:
    f.write("\n".join(out) + "\n")
print(f"wrote {len(rows)} rows to {os.path.relpath(OUT, REPO)}")
