//! Function headers and bodies: block headers, `.loc`, the per-function name scopes, and the
//! resolution of block references.
//!
//! Invariants: a function is added to the module only when its header parsed; values are
//! created in textual order (so re-parsing printed text yields identical `ValueId`s). Every
//! block label of a body is known before its first instruction is read: a pre-scan of the body
//! gives the `k`-th header line with a non-empty label block `k` (exactly the blocks
//! [`block_header`] pushes, so the numbers agree; the first of duplicate labels keeps the
//! label), so a branch target is resolved when it is read. A target naming no label is kept
//! ([`Fixup`]) and reported when `}` is reached, unless its line failed (its fix-ups are
//! dropped with it): the messages are those of a reader that resolves labels at `}`. Vectors
//! whose size the pre-scan knows (values, blocks, each block's instructions and parameters) are
//! allocated at that size. The name, label and fix-up tables ([`Tables`]) are reused by the
//! next function a worker reads, emptied first: no function sees another's names.

use super::cursor::{is_label_char, Cur, FxMap, FxSet, PResult};
use super::outline::{self, ends_body, Body, Line, Lines};
use super::scope::{ParamClash, Scope, HEADER};
use super::{header_name, inst, BodyCx, Sig};
use crate::{Block, BlockId, Diagnostic, Function, Param, Span, SrcLoc, Type, ValueData, ValueId};
use smallvec::SmallVec;

/// A parsed `func` header line: its name, its parameters' names and its signature (what calls
/// of the function see).
pub(crate) struct FuncHeader<'a> {
    pub name: &'a str,
    pub name_span: Span,
    pub names: Vec<&'a str>,
    pub sig: Sig,
}

/// A branch target naming no block label of its function (reported at the end of the function).
pub(crate) struct Fixup<'a> {
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
    /// Every label of the body with its block (filled by the pre-scan).
    pub labels: FxMap<&'a str, BlockId>,
    /// Targets naming no label, in the order read.
    pub fixups: Vec<Fixup<'a>>,
    /// Every block header line of the body, in order (from the pre-scan).
    headers: Vec<HeaderScan<'a>>,
    /// The body's lines (split here, from [`Body`]'s bytes).
    lines: Vec<Line>,
}

/// What the pre-scan of a body learns of a block header line.
#[derive(Clone, Copy)]
struct HeaderScan<'a> {
    /// Instruction lines up to the next header.
    insts: u32,
    /// An upper bound on its parameters: the `%` of the line.
    params: u32,
    handler_kw: bool,
    /// The label (empty when missing) and where it starts.
    label: &'a str,
    lpos: u32,
}

/// Parsing state of one function body.
pub(crate) struct FnState<'a, 't> {
    pub f: Function,
    pub t: &'t mut Tables<'a>,
    pub loc: Option<SrcLoc>,
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

/// A body of at least this many bytes is split into lines in parallel (then pre-scanned), any
/// other as it is pre-scanned.
const SPLIT_IN_PARALLEL: usize = 1 << 20;

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
    let mut names: Vec<&'a str> = Vec::new();
    let mut types: SmallVec<[Type; 6]> = SmallVec::new();
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
            let dup = if names.len() < FEW {
                names.contains(&pname)
            } else {
                if seen.is_empty() {
                    seen.extend(names.iter().copied());
                }
                !seen.insert(pname)
            };
            if dup {
                return c.err(start, format!("duplicate parameter %{pname}"));
            }
            names.push(pname);
            types.push(ty);
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
        names,
        sig: Sig { params: types, ret },
    })
}

/// A parsed function body, ready to join the module (see [`super::Parser::join`]).
pub(crate) struct Parsed<'a> {
    /// The function, when its header parsed; its name and the name's position.
    pub func: Option<(Function, &'a str, Span)>,
}

