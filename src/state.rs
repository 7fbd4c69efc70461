//! The patient's UI state and how it changes: one reducer, actions only.
//!
//! Components dispatch [`Action`]s; nothing else changes the state. What the
//! state means is independent of language, so the current step, the open
//! questions and the ticks survive a language switch.

use crate::collections::IdSet;
use std::rc::Rc;

use yew::prelude::*;

/// Everything the patient has done in one widget.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GuideState {
    /// The language the patient picked in the switcher, if any.
    pub chosen_lang: Option<String>,
    /// The step shown, counted from 0.
    pub step: usize,
    /// Whether all steps are shown at once instead of one at a time.
    pub all_steps: bool,
    /// Ids of the open questions.
    pub open_faq: IdSet,
    /// The FAQ search text.
    pub query: String,
    /// The FAQ topic filter (a category id), if any.
    pub category: Option<String>,
    /// Ids of the ticked checklist items.
    pub ticks: IdSet,
    /// Whether the patient chose to keep the ticks on this device.
    pub remember: bool,
}

impl GuideState {
    /// The state of a guide shown whole, as the static page shows it (see
    /// [`crate::render`]): every step at once and every question (`faq_ids`)
    /// open. A widget mounted over that page starts here, so nothing moves.
    pub fn everything_open(faq_ids: impl IntoIterator<Item = String>) -> GuideState {
        GuideState {
            all_steps: true,
            open_faq: faq_ids.into_iter().collect(),
            ..GuideState::default()
        }
    }
}

/// One change to the [`GuideState`].
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The patient picked a language.
    ChooseLanguage(String),
    /// Show step `n` (clamped to the last step, `count - 1`).
    GoToStep { n: usize, count: usize },
    /// Switch between one step at a time and all steps.
    ToggleAllSteps,
    /// Open or close one question.
    ToggleFaq(String),
    /// Open the question (from a deep link or find-in-page).
    OpenFaq(String),
    /// Open all of these questions.
    OpenAll(Vec<String>),
    /// Close every question.
    CloseAll,
    /// The search text changed.
    Search(String),
    /// Filter by topic (`None` for all).
    FilterCategory(Option<String>),
    /// Tick or untick a checklist item.
    ToggleTick(String),
    /// Ticks loaded from the device (the patient chose to keep them earlier).
    RestoreTicks(IdSet),
    /// The patient turned "remember on this device" on or off.
    SetRemember(bool),
    /// Untick everything.
    ClearTicks,
}

impl Reducible for GuideState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut state = (*self).clone();
        match action {
            Action::ChooseLanguage(lang) => state.chosen_lang = Some(lang),
            Action::GoToStep { n, count } => state.step = n.min(count.saturating_sub(1)),
            Action::ToggleAllSteps => state.all_steps = !state.all_steps,
            Action::ToggleFaq(id) => {
                if !state.open_faq.remove(&id) {
                    state.open_faq.insert(id);
                }
            }
            Action::OpenFaq(id) => {
                state.open_faq.insert(id);
            }
            Action::OpenAll(ids) => state.open_faq.extend(ids),
            Action::CloseAll => state.open_faq.clear(),
            Action::Search(query) => state.query = query,
            Action::FilterCategory(category) => state.category = category,
            Action::ToggleTick(id) => {
                if !state.ticks.remove(&id) {
                    state.ticks.insert(id);
                }
            }
            Action::RestoreTicks(ticks) => {
                state.ticks = ticks;
                state.remember = true;
            }
            Action::SetRemember(remember) => state.remember = remember,
            Action::ClearTicks => state.ticks.clear(),
        }
        if state == *self {
            self
        } else {
            Rc::new(state)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(state: GuideState, actions: Vec<Action>) -> GuideState {
        let state = actions.into_iter().fold(Rc::new(state), |s, a| s.reduce(a));
        (*state).clone()
    }

    #[test]
    fn steps_are_clamped_to_the_last_one() {
        let state = apply(
            GuideState::default(),
            vec![Action::GoToStep { n: 9, count: 7 }],
        );
        assert_eq!(state.step, 6);
        let state = apply(state, vec![Action::GoToStep { n: 0, count: 0 }]);
        assert_eq!(state.step, 0);
    }

    #[test]
    fn the_step_survives_a_language_switch() {
        let state = apply(
            GuideState::default(),
            vec![
                Action::GoToStep { n: 3, count: 7 },
                Action::ChooseLanguage("es".into()),
            ],
        );
        assert_eq!((state.step, state.chosen_lang.as_deref()), (3, Some("es")));
    }

    #[test]
    fn questions_toggle_open_all_and_close_all() {
        let state = apply(
            GuideState::default(),
            vec![
                Action::ToggleFaq("a".into()),
                Action::ToggleFaq("b".into()),
                Action::ToggleFaq("a".into()),
            ],
        );
        assert_eq!(state.open_faq.iter().collect::<Vec<_>>(), ["b"]);
        let state = apply(state, vec![Action::OpenAll(vec!["a".into(), "c".into()])]);
        assert_eq!(state.open_faq.len(), 3);
        let state = apply(state, vec![Action::CloseAll]);
        assert!(state.open_faq.is_empty());
    }

    #[test]
    fn ticks_are_not_remembered_unless_chosen() {
        let state = apply(
            GuideState::default(),
            vec![Action::ToggleTick("ride".into())],
        );
        assert!(!state.remember);
        let state = apply(state, vec![Action::SetRemember(true), Action::ClearTicks]);
        assert!(state.remember && state.ticks.is_empty());
    }

    #[test]
    fn everything_open_shows_all_steps_and_answers_and_nothing_else() {
        let state = GuideState::everything_open(["a".to_owned(), "b".to_owned()]);
        assert!(state.all_steps);
        assert_eq!(state.open_faq.iter().collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(
            GuideState {
                all_steps: false,
                open_faq: IdSet::default(),
                ..state
            },
            GuideState::default()
        );
    }

    #[test]
    fn an_action_that_changes_nothing_keeps_the_same_state() {
        let state = Rc::new(GuideState::default());
        let same = state.clone().reduce(Action::CloseAll);
        assert!(Rc::ptr_eq(&state, &same));
    }
}
