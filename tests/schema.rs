//! Native tests of the content file's JSON Schema (`content/content.schema.json`):
//! the committed file is exactly what [`content_schema`] generates, it names
//! every field the decoder knows and no other, and a small draft-07 validator
//! (the subset the schema uses, written here so no dependency is needed)
//! agrees with the decoder: the built-in guide and the example clinic file
//! pass, typos and bad values fail, and `null` is allowed exactly where the
//! merge lets it remove an optional field.
//!
//! Run with `cargo test --test schema`; `UPDATE_SCHEMA=1 cargo test --test schema`
//! rewrites the committed file instead of failing when it is out of date.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use infusion_guide::content::json::{self, Member, Node, Value};
use infusion_guide::content::{load_clinic, ContentError, DEFAULT_JSON};
use infusion_guide::schema::{content_schema, FIELDS_BY_OBJECT, MERGE_MARKERS, SCHEMA_ID};

const SCHEMA_FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/content/content.schema.json");
const EXAMPLE_FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/clinic.json");
const REGENERATE: &str = "cargo run --bin infusion-guide -- schema > content/content.schema.json";

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

fn parse(text: &str) -> Node {
    json::parse(text).unwrap_or_else(|e| panic!("not JSON: {e}\n{text}"))
}

fn schema() -> Node {
    parse(&content_schema())
}

fn problems(errors: &[ContentError]) -> String {
    errors
        .iter()
        .map(|e| format!("\n  {e}"))
        .collect::<String>()
}

/// `key` inside `path`, in the decoder's path style (`faq[0].id`).
fn join(path: &str, key: &str) -> String {
    match (path.is_empty(), key.starts_with('[')) {
        (true, _) | (_, true) => format!("{path}{key}"),
        (false, false) => format!("{path}.{key}"),
    }
}

