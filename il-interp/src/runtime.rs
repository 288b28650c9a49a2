//! The runtime functions the interpreter implements: console output with the exact formats of
//! RUNTIME-ABI §2.1/§2.3/§3.1, `Concat`/`ToString_Int`/`get_Length` (IL-SPEC §13 example 8), and the
//! no-op string reference helpers (strings here are immortal).
//! Any other runtime function is an [`InterpError::Unsupported`] error, never a guess.

use crate::exec::{Machine, Unwind};
use crate::fmt::format_f64;
use crate::InterpError;

impl Machine<'_> {
    /// Call runtime function `name` (an IL name or legacy `rt_*` name) with `args`.
    pub(crate) fn call_runtime(&mut self, name: &str, args: &[u64]) -> Result<u64, Unwind> {
        let sym = il::runtime_sigs::lookup(name).map_or(name, |r| r.c_symbol);
        let arg = |i: usize| -> Result<u64, Unwind> {
            args.get(i).copied().ok_or_else(|| {
                Unwind::Fatal(InterpError::Malformed(format!(
                    "{name}: missing argument {i}"
                )))
            })
        };
        match sym {
            "rt_print_str" | "rt_term_print" | "rt_term_say" => {
                let s = self.string(arg(0)?)?.to_vec();
                self.out.extend_from_slice(&s);
                if sym == "rt_term_say" {
                    self.out.push(b'\n');
                }
            }
            "rt_print_i64" | "rt_term_say_i64" => {
                let text = (arg(0)? as i64).to_string();
                self.out.extend_from_slice(text.as_bytes());
                if sym == "rt_term_say_i64" {
                    self.out.push(b'\n');
                }
            }
            "rt_print_f64" | "rt_term_say_f64" => {
                let text = format_f64(f64::from_bits(arg(0)?));
                self.out.extend_from_slice(text.as_bytes());
                if sym == "rt_term_say_f64" {
                    self.out.push(b'\n');
                }
            }
            "rt_term_say_bool" => {
                let text: &[u8] = if arg(0)? & 0xFF != 0 {
                    b"true\n"
                } else {
                    b"false\n"
                };
                self.out.extend_from_slice(text);
            }
            "rt_str_retain_maybe" | "rt_str_release_maybe" => {}
            "rt_str_concat" => {
                let mut s = self.string(arg(0)?)?.to_vec();
                s.extend_from_slice(self.string(arg(1)?)?);
                return Ok(self.intern(&s));
            }
            "rt_int_to_str" => {
                let text = (arg(0)? as i64).to_string();
                return Ok(self.intern(text.as_bytes()));
            }
            "rt_str_len" => return Ok(self.string(arg(0)?)?.len() as u64),
            _ => {
                return Err(Unwind::Fatal(InterpError::Unsupported(format!(
                    "unsupported runtime function @{name}"
                ))))
            }
        }
        Ok(0)
    }
}
