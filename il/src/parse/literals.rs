//! Literal decoding (IL-SPEC §2.4): integers with C `strtoll(…, 0)` semantics plus `0b` binary,
//! floats with `strtod` semantics on the whole token, and escaped string bodies.
//!
//! Invariants: every function here is total — malformed input yields `Err(message)`, never a
//! panic; integer values are range-checked against signed 64 bits.

/// A classified bare (unquoted) literal token.
#[derive(Debug, PartialEq)]
pub enum Lit {
    Int(i64),
    Float(f64),
    Bool(bool),
    Null,
}

/// Classify and decode a bare literal token following the decision order of IL-SPEC §2.4.
pub fn parse_bare(tok: &str) -> Result<Lit, String> {
    if let Some(v) = plain_decimal(tok.as_bytes()) {
        return Ok(Lit::Int(v));
    }
    if tok.eq_ignore_ascii_case("true") {
        return Ok(Lit::Bool(true));
    }
    if tok.eq_ignore_ascii_case("false") {
        return Ok(Lit::Bool(false));
    }
    if tok == "null" {
        return Ok(Lit::Null);
    }
    if is_float_token(tok) {
        return parse_float(tok).map(Lit::Float);
    }
    let unsigned = tok.strip_prefix(['+', '-']).unwrap_or(tok).as_bytes();
    if unsigned.eq_ignore_ascii_case(b"nan")
        || unsigned
            .get(..3)
            .is_some_and(|p| p.eq_ignore_ascii_case(b"inf"))
    {
        return Err(format!("invalid float literal '{tok}'"));
    }
    parse_int(tok).map(Lit::Int)
}

/// The common integer spelling decoded in one pass: an optional `-`, then 1 to 18 decimal digits
/// without a leading zero (or just `0`). Such a token is no float, word or other radix, and
/// cannot overflow, so [`parse_bare`] would give the same `Lit::Int`; `None` for anything else.
#[inline]
fn plain_decimal(tok: &[u8]) -> Option<i64> {
    let (neg, digits) = match tok.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, tok),
    };
    if digits.is_empty() || digits.len() > 18 || (digits[0] == b'0' && digits.len() > 1) {
        return None;
    }
    let mut v: i64 = 0;
    for &d in digits {
        if !d.is_ascii_digit() {
            return None;
        }
        v = v * 10 + i64::from(d - b'0');
    }
    Some(if neg { -v } else { v })
}

/// True when the token is spelled as a float (contains `.`, or an exponent outside hex, or is
/// one of `nan`/`inf`/`+inf`/`-inf`).
fn is_float_token(tok: &str) -> bool {
    let b = tok.as_bytes();
    if b.contains(&b'.') {
        return true;
    }
    let unsigned = tok.strip_prefix(['+', '-']).unwrap_or(tok);
    let hex = unsigned.starts_with("0x") || unsigned.starts_with("0X");
    if !hex && b.iter().any(|&c| c == b'e' || c == b'E') {
        return true;
    }
    tok.eq_ignore_ascii_case("nan")
        || tok.eq_ignore_ascii_case("inf")
        || tok.eq_ignore_ascii_case("+inf")
        || tok.eq_ignore_ascii_case("-inf")
}

/// Decode a float token (already classified as a float).
pub fn parse_float(tok: &str) -> Result<f64, String> {
    if tok.eq_ignore_ascii_case("nan") {
        return Ok(f64::NAN);
    }
    if tok.eq_ignore_ascii_case("inf") || tok.eq_ignore_ascii_case("+inf") {
        return Ok(f64::INFINITY);
    }
    if tok.eq_ignore_ascii_case("-inf") {
        return Ok(f64::NEG_INFINITY);
    }
    // Only decimal float syntax: digits, one '.', exponent. Rust's parser would also accept
    // "infinity"/"nan" spellings, which strtod-on-the-whole-token rules exclude here.
    let ok_chars = tok
        .bytes()
        .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'+' | b'-'));
    if !ok_chars || !tok.bytes().any(|c| c.is_ascii_digit()) {
        return Err(format!("invalid float literal '{tok}'"));
    }
    tok.parse::<f64>()
        .map_err(|_| format!("invalid float literal '{tok}'"))
}

/// Decode an integer token: sign, then `0x` hex, `0b` binary (with `_`), leading-`0` octal or
/// decimal. The value must fit in i64.
pub fn parse_int(tok: &str) -> Result<i64, String> {
    let bad = || format!("invalid integer literal '{tok}'");
    let (neg, body) = match tok.as_bytes().first() {
        Some(b'-') => (true, &tok[1..]),
        Some(b'+') => (false, &tok[1..]),
        _ => (false, tok),
    };
    let (radix, digits, underscores) =
        if let Some(h) = body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
            (16, h, false)
        } else if let Some(bn) = body.strip_prefix("0b").or_else(|| body.strip_prefix("0B")) {
            (2, bn, true)
        } else if body.len() > 1 && body.starts_with('0') {
            (8, &body[1..], false)
        } else {
            (10, body, false)
        };
    let mut mag: u64 = 0;
    let mut any = false;
    for c in digits.bytes() {
        if underscores && c == b'_' {
            continue;
        }
        let d = match (c as char).to_digit(radix) {
            Some(d) => d as u64,
            None => return Err(bad()),
        };
        any = true;
        mag = match mag.checked_mul(radix as u64).and_then(|m| m.checked_add(d)) {
            Some(m) => m,
            None => return Err(format!("integer literal '{tok}' out of range for i64")),
        };
    }
    if !any {
        return Err(bad());
    }
    if neg {
        if mag > (i64::MAX as u64) + 1 {
            return Err(format!("integer literal '{tok}' out of range for i64"));
        }
        Ok((mag as i64).wrapping_neg())
    } else {
        i64::try_from(mag).map_err(|_| format!("integer literal '{tok}' out of range for i64"))
    }
}

