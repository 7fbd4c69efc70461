//! Tests of the `infusion-guide` command-line tool: the built binary is
//! run on the default guide, the example clinic file, the hand-made bad files
//! in `tests/fixtures/` (each with its expected output in a sibling
//! `.expected` file) and a few JSONTestSuite files, and its output and exit
//! status are compared.
//!
//! Run with `cargo test --test cli`. Commands run in the crate's folder, so
//! the file names in the output are the stable relative paths given.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");

/// The bad fixtures, each with a `.expected` file next to it.
const BAD_FIXTURES: [&str; 5] = [
    "bad-syntax",
    "bad-types",
    "bad-links",
    "bad-theme",
    "unknown-field",
];

/// Runs the tool with `args` in the crate's folder.
fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_infusion-guide"))
        .args(args)
        .current_dir(MANIFEST_DIR)
        .output()
        .unwrap_or_else(|e| panic!("cannot run infusion-guide: {e}"))
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn describe(output: &Output) -> String {
    format!(
        "status {:?}\n--- stdout\n{}--- stderr\n{}",
        output.status.code(),
        stdout(output),
        stderr(output)
    )
}

/// Runs the tool with `args` and checks it exits with `code` (0: done; 1: a
/// content file is invalid; 2: the arguments are wrong or a file unreadable).
fn run_expecting(args: &[&str], code: i32) -> Output {
    let output = run(args);
    assert_eq!(
        output.status.code(),
        Some(code),
        "{args:?}: {}",
        describe(&output)
    );
    output
}

/// The JSONTestSuite folder: `$INFUSION_GUIDE_TESTDATA/jsontestsuite`, else
/// `../shared/testdata/jsontestsuite` next to this crate.
fn jsontestsuite() -> PathBuf {
    let folder = std::env::var_os("INFUSION_GUIDE_TESTDATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/testdata"))
        })
        .join("jsontestsuite");
    assert!(
        folder.is_dir(),
        "the JSONTestSuite folder {} is missing; set INFUSION_GUIDE_TESTDATA to a folder containing jsontestsuite/",
        folder.display()
    );
    folder
}

/// Whether `line` starts with `file:LINE:COLUMN: `.
fn has_position(line: &str, file: &str) -> bool {
    let Some(rest) = line.strip_prefix(file).and_then(|r| r.strip_prefix(':')) else {
        return false;
    };
    let mut parts = rest.splitn(3, ':');
    let number = |part: Option<&str>| {
        part.is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) && p != "0")
    };
    number(parts.next()) && number(parts.next()) && parts.next().is_some_and(|r| r.starts_with(' '))
}

#[test]
fn the_default_guide_and_the_example_are_ok() {
    for file in ["content/default.json", "examples/clinic.json"] {
        let output = run(&["check", file]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{file}: {}",
            describe(&output)
        );
        assert_eq!(stdout(&output), format!("{file}: ok\n"), "{file}");
        assert_eq!(stderr(&output), "", "{file}");
    }
    let output = run_expecting(
        &["check", "content/default.json", "examples/clinic.json"],
        0,
    );
    assert_eq!(
        stdout(&output),
        "content/default.json: ok\nexamples/clinic.json: ok\n"
    );
}

