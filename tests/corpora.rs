//! Native tests of the content pipeline against public corpora: the
//! JSONTestSuite files (every one parses or fails as it should, never a
//! panic) and XSS payloads in every kind of field (refused, or inert text).
//!
//! Run with `cargo test --test corpora`. The corpora are read from
//! `../shared/testdata`, or from the folder named by the environment
//! variable `INFUSION_GUIDE_TESTDATA`.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::path::PathBuf;

use infusion_guide::content::json;
use infusion_guide::content::rich::link_scheme_allowed;
use infusion_guide::content::rich::{self as rich};
use infusion_guide::content::{load_clinic, load_clinic_bytes, Content, ErrorKind};

use common::*;

// ---------------------------------------------------------------------------
// 1. JSONTestSuite
// ---------------------------------------------------------------------------

#[test]
fn jsontestsuite_files_parse_or_fail_as_they_should() {
    let folder = testdata("jsontestsuite");
    let entries = std::fs::read_dir(&folder).unwrap_or_else(|e| {
        panic!(
            "cannot read the JSONTestSuite folder {} ({e}); set INFUSION_GUIDE_TESTDATA to a folder containing jsontestsuite/",
            folder.display()
        )
    });
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 300,
        "only {} files in {}",
        files.len(),
        folder.display()
    );

    let mut failures = Vec::new();
    let mut counts = [0usize; 3];
    for path in &files {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let result = std::panic::catch_unwind(|| load_clinic_bytes(&bytes));
        let Ok(result) = result else {
            failures.push(format!("{name}: panicked"));
            continue;
        };
        if name.starts_with("n_") {
            counts[0] += 1;
            match &result {
                Ok(_) => failures.push(format!("{name}: accepted")),
                Err(errors) => {
                    let located = errors.iter().any(|e| {
                        e.kind == ErrorKind::Syntax
                            && e.pos.is_some_and(|p| p.line >= 1 && p.column >= 1)
                    });
                    if !located {
                        failures.push(format!(
                            "{name}: no located syntax error:\n{}",
                            lines(errors)
                        ));
                    }
                }
            }
        } else if name.starts_with("y_") {
            counts[1] += 1;
            if let Err(errors) = &result {
                if errors.is_empty()
                    || errors
                        .iter()
                        .any(|e| e.kind == ErrorKind::Syntax || e.message.trim().is_empty())
                {
                    failures.push(format!("{name}: valid JSON refused:\n{}", lines(errors)));
                }
            }
        } else {
            counts[2] += 1;
        }
    }
    eprintln!(
        "JSONTestSuite: {} n_, {} y_, {} i_ files",
        counts[0], counts[1], counts[2]
    );
    assert!(counts[0] > 0 && counts[1] > 0, "{counts:?}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ---------------------------------------------------------------------------
// 2. XSS payloads in every kind of field
// ---------------------------------------------------------------------------

/// The strings of the XSS corpus (a JSON array of strings).
fn xss_payloads() -> Vec<String> {
    corpus("xss_payloads.json")
}

/// The strings of a corpus file: a list of strings, or of objects each with a
/// string `payload`.
fn corpus(name: &str) -> Vec<String> {
    let path = testdata(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {} ({e}); set INFUSION_GUIDE_TESTDATA to a folder containing {name}",
            path.display()
        )
    });
    let node = json::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let items = node
        .value
        .as_array()
        .unwrap_or_else(|| panic!("{} is not a list", path.display()));
    items
        .iter()
        .map(|item| {
            let payload = match &item.value {
                json::Value::Object(members) => members
                    .iter()
                    .find(|m| m.key == "payload")
                    .and_then(|m| m.value.value.as_str()),
                _ => item.value.as_str(),
            };
            match payload {
                Some(s) => s.to_owned(),
                None => panic!("{}: not a string: {}", path.display(), item.to_json()),
            }
        })
        .collect()
}

#[test]
fn xss_corpus_renders_safely() {
    // Every payload the parser accepts renders as the subset's markup only.
    let payloads = xss_payloads();
    assert!(payloads.len() >= 300, "only {} payloads", payloads.len());
    let mut rendered = 0;
    for payload in &payloads {
        if let Ok(text) = rich::parse(payload) {
            check_html(&render(&text)).unwrap_or_else(|e| panic!("{payload:?}: {e}"));
            rendered += 1;
        }
    }
    assert!(rendered > 0);
}

#[test]
fn xss_benign_controls_render_safely() {
    for control in corpus("xss_benign_controls.json") {
        let text = rich::parse(&control).unwrap_or_else(|e| panic!("{control:?}: {e:?}"));
        check_html(&render(&text)).unwrap_or_else(|e| panic!("{control:?}: {e}"));
    }
}

