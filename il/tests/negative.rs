//! Negative tests: each malformed program must be rejected with a diagnostic at the exact
//! line:col whose message contains the expected text (parse errors first, then verify errors).

use il::Diagnostics;

/// Parse, then verify; return the diagnostics of the first stage that failed.
fn errors(src: &str) -> Diagnostics {
    match il::parse(src, "t.il") {
        Err(d) => d,
        Ok(m) => match il::verify(&m) {
            Err(d) => d,
            Ok(()) => panic!("expected an error for:\n{src}"),
        },
    }
}

#[track_caller]
fn expect_err(src: &str, line: u32, col: u32, msg: &str) {
    let d = errors(src);
    assert!(
        d.items
            .iter()
            .any(|x| x.span.line == line && x.span.col == col && x.message.contains(msg)),
        "expected {line}:{col} '{msg}', got:\n{d}"
    );
}

fn wrap(body: &str) -> String {
    format!("il 0.2.0\nfunc @main() -> i64 {{\nentry:\n{body}}}\n")
}

#[test]
fn valid_program_passes() {
    let src = wrap("  %x = iadd.ovf 1, 2\n  ret %x\n");
    let m = il::parse(&src, "t.il").unwrap();
    il::verify(&m).unwrap();
}

#[test]
fn unknown_opcode() {
    expect_err(
        &wrap("  frob 1, 2\n  ret 0\n"),
        4,
        3,
        "unknown opcode 'frob'",
    );
}

#[test]
fn type_mismatch() {
    expect_err(
        &wrap("  %i = iadd.ovf 1, 2\n  %f = fadd 1.0, %i\n  ret 0\n"),
        5,
        3,
        "fadd: operand 2 must be f64, got %i of type i64",
    );
    // Integer literals are not accepted in f64 slots.
    expect_err(&wrap("  %f = fadd 1, 2.0\n  ret 0\n"), 4, 3, "must be f64");
    // Strict: cbr needs an i1 value or true/false.
    expect_err(&wrap("  cbr 1, entry, entry\n"), 4, 3, "must be i1");
}

#[test]
fn undefined_value() {
    expect_err(
        &wrap("  %x = iadd.ovf %nope, 1\n  ret %x\n"),
        4,
        17,
        "unknown value %nope",
    );
}

#[test]
fn use_before_definition_in_block() {
    expect_err(
        &wrap("  %x = iadd.ovf %x, 1\n  ret 0\n"),
        4,
        17,
        "unknown value %x",
    );
}

#[test]
fn missing_terminator() {
    expect_err(
        &wrap("  %x = iadd.ovf 1, 2\n"),
        4,
        3,
        "does not end with a terminator",
    );
}

#[test]
fn terminator_not_last() {
    expect_err(
        &wrap("  ret 0\n  ret 1\n"),
        4,
        3,
        "must be the last instruction",
    );
}

#[test]
fn wrong_branch_arg_count() {
    expect_err(
        &wrap("  br next(1)\nnext:\n  ret 0\n"),
        4,
        3,
        "bad arg count: branch to 'next' passes 1 argument(s), the block takes 0",
    );
}

#[test]
fn unknown_label() {
    expect_err(
        &wrap("  br nowhere\n"),
        4,
        6,
        "unknown block label 'nowhere'",
    );
}

#[test]
fn bad_literals() {
    expect_err(
        &wrap("  %x = iadd.ovf 09, 1\n  ret %x\n"),
        4,
        17,
        "invalid integer literal '09'",
    );
    expect_err(
        &wrap("  %x = iadd.ovf 0xFFFFFFFFFFFFFFFF, 1\n  ret %x\n"),
        4,
        17,
        "out of range",
    );
    expect_err(
        "il 0.2.0\nglobal const str @g = \"ab\\q\"\n",
        2,
        26,
        "unknown escape sequence '\\q'",
    );
    expect_err(
        &wrap("  %f = fadd -nan, 1.0\n  ret 0\n"),
        4,
        13,
        "invalid float literal",
    );
}

