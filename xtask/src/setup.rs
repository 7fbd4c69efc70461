//! Installs what the build and the tests need, skipping what is already there.
//!
//! Versions are pinned where a mismatch breaks the build: Trunk 0.21 (0.22
//! needs a newer rustc than this project's 1.95), and wasm-bindgen-cli at
//! exactly the `wasm-bindgen` version in Cargo.lock (Trunk and the test runner
//! refuse any other). wasm-opt comes from the npm package `binaryen` because
//! Debian's is too old for current Rust output.

use std::env;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{project_root, run_in_root, step};

const TRUNK_VERSION: &str = "0.21.14";
const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// What a command needs installed.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    /// Enough to build the widget: wasm32 target, Trunk, wasm-bindgen, wasm-opt.
    Build,
    /// The build, plus Chromium, ChromeDriver and the end-to-end test packages.
    Everything,
}

/// The installed tools, with the PATH and environment to run them.
pub struct Tools {
    path: OsString,
    envs: Vec<(&'static str, String)>,
}

impl Tools {
    /// Installs whatever `needs` lists and is missing, then returns the tools.
    pub fn install(needs: Needs) -> Result<Tools, String> {
        let root = project_root();
        let cargo_bin = cargo_home().join("bin");
        let tools = Tools {
            path: prepend_path(&[root.join("node_modules/.bin"), cargo_bin]),
            envs: vec![
                ("CHROMEDRIVER", CHROMEDRIVER.to_owned()),
                (
                    "WASM_BINDGEN_TEST_WEBDRIVER_JSON",
                    root.join("tests/webdriver.json").display().to_string(),
                ),
                ("CHROMIUM", CHROMIUM.to_owned()),
            ],
        };
        step("checking tools (installs only what is missing)");
        tools.wasm_target()?;
        tools.npm_packages()?;
        tools.trunk()?;
        tools.wasm_bindgen(&root)?;
        if needs == Needs::Everything {
            chromium()?;
        }
        Ok(tools)
    }

    /// Runs `program` in the project root with the tools on PATH.
    pub fn run(&self, program: &str, args: &[&str]) -> Result<(), String> {
        let envs: Vec<(&str, &str)> = self.envs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        run_in_root(program, args, &self.path, &envs)
    }

    /// What `program --version` prints, or None when it does not run.
    fn version_of(&self, program: &str) -> Option<String> {
        let output = Command::new(program)
            .arg("--version")
            .env("PATH", &self.path)
            .output()
            .ok()?;
        output
            .status
            .success()
            .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
    }

    fn wasm_target(&self) -> Result<(), String> {
        let output = Command::new("rustup")
            .args(["target", "list", "--installed"])
            .env("PATH", &self.path)
            .output()
            .map_err(|e| format!("could not run rustup: {e}"))?;
        if String::from_utf8_lossy(&output.stdout)
            .lines()
            .any(|t| t.trim() == "wasm32-unknown-unknown")
        {
            println!("wasm32-unknown-unknown target: present");
            return Ok(());
        }
        self.run("rustup", &["target", "add", "wasm32-unknown-unknown"])
    }

    fn trunk(&self) -> Result<(), String> {
        let wanted = format!("trunk {TRUNK_VERSION}");
        if self.version_of("trunk").as_deref() == Some(wanted.as_str()) {
            println!("{wanted}: present");
            return Ok(());
        }
        println!("installing {wanted} (about 13 minutes on 2 cores, once)");
        self.run(
            "cargo",
            &["install", "trunk", "--version", TRUNK_VERSION, "--locked"],
        )
    }

    fn wasm_bindgen(&self, root: &Path) -> Result<(), String> {
        let version = locked_version(root, "wasm-bindgen")?;
        let wanted = format!("wasm-bindgen {version}");
        if self.version_of("wasm-bindgen").as_deref() == Some(wanted.as_str()) {
            println!("{wanted}: present");
            return Ok(());
        }
        println!("installing wasm-bindgen-cli {version} (about 3 minutes, once)");
        // No --locked: its lock file pins a crate version the registry here lacks.
        self.run(
            "cargo",
            &["install", "wasm-bindgen-cli", "--version", &version],
        )
    }

    fn npm_packages(&self) -> Result<(), String> {
        let root = project_root();
        let installed = root.join("node_modules/.package-lock.json");
        let lock = root.join("package-lock.json");
        let wanted = [
            "node_modules/.bin/wasm-opt",
            "node_modules/playwright-core/package.json",
            "node_modules/@axe-core/playwright/package.json",
            "node_modules/bootstrap/dist/css/bootstrap.min.css",
            "node_modules/terser/package.json",
        ];
        let all_there = wanted.iter().all(|p| root.join(p).exists());
        if all_there && is_newer_or_same(&installed, &lock) {
            println!(
                "npm packages (binaryen, terser, playwright-core, axe-core, bootstrap): present"
            );
            return Ok(());
        }
        self.run("npm", &["ci", "--no-audit", "--no-fund"])
    }
}

/// Debian's Chromium and ChromeDriver, for browser and end-to-end tests.
fn chromium() -> Result<(), String> {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        println!("chromium and chromedriver: present");
        return Ok(());
    }
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false);
    if !is_root {
        return Err(format!(
            "Chromium is missing: run `sudo apt-get update && sudo apt-get install -y chromium chromium-driver` \
             (the tests use {CHROMIUM} and {CHROMEDRIVER})"
        ));
    }
    let path = env::var_os("PATH").unwrap_or_default();
    let noninteractive = [("DEBIAN_FRONTEND", "noninteractive")];
    run_in_root("apt-get", &["update"], &path, &noninteractive)?;
    run_in_root(
        "apt-get",
        &["install", "-y", "chromium", "chromium-driver"],
        &path,
        &noninteractive,
    )
}

/// The version of `package` that Cargo.lock resolved.
fn locked_version(root: &Path, package: &str) -> Result<String, String> {
    let lock = fs::read_to_string(root.join("Cargo.lock"))
        .map_err(|e| format!("could not read Cargo.lock: {e}"))?;
    let name_line = format!("name = \"{package}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == name_line {
            if let Some(version) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = \""))
                .and_then(|v| v.strip_suffix('"'))
            {
                return Ok(version.to_owned());
            }
        }
    }
    Err(format!("Cargo.lock has no {package} package"))
}

fn cargo_home() -> PathBuf {
    env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"))
}

fn prepend_path(dirs: &[PathBuf]) -> OsString {
    let existing = env::var_os("PATH").unwrap_or_default();
    let all = dirs.iter().cloned().chain(env::split_paths(&existing));
    env::join_paths(all).unwrap_or(existing)
}

/// Whether `a` was modified no earlier than `b` (false when either is missing).
fn is_newer_or_same(a: &Path, b: &Path) -> bool {
    let modified = |p: &Path| fs::metadata(p).and_then(|m| m.modified()).ok();
    match (modified(a), modified(b)) {
        (Some(a), Some(b)) => a >= b,
        _ => false,
    }
}
