//! What to expect: the phases from the assessment to the weeks after, as an
//! ordered list drawn as a vertical timeline.

use yew::prelude::*;

use super::context::use_guide;
use super::visuals::CoursePicture;

/// The what-to-expect timeline.
#[component]
pub fn Timeline() -> Html {
    let Some(guide) = use_guide() else {
        return Html::default();
    };
    let (h, sub) = (guide.heading(1), guide.heading(2));
    html! {
        <section class="ig-part" id="ig-timeline" aria-labelledby="ig-timeline-h">
            <@{h} id="ig-timeline-h" tabindex="-1">{ guide.word("timeline_heading") }</@>
            <ol class="ig-timeline">
                for phase in guide.content.timeline.iter() {
                    <li class="ig-phase" data-testid="phase">
                        <@{sub.clone()} class="ig-phase-label">{ guide.text(&phase.label) }</@>
                        <p class="ig-when">{ guide.text(&phase.when) }</p>
                        <ul>
                            for item in phase.items.iter() {
                                <li>{ guide.text(item) }</li>
                            }
                        </ul>
                    </li>
                }
            </ol>
            <CoursePicture />
        </section>
    }
}