#[test]
fn truncated_file() {
    expect_err(
        "il 0.2.0\nfunc @main() -> i64 {\nentry:\n  ret 0\n",
        2,
        1,
        "missing '}'",
    );
    // Truncated mid-instruction.
    expect_err(
        "il 0.2.0\nfunc @main() -> i64 {\nentry:\n  %x = iadd.ovf 1,",
        4,
        19,
        "expected a value",
    );
}

#[test]
fn block_param_outside_its_block() {
    let src =
        "il 0.2.0\nfunc @f(i64 %n) -> i64 {\nentry(%n: i64):\n  br next\nnext:\n  ret %n\n}\n";
    expect_err(src, 6, 7, "block parameter %n used outside its block");
}

#[test]
fn non_dominating_use() {
    let body = "  cbr true, a, b\na:\n  %x = iadd.ovf 1, 2\n  br c\nb:\n  br c\nc:\n  %y = iadd.ovf %x, 1\n  ret %y\n";
    expect_err(
        &wrap(body),
        11,
        3,
        "definition of %x in 'a' does not dominate its use in 'c'",
    );
}

#[test]
fn duplicate_names() {
    expect_err(
        &wrap("  %x = iadd.ovf 1, 2\n  %x = iadd.ovf 3, 4\n  ret %x\n"),
        5,
        3,
        "duplicate result name %x",
    );
    expect_err(
        &wrap("  br entry\nentry:\n  ret 0\n"),
        5,
        1,
        "duplicate block label 'entry'",
    );
    expect_err(
        "il 0.2.0\nextern @f() -> void\nextern @f() -> void\n",
        3,
        8,
        "duplicate extern @f",
    );
    let two =
        "il 0.2.0\nfunc @m() -> void {\nentry:\n  ret\n}\nfunc @m() -> void {\nentry:\n  ret\n}\n";
    expect_err(two, 6, 6, "duplicate function @m");
}

#[test]
fn rejected_plain_arithmetic() {
    expect_err(
        &wrap("  %x = add 1, 2\n  ret %x\n"),
        4,
        3,
        "add is not allowed",
    );
    expect_err(
        &wrap("  %x = sdiv 1, 2\n  ret %x\n"),
        4,
        3,
        "sdiv is not allowed",
    );
}

#[test]
fn entry_params_must_match_header() {
    let src = "il 0.2.0\nfunc @f(i64 %n) -> i64 {\nentry:\n  ret 0\n}\n";
    expect_err(
        src,
        3,
        1,
        "entry block parameters () must equal the parameters of @f (i64)",
    );
}

#[test]
fn call_checks() {
    let src = "il 0.2.0\nextern @p(i64) -> void\nfunc @main() -> i64 {\nentry:\n  call @p(1, 2)\n  %r = call @p(1)\n  call @nothing()\n  ret 0\n}\n";
    expect_err(src, 5, 3, "passes 2 argument(s), expected 1");
    expect_err(src, 6, 3, "void function cannot have a result");
    expect_err(src, 7, 3, "unknown callee @nothing");
}

#[test]
fn narrowing_and_switch_rules() {
    expect_err(
        &wrap("  %s = cast.si_narrow.chk 5\n  ret 0\n"),
        4,
        3,
        "narrowing cast result must be i16 or i32",
    );
    let body =
        "  %s:i32 = cast.si_narrow.chk 5\n  switch.i32 %s, ^d, 1 -> ^d, 1 -> ^d\nd:\n  ret 0\n";
    expect_err(&wrap(body), 5, 3, "duplicate switch case value 1");
    expect_err(
        &wrap("  switch.i32 3, ^d\nd:\n  ret 0\n"),
        4,
        3,
        "scrutinee must be an i32 value",
    );
}

