//! The per-instruction table (in the style of Cranelift's `emit_tests.rs`): for every form the
//! emitter writes, the text, the expected instruction word and the expected fixup. The words were
//! produced once by `aarch64-linux-gnu-as` (and `llvm-mc -triple=arm64-apple-macos` for the
//! `@PAGE` spellings) from exactly these lines, with symbol fields left zero for the relocation.
//! Each row also checks that the instruction model prints back to the identical text.

use super::a64::{encode, A64Fixup};
use super::syntax::Inst;

/// (text, word, fixup kind).
const TABLE: &[(&str, u32, Option<A64Fixup>)] = &[
    ("mov x0, x1", 0xaa0103e0, None),
    ("mov x29, sp", 0x910003fd, None),
    ("mov sp, x29", 0x910003bf, None),
    ("mov x30, sp", 0x910003fe, None),
    ("mov x0, #9", 0xd2800120, None),
    ("mov x1, #0", 0xd2800001, None),
    ("mov w3, w4", 0x2a0403e3, None),
    ("movz x16, #0x8000, lsl #48", 0xd2f00010, None),
    ("movz x0, #7, lsl #0", 0xd28000e0, None),
    ("movz x1, #65535, lsl #16", 0xd2bfffe1, None),
    ("movn x2, #0, lsl #0", 0x92800002, None),
    ("movn x17, #4660, lsl #32", 0x92c24691, None),
    ("movk x16, #4660, lsl #16", 0xf2a24690, None),
    ("movk x3, #1, lsl #48", 0xf2e00023, None),
    ("orr x16, xzr, #0x5555555555555555", 0xb200f3f0, None),
    ("orr x0, x1, #0xff", 0xb2401c20, None),
    ("and x16, x16, #0xfffffffffffffff0", 0x927cee10, None),
    ("and x0, x1, #0x1", 0x92400020, None),
    ("eor x2, x3, #0x8000000000000000", 0xd2410062, None),
    ("tst x16, #0x8000000000000000", 0xf241021f, None),
    ("tst w9, #0x1", 0x7200013f, None),
    ("tst x9, #0x100000000", 0xf260013f, None),
    ("add x0, x1, x2", 0x8b020020, None),
    ("add x17, x17, x16, lsl #3", 0x8b100e31, None),
    ("add x0, sp, x17", 0x8b3163e0, None),
    ("add sp, sp, x16", 0x8b3063ff, None),
    ("add x0, x1, #4095", 0x913ffc20, None),
    ("add x0, sp, #16", 0x910043e0, None),
    ("add x29, sp, #0", 0x910003fd, None),
    ("add x0, x1, #1, lsl #12", 0x91400420, None),
    ("add x0, sp, #255, lsl #12", 0x9143ffe0, None),
    ("sub x0, x1, x2", 0xcb020020, None),
    ("sub sp, sp, x16", 0xcb3063ff, None),
    ("sub sp, sp, #4080", 0xd13fc3ff, None),
    ("sub x16, x29, x17", 0xcb1103b0, None),
    ("sub x0, x1, #1", 0xd1000420, None),
    ("sub x0, x1, #2, lsl #12", 0xd1400820, None),
    ("adds x0, x1, x2", 0xab020020, None),
    ("adds x0, x1, #5", 0xb1001420, None),
    ("adds w0, w1, w2", 0x2b020020, None),
    ("adds w0, w1, #7", 0x31001c20, None),
    ("subs x0, x1, x2", 0xeb020020, None),
    ("subs x17, x17, #16", 0xf1004231, None),
    ("subs w3, w4, w5", 0x6b050083, None),
    ("subs w3, w4, #1", 0x71000483, None),
    ("add w16, w16, w17", 0x0b110210, None),
    ("sub w16, w16, w17", 0x4b110210, None),
    ("mul w16, w16, w17", 0x1b117e10, None),
    ("cmp x0, x1", 0xeb01001f, None),
    ("cmp x0, #8", 0xf100201f, None),
    ("cmp x0, #4095", 0xf13ffc1f, None),
    ("cmn x0, #1", 0xb100041f, None),
    ("cmp x17, x0, asr #63", 0xeb80fe3f, None),
    ("cmp x16, w16, sxtw", 0xeb30c21f, None),
    ("cmp w16, w16, sxth", 0x6b30a21f, None),
    ("cmp x0, w0, sxth", 0xeb20a01f, None),
    ("and x0, x1, x2", 0x8a020020, None),
    ("orr x0, x1, x2", 0xaa020020, None),
    ("eor x0, x1, x2", 0xca020020, None),
    ("mul x0, x1, x2", 0x9b027c20, None),
    ("smulh x17, x0, x1", 0x9b417c11, None),
    ("smull x16, w0, w1", 0x9b217c10, None),
    ("sdiv x0, x1, x2", 0x9ac20c20, None),
    ("udiv x0, x1, x2", 0x9ac20820, None),
    ("msub x0, x16, x2, x1", 0x9b028600, None),
    ("lsl x0, x1, x2", 0x9ac22020, None),
    ("lsr x0, x1, x2", 0x9ac22420, None),
    ("asr x0, x1, x2", 0x9ac22820, None),
    ("lsl x0, x1, #3", 0xd37df020, None),
    ("lsl x0, x1, #0", 0xd340fc20, None),
    ("lsr x16, x0, #32", 0xd360fc10, None),
    ("lsr x16, x0, #16", 0xd350fc10, None),
    ("asr x0, x1, #63", 0x937ffc20, None),
    ("sxth x0, w1", 0x93403c20, None),
    ("sxtw x0, w1", 0x93407c20, None),
    ("sxth w16, w0", 0x13003c10, None),
    ("cset x0, ne", 0x9a9f07e0, None),
    ("cset x0, eq", 0x9a9f17e0, None),
    ("cset x3, lo", 0x9a9f27e3, None),
    ("csel x16, x16, xzr, ge", 0x9a9fa210, None),
    ("ccmn x1, #1, #0, eq", 0xba410820, None),
    ("ldr x0, [x1, #8]", 0xf9400420, None),
    ("ldr x0, [sp, #32760]", 0xf97fffe0, None),
    ("ldr x0, [x1]", 0xf9400020, None),
    ("ldr x0, [x1, #0]", 0xf9400020, None),
    ("ldr x0, [x1, x17]", 0xf8716820, None),
    ("ldr d0, [x1, #16]", 0xfd400820, None),
    ("ldr d0, [x1, x17]", 0xfc716820, None),
    ("ldr w0, [x1, #4]", 0xb9400420, None),
    ("ldrb w0, [x1, #3]", 0x39400c20, None),
    ("ldrb w0, [x16, x1]", 0x38616a00, None),
    ("ldrh w0, [x1, #2]", 0x79400420, None),
    ("ldrsh x0, [x1, #2]", 0x79800420, None),
    ("ldrsh x0, [x1, x17]", 0x78b16820, None),
    ("ldrsw x0, [x1, #4]", 0xb9800420, None),
    ("ldrsw x16, [x17, x16, lsl #2]", 0xb8b07a30, None),
    ("ldrsw x0, [x1, x17]", 0xb8b16820, None),
    ("str x0, [x1, #8]", 0xf9000420, None),
    ("str x0, [x17]", 0xf9000220, None),
    ("str x0, [x1, x17]", 0xf8316820, None),
    ("str d1, [x2, #8]", 0xfd000441, None),
    ("str w0, [x1, #4]", 0xb9000420, None),
    ("str w0, [x1, x17]", 0xb8316820, None),
    ("strb w0, [x1, #1]", 0x39000420, None),
    ("strb w0, [x1, x17]", 0x38316820, None),
    // operand-fold: shifted-register ALU forms and scaled register-offset loads/stores
    // (words from llvm-mc -triple=aarch64 -show-encoding).
    ("eor x0, x1, x2, lsl #13", 0xca023420, None),
    ("orr x3, x4, x5, lsr #27", 0xaa456c83, None),
    ("and x6, x7, x8, asr #1", 0x8a8804e6, None),
    ("add x9, x10, x11, lsl #3", 0x8b0b0d49, None),
    ("sub x12, x13, x14, asr #63", 0xcb8efdac, None),
    ("add x0, x1, x2, lsr #7", 0x8b421c20, None),
    ("ldr x0, [x1, x2, lsl #3]", 0xf8627820, None),
    ("ldr d0, [x1, x2, lsl #3]", 0xfc627820, None),
    ("ldrsh x3, [x4, x5, lsl #1]", 0x78a57883, None),
    ("ldrsw x6, [x7, x8, lsl #2]", 0xb8a878e6, None),
    ("str x9, [x10, x11, lsl #3]", 0xf82b7949, None),
    ("str d1, [x2, x3, lsl #3]", 0xfc237841, None),
    ("str w4, [x5, x6, lsl #2]", 0xb82678a4, None),
    ("strh w7, [x8, x9, lsl #1]", 0x78297907, None),
    ("strh w0, [x1, #2]", 0x79000420, None),
    ("strh w0, [x1, x17]", 0x78316820, None),
    ("ldur x0, [x29, #-8]", 0xf85f83a0, None),
    ("ldur d0, [x29, #-16]", 0xfc5f03a0, None),
    ("ldurb w0, [x1, #-1]", 0x385ff020, None),
    ("ldurh w0, [x1, #-2]", 0x785fe020, None),
    ("ldursh x0, [x1, #-2]", 0x789fe020, None),
    ("ldursw x0, [x1, #-4]", 0xb89fc020, None),
    ("stur x0, [x29, #-8]", 0xf81f83a0, None),
    ("stur d0, [x29, #255]", 0xfc0ff3a0, None),
    ("sturb w0, [x1, #-1]", 0x381ff020, None),
    ("sturh w0, [x1, #-2]", 0x781fe020, None),
    ("stur w0, [x1, #-4]", 0xb81fc020, None),
    ("ldp x29, x30, [sp], #16", 0xa8c17bfd, None),
    ("stp x29, x30, [sp, #-16]!", 0xa9bf7bfd, None),
    ("stp x19, x20, [x29, #-16]", 0xa93f53b3, None),
    ("ldp x19, x20, [x29, #-16]", 0xa97f53b3, None),
    ("stp xzr, xzr, [x16], #16", 0xa8817e1f, None),
    ("stp xzr, xzr, [x29, #-256]", 0xa9307fbf, None),
    ("stp xzr, xzr, [x0, #496]", 0xa91f7c1f, None),
    ("stp x30, x29, [x17, #8]", 0xa900f63e, None),
    ("ldp d8, d9, [x29, #-32]", 0x6d7e27a8, None),
    ("stp d8, d9, [x29, #-32]", 0x6d3e27a8, None),
    ("fmov d0, d1", 0x1e604020, None),
    ("fmov d0, x16", 0x9e670200, None),
    ("fmov x16, d0", 0x9e660010, None),
    ("fmov d0, xzr", 0x9e6703e0, None),
    ("fmov d0, #1.0", 0x1e6e1000, None),
    ("fmov d1, #-2.5", 0x1e709001, None),
    ("fmov d2, #0.125", 0x1e681002, None),
    ("fmov d3, #31.0", 0x1e67f003, None),
    ("fadd d0, d1, d2", 0x1e622820, None),
    ("fsub d0, d1, d2", 0x1e623820, None),
    ("fmul d0, d1, d2", 0x1e620820, None),
    ("fdiv d0, d1, d2", 0x1e621820, None),
    ("fcmp d0, d1", 0x1e612000, None),
    ("fcmp d0, #0.0", 0x1e602008, None),
    ("fabs d31, d0", 0x1e60c01f, None),
    ("frintn d31, d0", 0x1e64401f, None),
    ("frintz d31, d0", 0x1e65c01f, None),
    ("fcvtzs x0, d31", 0x9e7803e0, None),
    ("fcvtzu x0, d31", 0x9e7903e0, None),
    ("scvtf d0, x1", 0x9e620020, None),
    ("ucvtf d0, x1", 0x9e630020, None),
    ("br x17", 0xd61f0220, None),
    ("blr x16", 0xd63f0200, None),
    ("ret", 0xd65f03c0, None),
    ("brk #1", 0xd4200020, None),
    ("b sym", 0x14000000, Some(A64Fixup::Jump26)),
    ("bl sym", 0x94000000, Some(A64Fixup::Call26)),
    ("b.eq sym", 0x54000000, Some(A64Fixup::Cond19)),
    ("b.ne sym", 0x54000001, Some(A64Fixup::Cond19)),
    ("b.hs sym", 0x54000002, Some(A64Fixup::Cond19)),
    ("b.lo sym", 0x54000003, Some(A64Fixup::Cond19)),
    ("b.mi sym", 0x54000004, Some(A64Fixup::Cond19)),
    ("b.pl sym", 0x54000005, Some(A64Fixup::Cond19)),
    ("b.vs sym", 0x54000006, Some(A64Fixup::Cond19)),
    ("b.vc sym", 0x54000007, Some(A64Fixup::Cond19)),
    ("b.hi sym", 0x54000008, Some(A64Fixup::Cond19)),
    ("b.ls sym", 0x54000009, Some(A64Fixup::Cond19)),
    ("b.ge sym", 0x5400000a, Some(A64Fixup::Cond19)),
    ("b.lt sym", 0x5400000b, Some(A64Fixup::Cond19)),
    ("b.gt sym", 0x5400000c, Some(A64Fixup::Cond19)),
    ("b.le sym", 0x5400000d, Some(A64Fixup::Cond19)),
    ("cbz x0, sym", 0xb4000000, Some(A64Fixup::Cond19)),
    ("cbnz x16, sym", 0xb5000010, Some(A64Fixup::Cond19)),
    ("tbz w9, #0, sym", 0x36000009, Some(A64Fixup::Test14)),
    ("tbnz w3, #5, sym", 0x37280003, Some(A64Fixup::Test14)),
    ("tbz x1, #33, sym", 0xb6080001, Some(A64Fixup::Test14)),
    ("tbnz x30, #63, sym", 0xb7f8001e, Some(A64Fixup::Test14)),
    ("adr x17, sym", 0x10000011, Some(A64Fixup::Adr21)),
    ("adrp x0, sym", 0x90000000, Some(A64Fixup::Page21)),
    ("add x0, x0, :lo12:sym", 0x91000000, Some(A64Fixup::AddLo12)),
    ("adrp x16, :got:sym", 0x90000010, Some(A64Fixup::GotPage21)),
    (
        "ldr x16, [x16, :got_lo12:sym]",
        0xf9400210,
        Some(A64Fixup::GotLo12),
    ),
    (
        "adrp x16, :gottprel:sym",
        0x90000010,
        Some(A64Fixup::TlsIePage21),
    ),
    (
        "ldr x17, [x17, :gottprel_lo12:sym]",
        0xf9400231,
        Some(A64Fixup::TlsIeLo12),
    ),
    ("mrs x30, tpidr_el0", 0xd53bd05e, None),
    ("mrs x0, tpidr_el0", 0xd53bd040, None),
    ("adrp x0, _sym@PAGE", 0x90000000, Some(A64Fixup::Page21)),
    (
        "add x0, x0, _sym@PAGEOFF",
        0x91000000,
        Some(A64Fixup::AddLo12),
    ),
    (
        "adrp x16, _sym@GOTPAGE",
        0x90000010,
        Some(A64Fixup::GotPage21),
    ),
    (
        "ldr x16, [x16, _sym@GOTPAGEOFF]",
        0xf9400210,
        Some(A64Fixup::GotLo12),
    ),
];

