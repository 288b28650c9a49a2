//! DWARF debug information for an object, built with `gimli::write` from what the assembly text
//! said (`.file`, `.loc` and the function-information comments of [`crate::debug`]).
//!
//! Sections: `.debug_line` (one row per `.loc`, `is_stmt`/`prologue_end` as written, one
//! sequence per code section), `.debug_info` with one compile unit (the IL file; producer,
//! comp_dir, low/high pc of the code) holding a `DW_TAG_subprogram` per function (IL name,
//! linkage name when the symbol is the IL name, decl line, low/high pc, frame base) and a `DW_TAG_formal_parameter` per IL
//! parameter (name, IL type as a base type, and a location list giving where the ABI passes it
//! from the function's entry to the end of its prologue), `.debug_abbrev`, `.debug_str`,
//! `.debug_line_str` (DWARF 5), `.debug_loclists` (5) or `.debug_loc` (4), and `.debug_aranges`.
//! DWARF 5 for ELF, DWARF 4 for Mach-O (Apple's tools expect at most 4).
//!
//! Relocations are returned, not applied: an address is (code section index, offset), which the
//! object writer relocates as it does `.quad label` (ELF: `R_AARCH64_ABS64` against the section
//! symbol; Mach-O: `ARM64_RELOC_UNSIGNED` against the atom); a section offset names the debug
//! section it points into (ELF: `R_AARCH64_ABS32` against that section's symbol; Mach-O: none,
//! the offset is written in place, as LLVM's assembler does for Darwin).
//!
//! Invariants: output is a function of the table alone; nothing here panics on bad input (rows
//! out of order, unknown files, empty names are errors).

use crate::debug::{Loc, ParamLoc};
use codegen_api::ObjectFormat;
use gimli::write::{
    Address, AttributeValue, DwarfUnit, EndianVec, Expression, FileId, LineProgram, LineString,
    Location, LocationList, RelocateWriter, Relocation, RelocationTarget, Sections, Writer,
};
use gimli::{constants, Encoding, Format, LineEncoding, LittleEndian, Register, SectionId};

/// A function as the text described it.
#[derive(Clone, Debug, Default)]
pub struct DebugFunc {
    pub name: String,
    /// The assembler symbol as spelled in the text.
    pub symbol: String,
    pub line: u32,
    /// Code section index and start/end offsets.
    pub section: usize,
    pub start: u64,
    pub end: u64,
    /// (name, IL type name, location at entry).
    pub params: Vec<(String, String, ParamLoc)>,
}

/// Everything the debug directives of one module said.
#[derive(Clone, Debug, Default)]
pub struct DebugTable {
    /// `.file` number → path.
    pub files: Vec<(u32, String)>,
    /// (code section index, offset, `.loc`), in text order.
    pub rows: Vec<(usize, u64, Loc)>,
    pub funcs: Vec<DebugFunc>,
}

impl DebugTable {
    pub fn is_empty(&self) -> bool {
        self.files.is_empty() && self.rows.is_empty() && self.funcs.is_empty()
    }
}

/// What a relocation points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RelocTarget {
    /// An address in code section `section` (the addend is the offset in it).
    Code { section: usize },
    /// An offset into another debug section.
    Debug(SectionId),
}

/// One relocation of a debug section.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DebugReloc {
    pub offset: u64,
    /// 4 or 8 bytes.
    pub size: u8,
    pub target: RelocTarget,
    pub addend: i64,
}

/// A finished debug section.
#[derive(Clone, Debug)]
pub struct DebugSection {
    pub id: SectionId,
    pub data: Vec<u8>,
    pub relocs: Vec<DebugReloc>,
}

/// A section writer that records relocations instead of resolving them.
#[derive(Clone, Debug)]
struct RelocWriter {
    data: EndianVec<LittleEndian>,
    relocs: Vec<Relocation>,
}

