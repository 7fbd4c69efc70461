//! The widget's root component: the whole patient guide for one widget.
//!
//! It owns the UI state (a reducer, see [`crate::state`]), resolves the
//! language, and provides the [`Guide`] context that every part reads. The
//! parts appear in a fixed order; the crisis notice and the disclaimer are
//! always there, whatever the content hides.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::contact::Contact;
use crate::components::contents::ContentsList;
use crate::components::context::{Guide, GuideEvent};
use crate::components::crisis::CrisisNotice;
use crate::components::disclaimer::Disclaimer;
use crate::components::faq::Faq;
use crate::components::language::LanguageSwitcher;
use crate::components::overview::Overview;
use crate::components::prepare::Prepare;
use crate::components::questions::Questions;
use crate::components::steps::Steps;
use crate::components::timeline::Timeline;
use crate::content::{Content, Region, Section};
use crate::state::{Action, GuideState};

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

/// Properties of [`App`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct AppProps {
    /// The guide to show (the default guide, or a clinic's merged onto it).
    pub content: SharedContent,
    /// The language the host asked for, a BCP 47 tag such as `en` or `es-MX`;
    /// the closest language of the content is shown.
    #[prop_or(AttrValue::Static("en"))]
    pub lang: AttrValue,
    /// The level of the guide's title (2 by default: the clinic's page has
    /// its own `h1`). Clamped to 1..=4 so that sub-headings stay valid.
    #[prop_or(2)]
    pub heading_level: u8,
    /// `light`, `dark` or `auto` (follow the device).
    #[prop_or(AttrValue::Static("auto"))]
    pub theme: AttrValue,
    /// The crisis region the host page chose; the content's region otherwise.
    #[prop_or_default]
    pub region: Option<Region>,
    /// Whether the clinic's content failed to load and the default guide is
    /// shown instead (the patient is told, in one line).
    #[prop_or_default]
    pub fell_back: bool,
    /// Called for things the host page may want to know (steps, questions, parts).
    #[prop_or_default]
    pub on_event: Callback<GuideEvent>,
    /// Which widget this is. The embed layer reuses one mounted app for
    /// successive widgets (Yew never frees an app's root listeners); a new
    /// instance starts with fresh UI state.
    #[prop_or_default]
    pub instance: u32,
    /// Whether to render at all: an idle app, waiting for its next widget,
    /// renders nothing and holds no DOM.
    #[prop_or(true)]
    pub active: bool,
}

/// The whole patient guide, as mounted into one widget's shadow root.
#[component]
pub fn App(props: &AppProps) -> Html {
    if !props.active {
        return Html::default();
    }
    html! { <GuideView key={props.instance} ..props.clone() /> }
}

/// The guide itself; its state lives as long as one widget instance.
#[component]
fn GuideView(props: &AppProps) -> Html {
    let state = use_reducer(GuideState::default);
    let root = use_node_ref();
    {
        // A new `lang` from the host page replaces the patient's earlier pick.
        let state = state.clone();
        use_effect_with(props.lang.clone(), move |lang| {
            if state.chosen_lang.is_some() {
                state.dispatch(Action::ChooseLanguage(lang.to_string()));
            }
        });
    }
    let content = props.content.0.clone();
    let requested = state
        .chosen_lang
        .clone()
        .unwrap_or_else(|| props.lang.to_string());
    let lang: AttrValue = content.pick_language(&requested).to_owned().into();
    let guide = Guide {
        content: content.clone(),
        lang: lang.clone(),
        level: props.heading_level.clamp(1, 4),
        state,
        on_event: props.on_event.clone(),
    };
    let theme = match props.theme.as_str() {
        "light" | "dark" => props.theme.clone(),
        _ => AttrValue::Static("auto"),
    };
    let region = props.region.unwrap_or(content.crisis.region);
    let shows = |section| content.shows(section);
    let title = guide.heading(0);
    html! {
        <ContextProvider<Guide> context={guide.clone()}>
            <article class="ig" lang={lang.clone()} data-theme={theme} data-testid="guide" ref={root.clone()}>
                <header class="ig-header">
                    <@{title} class="ig-title">{ guide.text(&content.guide.title) }</@>
                    <LanguageSwitcher />
                </header>
                if props.fell_back {
                    <p class="ig-fallback-note" data-testid="fallback-note">{ guide.word("content_error") }</p>
                }
                <CrisisNotice {region} />
                <ContentsList root={root} />
                if shows(Section::Overview) { <Overview /> }
                if shows(Section::Steps) { <Steps /> }
                if shows(Section::Timeline) { <Timeline /> }
                if shows(Section::Faq) { <Faq /> }
                if shows(Section::Prepare) { <Prepare /> }
                if shows(Section::Questions) { <Questions /> }
                if shows(Section::Contact) { <Contact /> }
                <Disclaimer />
            </article>
        </ContextProvider<Guide>>
    }
}
