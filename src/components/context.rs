//! What the parts of the guide read, as contexts the app provides.
//!
//! [`Guide`]: the content, the language, the heading level, the render
//! mode, the way to tell the host page and the way to change the UI state.
//! It changes only with the content or the language, so a part that reads
//! nothing else does not render again while the patient uses the guide. The
//! parts that keep UI state get their slice of it as a property from the app.

use std::rc::Rc;

use yew::prelude::*;

use crate::content::{Content, Region, Rich, Text};
use crate::state::{Action, GuideState};

use super::rich_text::{render_rich, Place};

/// Something the patient did that the host page may want to know about.
/// The embed layer turns these into `infusion-guide:*` DOM events.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GuideEvent {
    /// A step was shown (its id).
    Step(String),
    /// A question was opened (its id).
    FaqOpen(String),
    /// The patient moved to a part of the guide (its name, e.g. `faq`).
    Section(&'static str),
    /// The content given to the app (see `AppProps::generation`) is on
    /// screen, and the guide's controls work.
    Shown,
}

/// How the guide is rendered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RenderMode {
    /// The live widget, starting with one step and every answer closed.
    #[default]
    Live,
    /// The live widget mounted over a pasted static page: it starts as that
    /// page showed the guide (every step, every answer open), so mounting
    /// only adds the controls and nothing moves.
    OverStaticPage,
    /// The static page itself ([`crate::render`]): the whole guide, without
    /// the controls that do nothing without JavaScript.
    StaticPage,
}

impl RenderMode {
    /// Whether the guide starts with every step shown and every answer open.
    pub fn starts_open(self) -> bool {
        self != RenderMode::Live
    }

    /// Whether this is the static page: no controls, no state.
    pub fn is_static(self) -> bool {
        self == RenderMode::StaticPage
    }
}

/// The shared context of one widget, provided by [`crate::app::App`].
#[derive(Clone)]
pub struct Guide {
    /// The validated content.
    pub content: Rc<Content>,
    /// The document language shown (one of `content.languages`).
    pub lang: AttrValue,
    /// Level of the guide's own title; sections are one below.
    pub level: u8,
    /// Changes the patient's UI state (the same for the widget's life).
    pub dispatcher: UseReducerDispatcher<GuideState>,
    /// Reports [`GuideEvent`]s to the host page.
    pub on_event: Callback<GuideEvent>,
    /// Live, over a static page, or the static page itself.
    pub mode: RenderMode,
    /// The region whose numbers the text's `{crisis}` and `{emergency}` show
    /// (the host page's `region`, else the content's).
    pub region: Region,
}

impl PartialEq for Guide {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.content, &other.content)
            && self.lang == other.lang
            && self.level == other.level
            && self.dispatcher == other.dispatcher
            && self.on_event == other.on_event
            && self.mode == other.mode
            && self.region == other.region
    }
}

impl Guide {
    /// The widget's own word `key` in the current language.
    pub fn word(&self, key: &str) -> &str {
        self.content
            .ui
            .word(&self.lang, &self.content.fallback_language, key)
    }

    /// The widget's word `key` with `{name}` placeholders filled in.
    pub fn word_with(&self, key: &str, values: &[(&str, &str)]) -> String {
        values
            .iter()
            .fold(self.word(key).to_owned(), |word, (name, value)| {
                word.replace(&format!("{{{name}}}"), value)
            })
    }

    /// A plain text in the current language.
    pub fn text<'a>(&'a self, text: &'a Text) -> &'a str {
        text.get(&self.lang, &self.content.fallback_language)
    }

    /// A formatted text in the current language, rendered.
    pub fn rich(&self, rich: &Rich) -> Html {
        render_rich(
            &rich.get(&self.lang, &self.content.fallback_language),
            Place {
                region: self.region,
                lang: &self.lang,
            },
        )
    }

    /// The tag name for a heading `depth` levels below the guide's title.
    pub fn heading(&self, depth: u8) -> String {
        format!("h{}", (self.level + depth).min(6))
    }

    /// Changes the UI state.
    pub fn dispatch(&self, action: Action) {
        self.dispatcher.dispatch(action);
    }
}

/// The [`Guide`] context; every part is rendered inside the app's provider.
#[hook]
pub fn use_guide() -> Option<Guide> {
    use_context::<Guide>()
}
