//! IL-SPEC §13: the ten worked examples give exactly the documented stdout, exit status and trap
//! diagnostic when interpreted.

fn check(src: &str, stdout: &str, rc: i32, trap: Option<&str>) {
    let m = il::parse(src, "ex.il").expect("parses");
    il::verify(&m).expect("verifies");
    let o = il_interp::run(&m).expect("runs");
    assert_eq!(String::from_utf8_lossy(&o.stdout), stdout);
    assert_eq!(o.exit_code, rc);
    assert_eq!(o.trap.map(|t| t.message()).as_deref(), trap);
}

#[test]
fn example_1() {
    check(
        r#"il 0.2.0
extern @Viper.Terminal.PrintStr(str) -> void
global const str @.hello = "Hello, IL!\n"
func @main() -> i64 {
entry:
  %s = const_str @.hello
  call @Viper.Terminal.PrintStr(%s)
  ret 0
}
"#,
        "Hello, IL!\n",
        0,
        None,
    );
}

#[test]
fn example_2() {
    check(
        r#"il 0.2.0
extern @Viper.Terminal.SayInt(i64) -> void
func @main() -> i64 {
entry:
  br loop(1, 0)
loop(%i: i64, %acc: i64):
  %acc2 = iadd.ovf %acc, %i
  %i2 = iadd.ovf %i, 1
  %more = scmp_le %i2, 10
  cbr %more, loop(%i2, %acc2), done(%acc2)
done(%sum: i64):
  call @Viper.Terminal.SayInt(%sum)
  ret 0
}
"#,
        "55\n",
        0,
        None,
    );
}

#[test]
fn example_3() {
    check(
        r#"il 0.2.0
extern @Viper.Terminal.SayInt(i64) -> void
func @fact(i64 %n) -> i64 {
entry(%n: i64):
  %small = scmp_le %n, 1
  cbr %small, base, rec(%n)
base:
  ret 1
rec(%k: i64):
  %km1 = isub.ovf %k, 1
  %sub = call @fact(%km1)
  %r = imul.ovf %k, %sub
  ret %r
}
func @main() -> i64 {
entry:
  %v = call @fact(20)
  call @Viper.Terminal.SayInt(%v)
  %w = call @fact(5)
  ret %w
}
"#,
        "2432902008176640000\n",
        120,
        None,
    );
}

#[test]
fn example_4() {
    check(
        r#"il 0.2.0
extern @Viper.Terminal.SayInt(i64) -> void
extern @Viper.Terminal.SayNum(f64) -> void
extern @Viper.Terminal.SayBool(i1) -> void
func @main() -> i64 {
entry:
  %buf = alloca 24
  %first = load i64, %buf
  call @Viper.Terminal.SayInt(%first)
  store i64, %buf, 0x0102030405060708
  %p8 = gep %buf, 8
  store f64, %p8, 0.25
  %p16 = gep %buf, 16
  store i1, %p16, true
  %h = load i16, %buf
  %tmp = alloca 8
  store i64, %tmp, 0
  store i16, %tmp, %h
  %h64 = load i64, %tmp
  call @Viper.Terminal.SayInt(%h64)
  %y = load f64, %p8
  %fx = cast.si_to_fp %h64
  %sum = fadd %fx, %y
  call @Viper.Terminal.SayNum(%sum)
  %z = load i1, %p16
  call @Viper.Terminal.SayBool(%z)
  ret 0
}
"#,
        "0\n1800\n1800.25\ntrue\n",
        0,
        None,
    );
}

#[test]
fn example_5() {
    check(
        r#"il 0.2.0
extern @Viper.Terminal.SayInt(i64) -> void
func @pick(i64 %v) -> i64 {
entry(%v: i64):
  %s:i32 = cast.si_narrow.chk %v
  switch.i32 %s, ^other(%v), 0 -> ^zero, 1 -> ^small(10), 2 -> ^small(20)
zero:
  ret 100
small(%k: i64):
  %r = iadd.ovf %k, 1
  ret %r
other(%o: i64):
  %neg = isub.ovf 0, %o
  ret %neg
}
func @main() -> i64 {
entry:
  %a = call @pick(0)
  call @Viper.Terminal.SayInt(%a)
  %b = call @pick(2)
  call @Viper.Terminal.SayInt(%b)
  %c = call @pick(7)
  call @Viper.Terminal.SayInt(%c)
  %d = call @pick(5000000000)
  call @Viper.Terminal.SayInt(%d)
  ret 0
}
"#,
        "100\n21\n-7\n",
        1,
        Some("Trap @pick:entry#0: InvalidCast (code=0): value out of range in cast.si_narrow.chk"),
    );
}

