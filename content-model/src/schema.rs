//! The JSON Schema of a clinic's content file, so editors check it as it is typed.
//!
//! A clinic's file is an *override*: it is merged onto the built-in guide, so
//! every field is optional (see docs/content-format.md). The schema describes
//! that file, in JSON Schema draft-07 (the draft VS Code supports best), and
//! is generated from the same field lists the decoder uses
//! (`content::decode::*_FIELDS`, [`UI_KEYS`], [`Font::ALL`], [`Region::ALL`],
//! [`Section::ALL`], `content::merge::ID_LISTS`), so the two cannot drift:
//! a field the decoder knows without a description here leaves a hole that
//! the tests report. Every object with fixed fields has
//! `"additionalProperties": false`, so an editor underlines a typo such as
//! `"titel"`. The schema only catches shapes; `infusion-guide check` still
//! does the full validation (every language, contrast, links, unique ids).
//!
//! The committed copy is `content/content.schema.json`; `tests/schema.rs`
//! fails when it differs from [`content_schema`].

use crate::decode::{
    CHECKLIST_ITEM_FIELDS, CLINIC_FIELDS, CRISIS_FIELDS, DOCUMENT_FIELDS, FAQ_CATEGORY_FIELDS,
    FAQ_FIELDS, GUIDE_FIELDS, PHASE_FIELDS, SCHEDULE_FIELDS, STEP_FIELDS, THEME_FIELDS,
};
use crate::merge::ID_LISTS;
use crate::{Font, Region, Section, LATER_UI_KEYS, RETIRED_UI_KEYS, UI_KEYS};

/// Where the schema is published; clinics' files name it in `"$schema"`.
pub const SCHEMA_ID: &str = "https://infusion-guide.example/content.schema.json";

/// Every object of the format whose fields are fixed, named by where it is
/// (`""` the whole document, `"clinic"`, `"steps[]"` an item of `steps`,
/// `"ui.*"` the words of one language), with the fields the decoder knows
/// there. The schema allows exactly these fields (plus the merge markers
/// `remove` and `after` on items of lists merged by id).
pub const FIELDS_BY_OBJECT: &[(&str, &[&str])] = &[
    ("", DOCUMENT_FIELDS),
    ("clinic", CLINIC_FIELDS),
    ("guide", GUIDE_FIELDS),
    ("steps[]", STEP_FIELDS),
    ("timeline[]", PHASE_FIELDS),
    ("faq_categories[]", FAQ_CATEGORY_FIELDS),
    ("faq[]", FAQ_FIELDS),
    ("checklist[]", CHECKLIST_ITEM_FIELDS),
    ("questions_to_ask[]", CHECKLIST_ITEM_FIELDS),
    ("crisis", CRISIS_FIELDS),
    ("theme", THEME_FIELDS),
    ("schedule", SCHEDULE_FIELDS),
    ("ui.*", UI_KEYS),
];

/// The fields that steer the merge of an item of a list merged by id.
pub const MERGE_MARKERS: [&str; 2] = ["remove", "after"];

// The patterns, in the regular-expression dialect of JSON Schema (ECMA 262).
const LANGUAGE_PATTERN: &str = "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$";
const ID_PATTERN: &str = "^[a-z][a-z0-9-]*$";
const COLOUR_PATTERN: &str = "^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$";
const DATE_PATTERN: &str = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";
const WEB_PATTERN: &str = "^https?://";
const PHONE_PATTERN: &str = "^[0-9 ().+-]+$";
const EMAIL_PATTERN: &str = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";

/// The longest id, in characters (as `content::decode::is_id` checks).
const MAX_ID_CHARS: i64 = 64;

/// The JSON Schema of a clinic's content file, as pretty-printed JSON text
/// (two-space indent, a final newline). The same text every time.
pub fn content_schema() -> String {
    let mut out = String::new();
    Json::from(document()).write(&mut out, 0);
    out.push('\n');
    out
}

