//! A pass manager for named, individually switchable passes over a function type `F`.
//!
//! Passes run in registration order. A pass runs only when `options.pass_enabled(name)`; after
//! every pass the optional verifier runs when `options.verify_mir`, and with
//! `options.time_passes` each pass's duration is printed to stderr.

use codegen_api::{CodegenError, CodegenOptions};
use std::time::Instant;

/// A MIR verifier: Ok or a description of the first problem.
pub type Verifier<F> = fn(&F) -> Result<(), String>;

/// A pass: a name and a function transforming `F` in place.
pub struct Pass<F> {
    pub name: &'static str,
    pub run: fn(&mut F, &CodegenOptions) -> Result<(), CodegenError>,
}

/// An ordered list of passes with an optional verifier run after each.
pub struct PassManager<F> {
    passes: Vec<Pass<F>>,
    verifier: Option<Verifier<F>>,
}

impl<F> Default for PassManager<F> {
    fn default() -> Self {
        PassManager {
            passes: Vec::new(),
            verifier: None,
        }
    }
}

impl<F> PassManager<F> {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn add(
        &mut self,
        name: &'static str,
        run: fn(&mut F, &CodegenOptions) -> Result<(), CodegenError>,
    ) {
        self.passes.push(Pass { name, run });
    }
    pub fn set_verifier(&mut self, v: Verifier<F>) {
        self.verifier = Some(v);
    }
    pub fn names(&self) -> Vec<&'static str> {
        self.passes.iter().map(|p| p.name).collect()
    }
    /// Run every enabled pass over `f`.
    pub fn run(&self, f: &mut F, options: &CodegenOptions) -> Result<(), CodegenError> {
        for p in &self.passes {
            if !options.pass_enabled(p.name) {
                continue;
            }
            let start = Instant::now();
            (p.run)(f, options)?;
            if options.time_passes {
                eprintln!(
                    "pass {:<24} {:>10.3} ms",
                    p.name,
                    start.elapsed().as_secs_f64() * 1e3
                );
            }
            run_verifier(self.verifier, f, options, p.name)?;
        }
        Ok(())
    }
}

/// Run `verifier` on `f` if `options.verify_mir`, naming `after` in the error.
pub fn run_verifier<F>(
    verifier: Option<Verifier<F>>,
    f: &F,
    options: &CodegenOptions,
    after: &str,
) -> Result<(), CodegenError> {
    if let (true, Some(v)) = (options.verify_mir, verifier) {
        v(f).map_err(|e| {
            CodegenError::Internal(format!("MIR verifier failed after {after}: {e}"))
        })?;
    }
    Ok(())
}
