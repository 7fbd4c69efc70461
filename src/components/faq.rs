//! Questions and answers: the WAI-ARIA disclosure FAQ.
//!
//! `dl` > `dt` > `button[aria-expanded][aria-controls]` > `dd`. Closed
//! answers are `hidden="until-found"`, so the browser's find-in-page still
//! finds them (and opens them, via `beforematch`); printing shows them all.
//! A search box filters questions and answers as the patient types and
//! announces the number of matches politely. The questions are a component
//! of their own ([`FaqList`]) that renders again only when the content, the
//! language or the open questions change: the search shows and hides them
//! by their `hidden` attribute after each render, so a keystroke costs the
//! questions whose visibility changed, not a pass over all of them.
//! `#faq-<id>` in the host page's URL opens that question and scrolls to it.
//! The static page shows every question with its answer, without the search,
//! the topics and the buttons.

use std::rc::Rc;

use yew::prelude::*;

use crate::content::collections::IdSet;
use crate::content::search::SearchIndex;
use crate::content::{Region, SharedContent};
use crate::platform;
use crate::state::{Action, FaqState};

use super::context::{use_guide, Guide, GuideEvent};
use super::rich_text::{render_rich, Place};

/// From this many questions on, the list is split into lists of [`CHUNK`]
/// questions, and those off screen are not styled or laid out (the CSS of
/// `.ig-faq-chunk`): showing hundreds again after a search costs the chunks
/// on screen, not every question. Shorter lists are one list, drawn whole,
/// as every page and screenshot tool expects.
const LONG_FAQ: usize = 60;

/// Questions per list in a long FAQ.
const CHUNK: usize = 20;

/// Properties of [`Faq`].
#[derive(Clone, PartialEq, Properties)]
pub struct FaqProps {
    /// The open questions, the search and the topic.
    pub state: Rc<FaqState>,
}

