//! Debug information in the assembly text (`-g`): what the emitter writes and what the in-process
//! assembler reads back, so both sides share one definition.
//!
//! The line table travels as the standard directives every assembler understands (GNU as,
//! LLVM's): `.file N "path"` once per file at the start of the module and `.loc N LINE COL`
//! before the first instruction of every change of source position, with `prologue_end` on the
//! first row after a function's prologue and an explicit `is_stmt 0` on a row that only changes
//! the column (so `is_stmt` marks the first instruction of each source line; `is_stmt 1` when it
//! goes back). `--via-asm` hands exactly this to the system assembler, which then makes the line
//! table itself.
//!
//! Function information (IL name, parameters and their locations at entry) has no assembler
//! directive, so it is written as comment lines (`//@dbg.func`, `//@dbg.param`,
//! `//@dbg.endfunc`): the system assembler ignores them, our encoder reads them and builds
//! `.debug_info` (see [`crate::object::dwarf`]).
//!
//! File numbering: file 1 is the IL file itself; the named `.loc` sources follow in id order
//! (2, 3, …). Which file and line a position maps to is [`Lines::row`] (the rule is documented
//! on `codegen_api::DebugInfo`).
//!
//! Invariants: without `-g` nothing here writes anything; [`parse_comment`] accepts exactly what
//! [`func_comment`], [`param_comment`] and [`END_FUNC`] write, and [`parse_loc`]/[`parse_file`]
//! what [`LocWriter`] and [`Lines::file_directives`] write.

use crate::mir::SrcPos;
use codegen_api::DebugInfo;
use std::fmt::Write;

/// The comment prefix of function-information lines.
pub const PREFIX: &str = "//@dbg.";
/// The line that closes a function's information (its end address is where it stands).
pub const END_FUNC: &str = "//@dbg.endfunc";

/// A line-table position: file number, line, column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Row {
    pub file: u32,
    pub line: u32,
    pub col: u32,
}

/// The file table of one module and the mapping from source positions to rows.
#[derive(Clone, Debug)]
pub struct Lines {
    il_lines: bool,
    /// (`.file` number, path), the IL file first.
    files: Vec<(u32, String)>,
    /// IL `.loc` file id → `.file` number.
    by_id: Vec<(u32, u32)>,
}

impl Lines {
    pub fn new(d: &DebugInfo) -> Lines {
        let il = if d.il_path.is_empty() {
            "<stdin>".to_string()
        } else {
            d.il_path.clone()
        };
        let mut files = vec![(1, il)];
        let mut by_id = Vec::new();
        if !d.il_lines {
            for (k, (&id, path)) in d.sources.iter().enumerate() {
                let n = k as u32 + 2;
                files.push((n, path.clone()));
                by_id.push((id, n));
            }
        }
        Lines {
            il_lines: d.il_lines,
            files,
            by_id,
        }
    }
    /// The row of source position `p`.
    pub fn row(&self, p: SrcPos) -> Row {
        if let (false, Some(l)) = (self.il_lines, p.loc()) {
            if let Some(&(_, n)) = self.by_id.iter().find(|x| x.0 == l.file) {
                return Row {
                    file: n,
                    line: l.line,
                    col: l.col,
                };
            }
        }
        Row {
            file: 1,
            line: p.il_line,
            col: 0,
        }
    }
    /// The `.file` directives of the module.
    pub fn file_directives(&self, out: &mut String) {
        for (n, path) in &self.files {
            let _ = writeln!(out, "\t.file {n} {}", quote(path));
        }
    }
}

/// `"text"` with `"` and `\` escaped (the assembler string syntax).
pub fn quote(s: &str) -> String {
    let mut q = String::with_capacity(s.len() + 2);
    q.push('"');
    for c in s.chars() {
        if c == '"' || c == '\\' {
            q.push('\\');
        }
        q.push(c);
    }
    q.push('"');
    q
}

/// Parse a [`quote`]d string at the start of `s`; returns it and the rest.
pub fn unquote(s: &str) -> Result<(String, &str), String> {
    let body = s.strip_prefix('"').ok_or("expected a string")?;
    let mut out = String::new();
    let mut it = body.char_indices();
    while let Some((i, c)) = it.next() {
        match c {
            '\\' => match it.next() {
                Some((_, e)) => out.push(e),
                None => return Err("dangling backslash".into()),
            },
            '"' => return Ok((out, &body[i + 1..])),
            c => out.push(c),
        }
    }
    Err("unterminated string".into())
}

/// Writes `.loc` directives for one function: a row when the position changes.
#[derive(Debug)]
pub struct LocWriter {
    last: Option<Row>,
    stmt: bool,
    prologue_done: bool,
}

impl Default for LocWriter {
    fn default() -> Self {
        LocWriter {
            last: None,
            stmt: true,
            prologue_done: false,
        }
    }
}

