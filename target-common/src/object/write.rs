//! Fixup resolution and the object file itself, through `object::write` (see the module header
//! of [`super`] for the conventions followed per format).
//!
//! Invariants: sections, symbols and relocations are added in buffer order (sections by first
//! use, symbols by first mention of their name), so the file is a pure function of the buffer;
//! names are written as the assembly spells them (no mangling by the writer).

use super::{dwarf, Fix, FixupKind, Map, ObjectBuffer};
use codegen_api::{ObjectFormat, SectionKind};
use object::write::{
    MachOBuildVersion, Object, Relocation, SectionId, Symbol, SymbolId, SymbolSection,
};
use object::{
    elf, macho, Architecture, BinaryFormat, Endianness, RelocationFlags, SectionFlags, SymbolFlags,
    SymbolKind, SymbolScope,
};

fn object_kind(kind: SectionKind) -> object::SectionKind {
    match kind {
        SectionKind::Text => object::SectionKind::Text,
        SectionKind::Rodata => object::SectionKind::ReadOnlyData,
        SectionKind::DataRelRo => object::SectionKind::Data,
    }
}

/// An FDE's pc_begin field: (offset in `.eh_frame`, function section, function start).
type FdeStart = (u64, usize, u64);

/// Where a relocation points: a symbol and the addend to add.
struct Target {
    symbol: SymbolId,
    addend: i64,
}

