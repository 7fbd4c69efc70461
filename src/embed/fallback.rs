//! The last resort: if anything inside the widget panics, every widget on the
//! page still shows the guide as HTML with the crisis numbers of its region
//! and the clinic's phone number.
//!
//! The release build aborts on panic, which stops the WebAssembly module for
//! every widget on the page. Just before that, the panic hook hands the
//! loader what it needs to know of each widget, recorded while all was well
//! (plain values, nothing that could panic again), and the loader shows the
//! same HTML it shows where the module cannot start (`web/infusion-guide.js`).

use std::cell::RefCell;
use std::sync::Once;

use wasm_bindgen::JsValue;
use web_sys::ShadowRoot;

use crate::content::{Content, Region};

/// What the loader needs of a widget, recorded while all was well.
struct Notice {
    root: ShadowRoot,
    region: Region,
    lang: String,
    clinic_name: String,
    phone: String,
}

thread_local! {
    static NOTICES: RefCell<Vec<Notice>> = const { RefCell::new(Vec::new()) };
}

/// Installs the panic hook once per page; it calls `on_panic` with a list of
/// `[shadowRoot, region, lang, clinicName, phone]`, one per widget.
pub fn install_panic_hook(on_panic: js_sys::Function) {
    static ONCE: Once = Once::new();
    ONCE.call_once(move || {
        yew::set_custom_panic_hook(Box::new(move |info| {
            web_sys::console::error_1(&format!("[infusion-guide] internal error: {info}").into());
            let list = js_sys::Array::new();
            // try_borrow: a panic while the list is borrowed must not panic again.
            NOTICES.with(|notices| {
                if let Ok(notices) = notices.try_borrow() {
                    for notice in notices.iter() {
                        let entry = js_sys::Array::new();
                        entry.push(&notice.root);
                        entry.push(&JsValue::from_str(notice.region.name()));
                        entry.push(&JsValue::from_str(&notice.lang));
                        entry.push(&JsValue::from_str(&notice.clinic_name));
                        entry.push(&JsValue::from_str(&notice.phone));
                        list.push(&entry);
                    }
                }
            });
            let _ = on_panic.call1(&JsValue::NULL, &list);
        }));
    });
}

/// Records (or refreshes) what a widget's fallback would show: the crisis
/// numbers of `region` in `lang` (the language the widget shows), and the
/// clinic's name and phone from `content`.
pub fn register(root: &ShadowRoot, content: &Content, region: Region, lang: String) {
    let fallback = content.fallback_language.as_str();
    let notice = Notice {
        root: root.clone(),
        region,
        clinic_name: content
            .clinic
            .name
            .as_ref()
            .map(|n| n.get(&lang, fallback).to_owned())
            .unwrap_or_default(),
        phone: content.clinic.phone.clone().unwrap_or_default(),
        lang,
    };
    NOTICES.with(|notices| {
        if let Ok(mut notices) = notices.try_borrow_mut() {
            notices.retain(|n| n.root != *root);
            notices.push(notice);
        }
    });
}

/// Forgets an unmounted widget.
pub fn unregister(root: &ShadowRoot) {
    NOTICES.with(|notices| {
        if let Ok(mut notices) = notices.try_borrow_mut() {
            notices.retain(|n| n.root != *root);
        }
    });
}
