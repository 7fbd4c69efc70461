//! The crisis notice: always shown first, never removable by content.
//!
//! Graded like an NHS "immediate" care card: a red heading band, the
//! statement that ketamine treatment is not for emergencies, and the numbers
//! for the clinic's region as call and text links.

use yew::prelude::*;

use crate::content::crisis::{crisis_language, crisis_lines};
use crate::content::Region;

use super::context::use_guide;

/// Properties of [`CrisisNotice`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct CrisisNoticeProps {
    /// Which numbers to show; the host page's `region` attribute wins over
    /// the content's region.
    pub region: Region,
}

/// Where to get help now.
#[component]
pub fn CrisisNotice(props: &CrisisNoticeProps) -> Html {
    let Some(guide) = use_guide() else {
        return Html::default();
    };
    let heading = guide.heading(1);
    let note = guide
        .content
        .crisis
        .note
        .as_ref()
        .map(|note| guide.text(note).to_owned());
    html! {
        <aside class="ig-crisis" aria-labelledby="ig-crisis-h" id="ig-crisis" data-testid="crisis">
            <@{heading} class="ig-crisis-heading" id="ig-crisis-h">{ guide.word("crisis_heading") }</@>
            <div class="ig-crisis-body">
                <p class="ig-crisis-lead">{ guide.word("crisis_not_emergency") }</p>
                <ul class="ig-crisis-lines" lang={crisis_language(&guide.lang)}>
                    for line in crisis_lines(props.region, &guide.lang) {
                        <li>
                            <span>{ line.text }</span>
                            if !line.actions.is_empty() {
                                <span class="ig-crisis-actions">
                                    for (label, href) in line.actions.iter() {
                                        <a class="ig-crisis-action" href={*href}>{ *label }</a>
                                    }
                                </span>
                            }
                        </li>
                    }
                    if let Some(note) = note {
                        <li lang={guide.lang.clone()}>{ note }</li>
                    }
                </ul>
            </div>
        </aside>
    }
}
