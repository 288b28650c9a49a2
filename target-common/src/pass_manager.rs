//! A pass manager for named, individually switchable passes over a function type `F`.
//!
//! Passes run in registration order. A pass runs only when `options.pass_on(info)` (configured
//! on, or on by default at this optimisation level); after
//! every pass the optional verifier runs when `options.verify_mir`, and with
//! `options.time_passes` each pass's duration is added to a [`Timings`] summary (printed once
//! per module by the target, summed over all functions).

use codegen_api::{CodegenError, CodegenOptions, PassInfo};
use std::time::{Duration, Instant};

/// Time spent per named stage or pass, summed over functions, in first-use order.
#[derive(Clone, Debug, Default)]
pub struct Timings {
    entries: Vec<(&'static str, Duration, usize)>,
}

impl Timings {
    /// Add `d` to stage `name`.
    pub fn add(&mut self, name: &'static str, d: Duration) {
        match self.entries.iter_mut().find(|(n, _, _)| *n == name) {
            Some(e) => {
                e.1 += d;
                e.2 += 1;
            }
            None => self.entries.push((name, d, 1)),
        }
    }
    /// Add every stage of `other` (durations and run counts), keeping first-use order.
    pub fn merge(&mut self, other: &Timings) {
        for &(name, d, n) in &other.entries {
            match self.entries.iter_mut().find(|(m, _, _)| *m == name) {
                Some(e) => {
                    e.1 += d;
                    e.2 += n;
                }
                None => self.entries.push((name, d, n)),
            }
        }
    }
    /// Run `f`, adding its duration to stage `name`.
    pub fn time<T>(&mut self, name: &'static str, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let r = f();
        self.add(name, start.elapsed());
        r
    }
    /// One line per stage: name, total milliseconds, number of runs; then the total.
    pub fn report(&self) -> String {
        let mut out = String::new();
        let mut total = Duration::ZERO;
        for (name, d, n) in &self.entries {
            total += *d;
            out.push_str(&format!(
                "time {:<24} {:>10.3} ms  ({n} runs)\n",
                name,
                d.as_secs_f64() * 1e3
            ));
        }
        out.push_str(&format!(
            "time {:<24} {:>10.3} ms\n",
            "total",
            total.as_secs_f64() * 1e3
        ));
        out
    }
}

/// A MIR verifier: Ok or a description of the first problem.
pub type Verifier<F> = fn(&F) -> Result<(), String>;

/// A pass: its registry entry and a function transforming `F` in place.
pub struct Pass<F> {
    pub info: &'static PassInfo,
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
        info: &'static PassInfo,
        run: fn(&mut F, &CodegenOptions) -> Result<(), CodegenError>,
    ) {
        self.passes.push(Pass { info, run });
    }
    pub fn set_verifier(&mut self, v: Verifier<F>) {
        self.verifier = Some(v);
    }
    pub fn names(&self) -> Vec<&'static str> {
        self.passes.iter().map(|p| p.info.name).collect()
    }
    /// Run every enabled pass over `f`.
    pub fn run(
        &self,
        f: &mut F,
        options: &CodegenOptions,
        timings: &mut Timings,
    ) -> Result<(), CodegenError> {
        for p in &self.passes {
            if !options.pass_on(p.info) {
                continue;
            }
            let start = Instant::now();
            (p.run)(f, options)?;
            if options.time_passes {
                timings.add(p.info.name, start.elapsed());
            }
            run_verifier(self.verifier, f, options, p.info.name)?;
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
