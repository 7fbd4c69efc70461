//! Questions to ask your clinician: a list to print and take along.
//!
//! "Print these questions" prints only this list of the guide: the guide's
//! other parts are hidden from print while the browser's print dialog is
//! open (the host page's own content is the host page's to print). The static
//! page has no print button (the browser's own printing prints it all).

use yew::prelude::*;

use crate::platform;

use super::context::use_guide;

/// The list of questions, with a print button.
#[component]
pub fn Questions() -> Html {
    let Some(guide) = use_guide() else {
        return Html::default();
    };
    let h = guide.heading(1);
    let section = use_node_ref();
    let print = {
        let section = section.clone();
        Callback::from(move |_: MouseEvent| platform::print_only(&section))
    };
    html! {
        <section class="ig-part" id="ig-questions" aria-labelledby="ig-questions-h" ref={section}>
            <@{h} id="ig-questions-h" tabindex="-1">{ guide.word("questions_heading") }</@>
            <ul class="ig-questions">
                for item in guide.content.questions_to_ask.iter() {
                    <li>{ guide.text(&item.text) }</li>
                }
            </ul>
            if !guide.mode.is_static() {
                <button type="button" class="ig-button ig-secondary no-print" onclick={print}>
                    { guide.word("print_questions") }
                </button>
            }
        </section>
    }
}
