//! Object-format facts: everything that differs between ELF (Linux) and Mach-O (Darwin) in how
//! symbols, local labels and sections are spelled (in assembly and in object files), in one place
//! for the assembly printer, the in-process assembler and the object writer.
//!
//! Invariants: [`ObjectFormat::of`] is the only mapping from an OS to a format; a target never
//! matches on [`TargetOs`] to spell a symbol, a label or a section, it asks this module.

use crate::TargetOs;

/// The object-file format of an OS.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ObjectFormat {
    /// ELF with GNU as syntax (Linux).
    Elf,
    /// Mach-O with Apple's assembler syntax (Darwin).
    MachO,
}

/// The kinds of section code generators write into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SectionKind {
    /// Machine code.
    Text,
    /// Read-only bytes without relocations.
    Rodata,
    /// Read-only after relocation (tables of addresses).
    DataRelRo,
}

impl ObjectFormat {
    /// The format used on `os`.
    pub fn of(os: TargetOs) -> ObjectFormat {
        match os {
            TargetOs::Linux => ObjectFormat::Elf,
            TargetOs::Darwin => ObjectFormat::MachO,
        }
    }
    /// What the C compiler puts in front of a C-level name (`_main` on Mach-O).
    pub fn symbol_prefix(self) -> &'static str {
        match self {
            ObjectFormat::Elf => "",
            ObjectFormat::MachO => "_",
        }
    }
    /// The prefix that makes a label assembler-local (not written to the symbol table).
    pub fn local_label_prefix(self) -> &'static str {
        match self {
            ObjectFormat::Elf => ".L",
            ObjectFormat::MachO => "L",
        }
    }
    /// The assembler directive that switches to section `kind`.
    pub fn section_directive(self, kind: SectionKind) -> &'static str {
        match (self, kind) {
            (ObjectFormat::Elf, SectionKind::Text) => ".text",
            (ObjectFormat::Elf, SectionKind::Rodata) => ".section .rodata",
            (ObjectFormat::Elf, SectionKind::DataRelRo) => ".section .data.rel.ro,\"aw\"",
            (ObjectFormat::MachO, SectionKind::Text) => {
                ".section __TEXT,__text,regular,pure_instructions"
            }
            (ObjectFormat::MachO, SectionKind::Rodata) => ".section __TEXT,__const",
            (ObjectFormat::MachO, SectionKind::DataRelRo) => ".section __DATA,__const",
        }
    }
    /// The section of `kind` in an object file: (segment, section) — the segment is empty on ELF.
    pub fn section_name(self, kind: SectionKind) -> (&'static str, &'static str) {
        match (self, kind) {
            (ObjectFormat::Elf, SectionKind::Text) => ("", ".text"),
            (ObjectFormat::Elf, SectionKind::Rodata) => ("", ".rodata"),
            (ObjectFormat::Elf, SectionKind::DataRelRo) => ("", ".data.rel.ro"),
            (ObjectFormat::MachO, SectionKind::Text) => ("__TEXT", "__text"),
            (ObjectFormat::MachO, SectionKind::Rodata) => ("__TEXT", "__const"),
            (ObjectFormat::MachO, SectionKind::DataRelRo) => ("__DATA", "__const"),
        }
    }
    /// Whether functions carry `.cfi_*` call-frame directives (ELF `.eh_frame`). Mach-O unwind
    /// information (compact unwind) is not written yet, so Darwin text has none.
    pub fn has_cfi(self) -> bool {
        match self {
            ObjectFormat::Elf => true,
            ObjectFormat::MachO => true,
        }
    }
    /// Whether symbols carry ELF `.type`/`.size` directives.
    pub fn has_symbol_type_and_size(self) -> bool {
        match self {
            ObjectFormat::Elf => true,
            ObjectFormat::MachO => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn spellings_per_format() {
        let elf = ObjectFormat::of(TargetOs::Linux);
        let macho = ObjectFormat::of(TargetOs::Darwin);
        assert_eq!((elf.symbol_prefix(), macho.symbol_prefix()), ("", "_"));
        assert_eq!(
            (elf.local_label_prefix(), macho.local_label_prefix()),
            (".L", "L")
        );
        assert_eq!(elf.section_directive(SectionKind::Text), ".text");
        assert_eq!(
            macho.section_directive(SectionKind::Rodata),
            ".section __TEXT,__const"
        );
        assert!(elf.has_symbol_type_and_size() && !macho.has_symbol_type_and_size());
        assert_eq!(
            elf.section_name(SectionKind::DataRelRo),
            ("", ".data.rel.ro")
        );
        assert_eq!(
            macho.section_name(SectionKind::Rodata),
            ("__TEXT", "__const")
        );
    }
}