/// A JSON value under construction; object members keep their order, so
/// the output is stable.
#[derive(Clone, Debug, PartialEq)]
enum Json {
    Bool(bool),
    Int(i64),
    Str(String),
    Array(Vec<Json>),
    Object(Schema),
}

/// A JSON object: a schema, or a map such as `properties`.
#[derive(Clone, Debug, Default, PartialEq)]
struct Schema(Vec<(String, Json)>);

impl Schema {
    fn new() -> Schema {
        Schema::default()
    }

    /// Adds a member.
    fn with(mut self, key: &str, value: impl Into<Json>) -> Schema {
        self.0.push((key.to_owned(), value.into()));
        self
    }

    /// Adds a `description`, first, where a reader of the file looks.
    fn describe(mut self, description: impl Into<String>) -> Schema {
        let description = Json::Str(description.into());
        self.0.insert(0, ("description".to_owned(), description));
        self
    }

    /// The value of member `key`, if any.
    #[cfg(test)]
    fn get(&self, key: &str) -> Option<&Json> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

impl From<bool> for Json {
    fn from(b: bool) -> Json {
        Json::Bool(b)
    }
}

impl From<i64> for Json {
    fn from(n: i64) -> Json {
        Json::Int(n)
    }
}

impl From<&str> for Json {
    fn from(s: &str) -> Json {
        Json::Str(s.to_owned())
    }
}

impl From<String> for Json {
    fn from(s: String) -> Json {
        Json::Str(s)
    }
}

impl From<Schema> for Json {
    fn from(schema: Schema) -> Json {
        Json::Object(schema)
    }
}

impl From<Vec<Json>> for Json {
    fn from(items: Vec<Json>) -> Json {
        Json::Array(items)
    }
}

impl Json {
    /// Writes the value at nesting level `depth`, two spaces per level.
    fn write(&self, out: &mut String, depth: usize) {
        match self {
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Int(n) => out.push_str(&n.to_string()),
            Json::Str(s) => write_string(out, s),
            Json::Array(items) if items.is_empty() => out.push_str("[]"),
            Json::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    out.push_str(if i == 0 { "\n" } else { ",\n" });
                    indent(out, depth + 1);
                    item.write(out, depth + 1);
                }
                out.push('\n');
                indent(out, depth);
                out.push(']');
            }
            Json::Object(Schema(members)) if members.is_empty() => out.push_str("{}"),
            Json::Object(Schema(members)) => {
                out.push('{');
                for (i, (key, value)) in members.iter().enumerate() {
                    out.push_str(if i == 0 { "\n" } else { ",\n" });
                    indent(out, depth + 1);
                    write_string(out, key);
                    out.push_str(": ");
                    value.write(out, depth + 1);
                }
                out.push('\n');
                indent(out, depth);
                out.push('}');
            }
        }
    }
}

fn indent(out: &mut String, depth: usize) {
    out.extend(std::iter::repeat_n("  ", depth));
}

/// A JSON string literal, escaped by the content parser's own writer.
fn write_string(out: &mut String, s: &str) {
    out.push_str(&crate::json::string_literal(s));
}

// ---------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------

/// A reference to one of the shared `definitions`, with its own description.
/// The reference sits in an `allOf` because draft-07 ignores the neighbours
/// of a bare `$ref`, and the description is what an editor shows.
fn defined(name: &str, description: &str) -> Schema {
    Schema::new().describe(description).with(
        "allOf",
        vec![Json::from(
            Schema::new().with("$ref", format!("#/definitions/{name}")),
        )],
    )
}

/// A plain text per language.
fn plain(description: &str) -> Schema {
    defined("plain_text", description)
}

/// A formatted text per language.
fn formatted(description: &str) -> Schema {
    defined("formatted_text", description)
}

/// An id (of this item, or of another item it refers to).
fn id(description: &str) -> Schema {
    defined("id", description)
}

fn colour(description: &str) -> Schema {
    defined("colour", description)
}

fn web_address(description: &str) -> Schema {
    defined("web_address", description)
}

fn string() -> Schema {
    Schema::new().with("type", "string")
}

