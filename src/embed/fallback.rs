//! The last resort: if anything inside the widget panics, every widget on the
//! page still shows the crisis numbers and the clinic's phone number.
//!
//! The release build aborts on panic, which stops the WebAssembly module for
//! every widget on the page. Just before that, the panic hook replaces each
//! widget's shadow root with a small static notice built from plain DOM text
//! nodes (no HTML strings), from information recorded at each render.

use std::cell::RefCell;
use std::sync::Once;

use web_sys::{Document, Element, ShadowRoot};

use crate::content::crisis::{crisis_lines, CrisisLine};
use crate::content::{Clinic, Content, Region};

/// What the notice needs of a widget, recorded while all was well.
struct Notice {
    root: ShadowRoot,
    region: Region,
    lang: String,
    heading: String,
    lead: String,
    clinic: Option<(String, String)>,
}

thread_local! {
    static NOTICES: RefCell<Vec<Notice>> = const { RefCell::new(Vec::new()) };
}

/// Installs the panic hook once per page.
pub fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        yew::set_custom_panic_hook(Box::new(|info| {
            web_sys::console::error_1(&format!("[infusion-guide] internal error: {info}").into());
            // try_borrow: a panic while the list is borrowed must not panic again.
            NOTICES.with(|notices| {
                if let Ok(notices) = notices.try_borrow() {
                    notices.iter().for_each(show);
                }
            });
        }));
    });
}

/// Records (or refreshes) what a widget's notice would show.
pub fn register(root: &ShadowRoot, content: &Content) {
    let lang = content
        .languages
        .first()
        .cloned()
        .unwrap_or_else(|| "en".to_owned());
    let fallback = content.fallback_language.as_str();
    let word = |key: &str| content.ui.word(&lang, fallback, key).to_owned();
    let clinic = content.clinic.phone.clone().map(|phone| {
        let name = content
            .clinic
            .name
            .as_ref()
            .map(|n| n.get(&lang, fallback).to_owned())
            .unwrap_or_default();
        (name, phone)
    });
    let notice = Notice {
        root: root.clone(),
        region: content.crisis.region,
        heading: word("crisis_heading"),
        lead: word("crisis_not_emergency"),
        lang,
        clinic,
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

fn show(notice: &Notice) {
    let Some(document) = notice.root.owner_document() else {
        return;
    };
    let Some(aside) = element(&document, "aside", "ig ig-crisis", "") else {
        return;
    };
    let _ = aside.set_attribute("lang", &notice.lang);
    let parts = [
        element(&document, "h2", "ig-crisis-heading", &notice.heading),
        element(&document, "p", "ig-crisis-lead", &notice.lead),
    ];
    for part in parts.into_iter().flatten() {
        let _ = aside.append_child(&part);
    }
    for line in crisis_lines(notice.region, &notice.lang) {
        if let Some(p) = line_element(&document, line) {
            let _ = aside.append_child(&p);
        }
    }
    if let Some((name, phone)) = &notice.clinic {
        if let (Some(p), Some(a)) = (
            element(&document, "p", "", name),
            element(&document, "a", "ig-crisis-action", phone),
        ) {
            let _ = a.set_attribute("href", &Clinic::tel_href(phone));
            let _ = p.append_child(&document.create_text_node(" "));
            let _ = p.append_child(&a);
            let _ = aside.append_child(&p);
        }
    }
    notice.root.set_text_content(None);
    let _ = notice.root.append_child(&aside);
}

fn line_element(document: &Document, line: &CrisisLine) -> Option<Element> {
    let p = element(document, "p", "", line.text)?;
    for (label, href) in line.actions {
        let a = element(document, "a", "ig-crisis-action", label)?;
        let _ = a.set_attribute("href", href);
        let _ = p.append_child(&document.create_text_node(" "));
        let _ = p.append_child(&a);
    }
    Some(p)
}

fn element(document: &Document, tag: &str, class: &str, text: &str) -> Option<Element> {
    let element = document.create_element(tag).ok()?;
    if !class.is_empty() {
        element.set_class_name(class);
    }
    if !text.is_empty() {
        element.set_text_content(Some(text));
    }
    Some(element)
}