#[test]
fn eh_rules() {
    let body = "  eh.pop\n  ret 0\n";
    expect_err(&wrap(body), 4, 3, "eh.pop without matching eh.push");
    let body = "  eh.push ^h\n  ret 0\nhandler ^h(%err: Error, %tok: ResumeTok):\n  eh.entry\n  resume.next %tok\n";
    expect_err(&wrap(body), 5, 3, "unmatched eh.push depth 1");
    let body = "  eh.push ^h\n  eh.pop\n  ret 0\nh:\n  ret 1\n";
    expect_err(&wrap(body), 4, 3, "is not a handler block");
}

#[test]
fn all_errors_are_reported_sorted() {
    let d = errors(&wrap("  frob\n  %x = iadd.ovf %a, 1\n  bad 1\n  ret 0\n"));
    let lines: Vec<u32> = d.items.iter().map(|x| x.span.line).collect();
    assert_eq!(lines, vec![4, 5, 6], "{d}");
}

#[test]
fn semicolon_is_not_a_comment() {
    expect_err(&wrap("  ; comment\n  ret 0\n"), 4, 3, "unknown opcode ';'");
    expect_err("il 0.2.0\n; x\n", 2, 1, "unexpected line");
}

/// Parse and verify `src`, which must be valid.
#[track_caller]
fn expect_ok(src: &str) -> il::Module {
    let m = il::parse(src, "t.il").unwrap_or_else(|d| panic!("parse failed:\n{d}"));
    il::verify(&m).unwrap_or_else(|d| panic!("verify failed:\n{d}"));
    m
}

// ---- what verifies must compile (issue 12) ------------------------------------------------------

#[test]
fn address_of_an_unknown_symbol_is_located() {
    for (inst, col) in [
        ("  %p = addr_of @nosuch\n", 3),
        ("  %p = gaddr @nosuch\n", 3),
        ("  %p = alloca 8\n  store ptr, %p, @nosuch\n", 3),
        (
            "  call @Viper.Terminal.PrintI64(0)\n  %p:i64 = call.indirect @nosuch\n",
            3,
        ),
    ] {
        let line = 4 + inst.matches('\n').count() as u32 - 1;
        expect_err(&wrap(&format!("{inst}  ret 0\n")), line, col, "@nosuch");
    }
    // Symbols that have an address: functions, externs, globals, runtime functions.
    expect_ok(
        "il 0.2.0\nextern @my_ext(i64) -> void\nglobal const str @g = \"x\"\nfunc @main() -> i64 {\nentry:\n  %a = addr_of @main\n  %b = gaddr @g\n  %c = addr_of @my_ext\n  %d = gaddr @Viper.Terminal.Say\n  ret 0\n}\n",
    );
}

#[test]
fn const_str_of_an_unknown_global_verifies() {
    // IL-SPEC §7.8: the verifier does not check the name; the VM (and native code) trap
    // DomainError `unknown global` when the instruction runs.
    expect_ok(&wrap(
        "  %s = const_str @nosuch\n  %t = const_str @main\n  ret 0\n",
    ));
}

#[test]
fn main_must_not_take_parameters() {
    expect_err(
        "il 0.2.0\nfunc @main(i64 %a) -> i64 {\nentry(%a: i64):\n  ret %a\n}\n",
        2,
        1,
        "@main must not take parameters",
    );
    expect_ok("il 0.2.0\nfunc @f(i64 %a) -> i64 {\nentry(%a: i64):\n  ret %a\n}\n");
}

#[test]
fn const_f64_takes_a_float_literal() {
    expect_err(
        &wrap("  %y = const.f64 1.5\n  %x = const.f64 %y\n  ret 0\n"),
        5,
        3,
        "const.f64 takes a float literal",
    );
}

#[test]
fn indirect_call_result_cannot_be_void() {
    expect_err(
        &wrap("  %p = addr_of @main\n  %r:void = call.indirect %p\n  ret 0\n"),
        5,
        3,
        "cannot have type void",
    );
}

