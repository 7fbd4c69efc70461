//! The widget's root component.
//!
//! For now it renders the guide's title and its short introduction from a
//! built-in default; the content model and the patient's guide build on it.

use yew::prelude::*;

/// Properties of [`App`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct AppProps {
    /// The patient's language, a BCP 47 tag such as `en` or `es-MX`.
    #[prop_or(AttrValue::Static("en"))]
    pub lang: AttrValue,
    /// The level of the guide's top heading (2 by default: the clinic's page
    /// has its own `h1`). Clamped to 1..=5 so that sub-headings stay valid.
    #[prop_or(2)]
    pub heading_level: u8,
}

/// The whole patient guide, as mounted into one widget's shadow root.
#[component]
pub fn App(props: &AppProps) -> Html {
    let spanish = props.lang.as_str().split('-').next() == Some("es");
    let (lang, title, intro) = if spanish {
        (
            "es",
            "Infusión de ketamina para la depresión: qué esperar",
            "Esta guía explica qué es el tratamiento, cómo es una infusión paso a paso y qué esperar antes y después.",
        )
    } else {
        (
            "en",
            "Ketamine infusion for depression: what to expect",
            "This guide explains what the treatment is, how an infusion goes step by step, and what to expect before and after.",
        )
    };
    let heading = format!("h{}", props.heading_level.clamp(1, 5));
    html! {
        <article class="ig" lang={lang} data-testid="guide">
            <@{heading} class="ig-title">{ title }</@>
            <p class="ig-intro">{ intro }</p>
        </article>
    }
}