#[test]
fn every_form_encodes_as_the_assembler_does() {
    let mut bad = Vec::new();
    for &(text, word, fixup) in TABLE {
        let i = match Inst::parse(text) {
            Ok(i) => i,
            Err(e) => {
                bad.push(format!("{text}: {e}"));
                continue;
            }
        };
        let mut fast = String::new();
        super::syntax::write_inst(&mut fast, i.mn, &i.ops);
        if fast != text {
            bad.push(format!("{text}: written back as `{fast}`"));
        }
        if i.to_string() != text {
            bad.push(format!("{text}: prints back as `{i}`"));
        }
        match encode(&i) {
            Ok(e) if e.word == word && e.fixup.map(|f| f.0) == fixup => {}
            Ok(e) => bad.push(format!(
                "{text}: {:#010x} {:?}, expected {word:#010x} {fixup:?}",
                e.word,
                e.fixup.map(|f| f.0)
            )),
            Err(e) => bad.push(format!("{text}: {e}")),
        }
    }
    assert!(
        bad.is_empty(),
        "{} of {} rows wrong:\n{}",
        bad.len(),
        TABLE.len(),
        bad.join("\n")
    );
}

#[test]
fn unknown_forms_are_errors_naming_the_instruction() {
    for text in [
        "nop",
        "ldr x0, [x1, #3]",
        "add x0, x1, #4097",
        "movz x0, #65536, lsl #0",
        "and x0, x1, #0x1234",
        "ldur x0, [x1, #256]",
        "fmov d0, #0.1",
        "stp x0, x1, [sp, #-520]!",
        "tbz w0, #32, sym",
        "tbnz x0, #64, sym",
        "frob x0",
    ] {
        let r = Inst::parse(text).and_then(|i| encode(&i).map(|_| ()));
        match r {
            Ok(()) => panic!("`{text}` was accepted"),
            Err(e) => assert!(e.contains(text), "error for `{text}` does not name it: {e}"),
        }
    }
}