/// Decode the body of a string literal (between the quotes). On error returns the byte offset
/// of the offending backslash within `body` and a message.
pub fn unescape(body: &[u8]) -> Result<Vec<u8>, (usize, String)> {
    let mut out = Vec::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        let c = body[i];
        if c != b'\\' {
            out.push(c);
            i += 1;
            continue;
        }
        let Some(&e) = body.get(i + 1) else {
            return Err((i, "trailing '\\' in string literal".to_string()));
        };
        let v = match e {
            b'\\' => b'\\',
            b'"' => b'"',
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'0' => 0,
            b'x' => {
                let hex = |k: usize| body.get(k).and_then(|&h| (h as char).to_digit(16));
                match (hex(i + 2), hex(i + 3)) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 4;
                        continue;
                    }
                    _ => return Err((i, "\\x escape needs exactly two hex digits".to_string())),
                }
            }
            other => {
                let shown = if other.is_ascii_graphic() {
                    (other as char).to_string()
                } else {
                    format!("\\x{other:02x}")
                };
                return Err((i, format!("unknown escape sequence '\\{shown}'")));
            }
        };
        out.push(v);
        i += 2;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one-pass decimal path agrees with the general decoder on every token it takes, and
    /// leaves octal, hex, floats, signs it does not handle and overlong tokens to it.
    #[test]
    fn plain_decimals_agree_with_the_general_path() {
        for t in [
            "0",
            "7",
            "-7",
            "-0",
            "10",
            "500000",
            "-123456789012345678",
            "999999999999999999",
        ] {
            let want = parse_int(t).unwrap();
            assert_eq!(plain_decimal(t.as_bytes()), Some(want), "{t}");
            assert_eq!(parse_bare(t), Ok(Lit::Int(want)), "{t}");
        }
        for t in [
            "",
            "-",
            "07",
            "-07",
            "00",
            "0x10",
            "+5",
            "1.5",
            "1e3",
            "12a",
            "--1",
            "1000000000000000000",
            "9223372036854775807",
            "true",
            "null",
        ] {
            assert_eq!(plain_decimal(t.as_bytes()), None, "{t}");
        }
        assert_eq!(parse_bare("9223372036854775807"), Ok(Lit::Int(i64::MAX)));
        assert_eq!(parse_bare("07"), Ok(Lit::Int(7)));
    }

    #[test]
    fn integers() {
        assert_eq!(parse_int("010"), Ok(8));
        assert!(parse_int("09").is_err());
        assert_eq!(parse_int("0x1e5"), Ok(485));
        assert_eq!(parse_int("0b1010_0001"), Ok(161));
        assert_eq!(parse_int("-9223372036854775808"), Ok(i64::MIN));
        assert!(parse_int("9223372036854775808").is_err());
        assert!(parse_int("0xFFFFFFFFFFFFFFFF").is_err());
        assert_eq!(parse_int("-0x10"), Ok(-16));
        assert_eq!(parse_int("0"), Ok(0));
        assert!(parse_int("-").is_err());
        assert!(parse_int("0x").is_err());
        assert!(parse_int("12a").is_err());
    }

    #[test]
    fn floats_and_words() {
        assert_eq!(parse_bare("1.5"), Ok(Lit::Float(1.5)));
        assert_eq!(parse_bare(".5"), Ok(Lit::Float(0.5)));
        assert_eq!(parse_bare("1e3"), Ok(Lit::Float(1000.0)));
        assert_eq!(parse_bare("-inf"), Ok(Lit::Float(f64::NEG_INFINITY)));
        assert!(matches!(parse_bare("NaN"), Ok(Lit::Float(f)) if f.is_nan()));
        assert!(parse_bare("-nan").is_err());
        assert!(parse_bare("Infinity").is_err());
        assert_eq!(parse_bare("0x1e5"), Ok(Lit::Int(485)));
        assert_eq!(parse_bare("TRUE"), Ok(Lit::Bool(true)));
        assert_eq!(parse_bare("null"), Ok(Lit::Null));
    }

    #[test]
    fn escapes() {
        assert_eq!(unescape(br#"a\n\x41\0\\\""#), Ok(b"a\nA\0\\\"".to_vec()));
        assert_eq!(unescape(br"x\q").unwrap_err().0, 1);
        assert!(unescape(br"\").is_err());
        assert!(unescape(br"\x4").is_err());
    }
}
