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

/// The only format version this build reads.
pub const FORMAT: f64 = 1.0;

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

    /// `schedule`: the visit's and the course's numbers, each a whole number
    /// or a range `[least, most]`, checked against each other.
    fn schedule(&mut self, node: &Node, path: &str) -> Option<Schedule> {
        let f = self.object(node, path, SCHEDULE_FIELDS)?;
        let minutes =
            |d: &mut Self, node: &Node, path: &str| d.range(node, path, 1, 600, "minutes");
        let visit = self.required(&f, "visit_minutes", minutes);
        let infusion = self.required(&f, "infusion_minutes", |d, node, path| {
            let one = "the infusion's length is one number of minutes, like 40";
            d.single(node, path, 600, "minutes", one)
        });
        let recovery = self.required(&f, "recovery_minutes", minutes);
        let infusions = self.required(&f, "course_infusions", |d, node, path| {
            let one = "the number of infusions in a course is one number, like 6";
            d.single(node, path, 30, "infusions", one)
        });
        let weeks = self.required(&f, "course_weeks", |d, node, path| {
            d.range(node, path, 1, 52, "weeks")
        });
        let (visit, infusion, recovery) = (visit?, infusion?, recovery?);
        if infusion + recovery.0 > visit.1 {
            let pos = f.get("visit_minutes").map_or(node.pos, |n| n.pos);
            self.error(
                ErrorKind::Invalid,
                &f.path("visit_minutes"),
                pos,
                format!(
                    "the longest visit ({} minutes) is shorter than the infusion and the shortest recovery ({} minutes)",
                    visit.1,
                    infusion + recovery.0
                ),
            );
            return None;
        }
        Some(Schedule {
            visit_minutes: visit,
            infusion_minutes: infusion,
            recovery_minutes: recovery,
            course_infusions: u8::try_from(infusions?).ok()?,
            course_weeks: {
                let (least, most) = weeks?;
                (u8::try_from(least).ok()?, u8::try_from(most).ok()?)
            },
        })
    }

    /// One whole number from 1 to `max`: read as [`Self::range`] does, and a
    /// range is an error (`one_number` says what to write).
    fn single(
        &mut self,
        node: &Node,
        path: &str,
        max: u16,
        unit: &str,
        one_number: &str,
    ) -> Option<u16> {
        let (least, most) = self.range(node, path, 1, max, unit)?;
        if least != most {
            self.error(ErrorKind::Invalid, path, node.pos, one_number);
            return None;
        }
        Some(least)
    }

    /// A whole number from `min` to `max`, or a range `[least, most]` of
    /// them, least first; `unit` names them in messages.
    fn range(
        &mut self,
        node: &Node,
        path: &str,
        min: u16,
        max: u16,
        unit: &str,
    ) -> Option<(u16, u16)> {
        let whole = |value: &Value| {
            value
                .as_f64()
                .filter(|n| n.fract() == 0.0 && *n >= f64::from(min) && *n <= f64::from(max))
                .map(|n| n as u16)
        };
        let expected =
            format!("a whole number of {unit} from {min} to {max}, or a range like [{min}, {max}]");
        match &node.value {
            Value::Array(items) if items.len() == 2 => {
                match (whole(&items[0].value), whole(&items[1].value)) {
                    (Some(least), Some(most)) if least <= most => Some((least, most)),
                    (Some(_), Some(_)) => {
                        self.error(ErrorKind::Invalid, path, node.pos, format!("the range starts with its larger number; write it least first, like [{min}, {max}]"));
                        None
                    }
                    _ => {
                        self.error(
                            ErrorKind::Invalid,
                            path,
                            node.pos,
                            format!("expected {expected}"),
                        );
                        None
                    }
                }
            }
            value => match whole(value) {
                Some(n) => Some((n, n)),
                None => {
                    self.error(
                        ErrorKind::Invalid,
                        path,
                        node.pos,
                        format!("expected {expected}"),
                    );
                    None
                }
            },
        }
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

    fn clinic(&mut self, node: &Node, path: &str) -> Option<Clinic> {
        let f = self.object(node, path, CLINIC_FIELDS)?;
        Some(Clinic {
            name: self.optional(&f, "name", Self::text),
            phone: self.optional(&f, "phone", Self::phone),
            email: self.optional(&f, "email", Self::email),
            website: self.optional(&f, "website", Self::web_url),
            booking_url: self.optional(&f, "booking_url", Self::web_url),
            address: self.optional(&f, "address", Self::text),
            opening_hours: self.optional(&f, "opening_hours", Self::text),
        })
    }

    fn phone(&mut self, node: &Node, path: &str) -> Option<String> {
        let phone = self.string(node, path)?;
        let allowed = phone
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | '(' | ')' | '.' | ' '));
        let digits = phone.chars().filter(char::is_ascii_digit).count();
        if allowed && (3..=20).contains(&digits) && !phone[1..].contains('+') {
            Some(phone)
        } else {
            self.error(
                ErrorKind::Invalid,
                path,
                node.pos,
                format!("\"{phone}\" is not a phone number; use digits, spaces, + - ( ) and dots only, like \"+1 555 010 0199\""),
            );
            None
        }
    }

    fn email(&mut self, node: &Node, path: &str) -> Option<String> {
        let email = self.string(node, path)?;
        let valid = email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
        }) && !email
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>\"(),;:[]\\".contains(c));
        if valid {
            Some(email)
        } else {
            self.error(
                ErrorKind::Invalid,
                path,
                node.pos,
                format!("\"{email}\" is not an email address, like \"care@example.org\""),
            );
            None
        }
    }

    fn web_url(&mut self, node: &Node, path: &str) -> Option<String> {
        let url = self.string(node, path)?;
        let lower = url.to_ascii_lowercase();
        if (lower.starts_with("https://") || lower.starts_with("http://"))
            && rich::link_scheme_allowed(&url)
        {
            Some(url)
        } else {
            self.error(
                ErrorKind::Link,
                path,
                node.pos,
                format!("\"{url}\" is not a web address; it must start with https:// (or http://)"),
            );
            None
        }
    }

    fn guide(&mut self, node: &Node, path: &str) -> Option<GuideIntro> {
        let f = self.object(node, path, GUIDE_FIELDS)?;
        let title = self.required(&f, "title", Self::text);
        let summary = self.required(&f, "summary", Self::rich);
        let what_it_is = self.required(&f, "what_it_is", Self::rich);
        let who_it_is_for = self.required(&f, "who_it_is_for", Self::rich);
        let who_may_not_be_suitable = self.required(&f, "who_may_not_be_suitable", Self::rich);
        Some(GuideIntro {
            title: title?,
            summary: summary?,
            what_it_is: what_it_is?,
            who_it_is_for: who_it_is_for?,
            who_may_not_be_suitable: who_may_not_be_suitable?,
        })
    }

    fn step(&mut self, node: &Node, path: &str) -> Option<Step> {
        let f = self.object(node, path, STEP_FIELDS)?;
        let id = self.required(&f, "id", Self::id);
        let title = self.required(&f, "title", Self::text);
        let body = self.required(&f, "body", Self::rich);
        let duration = self.optional(&f, "duration", Self::text);
        Some(Step {
            id: id?,
            title: title?,
            body: body?,
            duration,
        })
    }

    fn phase(&mut self, node: &Node, path: &str) -> Option<TimelinePhase> {
        let f = self.object(node, path, PHASE_FIELDS)?;
        let id = self.required(&f, "id", Self::id);
        let label = self.required(&f, "label", Self::text);
        let when = self.required(&f, "when", Self::text);
        let items = self.required(&f, "items", |d, node, path| {
            let Value::Array(items) = &node.value else {
                d.type_error(node, path, "a list of texts");
                return None;
            };
            let texts: Vec<Option<Text>> = items
                .iter()
                .enumerate()
                .map(|(i, item)| d.text(item, &format!("{path}[{i}]")))
                .collect();
            texts.into_iter().collect()
        });
        Some(TimelinePhase {
            id: id?,
            label: label?,
            when: when?,
            items: items?,
        })
    }

    fn faq_category(&mut self, node: &Node, path: &str) -> Option<FaqCategory> {
        let f = self.object(node, path, FAQ_CATEGORY_FIELDS)?;
        let id = self.required(&f, "id", Self::id);
        let label = self.required(&f, "label", Self::text);
        Some(FaqCategory {
            id: id?,
            label: label?,
        })
    }

    fn faq(&mut self, node: &Node, path: &str) -> Option<Faq> {
        let f = self.object(node, path, FAQ_FIELDS)?;
        let id = self.required(&f, "id", Self::id);
        let question = self.required(&f, "question", Self::text);
        let answer = self.required(&f, "answer", Self::rich);
        let category = self.optional(&f, "category", Self::id);
        Some(Faq {
            id: id?,
            question: question?,
            answer: answer?,
            category,
        })
    }

    fn check_categories(&mut self, faq: &[Faq], categories: &[FaqCategory], doc: &Fields<'_>) {
        let known: Vec<&str> = categories.iter().map(|c| c.id.as_str()).collect();
        let nodes = doc
            .get("faq")
            .and_then(|n| n.value.as_array())
            .unwrap_or(&[]);
        for (i, question) in faq.iter().enumerate() {
            let Some(category) = &question.category else {
                continue;
            };
            if known.contains(&category.as_str()) {
                continue;
            }
            let pos = nodes
                .get(i)
                .and_then(|n| n.get("category"))
                .map_or(doc.node.pos, |n| n.pos);
            let hint = hint(category, &known, || {
                format!("; the categories are: {}", known.join(", "))
            });
            self.error(
                ErrorKind::Invalid,
                &format!("faq[{i}].category"),
                pos,
                format!("there is no FAQ category \"{category}\"{hint}"),
            );
        }
    }

    fn checklist_item(&mut self, node: &Node, path: &str) -> Option<ChecklistItem> {
        let f = self.object(node, path, CHECKLIST_ITEM_FIELDS)?;
        let id = self.required(&f, "id", Self::id);
        let text = self.required(&f, "text", Self::text);
        Some(ChecklistItem {
            id: id?,
            text: text?,
        })
    }

    fn crisis(&mut self, node: &Node, path: &str) -> Option<Crisis> {
        let f = self.object(node, path, CRISIS_FIELDS)?;
        let region = self.required(&f, "region", |d, node, path| {
            let name = d.string(node, path)?;
            let region = Region::from_name(&name);
            if region.is_none() {
                d.error(
                    ErrorKind::Invalid,
                    path,
                    node.pos,
                    format!("\"{name}\" is not a crisis region; use \"us\", \"uk\" or \"other\""),
                );
            }
            region
        });
        let note = self.optional(&f, "note", Self::text);
        Some(Crisis {
            region: region?,
            note,
        })
    }

    fn theme(&mut self, node: &Node, path: &str) -> Option<Theme> {
        let f = self.object(node, path, THEME_FIELDS)?;
        let accent = self.required(&f, "accent", Self::colour);
        let accent_text = self.required(&f, "accent_text", Self::colour);
        let background = self.required(&f, "background", Self::colour);
        let text = self.required(&f, "text", Self::colour);
        let radius = self.required(&f, "radius", |d, node, path| match node.value.as_f64() {
            Some(r) if (0.0..=24.0).contains(&r) && r.fract() == 0.0 => Some(r as u8),
            Some(_) => {
                d.error(
                    ErrorKind::Invalid,
                    path,
                    node.pos,
                    "the corner radius is a whole number of pixels from 0 to 24",
                );
                None
            }
            None => {
                d.type_error(node, path, "a number of pixels from 0 to 24");
                None
            }
        });
        let font = self.required(&f, "font", |d, node, path| {
            let name = d.string(node, path)?;
            let font = Font::ALL
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, font)| *font);
            if font.is_none() {
                let names: Vec<&str> = Font::ALL.iter().map(|(n, _)| *n).collect();
                d.error(
                    ErrorKind::Invalid,
                    path,
                    node.pos,
                    format!("\"{name}\" is not one of the fonts: {}", names.join(", ")),
                );
            }
            font
        });
        // Readable pairs are part of correctness (WCAG 2.2 AA: 4.5 to 1).
        for (fg_key, fg, bg_key, bg) in [
            ("accent_text", &accent_text, "accent", &accent),
            ("text", &text, "background", &background),
            ("accent", &accent, "background", &background),
        ] {
            if let (Some(fg), Some(bg)) = (fg, bg) {
                let ratio = contrast_ratio(fg, bg);
                if ratio < 4.5 {
                    // Point at whichever colour of the pair the clinic's file set.
                    let pos = [fg_key, bg_key]
                        .iter()
                        .filter_map(|key| f.get(key))
                        .map(|n| n.pos)
                        .find(|pos| pos.in_clinic_file())
                        .unwrap_or(node.pos);
                    // Rounded down to a tenth, so 4.48 reads "4.4", never a passing "4.5";
                    // and written with integers, which keeps float formatting out of the wasm.
                    let tenths = (ratio * 10.0) as u32;
                    let (whole, tenth) = (tenths / 10, tenths % 10);
                    self.error(
                        ErrorKind::Invalid,
                        &f.path(fg_key),
                        pos,
                        format!(
                            "{fg} on {bg} ({bg_key}) has a contrast of {whole}.{tenth} to 1; patients need at least 4.5 to 1 to read it"
                        ),
                    );
                }
            }
        }
        Some(Theme {
            accent: accent?,
            accent_text: accent_text?,
            background: background?,
            text: text?,
            radius: radius?,
            font: font?,
        })
    }

    fn colour(&mut self, node: &Node, path: &str) -> Option<String> {
        let colour = self.string(node, path)?;
        match normalize_colour(&colour) {
            Some(hex) => Some(hex),
            None => {
                self.error(
                    ErrorKind::Invalid,
                    path,
                    node.pos,
                    format!("\"{colour}\" is not a colour; write it as #rrggbb (like \"#1d5e8c\") or #rgb"),
                );
                None
            }
        }
    }

    fn ui(&mut self, node: &Node, path: &str) -> Option<Ui> {
        let Value::Object(members) = &node.value else {
            self.type_error(
                node,
                path,
                "an object of words per language, like { \"en\": { \"next_step\": \"Next\" } }",
            );
            return None;
        };
        let mut ui = SmallMap::default();
        for member in members {
            let lang_path = join(path, &member.key);
            if !self.languages.contains(&member.key) {
                // Words for a language the document does not carry are unused, not wrong:
                // the built-in Spanish words stay when a clinic's guide is English only.
                continue;
            }
            let Some(words) = self.object(&member.value, &lang_path, UI_KEYS) else {
                continue;
            };
            let mut map = SmallMap::default();
            for key in UI_KEYS.iter().filter(|key| !RETIRED_UI_KEYS.contains(key)) {
                match words.get(key) {
                    Some(value) => {
                        if let Some(word) = self.string(value, &words.path(key)) {
                            map.insert((*key).to_owned(), word);
                        }
                    }
                    None if LATER_UI_KEYS.contains(key) => {}
                    None => self.error(
                        ErrorKind::MissingLanguage,
                        &words.path(key),
                        member.value.pos,
                        format!(
                            "the widget's word \"{key}\" has no \"{}\" version",
                            member.key
                        ),
                    ),
                }
            }
            ui.insert(member.key.clone(), map);
        }
        for lang in self.languages.clone() {
            if !ui.contains_key(&lang) {
                self.error(
                    ErrorKind::MissingLanguage,
                    &join(path, &lang),
                    node.pos,
                    format!("the widget's own words have no \"{lang}\" version; add \"ui\": {{ \"{lang}\": {{ ... }} }} with every word"),
                );
            }
        }
        Some(Ui(ui))
    }

    fn hide(&mut self, node: &Node, path: &str) -> Option<Vec<Section>> {
        let Value::Array(items) = &node.value else {
            self.type_error(node, path, "a list of section names, like [\"faq\"]");
            return None;
        };
        let names: Vec<&str> = Section::ALL.iter().map(|s| s.name()).collect();
        let mut hidden = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let item_path = format!("{path}[{i}]");
            let Some(name) = self.string(item, &item_path) else {
                continue;
            };
            match Section::from_name(&name) {
                Some(section) => hidden.push(section),
                None if name == "crisis" || name == "disclaimer" => self.error(
                    ErrorKind::Invalid,
                    &item_path,
                    item.pos,
                    format!("the {name} section cannot be hidden: patients must always see it"),
                ),
                None => {
                    let hint = hint(&name, &names, || {
                        format!("; the sections are: {}", names.join(", "))
                    });
                    self.error(
                        ErrorKind::Invalid,
                        &item_path,
                        item.pos,
                        format!("there is no section \"{name}\"{hint}"),
                    );
                }
            }
        }
        Some(hidden)
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