impl Default for RelocWriter {
    fn default() -> Self {
        RelocWriter {
            data: EndianVec::new(LittleEndian),
            relocs: Vec::new(),
        }
    }
}

impl RelocateWriter for RelocWriter {
    type Writer = EndianVec<LittleEndian>;
    fn writer(&self) -> &Self::Writer {
        &self.data
    }
    fn writer_mut(&mut self) -> &mut Self::Writer {
        &mut self.data
    }
    fn relocate(&mut self, r: Relocation) {
        self.relocs.push(r);
    }
}

fn addr(section: usize, offset: u64) -> Address {
    Address::Symbol {
        symbol: section,
        addend: offset as i64,
    }
}

fn gerr(e: gimli::write::Error) -> String {
    format!("writing DWARF: {e}")
}

/// The (name, DWARF encoding, size) of an IL type; `None` for pointers (`ptr`, `str`).
fn base_type(ty: &str) -> Result<Option<(constants::DwAte, u64)>, String> {
    Ok(match ty {
        "i1" => Some((constants::DW_ATE_boolean, 1)),
        "i16" => Some((constants::DW_ATE_signed, 2)),
        "i32" => Some((constants::DW_ATE_signed, 4)),
        "i64" => Some((constants::DW_ATE_signed, 8)),
        "f64" => Some((constants::DW_ATE_float, 8)),
        "ptr" | "str" => None,
        _ => return Err(format!("no debug type for IL type `{ty}`")),
    })
}

/// Split a path into (directory, file name); the directory is `None` for a bare name.
fn split_path(p: &str) -> (Option<&str>, &str) {
    match p.rfind('/') {
        Some(0) => (Some("/"), &p[1..]),
        Some(i) => (Some(&p[..i]), &p[i + 1..]),
        None => (None, p),
    }
}

