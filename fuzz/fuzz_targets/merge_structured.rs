//! A clinic override built from the fuzz input in a structured way, so the
//! merge paths are reached far more often than from raw bytes: id-lists
//! (`steps`, `faq`, `checklist`, ...) with ids taken from the built-in default
//! (`check-in`, `does-it-hurt`, ...), new and bad ids, `remove` and `after`
//! markers, nulls, wrong types, plus a few other top-level fields. The text is
//! then loaded with `content::load_clinic`. Never panics; the generated text
//! is always valid JSON; a failure has at least one error, each with a
//! message; a success yields sections.
//!
//! The generator is deterministic: past the end of the input every byte
//! reads as 0, which ends every loop.
#![no_main]

use std::fmt::Write as _;
use std::sync::OnceLock;

use infusion_guide::content::{self, json};
use infusion_guide::readability;
use libfuzzer_sys::fuzz_target;

/// The lists of items with ids.
const LISTS: &[&str] = infusion_guide::content::ID_LISTS;

/// Each id-list of the default: its name, its ids and the field names its
/// items use, read from `content::DEFAULT_JSON` once.
struct ListInfo {
    name: &'static str,
    ids: Vec<String>,
    fields: Vec<String>,
}

fn lists() -> &'static [ListInfo] {
    static LISTS_INFO: OnceLock<Vec<ListInfo>> = OnceLock::new();
    LISTS_INFO.get_or_init(|| {
        let default = json::parse(content::DEFAULT_JSON).expect("the default parses");
        LISTS
            .iter()
            .map(|&name| {
                let items = default
                    .get(name)
                    .and_then(|n| n.value.as_array())
                    .unwrap_or_default();
                let ids = items
                    .iter()
                    .filter_map(|item| item.get("id")?.value.as_str().map(str::to_owned))
                    .collect();
                let mut fields: Vec<String> = Vec::new();
                for item in items {
                    for member in item.value.as_object().unwrap_or_default() {
                        if member.key != "id" && !fields.contains(&member.key) {
                            fields.push(member.key.clone());
                        }
                    }
                }
                fields.push("unknown_field".to_owned());
                ListInfo { name, ids, fields }
            })
            .collect()
    })
}

/// Reads choices from the fuzz input; 0 once it runs out.
struct Input<'a> {
    data: &'a [u8],
    at: usize,
}

impl Input<'_> {
    fn byte(&mut self) -> u8 {
        let b = self.data.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        b
    }

    fn below(&mut self, n: usize) -> usize {
        usize::from(self.byte()) % n
    }

    fn pick<'b, T: ?Sized>(&mut self, items: &'b [&'b T]) -> &'b T {
        items[self.below(items.len())]
    }

    /// Some text: a fragment of formatting (good or bad) or raw input bytes.
    fn text(&mut self) -> String {
        const FRAGMENTS: &[&str] = &[
            "Plain words.",
            "**bold** and *italic*",
            "[call us](tel:+15551234567)",
            "[site](https://example.org/a)",
            "[bad](javascript:alert(1))",
            "- one\n- two",
            "1. first\n2. second",
            "<b>not markup</b> &amp;",
            "# heading",
            "",
            "   ",
            "line  \nbreak",
        ];
        if self.byte() % 2 == 0 {
            self.pick(FRAGMENTS).to_owned()
        } else {
            let len = self.below(24);
            let start = self.at.min(self.data.len());
            let end = (start + len).min(self.data.len());
            self.at += len;
            String::from_utf8_lossy(&self.data[start..end]).into_owned()
        }
    }
}

fn string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c < ' ' => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A value for a content field: usually a per-language text, sometimes null
/// or the wrong type.
fn value(input: &mut Input, out: &mut String) {
    match input.below(10) {
        0 => out.push_str("null"),
        1 => {
            let t = input.text();
            string(out, &t);
        }
        2 => out.push_str(input.pick(&["0", "-1", "1e308", "true", "{}", "[]"])),
        3 => {
            out.push('[');
            let t = input.text();
            string(out, &t);
            out.push_str(",{\"en\":\"x\"}]");
        }
        4 => out.push_str("{\"en\":null}"),
        _ => {
            out.push('{');
            let count = 1 + input.below(3);
            for k in 0..count {
                if k > 0 {
                    out.push(',');
                }
                let lang = input.pick(&["en", "es", "fr", "EN", "", "pt-BR"]);
                string(out, lang);
                out.push(':');
                let t = input.text();
                string(out, &t);
            }
            out.push('}');
        }
    }
}

/// An id: one of this list's, another list's, new, empty, malformed or not
/// a string.
fn id(input: &mut Input, list: &ListInfo, out: &mut String) {
    match input.below(8) {
        0..=3 if !list.ids.is_empty() => {
            let i = input.below(list.ids.len());
            string(out, &list.ids[i]);
        }
        4 => {
            let n = input.byte();
            let _ = write!(out, "\"new-{n}\"");
        }
        5 => {
            let other = &lists()[input.below(LISTS.len())];
            match other.ids.first() {
                Some(first) => string(out, first),
                None => out.push_str("\"x\""),
            }
        }
        6 => out.push_str(input.pick(&["\"\"", "\"Bad Id\"", "\"9lives\"", "\"a--b\""])),
        _ => out.push_str(input.pick(&["null", "7", "true", "[]", "{}"])),
    }
}

