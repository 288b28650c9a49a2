//! The in-process assembler: the emitter's assembly text → a relocatable object file (ELF or
//! Mach-O), with no external assembler.
//!
//! The text that `emit::asm::Asm` writes is the one emission stream: `-S` prints it, and
//! [`assemble`] consumes exactly that stream, line by line, so the printer and the encoder can
//! never drift apart. Each instruction line is parsed into the instruction model
//! ([`syntax::Inst`], which prints back to the identical text) and encoded ([`a64::encode`]);
//! labels and directives drive a [`target_common::object::ObjectBuffer`], which resolves local
//! branches, keeps branches in range (relaxation and veneers) and writes the object.
//!
//! Debug information (`-g`): `.file`/`.loc` and the `//@dbg.` function-information comments
//! (`target_common::debug`) are recorded by the buffer, which writes the DWARF sections.
//!
//! Invariants: every line is either understood or an error naming it (an unknown instruction
//! or directive is never skipped); the object equals what GNU as (Linux) or LLVM's assembler
//! (Darwin) makes from the same text, section bytes, symbols and relocations (checked by
//! `tests/tests/object_exact.rs` over every corpus program and by the table in [`tests`]).

pub mod a64;
pub mod syntax;
#[cfg(test)]
mod tests;

use a64::A64Fixup;
use codegen_api::{CodegenError, ObjectFormat, SectionKind, TargetOs};
use syntax::Inst;
use target_common::debug;
use target_common::object::cfi::{CfiOp, Cie};
use target_common::object::ObjectBuffer;

/// The A64 `nop`, used to pad code alignment.
pub const NOP: u32 = 0xd503_201f;

fn err(line_no: usize, line: &str, e: impl std::fmt::Display) -> CodegenError {
    CodegenError::Internal(format!("assembling line {line_no} `{}`: {e}", line.trim()))
}

/// Decode the body of an `.asciz "..."` string (our escapes: `\"`, `\\`, `\ooo`).
fn unescape(s: &str, out: &mut Vec<u8>) -> Result<(), String> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => {
                let c = *b.get(i + 1).ok_or("dangling backslash")?;
                match c {
                    b'"' | b'\\' => {
                        out.push(c);
                        i += 2;
                    }
                    b'0'..=b'7' => {
                        let mut v: u32 = 0;
                        let mut k = 0;
                        while k < 3 && matches!(b.get(i + 1 + k), Some(b'0'..=b'7')) {
                            v = v * 8 + (b[i + 1 + k] - b'0') as u32;
                            k += 1;
                        }
                        out.push(v as u8);
                        i += 1 + k;
                    }
                    _ => return Err(format!("unknown escape \\{}", c as char)),
                }
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    Ok(())
}

/// The A64 CIE as GNU as writes it: code alignment 4, data alignment -8, return address in x30,
/// CFA = sp on entry.
fn a64_cie() -> Cie {
    Cie {
        code_align: 4,
        data_align: -8,
        ra_column: 30,
        initial: vec![0x0c, 31, 0],
    }
}

/// DWARF register number of a `.cfi_*` register operand (`x0`–`x30`, `sp`, `d0`–`d31`).
fn dwarf_reg(s: &str) -> Result<u32, String> {
    let r = syntax::R::parse(s).ok_or_else(|| format!("bad register `{s}`"))?;
    match r.kind {
        syntax::RegKind::X if r.n < 31 => Ok(r.n as u32),
        syntax::RegKind::Sp => Ok(31),
        syntax::RegKind::D => Ok(64 + r.n as u32),
        syntax::RegKind::X | syntax::RegKind::W => Err(format!("no DWARF number for `{s}`")),
    }
}

fn cfi_directive(b: &mut ObjectBuffer<'_, A64Fixup>, name: &str, args: &str) -> Result<(), String> {
    let two = || -> Result<(&str, &str), String> {
        args.split_once(", ")
            .ok_or_else(|| format!("{name} needs two operands"))
    };
    let num = |s: &str| parse_int(s).ok_or_else(|| format!("bad number `{s}`"));
    match name {
        ".cfi_startproc" => b.cfi_start(),
        ".cfi_endproc" => b.cfi_end(),
        ".cfi_def_cfa" => {
            let (r, o) = two()?;
            b.cfi(CfiOp::DefCfa(dwarf_reg(r)?, num(o)? as u64))
        }
        ".cfi_def_cfa_offset" => b.cfi(CfiOp::DefCfaOffset(num(args)? as u64)),
        ".cfi_offset" => {
            let (r, o) = two()?;
            b.cfi(CfiOp::Offset(dwarf_reg(r)?, num(o)?))
        }
        ".cfi_restore" => b.cfi(CfiOp::Restore(dwarf_reg(args)?)),
        ".cfi_remember_state" => b.cfi(CfiOp::Remember),
        ".cfi_restore_state" => b.cfi(CfiOp::RestoreState),
        _ => Err(format!("unknown directive `{name}`")),
    }
}

fn parse_int(s: &str) -> Option<i64> {
    let (neg, t) = match s.strip_prefix('-') {
        Some(t) => (true, t),
        None => (false, s),
    };
    let v = if let Some(h) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        u64::from_str_radix(h, 16).ok()? as i64
    } else {
        t.parse::<u64>().ok()? as i64
    };
    Some(if neg { v.wrapping_neg() } else { v })
}

