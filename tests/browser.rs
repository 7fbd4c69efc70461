//! Browser tests: the Yew app mounted into a real DOM in headless Chromium.
//!
//! Run by `cargo xtask test` (or `cargo test --target wasm32-unknown-unknown
//! --test browser` with CHROMEDRIVER set).
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use infusion_guide::app::{App, AppProps};
use infusion_guide::components::context::{GuideEvent, RenderMode};
use infusion_guide::content::{self, load_clinic, Content, ContentError};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};
use yew::{AppHandle, Callback};

wasm_bindgen_test_configure!(run_in_browser);

/// The built-in guide. The wasm leaves its JSON out (the loader hands it
/// over at start-up), so the tests hand it over the same way.
fn default_content() -> Result<Rc<Content>, Vec<ContentError>> {
    content::provide_default_json(include_str!("../content/default.json").to_owned());
    content::default_content()
}

/// A mounted app, its root element and the events it reported.
struct Mounted {
    root: Element,
    events: Rc<RefCell<Vec<GuideEvent>>>,
    _app: AppHandle<App>,
}

impl Mounted {
    async fn new(configure: impl FnOnce(&mut AppProps)) -> Mounted {
        let document = gloo::utils::document();
        let root = document.create_element("div").expect("create a div");
        document
            .body()
            .expect("a body")
            .append_child(&root)
            .expect("append");
        let events = Rc::new(RefCell::new(Vec::new()));
        let sink = events.clone();
        let mut props = AppProps {
            content: default_content().expect("the default guide").into(),
            lang: "en".into(),
            heading_level: 2,
            theme: "auto".into(),
            region: None,
            fell_back: false,
            on_event: Callback::from(move |e| sink.borrow_mut().push(e)),
            instance: 0,
            generation: 1,
            active: true,
            mode: RenderMode::Live,
        };
        configure(&mut props);
        let app = yew::Renderer::<App>::with_root_and_props(root.clone(), props).render();
        yew::scheduler::flush().await;
        Mounted {
            root,
            events,
            _app: app,
        }
    }

    fn one(&self, selector: &str) -> Element {
        self.root
            .query_selector(selector)
            .ok()
            .flatten()
            .unwrap_or_else(|| panic!("no element matches {selector}"))
    }

    fn all(&self, selector: &str) -> Vec<Element> {
        let list = self
            .root
            .query_selector_all(selector)
            .expect("a valid selector");
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into::<Element>().ok())
            .collect()
    }

    fn text(&self, selector: &str) -> String {
        self.one(selector).text_content().unwrap_or_default()
    }

    async fn click(&self, selector: &str) {
        self.one(selector).unchecked_into::<HtmlElement>().click();
        yew::scheduler::flush().await;
    }
}

#[wasm_bindgen_test]
async fn the_app_reports_when_its_content_is_on_screen() {
    let app = Mounted::new(|_| {}).await;
    assert!(app
        .root
        .query_selector("[data-testid=guide]")
        .ok()
        .flatten()
        .is_some());
    assert_eq!(app.events.borrow().first(), Some(&GuideEvent::Shown));
    assert_eq!(
        app.events
            .borrow()
            .iter()
            .filter(|e| **e == GuideEvent::Shown)
            .count(),
        1
    );
}

#[wasm_bindgen_test]
async fn headings_start_at_the_requested_level() {
    let app = Mounted::new(|p| p.heading_level = 3).await;
    assert!(app.text("h3.ig-title").contains("Ketamine"));
    assert!(
        !app.all("h4#ig-steps-h").is_empty(),
        "sections one level below the title"
    );
    assert!(
        app.all("h2").is_empty(),
        "nothing above the requested level"
    );
}

