//! viper.toml schema, located errors, precedence and origins.

use config::{ConfigFile, Origin, OsChoice, Overrides, Settings};
use std::path::Path;

fn parse(src: &str) -> Result<ConfigFile, config::ConfigError> {
    ConfigFile::parse(src.to_string(), Path::new("/p/viper.toml"))
}

fn err(src: &str) -> String {
    match parse(src) {
        Ok(_) => panic!("expected an error for {src:?}"),
        Err(e) => e.to_string(),
    }
}

const FULL: &str = r#"
[target]
name = "aarch64"
os = "linux"

[codegen]
opt_level = 1
regalloc = "fast"

[passes.peephole]
enabled = false

[settings]
branch-elision = false

[run]
stack_size = 1048576

[link]
runtime = "lib/rt.a"
cc = "tools/cc"
static = false
"#;

#[test]
fn full_file_parses_and_every_value_comes_from_it() {
    let f = parse(FULL).unwrap();
    let s = Settings::resolve(Some(&f), &Overrides::default());
    assert_eq!(s.target.value, "aarch64");
    assert_eq!(s.os.value, OsChoice::Linux);
    assert_eq!(s.opt_level.value, 1);
    assert_eq!(s.regalloc.value.as_deref(), Some("fast"));
    assert_eq!(s.stack_size.value, Some(1048576));
    assert_eq!(s.runtime.value.as_deref(), Some(Path::new("/p/lib/rt.a")));
    assert_eq!(s.cc.value.as_deref(), Some("/p/tools/cc"));
    assert_eq!(s.static_link.value, Some(false));
    let p = &s.passes["peephole"];
    assert!(!p.enabled.value);
    assert!(!s.settings["branch-elision"].value);
    assert!(s
        .entries()
        .iter()
        .any(|(k, v, _)| k == "settings.branch-elision" && v == "false"));
    assert_eq!(
        s.opt_level.origin,
        Origin::File {
            path: "/p/viper.toml".into(),
            line: 7,
            col: 13
        }
    );
}

#[test]
fn empty_file_gives_defaults() {
    let f = parse("").unwrap();
    let s = Settings::resolve(Some(&f), &Overrides::default());
    let d = Settings::resolve(None, &Overrides::default());
    assert_eq!(s.entries().len(), d.entries().len());
    assert_eq!(d.target.value, "arm64");
    assert_eq!(d.target.origin, Origin::Default);
    assert_eq!(d.os.value, OsChoice::Host);
    assert_eq!(d.opt_level.value, 2);
    assert_eq!(d.regalloc.value, None);
    assert!(d.passes.is_empty());
}

#[test]
fn command_line_beats_file_beats_default() {
    let f = parse("[codegen]\nopt_level = 1\n[run]\nstack_size = 4096\n").unwrap();
    let cli = Overrides {
        opt_level: Some(0),
        ..Overrides::default()
    };
    let s = Settings::resolve(Some(&f), &cli);
    assert_eq!(s.opt_level.value, 0);
    assert_eq!(s.opt_level.origin, Origin::CommandLine);
    assert_eq!(s.stack_size.value, Some(4096));
    assert!(matches!(s.stack_size.origin, Origin::File { line: 4, .. }));
    assert_eq!(s.target.origin, Origin::Default);
}

#[test]
fn via_asm_from_file_or_command_line() {
    let f = parse("[link]\nvia_asm = true\n").unwrap();
    let s = Settings::resolve(Some(&f), &Overrides::default());
    assert!(s.via_asm.value);
    assert!(matches!(s.via_asm.origin, Origin::File { line: 2, .. }));
    let d = Settings::resolve(None, &Overrides::default());
    assert!(!d.via_asm.value);
    let c = Settings::resolve(
        None,
        &Overrides {
            via_asm: Some(true),
            ..Overrides::default()
        },
    );
    assert!(c.via_asm.value && c.via_asm.origin == Origin::CommandLine);
}

#[test]
fn unknown_top_level_key_is_located() {
    let e = err("[target]\nname = \"arm64\"\n\n[bogus]\nx = 1\n");
    assert!(e.starts_with("/p/viper.toml:4:"), "{e}");
    assert!(e.contains("error: unknown key `bogus`"), "{e}");
}

#[test]
fn unknown_key_in_section_is_located() {
    let e = err("[codegen]\nopt_level = 1\noptlevel = 2\n");
    assert!(
        e.starts_with("/p/viper.toml:3:1: error: unknown key `optlevel`"),
        "{e}"
    );
}

#[test]
fn bad_os_value_is_located() {
    let e = err("[target]\nos = \"windows\"\n");
    assert!(e.starts_with("/p/viper.toml:2:6: error:"), "{e}");
    assert!(e.contains("windows"), "{e}");
}