#[test]
fn each_bad_fixture_gives_exactly_the_expected_lines() {
    let mut failures = Vec::new();
    for name in BAD_FIXTURES {
        let file = format!("tests/fixtures/{name}.json");
        let expected_path = Path::new(MANIFEST_DIR).join(format!("tests/fixtures/{name}.expected"));
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", expected_path.display()));
        let output = run(&["check", &file]);
        if output.status.code() != Some(1) {
            failures.push(format!("{file}: expected exit 1, {}", describe(&output)));
            continue;
        }
        let got: Vec<String> = stdout(&output).lines().map(str::to_owned).collect();
        let want: Vec<&str> = expected.lines().collect();
        if got != want {
            failures.push(format!(
                "{file}:\n--- expected\n{}\n--- got\n{}",
                want.join("\n"),
                got.join("\n")
            ));
        }
        // Every problem line but the summary points into the file.
        let problems = &got[..got.len().saturating_sub(1)];
        assert!(!problems.is_empty(), "{file}: no problem lines");
        assert!(
            got.last()
                .is_some_and(|l| l.ends_with(" problem") || l.ends_with(" problems")),
            "{file}: no summary line"
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_summary_counts_the_problem_lines() {
    for name in BAD_FIXTURES {
        let file = format!("tests/fixtures/{name}.json");
        let output = run(&["check", &file]);
        let lines: Vec<String> = stdout(&output).lines().map(str::to_owned).collect();
        let count = lines.len() - 1;
        let noun = if count == 1 { "problem" } else { "problems" };
        assert_eq!(lines[count], format!("{file}: {count} {noun}"));
        for line in &lines[..count] {
            assert!(line.starts_with(&format!("{file}:")), "{line}");
        }
    }
}

#[test]
fn a_missing_file_exits_2() {
    let output = run_expecting(&["check", "tests/fixtures/no-such-file.json"], 2);
    assert!(
        stderr(&output).contains("tests/fixtures/no-such-file.json: cannot read the file"),
        "{}",
        describe(&output)
    );
    assert_eq!(stdout(&output), "");

    // A missing file wins over an invalid one.
    run_expecting(
        &[
            "check",
            "tests/fixtures/bad-syntax.json",
            "tests/fixtures/no-such-file.json",
        ],
        2,
    );
}

#[test]
fn no_arguments_exits_2_with_usage() {
    for args in [&[][..], &["check"][..]] {
        let output = run_expecting(args, 2);
        assert!(
            stderr(&output).contains("usage: infusion-guide <command>"),
            "{}",
            describe(&output)
        );
        assert_eq!(stdout(&output), "");
    }
}

#[test]
fn an_unknown_subcommand_exits_2() {
    for args in [
        &["lint", "examples/clinic.json"][..],
        &["--check"][..],
        &["CHECK", "x"][..],
    ] {
        let output = run_expecting(args, 2);
        assert!(stderr(&output).contains("usage:"), "{args:?}");
    }
}

#[test]
fn help_exits_0() {
    let output = run_expecting(&["--help"], 0);
    assert!(stdout(&output).starts_with("usage: infusion-guide <command>"));
    for command in ["check", "schema", "render", "init"] {
        assert!(stdout(&output).contains(command), "{command} is documented");
    }
}

#[test]
fn each_command_answers_help_and_h_with_its_own_usage() {
    let commands = ["check", "schema", "render", "prerender", "init"];
    for command in commands {
        for flag in ["--help", "-h"] {
            // Even with other arguments, help wins and nothing is done.
            let output = run_expecting(&[command, "no-such-file.json", flag], 0);
            let text = stdout(&output);
            assert!(
                text.starts_with(&format!("usage: infusion-guide {command} ...")),
                "{command} {flag}: {text}"
            );
            assert!(text.contains(&format!("  {command}")), "{text}");
            for other in commands {
                if other != command {
                    assert!(
                        !text.contains(&format!("\n  {other}")),
                        "{command} {flag}: {text}"
                    );
                }
            }
            assert_eq!(stderr(&output), "");
        }
    }
    run_expecting(&["lint", "--help"], 2);
}

#[test]
fn render_into_a_closed_pipe_exits_quietly() {
    // Regression: `render ... | head` panicked ("failed printing to stdout").
    use std::io::Read;
    use std::process::Stdio;
    // A guide whose page is larger than a pipe holds (64 KiB), so that the
    // tool is still writing when the reader goes away.
    let answer = "Words the patient reads. ".repeat(20);
    let questions: Vec<String> = (0..300)
        .map(|i| {
            format!(
                r#"{{ "id": "extra-{i}", "question": {{ "en": "Extra question {i}?", "es": "¿Pregunta {i}?" }},
                   "answer": {{ "en": "{answer}", "es": "{answer}" }} }}"#
            )
        })
        .collect();
    let big = Path::new(env!("CARGO_TARGET_TMPDIR")).join("big-guide.json");
    std::fs::write(&big, format!(r#"{{ "faq": [{}] }}"#, questions.join(",")))
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", big.display()));
    let big = big.display().to_string();
    let mut child = Command::new(env!("CARGO_BIN_EXE_infusion-guide"))
        .args(["render", &big, "--lang", "en"])
        .current_dir(MANIFEST_DIR)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run infusion-guide: {e}"));
    let mut first = [0u8; 16];
    let mut stdout = child.stdout.take().expect("piped stdout");
    stdout
        .read_exact(&mut first)
        .unwrap_or_else(|e| panic!("no output: {e}"));
    drop(stdout);
    let output = child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("the tool did not end: {e}"));
    assert_eq!(output.status.code(), Some(0), "{}", describe(&output));
    assert_eq!(stderr(&output), "", "nothing on stderr");
}

#[test]
fn one_bad_file_among_several_exits_1() {
    let output = run_expecting(
        &[
            "check",
            "examples/clinic.json",
            "tests/fixtures/bad-theme.json",
            "content/default.json",
        ],
        1,
    );
    let text = stdout(&output);
    assert!(text.starts_with("examples/clinic.json: ok\n"), "{text}");
    assert!(text.ends_with("content/default.json: ok\n"), "{text}");
    assert!(
        text.contains("tests/fixtures/bad-theme.json: 4 problems\n"),
        "{text}"
    );
}

#[test]
fn jsontestsuite_n_files_exit_1_with_a_position() {
    let folder = jsontestsuite();
    for name in [
        "n_array_extra_comma.json",
        "n_object_trailing_comma.json",
        "n_string_single_quote.json",
        "n_structure_unclosed_array.json",
        "n_array_invalid_utf8.json",
        "n_structure_100000_opening_arrays.json",
    ] {
        let path = folder.join(name);
        assert!(path.is_file(), "{} is missing", path.display());
        let output = Command::new(env!("CARGO_BIN_EXE_infusion-guide"))
            .arg("check")
            .arg(name)
            .current_dir(&folder)
            .output()
            .unwrap_or_else(|e| panic!("cannot run infusion-guide: {e}"));
        assert_eq!(
            output.status.code(),
            Some(1),
            "{name}: {}",
            describe(&output)
        );
        let text = stdout(&output);
        assert!(
            text.lines().any(|line| has_position(line, name)),
            "{name}: no {name}:LINE:COLUMN: line in\n{text}"
        );
        assert!(text.ends_with(&format!("{name}: 1 problem\n")), "{text}");
    }
}

#[test]
fn position_lines_are_recognised() {
    assert!(has_position("a.json:3:17: x", "a.json"));
    assert!(!has_position("a.json: x", "a.json"));
    assert!(!has_position("a.json:3: x", "a.json"));
    assert!(!has_position("a.json:0:1: x", "a.json"));
}

#[test]
fn check_readability_prints_every_part_and_warns_without_failing() {
    let output = run_expecting(&["check", "--readability", "content/default.json"], 0);
    let text = stdout(&output);
    assert!(text.contains("FK grade") && text.contains("SMOG"), "{text}");
    for part in ["guide", "steps/check-in", "faq/does-it-hurt", "disclaimer"] {
        assert!(text.contains(part), "{part} missing:\n{text}");
    }
    assert!(
        text.lines().any(|l| l.starts_with("es ")),
        "Spanish rows too"
    );

    // A part written above grade 8 is flagged, and the file still passes.
    let dir = std::env::temp_dir().join(format!("ig-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let hard = dir.join("hard.json");
    std::fs::write(
        &hard,
        r#"{ "faq": [{ "id": "does-it-hurt", "answer": { "en": "Intravenous administration of anaesthetic pharmaceuticals necessitates comprehensive physiological monitoring, considerable institutional infrastructure and multidisciplinary collaboration." } }] }"#,
    )
    .expect("write");
    let hard = hard.to_string_lossy().into_owned();
    let output = run_expecting(&["check", "--readability", &hard], 0);
    assert!(
        stdout(&output).contains("warning: faq/does-it-hurt (en) reads at grade"),
        "{}",
        describe(&output)
    );
}

#[test]
fn schema_prints_json() {
    let output = run_expecting(&["schema"], 0);
    let text = stdout(&output);
    let parsed = infusion_guide::content::json::parse(&text);
    assert!(parsed.is_ok(), "not JSON: {parsed:?}");
    assert!(text.contains("\"$schema\""), "{text}");
}

#[test]
fn render_prints_the_static_guide_and_checks_its_arguments() {
    let output = run_expecting(&["render", "examples/clinic.json", "--lang", "es"], 0);
    let html = stdout(&output);
    assert!(
        html.starts_with("<template shadowrootmode=\"open\">"),
        "{html}"
    );
    assert!(html.contains("+1 555 010 0199"), "the clinic's phone");
    for args in [
        &["render", "examples/clinic.json"][..],
        &["render", "examples/clinic.json", "--lang", "fr"][..],
        &["render", "--lang", "en"][..],
        &[
            "render",
            "examples/clinic.json",
            "--lang",
            "en",
            "--heading-level",
            "9",
        ][..],
        &[
            "render",
            "examples/clinic.json",
            "--lang",
            "en",
            "--region",
            "fr",
        ][..],
    ] {
        run_expecting(args, 2);
    }
    run_expecting(
        &["render", "tests/fixtures/bad-types.json", "--lang", "en"],
        1,
    );
}

#[test]
fn render_takes_the_region_of_the_element() {
    let output = run_expecting(
        &[
            "render",
            "examples/clinic.json",
            "--lang",
            "en",
            "--region",
            "uk",
        ],
        0,
    );
    assert!(stdout(&output).contains("tel:116123"), "the UK numbers");
}

#[test]
fn prerender_prints_the_built_in_guide_for_the_loader() {
    let output = run_expecting(&["prerender", "--css", "styles/widget.css"], 0);
    let json = stdout(&output);
    for key in [
        "\"live\":{\"en\":\"<article",
        "\"guides\":{\"en\":\"<article",
        "\"crisis\":{\"us\":{\"en\":\"<aside",
        "\"languages\":[\"en\",\"es\"]",
        "\"fallbackLanguage\":\"en\"",
        "\"region\":\"us\"",
        "\"css\":\":host",
    ] {
        assert!(json.contains(key), "no {key}");
    }
    for args in [
        &["prerender"][..],
        &["prerender", "--css", "no-such.css"][..],
        &[
            "prerender",
            "content/default.json",
            "--css",
            "styles/widget.css",
        ][..],
    ] {
        run_expecting(args, 2);
    }
}

#[test]
fn init_writes_a_valid_starter_and_never_overwrites() {
    let dir = std::env::temp_dir().join(format!("ig-init-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("our-guide.json").to_string_lossy().into_owned();
    let args = [
        "init",
        "--name",
        "Lakeside Clinic",
        "--phone",
        "+44 20 7946 0000",
        "--region",
        "uk",
        "--output",
        &file,
    ];
    let output = run(&args);
    assert_eq!(output.status.code(), Some(0), "{}", describe(&output));
    run_expecting(&["check", &file], 0);
    let written = std::fs::read_to_string(&file).expect("the file");
    assert!(
        written.contains("Lakeside Clinic") && written.contains("\"uk\""),
        "{written}"
    );

    let again = run(&args);
    assert_eq!(
        again.status.code(),
        Some(2),
        "never overwrites: {}",
        describe(&again)
    );
    assert_eq!(std::fs::read_to_string(&file).expect("the file"), written);

    let printed = run_expecting(&["init", "--name", "A", "--phone", "555 0100"], 0);
    assert!(stdout(&printed).contains("\"phone\": \"555 0100\""));

    for bad in [
        &["init", "--phone", "555 0100"][..],
        &["init", "--name", "A"][..],
        &["init", "--name", "A", "--phone", "not a number"][..],
        &[
            "init", "--name", "A", "--phone", "555 0100", "--colour", "red",
        ][..],
    ] {
        run_expecting(bad, 2);
    }
}
