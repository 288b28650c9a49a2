//! Pure instruction semantics (IL-SPEC §7.1–§7.6): checked integer arithmetic at the instruction
//! width, division rules, shifts masked to 63, comparisons (NaN-correct), and every conversion with
//! its traps and ties-to-even rounding.
//!
//! Invariants: values are 64-bit slots (`u64`); `i1` is 0/1, `i16`/`i32` are sign-extended (except
//! the zero-extended result of `cast.ui_narrow.chk`), `f64` is raw IEEE bits. Nothing here panics.

use il::{Opcode, Type};
use TrapKind as TK;

/// Trap kinds (IL-SPEC §9.1): the IL crate's table.
pub use il::TrapKind;

/// A trap raised by one instruction: kind, code and the VM's detail text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fault {
    pub kind: TrapKind,
    pub code: i32,
    pub detail: Option<String>,
}

impl Fault {
    pub fn new(kind: TrapKind, detail: impl Into<String>) -> Fault {
        Fault {
            kind,
            code: 0,
            detail: Some(detail.into()),
        }
    }
}

pub type OpResult = Result<u64, Fault>;

/// Sign-extend the low `bits` bits of `v`.
pub fn sext(v: u64, bits: u32) -> i64 {
    if bits >= 64 {
        v as i64
    } else {
        let s = 64 - bits;
        ((v << s) as i64) >> s
    }
}

fn width_bits(ty: Type) -> u32 {
    match ty {
        Type::I16 => 16,
        Type::I32 => 32,
        _ => 64,
    }
}

fn b(v: bool) -> u64 {
    v as u64
}

fn f(v: u64) -> f64 {
    f64::from_bits(v)
}

/// Binary integer/float operations and comparisons. `ty` is the instruction type (checking width
/// of `.ovf`/`.chk0` opcodes).
pub fn binary(op: Opcode, ty: Type, a: u64, bv: u64) -> OpResult {
    use Opcode::*;
    let bits = width_bits(ty);
    let ovf = |name: &str| Fault::new(TK::Overflow, format!("integer overflow in {name}"));
    let dbz = |name: &str| Fault::new(TK::DivideByZero, format!("divide by zero in {name}"));
    let (sa, sb) = (sext(a, bits), sext(bv, bits));
    let fits = |r: i128| {
        let lo = -(1i128 << (bits - 1));
        let hi = (1i128 << (bits - 1)) - 1;
        (lo..=hi).contains(&r)
    };
    Ok(match op {
        IAddOvf | ISubOvf | IMulOvf => {
            let (x, y) = (sa as i128, sb as i128);
            let r = if op == IAddOvf {
                x + y
            } else if op == ISubOvf {
                x - y
            } else {
                x * y
            };
            if !fits(r) {
                return Err(ovf(op.mnemonic()));
            }
            r as i64 as u64
        }
        SDivChk0 | SRemChk0 => {
            if sb == 0 {
                return Err(dbz(op.mnemonic()));
            }
            let min = -(1i128 << (bits - 1));
            if sa as i128 == min && sb == -1 {
                if op == SDivChk0 {
                    return Err(ovf("sdiv.chk0"));
                }
                return Ok(0);
            }
            if op == SDivChk0 {
                (sa / sb) as u64
            } else {
                (sa % sb) as u64
            }
        }
        UDivChk0 | URemChk0 => {
            if bv == 0 {
                return Err(dbz(op.mnemonic()));
            }
            if op == UDivChk0 {
                a / bv
            } else {
                a % bv
            }
        }
        Add => a.wrapping_add(bv),
        Sub => a.wrapping_sub(bv),
        Mul => a.wrapping_mul(bv),
        And => a & bv,
        Or => a | bv,
        Xor => a ^ bv,
        Shl => a << (bv & 63),
        LShr => a >> (bv & 63),
        AShr => ((a as i64) >> (bv & 63)) as u64,
        FAdd => (f(a) + f(bv)).to_bits(),
        FSub => (f(a) - f(bv)).to_bits(),
        FMul => (f(a) * f(bv)).to_bits(),
        FDiv => (f(a) / f(bv)).to_bits(),
        ICmpEq => b(a == bv),
        ICmpNe => b(a != bv),
        SCmpLt => b((a as i64) < bv as i64),
        SCmpLe => b(a as i64 <= bv as i64),
        SCmpGt => b(a as i64 > bv as i64),
        SCmpGe => b(a as i64 >= bv as i64),
        UCmpLt => b(a < bv),
        UCmpLe => b(a <= bv),
        UCmpGt => b(a > bv),
        UCmpGe => b(a >= bv),
        FCmpEq => b(f(a) == f(bv)),
        FCmpNe => b(f(a) != f(bv)),
        FCmpLt => b(f(a) < f(bv)),
        FCmpLe => b(f(a) <= f(bv)),
        FCmpGt => b(f(a) > f(bv)),
        FCmpGe => b(f(a) >= f(bv)),
        FCmpOrd => b(!f(a).is_nan() && !f(bv).is_nan()),
        FCmpUno => b(f(a).is_nan() || f(bv).is_nan()),
        SDiv | UDiv | SRem | URem | Fptosi | IdxChk | Sitofp | CastSiToFp | CastUiToFp
        | CastFpToSiRteChk | CastFpToUiRteChk | CastSiNarrowChk | CastUiNarrowChk | Zext1
        | Trunc1 | Alloca | Gep | Load | Store | AddrOf | GAddr | ConstStr | ConstNull
        | ConstF64 | Call | CallIndirect | Br | Cbr | SwitchI32 | Ret | Trap | TrapFromErr
        | TrapKind | TrapErr | ErrGetKind | ErrGetCode | ErrGetLine | ErrGetIp | EhPush | EhPop
        | EhEntry | ResumeSame | ResumeNext | ResumeLabel => {
            return Err(Fault::new(
                TK::RuntimeError,
                format!("interpreter: {} is not a binary operation", op.mnemonic()),
            ))
        }
    })
}

