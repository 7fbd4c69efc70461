//! Content tools for the clinic's editor page (`editor.html`): the same
//! starter file, validation and reading-level figures as the command-line
//! tool, exposed to JavaScript as `InfusionGuide.starter(fields)`,
//! `InfusionGuide.checkContent(text)` and `InfusionGuide.readability(text)` by
//! the loader.

use wasm_bindgen::prelude::*;

use crate::content::readability::Formula;
use crate::content::{self, json::Pos};

fn set(object: &js_sys::Object, key: &str, value: JsValue) {
    let _ = js_sys::Reflect::set(object, &JsValue::from_str(key), &value);
}

/// One problem as JavaScript sees it, in the editor and in the
/// `infusion-guide:error` event: `{ message, path, line, column }`, the
/// position `null` when there is none in the clinic's file.
pub(super) fn problem(message: &str, path: &str, pos: Option<Pos>) -> js_sys::Object {
    let item = js_sys::Object::new();
    let position = |pick: fn(Pos) -> u32| pos.map_or(JsValue::NULL, |p| JsValue::from(pick(p)));
    set(&item, "message", JsValue::from_str(message));
    set(&item, "path", JsValue::from_str(path));
    set(&item, "line", position(|p| p.line));
    set(&item, "column", position(|p| p.column));
    item
}

/// A new clinic's starter file, the same bytes as `infusion-guide init`
/// writes for the same details (empty ones left out). Not checked here: the
/// editor checks it like any text, so a wrong phone number is listed there.
#[wasm_bindgen(js_name = starterContent)]
pub fn starter_content(
    name: &str,
    phone: &str,
    email: &str,
    website: &str,
    booking_url: &str,
    region: &str,
) -> String {
    fn given(value: &str) -> Option<&str> {
        Some(value.trim()).filter(|v| !v.is_empty())
    }
    content::StarterClinic {
        name: name.trim(),
        phone: phone.trim(),
        email: given(email),
        website: given(website),
        booking_url: given(booking_url),
        region: given(region).unwrap_or("us"),
    }
    .to_json()
}

/// Checks a clinic's content file exactly as `infusion-guide check` does:
/// returns the problems, `[{ message, path, line, column }]`, empty when the
/// file is valid.
#[wasm_bindgen(js_name = checkContent)]
pub fn check_content(text: &str) -> js_sys::Array {
    let problems = js_sys::Array::new();
    if let Err(errors) = content::load_clinic(text) {
        for error in errors {
            problems.push(&problem(&error.message, &error.path, error.pos));
        }
    }
    problems
}

/// Reading levels of a valid clinic content file (merged onto the default):
/// `[{ lang, section, words, sentences, formula, score, second, tooHard }]`,
/// where `formula` is `"english"` (score: the Flesch-Kincaid grade, second:
/// SMOG), `"spanish"` (score: INFLESZ, second: Fernández-Huerta) or `null`
/// (no formula for the language: no scores), or `null` when the file is not
/// valid.
#[wasm_bindgen(js_name = readabilityReport)]
pub fn readability_report(text: &str) -> JsValue {
    let Ok(content) = content::load_clinic(text) else {
        return JsValue::NULL;
    };
    let rows = js_sys::Array::new();
    for row in content.readability() {
        let item = js_sys::Object::new();
        let score = |value: Option<f64>| {
            value.map_or(JsValue::NULL, |v| JsValue::from((v * 10.0).round() / 10.0))
        };
        set(&item, "lang", JsValue::from_str(&row.lang));
        set(&item, "section", JsValue::from_str(&row.section));
        set(&item, "words", JsValue::from(row.stats.words as u32));
        set(
            &item,
            "sentences",
            JsValue::from(row.stats.sentences as u32),
        );
        let formula = match row.formula {
            Some(Formula::English) => JsValue::from_str("english"),
            Some(Formula::Spanish) => JsValue::from_str("spanish"),
            None => JsValue::NULL,
        };
        set(&item, "formula", formula);
        set(&item, "score", score(row.score()));
        set(&item, "second", score(row.second_score()));
        set(&item, "tooHard", JsValue::from_bool(row.too_hard()));
        rows.push(&item);
    }
    rows.into()
}