pub(super) fn finish<K: FixupKind>(mut b: ObjectBuffer<'_, K>) -> Result<Vec<u8>, String> {
    // 1. Resolve what the assembler resolves: pc-relative references inside one section to a
    //    label that is not global, and label differences.
    let mut relocs = Vec::with_capacity(b.fixups.len());
    for f in std::mem::take(&mut b.fixups) {
        let t = &b.labels[f.target as usize];
        let def = t.def;
        match f.kind {
            Fix::Code(k) => match def {
                Some((s, off)) if s == f.section && k.resolves_in_section() && !t.global => {
                    let delta = off as i64 + f.addend - f.offset as i64;
                    let at = f.offset as usize;
                    k.patch(&mut b.sections[s].data[at..at + 4], delta)
                        .map_err(|e| format!("{e} (reference to `{}`)", t.name.unwrap_or("?")))?;
                }
                Some(_) | None => relocs.push(f),
            },
            Fix::Diff32(minus) => {
                let m = b.labels[minus as usize].def;
                match (def, m) {
                    (Some((s1, a)), Some((s2, c))) if s1 == f.section && s2 == f.section => {
                        let v = (a as i64 - c as i64) as i32;
                        let at = f.offset as usize;
                        b.sections[s1].data[at..at + 4].copy_from_slice(&v.to_le_bytes());
                    }
                    _ => {
                        return Err(format!(
                            "label difference `{}` - `{}` is not within one section",
                            t.name.unwrap_or("?"),
                            b.labels[minus as usize].name.unwrap_or("?")
                        ))
                    }
                }
            }
            Fix::Abs64 => relocs.push(f),
        }
    }

    // 2. Sections and section-level symbols.
    let (bf, format) = match b.format {
        ObjectFormat::Elf => (BinaryFormat::Elf, ObjectFormat::Elf),
        ObjectFormat::MachO => (BinaryFormat::MachO, ObjectFormat::MachO),
    };
    let mut obj = Object::new(bf, Architecture::Aarch64, Endianness::Little);
    // Names arrive spelled as in the assembly text (`_name` on Mach-O already).
    obj.set_mangling(object::write::Mangling::None);
    let mut ids: Vec<SectionId> = Vec::new();
    // Every section in creation order (ELF adds .data, .bss and .note.GNU-stack).
    let mut all: Vec<SectionId> = Vec::new();
    // `.eh_frame` and its FDE start fields (offset, section, function start).
    let mut eh_frame: Option<(SectionId, Vec<FdeStart>)> = None;
    // Mach-O: `__LD,__compact_unwind` (an entry per function) and, when some function needs
    // its DWARF FDE, `__TEXT,__eh_frame`; with their start symbols.
    let mut macho_unwind: Option<MachOUnwind> = None;
    // Section start symbols: ELF section symbols, Mach-O `ltmp<n>`.
    let mut starts: Vec<SymbolId> = Vec::new();
    // The debug sections (`-g`) with their relocations.
    let debug: Vec<(SectionId, dwarf::DebugSection)>;
    let add_section = |obj: &mut Object, kind: SectionKind| {
        let (seg, name) = format.section_name(kind);
        obj.add_section(
            seg.as_bytes().to_vec(),
            name.as_bytes().to_vec(),
            object_kind(kind),
        )
    };
    if format == ObjectFormat::Elf {
        // GNU as always has .text, .data and .bss.
        if !b.sections.iter().any(|s| s.kind == SectionKind::Text) {
            b.sections.insert(
                0,
                super::Section {
                    kind: SectionKind::Text,
                    data: Vec::new(),
                    align: 1,
                    mapping: Vec::new(),
                },
            );
            for f in &mut relocs {
                f.section += 1;
            }
            for l in &mut b.labels {
                if let Some((s, _)) = &mut l.def {
                    *s += 1;
                }
            }
        }
    }
    for (i, s) in b.sections.iter().enumerate() {
        let id = add_section(&mut obj, s.kind);
        // Borrowed, not copied: the object writes it out as it stands.
        obj.set_section_data(id, &s.data[..], s.align);
        ids.push(id);
        all.push(id);
        if format == ObjectFormat::Elf && i == 0 && s.kind == SectionKind::Text {
            all.push(obj.add_section(Vec::new(), b".data".to_vec(), object::SectionKind::Data));
            all.push(obj.add_section(
                Vec::new(),
                b".bss".to_vec(),
                object::SectionKind::UninitializedData,
            ));
        }
    }
    match format {
        ObjectFormat::Elf => {
            let note = obj.add_section(
                Vec::new(),
                b".note.GNU-stack".to_vec(),
                object::SectionKind::Other,
            );
            obj.section_mut(note).flags = SectionFlags::Elf {
                sh_type: elf::SHT_PROGBITS,
                sh_flags: elf::SectionFlags(0),
            };
            // GNU as gives every section a section symbol, in section order.
            all.push(note);
            if let (false, Some(cie)) = (b.fdes.is_empty(), &b.cie) {
                let (data, relocs) = super::cfi::eh_frame(cie, &b.fdes, format);
                let eh = obj.add_section(
                    Vec::new(),
                    b".eh_frame".to_vec(),
                    object::SectionKind::ReadOnlyData,
                );
                obj.section_mut(eh).flags = SectionFlags::Elf {
                    sh_type: elf::SHT_PROGBITS,
                    sh_flags: elf::SHF_ALLOC,
                };
                obj.append_section_data(eh, &data, 8);
                all.push(eh);
                eh_frame = Some((eh, relocs));
            }
            debug = add_debug_sections(&mut obj, &b, format)?;
            all.extend(debug.iter().map(|d| d.0));
            for &id in &all {
                obj.section_symbol(id);
            }
            starts = ids.iter().map(|&id| obj.section_symbol(id)).collect();
        }
        ObjectFormat::MachO => {
            for (n, &id) in ids.iter().enumerate() {
                let kind = match b.sections[n].kind {
                    // Code: the section symbol itself (the `object` crate names it `ltmp<n>`
                    // too), so that compact-unwind entries can be relocated against the
                    // section (non-extern) without a second symbol. Nothing else is relocated
                    // against it: every code location lies at or after a function symbol.
                    SectionKind::Text => {
                        starts.push(obj.section_symbol(id));
                        continue;
                    }
                    SectionKind::Rodata | SectionKind::DataRelRo => SymbolKind::Data,
                };
                starts.push(obj.add_symbol(Symbol {
                    name: format!("ltmp{n}").into_bytes(),
                    value: 0,
                    size: 0,
                    kind,
                    scope: SymbolScope::Compilation,
                    weak: false,
                    section: SymbolSection::Section(id),
                    flags: SymbolFlags::None,
                }));
            }
            if !b.fdes.is_empty() {
                macho_unwind = Some(macho_unwind_sections(&mut obj, &b)?);
            }
            debug = add_debug_sections(&mut obj, &b, format)?;
            let mut v = MachOBuildVersion::default();
            v.platform = macho::PLATFORM_MACOS;
            v.minos = macho::Version::new(11, 0, 0);
            obj.set_macho_build_version(v);
        }
    }

    // 3. Symbols: every non-temporary label, defined or referenced; ELF mapping symbols.
    let mut sym_of: Vec<Option<SymbolId>> = vec![None; b.labels.len()];
    let mut referenced = vec![false; b.labels.len()];
    // Symbols reached through TLS relocations are thread-local variables (type TLS).
    let mut tls = vec![false; b.labels.len()];
    for f in &relocs {
        referenced[f.target as usize] = true;
        if let Fix::Code(k) = f.kind {
            tls[f.target as usize] |= k.tls();
        }
    }
    let mut macho_atoms: Vec<Vec<(u64, SymbolId)>> = vec![Vec::new(); b.sections.len()];
    for (n, &s) in starts.iter().enumerate().take(b.sections.len()) {
        if format == ObjectFormat::MachO {
            macho_atoms[n].push((0, s));
        }
    }
    for (i, l) in b.labels.iter().enumerate() {
        if l.temporary {
            continue;
        }
        let Some(name) = &l.name else { continue };
        let id = match l.def {
            Some((s, off)) => {
                let kind = match (format, l.func, b.sections[s].kind) {
                    (ObjectFormat::Elf, true, _) => SymbolKind::Text,
                    (ObjectFormat::Elf, false, _) => SymbolKind::Label,
                    (ObjectFormat::MachO, _, SectionKind::Text) => SymbolKind::Text,
                    (ObjectFormat::MachO, _, SectionKind::Rodata | SectionKind::DataRelRo) => {
                        SymbolKind::Data
                    }
                };
                let sym = obj.add_symbol(Symbol {
                    name: name.as_bytes().to_vec(),
                    value: off,
                    size: l.size.unwrap_or(0),
                    kind,
                    scope: if l.global {
                        SymbolScope::Dynamic
                    } else {
                        SymbolScope::Compilation
                    },
                    weak: false,
                    section: SymbolSection::Section(ids[s]),
                    flags: SymbolFlags::None,
                });
                if format == ObjectFormat::MachO {
                    macho_atoms[s].push((off, sym));
                }
                sym
            }
            None if referenced[i] => obj.add_symbol(Symbol {
                name: name.as_bytes().to_vec(),
                value: 0,
                size: 0,
                kind: if tls[i] {
                    SymbolKind::Tls
                } else {
                    SymbolKind::Unknown
                },
                scope: SymbolScope::Dynamic,
                weak: false,
                section: SymbolSection::Undefined,
                flags: SymbolFlags::None,
            }),
            None => continue,
        };
        sym_of[i] = Some(id);
    }
    if format == ObjectFormat::Elf {
        for (n, s) in b.sections.iter().enumerate() {
            for &(off, m) in &s.mapping {
                let name: &[u8] = match m {
                    Map::Code => b"$x",
                    Map::Data => b"$d",
                };
                obj.add_symbol(Symbol {
                    name: name.to_vec(),
                    value: off,
                    size: 0,
                    kind: SymbolKind::Label,
                    scope: SymbolScope::Compilation,
                    weak: false,
                    section: SymbolSection::Section(ids[n]),
                    flags: SymbolFlags::None,
                });
            }
        }
    }
    if let Some((eh, relocs)) = &eh_frame {
        // GNU as marks the FDEs (not the CIE) as data.
        if let Some(&(first, _, _)) = relocs.first() {
            obj.add_symbol(Symbol {
                name: b"$d".to_vec(),
                value: first - 8,
                size: 0,
                kind: SymbolKind::Label,
                scope: SymbolScope::Compilation,
                weak: false,
                section: SymbolSection::Section(*eh),
                flags: SymbolFlags::None,
            });
        }
        for &(off, s, start) in relocs {
            obj.add_relocation(
                *eh,
                Relocation {
                    offset: off,
                    symbol: starts[s],
                    addend: start as i64,
                    flags: RelocationFlags::Elf {
                        r_type: elf::R_AARCH64_PREL32,
                    },
                },
            )
            .map_err(|e| format!(".eh_frame relocation: {e}"))?;
        }
    }
    for a in &mut macho_atoms {
        a.sort_by_key(|x| x.0);
    }
    if let Some(u) = &macho_unwind {
        macho_unwind_relocations(&mut obj, &b, u, &ids, &macho_atoms)?;
    }

    // 4. Relocations.
    for f in relocs {
        let l = &b.labels[f.target as usize];
        let lname = l.name.unwrap_or("?");
        let via_got = match f.kind {
            Fix::Code(k) => k.via_got(),
            Fix::Abs64 | Fix::Diff32(_) => false,
        };
        let target = match (format, l.def, sym_of[f.target as usize]) {
            // ELF: local definitions are relocated against their section.
            (ObjectFormat::Elf, Some((s, off)), _) if !l.global && !via_got => Target {
                symbol: starts[s],
                addend: off as i64 + f.addend,
            },
            (ObjectFormat::MachO, Some((s, off)), None) => {
                // A temporary label: relative to its atom (last symbol at or before it).
                let atoms = &macho_atoms[s];
                let k = atoms.partition_point(|a| a.0 <= off);
                let (base, sym) = atoms[k.saturating_sub(1)];
                Target {
                    symbol: sym,
                    addend: (off - base) as i64 + f.addend,
                }
            }
            (_, _, Some(sym)) => Target {
                symbol: sym,
                addend: f.addend,
            },
            (_, _, None) => return Err(format!("no symbol for relocation target `{lname}`")),
        };
        let flags = match (format, f.kind) {
            (ObjectFormat::Elf, Fix::Code(k)) => RelocationFlags::Elf {
                r_type: k.elf_type(),
            },
            (ObjectFormat::Elf, Fix::Abs64) => RelocationFlags::Elf {
                r_type: elf::R_AARCH64_ABS64,
            },
            (ObjectFormat::MachO, Fix::Code(k)) => {
                let (r_type, r_pcrel) = k.macho_type();
                RelocationFlags::MachO {
                    r_type,
                    r_pcrel,
                    r_length: 2,
                }
            }
            (ObjectFormat::MachO, Fix::Abs64) => RelocationFlags::MachO {
                r_type: macho::ARM64_RELOC_UNSIGNED,
                r_pcrel: false,
                r_length: 3,
            },
            (_, Fix::Diff32(_)) => return Err("unresolved label difference".into()),
        };
        obj.add_relocation(
            ids[f.section],
            Relocation {
                offset: f.offset,
                symbol: target.symbol,
                addend: target.addend,
                flags,
            },
        )
        .map_err(|e| format!("relocation against `{lname}`: {e}"))?;
    }
    // 5. Relocations of the debug sections.
    for (id, d) in &debug {
        for r in &d.relocs {
            let (symbol, addend, flags) = match (r.target, format) {
                (dwarf::RelocTarget::Code { section }, ObjectFormat::Elf) => (
                    *starts.get(section).ok_or("debug address in no section")?,
                    r.addend,
                    RelocationFlags::Elf {
                        r_type: match r.size {
                            8 => elf::R_AARCH64_ABS64,
                            _ => elf::R_AARCH64_ABS32,
                        },
                    },
                ),
                // As LLVM's assembler: section-relative (non-extern) relocations.
                (dwarf::RelocTarget::Code { section }, ObjectFormat::MachO) => {
                    let sec = *ids.get(section).ok_or("debug address in no section")?;
                    (
                        obj.section_symbol(sec),
                        r.addend,
                        RelocationFlags::MachO {
                            r_type: macho::ARM64_RELOC_UNSIGNED,
                            r_pcrel: false,
                            r_length: if r.size == 8 { 3 } else { 2 },
                        },
                    )
                }
                (dwarf::RelocTarget::Debug(s), ObjectFormat::Elf) => {
                    let target = debug
                        .iter()
                        .find(|d| d.1.id == s)
                        .ok_or_else(|| format!("reference to missing {}", s.name()))?
                        .0;
                    (
                        obj.section_symbol(target),
                        r.addend,
                        RelocationFlags::Elf {
                            r_type: match r.size {
                                8 => elf::R_AARCH64_ABS64,
                                _ => elf::R_AARCH64_ABS32,
                            },
                        },
                    )
                }
                // Written in place by `add_debug_sections`.
                (dwarf::RelocTarget::Debug(_), ObjectFormat::MachO) => continue,
            };
            obj.add_relocation(
                *id,
                Relocation {
                    offset: r.offset,
                    symbol,
                    addend,
                    flags,
                },
            )
            .map_err(|e| format!("{} relocation: {e}", d.id.name()))?;
        }
    }
    obj.write()
        .map_err(|e| format!("writing the object file: {e}"))
}