/// The questions and answers, with search, topics, open all and close all.
#[component]
pub fn Faq(props: &FaqProps) -> Html {
    let guide = use_guide();
    let state = &props.state;
    let list_ref = use_node_ref();
    let content = guide.as_ref().map(|g| g.content.clone());
    let lang = guide.as_ref().map(|g| g.lang.clone()).unwrap_or_default();
    // Folding every answer to plain searchable text is done once per content
    // and language, not on every keystroke.
    let index = use_memo(
        (content.clone().map(SharedContent), lang.clone()),
        |(content, lang)| {
            content
                .as_ref()
                .map(|c| SearchIndex::new(&c.0.faq, lang, &c.0.fallback_language))
                .unwrap_or_default()
        },
    );

    let matches: Vec<usize> = index.matching(&state.query, state.category.as_deref());
    {
        // Show the matching questions, hide the others: after every render
        // whose matches, content or language changed.
        let list_ref = list_ref.clone();
        use_effect_with(
            (
                matches.clone(),
                content.clone().map(SharedContent),
                lang.clone(),
            ),
            move |(matches, _, _)| platform::show_only(&list_ref, matches),
        );
    }
    use_deep_links(guide.clone(), list_ref.clone());
    use_find_in_page(guide.clone(), list_ref.clone());

    // One callback for every question, the same on every render, so that a
    // question whose props did not change is not rendered again: typing in
    // the search box with 1,000 questions re-renders only those shown or hidden.
    let on_toggle = use_callback(
        guide
            .as_ref()
            .map(|g| (g.dispatcher.clone(), g.on_event.clone())),
        |(id, opening): (String, bool), deps| {
            if let Some((dispatcher, on_event)) = deps {
                dispatcher.dispatch(Action::ToggleFaq(id.clone()));
                if opening {
                    on_event.emit(GuideEvent::FaqOpen(id));
                }
            }
        },
    );

    let Some(guide) = guide else {
        return Html::default();
    };
    let (h, sub) = (guide.heading(1), guide.heading(2));

    let on_search = {
        let guide = guide.clone();
        Callback::from(move |event: InputEvent| {
            let input: web_sys::HtmlInputElement = event.target_unchecked_into();
            guide.dispatch(Action::Search(input.value()));
        })
    };
    let open_all = {
        // The ids are looked up on the click, not on every keystroke.
        let guide = guide.clone();
        let matches = matches.clone();
        Callback::from(move |_: MouseEvent| {
            let ids = matches
                .iter()
                .filter_map(|&i| guide.content.faq.get(i))
                .map(|q| q.id.clone())
                .collect();
            guide.dispatch(Action::OpenAll(ids));
        })
    };
    let close_all = {
        let guide = guide.clone();
        Callback::from(move |_: MouseEvent| guide.dispatch(Action::CloseAll))
    };
    let item = ItemShared {
        content: SharedContent(guide.content.clone()),
        lang: guide.lang.clone(),
        region: guide.region,
        heading: AttrValue::from(sub),
        static_html: guide.mode.is_static(),
        on_toggle: on_toggle.clone(),
    };
    let filter = |category: Option<String>| {
        let guide = guide.clone();
        Callback::from(move |_: MouseEvent| {
            guide.dispatch(Action::FilterCategory(category.clone()))
        })
    };
    let used_categories: Vec<_> = guide
        .content
        .faq_categories
        .iter()
        .filter(|c| {
            guide
                .content
                .faq
                .iter()
                .any(|q| q.category.as_deref() == Some(&c.id))
        })
        .collect();
    let filtering = !state.query.trim().is_empty() || state.category.is_some();
    let status = match matches.len() {
        _ if !filtering => String::new(),
        0 => guide.word("faq_no_match").to_owned(),
        1 => guide.word("faq_one_match").to_owned(),
        n => guide.word_with("faq_matches", &[("n", &n.to_string())]),
    };

    html! {
        <section class="ig-part" id="ig-faq" aria-labelledby="ig-faq-h">
            <@{h} id="ig-faq-h" tabindex="-1">{ guide.word("faq_heading") }</@>
            if !guide.mode.is_static() {
                <div class="ig-faq-tools no-print">
                    <label class="ig-search-label" for="ig-faq-search">{ guide.word("faq_search_label") }</label>
                    <input class="ig-search" id="ig-faq-search" type="search" autocomplete="off"
                        value={state.query.clone()} oninput={on_search} data-testid="faq-search" />
                    if used_categories.len() > 1 {
                        <div class="ig-topics" role="group" aria-label={guide.word("all_categories").to_owned()}>
                            <button type="button" class="ig-chip" aria-pressed={state.category.is_none().to_string()}
                                onclick={filter(None)}>{ guide.word("all_categories") }</button>
                            for category in used_categories.iter() {
                                <button type="button" class="ig-chip"
                                    aria-pressed={(state.category.as_deref() == Some(category.id.as_str())).to_string()}
                                    onclick={filter(Some(category.id.clone()))}>{ guide.text(&category.label) }</button>
                            }
                        </div>
                    }
                    <div class="ig-faq-buttons">
                        <button type="button" class="ig-button ig-secondary" onclick={open_all} data-testid="faq-open-all">
                            { guide.word("expand_all") }
                        </button>
                        <button type="button" class="ig-button ig-secondary" onclick={close_all} data-testid="faq-close-all">
                            { guide.word("collapse_all") }
                        </button>
                    </div>
                    <p class="ig-status" role="status" aria-live="polite" data-testid="faq-status">{ status }</p>
                </div>
            }
            <FaqList shared={item} open={state.open.clone()} {list_ref} />
        </section>
    }
}

