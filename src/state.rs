//! The patient's UI state and how it changes: one reducer, actions only.
//!
//! Components dispatch [`Action`]s; nothing else changes the state. What the
//! state means is independent of language, so the current step, the open
//! questions and the ticks survive a language switch.
//!
//! The state is kept in slices, one per part that keeps state ([`StepsState`],
//! [`FaqState`], [`ChecklistState`]), and the app hands each part its slice as
//! a property: an action replaces only its slice, so only the part that reads
//! that slice renders again (a keystroke in the FAQ search re-renders the FAQ,
//! not the steps or the checklist).

use std::rc::Rc;

use yew::prelude::*;

use crate::content::collections::IdSet;

/// Everything the patient has done in one widget.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GuideState {
    /// The language the patient picked in the switcher, if any.
    pub chosen_lang: Option<String>,
    /// The steps: which one is shown, or all.
    pub steps: StepsState,
    /// The questions: which are open, the search and the topic.
    pub faq: Rc<FaqState>,
    /// The checklist: ticks, and whether to keep them on the device.
    pub checklist: Rc<ChecklistState>,
}

/// The state of the steps part.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StepsState {
    /// The step shown, counted from 0.
    pub step: usize,
    /// Whether all steps are shown at once instead of one at a time.
    pub all: bool,
}

/// The state of the questions part.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FaqState {
    /// Ids of the open questions; an `Rc` of its own, so that the list of
    /// questions sees the same set while the patient types a search.
    pub open: Rc<IdSet>,
    /// The search text.
    pub query: String,
    /// The topic filter (a category id), if any.
    pub category: Option<String>,
}

/// The state of the "prepare for your visit" checklist.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChecklistState {
    /// Ids of the ticked items.
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
            steps: StepsState {
                all: true,
                ..StepsState::default()
            },
            faq: Rc::new(FaqState {
                open: Rc::new(faq_ids.into_iter().collect()),
                ..FaqState::default()
            }),
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

/// The open questions of `state`, to change (copied if shared).
fn open_mut(state: &mut GuideState) -> &mut IdSet {
    Rc::make_mut(&mut Rc::make_mut(&mut state.faq).open)
}

/// Toggles `id` in `set`.
fn toggle(set: &mut IdSet, id: String) {
    if !set.remove(&id) {
        set.insert(id);
    }
}

impl Reducible for GuideState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        // The slices are shared with the old state; `make_mut` copies only
        // the one an action writes to, so the others stay the same `Rc`. An
        // action that changes nothing gives back the old state (below).
        let mut state = (*self).clone();
        match action {
            Action::ChooseLanguage(lang) => state.chosen_lang = Some(lang),
            Action::GoToStep { n, count } => state.steps.step = n.min(count.saturating_sub(1)),
            Action::ToggleAllSteps => state.steps.all = !state.steps.all,
            Action::ToggleFaq(id) => toggle(open_mut(&mut state), id),
            Action::OpenFaq(id) => {
                open_mut(&mut state).insert(id);
            }
            Action::OpenAll(ids) => open_mut(&mut state).extend(ids),
            Action::CloseAll => open_mut(&mut state).clear(),
            Action::Search(query) => Rc::make_mut(&mut state.faq).query = query,
            Action::FilterCategory(category) => Rc::make_mut(&mut state.faq).category = category,
            Action::ToggleTick(id) => toggle(&mut Rc::make_mut(&mut state.checklist).ticks, id),
            Action::RestoreTicks(ticks) => {
                state.checklist = Rc::new(ChecklistState {
                    ticks,
                    remember: true,
                });
            }
            Action::SetRemember(remember) => Rc::make_mut(&mut state.checklist).remember = remember,
            Action::ClearTicks => Rc::make_mut(&mut state.checklist).ticks.clear(),
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
        assert_eq!(state.steps.step, 6);
        let state = apply(state, vec![Action::GoToStep { n: 0, count: 0 }]);
        assert_eq!(state.steps.step, 0);
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
        assert_eq!(
            (state.steps.step, state.chosen_lang.as_deref()),
            (3, Some("es"))
        );
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
        assert_eq!(state.faq.open.iter().collect::<Vec<_>>(), ["b"]);
        let state = apply(state, vec![Action::OpenAll(vec!["a".into(), "c".into()])]);
        assert_eq!(state.faq.open.len(), 3);
        let state = apply(state, vec![Action::CloseAll]);
        assert!(state.faq.open.is_empty());
    }

    #[test]
    fn ticks_are_not_remembered_unless_chosen() {
        let state = apply(
            GuideState::default(),
            vec![Action::ToggleTick("ride".into())],
        );
        assert!(!state.checklist.remember);
        let state = apply(state, vec![Action::SetRemember(true), Action::ClearTicks]);
        assert!(state.checklist.remember && state.checklist.ticks.is_empty());
    }

    #[test]
    fn everything_open_shows_all_steps_and_answers_and_nothing_else() {
        let state = GuideState::everything_open(["a".to_owned(), "b".to_owned()]);
        assert!(state.steps.all);
        assert_eq!(state.faq.open.iter().collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(
            GuideState {
                steps: StepsState::default(),
                faq: Rc::default(),
                ..state
            },
            GuideState::default()
        );
    }

    #[test]
    fn an_action_replaces_only_its_own_slice() {
        let state = Rc::new(GuideState::default());
        let searched = state.clone().reduce(Action::Search("pain".into()));
        assert_eq!(searched.faq.query, "pain");
        assert!(!Rc::ptr_eq(&state.faq, &searched.faq));
        assert!(Rc::ptr_eq(&state.faq.open, &searched.faq.open));
        assert!(Rc::ptr_eq(&state.checklist, &searched.checklist));
        let ticked = searched.clone().reduce(Action::ToggleTick("ride".into()));
        assert!(Rc::ptr_eq(&searched.faq, &ticked.faq));
        assert!(!Rc::ptr_eq(&searched.checklist, &ticked.checklist));
    }

    #[test]
    fn an_action_that_changes_nothing_keeps_the_same_state() {
        let state = Rc::new(GuideState::default());
        let same = state.clone().reduce(Action::CloseAll);
        assert!(Rc::ptr_eq(&state, &same));
    }
}
