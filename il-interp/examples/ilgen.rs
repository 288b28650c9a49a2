//! `cargo run -p il-interp --example ilgen -- SEED [run|stats N|file PATH]`: print the program
//! generated from SEED (with `run`, also its interpreted stdout/exit status; with `file PATH`, only
//! the interpreted result of the IL file PATH; with `stats N`, trap statistics over
//! seeds SEED..SEED+N).

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let seed: u64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    match args.get(2).map(String::as_str) {
        Some("stats") => {
            let n: u64 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(100);
            let (mut traps, mut lines, mut out) = (0, 0, 0);
            for s in seed..seed + n {
                let text = il_interp::gen::generate(s);
                lines += text.lines().count();
                let m = il::parse(&text, "gen.il").expect("parse");
                il::verify(&m).expect("verify");
                let o = il_interp::run(&m).expect("run");
                out += o.stdout.len();
                if let Some(t) = o.trap {
                    traps += 1;
                    println!("seed {s}: {}", t.message());
                }
            }
            println!(
                "{n} programs: {traps} trap, avg {} lines, avg {} stdout bytes",
                lines / n as usize,
                out / n as usize
            );
        }
        Some("run") | Some("file") => {
            let text = match args.get(3) {
                Some(path) => std::fs::read_to_string(path).expect("read"),
                None => il_interp::gen::generate(seed),
            };
            if args.get(2).map(String::as_str) == Some("run") {
                print!("{text}");
            }
            let m = il::parse(&text, "gen.il").expect("parse");
            match il_interp::run(&m) {
                Ok(o) => {
                    println!("--- stdout ---\n{}", String::from_utf8_lossy(&o.stdout));
                    println!("--- exit {} {:?}", o.exit_code, o.trap.map(|t| t.message()));
                }
                Err(e) => println!("--- error: {e}"),
            }
        }
        _ => print!("{}", il_interp::gen::generate(seed)),
    }
}