/// Where a payload goes, and how to read it back from the loaded content.
#[derive(Clone, Copy, Debug)]
enum Field {
    Title,
    FaqAnswer,
    StepBody,
    ClinicName,
    CrisisNote,
    UiWord,
    Website,
    BookingUrl,
    /// A real web address with the payload after it.
    WebsitePath,
}

impl Field {
    const ALL: [Field; 9] = [
        Field::Title,
        Field::FaqAnswer,
        Field::StepBody,
        Field::ClinicName,
        Field::CrisisNote,
        Field::UiWord,
        Field::Website,
        Field::BookingUrl,
        Field::WebsitePath,
    ];

    fn clinic_file(self, payload: &str) -> String {
        let p = json::string_literal(payload);
        match self {
            Field::Title => format!(r#"{{ "guide": {{ "title": {{ "en": {p} }} }} }}"#),
            Field::FaqAnswer => {
                format!(r#"{{ "faq": [ {{ "id": "does-it-hurt", "answer": {{ "en": {p} }} }} ] }}"#)
            }
            Field::StepBody => {
                format!(r#"{{ "steps": [ {{ "id": "check-in", "body": {{ "en": {p} }} }} ] }}"#)
            }
            Field::ClinicName => {
                format!(r#"{{ "clinic": {{ "name": {{ "en": {p}, "es": {p} }} }} }}"#)
            }
            Field::CrisisNote => {
                format!(r#"{{ "crisis": {{ "note": {{ "en": {p}, "es": {p} }} }} }}"#)
            }
            Field::UiWord => format!(r#"{{ "ui": {{ "en": {{ "next_step": {p} }} }} }}"#),
            Field::Website => format!(r#"{{ "clinic": {{ "website": {p} }} }}"#),
            Field::BookingUrl => format!(r#"{{ "clinic": {{ "booking_url": {p} }} }}"#),
            Field::WebsitePath => {
                let url = json::string_literal(&format!("https://riverbend.example/{payload}"));
                format!(r#"{{ "clinic": {{ "website": {url} }} }}"#)
            }
        }
    }

    /// Checks the loaded content; an `Err` says what is wrong.
    fn check(self, payload: &str, content: &Content) -> Result<(), String> {
        let verbatim = payload.trim();
        let expect_plain = |found: Option<&str>| match found {
            Some(found) if found == verbatim => Ok(()),
            other => Err(format!("plain text not kept verbatim: {other:?}")),
        };
        let expect_web = |found: Option<&String>| match found {
            Some(url) => {
                let lower = url.to_ascii_lowercase();
                if (lower.starts_with("https://") || lower.starts_with("http://"))
                    && link_scheme_allowed(url)
                {
                    Ok(())
                } else {
                    Err(format!("URL {url:?} is not http(s)"))
                }
            }
            None => Err("URL missing".to_owned()),
        };
        match self {
            Field::Title => expect_plain(Some(content.guide.title.get("en", "en"))),
            Field::ClinicName => {
                expect_plain(content.clinic.name.as_ref().map(|t| t.get("en", "en")))
            }
            Field::CrisisNote => {
                expect_plain(content.crisis.note.as_ref().map(|t| t.get("en", "en")))
            }
            Field::UiWord => expect_plain(Some(content.ui.word("en", "en", "next_step"))),
            Field::Website | Field::WebsitePath => expect_web(content.clinic.website.as_ref()),
            Field::BookingUrl => expect_web(content.clinic.booking_url.as_ref()),
            Field::FaqAnswer | Field::StepBody => {
                let text = match self {
                    Field::FaqAnswer => content.faq[faq_index(content, "does-it-hurt")]
                        .answer
                        .get("en", "en"),
                    _ => content.steps[0].body.get("en", "en"),
                };
                check_html(&render(&text)).map_err(|e| format!("rendered HTML: {e}"))
            }
        }
    }
}

#[test]
fn xss_payloads_are_refused_or_inert_in_every_field() {
    let payloads = xss_payloads();
    assert!(payloads.len() >= 300, "only {} payloads", payloads.len());
    let mut failures = Vec::new();
    let mut loaded = [0usize; Field::ALL.len()];
    for payload in &payloads {
        for (n, field) in Field::ALL.into_iter().enumerate() {
            let Ok(content) = load_clinic(&field.clinic_file(payload)) else {
                continue;
            };
            loaded[n] += 1;
            if let Err(problem) = field.check(payload, &content) {
                failures.push(format!("{field:?} {payload:?}: {problem}"));
            }
            for (name, text) in rich_texts(&content) {
                for href in links(text) {
                    if !link_scheme_allowed(&href) {
                        failures.push(format!("{field:?} {payload:?}: {name} links to {href:?}"));
                    }
                }
            }
        }
    }
    eprintln!(
        "XSS payloads loaded per field: {:?}",
        Field::ALL.iter().zip(loaded).collect::<Vec<_>>()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Plain texts take (almost) anything: they are inert as text.
    assert!(loaded[0] > payloads.len() / 2, "{loaded:?}");
}