/// Parse the function `body` (its header is line `body.header` of `top`), with the tables `t`
/// (emptied here).
pub(crate) fn function<'a>(
    p: &mut BodyCx<'a, '_>,
    t: &mut Tables<'a>,
    top: &Lines<'a>,
    body: Body,
    header: Option<&FuncHeader<'a>>,
) -> Parsed<'a> {
    // Split the body into lines and pre-scan them in the same pass: sizes of the name tables
    // and of every vector (rehashing and growth copies dominate otherwise), and the block
    // headers, which number the blocks by their labels.
    let mut v = std::mem::take(&mut t.lines);
    v.clear();
    let mut scan = Prescan {
        results: 0,
        params: 0,
        headers: std::mem::take(&mut t.headers),
    };
    scan.headers.clear();
    let src = top.src;
    let first = top.v[body.header];
    let (from, to) = (body.from as usize, body.to as usize);
    // The header (the first line) and the `}` (the last, if any) are not scanned.
    if to - from < SPLIT_IN_PARALLEL {
        outline::split_with(src, from, to, first.no, |l, b| {
            if !v.is_empty() && !ends_body(b) {
                scan.line(src, l, b);
            }
            v.push(l);
        });
    } else {
        outline::split_parallel(src, from, to, first.no, &mut v);
        let lines = Lines { src, v };
        for i in 1..lines.len() {
            let b = lines.bytes(i);
            if !ends_body(b) {
                scan.line(src, lines.v[i], b);
            }
        }
        v = lines.v;
    }
    let lines = Lines { src, v };
    let parsed = function_lines(p, t, &lines, &mut scan, header);
    t.lines = lines.v;
    t.headers = scan.headers;
    parsed
}

/// What the pre-scan of a body counts.
struct Prescan<'a> {
    /// Instruction results.
    results: usize,
    /// An upper bound on the block parameters.
    params: usize,
    headers: Vec<HeaderScan<'a>>,
}

impl<'a> Prescan<'a> {
    /// Take in body line `l` (text `b`), neither the header nor the closing `}`.
    fn line(&mut self, src: &'a str, l: Line, b: &[u8]) {
        if b[0] == b'%' {
            self.results += 1;
        } else if is_block_header(b) {
            let params = b.iter().filter(|&&c| c == b'%').count() as u32;
            self.params += params as usize;
            let text = src
                .get(l.start as usize..(l.start + l.len) as usize)
                .unwrap_or("");
            let (handler_kw, label, lpos) = header_label(&mut Cur::new(text, l.no, l.base));
            self.headers.push(HeaderScan {
                insts: 0,
                params,
                handler_kw,
                label,
                lpos: lpos as u32,
            });
            return;
        } else if is_loc(b) {
            return;
        }
        if let Some(n) = self.headers.last_mut() {
            n.insts += 1;
        }
    }
}