/// The Mach-O unwind sections of a module with call-frame directives.
struct MachOUnwind {
    compact: SectionId,
    /// `__eh_frame`, its start symbol and its FDE start fields.
    eh_frame: Option<(SectionId, SymbolId, Vec<FdeStart>)>,
}

/// Add `__LD,__compact_unwind` (one 32-byte entry per function: start, length, encoding, no
/// personality, no LSDA) and, when some function's encoding needs DWARF, `__TEXT,__eh_frame`
/// with an FDE for every function — after the module's own sections, each with its `ltmp<n>`
/// start symbol, as LLVM's assembler lays them out.
fn macho_unwind_sections<K: FixupKind>(
    obj: &mut Object,
    b: &ObjectBuffer<'_, K>,
) -> Result<MachOUnwind, String> {
    let encode = b
        .compact_unwind
        .ok_or("this target has no compact-unwind encoder for Mach-O call-frame directives")?;
    let cie = b.cie.as_ref().ok_or("no CIE for call-frame directives")?;
    let mut data = Vec::with_capacity(32 * b.fdes.len());
    let mut dwarf = false;
    for f in &b.fdes {
        let (bits, needs_dwarf) = encode(&f.ops);
        dwarf |= needs_dwarf;
        data.extend_from_slice(&0u64.to_le_bytes());
        let len = u32::try_from(f.end - f.start).map_err(|_| "function larger than 4 GiB")?;
        data.extend_from_slice(&len.to_le_bytes());
        data.extend_from_slice(&bits.to_le_bytes());
        data.extend_from_slice(&[0; 16]);
    }
    let mut n = b.sections.len();
    let start_symbol = |obj: &mut Object, id: SectionId, n: usize| {
        obj.add_symbol(Symbol {
            name: format!("ltmp{n}").into_bytes(),
            value: 0,
            size: 0,
            kind: SymbolKind::Data,
            scope: SymbolScope::Compilation,
            weak: false,
            section: SymbolSection::Section(id),
            flags: SymbolFlags::None,
        })
    };
    let compact = obj.add_section(
        b"__LD".to_vec(),
        b"__compact_unwind".to_vec(),
        object::SectionKind::Other,
    );
    obj.section_mut(compact).flags = SectionFlags::MachO {
        flags: macho::S_REGULAR | macho::S_ATTR_DEBUG,
        reserved2: 0,
    };
    obj.append_section_data(compact, &data, 8);
    start_symbol(obj, compact, n);
    n += 1;
    let eh_frame = if dwarf {
        let (data, starts) = super::cfi::eh_frame(cie, &b.fdes, ObjectFormat::MachO);
        let eh = obj.add_section(
            b"__TEXT".to_vec(),
            b"__eh_frame".to_vec(),
            object::SectionKind::ReadOnlyData,
        );
        obj.section_mut(eh).flags = SectionFlags::MachO {
            flags: macho::S_COALESCED
                | macho::S_ATTR_NO_TOC
                | macho::S_ATTR_STRIP_STATIC_SYMS
                | macho::S_ATTR_LIVE_SUPPORT,
            reserved2: 0,
        };
        obj.append_section_data(eh, &data, 8);
        let sym = start_symbol(obj, eh, n);
        Some((eh, sym, starts))
    } else {
        None
    };
    Ok(MachOUnwind { compact, eh_frame })
}