impl LocWriter {
    /// A writer at the start of a function (the first row is the function entry).
    pub fn new() -> LocWriter {
        LocWriter::default()
    }
    /// The prologue has been written: the next row carries `prologue_end`.
    pub fn end_prologue(&mut self) {
        self.prologue_done = true;
        self.last = None;
    }
    /// Before an instruction at `row`: write `.loc` when it differs from the last row.
    pub fn at(&mut self, row: Row, out: &mut String) {
        if self.last == Some(row) {
            return;
        }
        let stmt = self
            .last
            .is_none_or(|l| l.file != row.file || l.line != row.line);
        let _ = write!(out, "\t.loc {} {} {}", row.file, row.line, row.col);
        if self.prologue_done {
            out.push_str(" prologue_end");
            self.prologue_done = false;
        }
        if stmt != self.stmt {
            out.push_str(if stmt { " is_stmt 1" } else { " is_stmt 0" });
            self.stmt = stmt;
        }
        out.push('\n');
        self.last = Some(row);
    }
}

/// A parsed `.loc`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Loc {
    pub row: Row,
    pub prologue_end: bool,
    /// `Some` when the directive sets `is_stmt`.
    pub is_stmt: Option<bool>,
}

/// Parse the operands of `.loc` (`N LINE COL [prologue_end] [is_stmt 0|1]`).
pub fn parse_loc(args: &str) -> Result<Loc, String> {
    let mut it = args.split_ascii_whitespace();
    let mut num = |what: &str| -> Result<u32, String> {
        it.next()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| format!(".loc needs a {what} number"))
    };
    let row = Row {
        file: num("file")?,
        line: num("line")?,
        col: num("column")?,
    };
    let mut loc = Loc {
        row,
        prologue_end: false,
        is_stmt: None,
    };
    let rest: Vec<&str> = args.split_ascii_whitespace().skip(3).collect();
    let mut k = 0;
    while k < rest.len() {
        match rest[k] {
            "prologue_end" => loc.prologue_end = true,
            "is_stmt" => {
                loc.is_stmt = Some(match rest.get(k + 1) {
                    Some(&"0") => false,
                    Some(&"1") => true,
                    _ => return Err("is_stmt needs 0 or 1".into()),
                });
                k += 1;
            }
            other => return Err(format!("unsupported .loc option `{other}`")),
        }
        k += 1;
    }
    Ok(loc)
}

/// Parse the operands of `.file` (`N "path"`).
pub fn parse_file(args: &str) -> Result<(u32, String), String> {
    let (n, rest) = args
        .split_once(' ')
        .ok_or(".file needs a number and a path")?;
    let n: u32 = n.parse().map_err(|_| format!("bad .file number `{n}`"))?;
    let (path, tail) = unquote(rest)?;
    if !tail.trim().is_empty() {
        return Err(format!("unexpected `{tail}` after the .file path"));
    }
    if path.is_empty() {
        return Err(".file with an empty path".into());
    }
    Ok((n, path))
}

/// The type of a parameter as the debug information describes it (an IL type name).
pub fn type_name(t: il::Type) -> &'static str {
    t.name()
}

/// Where a parameter is at function entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamLoc {
    /// In the register with this DWARF number.
    Reg(u16),
    /// In memory at this offset from the stack pointer (DWARF register `sp`).
    Stack { sp: u16, off: i64 },
}

/// Function information, as one of the comment lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Comment {
    /// `//@dbg.func "IL name" SYMBOL IL_LINE`: the function starts here.
    Func {
        name: String,
        symbol: String,
        line: u32,
    },
    /// `//@dbg.param "name" TYPE reg N | stack SP OFF`.
    Param {
        name: String,
        ty: String,
        loc: ParamLoc,
    },
    /// `//@dbg.endfunc`: the function ends here.
    EndFunc,
}

/// The line opening a function's information.
pub fn func_comment(name: &str, symbol: &str, line: u32, out: &mut String) {
    let _ = writeln!(out, "{PREFIX}func {} {symbol} {line}", quote(name));
}

/// A parameter line.
pub fn param_comment(name: &str, ty: il::Type, loc: ParamLoc, out: &mut String) {
    let _ = write!(out, "{PREFIX}param {} {}", quote(name), type_name(ty));
    let _ = match loc {
        ParamLoc::Reg(r) => writeln!(out, " reg {r}"),
        ParamLoc::Stack { sp, off } => writeln!(out, " stack {sp} {off}"),
    };
}

/// Parse a function-information comment line (`None`: an ordinary comment).
pub fn parse_comment(line: &str) -> Option<Result<Comment, String>> {
    let body = line.strip_prefix(PREFIX)?;
    Some(parse_body(body))
}

