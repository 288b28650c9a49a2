//! Function headers and bodies: block headers, `.loc`, the per-function name scopes, and the
//! resolution of forward block references when `}` is reached.
//!
//! Invariants: a function is added to the module only when its header parsed; values are
//! created in textual order (so re-parsing printed text yields identical `ValueId`s); the
//! fix-up list only ever refers to instructions that were actually pushed. The name, label and
//! fix-up tables ([`Tables`]) are reused by the next function a worker reads, emptied first: no
//! function sees another's names.

use super::cursor::{is_label_char, Cur, FxMap, FxSet, PResult};
use super::scope::{ParamClash, Scope, HEADER};
use super::{header_name, inst, BodyCx, Line};
use crate::{Block, BlockId, Diagnostic, Function, Param, Span, SrcLoc, Type, ValueData, ValueId};

/// A parsed `func` header line.
pub(crate) struct FuncHeader<'a> {
    pub name: &'a str,
    pub name_span: Span,
    pub params: Vec<(&'a str, Type)>,
    pub ret: Type,
}

/// A branch target whose label is resolved at the end of the function.
pub(crate) struct Fixup<'a> {
    pub block: u32,
    pub inst: u32,
    pub target: u32,
    pub label: &'a str,
    pub span: Span,
}

/// The per-function tables, kept by a worker from one function to the next (their storage is
/// reused; [`function`] empties them first).
#[derive(Default)]
pub(crate) struct Tables<'a> {
    /// Instruction results defined so far (visible in the same and all later blocks) and every
    /// parameter name declared so far, with the block that declared it last (so the current
    /// block's parameters are found by the same lookup; see [`Scope`]).
    pub scope: Scope<'a>,
    pub labels: FxMap<&'a str, BlockId>,
    pub fixups: Vec<Fixup<'a>>,
    /// Instructions per block (from the pre-scan).
    block_sizes: Vec<u32>,
}

/// Parsing state of one function body.
pub(crate) struct FnState<'a, 't> {
    pub f: Function,
    pub t: &'t mut Tables<'a>,
    pub loc: Option<SrcLoc>,
    /// Index (in the current block) of the instruction being parsed, for fix-ups.
    pub cur_inst: u32,
}

impl<'a> FnState<'a, '_> {
    /// The index of the block being read (the last one opened).
    pub fn cur_block(&self) -> u32 {
        self.f.blocks.len().saturating_sub(1) as u32
    }

    pub fn new_value(&mut self, name: &str, ty: Type) -> ValueId {
        let id = ValueId(self.f.values.len() as u32);
        self.f.values.push(ValueData {
            name: name.into(),
            ty,
        });
        id
    }
}

/// Headers with at most this many parameters check them for duplicate names pairwise (a set
/// beyond: linear either way).
const FEW: usize = 8;

/// `func @name(params) [default] -> type {` (text after `{` ignored).
pub(crate) fn func_header<'a>(c: &mut Cur<'a>) -> PResult<FuncHeader<'a>> {
    c.pos = "func".len();
    c.skip_ws();
    let name_span = c.span();
    let name = header_name(c)?;
    c.expect(b'(', "'('")?;
    let mut params: Vec<(&'a str, Type)> = Vec::new();
    // Names of the parameters after the first `FEW` (those are compared with each other).
    let mut seen: FxSet<&'a str> = FxSet::default();
    if !c.eat(b')') {
        loop {
            c.skip_ws();
            let start = c.pos;
            let (pname, ty) = if c.peek() == Some(b'%') {
                c.pos += 1;
                let n = c.name("a parameter name")?;
                c.expect(b':', "':' and a type")?;
                (n, c.ty()?)
            } else {
                let t = c.ty()?;
                c.skip_ws();
                if !c.eat(b'%') {
                    return c.err(c.pos, "expected '%name' after the parameter type");
                }
                (c.name("a parameter name")?, t)
            };
            if ty == Type::Void {
                return c.err(start, "parameter type must not be void");
            }
            let dup = if params.len() < FEW {
                params.iter().any(|&(n, _)| n == pname)
            } else {
                if seen.is_empty() {
                    seen.extend(params.iter().map(|&(n, _)| n));
                }
                !seen.insert(pname)
            };
            if dup {
                return c.err(start, format!("duplicate parameter %{pname}"));
            }
            params.push((pname, ty));
            if c.eat(b')') {
                break;
            }
            c.expect(b',', "',' or ')'")?;
        }
    }
    c.eat_word("default");
    c.skip_ws();
    if !(c.eat(b'-') && c.peek() == Some(b'>')) {
        return c.err(c.pos, "expected '->' and a return type");
    }
    c.pos += 1;
    let ret = c.ty()?;
    c.expect(b'{', "'{' at the end of the function header")?;
    Ok(FuncHeader {
        name,
        name_span,
        params,
        ret,
    })
}