/// `#rgb` or `#rrggbb` (any case) as lowercase `#rrggbb`.
fn normalize_colour(colour: &str) -> Option<String> {
    let hex = colour.strip_prefix('#')?;
    if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    match hex.len() {
        6 => Some(format!("#{}", hex.to_ascii_lowercase())),
        3 => Some(format!(
            "#{}",
            hex.chars()
                .flat_map(|c| [c, c])
                .collect::<String>()
                .to_ascii_lowercase()
        )),
        _ => None,
    }
}

/// The WCAG contrast ratio of two `#rrggbb` colours.
pub(crate) fn contrast_ratio(a: &str, b: &str) -> f64 {
    let luminance = |hex: &str| {
        let channel = |i: usize| {
            let value = hex
                .get(i..i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .map_or(0.0, |v| f64::from(v) / 255.0);
            if value <= 0.04045 {
                value / 12.92
            } else {
                crate::text::powf((value + 0.055) / 1.055, 2.4)
            }
        };
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    };
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
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

    #[test]
    fn colours_normalize_and_contrast() {
        assert_eq!(normalize_colour("#ABC").as_deref(), Some("#aabbcc"));
        assert_eq!(normalize_colour("#1d5E8c").as_deref(), Some("#1d5e8c"));
        for bad in ["red", "#12345", "#ggg", "1d5e8c", "#1d5e8c;x", "url(x)"] {
            assert_eq!(normalize_colour(bad), None, "{bad}");
        }
        assert!((contrast_ratio("#000000", "#ffffff") - 21.0).abs() < 0.01);
        assert!((contrast_ratio("#777777", "#ffffff") - 4.48).abs() < 0.01);
    }
}