fn parse_body(body: &str) -> Result<Comment, String> {
    let (kind, rest) = body.split_once(' ').unwrap_or((body, ""));
    match kind {
        "endfunc" if rest.is_empty() => Ok(Comment::EndFunc),
        "func" => {
            let (name, rest) = unquote(rest)?;
            let mut it = rest.split_ascii_whitespace();
            let symbol = it.next().ok_or("func needs a symbol")?.to_string();
            let line = it
                .next()
                .and_then(|s| s.parse().ok())
                .ok_or("func needs a line")?;
            Ok(Comment::Func { name, symbol, line })
        }
        "param" => {
            let (name, rest) = unquote(rest)?;
            let w: Vec<&str> = rest.split_ascii_whitespace().collect();
            let n = |s: &str| s.parse::<i64>().map_err(|_| format!("bad number `{s}`"));
            let loc = match w.as_slice() {
                [_, "reg", r] => ParamLoc::Reg(n(r)? as u16),
                [_, "stack", sp, off] => ParamLoc::Stack {
                    sp: n(sp)? as u16,
                    off: n(off)?,
                },
                _ => return Err(format!("bad parameter information `{rest}`")),
            };
            Ok(Comment::Param {
                name,
                ty: w[0].to_string(),
                loc,
            })
        }
        _ => Err(format!("unknown debug comment `{body}`")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use il::SrcLoc;

    fn info() -> DebugInfo {
        DebugInfo {
            enabled: true,
            il_path: "prog.il".into(),
            sources: [
                (1, "main.bas".to_string()),
                (7, "lib \"x\".bas".to_string()),
            ]
            .into(),
            ..Default::default()
        }
    }

    #[test]
    fn rows_follow_named_sources_and_fall_back_to_il_lines() {
        let l = Lines::new(&info());
        let at = |file| {
            SrcPos::new(
                Some(SrcLoc {
                    file,
                    line: 10,
                    col: 3,
                }),
                42,
            )
        };
        assert_eq!(
            l.row(at(1)),
            Row {
                file: 2,
                line: 10,
                col: 3
            }
        );
        assert_eq!(
            l.row(at(7)),
            Row {
                file: 3,
                line: 10,
                col: 3
            }
        );
        assert_eq!(
            l.row(at(2)),
            Row {
                file: 1,
                line: 42,
                col: 0
            }
        );
        assert_eq!(
            l.row(SrcPos::il_line(5)),
            Row {
                file: 1,
                line: 5,
                col: 0
            }
        );
        let il = Lines::new(&DebugInfo {
            il_lines: true,
            ..info()
        });
        assert_eq!(
            il.row(at(1)),
            Row {
                file: 1,
                line: 42,
                col: 0
            }
        );
        let mut out = String::new();
        l.file_directives(&mut out);
        let files: Vec<_> = out
            .lines()
            .map(|d| parse_file(d.trim().strip_prefix(".file ").unwrap()).unwrap())
            .collect();
        assert_eq!(
            files,
            vec![
                (1, "prog.il".to_string()),
                (2, "main.bas".to_string()),
                (3, "lib \"x\".bas".to_string())
            ]
        );
    }

    #[test]
    fn loc_rows_mark_prologue_end_and_statements() {
        let mut w = LocWriter::new();
        let mut out = String::new();
        let r = |line, col| Row { file: 2, line, col };
        w.at(r(1, 1), &mut out);
        w.at(r(1, 1), &mut out);
        w.end_prologue();
        w.at(r(1, 1), &mut out);
        w.at(r(1, 5), &mut out);
        w.at(r(2, 1), &mut out);
        assert_eq!(
            out,
            "\t.loc 2 1 1\n\t.loc 2 1 1 prologue_end\n\t.loc 2 1 5 is_stmt 0\n\t.loc 2 2 1 is_stmt 1\n"
        );
        let parsed: Vec<Loc> = out
            .lines()
            .map(|d| parse_loc(d.trim().strip_prefix(".loc ").unwrap()).unwrap())
            .collect();
        assert!(parsed[1].prologue_end && parsed[1].is_stmt.is_none());
        assert_eq!(parsed[2].is_stmt, Some(false));
        assert_eq!(parsed[3].row, r(2, 1));
        assert!(parse_loc("1 2").is_err());
        assert!(parse_loc("1 2 3 discriminator 4").is_err());
    }

    #[test]
    fn comments_round_trip() {
        let mut out = String::new();
        func_comment("main odd\"name", "_main.1", 12, &mut out);
        param_comment("n", il::Type::I64, ParamLoc::Reg(0), &mut out);
        param_comment(
            "x",
            il::Type::F64,
            ParamLoc::Stack { sp: 31, off: 8 },
            &mut out,
        );
        out.push_str(END_FUNC);
        let got: Vec<Comment> = out
            .lines()
            .map(|l| parse_comment(l).unwrap().unwrap())
            .collect();
        assert_eq!(
            got,
            vec![
                Comment::Func {
                    name: "main odd\"name".into(),
                    symbol: "_main.1".into(),
                    line: 12
                },
                Comment::Param {
                    name: "n".into(),
                    ty: "i64".into(),
                    loc: ParamLoc::Reg(0)
                },
                Comment::Param {
                    name: "x".into(),
                    ty: "f64".into(),
                    loc: ParamLoc::Stack { sp: 31, off: 8 }
                },
                Comment::EndFunc,
            ]
        );
        assert!(parse_comment("// generated").is_none());
        assert!(parse_comment("//@dbg.bogus").unwrap().is_err());
    }
}