#[test]
fn symbol_slots_take_any_name() {
    // A function may be called `x1` or `eq`: branch targets are always symbols.
    let i = Inst::parse("bl x1").unwrap();
    assert_eq!(encode(&i).unwrap().fixup, Some((A64Fixup::Call26, "x1")));
    let i = Inst::parse("b.ne eq").unwrap();
    assert_eq!(i.to_string(), "b.ne eq");
}

/// The assembler's line splitter agrees with `str::lines` on every ending.
#[test]
fn lines_split_like_str_lines() {
    for text in [
        "",
        "\n",
        "a",
        "a\n",
        "a\nb",
        "a\r\nb\r\n",
        "\n\nx\n\n",
        "\tmov x0, #1\nl:\n\t.p2align 2\n",
        "a\rb\n",
    ] {
        let ours: Vec<&str> = super::Lines::new(text).collect();
        let std: Vec<&str> = text.lines().collect();
        assert_eq!(ours, std, "{text:?}");
    }
}

/// The operand splitter: every top-level `", "` (as `str::split` for text without brackets),
/// none inside `[...]`, nothing for an empty text.
#[test]
fn operands_split_at_top_level_separators() {
    use super::syntax::split_operands;
    for text in [
        "x0",
        "x0, x1",
        "x0, x1, #5",
        "a, ",
        ", a",
        "1, 2, 3, 4, 5, 6",
        "a,b, c",
    ] {
        let ours: Vec<&str> = split_operands(text).collect();
        let std: Vec<&str> = text.split(", ").collect();
        assert_eq!(ours, std, "{text:?}");
    }
    let split = |s| split_operands(s).collect::<Vec<_>>();
    assert_eq!(split(""), Vec::<&str>::new());
    assert_eq!(split("x0, [x1, #8]"), ["x0", "[x1, #8]"]);
    assert_eq!(split("x0, x1, [sp, #-16]!"), ["x0", "x1", "[sp, #-16]!"]);
    assert_eq!(
        split("x0, [x29, x1, lsl #3], x2"),
        ["x0", "[x29, x1, lsl #3]", "x2"]
    );
}