/// Opens and shows the question a `#faq-<id>` fragment in the host page's
/// URL names: on load and whenever the fragment changes.
#[hook]
fn use_deep_links(guide: Option<Guide>, list_ref: NodeRef) {
    use_effect_with((), move |_| {
        let open_from_hash = {
            let guide = guide.clone();
            let list_ref = list_ref.clone();
            move || {
                let (Some(guide), Some(id)) =
                    (guide.as_ref(), deep_link_id(&platform::location_hash()))
                else {
                    return;
                };
                if guide.content.faq.iter().any(|q| q.id == id) {
                    guide.dispatch(Action::OpenFaq(id.clone()));
                    let list_ref = list_ref.clone();
                    // Once the opened answer is on screen.
                    let _ = platform::after_next_paint(move || {
                        if let Some(question) = list_ref.cast::<web_sys::Element>().and_then(|l| {
                            l.query_selector(&format!("#faq-{id} button"))
                                .ok()
                                .flatten()
                        }) {
                            platform::scroll_to(&question);
                            platform::focus(&question);
                        }
                    });
                }
            }
        };
        open_from_hash();
        let watch = platform::on_hash_change(open_from_hash);
        move || watch.stop()
    });
}

/// Keeps the open questions in step when the browser's find-in-page opens a
/// closed answer (`beforematch`).
#[hook]
fn use_find_in_page(guide: Option<Guide>, list_ref: NodeRef) {
    use_effect_with((), move |_| {
        let listener = list_ref.cast::<web_sys::Element>().map(|list| {
            gloo::events::EventListener::new(&list, "beforematch", move |event| {
                let id = event
                    .target()
                    .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
                    .and_then(|el| el.get_attribute("data-faq-id"));
                if let (Some(guide), Some(id)) = (guide.as_ref(), id) {
                    guide.dispatch(Action::OpenFaq(id.clone()));
                    guide.on_event.emit(GuideEvent::FaqOpen(id));
                }
            })
        });
        move || drop(listener)
    });
}

#[derive(Clone, PartialEq, Properties)]
struct FaqListProps {
    shared: ItemShared,
    /// The open questions (the same `Rc` while only the search changes).
    open: Rc<IdSet>,
    /// The `dl`, for showing and hiding questions.
    list_ref: NodeRef,
}

/// Every question, in order, each shown or hidden by [`Faq`]'s search. A
/// long list is a series of lists of [`CHUNK`] questions each, in a `div`.
#[component]
fn FaqList(props: &FaqListProps) -> Html {
    let FaqListProps {
        shared,
        open,
        list_ref,
    } = props;
    let faq = &shared.content.0.faq;
    // No keys: the questions never change order, and a plain list is
    // cheaper to compare than 1,000 keys.
    let items = |range: std::ops::Range<usize>| -> Html {
        faq[range.clone()]
            .iter()
            .zip(range)
            .map(|(question, index)| {
                html! { <FaqItem shared={shared.clone()} {index} open={open.contains(&question.id)} /> }
            })
            .collect()
    };
    if faq.len() < LONG_FAQ {
        return html! { <dl class="ig-faq" ref={list_ref}>{ items(0..faq.len()) }</dl> };
    }
    html! {
        <div class="ig-faq-long" ref={list_ref}>
            for start in (0..faq.len()).step_by(CHUNK) {
                <dl class="ig-faq ig-faq-chunk">{ items(start..(start + CHUNK).min(faq.len())) }</dl>
            }
        </div>
    }
}

/// What every question shares: equal across renders unless the content, the
/// language or the heading level changed.
#[derive(Clone, PartialEq)]
struct ItemShared {
    /// Compared by identity, as the app's content.
    content: SharedContent,
    lang: AttrValue,
    /// Whose numbers the answers' `{crisis}` and `{emergency}` show.
    region: Region,
    heading: AttrValue,
    static_html: bool,
    /// `(id, opening)` when the patient opens or closes a question.
    on_toggle: Callback<(String, bool)>,
}

#[derive(Clone, PartialEq, Properties)]
struct FaqItemProps {
    shared: ItemShared,
    /// The question's place in `content.faq`.
    index: usize,
    open: bool,
}