/// [`function`], its lines split and pre-scanned: the header is `lines[0]`.
fn function_lines<'a>(
    p: &mut BodyCx<'a, '_>,
    t: &mut Tables<'a>,
    lines: &Lines<'a>,
    scan: &mut Prescan<'a>,
    header: Option<&FuncHeader<'a>>,
) -> Parsed<'a> {
    let start = 0;
    // Read by the outline when well-formed; read here (for its message) otherwise.
    let read_here;
    let header = match header {
        Some(h) => Some(h),
        None => match func_header(&mut lines.cur(start)) {
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
                    h.names
                        .iter()
                        .zip(&h.sig.params)
                        .map(|(&n, &ty)| Param { name: n.into(), ty })
                        .collect()
                })
                .unwrap_or_default(),
            ret: header.as_ref().map(|h| h.sig.ret).unwrap_or(Type::Void),
            blocks: Vec::new(),
            values: Vec::new(),
            span: Span {
                line: lines.no(start),
                col: lines.base(start) + 1,
            },
        },
        t,
        loc: None,
    };
    let (n_results, n_params) = (scan.results, scan.params);
    let headers = &scan.headers;
    fs.t.fixups.clear();
    let n_headers = headers.len();
    crate::hash::clear_for(&mut fs.t.labels, n_headers);
    let mut n_blocks = 0u32;
    for h in headers.iter().filter(|h| !h.label.is_empty()) {
        fs.t.labels.entry(h.label).or_insert(BlockId(n_blocks));
        n_blocks += 1;
    }
    fs.f.values.reserve_exact(n_results + n_params);
    fs.t.scope.reset(n_results + n_headers);
    fs.f.blocks.reserve_exact(n_blocks as usize);
    if let Some(h) = &header {
        for &n in &h.names {
            // Duplicates were reported with the header; the value is never used (a header
            // parameter is visible only once a block declares it).
            let _ = fs.t.scope.define_param(n, HEADER, ValueId(0));
        }
    }
    let mut i = start + 1;
    let mut closed = false;
    let mut header_no = 0;
    while i < lines.len() {
        let t = lines.bytes(i);
        if ends_body(t) {
            closed = t[0] == b'}';
            break;
        }
        let mut c = lines.cur(i);
        i += 1;
        let r = if is_block_header(t) {
            let r = match headers.get(header_no) {
                Some(h) => block_header(&mut fs, &mut c, h),
                None => c.err(0, "internal error: a block header the pre-scan missed"),
            };
            header_no += 1;
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
    let Some(h) = header else {
        return Parsed { func: None };
    };
    // Targets naming no label of the function.
    for fx in fs.t.fixups.drain(..) {
        p.diags
            .error(fx.span, format!("unknown block label '{}'", fx.label));
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

/// The start of a block header: whether it has the `handler` keyword, its label (empty when
/// missing) and the label's position.
fn header_label<'a>(c: &mut Cur<'a>) -> (bool, &'a str, usize) {
    let handler_kw = c.eat_word("handler");
    c.eat(b'^');
    c.skip_ws();
    let lpos = c.pos;
    (handler_kw, c.take_while(is_label_char), lpos)
}

/// `[handler] [^]label[(%p: T, …)]:`, its start already read by the pre-scan (`h`).
fn block_header<'a>(fs: &mut FnState<'a, '_>, c: &mut Cur<'a>, h: &HeaderScan<'a>) -> PResult<()> {
    let (handler_kw, label, lpos) = (h.handler_kw, h.label, h.lpos as usize);
    c.pos = lpos + label.len();
    if label.is_empty() {
        return c.err(lpos, "expected a block label");
    }
    let id = BlockId(fs.f.blocks.len() as u32);
    // The pre-scan gave the label to the first block that has it; a duplicate still opens a
    // block (so its instructions do not land in the previous one).
    let dup = fs.t.labels.get(label) != Some(&id);
    fs.f.blocks.push(Block {
        label: label.into(),
        params: Vec::with_capacity(h.params as usize),
        insts: Vec::with_capacity(h.insts as usize),
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

#[cfg(test)]
mod tests {
    use crate::Module;

    fn targets(m: &Module) -> Vec<Vec<u32>> {
        m.functions[0]
            .blocks
            .iter()
            .map(|b| {
                b.insts
                    .iter()
                    .flat_map(|i| i.targets.iter().map(|t| t.block.0))
                    .collect()
            })
            .collect()
    }

    /// Labels are numbered by the pre-scan as the blocks are pushed: forward and backward
    /// references, `handler` and `^` spellings, and a header without a label (which opens no
    /// block) all agree.
    #[test]
    fn targets_resolve_to_the_blocks_the_headers_open() {
        let src = "il 0.2\nfunc @main() -> i64 {\nentry:\n  br ^c\nb(%x: i64):\n  br entry\n\
                   c:\n  cbr true, b(1), label d\nhandler ^d(%e: error, %t: resume_tok):\n  ret 0\n}\n";
        let m = crate::parse(src, "t.il").unwrap();
        assert_eq!(targets(&m), [vec![2], vec![0], vec![1, 3], vec![]]);
        assert!(m.functions[0].blocks[3].handler_kw);
        assert_eq!(m.functions[0].blocks[1].params.capacity(), 1);
        // A header with no label opens no block: the next label is still block 1.
        let bad =
            "il 0.2\nfunc @main() -> i64 {\nentry:\n  br z\n(%x: i64):\n  ret 0\nz:\n  ret 1\n}\n";
        let e = crate::parse(bad, "t.il").unwrap_err();
        assert_eq!(e.items.len(), 1, "{e}");
        assert!(e.items[0].message.contains("expected a block label"), "{e}");
    }

    /// The first of duplicate labels keeps the label; an unknown label is reported once, at its
    /// position, unless its line fails for another reason.
    #[test]
    fn duplicate_and_unknown_labels() {
        let src = "il 0.2\nfunc @main() -> i64 {\nentry:\n  br a\na:\n  br a\na:\n  ret 0\n}\n";
        let e = crate::parse(src, "t.il").unwrap_err();
        assert_eq!(
            e.to_string().matches("duplicate block label 'a'").count(),
            1
        );
        let src = "il 0.2\nfunc @main() -> i64 {\nentry:\n  br nowhere\nb:\n  br nowhere(1) junk\nc:\n  cbr true, c, gone\n}\n";
        let e = crate::parse(src, "t.il").unwrap_err();
        let got: Vec<(u32, u32, &str)> = e
            .items
            .iter()
            .map(|d| (d.span.line, d.span.col, d.message.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (4, 6, "unknown block label 'nowhere'"),
                (6, 17, "unexpected trailing text 'junk'"),
                (8, 16, "unknown block label 'gone'"),
            ]
        );
    }
}
