//! Tests of formatted text as the widget renders it (`render_rich`): every
//! element of the subset, escaping, refused links as text, and the region's
//! numbers filled into placeholders, each checked by [`common::check_html`].
#![cfg(not(target_arch = "wasm32"))]

mod common;

use infusion_guide::components::rich_text::{render_rich, Place};
use infusion_guide::content::rich::{parse, Block, Inline, RichText};
use infusion_guide::content::Region;
use infusion_guide::ssr::render_html;

use common::{check_html, render};

fn render_source(source: &str) -> String {
    match parse(source) {
        Ok(text) => render(&text),
        Err(errors) => panic!("{source:?}: {errors:?}"),
    }
}

#[test]
fn renders_every_element() {
    let html =
        render_source("A **b** *c*  \nd [e](https://x.org) [f](tel:1)\n\n- g\n\n3. h\n\nj\n\n1. i");
    assert_eq!(
        html,
        "<p>A <strong>b</strong> <em>c</em><br>d \
         <a href=\"https://x.org\" rel=\"noopener noreferrer\">e</a> \
         <a href=\"tel:1\">f</a></p>\
         <ul><li>g</li></ul><ol start=\"3\"><li>h</li></ol><p>j</p><ol><li>i</li></ol>"
    );
    check_html(&html).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn placeholders_show_the_numbers_of_the_region_and_language() {
    let text = parse("Get help now: {crisis}. In an emergency, call {emergency}.")
        .unwrap_or_else(|e| panic!("{e:?}"));
    let html = |region, lang| render_html(render_rich(&text, Place { region, lang }));
    let us = html(Region::Us, "en");
    assert_eq!(
        us,
        "<p>Get help now: <span data-ref=\"crisis\" class=\"ig-ref\">call or text \
         <a href=\"tel:988\">988</a>, the Suicide and Crisis Lifeline</span>. In an emergency, \
         call <span data-ref=\"emergency\" class=\"ig-ref\"><a href=\"tel:911\">911</a></span>.</p>"
    );
    check_html(&us).unwrap_or_else(|e| panic!("{e}"));
    let uk = html(Region::Uk, "en");
    assert!(uk.contains("tel:116123") && uk.contains("tel:999"), "{uk}");
    assert!(!uk.contains("988") && !uk.contains("911"), "{uk}");
    let es = html(Region::Es, "es");
    assert!(
        es.contains("llame al <a href=\"tel:024\">024</a>") && es.contains("tel:112"),
        "{es}"
    );
    let other = html(Region::Other, "en");
    assert!(
        other.contains("call your local emergency number") && !other.contains("<a"),
        "{other}"
    );
    // French has no words of its own here: the phrase is marked English.
    assert!(html(Region::Uk, "fr").contains("lang=\"en\""));
}

#[test]
fn html_in_text_is_escaped() {
    let html = render_source("<b>hi</b> & <script>alert(1)</script>");
    assert!(
        html.starts_with("<p>&lt;b&gt;hi&lt;/b&gt; &amp; &lt;script&gt;"),
        "{html}"
    );
    check_html(&html).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn refused_links_render_as_text() {
    let text = RichText {
        blocks: vec![Block::Paragraph(vec![Inline::Link {
            href: "javascript:alert(1)".into(),
            children: vec![Inline::Text("click".into())],
        }])],
    };
    assert_eq!(render(&text), "<p>click</p>");
}

#[test]
fn checker_catches_what_it_should() {
    assert!(check_html("<p>ok <a href=\"mailto:a@b.c\">m</a></p>").is_ok());
    assert!(check_html("<div></div>").is_err());
    assert!(check_html("<p onclick=\"x\"></p>").is_err());
    assert!(check_html("<a href=\"javascript:x\"></a>").is_err());
    assert!(check_html("<script>").is_err());
}
