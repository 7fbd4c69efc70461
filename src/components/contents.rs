//! The contents list: links to each part of the guide (NHS.UK pattern).
//!
//! Links move within the widget without touching the host page's URL: the
//! click scrolls the part into view and moves focus to its heading, which is
//! what a keyboard or screen-reader user needs after following a link.
//!
//! Without JavaScript no link can reach into the shadow root, so the static
//! page has no contents list, only an invisible box of the same size that
//! keeps the parts below in place when the widget mounts over that page.

use yew::prelude::*;

use crate::content::Section;
use crate::platform;

use super::context::{use_guide, GuideEvent};

/// A part of the guide, for the contents list and events.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Part {
    /// The section it belongs to, for hiding.
    pub section: Section,
    /// Its name in events and element ids (`ig-<name>`).
    pub name: &'static str,
    /// The UI word for its link.
    pub word: &'static str,
}

/// Every part, in the order the guide shows them.
pub const PARTS: [Part; 7] = [
    Part {
        section: Section::Overview,
        name: "overview",
        word: "part_overview",
    },
    Part {
        section: Section::Steps,
        name: "steps",
        word: "part_steps",
    },
    Part {
        section: Section::Timeline,
        name: "timeline",
        word: "part_timeline",
    },
    Part {
        section: Section::Faq,
        name: "faq",
        word: "part_faq",
    },
    Part {
        section: Section::Prepare,
        name: "prepare",
        word: "part_prepare",
    },
    Part {
        section: Section::Questions,
        name: "questions",
        word: "part_questions",
    },
    Part {
        section: Section::Contact,
        name: "contact",
        word: "part_contact",
    },
];

/// Properties of [`ContentsList`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct ContentsListProps {
    /// The widget's root, to find the parts in (they live in a shadow root,
    /// where the page's `#fragment` navigation cannot reach).
    pub root: NodeRef,
}

/// Links to the parts the clinic shows.
#[component]
pub fn ContentsList(props: &ContentsListProps) -> Html {
    let Some(guide) = use_guide() else {
        return Html::default();
    };
    let parts = PARTS.iter().filter(|p| guide.content.shows(p.section));
    if guide.mode.is_static() {
        return html! {
            <div class="ig-contents ig-reserve no-print" aria-hidden="true">
                <ul>
                    for part in parts {
                        <li><span class="ig-contents-link">{ guide.word(part.word) }</span></li>
                    }
                </ul>
            </div>
        };
    }
    html! {
        <nav class="ig-contents no-print" aria-label={guide.word("contents_label").to_owned()}>
            <ul>
                for part in parts {
                    <li>
                        <a href={format!("#ig-{}", part.name)} onclick={go_to(&guide.on_event, &props.root, *part)}>
                            { guide.word(part.word) }
                        </a>
                    </li>
                }
            </ul>
        </nav>
    }
}

fn go_to(on_event: &Callback<GuideEvent>, root: &NodeRef, part: Part) -> Callback<MouseEvent> {
    let on_event = on_event.clone();
    let root = root.clone();
    Callback::from(move |event: MouseEvent| {
        event.prevent_default();
        let heading = root.cast::<web_sys::Element>().and_then(|r| {
            r.query_selector(&format!("#ig-{}-h", part.name))
                .ok()
                .flatten()
        });
        if let Some(heading) = heading {
            platform::scroll_to(&heading);
            platform::focus(&heading);
        }
        on_event.emit(GuideEvent::Section(part.name));
    })
}