/// Build the debug sections of `t` for `format`; `sizes` are the code sections' sizes (index →
/// bytes, for the compile unit's range).
pub fn build(
    t: &DebugTable,
    format: ObjectFormat,
    sizes: &[(usize, u64)],
) -> Result<Vec<DebugSection>, String> {
    let version = match format {
        ObjectFormat::Elf => 5,
        ObjectFormat::MachO => 4,
    };
    let encoding = Encoding {
        format: Format::Dwarf32,
        version,
        address_size: 8,
    };
    let mut dwarf = DwarfUnit::new(encoding);
    let primary = t
        .files
        .iter()
        .find(|f| f.0 == 1)
        .or(t.files.first())
        .map(|f| f.1.clone())
        .unwrap_or_else(|| "<unknown>".to_string());
    if primary.is_empty() {
        return Err("debug file with an empty name".into());
    }
    let comp_dir = split_path(&primary).0.unwrap_or(".").to_string();
    let ls =
        |s: &str, d: &mut DwarfUnit| LineString::new(s.as_bytes(), encoding, &mut d.line_strings);
    let wd = ls(&comp_dir, &mut dwarf);
    let prim = ls(&primary, &mut dwarf);
    let mut program = LineProgram::new(encoding, LineEncoding::default(), wd, None, prim, None);
    // `.file` number → FileId (each by its directory and base name, so file 1 is distinct from
    // DWARF 5's file 0 even when both name the IL file).
    let mut file_ids: std::collections::BTreeMap<u32, FileId> = Default::default();
    for (n, path) in &t.files {
        if path.is_empty() {
            return Err(format!("debug file {n} has an empty name"));
        }
        let (dir, name) = split_path(path);
        let dir_id = match dir {
            Some(d) => {
                let d = ls(d, &mut dwarf);
                program.add_directory(d)
            }
            None => program.default_directory(),
        };
        let name = ls(name, &mut dwarf);
        let id = program.add_file(name, dir_id, None);
        // The first `.file` of a number wins.
        file_ids.entry(*n).or_insert(id);
    }
    // Looked up per row: a map, not a scan of the files.
    let file_of = |n: u32| {
        file_ids
            .get(&n)
            .copied()
            .ok_or_else(|| format!(".loc names file {n}, which no .file declares"))
    };
    // One sequence per code section, rows in address order.
    let mut sections_seen: Vec<usize> = Vec::new();
    for &(s, _, _) in &t.rows {
        if !sections_seen.contains(&s) {
            sections_seen.push(s);
        }
    }
    for &s in &sections_seen {
        let end = sizes.iter().find(|x| x.0 == s).map_or(0, |x| x.1);
        program.begin_sequence(Some(addr(s, 0)));
        let mut last = 0u64;
        let mut stmt = true;
        for &(rs, off, loc) in &t.rows {
            if rs != s {
                continue;
            }
            if off < last {
                return Err(format!("line rows out of order at offset {off:#x}"));
            }
            last = off;
            if let Some(v) = loc.is_stmt {
                stmt = v;
            }
            let file = file_of(loc.row.file)?;
            let row = program.row();
            row.address_offset = off;
            row.file = file;
            row.line = loc.row.line as u64;
            row.column = loc.row.col as u64;
            row.is_statement = stmt;
            row.prologue_end = loc.prologue_end;
            program.generate_row();
        }
        program.end_sequence(end.max(last));
    }
    dwarf.unit.line_program = program;

    // The compile unit.
    let strings = &mut dwarf.strings;
    let root = dwarf.unit.root();
    let text_ranges: Vec<(usize, u64)> = sizes.iter().copied().filter(|x| x.1 > 0).collect();
    {
        let producer = strings.add("viper-codegen");
        let name = strings.add(primary.as_bytes());
        let dir = strings.add(comp_dir.as_bytes());
        let cu = dwarf.unit.get_mut(root);
        cu.set(
            constants::DW_AT_producer,
            AttributeValue::StringRef(producer),
        );
        cu.set(
            constants::DW_AT_language,
            AttributeValue::Language(constants::DW_LANG_C99),
        );
        cu.set(constants::DW_AT_name, AttributeValue::StringRef(name));
        cu.set(constants::DW_AT_comp_dir, AttributeValue::StringRef(dir));
        cu.set(constants::DW_AT_stmt_list, AttributeValue::LineProgramRef);
    }
    // The compile unit's base address when it covers one section (location lists are then
    // offsets from it: DWARF 4 address pairs are relative to the base).
    let base = match text_ranges.as_slice() {
        [(s, _)] => Some(*s),
        _ => None,
    };
    match text_ranges.as_slice() {
        [] => {}
        [(s, size)] => {
            let cu = dwarf.unit.get_mut(root);
            cu.set(
                constants::DW_AT_low_pc,
                AttributeValue::Address(addr(*s, 0)),
            );
            cu.set(constants::DW_AT_high_pc, AttributeValue::Udata(*size));
        }
        many => {
            let list = gimli::write::RangeList(
                many.iter()
                    .map(|&(s, size)| gimli::write::Range::StartLength {
                        begin: addr(s, 0),
                        length: size,
                    })
                    .collect(),
            );
            let id = dwarf.unit.ranges.add(list);
            let cu = dwarf.unit.get_mut(root);
            cu.set(
                constants::DW_AT_low_pc,
                AttributeValue::Address(Address::Constant(0)),
            );
            cu.set(constants::DW_AT_ranges, AttributeValue::RangeListRef(id));
        }
    }

    // Types, made on first use.
    let mut types: Vec<(String, gimli::write::UnitEntryId)> = Vec::new();
    let mut type_of =
        |dwarf: &mut DwarfUnit, ty: &str| -> Result<gimli::write::UnitEntryId, String> {
            if let Some(t) = types.iter().find(|t| t.0 == ty) {
                return Ok(t.1);
            }
            let name = dwarf.strings.add(ty.as_bytes());
            let id = match base_type(ty)? {
                Some((enc, size)) => {
                    let id = dwarf.unit.add(root, constants::DW_TAG_base_type);
                    let e = dwarf.unit.get_mut(id);
                    e.set(constants::DW_AT_name, AttributeValue::StringRef(name));
                    e.set(constants::DW_AT_encoding, AttributeValue::Encoding(enc));
                    e.set(
                        constants::DW_AT_byte_size,
                        AttributeValue::Data1(size as u8),
                    );
                    id
                }
                None => {
                    let p = dwarf.unit.add(root, constants::DW_TAG_pointer_type);
                    dwarf
                        .unit
                        .get_mut(p)
                        .set(constants::DW_AT_byte_size, AttributeValue::Data1(8));
                    let id = dwarf.unit.add(root, constants::DW_TAG_typedef);
                    let e = dwarf.unit.get_mut(id);
                    e.set(constants::DW_AT_name, AttributeValue::StringRef(name));
                    e.set(constants::DW_AT_type, AttributeValue::UnitRef(p));
                    id
                }
            };
            types.push((ty.to_string(), id));
            Ok(id)
        };

    let il_file = file_of(1).ok();
    // The (section, offset) of every `prologue_end` row, sorted: each function finds its first
    // one by binary search (a scan of all rows per function made n functions cost n²).
    let mut prologue_rows: Vec<(usize, u64)> = t
        .rows
        .iter()
        .filter(|r| r.2.prologue_end)
        .map(|r| (r.0, r.1))
        .collect();
    prologue_rows.sort_unstable();
    let prefix = format.symbol_prefix();
    for f in &t.funcs {
        if f.end < f.start {
            return Err(format!("function `{}` ends before it starts", f.name));
        }
        // The end of the prologue: the first `prologue_end` row in the function; the entry
        // locations cover at least the first instruction.
        let first = prologue_rows.partition_point(|&r| r < (f.section, f.start));
        let prologue_end = prologue_rows
            .get(first)
            .filter(|r| r.0 == f.section && r.1 < f.end)
            .map_or(f.start, |r| r.1);
        let entry_end = prologue_end.max(f.start + 4).min(f.end.max(f.start + 4));
        let sp = dwarf.unit.add(root, constants::DW_TAG_subprogram);
        let name = dwarf.strings.add(f.name.as_bytes());
        let symbol = f.symbol.strip_prefix(prefix).unwrap_or(&f.symbol);
        let e = dwarf.unit.get_mut(sp);
        e.set(constants::DW_AT_name, AttributeValue::StringRef(name));
        // gdb (13) names a function by its linkage name when it has one, so a symbol renamed to
        // avoid a clash (`main.1` for IL `@main`) would hide the IL name in `bt`: the linkage
        // name is given when it is the IL name (the symbol is found through low_pc either way).
        if symbol == f.name {
            let linkage = dwarf.strings.add(symbol.as_bytes());
            dwarf.unit.get_mut(sp).set(
                constants::DW_AT_linkage_name,
                AttributeValue::StringRef(linkage),
            );
        }
        let e = dwarf.unit.get_mut(sp);
        if let Some(file) = il_file {
            e.set(
                constants::DW_AT_decl_file,
                AttributeValue::FileIndex(Some(file)),
            );
            e.set(
                constants::DW_AT_decl_line,
                AttributeValue::Udata(f.line as u64),
            );
        }
        e.set(
            constants::DW_AT_low_pc,
            AttributeValue::Address(addr(f.section, f.start)),
        );
        e.set(
            constants::DW_AT_high_pc,
            AttributeValue::Udata(f.end - f.start),
        );
        let mut fb = Expression::new();
        match format {
            // The CFA (`.eh_frame` describes it everywhere in the function).
            ObjectFormat::Elf => fb.op(constants::DW_OP_call_frame_cfa),
            // No call-frame information on Mach-O: the frame pointer.
            ObjectFormat::MachO => fb.op_reg(Register(29)),
        }
        e.set(constants::DW_AT_frame_base, AttributeValue::Exprloc(fb));
        for (pname, ty, loc) in &f.params {
            let ty = type_of(&mut dwarf, ty)?;
            let mut ex = Expression::new();
            let end = match (*loc, format) {
                (ParamLoc::Reg(r), _) => {
                    ex.op_reg(Register(r));
                    entry_end
                }
                // The CFA is the stack pointer at entry.
                (ParamLoc::Stack { off, .. }, ObjectFormat::Elf) => {
                    ex.op_fbreg(off);
                    entry_end
                }
                // Without CFI, sp at entry is known at the first instruction only.
                (ParamLoc::Stack { sp, off }, ObjectFormat::MachO) => {
                    ex.op_breg(Register(sp), off);
                    f.start + 4
                }
            };
            let entry = match base {
                Some(s) if s == f.section => Location::OffsetPair {
                    begin: f.start,
                    end,
                    data: ex,
                },
                _ => Location::StartEnd {
                    begin: addr(f.section, f.start),
                    end: addr(f.section, end),
                    data: ex,
                },
            };
            let list = LocationList(vec![entry]);
            let list = dwarf.unit.locations.add(list);
            let pn = dwarf.strings.add(pname.as_bytes());
            let p = dwarf.unit.add(sp, constants::DW_TAG_formal_parameter);
            let e = dwarf.unit.get_mut(p);
            e.set(constants::DW_AT_name, AttributeValue::StringRef(pn));
            e.set(constants::DW_AT_type, AttributeValue::UnitRef(ty));
            e.set(
                constants::DW_AT_location,
                AttributeValue::LocationListRef(list),
            );
        }
    }

    let mut sections = Sections::new(RelocWriter::default());
    dwarf.write(&mut sections).map_err(gerr)?;
    let mut out = Vec::new();
    sections.for_each(|id, w| -> Result<(), String> {
        if w.data.len() == 0 {
            return Ok(());
        }
        let relocs = w
            .relocs
            .iter()
            .map(|r| DebugReloc {
                offset: r.offset as u64,
                size: r.size,
                target: match r.target {
                    RelocationTarget::Symbol(s) => RelocTarget::Code { section: s },
                    RelocationTarget::Section(s) => RelocTarget::Debug(s),
                },
                addend: r.addend,
            })
            .collect();
        out.push(DebugSection {
            id,
            data: w.data.slice().to_vec(),
            relocs,
        });
        Ok(())
    })?;
    if !text_ranges.is_empty() {
        out.push(aranges(&text_ranges));
    }
    Ok(out)
}

