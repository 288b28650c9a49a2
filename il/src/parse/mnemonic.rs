//! Mnemonic → [`Opcode`] lookup without hashing: a dispatch on the first byte, then a match on
//! the whole spelling (which the compiler lowers to length checks and word compares).
//!
//! Invariant: accepts exactly the spellings of the opcode table ([`crate::Opcode::info`]) (checked exhaustively by
//! the tests below against the table, including every proper prefix and one-byte extension).

use crate::Opcode;

/// The opcode spelled `s`, if any.
pub(crate) fn lookup(s: &[u8]) -> Option<Opcode> {
    use Opcode::*;
    let first = *s.first()?;
    Some(match first {
        b'a' => match s {
            b"add" => Add,
            b"and" => And,
            b"ashr" => AShr,
            b"alloca" => Alloca,
            b"addr_of" => AddrOf,
            _ => return None,
        },
        b'b' => match s {
            b"br" => Br,
            _ => return None,
        },
        b'c' => match s {
            b"call" => Call,
            b"cbr" => Cbr,
            b"const_str" => ConstStr,
            b"const_null" => ConstNull,
            b"const.f64" => ConstF64,
            b"call.indirect" => CallIndirect,
            b"cast.si_to_fp" => CastSiToFp,
            b"cast.ui_to_fp" => CastUiToFp,
            b"cast.fp_to_si.rte.chk" => CastFpToSiRteChk,
            b"cast.fp_to_ui.rte.chk" => CastFpToUiRteChk,
            b"cast.si_narrow.chk" => CastSiNarrowChk,
            b"cast.ui_narrow.chk" => CastUiNarrowChk,
            _ => return None,
        },
        b'e' => match s {
            b"err.get_kind" => ErrGetKind,
            b"err.get_code" => ErrGetCode,
            b"err.get_line" => ErrGetLine,
            b"err.get_ip" => ErrGetIp,
            b"eh.push" => EhPush,
            b"eh.pop" => EhPop,
            b"eh.entry" => EhEntry,
            _ => return None,
        },
        b'f' => match s {
            b"fptosi" => Fptosi,
            b"fadd" => FAdd,
            b"fsub" => FSub,
            b"fmul" => FMul,
            b"fdiv" => FDiv,
            b"fcmp_eq" => FCmpEq,
            b"fcmp_ne" => FCmpNe,
            b"fcmp_lt" => FCmpLt,
            b"fcmp_le" => FCmpLe,
            b"fcmp_gt" => FCmpGt,
            b"fcmp_ge" => FCmpGe,
            b"fcmp_ord" => FCmpOrd,
            b"fcmp_uno" => FCmpUno,
            _ => return None,
        },
        b'g' => match s {
            b"gep" => Gep,
            b"gaddr" => GAddr,
            _ => return None,
        },
        b'i' => match s {
            b"iadd.ovf" => IAddOvf,
            b"isub.ovf" => ISubOvf,
            b"imul.ovf" => IMulOvf,
            b"idx.chk" => IdxChk,
            b"icmp_eq" => ICmpEq,
            b"icmp_ne" => ICmpNe,
            _ => return None,
        },
        b'l' => match s {
            b"load" => Load,
            b"lshr" => LShr,
            _ => return None,
        },
        b'm' => match s {
            b"mul" => Mul,
            _ => return None,
        },
        b'o' => match s {
            b"or" => Or,
            _ => return None,
        },
        b'r' => match s {
            b"ret" => Ret,
            b"resume.same" => ResumeSame,
            b"resume.next" => ResumeNext,
            b"resume.label" => ResumeLabel,
            _ => return None,
        },
        b's' => match s {
            b"store" => Store,
            b"sub" => Sub,
            b"sdiv" => SDiv,
            b"srem" => SRem,
            b"sdiv.chk0" => SDivChk0,
            b"srem.chk0" => SRemChk0,
            b"shl" => Shl,
            b"scmp_lt" => SCmpLt,
            b"scmp_le" => SCmpLe,
            b"scmp_gt" => SCmpGt,
            b"scmp_ge" => SCmpGe,
            b"sitofp" => Sitofp,
            b"switch.i32" => SwitchI32,
            _ => return None,
        },
        b't' => match s {
            b"trap" => Trap,
            b"trunc1" => Trunc1,
            b"trap.from_err" => TrapFromErr,
            b"trap.kind" => TrapKind,
            b"trap.err" => TrapErr,
            _ => return None,
        },
        b'u' => match s {
            b"udiv" => UDiv,
            b"urem" => URem,
            b"udiv.chk0" => UDivChk0,
            b"urem.chk0" => URemChk0,
            b"ucmp_lt" => UCmpLt,
            b"ucmp_le" => UCmpLe,
            b"ucmp_gt" => UCmpGt,
            b"ucmp_ge" => UCmpGe,
            _ => return None,
        },
        b'x' => match s {
            b"xor" => Xor,
            _ => return None,
        },
        b'z' => match s {
            b"zext1" => Zext1,
            _ => return None,
        },
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::lookup;
    use crate::ALL_OPCODES;

    fn reference(s: &[u8]) -> Option<crate::Opcode> {
        ALL_OPCODES
            .iter()
            .find(|op| op.mnemonic().as_bytes() == s)
            .copied()
    }

    #[test]
    fn agrees_with_the_table() {
        let mut probes: Vec<Vec<u8>> = vec![b"".to_vec(), b"x".to_vec(), b"ADD".to_vec()];
        for op in ALL_OPCODES {
            let b = op.mnemonic().as_bytes();
            for k in 0..=b.len() {
                probes.push(b[..k].to_vec());
            }
            for extra in [b'x', b'.', b'1', b' '] {
                let mut v = b.to_vec();
                v.push(extra);
                probes.push(v);
            }
            let mut upper = b.to_vec();
            upper[0] = upper[0].to_ascii_uppercase();
            probes.push(upper);
        }
        for p in &probes {
            assert_eq!(lookup(p), reference(p), "{:?}", String::from_utf8_lossy(p));
        }
    }
}