/// One of `names`.
fn one_of_names<'a>(names: impl IntoIterator<Item = &'a str>) -> Json {
    names.into_iter().map(Json::from).collect::<Vec<_>>().into()
}

/// `names` as words for a description: "a, b or c" (`and_or` is "or").
fn in_words<'a>(names: impl IntoIterator<Item = &'a str>, and_or: &str) -> String {
    let names: Vec<&str> = names.into_iter().collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => {
            format!("{} {and_or} {last}", rest.join(", "))
        }
        Some((last, _)) => (*last).to_owned(),
        None => String::new(),
    }
}

/// An optional field that the merge lets a clinic remove with `null`.
fn nullable(schema: Schema) -> Schema {
    let Schema(mut members) = schema;
    let description = members
        .iter()
        .position(|(k, _)| k == "description")
        .map(|i| members.remove(i).1);
    let text = match description {
        Some(Json::Str(text)) => format!("{text} Optional; null removes it."),
        _ => "Optional; null removes it.".to_owned(),
    };
    // A lone `allOf` (a described reference) needs no wrapping inside `anyOf`.
    let schema = match members.as_mut_slice() {
        [(key, Json::Array(refs))] if key == "allOf" && refs.len() == 1 => refs.remove(0),
        _ => Json::from(Schema(members)),
    };
    Schema::new().describe(text).with(
        "anyOf",
        vec![schema, Schema::new().with("type", "null").into()],
    )
}

/// An object with exactly `fields`, each described by `field`. A field
/// without a description is written as `{}` (anything goes) and reported by
/// the tests, so a field added to the decoder cannot be forgotten here.
fn fixed_object(fields: &[&str], field: fn(&str) -> Option<Schema>) -> Schema {
    let properties = fields.iter().fold(Schema::new(), |properties, name| {
        properties.with(name, field(name).unwrap_or_default())
    });
    Schema::new()
        .with("type", "object")
        .with("properties", properties)
        .with("additionalProperties", false)
}

/// A list merged by id: its items have `fields`, an `id`, and the merge
/// markers.
fn id_list(description: &str, fields: &[&str], field: fn(&str) -> Option<Schema>) -> Schema {
    let Schema(mut item) = fixed_object(fields, field);
    if let Some((_, Json::Object(properties))) = item.iter_mut().find(|(k, _)| k == "properties") {
        for marker in MERGE_MARKERS {
            let schema = merge_marker(marker).unwrap_or_default();
            *properties = std::mem::take(properties).with(marker, schema);
        }
    }
    let item = Schema(item).with("required", vec![Json::from("id")]);
    Schema::new()
        .describe(format!(
            "{description} Merged by id: an item with the id of a built-in item changes that item, field by field; an item with a new id is added at the end; \"after\" moves an item; \"remove\": true removes one."
        ))
        .with("type", "array")
        .with("items", item)
}

fn merge_marker(name: &str) -> Option<Schema> {
    Some(match name {
        "remove" => Schema::new()
            .describe("Merge marker: true removes the built-in item with this id.")
            .with("type", "boolean"),
        "after" => string().describe(
            "Merge marker: places this item (new or built-in) right after the item with this id; \"\" places it first.",
        ),
        _ => return None,
    })
}

/// The `id` of an item of a list merged by id.
fn item_id() -> Schema {
    id("Which item: the id of a built-in item to change, or a new id to add an item. Lowercase letters, digits and hyphens, starting with a letter, like \"does-it-hurt\".")
}

// ---------------------------------------------------------------------------
// The format, object by object
// ---------------------------------------------------------------------------

fn document() -> Schema {
    let mut properties = Schema::new();
    for name in DOCUMENT_FIELDS {
        let schema = if ID_LISTS.contains(name) {
            id_list_field(name)
        } else {
            document_field(name)
        };
        properties = properties.with(name, schema.unwrap_or_default());
    }
    Schema::new()
        .with("$schema", "http://json-schema.org/draft-07/schema#")
        .with("$id", SCHEMA_ID)
        .with("title", "Infusion guide content file")
        .with(
            "description",
            "A clinic's content file for the infusion guide widget (format 1). It is merged onto the built-in guide, so give only what you change: every field is optional. With \"base\": \"none\" the file is a complete guide of its own and needs every field, as in content/default.json. Check a file with: infusion-guide check FILE.",
        )
        .with("type", "object")
        .with("properties", properties)
        .with("additionalProperties", false)
        .with("definitions", definitions())
}