fn item(input: &mut Input, list: &ListInfo, out: &mut String) {
    match input.below(12) {
        0 => return out.push_str("null"),
        1 => return out.push_str("\"an item\""),
        2 => return out.push_str("[]"),
        _ => {}
    }
    let mut members: Vec<String> = Vec::new();
    let flags = input.byte();
    if flags & 1 == 0 {
        let mut m = String::from("\"id\":");
        id(input, list, &mut m);
        members.push(m);
    }
    if flags & 2 != 0 {
        let v = input.pick(&["true", "false", "\"yes\"", "null", "1"]);
        members.push(format!("\"remove\":{v}"));
    }
    if flags & 4 != 0 {
        let mut m = String::from("\"after\":");
        match input.below(4) {
            0 => m.push_str("\"\""),
            1 => m.push_str(input.pick(&["null", "3", "\"nope\"", "[]"])),
            _ => id(input, list, &mut m),
        }
        members.push(m);
    }
    let count = input.below(4);
    for _ in 0..count {
        let field = &list.fields[input.below(list.fields.len())];
        let mut m = String::new();
        string(&mut m, field);
        m.push(':');
        if field == "items" && input.byte() % 2 == 0 {
            m.push('[');
            value(input, &mut m);
            m.push(']');
        } else if field == "category" {
            id(input, &lists()[2], &mut m);
        } else {
            value(input, &mut m);
        }
        members.push(m);
    }
    // Shuffle a little: the markers are not always first.
    if members.len() > 1 {
        let k = input.below(members.len());
        members.rotate_left(k);
    }
    out.push('{');
    out.push_str(&members.join(","));
    out.push('}');
}

fn object_of(input: &mut Input, keys: &[&str], out: &mut String) {
    out.push('{');
    let count = input.below(4);
    for k in 0..count {
        if k > 0 {
            out.push(',');
        }
        string(out, input.pick(keys));
        out.push(':');
        value(input, out);
    }
    out.push('}');
}

/// One top-level `"key": value` of the clinic's file.
fn top_member(input: &mut Input, out: &mut String) {
    match input.below(16) {
        0..=7 => {
            let list = &lists()[input.below(LISTS.len())];
            string(out, list.name);
            out.push(':');
            match input.below(10) {
                0 => out.push_str("null"),
                1 => out.push_str("\"all\""),
                2 => out.push_str("{}"),
                _ => {
                    out.push('[');
                    let count = input.below(7);
                    for k in 0..count {
                        if k > 0 {
                            out.push(',');
                        }
                        item(input, list, out);
                    }
                    out.push(']');
                }
            }
        }
        8 => {
            out.push_str("\"guide\":");
            if input.byte() % 5 == 0 {
                value(input, out);
            } else {
                object_of(
                    input,
                    &["title", "summary", "what_it_is", "who_it_is_for", "who_may_not_be_suitable", "extra"],
                    out,
                );
            }
        }
        9 => {
            out.push_str("\"base\":");
            out.push_str(input.pick(&["\"default\"", "\"none\"", "\"other\"", "1", "null"]));
        }
        10 => {
            out.push_str("\"languages\":");
            out.push_str(input.pick(&[
                "[\"en\"]",
                "[\"en\",\"es\",\"fr\"]",
                "[\"es\",\"en\"]",
                "[]",
                "[\"en\",\"en\"]",
                "\"en\"",
                "null",
                "[1]",
            ]));
            if input.byte() % 2 == 0 {
                out.push_str(",\"fallback_language\":");
                out.push_str(input.pick(&["\"en\"", "\"es\"", "\"fr\"", "null", "\"\""]));
            }
        }
        11 => {
            out.push_str("\"hide\":[");
            let count = input.below(4);
            for k in 0..count {
                if k > 0 {
                    out.push(',');
                }
                out.push_str(input.pick(&[
                    "\"overview\"", "\"steps\"", "\"timeline\"", "\"faq\"", "\"prepare\"",
                    "\"questions\"", "\"contact\"", "\"crisis\"", "\"disclaimer\"", "null",
                ]));
            }
            out.push(']');
        }
        12 => {
            out.push_str("\"theme\":{");
            let key = input.pick(&["accent", "accent_text", "background", "text", "radius", "font", "x"]);
            string(out, key);
            out.push(':');
            out.push_str(input.pick(&[
                "\"#fff\"", "\"#12345g\"", "\"#123456\"", "\"red\"", "0", "24", "25", "-1", "1e308",
                "12.5", "\"serif\"", "\"comic\"", "null",
            ]));
            out.push('}');
        }
        13 => {
            out.push_str("\"crisis\":");
            out.push_str(input.pick(&[
                "{\"region\":\"us\"}",
                "{\"region\":\"uk\",\"note\":{\"en\":\"Call us\"}}",
                "{\"region\":\"mars\"}",
                "null",
                "{\"region\":null}",
            ]));
        }
        14 => {
            let key = input.pick(&["disclaimer", "reviewed_by", "last_reviewed", "format"]);
            string(out, key);
            out.push(':');
            match input.below(3) {
                0 => out.push_str(input.pick(&["\"2026-02-30\"", "\"2026-11-22\"", "1", "2", "null"])),
                _ => value(input, out),
            }
        }
        _ => {
            out.push_str("\"clinic\":");
            object_of(
                input,
                &["name", "phone", "email", "website", "booking_url", "address", "opening_hours"],
                out,
            );
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let mut input = Input { data, at: 0 };
    let mut text = String::from("{");
    let count = input.below(8);
    for k in 0..count {
        if k > 0 {
            text.push(',');
        }
        top_member(&mut input, &mut text);
    }
    text.push('}');
    if let Err(err) = json::parse(&text) {
        panic!("the generator wrote invalid JSON ({err}):\n{text}");
    }
    match content::load_clinic(&text) {
        Err(errors) => {
            assert!(!errors.is_empty(), "Err without any error");
            for error in &errors {
                assert!(!error.message.is_empty(), "error without a message: {error:?}");
                assert!(!error.to_line("f").is_empty());
            }
        }
        Ok(content) => {
            for (_name, text) in content.sections("en") {
                let _ = readability::stats(&text);
            }
        }
    }
});
