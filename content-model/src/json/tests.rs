//! Tests of the JSON reader: positions, errors, limits and the JSONTestSuite corpus.

use super::*;
use std::path::PathBuf;

fn ok(text: &str) -> Node {
    match parse(text) {
        Ok(node) => node,
        Err(err) => panic!("{text:?} should parse, got {err}"),
    }
}

fn err(text: &str) -> ParseError {
    match parse(text) {
        Ok(node) => panic!("{text:?} should be rejected, got {node:?}"),
        Err(err) => err,
    }
}

fn pos(line: u32, column: u32) -> Pos {
    Pos { line, column }
}

/// Asserts the error's position and that its message contains `part`.
fn assert_error(text: &str, line: u32, column: u32, part: &str) {
    let error = err(text);
    assert_eq!(error.pos, pos(line, column), "{text:?}: {error}");
    assert!(
        error.message.contains(part),
        "{text:?}: message {:?} should contain {part:?}",
        error.message
    );
}

fn without_positions(node: &Node) -> Node {
    let value = match &node.value {
        Value::Array(items) => Value::Array(items.iter().map(without_positions).collect()),
        Value::Object(members) => Value::Object(
            members
                .iter()
                .map(|member| Member {
                    key: member.key.clone(),
                    key_pos: Pos::default(),
                    value: without_positions(&member.value),
                })
                .collect(),
        ),
        other => other.clone(),
    };
    Node {
        value,
        pos: Pos::default(),
    }
}

#[test]
fn positions_of_values_and_keys() {
    let node = ok("{\n  \"title\": \"Hi\",\n  \"steps\": [1, true]\n}");
    assert_eq!(node.pos, pos(1, 1));
    let Some(members) = node.value.as_object() else {
        panic!("expected an object");
    };
    assert_eq!(members[0].key_pos, pos(2, 3));
    assert_eq!(members[0].value.pos, pos(2, 12));
    assert_eq!(members[1].key_pos, pos(3, 3));
    let steps = node.get("steps").and_then(|n| n.value.as_array());
    let Some(steps) = steps else {
        panic!("expected a list");
    };
    assert_eq!(steps[0].pos, pos(3, 13));
    assert_eq!(steps[1].pos, pos(3, 16));
}

#[test]
fn columns_count_characters_not_bytes() {
    // "é" is two bytes and the emoji four; each is one column.
    let node = ok("[\"é😀\", 2]");
    assert_eq!(
        node.value.as_array().map(|items| items[1].pos),
        Some(pos(1, 8))
    );
    assert_error("[\"é😀\", x]", 1, 8, "unknown word \"x\"");
}

#[test]
fn crlf_and_lone_cr_end_lines_once() {
    let node = ok("[\r\n1,\r\n  2,\r3]");
    let columns: Vec<Pos> = node
        .value
        .as_array()
        .unwrap_or_default()
        .iter()
        .map(|item| item.pos)
        .collect();
    assert_eq!(columns, vec![pos(2, 1), pos(3, 3), pos(4, 1)]);
}

#[test]
fn byte_order_mark_is_skipped_and_not_counted() {
    assert_eq!(ok("\u{feff}[1]").pos, pos(1, 1));
    assert_eq!(parse_bytes(b"\xef\xbb\xbf{}").map(|n| n.pos), Ok(pos(1, 1)));
    assert_error("\u{feff}", 1, 1, "the file is empty");
}

#[test]
fn invalid_utf8_is_located_at_the_offending_byte() {
    let error = parse_bytes(b"{\n  \"a\": \"\xc3\xa9\xff\"}").unwrap_err();
    assert_eq!(error.pos, pos(2, 10));
    assert!(error.message.contains("UTF-8"), "{error}");
    // A truncated byte order mark is not UTF-8 either.
    assert_eq!(parse_bytes(b"\xef\xbb{}").unwrap_err().pos, pos(1, 1));
}

#[test]
fn utf16_gets_its_own_message() {
    let error = parse_bytes(b"\xff\xfe[\x00]\x00").unwrap_err();
    assert!(error.message.contains("UTF-16"), "{error}");
    let error = parse_bytes(b"[\x00\"\x00a\x00\"\x00]\x00").unwrap_err();
    assert!(error.message.contains("UTF-16"), "{error}");
    // A stray NUL in a UTF-8 file is not mistaken for UTF-16.
    let error = parse_bytes(b"[\x00]").unwrap_err();
    assert!(error.message.contains("U+0000"), "{error}");
}

#[test]
fn display_names_line_and_column() {
    let error = err("[1,]");
    assert_eq!(
        error.to_string(),
        "line 1, column 3: trailing comma before \"]\": remove the last \",\""
    );
}

#[test]
fn separator_errors_say_what_was_found_and_expected() {
    assert_error(
        "{\"a\": 1]",
        1,
        8,
        "expected \",\" or \"}\" after a field, found \"]\"",
    );
    assert_error(
        "[1 2]",
        1,
        4,
        "expected \",\" or \"]\" after a list item, found \"2\" (is a comma missing?)",
    );
    assert_error(
        "{\"a\": 1\n \"b\": 2}",
        2,
        2,
        "found a double quote (\") (is a comma missing?)",
    );
    assert_error(
        "{\"a\" 1}",
        1,
        6,
        "expected \":\" after the field name \"a\"",
    );
    assert_error("{\"a\": }", 1, 7, "expected a value, found \"}\"");
}

