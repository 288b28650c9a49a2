//! The arm64 target's named code-generation settings: choices of lowering, frame and emission
//! strategy that are not passes over MIR (viper.toml `[settings] NAME = false` switches one off).
//! Every setting defaults to on; `corpus_variants` checks that switching them off keeps behaviour.

use codegen_api::SettingInfo;

/// Omit a jump to the block that follows (emission).
pub const BRANCH_ELISION: SettingInfo = SettingInfo {
    name: "branch-elision",
    default: true,
    description: "omit an unconditional jump to the next block (emission)",
};
/// Functions that need no frame get no frame record (frame lowering).
pub const LEAF_FRAME: SettingInfo = SettingInfo {
    name: "leaf-frame",
    default: true,
    description: "no frame record for functions that need none (frame lowering)",
};
/// Range-check fp→int conversions with two compares instead of the FPSR (lowering).
pub const FP_CVT_RANGE: SettingInfo = SettingInfo {
    name: "fp-cvt-range",
    default: true,
    description: "checked fp→int conversions test the range with compares (lowering)",
};
/// A fused compare against ±0.0 uses `fcmp a, #0.0` (with `cmp-branch-fusion`).
pub const FCMP_ZERO: SettingInfo = SettingInfo {
    name: "fcmp-zero",
    default: true,
    description: "fused float compares against ±0.0 use the zero form (cmp-branch-fusion)",
};
/// Sparse `switch.i32` as a binary search of compares; dense ranges as jump tables (lowering).
pub const SWITCH_TREE: SettingInfo = SettingInfo {
    name: "switch-tree",
    default: true,
    description: "sparse switches become binary-search trees (lowering)",
};
/// `idx.chk` with constant bounds: one unsigned compare of `idx - lo` against the length.
pub const IDX_CHK_IMM: SettingInfo = SettingInfo {
    name: "idx-chk-imm",
    default: true,
    description: "idx.chk with constant bounds uses one unsigned immediate compare (lowering)",
};
/// Checked arithmetic and `idx.chk` that the range analysis proves safe lose their check.
pub const RANGE_ELIM: SettingInfo = SettingInfo {
    name: "range-elim",
    default: true,
    description:
        "drop .ovf and idx.chk checks that value ranges prove cannot fire (lowering, -O1+)",
};

/// Every setting, for `TargetInfo::settings`.
pub const ALL: &[SettingInfo] = &[
    BRANCH_ELISION,
    LEAF_FRAME,
    FP_CVT_RANGE,
    FCMP_ZERO,
    SWITCH_TREE,
    IDX_CHK_IMM,
    RANGE_ELIM,
];