/// A function's text (ELF spelling) with a pool placeholder (`\x01c0\x01`) as the target of
/// `adrp`/`add`, labels, branches, call-frame directives and a symbol reference.
const PRELINK: &str = "\t.text\n\t.p2align 2\n\t.type f, %function\nf:\n\t.cfi_startproc\n\
\tstp x29, x30, [sp, #-16]!\n\t.cfi_def_cfa_offset 16\n\t.cfi_offset x29, -16\n\
\t.cfi_offset x30, -8\n\tmov x29, sp\n\tadrp x0, \x01c0\x01\n\
\tadd x0, x0, :lo12:\x01c0\x01\n\tcbz x0, .Lf0_b1\n\tbl puts\n.Lf0_b1:\n\
\tldp x29, x30, [sp], #16\n\t.cfi_restore x29\n\t.cfi_restore x30\n\t.cfi_def_cfa_offset 0\n\
\tret\n\t.cfi_endproc\n\t.size f, .-f\n";

/// The object made by preparing each function (`prelink`, whose placeholders `rename` maps to
/// module labels) and placing it after `head`, then feeding `tail`, and the object the one-pass
/// assembler makes from the linked text: they must be equal.
/// (ELF spelling: `object_exact` compares both formats over the corpus.)
fn placed_and_whole(head: &str, prelink: &[&str], rename: &[(&str, &str)], tail: &str) {
    {
        let os = codegen_api::TargetOs::Linux;
        let link = |t: &str| {
            rename
                .iter()
                .fold(t.to_string(), |t, (from, to)| t.replace(from, to))
        };
        let linked: String = prelink.iter().map(|t| link(t)).collect();
        let whole = super::assemble(&format!("{head}{linked}{tail}"), os).unwrap();
        let arena = typed_arena::Arena::new();
        let mut a = super::Assembler::new(os);
        a.feed(head).unwrap();
        for (i, t) in prelink.iter().enumerate() {
            let mut p = super::prepare(t, i, os).expect("the function assembles on its own");
            let names = arena.alloc(link(&p.take_names()));
            assert!(a.place(p, names).unwrap(), "placed");
        }
        a.feed(tail).unwrap();
        assert_eq!(a.finish().unwrap(), whole);
    }
}