/// `.debug_aranges` (version 2) for the one compile unit at `.debug_info` offset 0.
fn aranges(ranges: &[(usize, u64)]) -> DebugSection {
    let mut d: Vec<u8> = Vec::new();
    let mut relocs = Vec::new();
    d.extend_from_slice(&0u32.to_le_bytes()); // unit_length, patched below
    d.extend_from_slice(&2u16.to_le_bytes());
    relocs.push(DebugReloc {
        offset: d.len() as u64,
        size: 4,
        target: RelocTarget::Debug(SectionId::DebugInfo),
        addend: 0,
    });
    d.extend_from_slice(&0u32.to_le_bytes());
    d.push(8); // address size
    d.push(0); // segment selector size
    while !d.len().is_multiple_of(16) {
        d.push(0);
    }
    for &(s, size) in ranges {
        relocs.push(DebugReloc {
            offset: d.len() as u64,
            size: 8,
            target: RelocTarget::Code { section: s },
            addend: 0,
        });
        d.extend_from_slice(&0u64.to_le_bytes());
        d.extend_from_slice(&size.to_le_bytes());
    }
    d.extend_from_slice(&[0u8; 16]);
    let len = (d.len() - 4) as u32;
    d[..4].copy_from_slice(&len.to_le_bytes());
    DebugSection {
        id: SectionId::DebugAranges,
        data: d,
        relocs,
    }
}