fn definitions() -> Schema {
    let per_language = |description: &str| {
        Schema::new()
            .describe(description)
            .with("type", "object")
            .with(
                "propertyNames",
                Schema::new().with("pattern", LANGUAGE_PATTERN),
            )
            .with("additionalProperties", string().with("minLength", 1))
    };
    Schema::new()
        .with(
            "language_code",
            string()
                .describe("A language code, like \"en\", \"es\", \"fr\" or \"pt-BR\".")
                .with("pattern", LANGUAGE_PATTERN),
        )
        .with(
            "plain_text",
            per_language(
                "A plain text per language, like { \"en\": \"...\", \"es\": \"...\" }, shown exactly as written (never as formatting or HTML). Give only the languages you change; in the end every language in \"languages\" needs a text.",
            ),
        )
        .with(
            "formatted_text",
            per_language(
                "A formatted text per language, like { \"en\": \"...\", \"es\": \"...\" }. It may use a small, safe formatting subset: a blank line starts a new paragraph; **bold**; *italic*; lines starting with \"- \" make a bulleted list and lines starting with \"1. \" a numbered list; [words](https://example.org) and <https://example.org> are links (http, https, tel and mailto only). HTML tags are shown as written, not as formatting; headings, images, tables and code blocks are not part of the subset.",
            ),
        )
        .with(
            "id",
            string()
                .describe("An id: lowercase letters a-z, digits and hyphens, starting with a letter, like \"does-it-hurt\"; at most 64 characters.")
                .with("pattern", ID_PATTERN)
                .with("maxLength", MAX_ID_CHARS),
        )
        .with(
            "colour",
            string()
                .describe("A colour, #rrggbb (like \"#1d5e8c\") or #rgb.")
                .with("pattern", COLOUR_PATTERN),
        )
        .with(
            "web_address",
            string()
                .describe("A web address starting with https:// (or http://).")
                .with("pattern", WEB_PATTERN),
        )
}

fn document_field(name: &str) -> Option<Schema> {
    Some(match name {
        "$schema" => string().describe(format!(
            "The address of this schema ({SCHEMA_ID}), so editors check the file as you type. The widget ignores it."
        )),
        "format" => Schema::new()
            .describe("The format version of the file: 1.")
            .with("const", 1),
        "base" => Schema::new()
            .describe("\"default\" (the usual case): the file changes the built-in guide and gives only what it changes. \"none\": the file is a complete guide of its own and needs every field.")
            .with("enum", one_of_names(["default", "none"])),
        "languages" => Schema::new()
            .describe("The languages this guide carries, like [\"en\", \"es\"]; the first is the main one. Every text needs every language listed here. Replaces the built-in list whole.")
            .with("type", "array")
            .with("items", Schema::new().with("$ref", "#/definitions/language_code"))
            .with("minItems", 1)
            .with("uniqueItems", true),
        "fallback_language" => defined(
            "language_code",
            "The language shown when a text lacks the patient's language; one of \"languages\".",
        ),
        "clinic" => nullable(
            fixed_object(CLINIC_FIELDS, clinic_field)
                .describe("The clinic's details: name, phone, email, website, booking address, postal address and opening hours."),
        ),
        "guide" => fixed_object(GUIDE_FIELDS, guide_field)
            .describe("The introduction: the title, the \"in short\" box, what the treatment is, who it is for and who may not be suitable."),
        "crisis" => fixed_object(CRISIS_FIELDS, crisis_field)
            .describe("Which crisis numbers to show, and a line from the clinic. The crisis notice itself is always shown."),
        "disclaimer" => formatted("The medical disclaimer. It can be reworded, but not removed or left empty."),
        "last_reviewed" => string()
            .describe("When a clinician last reviewed the content, as YYYY-MM-DD (like 2026-03-31).")
            .with("pattern", DATE_PATTERN),
        "reviewed_by" => plain("Who reviewed the content."),
        "theme" => fixed_object(THEME_FIELDS, theme_field)
            .describe("Colours, corner radius and font."),
        "schedule" => nullable(
            fixed_object(SCHEDULE_FIELDS, schedule_field)
                .describe("The numbers the guide's pictures of a visit and of a course are drawn from. Change them with the texts that say the same (the infusion and recovery steps, the timeline)."),
        ),
        "ui" => Schema::new()
            .describe("The widget's own words (buttons, headings), per language: { \"en\": { \"next_step\": \"Next\" } }. English and Spanish are built in: change single words, or add a language with every word.")
            .with("type", "object")
            .with("propertyNames", Schema::new().with("pattern", LANGUAGE_PATTERN))
            .with("additionalProperties", ui_words()),
        "hide" => {
            let names = || Section::ALL.iter().map(|s| s.name());
            nullable(
                Schema::new()
                    .describe(format!(
                        "Sections not to show, from: {}. The crisis notice and the disclaimer cannot be hidden. Replaces the built-in list whole.",
                        in_words(names(), "and")
                    ))
                    .with("type", "array")
                    .with("items", string().with("enum", one_of_names(names()))),
            )
        }
        _ => return None,
    })
}