/// IL-SPEC §8.4 rule 14, in its words: "`call @rt_arr_i32_release(%x)` twice on the same temp in a
/// block, or any use of `%x` after it in that block, is an error".
#[test]
fn use_after_rt_arr_i32_release_in_the_block() {
    let m = |body: &str| {
        format!("il 0.2.0\nextern @rt_arr_i32_release(ptr) -> void\nextern @rt_arr_i32_len(ptr) -> i64\nfunc @main() -> i64 {{\nentry:\n  %x = alloca 8\n{body}}}\n")
    };
    expect_err(
        &m("  call @rt_arr_i32_release(%x)\n  call @rt_arr_i32_release(%x)\n  ret 0\n"),
        8,
        3,
        "@rt_arr_i32_release called twice on %x",
    );
    expect_err(
        &m("  call @rt_arr_i32_release(%x)\n  %n = call @rt_arr_i32_len(%x)\n  ret %n\n"),
        8,
        3,
        "use of %x after @rt_arr_i32_release released it",
    );
    expect_err(
        &m("  call @rt_arr_i32_release(%x)\n  br next(%x)\nnext(%y: ptr):\n  ret 0\n"),
        8,
        3,
        "use of %x after",
    );
    // The rule is per block: a use in another block, or before the release, is fine.
    expect_ok(&m(
        "  %n = call @rt_arr_i32_len(%x)\n  call @rt_arr_i32_release(%x)\n  br next\nnext:\n  %m = call @rt_arr_i32_len(%x)\n  ret %m\n",
    ));
    // Only rt_arr_i32_release: a string may still be used after rt_str_release_maybe
    // (docs/decisions.md).
    expect_ok(&wrap(
        "  %s = const_str @nosuch\n  call @rt_str_release_maybe(%s)\n  call @Viper.Terminal.Say(%s)\n  ret 0\n",
    ));
}

#[test]
fn call_indirect_drops_text_after_the_callee() {
    // IL-SPEC §7.8 [R]: `call.indirect @f, 4` calls @f with no arguments.
    let m = expect_ok(
        "il 0.2.0\nfunc @f() -> i64 {\nentry:\n  ret 7\n}\nfunc @main() -> i64 {\nentry:\n  %p = addr_of @f\n  %r:i64 = call.indirect %p, %p, 4\n  %s:i64 = call.indirect @f, 4\n  ret %r\n}\n",
    );
    let insts = &m.functions[1].blocks[0].insts;
    assert_eq!(insts[1].operands.len(), 1, "{:?}", insts[1].operands);
    assert_eq!(insts[2].operands.len(), 1, "{:?}", insts[2].operands);
    // Checked like a direct call: the dropped arguments are not passed.
    expect_err(
        "il 0.2.0\nfunc @f(i64 %a) -> i64 {\nentry(%a: i64):\n  ret %a\n}\nfunc @main() -> i64 {\nentry:\n  %r:i64 = call.indirect @f, 4\n  ret %r\n}\n",
        8,
        3,
        "passes 0 argument(s), expected 1",
    );
    // The extension `call.indirect %fp(args…)` is unchanged; other trailing text is an error.
    expect_err(
        &wrap("  %p = addr_of @main\n  %r:i64 = call.indirect %p junk\n  ret 0\n"),
        5,
        29,
        "unexpected trailing text",
    );
}

#[test]
fn empty_file_error_has_a_caret() {
    let d = il::parse("", "t.il").unwrap_err();
    let text = d.render("t.il", "");
    assert_eq!(
        text,
        "t.il:1:1: error: missing version header 'il <version>'\n\n^\n"
    );
}