/// A function assembled on its own and placed in module order makes the object the one-pass
/// assembler makes from the linked text: placeholders (the targets of `adrp`/`add`) renamed,
/// labels, branches, call-frame directives, a symbol reference, a jump table.
#[test]
fn prepared_functions_assemble_as_the_whole_text() {
    let pool = "\t.section .rodata\n.Lcstr12:\n\t.asciz \"hi\"\n";
    let second = PRELINK
        .replace(" f", " g")
        .replace("\nf:", "\ng:")
        .replace(".-f", ".-g")
        .replace(".Lf0", ".Lf1");
    placed_and_whole(
        "// head\n",
        &[PRELINK, &second, JUMPS],
        &[("\x01c0\x01", ".Lcstr12")],
        pool,
    );
    // Run twice: the second time comes from the per-thread memo and says the same.
    placed_and_whole("", &[PRELINK], &[("\x01c0\x01", ".Lcstr12")], pool);
}

/// A function with a jump table in its text (`.p2align 2` inside it, label differences).
const JUMPS: &str =
    "\t.text\n\t.p2align 2\nh:\n\tadr x16, .Lf2_r1\n\tldrsw x17, [x16, x0, lsl #2]\n\
\tadd x17, x16, x17\n\tbr x17\n\t.p2align 2\n.Lf2_r1:\n\t.word .Lf2_b1 - .Lf2_r1\n\
\t.word .Lf2_b2 - .Lf2_r1\n.Lf2_b1:\n\tret\n.Lf2_b2:\n\tb.eq .Lf2_b1\n\tret\n";