/// Every schema object with fixed `properties`, by where it is in a content
/// file: `""`, `"clinic"`, `"steps[]"`, `"ui.*"` (the names of
/// [`FIELDS_BY_OBJECT`]).
fn objects_with_properties(schema: &Node) -> BTreeMap<String, &Node> {
    fn walk<'s>(schema: &'s Node, path: &str, out: &mut BTreeMap<String, &'s Node>) {
        if schema.get("properties").is_some() {
            assert!(
                out.insert(path.to_owned(), schema).is_none(),
                "two objects at {path:?}"
            );
        }
        for member in schema.value.as_object().unwrap_or_default() {
            match member.key.as_str() {
                "properties" => {
                    for property in member.value.value.as_object().unwrap_or_default() {
                        walk(&property.value, &join(path, &property.key), out);
                    }
                }
                "items" => walk(&member.value, &format!("{path}[]"), out),
                "additionalProperties" => walk(&member.value, &join(path, "*"), out),
                "anyOf" | "allOf" => {
                    for branch in member.value.value.as_array().unwrap_or_default() {
                        walk(branch, path, out);
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(schema, "", &mut out);
    out
}

fn property_names(object: &Node) -> Vec<&str> {
    object
        .get("properties")
        .and_then(|p| p.value.as_object())
        .unwrap_or_default()
        .iter()
        .map(|m| m.key.as_str())
        .collect()
}

/// Whether a property's schema lets a clinic write `null`.
fn allows_null(property: &Node) -> bool {
    property
        .get("anyOf")
        .and_then(|a| a.value.as_array())
        .unwrap_or_default()
        .iter()
        .any(|branch| branch.get("type").and_then(|t| t.value.as_str()) == Some("null"))
}

// ---------------------------------------------------------------------------
// A minimal draft-07 validator, for the keywords the schema uses
// ---------------------------------------------------------------------------

/// Checks content against the schema; a keyword or pattern it does not know
/// is an error too, so the schema cannot outgrow what this test checks.
struct Validator<'s> {
    root: &'s Node,
}

impl<'s> Validator<'s> {
    /// Every problem of `value`, as `path: message`.
    fn errors(&self, value: &Node) -> Vec<String> {
        let mut errors = Vec::new();
        self.check(value, self.root, "", &mut errors);
        errors
    }

    fn check(&self, value: &Node, schema: &Node, path: &str, errors: &mut Vec<String>) {
        let at = if path.is_empty() { "(document)" } else { path };
        let mut fail = |message: String| errors.push(format!("{at}: {message}"));
        let members = match &schema.value {
            Value::Object(members) => members,
            Value::Bool(true) => return,
            Value::Bool(false) => return fail("nothing is allowed here".to_owned()),
            other => return fail(format!("the schema here is {}", other.kind_name())),
        };
        let mut nested = Vec::new();
        for Member { key, value: k, .. } in members {
            match key.as_str() {
                "$schema" | "$id" | "title" | "description" | "definitions" => {}
                "$ref" => match self.resolve(k) {
                    Some(target) => self.check(value, target, path, &mut nested),
                    None => fail(format!("cannot resolve $ref {}", k.to_json())),
                },
                "type" => {
                    let names: Vec<&str> = match &k.value {
                        Value::String(name) => vec![name.as_str()],
                        Value::Array(names) => {
                            names.iter().filter_map(|n| n.value.as_str()).collect()
                        }
                        _ => vec![],
                    };
                    for name in &names {
                        if !TYPES.contains(name) {
                            fail(format!("unknown type {name:?}"));
                        }
                    }
                    if !names.iter().any(|name| has_type(&value.value, name)) {
                        fail(format!(
                            "expected {}, found {}",
                            names.join(" or "),
                            value.value.kind_name()
                        ));
                    }
                }
                "enum" => {
                    let allowed = k.value.as_array().unwrap_or_default();
                    if !allowed.iter().any(|a| a.to_json() == value.to_json()) {
                        let names: Vec<String> = allowed.iter().map(Node::to_json).collect();
                        fail(format!(
                            "{} is not one of {}",
                            value.to_json(),
                            names.join(", ")
                        ));
                    }
                }
                "const" => {
                    if k.to_json() != value.to_json() {
                        fail(format!(
                            "expected {}, found {}",
                            k.to_json(),
                            value.to_json()
                        ));
                    }
                }
                "pattern" => {
                    if let (Some(pattern), Some(text)) = (k.value.as_str(), value.value.as_str()) {
                        match pattern_matches(pattern, text) {
                            Some(true) => {}
                            Some(false) => fail(format!("{text:?} does not match {pattern}")),
                            None => fail(format!(
                                "the test validator has no check for the pattern {pattern:?}; add one to pattern_matches"
                            )),
                        }
                    }
                }
                "minLength" | "maxLength" => {
                    if let (Some(limit), Some(text)) = (k.value.as_f64(), value.value.as_str()) {
                        let length = text.chars().count() as f64;
                        if (key == "minLength" && length < limit)
                            || (key == "maxLength" && length > limit)
                        {
                            fail(format!("{text:?} breaks {key} {limit}"));
                        }
                    }
                }
                "minimum" | "maximum" => {
                    if let (Some(limit), Some(n)) = (k.value.as_f64(), value.value.as_f64()) {
                        if (key == "minimum" && n < limit) || (key == "maximum" && n > limit) {
                            fail(format!("{n} breaks {key} {limit}"));
                        }
                    }
                }
                "items" => {
                    for (i, item) in value
                        .value
                        .as_array()
                        .unwrap_or_default()
                        .iter()
                        .enumerate()
                    {
                        self.check(item, k, &format!("{path}[{i}]"), &mut nested);
                    }
                }
                "minItems" => {
                    if let (Some(limit), Some(items)) = (k.value.as_f64(), value.value.as_array()) {
                        if (items.len() as f64) < limit {
                            fail(format!("needs at least {limit} items"));
                        }
                    }
                }
                "maxItems" => {
                    if let (Some(limit), Some(items)) = (k.value.as_f64(), value.value.as_array()) {
                        if (items.len() as f64) > limit {
                            fail(format!("takes at most {limit} items"));
                        }
                    }
                }
                "uniqueItems" => {
                    let items = value.value.as_array().unwrap_or_default();
                    let texts: Vec<String> = items.iter().map(Node::to_json).collect();
                    for (i, text) in texts.iter().enumerate() {
                        if k.value.as_bool() == Some(true) && texts[..i].contains(text) {
                            fail(format!("{text} is listed twice"));
                        }
                    }
                }
                "properties" => {
                    for member in value.value.as_object().unwrap_or_default() {
                        if let Some(property) = k.get(&member.key) {
                            self.check(
                                &member.value,
                                property,
                                &join(path, &member.key),
                                &mut nested,
                            );
                        }
                    }
                }
                "additionalProperties" => {
                    let known = schema.get("properties");
                    for member in value.value.as_object().unwrap_or_default() {
                        if known.and_then(|p| p.get(&member.key)).is_none() {
                            self.check(&member.value, k, &join(path, &member.key), &mut nested);
                        }
                    }
                }
                "required" => {
                    if value.value.as_object().is_some() {
                        for name in k.value.as_array().unwrap_or_default() {
                            let name = name.value.as_str().unwrap_or_default();
                            if value.get(name).is_none() {
                                fail(format!("the field {name:?} is required"));
                            }
                        }
                    }
                }
                "propertyNames" => {
                    for member in value.value.as_object().unwrap_or_default() {
                        let name = Node {
                            value: Value::String(member.key.clone()),
                            pos: member.key_pos,
                        };
                        self.check(&name, k, &join(path, &member.key), &mut nested);
                    }
                }
                "allOf" => {
                    for branch in k.value.as_array().unwrap_or_default() {
                        self.check(value, branch, path, &mut nested);
                    }
                }
                "anyOf" => {
                    let mut failures = Vec::new();
                    for branch in k.value.as_array().unwrap_or_default() {
                        let mut branch_errors = Vec::new();
                        self.check(value, branch, path, &mut branch_errors);
                        if branch_errors.is_empty() {
                            failures.clear();
                            break;
                        }
                        failures.push(branch_errors);
                    }
                    // Branches of another type (null, for an optional field)
                    // say nothing useful; when one branch is left, its
                    // problems are the ones to show.
                    let wrong_type = format!("{at}: expected ");
                    let relevant: Vec<&Vec<String>> = failures
                        .iter()
                        .filter(|e| !(e.len() == 1 && e[0].starts_with(&wrong_type)))
                        .collect();
                    match relevant[..] {
                        _ if failures.is_empty() => {}
                        [only] => nested.extend(only.iter().cloned()),
                        _ => {
                            let reasons: Vec<String> =
                                failures.iter().map(|e| e.join("; ")).collect();
                            fail(format!("matches none of: {}", reasons.join(" | ")));
                        }
                    }
                }
                other => fail(format!(
                    "the test validator does not know the keyword {other:?}"
                )),
            }
        }
        errors.extend(nested);
    }

    /// `#/definitions/NAME`.
    fn resolve(&self, reference: &Node) -> Option<&'s Node> {
        let name = reference.value.as_str()?.strip_prefix("#/definitions/")?;
        self.root.get("definitions")?.get(name)
    }
}

const TYPES: [&str; 7] = [
    "null", "boolean", "object", "array", "string", "number", "integer",
];

fn has_type(value: &Value, name: &str) -> bool {
    match (name, value) {
        ("null", Value::Null)
        | ("boolean", Value::Bool(_))
        | ("object", Value::Object(_))
        | ("array", Value::Array(_))
        | ("string", Value::String(_))
        | ("number", Value::Number(_)) => true,
        // Draft-07: an integer is any number without a fractional part (4.0 too).
        ("integer", Value::Number(n)) => n.fract() == 0.0,
        _ => false,
    }
}

/// The schema's patterns as plain Rust checks (this test has no regular
/// expression engine); `None` for a pattern it does not know.
fn pattern_matches(pattern: &str, text: &str) -> Option<bool> {
    let all = |s: &str, f: fn(char) -> bool| s.chars().all(f);
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    Some(match pattern {
        "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$" => {
            let mut parts = text.split('-');
            let primary = parts.next().unwrap_or_default();
            (2..=3).contains(&primary.len())
                && all(primary, |c| c.is_ascii_lowercase())
                && parts
                    .all(|p| (2..=8).contains(&p.len()) && all(p, |c| c.is_ascii_alphanumeric()))
        }
        "^[a-z][a-z0-9-]*$" => {
            text.starts_with(|c: char| c.is_ascii_lowercase())
                && all(text, |c| {
                    c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'
                })
        }
        "^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$" => text
            .strip_prefix('#')
            .is_some_and(|hex| matches!(hex.len(), 3 | 6) && all(hex, |c| c.is_ascii_hexdigit())),
        "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$" => {
            let parts: Vec<&str> = text.split('-').collect();
            match parts[..] {
                [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
                    digits(y)
                        && digits(m)
                        && digits(d)
                        && ("01"..="12").contains(&m)
                        && ("01"..="31").contains(&d)
                }
                _ => false,
            }
        }
        "^https?://" => text.starts_with("https://") || text.starts_with("http://"),
        "^[0-9 ().+-]+$" => {
            !text.is_empty() && all(text, |c| c.is_ascii_digit() || " ().+-".contains(c))
        }
        "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$" => match text.split_once('@') {
            Some((local, domain)) => {
                let plain = |s: &str| {
                    !s.is_empty() && !s.contains(['@']) && !s.contains(char::is_whitespace)
                };
                plain(local)
                    && plain(domain)
                    && domain
                        .char_indices()
                        .any(|(i, c)| c == '.' && i > 0 && i + 1 < domain.len())
            }
            None => false,
        },
        _ => return None,
    })
}

fn validate(text: &str) -> Vec<String> {
    let schema = schema();
    Validator { root: &schema }.errors(&parse(text))
}

// ---------------------------------------------------------------------------
// The committed file
// ---------------------------------------------------------------------------

#[test]
fn committed_schema_is_up_to_date() {
    let generated = content_schema();
    if std::env::var_os("UPDATE_SCHEMA").is_some_and(|v| v == "1") {
        std::fs::write(SCHEMA_FILE, &generated)
            .unwrap_or_else(|e| panic!("cannot write {SCHEMA_FILE}: {e}"));
        return;
    }
    let committed = std::fs::read_to_string(SCHEMA_FILE).unwrap_or_default();
    if committed != generated {
        let line = committed
            .lines()
            .zip(generated.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| committed.lines().count().min(generated.lines().count()))
            + 1;
        panic!(
            "content/content.schema.json is not what src/schema.rs generates (first difference at line {line}).\n\
             Regenerate it with:\n    {REGENERATE}\n\
             or: UPDATE_SCHEMA=1 cargo test --test schema"
        );
    }
}

#[test]
fn schema_is_draft_07_json() {
    let schema = schema();
    let text = |key: &str| schema.get(key).and_then(|n| n.value.as_str());
    assert_eq!(
        text("$schema"),
        Some("http://json-schema.org/draft-07/schema#")
    );
    assert_eq!(text("$id"), Some(SCHEMA_ID));
    assert!(text("title").is_some_and(|t| !t.is_empty()));
    assert!(text("description").is_some_and(|t| !t.is_empty()));
    // The example file points editors at the schema, by a path that resolves
    // in this repository (an editor cannot fetch the $id's example domain).
    let example = std::fs::read_to_string(EXAMPLE_FILE).unwrap_or_default();
    let declared = parse(&example)
        .get("$schema")
        .and_then(|n| n.value.as_str())
        .map(str::to_owned)
        .unwrap_or_default();
    let resolved = std::path::Path::new(EXAMPLE_FILE)
        .parent()
        .map(|dir| dir.join(&declared))
        .filter(|path| path.is_file());
    assert!(
        resolved.is_some(),
        "examples/clinic.json's $schema {declared:?} does not name the schema file"
    );
}

// ---------------------------------------------------------------------------
// The schema and the decoder know the same fields
// ---------------------------------------------------------------------------

#[test]
fn schema_names_every_field_the_decoder_knows_and_no_other() {
    let schema = schema();
    let objects = objects_with_properties(&schema);
    let expected: Vec<&str> = FIELDS_BY_OBJECT.iter().map(|(path, _)| *path).collect();
    let found: Vec<&str> = objects.keys().map(String::as_str).collect();
    let mut sorted = expected.clone();
    sorted.sort_unstable();
    assert_eq!(
        found, sorted,
        "the objects of the schema and of the decoder differ"
    );

    for (path, fields) in FIELDS_BY_OBJECT {
        let object = objects[*path];
        let mut allowed: Vec<&str> = fields.to_vec();
        // Items of lists merged by id also take the merge markers.
        if path.ends_with("[]") {
            allowed.extend(MERGE_MARKERS);
        }
        assert_eq!(property_names(object), allowed, "the fields of {path:?}");
        assert_eq!(
            object
                .get("additionalProperties")
                .map(Node::to_json)
                .as_deref(),
            Some("false"),
            "{path:?} must refuse unknown fields"
        );
        let properties = object.get("properties").expect("properties");
        for name in fields.iter() {
            let property = properties.get(name).expect("listed above");
            let described = property.get("description").is_some();
            let shaped = ["type", "allOf", "anyOf", "$ref", "enum", "const"]
                .iter()
                .any(|k| property.get(k).is_some());
            assert!(
                shaped,
                "{} has no schema; describe it in src/schema.rs",
                join(path, name)
            );
            // The widget's own words are described once, on `ui`.
            assert!(
                described || *path == "ui.*",
                "{} has no description",
                join(path, name)
            );
        }
    }
}

#[test]
fn null_is_allowed_exactly_where_the_merge_removes_an_optional_field() {
    let schema = schema();
    let default = parse(DEFAULT_JSON);
    let mut nullable = Vec::new();
    for (path, object) in objects_with_properties(&schema) {
        let properties = object.get("properties").expect("properties");
        for member in properties.value.as_object().unwrap_or_default() {
            let field = member.key.as_str();
            if path.is_empty() && field == "$schema" {
                // Ignored by the widget, so whatever it holds does no harm.
                continue;
            }
            // An override that sets just this field to null, and where the
            // decoder would report a problem with it.
            let (clinic, at) = match path.as_str() {
                "" => (format!("{{\"{field}\": null}}"), field.to_owned()),
                "ui.*" => (
                    format!("{{\"ui\": {{\"en\": {{\"{field}\": null}}}}}}"),
                    format!("ui.en.{field}"),
                ),
                list if list.ends_with("[]") => {
                    let list = list.trim_end_matches("[]");
                    let first = default
                        .get(list)
                        .and_then(|l| l.value.as_array())
                        .and_then(|items| items.first())
                        .and_then(|item| item.get("id"))
                        .map(Node::to_json)
                        .unwrap_or_else(|| panic!("the default guide has no {list}"));
                    (
                        format!("{{\"{list}\": [{{\"id\": {first}, \"{field}\": null}}]}}"),
                        format!("{list}[0].{field}"),
                    )
                }
                object => (
                    format!("{{\"{object}\": {{\"{field}\": null}}}}"),
                    format!("{object}.{field}"),
                ),
            };
            let errors = load_clinic(&clinic).err().unwrap_or_default();
            let about_it: Vec<&ContentError> = errors
                .iter()
                .filter(|e| {
                    e.path == at
                        || e.path.starts_with(&format!("{at}."))
                        || e.path.starts_with(&format!("{at}["))
                })
                .collect();
            if allows_null(&member.value) {
                nullable.push(at.clone());
                assert!(
                    about_it.is_empty(),
                    "the schema allows null for {at}, but the decoder refuses {clinic}:{}",
                    problems(&errors)
                );
            } else {
                assert!(
                    !about_it.is_empty(),
                    "the decoder accepts {clinic}, so the schema should allow null for {at}"
                );
            }
        }
    }
    assert_eq!(
        nullable,
        [
            "clinic",
            "faq_categories",
            "hide",
            "schedule",
            "clinic.name",
            "clinic.phone",
            "clinic.email",
            "clinic.website",
            "clinic.booking_url",
            "clinic.address",
            "clinic.opening_hours",
            "crisis.note",
            "faq[0].category",
            "steps[0].duration",
            "ui.en.remember_note",
            "ui.en.range_to",
            "ui.en.visit_total",
            "ui.en.visit_before",
            "ui.en.visit_infusion",
            "ui.en.visit_recovery",
            "ui.en.visit_home",
            "ui.en.course_caption",
            // Retired words: accepted, never required.
            "ui.en.crisis_show",
            "ui.en.loading",
        ]
    );
}

// ---------------------------------------------------------------------------
// The schema and the decoder agree on files
// ---------------------------------------------------------------------------

#[test]
fn default_guide_and_example_clinic_file_are_valid() {
    assert_eq!(
        validate(DEFAULT_JSON),
        Vec::<String>::new(),
        "content/default.json"
    );
    let example = std::fs::read_to_string(EXAMPLE_FILE)
        .unwrap_or_else(|e| panic!("cannot read {EXAMPLE_FILE}: {e}"));
    assert_eq!(
        validate(&example),
        Vec::<String>::new(),
        "examples/clinic.json"
    );
    let complete = DEFAULT_JSON.replacen('{', "{\"base\": \"none\",", 1);
    assert_eq!(
        validate(&complete),
        Vec::<String>::new(),
        "a complete guide"
    );
}

#[test]
fn typo_in_a_field_name_fails() {
    let errors = validate(r#"{ "guide": { "titel": { "en": "Our ketamine program" } } }"#);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].starts_with("guide.titel: "), "{errors:#?}");
}

/// Valid overrides: the schema and the decoder both accept them.
const VALID: &[&str] = &[
    r#"{}"#,
    r#"{ "$schema": "https://infusion-guide.example/content.schema.json", "base": "default", "format": 1 }"#,
    r#"{ "languages": ["en"], "fallback_language": "en" }"#,
    r#"{ "clinic": { "phone": "+1 (555) 010-0199", "email": "care@example.org", "website": "http://example.org", "booking_url": "https://example.org/book" } }"#,
    r#"{ "clinic": null, "hide": null, "crisis": { "note": null } }"#,
    r#"{ "guide": { "title": { "en": "Our ketamine program" } } }"#,
    r#"{ "steps": [{ "id": "check-in", "duration": null, "after": "" }] }"#,
    r#"{ "checklist": [{ "id": "medicines-list", "remove": true }, { "id": "ride-home", "remove": false }] }"#,
    r#"{ "faq": [{ "id": "where-to-park", "after": "", "question": { "en": "Where do I park?", "es": "¿Dónde estaciono?" }, "answer": { "en": "Behind the **building**.", "es": "Detrás del **edificio**." }, "category": null }] }"#,
    r#"{ "crisis": { "region": "uk", "note": { "en": "Call us.", "es": "Llámenos." } } }"#,
    r##"{ "theme": { "accent": "#2F6B4F", "radius": 0, "font": "readable" } }"##,
    r#"{ "theme": { "radius": 24.0 } }"#,
    r#"{ "last_reviewed": "2026-03-31", "reviewed_by": { "en": "Dr. Okafor" } }"#,
    r#"{ "ui": { "en": { "next_step": "Continue" } } }"#,
    r#"{ "hide": ["faq", "contact"] }"#,
];

/// Invalid overrides: the schema and the decoder both refuse them, and the
/// schema's first problem is at the path given.
const INVALID: &[(&str, &str)] = &[
    (r#"{ "guide": { "titel": { "en": "x" } } }"#, "guide.titel"),
    (r##"{ "colours": { "accent": "#000" } }"##, "colours"),
    (r#"{ "format": 2 }"#, "format"),
    (r#"{ "base": "mine" }"#, "base"),
    (r#"{ "languages": [] }"#, "languages"),
    (r#"{ "languages": ["en", "en"] }"#, "languages"),
    (
        r#"{ "languages": ["EN"], "fallback_language": "EN" }"#,
        "languages[0]",
    ),
    (r#"{ "guide": null }"#, "guide"),
    (
        r#"{ "guide": { "title": { "en": "" } } }"#,
        "guide.title.en",
    ),
    (
        r#"{ "guide": { "title": { "english": "x" } } }"#,
        "guide.title.english",
    ),
    (r#"{ "guide": { "title": "Our program" } }"#, "guide.title"),
    (
        r#"{ "clinic": { "website": "www.example.org" } }"#,
        "clinic.website",
    ),
    (r#"{ "clinic": { "phone": "call us" } }"#, "clinic.phone"),
    (
        r#"{ "clinic": { "email": "care at example.org" } }"#,
        "clinic.email",
    ),
    (r#"{ "steps": [{ "title": { "en": "x" } }] }"#, "steps[0]"),
    (r#"{ "steps": [{ "id": "Check In" }] }"#, "steps[0].id"),
    (
        r#"{ "steps": [{ "id": "check-in", "remove": "yes" }] }"#,
        "steps[0].remove",
    ),
    (
        r#"{ "steps": [{ "id": "check-in", "duraton": { "en": "5 minutes" } }] }"#,
        "steps[0].duraton",
    ),
    (
        r#"{ "faq": [{ "id": "how-does-it-work", "category": "Cost" }] }"#,
        "faq[0].category",
    ),
    (
        r#"{ "timeline": [{ "id": "before", "items": "Eat lightly" }] }"#,
        "timeline[0].items",
    ),
    (r#"{ "crisis": { "region": "fr" } }"#, "crisis.region"),
    (r#"{ "crisis": null }"#, "crisis"),
    (r#"{ "disclaimer": null }"#, "disclaimer"),
    (r#"{ "theme": { "accent": "red" } }"#, "theme.accent"),
    (r##"{ "theme": { "accent": "#12345" } }"##, "theme.accent"),
    (r#"{ "theme": { "radius": 30 } }"#, "theme.radius"),
    (r#"{ "theme": { "radius": 2.5 } }"#, "theme.radius"),
    (r#"{ "theme": { "font": "comic-sans" } }"#, "theme.font"),
    (r#"{ "last_reviewed": "2026-13-01" }"#, "last_reviewed"),
    (r#"{ "last_reviewed": "31/03/2026" }"#, "last_reviewed"),
    (
        r#"{ "ui": { "en": { "next_stepp": "Next" } } }"#,
        "ui.en.next_stepp",
    ),
    (
        r#"{ "ui": { "en": { "next_step": "" } } }"#,
        "ui.en.next_step",
    ),
    (r#"{ "hide": ["crisis"] }"#, "hide[0]"),
    (r#"{ "hide": ["FAQ"] }"#, "hide[0]"),
];

#[test]
fn schema_and_decoder_agree_on_valid_overrides() {
    for clinic in VALID {
        assert_eq!(validate(clinic), Vec::<String>::new(), "schema: {clinic}");
        if let Err(errors) = load_clinic(clinic) {
            panic!("decoder: {clinic}:{}", problems(&errors));
        }
    }
}

#[test]
fn schema_and_decoder_agree_on_invalid_overrides() {
    for (clinic, path) in INVALID {
        let errors = validate(clinic);
        assert!(
            errors
                .first()
                .is_some_and(|e| e.starts_with(&format!("{path}: "))),
            "schema: {clinic} should fail at {path}, got {errors:#?}"
        );
        assert!(load_clinic(clinic).is_err(), "decoder accepts {clinic}");
    }
}

#[test]
fn validator_checks_patterns_like_the_regular_expressions() {
    let cases: &[(&str, &[&str], &[&str])] = &[
        (
            "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
            &["en", "ast", "pt-BR", "zh-Hant", "es-419"],
            &[
                "",
                "e",
                "EN",
                "engl",
                "en-",
                "en_US",
                "en-x",
                "en-abcdefghi",
            ],
        ),
        (
            "^[a-z][a-z0-9-]*$",
            &["a", "does-it-hurt", "step2", "a--"],
            &["", "2nd", "Does", "a_b", "-x", "ñ"],
        ),
        (
            "^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$",
            &["#abc", "#1D5e8c"],
            &[
                "", "#", "#12", "#1234", "#12345", "#1234567", "#ggg", "1d5e8c",
            ],
        ),
        (
            "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
            &["2026-03-31", "2024-12-01"],
            &[
                "2026-00-01",
                "2026-13-01",
                "2026-01-00",
                "2026-01-32",
                "2026-1-01",
                "26-01-01",
                "2026-01-01T00",
            ],
        ),
        (
            "^https?://",
            &["https://example.org", "http://x"],
            &["www.example.org", "ftp://x", "HTTPS:/x", " https://x"],
        ),
        (
            "^[0-9 ().+-]+$",
            &["+1 555 010 0199", "(555) 010-0199", "0.1"],
            &["", "call", "555 0199 ext 2"],
        ),
        (
            "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$",
            &["care@example.org", "a@b.c", "a@b.c."],
            &[
                "",
                "care",
                "care@example",
                "@example.org",
                "a@.org",
                "a@b@c.org",
                "a b@c.org",
            ],
        ),
    ];
    for (pattern, good, bad) in cases {
        for text in *good {
            assert_eq!(
                pattern_matches(pattern, text),
                Some(true),
                "{pattern} {text:?}"
            );
        }
        for text in *bad {
            assert_eq!(
                pattern_matches(pattern, text),
                Some(false),
                "{pattern} {text:?}"
            );
        }
    }
    assert_eq!(pattern_matches("^x$", "x"), None);
}
