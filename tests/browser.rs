//! Browser tests: the Yew app mounted into a real DOM in headless Chromium.
//!
//! Run by `cargo xtask test` (or `cargo test --target wasm32-unknown-unknown
//! --test browser` with CHROMEDRIVER set).
#![cfg(target_arch = "wasm32")]

use infusion_guide::app::{App, AppProps};
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh element in the test page's body to mount into.
fn mount_point() -> Element {
    let document = gloo::utils::document();
    let element = document.create_element("div").expect("create a div");
    document
        .body()
        .expect("the test page has a body")
        .append_child(&element)
        .expect("append to the body");
    element
}

#[wasm_bindgen_test]
async fn renders_the_title_at_the_requested_heading_level() {
    let root = mount_point();
    let props = AppProps {
        lang: "en".into(),
        heading_level: 3,
    };
    let app = yew::Renderer::<App>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    let heading = root.query_selector("h3").ok().flatten().expect("an h3");
    assert!(heading.text_content().unwrap_or_default().contains("Ketamine"));
    app.destroy();
    yew::scheduler::flush().await;
    assert_eq!(root.child_element_count(), 0);
}

#[wasm_bindgen_test]
async fn spanish_language_renders_spanish_text_with_its_lang() {
    let root = mount_point();
    let props = AppProps {
        lang: "es-MX".into(),
        heading_level: 2,
    };
    let _app = yew::Renderer::<App>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    let article = root.query_selector("article").ok().flatten().expect("the guide");
    assert_eq!(article.get_attribute("lang").as_deref(), Some("es"));
    assert!(article.text_content().unwrap_or_default().contains("ketamina"));
}