/// The index of the line after the function that starts at `lines[start]`: after its `}`, or
/// at the next `func` header (or the end) when the `}` is missing.
pub(crate) fn extent(lines: &[Line<'_>], start: usize) -> usize {
    let mut i = start + 1;
    while i < lines.len() {
        let t = lines[i].text.as_bytes();
        if ends_body(t) {
            return if t[0] == b'}' { i + 1 } else { i };
        }
        i += 1;
    }
    i
}

/// A parsed function body, ready to join the module (see [`super::Parser::join`]).
pub(crate) struct Parsed<'a> {
    /// The function, when its header parsed; its name and the name's position.
    pub func: Option<(Function, &'a str, Span)>,
}

/// Parse the function starting at `lines[start]` (its lines end at [`extent`]), with the tables
/// `t` (emptied here).
pub(crate) fn function<'a>(
    p: &mut BodyCx<'a, '_>,
    t: &mut Tables<'a>,
    lines: &[Line<'a>],
    start: usize,
) -> Parsed<'a> {
    let hl = lines[start];
    // Read by the pre-scan when well-formed; read here (for its message) otherwise.
    let read_here;
    let header = match p.header_at(start) {
        Some(h) => Some(h),
        None => match func_header(&mut hl.cur()) {
            Ok(h) => {
                read_here = h;
                Some(&read_here)
            }
            Err(d) => {
                p.diags.push(*d);
                None
            }
        },
    };
    let name = header.as_ref().map(|h| p.intern(h.name));
    let mut fs = FnState {
        f: Function {
            name: name.unwrap_or(crate::Symbol(0)),
            params: header
                .as_ref()
                .map(|h| {
                    h.params
                        .iter()
                        .map(|&(n, ty)| Param { name: n.into(), ty })
                        .collect()
                })
                .unwrap_or_default(),
            ret: header.as_ref().map(|h| h.ret).unwrap_or(Type::Void),
            blocks: Vec::new(),
            values: Vec::new(),
            span: Span {
                line: hl.no,
                col: hl.base + 1,
            },
        },
        t,
        loc: None,
        cur_inst: 0,
    };
    // Size the name tables and every block's instruction vector up front (rehashing and
    // growth copies dominate otherwise): one pre-scan of the body.
    let mut n_results = 0;
    let mut block_sizes = std::mem::take(&mut fs.t.block_sizes);
    block_sizes.clear();
    for l in lines[start + 1..]
        .iter()
        .take_while(|l| !ends_body(l.text.as_bytes()))
    {
        let t = l.text.as_bytes();
        if t[0] == b'%' {
            n_results += 1;
        } else if is_block_header(t) {
            block_sizes.push(0u32);
            continue;
        } else if is_loc(t) {
            continue;
        }
        if let Some(n) = block_sizes.last_mut() {
            *n += 1;
        }
    }
    let n_blocks = block_sizes.len();
    fs.f.values.reserve(n_results + n_blocks * 2 + 4);
    fs.t.scope.reset(n_results + n_blocks);
    crate::hash::clear_for(&mut fs.t.labels, n_blocks);
    fs.t.fixups.clear();
    // Most blocks end in a branch with one or two targets.
    fs.t.fixups.reserve(n_blocks * 2);
    fs.f.blocks.reserve_exact(n_blocks);
    if let Some(h) = &header {
        for p in &h.params {
            // Duplicates were reported with the header; the value is never used (a header
            // parameter is visible only once a block declares it).
            let _ = fs.t.scope.define_param(p.0, HEADER, ValueId(0));
        }
    }
    let mut i = start + 1;
    let mut closed = false;
    let mut header_no = 0;
    while i < lines.len() {
        let l = lines[i];
        let t = l.text.as_bytes();
        if ends_body(t) {
            closed = t[0] == b'}';
            break;
        }
        i += 1;
        let mut c = l.cur();
        let r = if is_block_header(t) {
            let r = block_header(&mut fs, &mut c);
            let n = block_sizes.get(header_no).copied().unwrap_or(0);
            header_no += 1;
            if let Some(b) = fs.f.blocks.last_mut() {
                b.insts.reserve_exact(n as usize);
            }
            r
        } else if is_loc(t) {
            loc(&mut fs, &mut c)
        } else if fs.f.blocks.is_empty() {
            c.err(0, "instruction before the first block label")
        } else {
            inst::instruction(p, &mut fs, &mut c)
        };
        if let Err(d) = r {
            p.diags.push(*d);
        }
    }
    if !closed {
        let d = Diagnostic::error(
            fs.f.span,
            format!(
                "unexpected end of function: missing '}}' to close function @{}",
                header.as_ref().map(|h| h.name).unwrap_or("?")
            ),
        );
        p.diags.push(d);
    }
    fs.t.block_sizes = block_sizes;
    let Some(h) = header else {
        return Parsed { func: None };
    };
    // Resolve forward block references.
    for fx in fs.t.fixups.drain(..) {
        match fs.t.labels.get(fx.label) {
            Some(&b) => {
                if let Some(t) =
                    fs.f.blocks
                        .get_mut(fx.block as usize)
                        .and_then(|bl| bl.insts.get_mut(fx.inst as usize))
                        .and_then(|ins| ins.targets.get_mut(fx.target as usize))
                {
                    t.block = b;
                }
            }
            None => p
                .diags
                .error(fx.span, format!("unknown block label '{}'", fx.label)),
        }
    }
    Parsed {
        func: Some((fs.f, h.name, h.name_span)),
    }
}

