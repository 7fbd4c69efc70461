//! Turns a (merged) JSON tree into the validated [`Content`] model.
//!
//! The decoder walks the tree once, by hand rather than with serde, so that it
//! can keep going after a problem and report every problem at once, each with
//! its JSON path and position, and suggest the field a typo meant. After the
//! shapes, it checks what only the whole document can say: unique ids, every
//! text in every language, known FAQ categories, readable colours.

use std::rc::Rc;

use super::error::{hint, ContentError, ErrorKind};
use super::json::{Member, Node, Pos, Value};
use super::model::*;
use super::rich;
use crate::collections::SmallMap;

mod parts;
mod theme;

/// The only format version this build reads.
pub(crate) const FORMAT: f64 = 1.0;

/// Longest plain text, in characters; longer is surely a mistake.
const MAX_PLAIN_CHARS: usize = 2_000;
/// Longest formatted text, in characters.
const MAX_RICH_CHARS: usize = 20_000;

// The fields each object may have, shared with the JSON Schema
// (`crate::schema`), so the two cannot drift apart.

/// The fields of the whole document.
pub(crate) const DOCUMENT_FIELDS: &[&str] = &[
    "$schema",
    "format",
    "base",
    "languages",
    "fallback_language",
    "clinic",
    "guide",
    "steps",
    "timeline",
    "faq_categories",
    "faq",
    "checklist",
    "questions_to_ask",
    "crisis",
    "disclaimer",
    "last_reviewed",
    "reviewed_by",
    "theme",
    "ui",
    "hide",
    "schedule",
];

/// The fields of `clinic`, the clinic's contact details.
pub(crate) const CLINIC_FIELDS: &[&str] = &[
    "name",
    "phone",
    "email",
    "website",
    "booking_url",
    "address",
    "opening_hours",
];

/// The fields of `guide`, the introduction.
pub(crate) const GUIDE_FIELDS: &[&str] = &[
    "title",
    "summary",
    "what_it_is",
    "who_it_is_for",
    "who_may_not_be_suitable",
];

/// The fields of a step (`steps`).
pub(crate) const STEP_FIELDS: &[&str] = &["id", "title", "body", "duration"];

/// The fields of a timeline phase (`timeline`).
pub(crate) const PHASE_FIELDS: &[&str] = &["id", "label", "when", "items"];

/// The fields of an FAQ category (`faq_categories`).
pub(crate) const FAQ_CATEGORY_FIELDS: &[&str] = &["id", "label"];

/// The fields of a question (`faq`).
pub(crate) const FAQ_FIELDS: &[&str] = &["id", "question", "answer", "category"];

/// The fields of a line of `checklist` or `questions_to_ask`.
pub(crate) const CHECKLIST_ITEM_FIELDS: &[&str] = &["id", "text"];

/// The fields of `crisis`.
pub(crate) const CRISIS_FIELDS: &[&str] = &["region", "note"];

/// The fields of `schedule`, the numbers the guide's pictures are drawn from.
pub(crate) const SCHEDULE_FIELDS: &[&str] = &[
    "visit_minutes",
    "infusion_minutes",
    "recovery_minutes",
    "course_infusions",
    "course_weeks",
];

/// The fields of `theme`.
pub(crate) const THEME_FIELDS: &[&str] = &[
    "accent",
    "accent_text",
    "background",
    "text",
    "radius",
    "font",
];

/// Decodes and checks a whole document.
pub(crate) fn decode(root: &Node) -> Result<Content, Vec<ContentError>> {
    let mut decoder = Decoder::default();
    let content = decoder.document(root);
    match content {
        Some(content) if decoder.errors.is_empty() => Ok(content),
        _ => {
            let mut errors = decoder.errors;
            errors.sort_by_key(|e| e.pos);
            Err(errors)
        }
    }
}

#[derive(Default)]
struct Decoder {
    errors: Vec<ContentError>,
    /// The document's languages, once known; texts are checked against them.
    languages: Vec<String>,
}