#[wasm_bindgen_test]
async fn steps_go_forward_and_back_and_report_the_step() {
    let app = Mounted::new(|_| {}).await;
    let total = default_content().expect("default").steps.len();
    assert_eq!(
        app.text("[data-testid=step-progress]"),
        format!("Step 1 of {total}")
    );
    assert!(app
        .one("[data-testid=previous-step]")
        .has_attribute("disabled"));
    app.click("[data-testid=next-step]").await;
    assert_eq!(
        app.text("[data-testid=step-progress]"),
        format!("Step 2 of {total}")
    );
    let visible: Vec<_> = app
        .all("[data-testid=step]")
        .into_iter()
        .filter(|s| !s.has_attribute("hidden"))
        .collect();
    assert_eq!(visible.len(), 1);
    assert_eq!(
        app.events.borrow().last(),
        Some(&GuideEvent::Step("vital-signs".into()))
    );
    app.click("[data-testid=previous-step]").await;
    assert_eq!(
        app.text("[data-testid=step-progress]"),
        format!("Step 1 of {total}")
    );
    app.click("[data-testid=toggle-all-steps]").await;
    assert!(
        app.all("[data-testid=step][hidden]").is_empty(),
        "all steps shown"
    );
}

#[wasm_bindgen_test]
async fn the_current_step_survives_a_language_switch() {
    let app = Mounted::new(|_| {}).await;
    app.click("[data-testid=next-step]").await;
    app.click("[data-testid=next-step]").await;
    let select: web_sys::HtmlSelectElement = app.one("[data-testid=language]").unchecked_into();
    select.set_value("es");
    select
        .dispatch_event(&web_sys::Event::new("change").expect("event"))
        .expect("dispatch");
    yew::scheduler::flush().await;
    assert_eq!(
        app.one("article").get_attribute("lang").as_deref(),
        Some("es")
    );
    assert!(
        app.text("[data-testid=step-progress]")
            .starts_with("Paso 3"),
        "{}",
        app.text("[data-testid=step-progress]")
    );
}

