//! The infusion, step by step (after GOV.UK's step-by-step navigation).
//!
//! One step at a time with "Step 3 of 7", previous and next; or all steps at
//! once. Every step stays in the document (the others `hidden`), so printing
//! shows them all and the current step survives a language switch. The static
//! page shows all steps, without the buttons.

use yew::prelude::*;

use crate::state::{Action, StepsState};

use super::context::{use_guide, GuideEvent};
use super::visuals::VisitPicture;

/// Properties of [`Steps`].
#[derive(Clone, PartialEq, Properties)]
pub struct StepsProps {
    /// Which step is shown, or all.
    pub state: StepsState,
}

/// The numbered steps of an infusion visit.
#[component]
pub fn Steps(props: &StepsProps) -> Html {
    let state = props.state;
    let Some(guide) = use_guide() else {
        return Html::default();
    };
    let steps = &guide.content.steps;
    let count = steps.len();
    let current = state.step.min(count.saturating_sub(1));
    let (h, sub) = (guide.heading(1), guide.heading(2));

    let go = |n: usize| {
        let guide = guide.clone();
        Callback::from(move |_: MouseEvent| {
            guide.dispatch(Action::GoToStep { n, count });
            if let Some(step) = guide.content.steps.get(n) {
                guide.on_event.emit(GuideEvent::Step(step.id.clone()));
            }
        })
    };
    let toggle_all = {
        let guide = guide.clone();
        Callback::from(move |_: MouseEvent| guide.dispatch(Action::ToggleAllSteps))
    };
    let progress = |n: usize| {
        guide.word_with(
            "step_of",
            &[("n", &(n + 1).to_string()), ("total", &count.to_string())],
        )
    };

    html! {
        <section class="ig-part" id="ig-steps" aria-labelledby="ig-steps-h">
            <@{h} id="ig-steps-h" tabindex="-1">{ guide.word("steps_heading") }</@>
            <VisitPicture />
            if !state.all && count > 0 {
                <p class="ig-progress no-print" aria-live="polite" data-testid="step-progress">
                    { progress(current) }
                </p>
                <div class="ig-progress-bar no-print" aria-hidden="true">
                    for i in 0..count {
                        <span class={classes!("ig-progress-dot", (i <= current).then_some("is-done"))}></span>
                    }
                </div>
            }
            <ol class={classes!("ig-steps", state.all.then_some("is-all"))}>
                for (i, step) in steps.iter().enumerate() {
                    <li class="ig-step" id={format!("ig-step-{}", step.id)}
                        hidden={!state.all && i != current}
                        data-testid="step">
                        <p class="ig-step-number">{ progress(i) }</p>
                        <@{sub.clone()} class="ig-step-title">{ guide.text(&step.title) }</@>
                        if let Some(duration) = &step.duration {
                            <p class="ig-duration">
                                <span class="ig-label">{ guide.word("duration") }{ ": " }</span>
                                { guide.text(duration) }
                            </p>
                        }
                        { guide.rich(&step.body) }
                    </li>
                }
            </ol>
            if !guide.mode.is_static() {
                <div class="ig-step-nav no-print">
                    if !state.all {
                        <button type="button" class="ig-button ig-secondary" onclick={go(current.saturating_sub(1))}
                            disabled={current == 0} data-testid="previous-step">
                            { guide.word("previous_step") }
                        </button>
                        <button type="button" class="ig-button" onclick={go(current + 1)}
                            disabled={current + 1 >= count} data-testid="next-step">
                            { guide.word("next_step") }
                        </button>
                    }
                    <button type="button" class="ig-button ig-link-button" onclick={toggle_all}
                        aria-pressed={state.all.to_string()} data-testid="toggle-all-steps">
                        { guide.word(if state.all { "show_one_step" } else { "show_all_steps" }) }
                    </button>
                </div>
            }
        </section>
    }
}
