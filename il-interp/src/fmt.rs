//! Number formatting of the console runtime functions (RUNTIME-ABI §2.1, §2.3): integers in plain
//! decimal, `f64` as C `printf("%.15g")` with `NaN`, `Inf`, `-Inf` spelled so (`-0.0` → `-0`).
//!
//! Invariant: `%.15g` is computed from Rust's exact (correctly rounded) decimal conversion, so the
//! digits match glibc's for every finite value.

/// `%.15g` with the runtime's spellings of the special values.
pub fn format_f64(x: f64) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "Inf" } else { "-Inf" }.into();
    }
    const P: i32 = 15;
    // Scientific form with P significant digits gives the exponent of the rounded value.
    let sci = format!("{:.*e}", (P - 1) as usize, x);
    let Some((mant, exp)) = sci.split_once('e') else {
        return sci;
    };
    let exp: i32 = exp.parse().unwrap_or(0);
    if (-4..P).contains(&exp) {
        let fixed = format!("{:.*}", (P - 1 - exp) as usize, x);
        strip_zeros(&fixed).to_string()
    } else {
        let m = strip_zeros(mant);
        let sign = if exp < 0 { '-' } else { '+' };
        format!("{m}e{sign}{:02}", exp.abs())
    }
}

/// Remove trailing zeros after a decimal point, and the point itself if nothing follows it.
fn strip_zeros(s: &str) -> &str {
    if !s.contains('.') {
        return s;
    }
    s.trim_end_matches('0').trim_end_matches('.')
}

#[cfg(test)]
mod tests {
    use super::format_f64;

    #[test]
    fn documented_examples() {
        let cases: &[(f64, &str)] = &[
            (0.1, "0.1"),
            (0.1 + 0.2, "0.3"),
            (1.0 / 3.0, "0.333333333333333"),
            (-0.0, "-0"),
            (0.0, "0"),
            (100.0, "100"),
            (-2.5, "-2.5"),
            (1e15, "1e+15"),
            (1e16, "1e+16"),
            (123456789012345.0, "123456789012345"),
            (1234567890123456.0, "1.23456789012346e+15"),
            (123456789012345678.0, "1.23456789012346e+17"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (3e-300, "3e-300"),
            (f64::MAX, "1.79769313486232e+308"),
            (2.675, "2.675"),
            (78.53975, "78.53975"),
            (1800.25, "1800.25"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "Inf"),
            (f64::NEG_INFINITY, "-Inf"),
            (4.89658886014675e-12, "4.89658886014675e-12"),
            (999999999999999.5, "1e+15"),
            (5e-324, "4.94065645841247e-324"),
        ];
        for &(v, want) in cases {
            assert_eq!(format_f64(v), want, "{v:e}");
        }
    }

    #[test]
    fn exact_ties_round_to_even() {
        // 1000000000000000.5 is exact in binary? No: use integers with 16 digits ending in 5.
        assert_eq!(format_f64(1000000000000005.0), "1e+15");
        assert_eq!(format_f64(1000000000000015.0), "1.00000000000002e+15");
        assert_eq!(format_f64(0.5), "0.5");
    }
}
