//! Installs what the build and the tests need, skipping what is already there.
//!
//! Versions are pinned where a mismatch breaks the build: Trunk 0.21 (0.22
//! needs a newer rustc than this project's 1.95), and wasm-bindgen-cli at
//! exactly the `wasm-bindgen` version in Cargo.lock (Trunk and the test runner
//! refuse any other). wasm-opt comes from the npm package `binaryen` because
//! Debian's is too old for current Rust output.
//!
//! The two Rust tools are compiled once per machine, and that compile is most
//! of a fresh machine's setup time. They run for seconds in a build, so they
//! are compiled for build speed ([`TOOL_PROFILE`]), not for their own speed.
//!
//! The browsers are Debian's: Chromium with ChromeDriver, Firefox ESR (driven
//! over WebDriver BiDi, no geckodriver), and WebKitGTK's `WebKitWebDriver`
//! with its MiniBrowser, which needs an X server (`xvfb-run`).

use std::env;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{project_root, run_in_root, step};

const TRUNK_VERSION: &str = "0.21.14";
const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const FIREFOX: &str = "/usr/bin/firefox-esr";
const WEBKIT_DRIVER: &str = "/usr/bin/WebKitWebDriver";
const MINIBROWSER: &str = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";
const XVFB_RUN: &str = "/usr/bin/xvfb-run";
/// The previous Firefox ESR, unpacked beside Debian's current one: it still
/// has the pref that switches `hidden="until-found"` off, so the tests can
/// stand in for Firefox before 139 (ESR 115 and 128).
const FIREFOX_140_DIR: &str = "/opt/firefox-esr-140";
const FIREFOX_140: &str = "/opt/firefox-esr-140/usr/lib/firefox-esr/firefox-esr";

/// Debian packages the tests need, and a file each one installs.
const BROWSER_PACKAGES: [(&str, &str); 6] = [
    ("chromium", CHROMIUM),
    ("chromium-driver", CHROMEDRIVER),
    ("firefox-esr", FIREFOX),
    ("webkit2gtk-driver", WEBKIT_DRIVER),
    ("xvfb", XVFB_RUN),
    ("xauth", "/usr/bin/xauth"),
];

/// Cargo profile overrides for compiling Trunk and wasm-bindgen-cli. Trunk's
/// own release profile asks for fat LTO and one codegen unit, about 25 of the
/// 34 minutes a fresh machine took. Unoptimized, both compile in a few
/// minutes and still run for seconds: wasm-bindgen takes 0.7 s instead of
/// 0.2 s on the release wasm, 2.5 s instead of 0.8 s on the browser tests'.
const TOOL_PROFILE: [(&str, &str); 4] = [
    ("CARGO_PROFILE_RELEASE_LTO", "false"),
    ("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16"),
    ("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0"),
    ("CARGO_PROFILE_RELEASE_DEBUG", "false"),
];

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
                ("FIREFOX", FIREFOX.to_owned()),
                ("FIREFOX_140", FIREFOX_140.to_owned()),
                ("WEBKIT_DRIVER", WEBKIT_DRIVER.to_owned()),
                ("MINIBROWSER", MINIBROWSER.to_owned()),
            ],
        };
        step("checking tools (installs only what is missing)");
        // apt-get waits on the network and the disk, cargo on the CPU: the
        // browsers install in the background while the tools compile.
        let browsers = (needs == Needs::Everything).then(|| std::thread::spawn(browsers));
        // The two tool compiles overlap too: each has a long serial tail
        // (the last crates and the link) that leaves a core idle.
        let built = tools
            .wasm_target()
            .and_then(|()| tools.npm_packages())
            .and_then(|()| {
                std::thread::scope(|scope| {
                    let trunk = scope.spawn(|| tools.trunk());
                    let bindgen = tools.wasm_bindgen(&root);
                    trunk
                        .join()
                        .unwrap_or_else(
                            |_| Err("the Trunk install stopped unexpectedly".to_owned()),
                        )
                        .and(bindgen)
                })
            });
        let installed = match browsers {
            Some(thread) => thread
                .join()
                .unwrap_or_else(|_| Err("the browser install stopped unexpectedly".to_owned())),
            None => Ok(()),
        };
        built.and(installed)?;
        Ok(tools)
    }

    /// Runs `program` in the project root with the tools on PATH.
    pub fn run(&self, program: &str, args: &[&str]) -> Result<(), String> {
        self.run_with(program, args, &[])
    }

    /// Like [`Tools::run`], with more environment variables.
    fn run_with(&self, program: &str, args: &[&str], extra: &[(&str, &str)]) -> Result<(), String> {
        let envs: Vec<(&str, &str)> = self
            .envs
            .iter()
            .map(|(k, v)| (*k, v.as_str()))
            .chain(extra.iter().copied())
            .collect();
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
        println!("installing {wanted} (about 4 minutes on 2 cores, once)");
        // No default features: they add TLS and an update check, and the
        // build is offline (Trunk.toml) and served on 127.0.0.1 only.
        self.run_with(
            "cargo",
            &[
                "install",
                "trunk",
                "--version",
                TRUNK_VERSION,
                "--locked",
                "--no-default-features",
            ],
            &TOOL_PROFILE,
        )
    }

    fn wasm_bindgen(&self, root: &Path) -> Result<(), String> {
        let version = locked_version(root, "wasm-bindgen")?;
        let wanted = format!("wasm-bindgen {version}");
        if self.version_of("wasm-bindgen").as_deref() == Some(wanted.as_str()) {
            println!("{wanted}: present");
            return Ok(());
        }
        println!("installing wasm-bindgen-cli {version} (about 1 minute, once)");
        // No --locked: its lock file pins a crate version the registry here lacks.
        self.run_with(
            "cargo",
            &["install", "wasm-bindgen-cli", "--version", &version],
            &TOOL_PROFILE,
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
            "node_modules/puppeteer-core/package.json",
            "node_modules/jquery/dist/jquery.min.js",
        ];
        let all_there = wanted.iter().all(|p| root.join(p).exists());
        if all_there && is_newer_or_same(&installed, &lock) {
            println!(
                "npm packages (binaryen, terser, playwright-core, puppeteer-core, axe-core, bootstrap, jquery): present"
            );
            return Ok(());
        }
        self.run("npm", &["ci", "--no-audit", "--no-fund"])
    }
}

