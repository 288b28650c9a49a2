//! A toy code-generation target, written as a third party would: it uses only the public
//! `codegen-api` and `il` APIs and registers itself with `inventory`.
//!
//! `il-echo` "compiles" a verified module to a one-line summary comment per function
//! (`; @name: N blocks, M instructions`) followed by the module printed back as canonical IL.
//! It produces no native code (`native_arch: None`), so the driver refuses `-o`/`-run-native`.

use codegen_api::{CodegenError, CodegenOptions, SettingInfo, Target, TargetInfo, TargetOs};

/// `[settings] summary = false` drops the per-function summary lines.
const SUMMARY: SettingInfo = SettingInfo {
    name: "summary",
    default: true,
    description: "print a summary line per function",
};

static INFO: TargetInfo = TargetInfo {
    name: "il-echo",
    aliases: &["echo"],
    description: "Toy target: prints the verified module back as IL with instruction counts",
    oses: &[TargetOs::Linux, TargetOs::Darwin],
    pointer_bytes: 8,
    native_arch: None,
    passes: &[],
    settings: &[SUMMARY],
    register_allocators: &[],
};

/// The `il-echo` target.
#[derive(Clone, Default)]
pub struct IlEcho;

impl Target for IlEcho {
    fn info(&self) -> &TargetInfo {
        &INFO
    }

    fn compile(
        &self,
        module: &il::Module,
        options: &CodegenOptions,
    ) -> Result<String, CodegenError> {
        let mut out = String::new();
        if options.setting(&SUMMARY) {
            for f in &module.functions {
                let insts: usize = f.blocks.iter().map(|b| b.insts.len()).sum();
                out.push_str(&format!(
                    "; @{}: {} blocks, {} instructions\n",
                    module.sym_name(f.name),
                    f.blocks.len(),
                    insts
                ));
            }
        }
        out.push_str(&il::print(module));
        Ok(out)
    }
}

codegen_api::inventory::submit! {
    codegen_api::TargetRegistration::new(|| Box::new(IlEcho))
}