/// An object being read: the fields taken so far, for the unknown-field check.
struct Fields<'n> {
    node: &'n Node,
    members: &'n [Member],
    path: String,
    known: &'static [&'static str],
}

impl<'n> Fields<'n> {
    fn get(&self, key: &str) -> Option<&'n Node> {
        debug_assert!(self.known.contains(&key), "{key} is not in the field list");
        self.members.iter().find(|m| m.key == key).map(|m| &m.value)
    }

    fn path(&self, key: &str) -> String {
        join(&self.path, key)
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

impl Decoder {
    fn error(&mut self, kind: ErrorKind, path: &str, pos: Pos, message: impl Into<String>) {
        self.errors
            .push(ContentError::new(kind, path, pos, message));
    }

    fn type_error(&mut self, node: &Node, path: &str, expected: &str) {
        let found = node.value.kind_name();
        self.error(
            ErrorKind::Type,
            path,
            node.pos,
            format!("expected {expected}, found {found}"),
        );
    }

    /// Opens an object, reporting repeated and unknown fields.
    fn object<'n>(
        &mut self,
        node: &'n Node,
        path: &str,
        known: &'static [&'static str],
    ) -> Option<Fields<'n>> {
        let Value::Object(members) = &node.value else {
            self.type_error(node, path, "an object ({ ... })");
            return None;
        };
        for (again, _) in repeats(members.iter().map(|m| m.key.as_str()).enumerate()) {
            let member = &members[again];
            self.error(
                ErrorKind::Duplicate,
                &join(path, &member.key),
                member.key_pos,
                format!("the field \"{}\" is given twice; keep one", member.key),
            );
        }
        for member in members {
            if !known.contains(&member.key.as_str()) {
                let hint = hint(&member.key, known, || {
                    format!("; the fields here are: {}", known.join(", "))
                });
                self.error(
                    ErrorKind::UnknownField,
                    &join(path, &member.key),
                    member.key_pos,
                    format!("unknown field \"{}\"{hint}", member.key),
                );
            }
        }
        Some(Fields {
            node,
            members,
            path: path.to_owned(),
            known,
        })
    }

    /// A required field, decoded with `read`.
    fn required<'n, T>(
        &mut self,
        fields: &Fields<'n>,
        key: &str,
        read: impl FnOnce(&mut Self, &'n Node, &str) -> Option<T>,
    ) -> Option<T> {
        let (node, path) = self.field(fields, key, true)?;
        read(self, node, &path)
    }

    /// An optional field: absent or `null` is `None`.
    fn optional<'n, T>(
        &mut self,
        fields: &Fields<'n>,
        key: &str,
        read: impl FnOnce(&mut Self, &'n Node, &str) -> Option<T>,
    ) -> Option<T> {
        let (node, path) = self.field(fields, key, false)?;
        read(self, node, &path)
    }

    /// A field's value (not `null`) and path; reports it missing when `required`.
    /// Kept apart from the generic `required` and `optional`, so the wasm
    /// carries one copy of it rather than one per field.
    #[inline(never)]
    fn field<'n>(
        &mut self,
        fields: &Fields<'n>,
        key: &str,
        required: bool,
    ) -> Option<(&'n Node, String)> {
        let path = fields.path(key);
        match fields.get(key) {
            Some(node) if !node.value.is_null() => Some((node, path)),
            _ => {
                if required {
                    self.error(
                        ErrorKind::Missing,
                        &path,
                        fields.node.pos,
                        format!("the field \"{key}\" is required here"),
                    );
                }
                None
            }
        }
    }

    /// A plain string value, trimmed.
    fn string(&mut self, node: &Node, path: &str) -> Option<String> {
        self.string_up_to(node, path, MAX_PLAIN_CHARS)
            .map(|s| s.trim().to_owned())
    }

    /// A non-empty string of at most `max` characters, as written.
    fn string_up_to(&mut self, node: &Node, path: &str, max: usize) -> Option<String> {
        match &node.value {
            Value::String(s) if s.trim().is_empty() => {
                self.error(
                    ErrorKind::Empty,
                    path,
                    node.pos,
                    "this is empty; write something or leave the field out",
                );
                None
            }
            Value::String(s) if s.chars().count() > max => {
                self.error(
                    ErrorKind::Invalid,
                    path,
                    node.pos,
                    format!("this text is longer than {max} characters"),
                );
                None
            }
            Value::String(s) => Some(s.clone()),
            _ => {
                self.type_error(node, path, "text in quotes");
                None
            }
        }
    }

    fn document(&mut self, root: &Node) -> Option<Content> {
        let doc = self.object(root, "", DOCUMENT_FIELDS)?;
        self.required(&doc, "format", |d, node, path| {
            if node.value.as_f64() != Some(FORMAT) {
                d.error(
                    ErrorKind::Invalid,
                    path,
                    node.pos,
                    "this widget reads format 1; write \"format\": 1",
                );
            }
            Some(())
        });
        let languages = self
            .required(&doc, "languages", Self::languages)
            .unwrap_or_default();
        self.languages.clone_from(&languages);
        let fallback_language = self
            .required(&doc, "fallback_language", |d, node, path| {
                let lang = d.string(node, path)?;
                if !languages.contains(&lang) {
                    d.error(
                        ErrorKind::Invalid,
                        path,
                        node.pos,
                        format!(
                            "\"{lang}\" is not one of the document's languages ({})",
                            languages.join(", ")
                        ),
                    );
                }
                Some(lang)
            })
            .unwrap_or_default();

        let clinic = self
            .optional(&doc, "clinic", Self::clinic)
            .unwrap_or_default();
        let guide = self.required(&doc, "guide", Self::guide);
        let steps = self.required(&doc, "steps", |d, n, p| d.list(n, p, Self::step));
        let timeline = self.required(&doc, "timeline", |d, n, p| d.list(n, p, Self::phase));
        let faq_categories = self
            .optional(&doc, "faq_categories", |d, n, p| {
                d.list(n, p, Self::faq_category)
            })
            .unwrap_or_default();
        let faq = self.required(&doc, "faq", |d, n, p| d.list(n, p, Self::faq));
        let checklist = self.required(&doc, "checklist", |d, n, p| {
            d.list(n, p, Self::checklist_item)
        });
        let questions_to_ask = self.required(&doc, "questions_to_ask", |d, n, p| {
            d.list(n, p, Self::checklist_item)
        });
        let crisis = self.required(&doc, "crisis", Self::crisis);
        let disclaimer = self.required(&doc, "disclaimer", Self::rich);
        let last_reviewed = self.required(&doc, "last_reviewed", |d, node, path| {
            let text = d.string(node, path)?;
            let date = Date::parse(&text);
            if date.is_none() {
                d.error(
                    ErrorKind::Invalid,
                    path,
                    node.pos,
                    format!(
                        "\"{text}\" is not a date; write it as YYYY-MM-DD, for example 2026-03-31"
                    ),
                );
            }
            date
        });
        let reviewed_by = self.required(&doc, "reviewed_by", Self::text);
        let theme = self.required(&doc, "theme", Self::theme);
        let ui = self.required(&doc, "ui", Self::ui);
        let hidden = self.optional(&doc, "hide", Self::hide).unwrap_or_default();
        let schedule = self.optional(&doc, "schedule", Self::schedule);

        if let Some(faq) = &faq {
            self.check_categories(faq, &faq_categories, &doc);
        }

        Some(Content {
            languages,
            fallback_language,
            clinic,
            guide: guide?,
            steps: steps?,
            timeline: timeline?,
            faq_categories,
            faq: faq?,
            checklist: checklist?,
            questions_to_ask: questions_to_ask?,
            crisis: crisis?,
            disclaimer: disclaimer?,
            last_reviewed: last_reviewed?,
            reviewed_by: reviewed_by?,
            theme: theme?,
            ui: ui?,
            hidden,
            schedule,
        })
    }

    fn languages(&mut self, node: &Node, path: &str) -> Option<Vec<String>> {
        let Value::Array(items) = &node.value else {
            self.type_error(
                node,
                path,
                "a list of language codes, like [\"en\", \"es\"]",
            );
            return None;
        };
        let mut languages = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let item_path = format!("{path}[{i}]");
            let Some(code) = self.string(item, &item_path) else {
                continue;
            };
            if !is_language_code(&code) {
                self.error(
                    ErrorKind::Invalid,
                    &item_path,
                    item.pos,
                    format!("\"{code}\" is not a language code; use codes like \"en\", \"es\" or \"pt-BR\""),
                );
            } else if languages.contains(&code) {
                self.error(
                    ErrorKind::Duplicate,
                    &item_path,
                    item.pos,
                    format!("\"{code}\" is listed twice"),
                );
            } else {
                languages.push(code);
            }
        }
        if languages.is_empty() && items.is_empty() {
            self.error(
                ErrorKind::Empty,
                path,
                node.pos,
                "list at least one language",
            );
        }
        Some(languages)
    }

    /// A plain text: an object with one string per language.
    fn text(&mut self, node: &Node, path: &str) -> Option<Text> {
        self.per_language(node, path, |d, value, path| d.string(value, path))
            .map(Text)
    }

    /// A formatted text: per language, parsed into the safe subset.
    fn rich(&mut self, node: &Node, path: &str) -> Option<Rich> {
        self.per_language(node, path, |d, value, path| {
            let source = d.string_up_to(value, path, MAX_RICH_CHARS)?;
            match rich::parse(&source) {
                Ok(text) => Some(Rc::new(text)),
                Err(problems) => {
                    for problem in problems {
                        let kind = if problem.is_link {
                            ErrorKind::Link
                        } else {
                            ErrorKind::Formatting
                        };
                        d.error(kind, path, value.pos, problem.message);
                    }
                    None
                }
            }
        })
        .map(Rich)
    }

    /// Reads `{ "en": ..., "es": ... }`, requiring every document language
    /// and refusing languages the document does not carry.
    fn per_language<T>(
        &mut self,
        node: &Node,
        path: &str,
        mut read: impl FnMut(&mut Self, &Node, &str) -> Option<T>,
    ) -> Option<SmallMap<T>> {
        let Value::Object(members) = &node.value else {
            let example = match self.languages.first() {
                Some(lang) => format!("{{ \"{lang}\": \"...\" }}"),
                None => "{ \"en\": \"...\" }".to_owned(),
            };
            self.type_error(node, path, &format!("a text per language, like {example}"));
            return None;
        };
        let mut values = SmallMap::default();
        let mut complete = true;
        for member in members {
            let lang_path = join(path, &member.key);
            if !self.languages.contains(&member.key) && !member.key_pos.in_clinic_file() {
                // A language of the built-in guide that the clinic's document
                // does not carry (an English-only clinic): unused, not wrong.
                continue;
            }
            if !self.languages.contains(&member.key) {
                let known: Vec<&str> = self.languages.iter().map(String::as_str).collect();
                let hint = hint(&member.key, &known, || {
                    format!(
                        "; add it to \"languages\" or remove it (languages: {})",
                        known.join(", ")
                    )
                });
                self.error(
                    ErrorKind::UnknownField,
                    &lang_path,
                    member.key_pos,
                    format!(
                        "\"{}\" is not one of the document's languages{hint}",
                        member.key
                    ),
                );
                complete = false;
                continue;
            }
            if values.contains_key(&member.key) {
                self.error(
                    ErrorKind::Duplicate,
                    &lang_path,
                    member.key_pos,
                    format!("the language \"{}\" is given twice; keep one", member.key),
                );
                continue;
            }
            match read(self, &member.value, &lang_path) {
                Some(value) => {
                    values.insert(member.key.clone(), value);
                }
                None => complete = false,
            }
        }
        for lang in self.languages.clone() {
            if !values.contains_key(&lang) && members.iter().all(|m| m.key != lang) {
                self.error(
                    ErrorKind::MissingLanguage,
                    &join(path, &lang),
                    node.pos,
                    format!("the text has no \"{lang}\" version; every text needs every language in \"languages\""),
                );
                complete = false;
            }
        }
        complete.then_some(values)
    }

    /// A list, each item decoded by `read`; the ids must be unique.
    fn list<T>(
        &mut self,
        node: &Node,
        path: &str,
        mut read: impl FnMut(&mut Self, &Node, &str) -> Option<T>,
    ) -> Option<Vec<T>> {
        let Value::Array(items) = &node.value else {
            self.type_error(node, path, "a list ([ ... ])");
            return None;
        };
        // Checked on the raw ids, so a duplicate shows even when the item has other problems.
        let ids = items.iter().enumerate().filter_map(|(i, item)| {
            let id = item.get("id")?.value.as_str()?;
            Some((i, id))
        });
        for (again, first) in repeats(ids) {
            if let Some(id_node) = items[again].get("id") {
                let id = id_node.value.as_str().unwrap_or_default();
                self.error(
                    ErrorKind::Duplicate,
                    &format!("{path}[{again}].id"),
                    id_node.pos,
                    format!(
                        "the id \"{id}\" is already used by {path}[{first}]; ids must be unique"
                    ),
                );
            }
        }
        let mut out = Vec::new();
        let mut complete = true;
        for (i, item) in items.iter().enumerate() {
            let item_path = format!("{path}[{i}]");
            match read(self, item, &item_path) {
                Some(value) => out.push(value),
                None => complete = false,
            }
        }
        complete.then_some(out)
    }

    fn id(&mut self, node: &Node, path: &str) -> Option<String> {
        let id = self.string(node, path)?;
        if is_id(&id) {
            Some(id)
        } else {
            self.error(
                ErrorKind::Invalid,
                path,
                node.pos,
                format!("\"{id}\" is not a valid id; use lowercase letters, digits and hyphens, starting with a letter, like \"does-it-hurt\""),
            );
            None
        }
    }
}