fn id_list_field(name: &str) -> Option<Schema> {
    Some(match name {
        "steps" => id_list("The infusion, step by step.", STEP_FIELDS, step_field),
        "timeline" => id_list("What to expect, phase by phase.", PHASE_FIELDS, phase_field),
        "faq_categories" => nullable(id_list(
            "Topics that group the questions.",
            FAQ_CATEGORY_FIELDS,
            faq_category_field,
        )),
        "faq" => id_list("Questions and answers.", FAQ_FIELDS, faq_field),
        "checklist" => id_list(
            "Prepare for your visit: lines to tick off.",
            CHECKLIST_ITEM_FIELDS,
            checklist_item_field,
        ),
        "questions_to_ask" => id_list(
            "Questions a patient may want to ask their clinician.",
            CHECKLIST_ITEM_FIELDS,
            checklist_item_field,
        ),
        _ => return None,
    })
}

fn clinic_field(name: &str) -> Option<Schema> {
    let schema = match name {
        "name" => plain("The clinic's name."),
        "phone" => string()
            .describe("A phone number as written for people, like \"+1 555 010 0199\": digits, spaces, + - ( ) and dots.")
            .with("pattern", PHONE_PATTERN),
        "email" => string()
            .describe("An email address, like \"care@example.org\".")
            .with("pattern", EMAIL_PATTERN),
        "website" => web_address("The clinic's website, starting with https:// (or http://)."),
        "booking_url" => web_address("Where patients book, starting with https:// (or http://)."),
        "address" => plain("The postal address."),
        "opening_hours" => plain("Opening hours, in the clinic's own words."),
        _ => return None,
    };
    Some(nullable(schema))
}

fn guide_field(name: &str) -> Option<Schema> {
    Some(match name {
        "title" => plain("The guide's title."),
        "summary" => formatted("The \"in short\" box: the few things to know."),
        "what_it_is" => formatted("What the treatment is."),
        "who_it_is_for" => formatted("Who it is for."),
        "who_may_not_be_suitable" => formatted("Who may not be suitable."),
        _ => return None,
    })
}

fn step_field(name: &str) -> Option<Schema> {
    Some(match name {
        "id" => item_id(),
        "title" => plain("The step's title."),
        "body" => formatted("What happens in this step."),
        "duration" => nullable(plain("How long it takes, like \"about 40 minutes\".")),
        _ => return None,
    })
}