/// The relocations of the Mach-O unwind sections: each compact-unwind entry's start against its
/// function's section; each FDE's pc_begin as `function - (__eh_frame start + field offset)`
/// (a SUBTRACTOR/UNSIGNED pair, the function named by the symbol at or before its start).
fn macho_unwind_relocations<K: FixupKind>(
    obj: &mut Object,
    b: &ObjectBuffer<'_, K>,
    u: &MachOUnwind,
    ids: &[SectionId],
    atoms: &[Vec<(u64, SymbolId)>],
) -> Result<(), String> {
    let unsigned = RelocationFlags::MachO {
        r_type: macho::ARM64_RELOC_UNSIGNED,
        r_pcrel: false,
        r_length: 3,
    };
    for (k, f) in b.fdes.iter().enumerate() {
        // The section symbol of code (see the start symbols): a non-extern relocation.
        let section = obj.section_symbol(ids[f.section]);
        obj.add_relocation(
            u.compact,
            Relocation {
                offset: 32 * k as u64,
                symbol: section,
                addend: f.start as i64,
                flags: unsigned,
            },
        )
        .map_err(|e| format!("__compact_unwind relocation: {e}"))?;
    }
    if let Some((eh, start, fdes)) = &u.eh_frame {
        for &(field, s, at) in fdes {
            let list = &atoms[s];
            let k = list.partition_point(|a| a.0 <= at);
            let &(base, sym) = list
                .get(k.wrapping_sub(1))
                .ok_or("no symbol at or before a function start")?;
            obj.add_relocation_with_subtractor(
                *eh,
                Relocation {
                    offset: field,
                    symbol: sym,
                    addend: (at - base) as i64 - field as i64,
                    flags: unsigned,
                },
                Some(*start),
            )
            .map_err(|e| format!("__eh_frame relocation: {e}"))?;
        }
    }
    Ok(())
}