/// `a-z`, digits and `-`, starting with a letter, at most 64 characters.
pub(crate) fn is_id(id: &str) -> bool {
    id.len() <= 64
        && id.starts_with(|c: char| c.is_ascii_lowercase())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The repeated keys among `(index, key)` pairs: `(index, index of its first
/// use)` for every later use. Sorting once keeps this fast for a list of
/// thousands of items, where a search per item would not be.
fn repeats<'a>(keys: impl Iterator<Item = (usize, &'a str)>) -> Vec<(usize, usize)> {
    let mut keys: Vec<(&str, usize)> = keys.map(|(i, key)| (key, i)).collect();
    keys.sort_unstable();
    let mut found = Vec::new();
    for group in keys.chunk_by(|a, b| a.0 == b.0) {
        if let Some(((_, first), later)) = group.split_first() {
            found.extend(later.iter().map(|&(_, again)| (again, *first)));
        }
    }
    found
}

/// A BCP 47-like tag: 2 or 3 letters, then optional subtags of 2 to 8 letters or digits.
fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let primary_ok = parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_lowercase()));
    primary_ok
        && parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_lowercase_words_with_hyphens() {
        assert!(is_id("does-it-hurt"));
        assert!(is_id("step2"));
        for bad in [
            "",
            "2nd",
            "Does",
            "does it",
            "a_b",
            "-x",
            "ñ",
            &"a".repeat(65),
        ] {
            assert!(!is_id(bad), "{bad}");
        }
    }

    #[test]
    fn language_codes() {
        for good in ["en", "es", "pt-BR", "zh-Hant", "ast"] {
            assert!(is_language_code(good), "{good}");
        }
        for bad in ["", "e", "EN", "english", "en-", "en_US", "en-x"] {
            assert!(!is_language_code(bad), "{bad}");
        }
    }
}
