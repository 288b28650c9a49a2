//! AArch64 registers: names, the allocatable sets handed to regalloc2, ABI argument/result registers,
//! callee-saved sets and call clobbers.
//!
//! Reserved (never allocated): x16/x17 (scratch for instruction expansions, large offsets and
//! immediates), x18 (platform register on Darwin), x29 (frame pointer), x30 (link register), sp;
//! d30/d31 (floating-point scratch).

use regalloc2::{MachineEnv, PReg, PRegSet, RegClass};

pub const fn xreg(n: usize) -> PReg {
    PReg::new(n, RegClass::Int)
}
pub const fn dreg(n: usize) -> PReg {
    PReg::new(n, RegClass::Float)
}

/// Integer argument registers x0–x7.
pub const INT_ARGS: [PReg; 8] = [
    xreg(0),
    xreg(1),
    xreg(2),
    xreg(3),
    xreg(4),
    xreg(5),
    xreg(6),
    xreg(7),
];
/// Floating-point argument registers d0–d7.
pub const FP_ARGS: [PReg; 8] = [
    dreg(0),
    dreg(1),
    dreg(2),
    dreg(3),
    dreg(4),
    dreg(5),
    dreg(6),
    dreg(7),
];

fn int_caller_saved() -> impl Iterator<Item = usize> {
    0..16
}
fn fp_caller_saved() -> impl Iterator<Item = usize> {
    (0..8).chain(16..30)
}

/// True for callee-saved registers the prologue must preserve when used (x19–x28, d8–d15).
pub fn is_callee_saved(p: PReg) -> bool {
    match p.class() {
        RegClass::Int => (19..=28).contains(&p.hw_enc()),
        RegClass::Float => (8..=15).contains(&p.hw_enc()),
        RegClass::Vector => false,
    }
}

/// The allocation environment.
pub fn machine_env() -> MachineEnv {
    let mut pi = PRegSet::empty();
    int_caller_saved().for_each(|n| pi.add(xreg(n)));
    let mut pf = PRegSet::empty();
    fp_caller_saved().for_each(|n| pf.add(dreg(n)));
    let mut ni = PRegSet::empty();
    (19..=28).for_each(|n| ni.add(xreg(n)));
    let mut nf = PRegSet::empty();
    (8..=15).for_each(|n| nf.add(dreg(n)));
    MachineEnv {
        preferred_regs_by_class: [pi, pf, PRegSet::empty()],
        non_preferred_regs_by_class: [ni, nf, PRegSet::empty()],
        scratch_by_class: [None, None, None],
        fixed_stack_slots: Vec::new(),
    }
}

/// Registers a call destroys (allocatable caller-saved ones), minus the result registers.
pub fn call_clobbers(results: &[PReg]) -> PRegSet {
    let mut s = PRegSet::empty();
    int_caller_saved().for_each(|n| s.add(xreg(n)));
    fp_caller_saved().for_each(|n| s.add(dreg(n)));
    for r in results {
        s.remove(*r);
    }
    s
}

const fn names<const N: usize>(prefix: u8) -> [[u8; 3]; N] {
    let mut t = [[0u8; 3]; N];
    let mut i = 0;
    while i < N {
        t[i] = if i < 10 {
            [prefix, b'0' + i as u8, 0]
        } else {
            [prefix, b'0' + (i / 10) as u8, b'0' + (i % 10) as u8]
        };
        i += 1;
    }
    t
}

static X_NAMES: [[u8; 3]; 32] = names::<32>(b'x');
static W_NAMES: [[u8; 3]; 32] = names::<32>(b'w');
static D_NAMES: [[u8; 3]; 32] = names::<32>(b'd');
static S_NAMES: [[u8; 3]; 32] = names::<32>(b's');

fn table_name(t: &'static [[u8; 3]; 32], n: usize) -> &'static str {
    let e = &t[n & 31];
    let len = if e[2] == 0 { 2 } else { 3 };
    std::str::from_utf8(&e[..len]).unwrap_or("?")
}

/// Assembly name of a 64-bit view of `p` (`x3`, `d5`).
pub fn name64(p: PReg) -> &'static str {
    match p.class() {
        RegClass::Int => table_name(&X_NAMES, p.hw_enc()),
        _ => table_name(&D_NAMES, p.hw_enc()),
    }
}

/// Assembly name of the 32-bit view (`w3`, `s5`).
pub fn name32(p: PReg) -> &'static str {
    match p.class() {
        RegClass::Int => table_name(&W_NAMES, p.hw_enc()),
        _ => table_name(&S_NAMES, p.hw_enc()),
    }
}