/// Block parameters are visible in the block that declares them (the last one to declare a
/// name, which may have been declared by earlier blocks too); every clash is reported where the
/// parameter is written, for names in either of the parser's name tables (`t3`: a letter and a
/// number; `sum`: anything else).
#[test]
fn block_parameter_names_and_their_blocks() {
    for n in ["t3", "sum"] {
        // The same name in two blocks: two values, each used in its own block.
        let ok = format!(
            "il 0.2.0\nfunc @f(i64 %{n}) -> i64 {{\nentry(%{n}: i64):\n  br next(%{n})\nnext(%{n}: i64):\n  %r = iadd.ovf %{n}, 1\n  ret %r\n}}\n"
        );
        let m = il::parse(&ok, "t.il").unwrap();
        il::verify(&m).unwrap();
        let f = &m.functions[0];
        let add = &f.blocks[1].insts[0];
        assert_eq!(add.operands[0], il::Operand::Value(f.blocks[1].params[0]));
        assert_ne!(f.blocks[0].params[0], f.blocks[1].params[0]);
        // Declared twice by one block.
        let twice = format!(
            "il 0.2.0\nfunc @f() -> i64 {{\nentry:\n  br b(1, 2)\nb(%{n}: i64, %{n}: i64):\n  ret 0\n}}\n"
        );
        expect_err(
            &twice,
            5,
            (n.len() + 11) as u32,
            &format!("duplicate block parameter %{n}"),
        );
        // A parameter named like an earlier result.
        let res = format!(
            "il 0.2.0\nfunc @f() -> i64 {{\nentry:\n  %{n} = iadd.ovf 1, 2\n  br b(%{n})\nb(%{n}: i64):\n  ret 0\n}}\n"
        );
        expect_err(
            &res,
            6,
            3,
            &format!("duplicate name %{n}: already defined by an instruction"),
        );
        // A header parameter that the entry block does not declare is no block's parameter.
        let header = format!("il 0.2.0\nfunc @f(i64 %{n}) -> i64 {{\nentry:\n  ret %{n}\n}}\n");
        expect_err(
            &header,
            4,
            7,
            &format!("block parameter %{n} used outside its block"),
        );
        // A parameter of an earlier block, used after another block declared other names.
        let later = format!(
            "il 0.2.0\nfunc @f() -> i64 {{\nentry:\n  br a(1)\na(%{n}: i64):\n  br b(2)\nb(%x: i64):\n  ret %{n}\n}}\n"
        );
        expect_err(
            &later,
            8,
            7,
            &format!("block parameter %{n} used outside its block"),
        );
    }
}

/// The verifier finds two parameters of one block with the same name (a module built by hand:
/// the parser refuses such text), for few and for many parameters, and only once per clash.
#[test]
fn verifier_finds_duplicate_block_parameter_names() {
    for n in [2usize, 3, 8, 9, 40] {
        let params: Vec<String> = (0..n).map(|i| format!("%p{i}: i64")).collect();
        let args: Vec<String> = (0..n).map(|i| i.to_string()).collect();
        let src = format!(
            "il 0.2.0\nfunc @f() -> i64 {{\nentry:\n  br b({})\nb({}):\n  ret %p0\n}}\n",
            args.join(", "),
            params.join(", ")
        );
        let mut m = il::parse(&src, "t.il").unwrap();
        il::verify(&m).unwrap();
        let f = &mut m.functions[0];
        let last = f.blocks[1].params[n - 1];
        f.values[last.index()].name = il::Name::from("p0");
        let d = il::verify(&m).unwrap_err();
        let hits: Vec<_> = d
            .items
            .iter()
            .filter(|x| x.message == "duplicate block parameter %p0 in 'b'")
            .collect();
        assert_eq!(hits.len(), 1, "{n} parameters: {d}");
        assert_eq!((hits[0].span.line, hits[0].span.col), (5, 1));
    }
}