#[test]
fn example_6() {
    check(
        r#"il 0.2.0
extern @Viper.Terminal.SayInt(i64) -> void
func @main() -> i64 {
entry:
  br loop(1)
loop(%x: i64):
  call @Viper.Terminal.SayInt(%x)
  .loc 1 12 5
  %y = imul.ovf %x, 1000000
  br loop(%y)
}
"#,
        "1\n1000000\n1000000000000\n1000000000000000000\n",
        1,
        Some("Trap @main:loop#1 line 12: Overflow (code=0): integer overflow in imul.ovf"),
    );
}

#[test]
fn example_7() {
    check(
        r#"il 0.2.0
extern @Viper.Terminal.SayInt(i64) -> void
func @safe_div(i64 %a, i64 %b) -> i64 {
entry(%a: i64, %b: i64):
  eh.push ^on_err
  %q = sdiv.chk0 %a, %b
  eh.pop
  br done(%q)
handler ^on_err(%err: Error, %tok: ResumeTok):
  eh.entry
  %kind = err.get_kind %err
  %slot = alloca 8
  store i64, %slot, 0
  store i32, %slot, %kind
  %k64 = load i64, %slot
  %code = isub.ovf -1000, %k64
  resume.label %tok, ^done(%code)
done(%r: i64):
  ret %r
}
func @main() -> i64 {
entry:
  %x = call @safe_div(84, 2)
  call @Viper.Terminal.SayInt(%x)
  %y = call @safe_div(1, 0)
  call @Viper.Terminal.SayInt(%y)
  %z = call @safe_div(-9223372036854775808, -1)
  call @Viper.Terminal.SayInt(%z)
  ret 0
}
"#,
        "42\n-1000\n-1001\n",
        0,
        None,
    );
}

#[test]
fn example_8() {
    check(
        r#"il 0.2.0
extern @Viper.String.Concat(str, str) -> str
extern @Viper.Core.Convert.ToString_Int(i64) -> str
extern @Viper.String.get_Length(str) -> i64
extern @Viper.Terminal.Say(str) -> void
extern @Viper.Terminal.SayInt(i64) -> void
global const str @.pfx = "answer="
func @main() -> i64 {
entry:
  %p = const_str @.pfx
  %n = call @Viper.Core.Convert.ToString_Int(42)
  %s = call @Viper.String.Concat(%p, %n)
  call @Viper.Terminal.Say(%s)
  %len = call @Viper.String.get_Length(%s)
  call @Viper.Terminal.SayInt(%len)
  call @Viper.String.ReleaseMaybe(%s)
  ret 0
}
"#,
        "answer=42\n9\n",
        0,
        None,
    );
}

#[test]
fn example_9() {
    check(
        r#"il 0.2.0
extern @Viper.Terminal.SayInt(i64) -> void
extern @Viper.Terminal.SayNum(f64) -> void
func @main() -> i64 {
entry:
  %nan = fdiv 0.0, 0.0
  %eq = fcmp_eq %nan, %nan
  %ne = fcmp_ne %nan, %nan
  %uno = fcmp_uno %nan, 1.0
  %a = zext1 %eq
  %b = zext1 %ne
  %c = zext1 %uno
  call @Viper.Terminal.SayInt(%a)
  call @Viper.Terminal.SayInt(%b)
  call @Viper.Terminal.SayInt(%c)
  %r1 = cast.fp_to_si.rte.chk 2.5
  %r2 = cast.fp_to_si.rte.chk -3.5
  call @Viper.Terminal.SayInt(%r1)
  call @Viper.Terminal.SayInt(%r2)
  %t = fdiv 1.0, 3.0
  call @Viper.Terminal.SayNum(%t)
  %sh = shl 1, 68
  call @Viper.Terminal.SayInt(%sh)
  %as = ashr -256, 4
  call @Viper.Terminal.SayInt(%as)
  %ls = lshr -256, 60
  call @Viper.Terminal.SayInt(%ls)
  %rem = srem.chk0 -7, 3
  call @Viper.Terminal.SayInt(%rem)
  %bad = cast.fp_to_si.rte.chk %nan
  ret 0
}
"#,
        "0\n1\n1\n2\n-4\n0.333333333333333\n16\n-16\n15\n-1\n",
        1,
        Some("Trap @main:entry#24: InvalidCast (code=0): invalid fp operand in cast.fp_to_si.rte.chk"),
    );
}

#[test]
fn example_10() {
    check(
        r#"il 0.2.0
extern @Viper.Terminal.SayInt(i64) -> void
func @slot(i64 %i) -> i64 {
entry(%i: i64):
  .loc 1 3 7
  %off = idx.chk %i, 1, 4
  %bytes = imul.ovf %off, 8
  ret %bytes
}
func @main() -> i64 {
entry:
  %a = call @slot(1)
  call @Viper.Terminal.SayInt(%a)
  %b = call @slot(3)
  call @Viper.Terminal.SayInt(%b)
  %c = call @slot(4)
  call @Viper.Terminal.SayInt(%c)
  ret 300
}
"#,
        "0\n16\n",
        1,
        Some("Trap @slot:entry#0 line 3: Bounds (code=0)"),
    );
}