/// A function with a forward conditional branch past the branch's reach: the veneer island
/// is placed inside the function as the one-pass assembler places it.
#[test]
fn prepared_functions_keep_their_islands() {
    let mut f = String::from("\t.text\n\t.p2align 2\nbig:\n\tcbz x0, .Lf0_far\n");
    for _ in 0..(1 << 18) + 16 {
        f.push_str("\tmov x1, x2\n");
    }
    f.push_str(".Lf0_far:\n\tret\n");
    placed_and_whole("\t.text\n\tmov x1, x2\n", &[&f], &[], "");
}

/// What cannot be placed exactly is assembled from its text: a module branch still waiting for
/// its target (an island could fall inside the function) makes `place` refuse, changing
/// nothing, and the text then gives the one-pass object.
#[test]
fn unplaceable_functions_fall_back_to_their_text() {
    let os = codegen_api::TargetOs::Linux;
    let head = "\t.text\n\tcbz x0, .Lf9_later\n";
    let f = "\t.text\n\t.p2align 2\nf:\n\tbl puts\n\tret\n";
    let tail = ".Lf9_later:\n\tret\n";
    let whole = super::assemble(&format!("{head}{f}{tail}"), os).unwrap();
    let mut a = super::Assembler::new(os);
    a.feed(head).unwrap();
    let mut p = super::prepare(f, 0, os).unwrap();
    let names = p.take_names();
    assert!(!a.place(p, &names).unwrap(), "placed past a waiting branch");
    a.feed(f).unwrap();
    a.feed(tail).unwrap();
    assert_eq!(a.finish().unwrap(), whole);
}

