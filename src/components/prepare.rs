//! Prepare for your visit: a checklist the patient can tick.
//!
//! Ticks stay in memory only, unless the patient turns on "remember on this
//! device"; then they are kept in the browser's local storage, and turning it
//! off (or clearing) forgets them there too. Nothing is stored by default.
//! A note under the choice says that some browsers (Safari) delete a site's
//! storage after 7 days without a visit, so "remember" is not forever.
//! The static page shows the items as a plain list: a box that cannot be
//! ticked is no use.

use std::rc::Rc;

use crate::content::collections::IdSet;

use yew::prelude::*;

use crate::platform::{self, TICKS_KEY};
use crate::state::{Action, ChecklistState};

use super::context::use_guide;

/// Properties of [`Prepare`].
#[derive(Clone, PartialEq, Properties)]
pub struct PrepareProps {
    /// The ticks, and whether to keep them on this device.
    pub state: Rc<ChecklistState>,
}

/// The "prepare for your visit" checklist.
#[component]
pub fn Prepare(props: &PrepareProps) -> Html {
    let guide = use_guide();
    let state = props.state.clone();
    {
        // Ticks kept from an earlier visit exist only if the patient chose so.
        let guide = guide.clone();
        use_effect_with((), move |_| {
            if let (Some(guide), Some(saved)) = (guide, platform::load(TICKS_KEY)) {
                let ticks: IdSet = saved.lines().map(str::to_owned).collect();
                guide.dispatch(Action::RestoreTicks(ticks));
            }
        });
    }
    {
        let kept = guide
            .as_ref()
            .map(|_| (state.remember, state.ticks.clone()));
        use_effect_with(kept, |kept| match kept {
            Some((true, ticks)) => {
                platform::save(TICKS_KEY, &ticks.iter().collect::<Vec<_>>().join("\n"))
            }
            Some((false, _)) => platform::forget(TICKS_KEY),
            None => {}
        });
    }
    let Some(guide) = guide else {
        return Html::default();
    };
    let h = guide.heading(1);
    let toggle = |id: &str| {
        let guide = guide.clone();
        let id = id.to_owned();
        Callback::from(move |_: Event| guide.dispatch(Action::ToggleTick(id.clone())))
    };
    let on_remember = {
        let guide = guide.clone();
        Callback::from(move |event: Event| {
            let input: web_sys::HtmlInputElement = event.target_unchecked_into();
            guide.dispatch(Action::SetRemember(input.checked()));
        })
    };
    let clear = {
        let guide = guide.clone();
        Callback::from(move |_: MouseEvent| guide.dispatch(Action::ClearTicks))
    };
    let note = guide.word("remember_note");
    if guide.mode.is_static() {
        return html! {
            <section class="ig-part" id="ig-prepare" aria-labelledby="ig-prepare-h">
                <@{h} id="ig-prepare-h" tabindex="-1">{ guide.word("prepare_heading") }</@>
                <ul class="ig-checklist-plain" data-testid="checklist">
                    for item in guide.content.checklist.iter() {
                        <li>{ guide.text(&item.text) }</li>
                    }
                </ul>
            </section>
        };
    }
    html! {
        <section class="ig-part" id="ig-prepare" aria-labelledby="ig-prepare-h">
            <@{h} id="ig-prepare-h" tabindex="-1">{ guide.word("prepare_heading") }</@>
            <ul class="ig-checklist" data-testid="checklist">
                for item in guide.content.checklist.iter() {
                    <li>
                        <input type="checkbox" class="ig-check" id={format!("ig-check-{}", item.id)}
                            checked={state.ticks.contains(&item.id)} onchange={toggle(&item.id)} />
                        <label for={format!("ig-check-{}", item.id)}>{ guide.text(&item.text) }</label>
                    </li>
                }
            </ul>
            <div class="ig-remember no-print">
                <span class="ig-remember-choice">
                    <input type="checkbox" class="ig-check" id="ig-remember" checked={state.remember}
                        onchange={on_remember} data-testid="remember"
                        aria-describedby={(!note.is_empty()).then_some("ig-remember-note")} />
                    <label for="ig-remember">{ guide.word("remember_on_device") }</label>
                </span>
                <button type="button" class="ig-button ig-secondary" onclick={clear}
                    disabled={state.ticks.is_empty()} data-testid="clear-ticks">
                    { guide.word("clear_ticks") }
                </button>
                // A clinic may remove the note (`"remember_note": null`).
                if !note.is_empty() {
                    <p class="ig-remember-note" id="ig-remember-note" data-testid="remember-note">
                        { note }
                    </p>
                }
            </div>
        </section>
    }
}