/// `idx.chk idx, lo, hi` at width `ty`: `idx - lo`, trapping Bounds unless `lo ≤ idx < hi`.
pub fn idx_chk(ty: Type, idx: u64, lo: u64, hi: u64) -> OpResult {
    let bits = width_bits(ty);
    let (i, l, h) = (sext(idx, bits), sext(lo, bits), sext(hi, bits));
    if l <= i && i < h {
        Ok((i as i128 - l as i128) as i64 as u64)
    } else {
        Err(Fault {
            kind: TK::Bounds,
            code: 0,
            detail: None,
        })
    }
}

/// Unary conversions (IL-SPEC §7.6). `ty` is the result type (annotation).
pub fn convert(op: Opcode, ty: Type, x: u64) -> OpResult {
    use Opcode::*;
    let mn = op.mnemonic();
    match op {
        Sitofp | CastSiToFp => Ok((x as i64 as f64).to_bits()),
        CastUiToFp => Ok((x as f64).to_bits()),
        Zext1 => Ok(b(x != 0)),
        Trunc1 => Ok(x & 1),
        CastSiNarrowChk | CastUiNarrowChk => {
            let bits = width_bits(ty);
            if bits == 64 {
                return Err(Fault::new(
                    TK::RuntimeError,
                    "narrowing cast result must be i16 or i32",
                ));
            }
            let bad = Fault::new(TK::InvalidCast, format!("value out of range in {mn}"));
            if op == CastSiNarrowChk {
                let v = x as i64;
                let half = 1i64 << (bits - 1);
                if v < -half || v >= half {
                    return Err(bad);
                }
                Ok(x)
            } else if x > (1u64 << bits) - 1 {
                Err(bad)
            } else {
                Ok(x)
            }
        }
        CastFpToSiRteChk | CastFpToUiRteChk | Fptosi => fp_to_int(op, ty, f(x)),
        Add | Sub | Mul | SDiv | UDiv | SRem | URem | IAddOvf | ISubOvf | IMulOvf | SDivChk0
        | UDivChk0 | SRemChk0 | URemChk0 | IdxChk | And | Or | Xor | Shl | LShr | AShr | FAdd
        | FSub | FMul | FDiv | ICmpEq | ICmpNe | SCmpLt | SCmpLe | SCmpGt | SCmpGe | UCmpLt
        | UCmpLe | UCmpGt | UCmpGe | FCmpEq | FCmpNe | FCmpLt | FCmpLe | FCmpGt | FCmpGe
        | FCmpOrd | FCmpUno | Alloca | Gep | Load | Store | AddrOf | GAddr | ConstStr
        | ConstNull | ConstF64 | Call | CallIndirect | Br | Cbr | SwitchI32 | Ret | Trap
        | TrapFromErr | TrapKind | TrapErr | ErrGetKind | ErrGetCode | ErrGetLine | ErrGetIp
        | EhPush | EhPop | EhEntry | ResumeSame | ResumeNext | ResumeLabel => Err(Fault::new(
            TK::RuntimeError,
            format!("interpreter: {mn} is not a conversion"),
        )),
    }
}