/// A function that does not assemble on its own is not prepared (the in-order pass reports its
/// error with the line number): an instruction that does not assemble, a placeholder that is
/// not the target or a second one on a line, a short branch to a label it does not define, an
/// open call-frame record, content before any section.
#[test]
fn prepare_refuses_what_is_not_self_contained() {
    let os = codegen_api::TargetOs::Linux;
    for body in [
        "\tadrp x0, \x01c0\x01x\x01c1\x01\n",
        "\tmov x0, \x01c0\x01\n",
        "\tfrobnicate x0\n",
        "\tbl \x01c0\n",
        "\tb.eq .Lelsewhere\n",
        "\t.cfi_startproc\n\tret\n",
    ] {
        let text = format!("\t.text\n{body}");
        assert!(super::prepare(&text, 0, os).is_none(), "{body:?}");
    }
    assert!(super::prepare("\tret\n", 0, os).is_none());
    assert!(super::prepare("\t.text\n\tret\n\tbl puts\n", 0, os).is_some());
}

/// Placeholder marks on lines assembled by the general path do not hide the placeholder of a
/// later instruction line, nor make a clean line look like one.
#[test]
fn placeholders_are_found_past_marked_lines() {
    let text = "\t.text\n\tadrp x0, \x01c0\x01\n\tbl puts\n\tadrp x1, \x01h1\x01\n\
\tadd x1, x1, :lo12:\x01h1\x01\n";
    placed_and_whole(
        "",
        &[text],
        &[("\x01c0\x01", ".Lcstr3"), ("\x01h1\x01", ".Lstrh0")],
        "\t.section .rodata\n.Lcstr3:\n\t.asciz \"x\"\n.Lstrh0:\n\t.asciz \"y\"\n",
    );
}

/// Debug information survives placing: a function's `.loc` rows and function-information
/// comments land at the placed offsets (the second function's rows follow the first's code).
#[test]
fn prepared_functions_keep_their_debug_rows() {
    let mut comments = String::new();
    target_common::debug::func_comment("f", "f", 3, &mut comments);
    target_common::debug::param_comment(
        "n",
        il::Type::I64,
        target_common::debug::ParamLoc::Reg(0),
        &mut comments,
    );
    let func = |name: &str, line: u32| {
        format!(
            "\t.text\n\t.p2align 2\n{name}:\n\t.cfi_startproc\n{}\t.loc 1 {line} 1 prologue_end\n\
\tmov x1, x0\n\t.loc 1 {} 5\n\tcbz x1, .L{name}_b1\n\tadd x0, x0, #1\n.L{name}_b1:\n\tret\n\
\t.cfi_endproc\n{}\n",
            comments.replace("\"f\" f", &format!("\"{name}\" {name}")),
            line + 1,
            target_common::debug::END_FUNC
        )
    };
    let head = "\t.file 1 \"prog.il\"\n";
    placed_and_whole(head, &[&func("f", 3), &func("g", 9)], &[], "");
}