/// Build and add the `.debug_*` sections (nothing without debug directives). On Mach-O,
/// offsets into other debug sections are written in place (no relocation).
fn add_debug_sections<K: FixupKind>(
    obj: &mut Object,
    b: &ObjectBuffer<'_, K>,
    format: ObjectFormat,
) -> Result<Vec<(SectionId, dwarf::DebugSection)>, String> {
    if b.debug.is_empty() {
        return Ok(Vec::new());
    }
    let sizes: Vec<(usize, u64)> = b
        .sections
        .iter()
        .enumerate()
        .filter(|(_, s)| s.kind == SectionKind::Text)
        .map(|(i, s)| (i, s.data.len() as u64))
        .collect();
    let mut out = Vec::new();
    for mut d in dwarf::build(&b.debug, format, &sizes)? {
        let name = d.id.name();
        let (seg, sname) = match format {
            ObjectFormat::Elf => (Vec::new(), name.as_bytes().to_vec()),
            ObjectFormat::MachO => (
                b"__DWARF".to_vec(),
                format!("__{}", name.trim_start_matches('.')).into_bytes(),
            ),
        };
        if format == ObjectFormat::MachO {
            for r in &d.relocs {
                if let dwarf::RelocTarget::Debug(_) = r.target {
                    let at = r.offset as usize;
                    let n = r.size as usize;
                    let v = (r.addend as u64).to_le_bytes();
                    d.data
                        .get_mut(at..at + n)
                        .ok_or("debug relocation outside its section")?
                        .copy_from_slice(&v[..n]);
                }
            }
        }
        let id = obj.add_section(seg, sname, object::SectionKind::Debug);
        obj.append_section_data(id, &d.data, 1);
        out.push((id, d));
    }
    Ok(out)
}
