//! Embeds the C runtime sources (`runtime/src/*.c` and `*.h`) into the `viper` binary.
//!
//! Generates `$OUT_DIR/runtime_sources.rs`: a sorted `&[(&str, &str)]` of (file name, contents)
//! built with `include_str!`, so the compiler can build the runtime archive on first use without
//! the source tree. Cargo re-runs this script when the directory or any file in it changes.

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    let manifest =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let dir = manifest.join("..").join("runtime").join("src");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<(String, PathBuf)> = Vec::new();
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_file() && (name.ends_with(".c") || name.ends_with(".h")) {
                println!("cargo:rerun-if-changed={}", path.display());
                files.push((name, path));
            }
        }
    }
    files.sort();
    let mut out = String::from(
        "/// The runtime's C sources and headers: (file name, contents), sorted by name.\n",
    );
    out.push_str("pub static RUNTIME_SOURCES: &[(&str, &str)] = &[\n");
    for (name, path) in &files {
        let _ = writeln!(
            out,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        );
    }
    out.push_str("];\n");
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out_dir.join("runtime_sources.rs"), out).expect("write runtime_sources.rs");
}