#[wasm_bindgen_test]
async fn faq_questions_are_disclosure_buttons_found_by_find_in_page() {
    let app = Mounted::new(|_| {}).await;
    let button = app.one(".ig-faq dt button");
    assert_eq!(
        button.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    let answer_id = button
        .get_attribute("aria-controls")
        .expect("aria-controls");
    let answer = app.one(&format!("#{answer_id}"));
    assert_eq!(
        answer.get_attribute("hidden").as_deref(),
        Some("until-found")
    );
    app.click(".ig-faq dt button").await;
    assert_eq!(
        app.one(".ig-faq dt button")
            .get_attribute("aria-expanded")
            .as_deref(),
        Some("true")
    );
    assert!(!app.one(&format!("#{answer_id}")).has_attribute("hidden"));
    assert!(matches!(
        app.events.borrow().last(),
        Some(GuideEvent::FaqOpen(_))
    ));
    app.click("[data-testid=faq-open-all]").await;
    assert!(app.all(".ig-answer[hidden]").is_empty());
    app.click("[data-testid=faq-close-all]").await;
    assert_eq!(
        app.all(".ig-answer[hidden]").len(),
        app.all(".ig-answer").len()
    );
}

#[wasm_bindgen_test]
async fn faq_search_filters_and_announces_the_count() {
    let app = Mounted::new(|_| {}).await;
    let input: web_sys::HtmlInputElement = app.one("[data-testid=faq-search]").unchecked_into();
    input.set_value("drive");
    input
        .dispatch_event(&web_sys::InputEvent::new("input").expect("event"))
        .expect("dispatch");
    yew::scheduler::flush().await;
    let shown = app.all("[data-testid=faq-item]:not([hidden])").len();
    assert!(shown >= 1 && shown < app.all("[data-testid=faq-item]").len());
    let status = app.one("[data-testid=faq-status]");
    assert_eq!(status.get_attribute("aria-live").as_deref(), Some("polite"));
    assert!(
        status
            .text_content()
            .unwrap_or_default()
            .contains(&shown.to_string())
            || shown == 1
    );
}

#[wasm_bindgen_test]
async fn a_long_faq_is_lists_of_twenty_and_the_search_hides_a_list_with_no_match() {
    let questions: Vec<String> = (1..=80)
        .map(|i| {
            let word = if i == 45 { "zebra" } else { "plain" };
            format!(
                r#"{{ "id": "extra-{i}", "question": {{ "en": "Extra question {i}?", "es": "¿Pregunta {i}?" }}, "answer": {{ "en": "A {word} answer.", "es": "Una respuesta." }} }}"#
            )
        })
        .collect();
    let clinic = load_clinic(&format!(r#"{{ "faq": [{}] }}"#, questions.join(","))).expect("valid");
    let total = clinic.faq.len();
    let app = Mounted::new(|p| p.content = Rc::new(clinic).into()).await;
    let chunks = app.all(".ig-faq-long > dl.ig-faq-chunk");
    assert_eq!(chunks.len(), total.div_ceil(20));
    assert_eq!(
        app.all(".ig-faq-chunk > [data-testid=faq-item]").len(),
        total
    );
    let search = |value: &str| {
        let input: web_sys::HtmlInputElement = app.one("[data-testid=faq-search]").unchecked_into();
        input.set_value(value);
        input
            .dispatch_event(&web_sys::InputEvent::new("input").expect("event"))
            .expect("dispatch");
    };
    search("zebra");
    yew::scheduler::flush().await;
    let shown = app.all("[data-testid=faq-item]:not([hidden])");
    assert_eq!(shown.len(), 1);
    assert_eq!(shown[0].id(), "faq-extra-45");
    assert_eq!(app.all(".ig-faq-chunk:not([hidden])").len(), 1);
    search("");
    yew::scheduler::flush().await;
    assert_eq!(app.all("[data-testid=faq-item]:not([hidden])").len(), total);
    assert!(app.all(".ig-faq-chunk[hidden]").is_empty());
}

#[wasm_bindgen_test]
async fn the_crisis_notice_and_disclaimer_cannot_be_hidden() {
    let clinic = load_clinic(r#"{ "hide": ["faq", "steps"], "crisis": { "region": "uk" } }"#)
        .expect("valid");
    let app = Mounted::new(|p| p.content = Rc::new(clinic).into()).await;
    assert!(app.all("#ig-faq").is_empty() && app.all("#ig-steps").is_empty());
    assert!(app.text("[data-testid=crisis]").contains("116 123"));
    assert!(!app.text("[data-testid=disclaimer]").is_empty());
    let links: Vec<_> = app
        .all(".ig-crisis a")
        .iter()
        .filter_map(|a| a.get_attribute("href"))
        .collect();
    assert!(links.contains(&"tel:116123".to_owned()), "{links:?}");
}

#[wasm_bindgen_test]
async fn the_host_region_overrides_the_content_region() {
    let app = Mounted::new(|p| p.region = Some(infusion_guide::content::Region::Uk)).await;
    assert!(app.text("[data-testid=crisis]").contains("999"));
}

#[wasm_bindgen_test]
async fn checklist_ticks_are_not_stored_without_consent() {
    let storage = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .expect("storage");
    let _ = storage.remove_item(infusion_guide::platform::TICKS_KEY);
    let app = Mounted::new(|_| {}).await;
    app.click(".ig-checklist input").await;
    assert_eq!(
        storage
            .get_item(infusion_guide::platform::TICKS_KEY)
            .ok()
            .flatten(),
        None
    );
    app.click("[data-testid=remember]").await;
    yew::scheduler::flush().await;
    assert!(storage
        .get_item(infusion_guide::platform::TICKS_KEY)
        .ok()
        .flatten()
        .is_some());
    app.click("[data-testid=remember]").await;
    yew::scheduler::flush().await;
    assert_eq!(
        storage
            .get_item(infusion_guide::platform::TICKS_KEY)
            .ok()
            .flatten(),
        None
    );
}