#[test]
fn trailing_commas_point_at_the_comma() {
    assert_error("{\"a\": 1,\n}", 1, 8, "trailing comma before \"}\"");
    assert_error("[1, 2 , ]", 1, 7, "trailing comma before \"]\"");
    assert_error("[1,,2]", 1, 4, "two commas in a row");
}

#[test]
fn string_errors() {
    assert_error(
        "{\"a\": \"open",
        1,
        12,
        "unclosed string (a \" is missing): the text starting at line 1, column 7",
    );
    assert_error("[\"a\\", 1, 5, "the text starting at line 1, column 2");
    assert_error(
        "[\"two\nlines\"]",
        1,
        6,
        "control character in a string: use \\n for a new line",
    );
    assert_error("[\"a\r\nb\"]", 1, 4, "use \\n for a new line");
    assert_error("[\"a\tb\"]", 1, 4, "use \\t for a tab");
    assert_error("[\"a\u{1}\"]", 1, 4, "U+0001");
    assert_error("[\"\\x\"]", 1, 3, "unknown escape \"\\x\"");
    assert_error("[\"\\u12\"]", 1, 3, "4 hex digits");
    assert_error(
        "['a']",
        1,
        2,
        "single quotes are not JSON: use double quotes",
    );
    assert_error("{'a': 1}", 1, 2, "single quotes are not JSON");
    assert_error("[“a”]", 1, 2, "curly quotes");
}

