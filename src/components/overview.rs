//! "In short" and the introduction: what the treatment is and who it is for.

use yew::prelude::*;

use super::context::use_guide;

/// The summary box and the three introduction texts.
#[component]
pub fn Overview() -> Html {
    let Some(guide) = use_guide() else {
        return Html::default();
    };
    let g = &guide.content.guide;
    let (h, sub) = (guide.heading(1), guide.heading(2));
    html! {
        <section class="ig-part" id="ig-overview" aria-labelledby="ig-overview-h">
            <@{h} id="ig-overview-h" tabindex="-1">{ guide.word("overview_heading") }</@>
            <div class="ig-summary" data-testid="summary">{ guide.rich(&g.summary) }</div>
            <@{sub.clone()}>{ guide.word("what_it_is_heading") }</@>
            { guide.rich(&g.what_it_is) }
            <@{sub.clone()}>{ guide.word("who_it_is_for_heading") }</@>
            { guide.rich(&g.who_it_is_for) }
            <@{sub}>{ guide.word("who_may_not_heading") }</@>
            { guide.rich(&g.who_may_not_be_suitable) }
        </section>
    }
}