fn directive<'a>(
    b: &mut ObjectBuffer<'a, A64Fixup>,
    format: ObjectFormat,
    d: &'a str,
) -> Result<(), String> {
    let (name, args) = match d.find(' ') {
        Some(i) => (&d[..i], &d[i + 1..]),
        None => (d, ""),
    };
    match name {
        ".text" => b.section(SectionKind::Text),
        ".section" => {
            let kind = [
                SectionKind::Text,
                SectionKind::Rodata,
                SectionKind::DataRelRo,
            ]
            .into_iter()
            .find(|&k| format.section_directive(k) == d);
            match kind {
                Some(k) => b.section(k),
                // The ELF non-executable-stack marker: the object writer always adds it.
                None if format == ObjectFormat::Elf && args == ".note.GNU-stack,\"\",%progbits" => {
                }
                None => return Err(format!("unknown section `{args}`")),
            }
        }
        ".p2align" => {
            let p: u32 = args.parse().map_err(|_| "bad .p2align")?;
            b.align(p)?;
        }
        ".globl" => b.set_global(args),
        ".type" => match args.strip_suffix(", %function") {
            Some(s) => b.set_function(s),
            None => return Err("unsupported .type".into()),
        },
        ".size" => {
            let (s, e) = args.split_once(", ").ok_or("bad .size")?;
            if e.strip_prefix(".-") != Some(s) {
                return Err("unsupported .size expression".into());
            }
            b.set_size_to_here(s)?;
        }
        ".asciz" => {
            let body = args
                .strip_prefix('"')
                .and_then(|r| r.strip_suffix('"'))
                .ok_or("bad .asciz")?;
            let mut v = Vec::with_capacity(body.len() + 1);
            unescape(body, &mut v)?;
            v.push(0);
            b.bytes(&v)?;
        }
        ".byte" => {
            let mut v = Vec::new();
            for x in args.split(", ") {
                let n = parse_int(x).ok_or_else(|| format!("bad byte `{x}`"))?;
                v.push(n as u8);
            }
            b.bytes(&v)?;
        }
        ".quad" => {
            for x in args.split(", ") {
                match parse_int(x) {
                    Some(n) => b.data(n as u64, 8)?,
                    None if syntax::is_symbol_name(x) => b.data_abs64(x, 0)?,
                    None => return Err(format!("bad .quad operand `{x}`")),
                }
            }
        }
        ".word" => match args.split_once(" - ") {
            Some((t, m)) if syntax::is_symbol_name(t) && syntax::is_symbol_name(m) => {
                b.data_diff32(t, m)?
            }
            _ => match parse_int(args) {
                Some(n) => b.data(n as u64, 4)?,
                None => return Err(format!("bad .word operand `{args}`")),
            },
        },
        ".file" => {
            let (n, path) = debug::parse_file(args)?;
            b.debug_file(n, path)?;
        }
        ".loc" => b.debug_loc(debug::parse_loc(args)?)?,
        _ if name.starts_with(".cfi_") => cfi_directive(b, name, args)?,
        _ => return Err(format!("unknown directive `{name}`")),
    }
    Ok(())
}

/// One line, classified and (for an instruction) encoded: the parallel first pass's result.
enum Item<'a> {
    Inst(a64::Encoded<'a>),
    Label(&'a str),
    Directive(&'a str),
    /// Function information for the debug sections (a comment to other assemblers).
    Debug(debug::Comment),
    Blank,
}

fn classify(line: &str) -> Result<Item<'_>, String> {
    if let Some(body) = line.strip_prefix('\t') {
        if body.starts_with('.') {
            return Ok(Item::Directive(body));
        }
        let i = Inst::parse(body)?;
        return a64::encode(&i).map(Item::Inst);
    }
    if let Some(l) = line.strip_suffix(':') {
        return if syntax::is_symbol_name(l) {
            Ok(Item::Label(l))
        } else {
            Err("bad label".into())
        };
    }
    if let Some(c) = debug::parse_comment(line) {
        return c.map(Item::Debug);
    }
    if line.is_empty() || line.starts_with("//") {
        Ok(Item::Blank)
    } else {
        Err("unrecognised line".into())
    }
}

/// Lines per unit of parallel work.
const CHUNK: usize = 4096;

/// Assemble `text` (the emitter's output for `os`) into a relocatable object file.
///
/// Parsing and encoding (independent per line) run in parallel over chunks of lines; labels,
/// directives and fixups then go through the buffer in text order, so the result does not
/// depend on scheduling.
pub fn assemble(text: &str, os: TargetOs) -> Result<Vec<u8>, CodegenError> {
    use rayon::prelude::*;
    let format = ObjectFormat::of(os);
    let lines: Vec<&str> = text.lines().collect();
    let items: Vec<Vec<Item<'_>>> = lines
        .par_chunks(CHUNK)
        .enumerate()
        .map(|(c, chunk)| {
            chunk
                .iter()
                .enumerate()
                .map(|(k, line)| classify(line).map_err(|e| err(c * CHUNK + k + 1, line, e)))
                .collect::<Result<Vec<_>, _>>()
        })
        .collect::<Result<_, _>>()?;
    let mut b: ObjectBuffer<'_, A64Fixup> = ObjectBuffer::new(format, &NOP.to_le_bytes());
    b.set_cie(a64_cie());
    for (n, item) in items.into_iter().flatten().enumerate() {
        let at = |e: String| err(n + 1, lines[n], e);
        match item {
            Item::Inst(e) => {
                b.reserve_island(4).map_err(at)?;
                b.inst(e.word, e.fixup).map_err(at)?;
            }
            Item::Label(l) => b.define(l).map_err(at)?,
            Item::Directive(d) => directive(&mut b, format, d).map_err(at)?,
            Item::Debug(c) => b.debug_comment(c).map_err(at)?,
            Item::Blank => {}
        }
    }
    b.finish()
        .map_err(|e| CodegenError::Internal(format!("writing the object: {e}")))
}