/// A function's own labels are found by kind and number, and only when spelled as the emitter
/// spells them: `.Lf3_b07` is another label than `.Lf3_b7`, and another function's `.Lf4_b7`,
/// an unknown kind, or no number are ordinary names. Every spelling assembles as the
/// one-pass assembler assembles it.
#[test]
fn own_labels_are_found_only_in_their_spelling() {
    let os = codegen_api::TargetOs::Linux;
    let names = typed_arena::Arena::new();
    let e = super::FnEncoder::new(os, 3, &names, 0);
    assert_eq!(e.own.slot(".Lf3_b7"), Some((0, 7)));
    assert_eq!(e.own.slot(".Lf3_t0"), Some((1, 0)));
    assert_eq!(e.own.slot(".Lf3_k12"), Some((2, 12)));
    assert_eq!(e.own.slot(".Lf3_r9"), Some((3, 9)));
    for other in [
        ".Lf3_b07",
        ".Lf3_b",
        ".Lf3_x1",
        ".Lf4_b7",
        ".Lf33_b7",
        ".Lf3_b7x",
        "f3_b7",
        ".Lf3_b12345678",
    ] {
        assert_eq!(e.own.slot(other), None, "{other}");
    }
    drop(e);
    let f = "\t.text\n\t.p2align 2\nf:\n\tcbz x0, .Lf3_b07\n\tb .Lf3_b7\n.Lf3_b7:\n\tret\n\
             .Lf3_b07:\n\tbl .Lf4_b7\n\tb .Lf3_b7\n.Lf4_b7:\n\tret\n";
    let whole = super::assemble(f, os).unwrap();
    let mut a = super::Assembler::new(os);
    let mut p = super::prepare(f, 3, os).unwrap();
    let names = p.take_names();
    assert!(a.place(p, &names).unwrap());
    assert_eq!(a.finish().unwrap(), whole);
}

/// Every register's name parses back to the register, and `Mn::unscaled` pairs each scaled
/// load/store with the mnemonic spelled with the `u` (`ldrsh` → `ldursh`).
#[test]
fn register_names_and_unscaled_forms_round_trip() {
    use super::syntax::{Mn, R};
    for n in 0..32u8 {
        for r in [R::x(n), R::w(n), R::d(n)] {
            assert_eq!(R::parse(r.name()), Some(r), "{}", r.name());
            assert_eq!(r.to_string(), r.name());
        }
    }
    assert_eq!(R::parse(R::SP.name()), Some(R::SP));
    for m in [
        "ldr", "ldrb", "ldrh", "ldrsh", "ldrsw", "str", "strb", "strh",
    ] {
        let mn = Mn::parse(m).unwrap();
        let (a, b) = m.split_at(2);
        assert_eq!(
            mn.unscaled().map(Mn::name),
            Some(format!("{a}u{b}").as_str())
        );
    }
    assert_eq!(Mn::parse("ldp").unwrap().unscaled(), None);
}

/// Every call-frame directive reads back from the text it writes, which is the assembler's
/// spelling.
#[test]
fn call_frame_directives_read_back_from_their_text() {
    use super::syntax::{Cfi, R};
    let all = [
        (Cfi::StartProc, ".cfi_startproc"),
        (Cfi::EndProc, ".cfi_endproc"),
        (Cfi::DefCfa(R::x(29), 16), ".cfi_def_cfa x29, 16"),
        (Cfi::DefCfa(R::SP, 0), ".cfi_def_cfa sp, 0"),
        (Cfi::DefCfaOffset(16), ".cfi_def_cfa_offset 16"),
        (Cfi::Offset(R::x(30), -8), ".cfi_offset x30, -8"),
        (Cfi::Offset(R::d(8), -40), ".cfi_offset d8, -40"),
        (Cfi::Restore(R::x(19)), ".cfi_restore x19"),
        (Cfi::RememberState, ".cfi_remember_state"),
        (Cfi::RestoreState, ".cfi_restore_state"),
    ];
    for (c, text) in all {
        let mut out = String::new();
        c.write(&mut out);
        assert_eq!(out, text);
        let (name, args) = text.split_once(' ').unwrap_or((text, ""));
        assert_eq!(Cfi::parse(name, args), Ok(c), "{text}");
    }
    assert!(Cfi::parse(".cfi_offset", "x30").is_err());
    assert!(Cfi::parse(".cfi_restore", "q1").is_err());
    assert!(Cfi::parse(".cfi_bogus", "").is_err());
}