#[test]
fn opt_level_out_of_range() {
    let e = err("[codegen]\nopt_level = 3\n");
    assert!(e.starts_with("/p/viper.toml:2:13: error:"), "{e}");
    assert!(e.contains("0, 1 or 2"), "{e}");
}

#[test]
fn wrong_types_are_rejected() {
    assert!(err("[codegen]\nopt_level = \"2\"\n").contains(":2:13: error:"));
    assert!(err("[link]\nstatic = 1\n").contains(":2:10: error:"));
    assert!(err("[run]\nstack_size = -5\n").contains("positive"));
    assert!(err("[run]\nstack_size = 0\n").contains("positive"));
}

#[test]
fn pass_tables_are_validated() {
    let e = err("[passes.peephole]\nenabled = \"no\"\n");
    assert!(e.starts_with("/p/viper.toml:2:11: error:"), "{e}");
    // Passes take no options: any key but `enabled` is a located error.
    let e = err("[passes.peephole]\nwindow = 4\n");
    assert!(e.starts_with("/p/viper.toml:2:10: error:"), "{e}");
    assert!(e.contains("passes take no options"), "{e}");
}

#[test]
fn settings_are_booleans() {
    let e = err("[settings]\nbranch-elision = 1\n");
    assert!(e.starts_with("/p/viper.toml:2:18: error:"), "{e}");
}

#[test]
fn syntax_error_is_located() {
    let e = err("[codegen\n");
    assert!(e.starts_with("/p/viper.toml:1:"), "{e}");
}

#[test]
fn non_utf8_file_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("viper.toml");
    std::fs::write(&path, b"[target]\nname = \"\xff\"\n").unwrap();
    let e = ConfigFile::load(&path).unwrap_err().to_string();
    assert!(e.contains(":2:9: error: file is not valid UTF-8"), "{e}");
}

#[test]
fn missing_file_is_reported() {
    let e = ConfigFile::load(Path::new("/nonexistent/viper.toml"))
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("/nonexistent/viper.toml: error: cannot read"),
        "{e}"
    );
}

#[test]
fn report_lists_every_setting_with_origin() {
    let f = parse("[codegen]\nregalloc = \"fast\"\n").unwrap();
    let cli = Overrides {
        os: Some(OsChoice::Darwin),
        ..Overrides::default()
    };
    let r = Settings::resolve(Some(&f), &cli).report();
    assert!(r.starts_with("config file: /p/viper.toml\n"), "{r}");
    let line = |key: &str| {
        r.lines()
            .find(|l| l.starts_with(key))
            .unwrap_or_else(|| panic!("{key} missing in {r}"))
            .to_string()
    };
    assert!(line("target.os").ends_with("# command line"));
    assert!(line("target.os").contains("= darwin"));
    assert!(line("codegen.regalloc").ends_with("# /p/viper.toml:2:12"));
    assert!(line("codegen.opt_level").ends_with("# default"));
    for key in [
        "target.name",
        "run.stack_size",
        "link.runtime",
        "link.cc",
        "link.static",
        "link.via_asm",
    ] {
        line(key);
    }
}

#[test]
fn debug_section_and_command_line_sources() {
    let f =
        parse("[debug]\nenabled = true\nsources = { 1 = \"main.bas\", 2 = \"/abs/lib.bas\" }\n")
            .unwrap();
    let s = Settings::resolve(Some(&f), &Overrides::default());
    assert!(s.debug.value);
    assert!(matches!(s.debug.origin, Origin::File { line: 2, .. }));
    assert_eq!(s.debug_sources[&1].value, "/p/main.bas");
    assert_eq!(s.debug_sources[&2].value, "/abs/lib.bas");
    let c = Settings::resolve(
        Some(&f),
        &Overrides {
            debug_sources: vec![(1, "other.bas".into())],
            debug_il_lines: true,
            ..Overrides::default()
        },
    );
    assert_eq!(c.debug_sources[&1].value, "other.bas");
    assert_eq!(c.debug_sources[&1].origin, Origin::CommandLine);
    assert!(c.debug_il_lines);
    assert!(!Settings::resolve(None, &Overrides::default()).debug.value);
    let r = s.report();
    assert!(
        r.contains("debug.enabled = true") && r.contains("debug.sources.1 = /p/main.bas"),
        "{r}"
    );
}

#[test]
fn debug_source_ids_must_be_numbers() {
    let e = err("[debug]\nsources = { main = \"main.bas\" }\n");
    assert!(e.starts_with("/p/viper.toml:2:"), "{e}");
    assert!(e.contains("file ids"), "{e}");
    let e = err("[debug]\nsources = { 1 = \"\" }\n");
    assert!(e.contains("must name a file"), "{e}");
    let e = err("[debug]\nenable = true\n");
    assert!(e.contains("unknown key"), "{e}");
}