/// One question and its answer. It reads no context, so it renders again
/// only when its own props change. Its `hidden` attribute belongs to the
/// search ([`platform::show_only`]), not to this render.
#[component]
fn FaqItem(props: &FaqItemProps) -> Html {
    let FaqItemProps {
        shared,
        index,
        open,
    } = props;
    let Some(question) = shared.content.0.faq.get(*index) else {
        return Html::default();
    };
    html! {
        <div class="ig-faq-item" id={format!("faq-{}", question.id)} data-testid="faq-item">
            <FaqQuestion shared={shared.clone()} index={*index} open={*open} />
        </div>
    }
}

#[derive(Clone, PartialEq, Properties)]
struct FaqQuestionProps {
    shared: ItemShared,
    index: usize,
    open: bool,
}

/// A question's disclosure button (a heading on the static page) and its answer.
#[component]
fn FaqQuestion(props: &FaqQuestionProps) -> Html {
    let FaqQuestionProps {
        shared,
        index,
        open,
    } = props;
    let content = &shared.content.0;
    let Some(question) = content.faq.get(*index) else {
        return Html::default();
    };
    let title = question
        .question
        .get(&shared.lang, &content.fallback_language);
    let heading = shared.heading.to_string();
    let toggle = {
        let (on_toggle, id, open) = (shared.on_toggle.clone(), question.id.clone(), *open);
        Callback::from(move |_: MouseEvent| on_toggle.emit((id.clone(), !open)))
    };
    html! {
        <>
            <dt>
                if shared.static_html {
                    <@{heading} class="ig-question is-static">{ title }</@>
                } else {
                    <@{heading} class="ig-question">
                        <button type="button" class="ig-disclosure"
                            aria-expanded={open.to_string()}
                            aria-controls={format!("faq-{}-answer", question.id)}
                            onclick={toggle}>
                            { title }
                        </button>
                    </@>
                }
            </dt>
            { hidden_until_found(html! {
                <dd id={format!("faq-{}-answer", question.id)} class="ig-answer" data-faq-id={question.id.clone()}>
                    <FaqAnswer shared={shared.clone()} index={*index} />
                </dd>
            }, !open) }
        </>
    }
}

#[derive(Clone, PartialEq, Properties)]
struct FaqAnswerProps {
    shared: ItemShared,
    index: usize,
}

/// An answer's formatted text: the largest part of a question, and the same
/// whether the question is shown, hidden, open or closed, so those changes
/// do not render it again.
#[component]
fn FaqAnswer(props: &FaqAnswerProps) -> Html {
    let content = &props.shared.content.0;
    content
        .faq
        .get(props.index)
        .map_or_else(Html::default, |question| {
            render_rich(
                &question
                    .answer
                    .get(&props.shared.lang, &content.fallback_language),
                Place {
                    region: props.shared.region,
                    lang: &props.shared.lang,
                },
            )
        })
}

/// Marks a closed answer `hidden="until-found"`: hidden, yet found (and
/// opened) by the browser's find-in-page. `html!` only knows `hidden` as a
/// true/false attribute, so the value is set on the element's node directly.
fn hidden_until_found(mut node: Html, hidden: bool) -> Html {
    if let (Html::VTag(tag), true) = (&mut node, hidden) {
        std::rc::Rc::make_mut(tag).add_attribute("hidden", "until-found");
    }
    node
}

/// The question id in a `#faq-<id>` fragment.
fn deep_link_id(hash: &str) -> Option<String> {
    hash.strip_prefix("#faq-")
        .filter(|id| !id.is_empty())
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_links_name_a_question() {
        assert_eq!(
            deep_link_id("#faq-does-it-hurt").as_deref(),
            Some("does-it-hurt")
        );
        assert_eq!(deep_link_id("#faq-"), None);
        assert_eq!(deep_link_id("#steps"), None);
        assert_eq!(deep_link_id(""), None);
    }
}