/// Debian's browsers and their drivers, for browser and end-to-end tests.
fn browsers() -> Result<(), String> {
    let missing: Vec<&str> = BROWSER_PACKAGES
        .iter()
        .filter(|(_, file)| !Path::new(file).exists())
        .map(|(package, _)| *package)
        .collect();
    if missing.is_empty() && Path::new(MINIBROWSER).exists() {
        println!("chromium, firefox-esr, webkit2gtk-driver, xvfb: present");
        return firefox_esr_140();
    }
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false);
    let packages: Vec<&str> = BROWSER_PACKAGES.iter().map(|(p, _)| *p).collect();
    if !is_root {
        return Err(format!(
            "browsers are missing: run `sudo apt-get update && sudo apt-get install -y {}`",
            packages.join(" ")
        ));
    }
    println!(
        "installing {} with apt-get (about 2 minutes, once)",
        missing.join(" ")
    );
    let path = env::var_os("PATH").unwrap_or_default();
    let noninteractive = [("DEBIAN_FRONTEND", "noninteractive")];
    run_in_root("apt-get", &["update", "-q"], &path, &noninteractive)?;
    let mut args = vec!["install", "-y", "-q"];
    args.extend(&packages);
    run_in_root("apt-get", &args, &path, &noninteractive)?;
    firefox_esr_140()
}

/// Firefox ESR 140 in [`FIREFOX_140_DIR`]: the newest 140 build that apt
/// offers, unpacked (not installed, so it does not replace the current ESR).
/// Its libraries are the ones the current ESR's package brought.
fn firefox_esr_140() -> Result<(), String> {
    if Path::new(FIREFOX_140).exists() {
        println!("firefox-esr 140 in {FIREFOX_140_DIR}: present");
        return Ok(());
    }
    let madison = Command::new("apt-cache")
        .args(["madison", "firefox-esr"])
        .output()
        .map_err(|e| format!("could not run apt-cache: {e}"))?;
    let listing = String::from_utf8_lossy(&madison.stdout);
    let version = listing
        .lines()
        .filter_map(|line| line.split('|').nth(1).map(str::trim))
        .find(|version| version.starts_with("140."))
        .ok_or("apt offers no Firefox ESR 140 (apt-cache madison firefox-esr)")?
        .to_owned();
    println!("unpacking firefox-esr {version} into {FIREFOX_140_DIR}");
    let download = env::temp_dir().join("infusion-guide-firefox-esr-140");
    let _ = fs::remove_dir_all(&download);
    fs::create_dir_all(&download)
        .map_err(|e| format!("could not create {}: {e}", download.display()))?;
    let status = Command::new("apt-get")
        .args(["download", "-q", &format!("firefox-esr={version}")])
        .current_dir(&download)
        .status()
        .map_err(|e| format!("could not run apt-get download: {e}"))?;
    if !status.success() {
        return Err(format!(
            "`apt-get download firefox-esr={version}` failed ({status})"
        ));
    }
    let deb = fs::read_dir(&download)
        .map_err(|e| format!("could not read {}: {e}", download.display()))?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .find(|path| path.extension().is_some_and(|ext| ext == "deb"))
        .ok_or("apt-get download left no .deb")?;
    let path = env::var_os("PATH").unwrap_or_default();
    let deb = deb.display().to_string();
    run_in_root("dpkg", &["-x", &deb, FIREFOX_140_DIR], &path, &[])?;
    let _ = fs::remove_dir_all(&download);
    Ok(())
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
