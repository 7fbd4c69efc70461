//! The widget's root component: the whole patient guide for one widget.
//!
//! It owns the UI state (a reducer, see [`crate::state`]), resolves the
//! language, and provides the [`Guide`] context that every part reads. The
//! parts appear in a fixed order; the crisis notice and the disclaimer are
//! always there, whatever the content hides. The same components render the
//! static page ([`crate::render`]); [`AppProps::mode`] tells them so.
//!
//! The state is one reducer, handed out in slices (see [`crate::state`]): the
//! [`Guide`] context changes only with the content or the language, and the
//! parts that keep state get their slice as a property, so an action
//! re-renders only the part whose slice it changed. (Properties, not more
//! contexts: each context type is a generic component of its own in the
//! wasm, several KB each.)

use yew::prelude::*;

use crate::components::contact::Contact;
use crate::components::contents::ContentsList;
use crate::components::context::{Guide, GuideEvent, RenderMode};
use crate::components::crisis_notice::CrisisNotice;
use crate::components::disclaimer::Disclaimer;
use crate::components::faq::Faq;
use crate::components::language::LanguageSwitcher;
use crate::components::overview::Overview;
use crate::components::prepare::Prepare;
use crate::components::questions::Questions;
use crate::components::steps::Steps;
use crate::components::timeline::Timeline;
use crate::content::{Region, Section, SharedContent};
use crate::state::{Action, GuideState};

/// The levels the guide's title may take. The parts' headings are one level
/// below it and the questions' two, so they stay within `h1` to `h6`.
pub const HEADING_LEVELS: std::ops::RangeInclusive<u8> = 1..=4;

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
    /// its own `h1`). Clamped to [`HEADING_LEVELS`] so that sub-headings stay valid.
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
    /// Bumped by the embed layer each time it gives the app content; once
    /// that content is on screen the app reports [`GuideEvent::Shown`].
    #[prop_or_default]
    pub generation: u32,
    /// Whether to render at all: an idle app, waiting for its next widget,
    /// renders nothing and holds no DOM.
    #[prop_or(true)]
    pub active: bool,
    /// Live (the default); over a pasted static page, which it replaces
    /// starting in the same open state so that nothing moves; or the static
    /// page itself, set only by [`crate::render::static_page`].
    #[prop_or_default]
    pub mode: RenderMode,
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
    let everything_open = props.mode.starts_open();
    let faq_ids = |content: &SharedContent| -> Vec<String> {
        content.0.faq.iter().map(|q| q.id.clone()).collect()
    };
    let state = {
        let ids = everything_open.then(|| faq_ids(&props.content));
        use_reducer(move || ids.map_or_else(GuideState::default, GuideState::everything_open))
    };
    let root = use_node_ref();
    {
        // The clinic's content arrives after the built-in guide was mounted:
        // its questions open too, as they are on the static page.
        let state = state.clone();
        use_effect_with(
            (props.content.clone(), everything_open),
            move |(content, everything_open)| {
                if *everything_open {
                    state.dispatch(Action::OpenAll(faq_ids(content)));
                }
            },
        );
    }
    {
        // Effects run once the render is in the DOM: the content is on screen.
        let on_event = props.on_event.clone();
        use_effect_with(props.generation, move |_| on_event.emit(GuideEvent::Shown));
    }
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
    let region = props.region.unwrap_or(content.crisis.region);
    let guide = Guide {
        region,
        content: content.clone(),
        lang: lang.clone(),
        level: props
            .heading_level
            .clamp(*HEADING_LEVELS.start(), *HEADING_LEVELS.end()),
        dispatcher: state.dispatcher(),
        on_event: props.on_event.clone(),
        mode: props.mode,
    };
    let theme = match props.theme.as_str() {
        "light" | "dark" => props.theme.clone(),
        _ => AttrValue::Static("auto"),
    };
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
                // Every section keeps its place (empty when hidden), so that
                // content hiding one later does not shift the others.
                for section in Section::ALL {
                    { if !shows(section) { Html::default() } else { match section {
                        Section::Overview => html! { <Overview /> },
                        Section::Steps => html! { <Steps state={state.steps} /> },
                        Section::Timeline => html! { <Timeline /> },
                        Section::Faq => html! { <Faq state={state.faq.clone()} /> },
                        Section::Prepare => html! { <Prepare state={state.checklist.clone()} /> },
                        Section::Questions => html! { <Questions /> },
                        Section::Contact => html! { <Contact /> },
                    } } }
                }
                <Disclaimer />
            </article>
        </ContextProvider<Guide>>
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::content::default_content;
    use crate::ssr::render_component;

    fn render(mode: RenderMode) -> String {
        let content = default_content().unwrap_or_else(|e| panic!("{e:?}"));
        let props = yew::props!(AppProps {
            content: SharedContent::from(content),
            mode,
        });
        render_component::<App>(props)
    }

    #[test]
    fn a_guide_starts_with_one_step_and_closed_answers() {
        let html = render(RenderMode::Live);
        assert!(html.contains("hidden=\"until-found\""));
        assert!(html.contains("aria-pressed=\"false\""));
        assert!(html.contains("data-testid=\"step-progress\""));
    }

    #[test]
    fn a_prerendered_guide_starts_open_as_the_static_page_with_its_controls() {
        let html = render(RenderMode::OverStaticPage);
        assert!(!html.contains(" hidden"), "something is hidden");
        assert!(!html.contains("aria-expanded=\"false\""));
        assert!(html.contains("aria-pressed=\"true\""));
        assert!(html.contains("<select"));
        assert!(html.contains("<nav"));
        assert!(html.contains("data-testid=\"faq-search\""));
    }
}