fn phase_field(name: &str) -> Option<Schema> {
    Some(match name {
        "id" => item_id(),
        "label" => plain("The phase's name, like \"The day of your infusion\"."),
        "when" => plain("When it is, like \"1 to 2 days before\"."),
        "items" => Schema::new()
            .describe("What happens or what to do, one plain text per line. Replaces the built-in lines whole.")
            .with("type", "array")
            .with("items", Schema::new().with("$ref", "#/definitions/plain_text")),
        _ => return None,
    })
}

fn faq_category_field(name: &str) -> Option<Schema> {
    Some(match name {
        "id" => item_id(),
        "label" => plain("The topic's name."),
        _ => return None,
    })
}

fn faq_field(name: &str) -> Option<Schema> {
    Some(match name {
        "id" => item_id(),
        "question" => plain("The question, as a patient would ask it."),
        "answer" => formatted("The answer."),
        "category" => nullable(id("The id of the question's topic in \"faq_categories\".")),
        _ => return None,
    })
}

fn checklist_item_field(name: &str) -> Option<Schema> {
    Some(match name {
        "id" => item_id(),
        "text" => plain("The line itself."),
        _ => return None,
    })
}

fn crisis_field(name: &str) -> Option<Schema> {
    Some(match name {
        "region" => {
            let names = || Region::ALL.iter().map(|(name, _)| *name);
            string()
                .describe(format!(
                    "Which crisis numbers to show, in the crisis notice and wherever the text writes {{crisis}} or {{emergency}}: {} (the United States, the United Kingdom, Canada, Ireland, Australia, New Zealand, Spain, Mexico; other: the local emergency number).",
                    in_words(names(), "or")
                ))
                .with("enum", one_of_names(names()))
        }
        "note" => nullable(plain(
            "An extra line from the clinic, like its own out-of-hours number.",
        )),
        _ => return None,
    })
}

/// A whole number from `min` to `max`, or a range `[least, most]` of them.
fn number_or_range(description: &str, min: u16, max: u16) -> Schema {
    let whole = || {
        Schema::new()
            .with("type", "integer")
            .with("minimum", i64::from(min))
            .with("maximum", i64::from(max))
    };
    Schema::new().describe(description).with(
        "anyOf",
        vec![
            Json::from(whole()),
            Json::from(
                Schema::new()
                    .with("type", "array")
                    .with("items", whole())
                    .with("minItems", 2)
                    .with("maxItems", 2),
            ),
        ],
    )
}

fn schedule_field(name: &str) -> Option<Schema> {
    Some(match name {
        "visit_minutes" => number_or_range("The whole visit, check-in to going home, in minutes: a number or a range like [90, 120].", 1, 600),
        "infusion_minutes" => number_or_range("The infusion itself, in minutes, like 40.", 1, 600),
        "recovery_minutes" => number_or_range("Recovery after the infusion ends, in minutes: a number or a range like [15, 60].", 1, 600),
        "course_infusions" => number_or_range("How many infusions a course has, like 6.", 1, 30),
        "course_weeks" => number_or_range("The weeks a course takes: a number or a range like [2, 4].", 1, 52),
        _ => return None,
    })
}

fn theme_field(name: &str) -> Option<Schema> {
    Some(match name {
        "accent" => colour("Buttons, links and highlights: a colour, #rrggbb or #rgb."),
        "accent_text" => colour("Text on the accent colour: a colour, #rrggbb or #rgb."),
        "background" => colour("The widget's background: a colour, #rrggbb or #rgb."),
        "text" => colour("The widget's text: a colour, #rrggbb or #rgb."),
        "radius" => Schema::new()
            .describe("The corner radius, in whole pixels from 0 to 24.")
            .with("type", "integer")
            .with("minimum", 0)
            .with("maximum", 24),
        "font" => {
            let names = || Font::ALL.iter().map(|(name, _)| *name);
            string()
                .describe(format!(
                    "The font: {}. All are fonts already on the patient's device, so nothing is downloaded.",
                    in_words(names(), "or")
                ))
                .with("enum", one_of_names(names()))
        }
        _ => return None,
    })
}

