//! Questions to ask your clinician: a list to print and take along.

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
    let print = Callback::from(|_: MouseEvent| platform::print());
    html! {
        <section class="ig-part" id="ig-questions" aria-labelledby="ig-questions-h">
            <@{h} id="ig-questions-h" tabindex="-1">{ guide.word("questions_heading") }</@>
            <ul class="ig-questions">
                for item in guide.content.questions_to_ask.iter() {
                    <li>{ guide.text(&item.text) }</li>
                }
            </ul>
            <button type="button" class="ig-button ig-secondary no-print" onclick={print}>
                { guide.word("print_questions") }
            </button>
        </section>
    }
}