#[test]
fn escapes_are_decoded() {
    let node = ok(r#"["\u00e9\ud83d\ude00\"\\\/\b\f\n\r\t\u0000"]"#);
    let text = node
        .value
        .as_array()
        .and_then(|items| items[0].value.as_str())
        .map(str::to_owned);
    assert_eq!(text.as_deref(), Some("é😀\"\\/\u{8}\u{c}\n\r\t\u{0}"));
}

#[test]
fn lone_surrogates_are_rejected() {
    assert_error(r#"["\ud800"]"#, 1, 3, "only the first half of a character");
    assert_error(r#"["a\ud83dx"]"#, 1, 4, "first half");
    assert_error(r#"["\ud83d\u0041"]"#, 1, 3, "first half");
    assert_error(r#"["\ude00"]"#, 1, 3, "second half of a character");
}

#[test]
fn words_and_other_values() {
    assert_error(
        "[True]",
        1,
        2,
        "\"True\" must be written in small letters: true",
    );
    assert_error("[NaN]", 1, 2, "not allowed in JSON");
    assert_error("[tru]", 1, 2, "unknown word \"tru\"");
    assert_error(
        "{name: 1}",
        1,
        2,
        "field names must be in double quotes: write \"name\"",
    );
    assert_error("[1] // done", 1, 5, "comments are not allowed in JSON");
    assert_error("{/* c */}", 1, 2, "comments are not allowed in JSON");
    assert_error("[1 /* c */]", 1, 4, "comments are not allowed in JSON");
    assert_error("[+1]", 1, 2, "cannot start with \"+\"");
    assert_error("[.5]", 1, 2, "write 0.5");
    assert_error("[\u{c}]", 1, 2, "an invisible character (U+000C)");
}

#[test]
fn number_errors() {
    assert_error("[1e400]", 1, 2, "number is too large");
    assert_error("[-1e400]", 1, 2, "number is too large");
    assert_error("[07]", 1, 2, "cannot start with 0");
    assert_error("[-]", 1, 3, "expected a digit after \"-\", found \"]\"");
    assert_error("[1.]", 1, 4, "after the decimal point");
    assert_error("[1e+]", 1, 5, "exponent");
    assert_eq!(ok("1e-400").value, Value::Number(0.0));
    assert_eq!(ok("-12.5E2").value, Value::Number(-1250.0));
}

#[test]
fn end_of_file_errors_point_at_the_end() {
    assert_error(
        "{\"a\": [1,\n  2",
        2,
        4,
        "unexpected end of file: a \"]\" is missing (the \"[\" at line 1, column 7",
    );
    assert_error("{\"a\": 1", 1, 8, "a \"}\" is missing");
    assert_error("{\"a\":", 1, 6, "a \"}\" is missing");
    assert_error("", 1, 1, "the file is empty");
    assert_error(" \n ", 2, 2, "the file is empty");
}

#[test]
fn trailing_content_is_rejected() {
    assert_error("{} {}", 1, 4, "found \"{\" after the end of the data");
    assert_error("[1]]", 1, 4, "one bracket too many");
}

#[test]
fn duplicate_keys_are_kept_in_order() {
    let node = ok(r#"{"a": 1, "b": 2, "a": 3}"#);
    let keys: Vec<&str> = node
        .value
        .as_object()
        .unwrap_or_default()
        .iter()
        .map(|member| member.key.as_str())
        .collect();
    assert_eq!(keys, ["a", "b", "a"]);
    assert_eq!(node.get("a").and_then(|n| n.value.as_f64()), Some(1.0));
    assert_eq!(node.get("missing"), None);
}

#[test]
fn depth_limit() {
    let ok_depth = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    assert!(parse(&ok_depth).is_ok());
    let too_deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
    assert_error(&too_deep, 1, 65, "nested more than 64 levels deep");
    let objects = "{\"a\":".repeat(MAX_DEPTH + 1);
    assert_error(&objects, 1, 5 * 64 + 1, "nested more than 64 levels deep");
    // Far past the limit must still be an error, not a stack overflow.
    assert!(parse(&"[".repeat(1_000_000)).is_err());
}

#[test]
fn kind_names_are_plain_words() {
    let node = ok(r#"[null, true, 1, "a", [], {}]"#);
    let kinds: Vec<&str> = node
        .value
        .as_array()
        .unwrap_or_default()
        .iter()
        .map(|item| item.value.kind_name())
        .collect();
    assert_eq!(
        kinds,
        [
            "null",
            "true or false",
            "a number",
            "a string",
            "a list",
            "an object"
        ]
    );
}

#[test]
fn to_json_round_trips() {
    let text = r#" {"title": "Caf\u00e9 \"quoted\" \\ / \n\t\u0001 😀",
        "n": [0, -0, 1.5, -2e-7, 1e300, 123456789012345678, 1E2, 0.1],
        "flags": [true, false, null], "a": {}, "a": [[]], "": ""} "#;
    let node = ok(text);
    let json = node.to_json();
    assert!(!json.contains('\n'), "compact output: {json}");
    let again = ok(&json);
    assert_eq!(without_positions(&again), without_positions(&node));
    assert_eq!(again.to_json(), json);
    assert_eq!(ok("[1.0, 5, -0.0]").to_json(), "[1,5,-0]");
    assert_eq!(ok(r#""a\u001fb""#).to_json(), r#""a\u001fb""#);
}

#[test]
fn large_input_parses() {
    let item = r#"{"id": 12345, "text": "Some text with é and \"quotes\"", "ok": true},"#;
    let mut text = String::from("[");
    while text.len() < 1_000_000 {
        text.push_str(item);
    }
    text.push_str("null]");
    let node = ok(&text);
    let count = node.value.as_array().map_or(0, <[Node]>::len);
    assert!(count > 10_000);
    // One long line: columns must still be counted correctly at the end.
    assert_eq!(
        node.value
            .as_array()
            .and_then(|items| items.last())
            .map(|n| n.pos.column),
        Some(u32::try_from(text.chars().count() - 4).unwrap_or(0))
    );
}

fn corpus_dir() -> PathBuf {
    match std::env::var_os("INFUSION_GUIDE_TESTDATA") {
        Some(dir) => PathBuf::from(dir).join("jsontestsuite"),
        None => PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../shared/testdata/jsontestsuite"
        )),
    }
}

/// nst/JSONTestSuite: `y_` must parse, `n_` must fail with a position,
/// `i_` (implementation-defined) only must not panic.
#[test]
fn json_test_suite_corpus() {
    let dir = corpus_dir();
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|error| {
        panic!(
            "JSONTestSuite folder {} cannot be read ({error}); set INFUSION_GUIDE_TESTDATA \
             to a folder that contains jsontestsuite/",
            dir.display()
        )
    });
    let mut tested = 0;
    let mut failures = Vec::new();
    for entry in entries {
        let path = entry.expect("directory entry").path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()).map(str::to_owned) else {
            continue;
        };
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let bytes = std::fs::read(&path).expect("corpus file");
        let result = parse_bytes(&bytes);
        tested += 1;
        match (name.get(..2).unwrap_or_default(), result) {
            ("y_", Err(error)) => failures.push(format!("{name}: rejected: {error}")),
            ("n_", Ok(node)) => failures.push(format!("{name}: accepted: {node:?}")),
            ("n_", Err(error)) if error.pos.line < 1 || error.pos.column < 1 => {
                failures.push(format!("{name}: error without a position: {error:?}"));
            }
            _ => {}
        }
    }
    assert!(
        tested >= 300,
        "only {tested} JSON files in {}: is the corpus complete?",
        dir.display()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn reads_escapes_and_surrogate_pairs() {
    // Moved from the rich-text tests' own reader, which now uses this parser.
    let node = parse(r#"["a\"b\\\/\n\u00e9\ud83d\ude00", {"payload": "x", "n": null}]"#)
        .unwrap_or_else(|e| panic!("{e}"));
    let Value::Array(items) = &node.value else {
        panic!("{node:?}");
    };
    assert_eq!(items[0].value.as_str(), Some("a\"b\\/\né😀"));
    assert!(matches!(&items[1].value, Value::Object(members) if members.len() == 2));
    assert!(parse(r#"["\ud83d"]"#).is_err(), "half a surrogate pair");
    assert!(parse(r#"["a""#).is_err());
}