fn fp_to_int(op: Opcode, ty: Type, v: f64) -> OpResult {
    let mn = op.mnemonic();
    let invalid = Fault::new(TK::InvalidCast, format!("invalid fp operand in {mn}"));
    let overflow = Fault::new(TK::Overflow, format!("fp overflow in {mn}"));
    let bits = width_bits(ty);
    if !v.is_finite() {
        return Err(invalid);
    }
    if op == Opcode::CastFpToUiRteChk {
        if v.is_sign_negative() {
            return Err(invalid);
        }
        let r = v.round_ties_even();
        // Exact powers of two: 2^bits is representable, so the comparison is exact.
        if r >= 2f64.powi(bits as i32) {
            return Err(overflow);
        }
        return Ok(r as u64);
    }
    let r = if op == Opcode::Fptosi {
        v.trunc()
    } else {
        v.round_ties_even()
    };
    let lim = 2f64.powi(bits as i32 - 1);
    if r >= lim || r < -lim {
        return Err(overflow);
    }
    Ok(r as i64 as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Opcode::*;

    fn fb(v: f64) -> u64 {
        v.to_bits()
    }

    #[test]
    fn checked_arith_widths() {
        assert!(binary(IAddOvf, Type::I64, i64::MAX as u64, 1).is_err());
        assert_eq!(binary(IAddOvf, Type::I32, 2147483646, 1), Ok(2147483647));
        assert!(binary(IAddOvf, Type::I32, 2147483647, 1).is_err());
        assert!(binary(IMulOvf, Type::I16, 256, 128).is_err());
        assert_eq!(binary(ISubOvf, Type::I64, 0, 5), Ok((-5i64) as u64));
    }

    #[test]
    fn division_rules() {
        let min = i64::MIN as u64;
        let m1 = (-1i64) as u64;
        assert_eq!(
            binary(SDivChk0, Type::I64, min, m1).unwrap_err().kind,
            TK::Overflow
        );
        assert_eq!(binary(SRemChk0, Type::I64, min, m1), Ok(0));
        assert_eq!(
            binary(SDivChk0, Type::I64, 7, 0).unwrap_err().kind,
            TK::DivideByZero
        );
        assert_eq!(
            binary(SRemChk0, Type::I64, (-7i64) as u64, 3),
            Ok((-1i64) as u64)
        );
        assert_eq!(binary(UDivChk0, Type::I64, m1, 2), Ok(u64::MAX / 2));
        assert_eq!(
            binary(URemChk0, Type::I64, 5, 0).unwrap_err().kind,
            TK::DivideByZero
        );
        assert_eq!(
            binary(SDivChk0, Type::I32, (-2147483648i64) as u64, m1)
                .unwrap_err()
                .kind,
            TK::Overflow
        );
    }

    #[test]
    fn shifts_mask() {
        assert_eq!(binary(Shl, Type::I64, 1, 68), Ok(16));
        assert_eq!(
            binary(AShr, Type::I64, (-256i64) as u64, 4),
            Ok((-16i64) as u64)
        );
        assert_eq!(binary(LShr, Type::I64, (-256i64) as u64, 60), Ok(15));
    }

    #[test]
    fn float_compares_nan() {
        let nan = fb(f64::NAN);
        assert_eq!(binary(FCmpEq, Type::I1, nan, nan), Ok(0));
        assert_eq!(binary(FCmpNe, Type::I1, nan, nan), Ok(1));
        assert_eq!(binary(FCmpLt, Type::I1, nan, fb(1.0)), Ok(0));
        assert_eq!(binary(FCmpEq, Type::I1, fb(-0.0), fb(0.0)), Ok(1));
        assert_eq!(binary(FCmpUno, Type::I1, nan, fb(1.0)), Ok(1));
        assert_eq!(binary(FCmpOrd, Type::I1, nan, fb(1.0)), Ok(0));
    }

    #[test]
    fn casts() {
        let c = |op, ty, v: f64| convert(op, ty, fb(v));
        assert_eq!(c(CastFpToSiRteChk, Type::I64, 2.5), Ok(2));
        assert_eq!(c(CastFpToSiRteChk, Type::I64, -3.5), Ok((-4i64) as u64));
        assert_eq!(
            c(CastFpToSiRteChk, Type::I64, 9.3e18).unwrap_err().kind,
            TK::Overflow
        );
        assert_eq!(
            c(CastFpToSiRteChk, Type::I64, 9223372036854775808.0)
                .unwrap_err()
                .kind,
            TK::Overflow
        );
        assert_eq!(
            c(CastFpToSiRteChk, Type::I64, -9223372036854775808.0),
            Ok(i64::MIN as u64)
        );
        assert_eq!(
            c(CastFpToSiRteChk, Type::I64, f64::NAN).unwrap_err().kind,
            TK::InvalidCast
        );
        assert_eq!(
            c(CastFpToUiRteChk, Type::I64, -0.0).unwrap_err().kind,
            TK::InvalidCast
        );
        assert_eq!(
            c(CastFpToUiRteChk, Type::I64, 1.8446744073709552e19)
                .unwrap_err()
                .kind,
            TK::Overflow
        );
        assert_eq!(
            c(CastFpToUiRteChk, Type::I64, 1.844_674_407_370_955e19),
            Ok(18446744073709549568)
        );
        assert_eq!(
            c(CastFpToSiRteChk, Type::I32, 2147483648.0)
                .unwrap_err()
                .kind,
            TK::Overflow
        );
        assert_eq!(
            convert(CastSiNarrowChk, Type::I32, 5000000000)
                .unwrap_err()
                .kind,
            TK::InvalidCast
        );
        assert_eq!(
            convert(CastSiNarrowChk, Type::I16, (-32768i64) as u64),
            Ok((-32768i64) as u64)
        );
        assert_eq!(convert(CastUiNarrowChk, Type::I16, 65535), Ok(65535));
        assert!(convert(CastUiNarrowChk, Type::I16, u64::MAX).is_err());
        assert_eq!(convert(Trunc1, Type::I1, 2), Ok(0));
        assert_eq!(
            convert(CastUiToFp, Type::F64, u64::MAX),
            Ok(fb(18446744073709551616.0))
        );
    }

    #[test]
    fn idx_chk_bounds() {
        assert_eq!(idx_chk(Type::I64, 3, 1, 4), Ok(2));
        assert_eq!(idx_chk(Type::I64, 4, 1, 4).unwrap_err().kind, TK::Bounds);
    }
}
