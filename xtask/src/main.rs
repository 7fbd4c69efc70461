//! The project's own commands, so that a newcomer needs exactly two:
//!
//! - `cargo xtask demo`: install what is missing, build the widget and serve
//!   the demo page on <http://127.0.0.1:8080>;
//! - `cargo xtask test`: install what is missing, then run every check and
//!   test (format, lints for host and wasm32, native tests, browser tests in
//!   headless Chromium, a release build, end-to-end tests with Playwright).
//!
//! Also `cargo xtask setup` (only the installs), `cargo xtask dist` (only
//! the release build into `dist/`) and `cargo xtask bench` (the performance
//! benchmark, not part of `test`). Every install step first looks whether
//! the tool is already there at the right version, so running any command
//! twice installs nothing the second time.

mod setup;

use std::env;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use setup::{Needs, Tools};

const USAGE: &str = "usage: cargo xtask <demo|test|dist|release|bench|setup>

  demo    build the widget and serve the demo on http://127.0.0.1:8080
  test    run every check and test (what CI runs)
  dist    build the release widget into dist/
  release build it and package it: the npm package and an archive, in target/package/
  bench   build the release and print the performance benchmark's tables
          (options: --runs N, loads per page, default 21; or BENCH_RUNS=N)
  setup   install the tools the other commands need, and nothing else";

fn main() -> ExitCode {
    let command = env::args().nth(1).unwrap_or_default();
    let result = match command.as_str() {
        "demo" => demo(),
        "test" => test(),
        "dist" => Tools::install(Needs::Build).and_then(|tools| dist(&tools)),
        "release" => Tools::install(Needs::Build).and_then(|tools| {
            dist(&tools)?;
            release(&tools)
        }),
        "bench" => bench(&env::args().skip(2).collect::<Vec<_>>()),
        "setup" => Tools::install(Needs::Everything).map(|_| ()),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask {command}: {message}");
            ExitCode::FAILURE
        }
    }
}

fn demo() -> Result<(), String> {
    let tools = Tools::install(Needs::Build)?;
    println!("\nServing the demo on http://127.0.0.1:8080 (Ctrl+C to stop)\n");
    tools.run("trunk", &["serve", "--release"])
}

fn dist(tools: &Tools) -> Result<(), String> {
    step("release build into dist/");
    tools.run("trunk", &["build", "--release"])
}

/// The versioned npm package and archive of dist/ (web/release.mjs).
fn release(tools: &Tools) -> Result<(), String> {
    step("release package into target/package/");
    tools.run("node", &["web/release.mjs"])
}

/// The performance benchmark (README, "Benchmark"): the release widget, the
/// native tool and bench target it uses, then `bench/run.mjs`, which measures
/// in headless Chromium and prints the tables. `args` go to `bench/run.mjs`.
fn bench(args: &[String]) -> Result<(), String> {
    let tools = Tools::install(Needs::Everything)?;
    dist(&tools)?;

    step("native release builds: the command-line tool and the content benchmark");
    tools.run("cargo", &["build", "--release", "--bin", "infusion-guide"])?;
    tools.run(
        "cargo",
        &[
            "bench",
            "--profile",
            "bench-native",
            "--bench",
            "content",
            "--no-run",
        ],
    )?;

    step("benchmark (bench/run.mjs, about 5 minutes; tables on stdout)");
    let mut node_args = vec!["bench/run.mjs"];
    node_args.extend(args.iter().map(String::as_str));
    tools.run("node", &node_args)
}

fn test() -> Result<(), String> {
    let tools = Tools::install(Needs::Everything)?;

    step("formatting");
    tools.run("cargo", &["fmt", "--all", "--check"])?;

    step("lints, host");
    tools.run(
        "cargo",
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
    )?;

    step("lints, wasm32");
    tools.run(
        "cargo",
        &[
            "clippy",
            "--package",
            "infusion-guide",
            "--package",
            "infusion-guide-content",
            "--target",
            "wasm32-unknown-unknown",
            "--lib",
            "--tests",
            "--",
            "-D",
            "warnings",
        ],
    )?;

    // Apart: with the editor's renderer in the same build, Cargo would turn on
    // the widget's `ssr` feature, which leaves the embed layer out of the lints.
    step("lints, wasm32, the editor's renderer");
    tools.run(
        "cargo",
        &[
            "clippy",
            "--package",
            "infusion-guide-editor-render",
            "--target",
            "wasm32-unknown-unknown",
            "--",
            "-D",
            "warnings",
        ],
    )?;

    step("native tests");
    tools.run("cargo", &["test", "--workspace"])?;

    step("browser tests (wasm-bindgen-test in headless Chromium)");
    tools.run(
        "cargo",
        &[
            "test",
            "--package",
            "infusion-guide",
            "--target",
            "wasm32-unknown-unknown",
            "--test",
            "browser",
        ],
    )?;

    dist(&tools)?;
    release(&tools)?;

    step("end-to-end tests (Playwright in Chromium; the cross-engine suite in Chromium, Firefox ESR and WebKitGTK)");
    tools.run("node", &["--test", "--test-concurrency=1", "tests/e2e/"])?;

    println!("\nAll checks and tests passed ({}).", elapsed());
    Ok(())
}

/// Prints a step's name with the time since the first step, so that a run's
/// log shows where its minutes went.
fn step(name: &str) {
    println!("\n==> {name} (at {})", elapsed());
}

/// The time since the first step, as `4m 05s`.
fn elapsed() -> String {
    static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    let seconds = STARTED
        .get_or_init(std::time::Instant::now)
        .elapsed()
        .as_secs();
    format!("{}m {:02}s", seconds / 60, seconds % 60)
}

/// The repository's top folder (the parent of `xtask/`).
fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Runs a command in the project root, with the given extra environment and
/// PATH, and turns a failure into a message naming the command.
fn run_in_root(
    program: &str,
    args: &[&str],
    path: &std::ffi::OsStr,
    envs: &[(&str, &str)],
) -> Result<(), String> {
    let status = Command::new(program)
        .args(args)
        .current_dir(project_root())
        .env("PATH", path)
        .envs(envs.iter().copied())
        .status()
        .map_err(|e| format!("could not start `{program}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{program} {}` failed ({status})", args.join(" ")))
    }
}