/// A body line ending in `:` that is not an instruction defining a result is a block header.
fn is_block_header(t: &[u8]) -> bool {
    t.last() == Some(&b':') && t[0] != b'%'
}

/// A `.loc` directive line.
fn is_loc(t: &[u8]) -> bool {
    t.starts_with(b".loc") && t.get(4).is_none_or(|c| c.is_ascii_whitespace())
}

/// A line that ends a function body: its `}` or (when the `}` is missing) the next header.
fn ends_body(t: &[u8]) -> bool {
    match t[0] {
        b'}' => true,
        b'f' => t.starts_with(b"func ") || t.starts_with(b"func@"),
        _ => false,
    }
}

/// `[handler] [^]label[(%p: T, …)]:`
fn block_header<'a>(fs: &mut FnState<'a, '_>, c: &mut Cur<'a>) -> PResult<()> {
    let handler_kw = c.eat_word("handler");
    c.eat(b'^');
    c.skip_ws();
    let lpos = c.pos;
    let label = c.take_while(is_label_char);
    if label.is_empty() {
        return c.err(lpos, "expected a block label");
    }
    let id = BlockId(fs.f.blocks.len() as u32);
    // A duplicate still opens a block (so its instructions do not land in the previous one).
    let dup = match fs.t.labels.entry(label) {
        std::collections::hash_map::Entry::Occupied(_) => true,
        std::collections::hash_map::Entry::Vacant(e) => {
            e.insert(id);
            false
        }
    };
    fs.f.blocks.push(Block {
        label: label.to_string(),
        params: Vec::new(),
        insts: Vec::new(),
        handler_kw,
        span: c.span_at(0),
    });
    if dup {
        return c.err(lpos, format!("duplicate block label '{label}'"));
    }
    if c.eat(b'(') && !c.eat(b')') {
        loop {
            c.skip_ws();
            let ppos = c.pos;
            if !c.eat(b'%') {
                return c.err(c.pos, "expected '%name: type'");
            }
            let n = c.name("a parameter name")?;
            c.expect(b':', "':' and a type")?;
            let tpos = c.pos;
            let ty = c.ty()?;
            if ty == Type::Void {
                return c.err(tpos, "block parameter type must not be void");
            }
            let v = ValueId(fs.f.values.len() as u32);
            match fs.t.scope.define_param(n, id.0, v) {
                Ok(()) => {}
                Err(ParamClash::SameBlock) => {
                    return c.err(ppos, format!("duplicate block parameter %{n}"))
                }
                Err(ParamClash::Result) => {
                    return c.err(
                        ppos,
                        format!("duplicate name %{n}: already defined by an instruction"),
                    )
                }
            }
            fs.new_value(n, ty);
            if let Some(b) = fs.f.blocks.last_mut() {
                b.params.push(v);
            }
            if c.eat(b')') {
                break;
            }
            c.expect(b',', "',' or ')'")?;
        }
    }
    c.expect(b':', "':' after the block header")?;
    c.end()
}

/// `.loc <file> <line> <col>`.
fn loc(fs: &mut FnState<'_, '_>, c: &mut Cur<'_>) -> PResult<()> {
    if let Some(l) = loc_fast(c.b) {
        fs.loc = Some(l);
        return Ok(());
    }
    c.pos = 4;
    let mut v = [0u32; 3];
    for slot in &mut v {
        c.skip_ws();
        let s = c.pos;
        let digits = c.take_while(|ch| ch.is_ascii_digit());
        *slot = match digits.parse::<u32>() {
            Ok(n) => n,
            Err(_) => return c.err(s, "'.loc' needs three unsigned integers"),
        };
        if c.peek().is_some_and(|ch| !ch.is_ascii_whitespace()) {
            return c.err(s, "'.loc' needs three unsigned integers");
        }
    }
    c.end()?;
    fs.loc = Some(SrcLoc {
        file: v[0],
        line: v[1],
        col: v[2],
    });
    Ok(())
}

/// The common spelling `.loc A B C` (single blanks, plain decimal digits, no overflow) decoded
/// in one pass; `None` sends anything else through the general path (and its diagnostics).
fn loc_fast(b: &[u8]) -> Option<SrcLoc> {
    let mut i = 4;
    let mut v = [0u32; 3];
    for slot in &mut v {
        if b.get(i) != Some(&b' ') {
            return None;
        }
        i += 1;
        let start = i;
        let mut n: u32 = 0;
        while let Some(&d) = b.get(i) {
            if !d.is_ascii_digit() {
                break;
            }
            n = n.checked_mul(10)?.checked_add((d - b'0') as u32)?;
            i += 1;
        }
        if i == start {
            return None;
        }
        *slot = n;
    }
    (i == b.len()).then_some(SrcLoc {
        file: v[0],
        line: v[1],
        col: v[2],
    })
}
