//! infusion-guide's content model: parsing, merging and validating the
//! content JSON a clinic writes, and what is computed from it (reading
//! levels, search, the JSON Schema).
//!
//! A clinic's file is parsed with positions ([`json`]), merged onto the
//! built-in default guide ([`merge`]), then decoded and checked into the
//! [`Content`] model ([`decode`]), collecting every problem on the way.
//!
//! The first step of the one-way flow, JSON -> content model -> components
//! -> embed layer, as a crate of its own: it depends on no UI or browser crate
//! (Yew, web-sys, wasm-bindgen, gloo), so nothing here can reach the page.
//! The widget, the command-line tool and the tests share it, and it is
//! tested natively. In the browser, with the `browser-text` feature, two
//! text services come from JavaScript's built-ins instead ([`text`]).

pub mod collections;
pub mod crisis;
pub(crate) mod decode;
pub mod error;
pub mod json;
pub(crate) mod merge;
pub mod model;
pub mod readability;
pub mod rich;
#[cfg(not(target_arch = "wasm32"))]
pub mod schema;
pub mod search;
// Also in the wasm: the editor page starts a new clinic's file with it.
mod starter;
pub mod text;

use std::rc::Rc;

pub use error::{ContentError, ErrorKind};
pub use merge::ID_LISTS;
pub use model::*;
pub use starter::StarterClinic;

/// Validated content shared without copying; equal when it is the same
/// document (comparing whole guides on every render would be wasted work).
#[derive(Clone, Debug)]
pub struct SharedContent(pub Rc<Content>);

impl PartialEq for SharedContent {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl From<Rc<Content>> for SharedContent {
    fn from(content: Rc<Content>) -> Self {
        SharedContent(content)
    }
}

/// The built-in default guide (English and Spanish), as shipped, compiled in
/// with the `embedded-default` feature (the command-line tool, the tests).
/// The widget's wasm leaves it out: the loader carries the same text, which
/// it also shows as HTML before the wasm arrives, and hands it over with
/// [`provide_default_json`].
#[cfg(feature = "embedded-default")]
pub const DEFAULT_JSON: &str = include_str!("../../content/default.json");

/// Content files larger than this are refused before parsing (2 MiB is far
/// more than any guide needs and keeps a phone's memory safe).
pub const MAX_CONTENT_BYTES: usize = 2 * 1024 * 1024;

thread_local! {
    static GIVEN_JSON: std::cell::OnceCell<&'static str> = const { std::cell::OnceCell::new() };
}

/// Hands over the built-in guide's JSON text, for a build without it compiled
/// in (where reading the built-in guide is otherwise an error, "not given").
/// Only the first call counts, and it must come before anything reads the
/// built-in guide; it wins over the compiled-in text.
pub fn provide_default_json(text: String) {
    GIVEN_JSON.with(|given| {
        if given.get().is_none() {
            let _ = given.set(Box::leak(text.into_boxed_str()));
        }
    });
}

/// The built-in guide's JSON text.
fn default_json() -> Result<&'static str, ContentError> {
    let given = GIVEN_JSON.with(|given| given.get().copied());
    #[cfg(feature = "embedded-default")]
    let given = given.or(Some(DEFAULT_JSON));
    given.ok_or_else(|| {
        ContentError::new(
            ErrorKind::Syntax,
            "",
            Default::default(),
            "the built-in guide was not given (provide_default_json)",
        )
    })
}

thread_local! {
    /// The default document's tree, parsed once per thread, positions zeroed.
    static DEFAULT_TREE: Result<json::Node, ContentError> = default_json().and_then(|text| {
        json::parse(text)
            .map(|mut node| {
                merge::forget_positions(&mut node);
                node
            })
            .map_err(|e| {
                ContentError::new(
                    ErrorKind::Syntax,
                    "",
                    Default::default(),
                    format!("the built-in guide is broken: {e}"),
                )
            })
    });
    /// The default guide, decoded once per thread.
    static DEFAULT_CONTENT: Result<Rc<Content>, Vec<ContentError>> = default_json()
        .map_err(|e| vec![e])
        .and_then(load_document)
        .map(Rc::new);
}

/// The built-in default guide. Tests guarantee it is valid; an error here is
/// a bug in this build, reported rather than panicking.
pub fn default_content() -> Result<Rc<Content>, Vec<ContentError>> {
    DEFAULT_CONTENT.with(Clone::clone)
}