/// The widget's words in one language.
fn ui_words() -> Schema {
    let properties = UI_KEYS.iter().fold(Schema::new(), |properties, key| {
        let word = string().with("minLength", 1);
        if RETIRED_UI_KEYS.contains(key) {
            properties.with(
                key,
                nullable(
                    string().describe("No longer shown; accepted so that older files stay valid."),
                ),
            )
        } else if LATER_UI_KEYS.contains(key) {
            properties.with(key, nullable(word))
        } else {
            properties.with(key, word)
        }
    });
    Schema::new()
        .describe("The widget's words in one language.")
        .with("type", "object")
        .with("properties", properties)
        .with("additionalProperties", false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json;

    /// Each object's field list with the function that describes its fields.
    type Described = (
        &'static str,
        &'static [&'static str],
        fn(&str) -> Option<Schema>,
    );

    const DESCRIBED: [Described; 10] = [
        ("clinic", CLINIC_FIELDS, clinic_field),
        ("guide", GUIDE_FIELDS, guide_field),
        ("steps[]", STEP_FIELDS, step_field),
        ("timeline[]", PHASE_FIELDS, phase_field),
        ("faq_categories[]", FAQ_CATEGORY_FIELDS, faq_category_field),
        ("faq[]", FAQ_FIELDS, faq_field),
        ("checklist[]", CHECKLIST_ITEM_FIELDS, checklist_item_field),
        ("crisis", CRISIS_FIELDS, crisis_field),
        ("theme", THEME_FIELDS, theme_field),
        ("schedule", SCHEDULE_FIELDS, schedule_field),
    ];

    #[test]
    fn every_field_the_decoder_knows_is_described() {
        for name in DOCUMENT_FIELDS {
            let schema = if ID_LISTS.contains(name) {
                id_list_field(name)
            } else {
                document_field(name)
            };
            let schema = schema.unwrap_or_else(|| panic!("no schema for the field {name:?}"));
            assert!(
                schema.get("description").is_some(),
                "{name} has no description"
            );
        }
        for (object, fields, field) in DESCRIBED {
            for name in fields {
                let schema = field(name)
                    .unwrap_or_else(|| panic!("no schema for the field {object}.{name}"));
                assert!(
                    schema.get("description").is_some(),
                    "{object}.{name} has no description"
                );
            }
        }
    }

    #[test]
    fn id_lists_are_top_level_fields_with_merge_markers() {
        for list in ID_LISTS {
            assert!(DOCUMENT_FIELDS.contains(list), "{list}");
            let schema = id_list_field(list).unwrap_or_else(|| panic!("{list}"));
            let mut text = String::new();
            Json::from(schema).write(&mut text, 0);
            for marker in MERGE_MARKERS {
                assert!(merge_marker(marker).is_some(), "{marker}");
                assert!(text.contains(&format!("\"{marker}\"")), "{list}: {marker}");
            }
        }
    }

    #[test]
    fn schema_is_json_and_stable() {
        let text = content_schema();
        assert_eq!(text, content_schema());
        assert!(text.ends_with("}\n"));
        let root = json::parse(&text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            root.get("$id").and_then(|n| n.value.as_str()),
            Some(SCHEMA_ID)
        );
    }

    #[test]
    fn writer_escapes_and_indents() {
        let value = Json::from(
            Schema::new()
                .with("a \"b\"", "line\nbreak\\ \u{1}")
                .with("list", vec![Json::from(1), Json::from(true)])
                .with("empty", Schema::new())
                .with("none", Vec::<Json>::new()),
        );
        let mut out = String::new();
        value.write(&mut out, 0);
        assert_eq!(
            out,
            "{\n  \"a \\\"b\\\"\": \"line\\nbreak\\\\ \\u0001\",\n  \"list\": [\n    1,\n    true\n  ],\n  \"empty\": {},\n  \"none\": []\n}"
        );
    }

    #[test]
    fn in_words_joins_with_or() {
        assert_eq!(in_words(["a", "b", "c"], "or"), "a, b or c");
        assert_eq!(in_words(["a", "b"], "and"), "a and b");
        assert_eq!(in_words(["a"], "or"), "a");
        assert_eq!(in_words([], "or"), "");
    }
}