/// Edges of the CFG are listed once per block however often a block names a target (a switch
/// naming `a` twice), and every block's edges count (`b` also reaches `c`, so `a` does not
/// dominate `c`).
#[test]
fn dominance_through_a_switch_with_repeated_targets() {
    let src = "il 0.2.0\nfunc @f(i32 %s) -> i64 {\nentry(%s: i32):\n  switch.i32 %s, ^a, 1 -> ^a, 2 -> ^b, 3 -> ^a\na:\n  %x = iadd.ovf 1, 2\n  br c\nb:\n  br c\nc:\n  ret %x\n}\n";
    expect_err(
        src,
        11,
        3,
        "definition of %x in 'a' does not dominate its use in 'c'",
    );
    let ok = src.replace("  ret %x\n", "  ret 0\n");
    il::verify(&il::parse(&ok, "t.il").unwrap()).unwrap();
}

/// A header naming a parameter twice is refused at the second one, whether the header has few
/// parameters or many, in either spelling (`i64 %x` and `%x: i64`).
#[test]
fn duplicate_header_parameter() {
    for n in [2usize, 5, 8, 9, 30] {
        for typed_first in [true, false] {
            let p = |i: usize| {
                if typed_first {
                    format!("i64 %p{i}")
                } else {
                    format!("%p{i}: i64")
                }
            };
            let mut ps: Vec<String> = (0..n).map(p).collect();
            ps.push(p(n / 2));
            let header = format!("func @f({}) -> i64 {{", ps.join(", "));
            let col = header.rfind(", ").unwrap() + 3;
            let src = format!("il 0.2.0\n{header}\nentry:\n  ret 0\n}}\n");
            expect_err(
                &src,
                2,
                col as u32,
                &format!("duplicate parameter %p{}", n / 2),
            );
            // Without the repeat it parses (the entry block does not declare them: that is the
            // verifier's message, not a duplicate).
            ps.pop();
            let ok = format!(
                "il 0.2.0\nfunc @f({}) -> i64 {{\nentry:\n  ret 0\n}}\n",
                ps.join(", ")
            );
            assert!(il::parse(&ok, "t.il").is_ok(), "{ok}");
        }
    }
}

/// The verifier finds duplicate labels in a module the parser did not make (a transformation's),
/// in a function of a few blocks (compared pairwise) and of many (through a set).
#[test]
fn verifier_finds_duplicate_labels_in_built_modules() {
    for blocks in [3usize, 20] {
        let mut src = String::from("il 0.2.0\nfunc @main() -> i64 {\nentry:\n  br b1\n");
        for k in 1..blocks {
            let next = if k + 1 < blocks {
                format!("br b{}", k + 1)
            } else {
                "ret 0".to_string()
            };
            src.push_str(&format!("b{k}:\n  {next}\n"));
        }
        src.push_str("}\n");
        let mut m = il::parse(&src, "t.il").unwrap();
        il::verify(&m).unwrap();
        let last = m.functions[0].blocks.len() - 1;
        m.functions[0].blocks[last].label = "b1".into();
        let d = il::verify(&m).unwrap_err();
        assert!(
            d.to_string().contains("duplicate block label 'b1'"),
            "{blocks} blocks: {d}"
        );
    }
}

/// A function, extern or global of a hand-built module named by a symbol id the module does
/// not have is an error (and the verifier does not fail otherwise): each is reported once.
#[test]
fn verifier_finds_dangling_declared_names() {
    let src = "il 0.2.0\nextern @rt_abs_i64(i64) -> i64\nglobal const str @g = \"x\"\n\
               func @main() -> i64 {\nentry:\n  ret 0\n}\n";
    let mut m = il::parse(src, "t.il").unwrap();
    il::verify(&m).unwrap();
    let far = il::Symbol(m.symbols.len() as u32 + 7);
    m.functions[0].name = far;
    m.externs[0].name = far;
    m.globals[0].name = far;
    let d = il::verify(&m).unwrap_err().to_string();
    for what in ["a function", "an extern", "a global"] {
        let msg = format!("{what} is named by a dangling symbol id");
        assert_eq!(d.matches(&msg).count(), 1, "{d}");
    }
}