/// Loads a clinic's content file: parsed, merged onto the default guide
/// (unless the file says `"base": "none"`), and checked. On failure, every
/// problem found, with its path and its position in `text`.
pub fn load_clinic(text: &str) -> Result<Content, Vec<ContentError>> {
    let clinic = parse(text)?;
    match clinic.get("base").map(|n| &n.value) {
        None => {}
        Some(json::Value::String(base)) if base == "default" => {}
        Some(json::Value::String(base)) if base == "none" => return decode::decode(&clinic),
        Some(_) => {
            let pos = clinic.get("base").map_or(clinic.pos, |n| n.pos);
            return Err(vec![ContentError::new(
                ErrorKind::Invalid,
                "base",
                pos,
                "\"base\" is \"default\" (change the built-in guide, the usual case) or \"none\" (a complete guide of your own)",
            )]);
        }
    }
    if !matches!(clinic.value, json::Value::Object(_)) {
        return Err(vec![ContentError::new(
            ErrorKind::Type,
            "",
            clinic.pos,
            format!(
                "expected an object ({{ ... }}) for the whole file, found {}",
                clinic.value.kind_name()
            ),
        )]);
    }
    let base = DEFAULT_TREE.with(Clone::clone).map_err(|e| vec![e])?;
    let languages = clinic.get("languages").cloned();
    let (merged, mut errors) = merge::merge(base, clinic);
    match decode::decode(&merged) {
        Ok(content) if errors.is_empty() => Ok(content),
        Ok(_) => Err(errors),
        Err(more) => {
            errors.extend(more);
            errors.sort_by_key(|e| e.pos);
            Err(summarize_new_languages(errors, languages.as_ref()))
        }
    }
}

/// A clinic that adds a language to the built-in guide needs it in every
/// part it did not replace. Instead of one unlocated line per built-in part
/// ("guide.title.fr: the text has no "fr" version", over a hundred), one
/// error at that language in the clinic's `languages` list says so, with
/// how many parts and the first few. Errors located in the clinic's own
/// file stay as they are.
fn summarize_new_languages(
    errors: Vec<ContentError>,
    languages: Option<&json::Node>,
) -> Vec<ContentError> {
    let Some(json::Node {
        value: json::Value::Array(entries),
        ..
    }) = languages
    else {
        return errors;
    };
    let mut summaries: Vec<(usize, &json::Node, Vec<String>)> = Vec::new();
    let mut kept = Vec::new();
    for error in errors {
        let entry = entries.iter().enumerate().find(|(_, entry)| {
            matches!(&entry.value, json::Value::String(lang)
                if error.pos.is_none()
                    && error.kind == ErrorKind::MissingLanguage
                    && error.path.rsplit('.').next() == Some(lang.as_str()))
        });
        match entry {
            Some((index, entry)) => match summaries.iter_mut().find(|(i, _, _)| *i == index) {
                Some((_, _, paths)) => paths.push(error.path),
                None => summaries.push((index, entry, vec![error.path])),
            },
            None => kept.push(error),
        }
    }
    for (index, entry, paths) in summaries {
        let json::Value::String(lang) = &entry.value else {
            continue;
        };
        let (words, texts): (Vec<&String>, Vec<&String>) =
            paths.iter().partition(|p| p.starts_with("ui."));
        let first: Vec<&str> = texts.iter().take(3).map(|p| p.as_str()).collect();
        let more = if texts.len() > first.len() {
            ", ..."
        } else {
            ""
        };
        let ui = if words.is_empty() {
            String::new()
        } else {
            format!(", and of the widget's words (\"ui\": {{ \"{lang}\": {{ ... }} }})")
        };
        kept.push(ContentError::new(
            ErrorKind::MissingLanguage,
            &format!("languages[{index}]"),
            entry.pos,
            format!(
                "the built-in guide has no \"{lang}\" text: adding \"{lang}\" needs your own \"{lang}\" version of \
                 the {} parts you did not replace ({}{more}){ui}. Start from the English in content/default.json, \
                 or leave \"{lang}\" out until it is translated",
                texts.len(),
                first.join(", ")
            ),
        ));
    }
    kept.sort_by_key(|e| e.pos);
    kept
}

/// [`load_clinic`] for raw bytes: text that is not UTF-8 is reported with the
/// position of the first bad byte.
pub fn load_clinic_bytes(bytes: &[u8]) -> Result<Content, Vec<ContentError>> {
    // A NUL byte is never valid in JSON text; it usually means UTF-16, which
    // the JSON parser recognises and names.
    match std::str::from_utf8(bytes)
        .ok()
        .filter(|_| !bytes.contains(&0))
    {
        Some(text) => load_clinic(text),
        None => Err(vec![match json::parse_bytes(bytes) {
            Err(e) => ContentError::new(ErrorKind::Syntax, "", e.pos, e.message),
            Ok(_) => ContentError::new(
                ErrorKind::Syntax,
                "",
                json::Pos { line: 1, column: 1 },
                "the file is not UTF-8 text; save it with the UTF-8 encoding",
            ),
        }]),
    }
}

/// Loads a complete document on its own, without merging (the default guide,
/// or a file with `"base": "none"`).
pub fn load_document(text: &str) -> Result<Content, Vec<ContentError>> {
    decode::decode(&parse(text)?)
}

fn parse(text: &str) -> Result<json::Node, Vec<ContentError>> {
    if text.len() > MAX_CONTENT_BYTES {
        return Err(vec![ContentError::new(
            ErrorKind::Invalid,
            "",
            json::Pos { line: 1, column: 1 },
            format!(
                "the file is {} KB; content files may be at most {} KB",
                text.len() / 1024,
                MAX_CONTENT_BYTES / 1024
            ),
        )]);
    }
    json::parse(text).map_err(|e| vec![ContentError::new(ErrorKind::Syntax, "", e.pos, e.message)])
}
