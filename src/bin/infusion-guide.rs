//! `infusion-guide`: the command-line tool for clinics' content files.
//!
//! ```text
//! cargo run --release --bin infusion-guide -- check FILE...
//! ```
//!
//! `check` merges each file onto the built-in guide and validates it, printing
//! one line per problem, `FILE:LINE:COLUMN: PATH: message`, as a compiler does,
//! so editors can jump to it. Exit status: 0 when every file is valid, 1 when
//! any is invalid, 2 when a file cannot be read or the arguments are wrong.

use std::io::Write;
use std::process::ExitCode;

const USAGE: &str = "usage: infusion-guide check FILE...

Checks clinic content files: each is merged onto the built-in guide and
validated. Prints one line per problem (FILE:LINE:COLUMN: PATH: message).
Exit status: 0 all valid, 1 some invalid, 2 unreadable file or bad arguments.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = match args.split_first() {
        Some((command, files)) if command == "check" && !files.is_empty() => check(files),
        Some((flag, _)) if flag == "--help" || flag == "-h" => {
            println!("{USAGE}");
            0
        }
        _ => {
            eprintln!("{USAGE}");
            2
        }
    };
    ExitCode::from(code)
}

fn check(files: &[String]) -> u8 {
    let mut worst = 0;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for file in files {
        let bytes = match std::fs::read(file) {
            Ok(bytes) => bytes,
            Err(error) => {
                eprintln!("{file}: cannot read the file: {error}");
                worst = 2;
                continue;
            }
        };
        match infusion_guide::content::load_clinic_bytes(&bytes) {
            Ok(_) => {
                let _ = writeln!(out, "{file}: ok");
            }
            Err(errors) => {
                for error in &errors {
                    let _ = writeln!(out, "{}", error.to_line(file));
                }
                let _ = writeln!(
                    out,
                    "{file}: {} problem{}",
                    errors.len(),
                    if errors.len() == 1 { "" } else { "s" }
                );
                worst = worst.max(1);
            }
        }
    }
    worst
}
