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

/// The UI word for the contents link to `section`.
fn link_word(section: Section) -> &'static str {
    match section {
        Section::Overview => "part_overview",
        Section::Steps => "part_steps",
        Section::Timeline => "part_timeline",
        Section::Faq => "part_faq",
        Section::Prepare => "part_prepare",
        Section::Questions => "part_questions",
        Section::Contact => "part_contact",
    }
}

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
    let parts = Section::ALL.into_iter().filter(|s| guide.content.shows(*s));
    if guide.mode.is_static() {
        return html! {
            <div class="ig-contents ig-reserve no-print" aria-hidden="true">
                <ul>
                    for part in parts {
                        <li><span class="ig-contents-link">{ guide.word(link_word(part)) }</span></li>
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
                        <a href={format!("#ig-{}", part.name())} onclick={go_to(&guide.on_event, &props.root, part)}>
                            { guide.word(link_word(part)) }
                        </a>
                    </li>
                }
            </ul>
        </nav>
    }
}

fn go_to(on_event: &Callback<GuideEvent>, root: &NodeRef, part: Section) -> Callback<MouseEvent> {
    let on_event = on_event.clone();
    let root = root.clone();
    Callback::from(move |event: MouseEvent| {
        event.prevent_default();
        let heading = root.cast::<web_sys::Element>().and_then(|r| {
            r.query_selector(&format!("#ig-{}-h", part.name()))
                .ok()
                .flatten()
        });
        if let Some(heading) = heading {
            platform::scroll_to(&heading);
            platform::focus(&heading);
        }
        on_event.emit(GuideEvent::Section(part.name()));
    })
}
