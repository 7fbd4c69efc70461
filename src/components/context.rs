//! What every part of the guide needs: the content, the language, the
//! heading level, the UI state, the way to tell the host page, and whether
//! the guide is the static (no-JavaScript) page.

use std::rc::Rc;

use yew::prelude::*;

use crate::content::{Content, Rich, Text};
use crate::state::{Action, GuideState};

use super::rich_text::render_rich;

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
    /// The patient's UI state.
    pub state: UseReducerHandle<GuideState>,
    /// Reports [`GuideEvent`]s to the host page.
    pub on_event: Callback<GuideEvent>,
    /// Whether this is the static page ([`crate::render`]): the parts leave
    /// out the controls that do nothing without JavaScript.
    pub static_html: bool,
}

impl PartialEq for Guide {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.content, &other.content)
            && self.lang == other.lang
            && self.level == other.level
            && self.state == other.state
            && self.on_event == other.on_event
            && self.static_html == other.static_html
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
        render_rich(&rich.get(&self.lang, &self.content.fallback_language))
    }

    /// The tag name for a heading `depth` levels below the guide's title.
    pub fn heading(&self, depth: u8) -> String {
        format!("h{}", (self.level + depth).min(6))
    }

    /// Changes the UI state.
    pub fn dispatch(&self, action: Action) {
        self.state.dispatch(action);
    }
}

/// The [`Guide`] context; every part is rendered inside the app's provider.
#[hook]
pub fn use_guide() -> Option<Guide> {
    use_context::<Guide>()
}
