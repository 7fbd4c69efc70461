//! The few browser services the components use: device storage (only with
//! the patient's consent), the host page's URL fragment and its changes,
//! scrolling, focus and printing. With the embed layer, the only code that
//! touches the host page.
//!
//! On wasm32 they call the browser; natively (tests, server-side rendering)
//! they do nothing, so components stay renderable everywhere. Every browser
//! call can fail (storage disabled, sandboxed frames): failures are ignored,
//! never panics.

/// The storage key of the remembered checklist ticks.
pub const TICKS_KEY: &str = "infusion-guide:ticks:v1";

#[cfg(target_arch = "wasm32")]
mod imp {
    use web_sys::{Element, HtmlElement};

    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok().flatten()
    }

    pub fn load(key: &str) -> Option<String> {
        storage()?.get_item(key).ok().flatten()
    }

    pub fn save(key: &str, value: &str) {
        if let Some(storage) = storage() {
            let _ = storage.set_item(key, value);
        }
    }

    pub fn forget(key: &str) {
        if let Some(storage) = storage() {
            let _ = storage.remove_item(key);
        }
    }

    pub fn location_hash() -> String {
        web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .unwrap_or_default()
    }

    /// Listens until [`HashWatch::stop`] (or until dropped).
    pub struct HashWatch(Option<gloo::events::EventListener>);

    impl HashWatch {
        /// Removes the listener.
        pub fn stop(self) {
            drop(self.0);
        }
    }

    /// Calls `then` whenever the host page's URL fragment changes, until
    /// the returned [`HashWatch`] is dropped.
    pub fn on_hash_change(mut then: impl FnMut() + 'static) -> HashWatch {
        HashWatch(
            web_sys::window().map(|window| {
                gloo::events::EventListener::new(&window, "hashchange", move |_| then())
            }),
        )
    }

    pub fn scroll_to(element: &Element) {
        element.scroll_into_view_with_bool(true);
    }

    /// Shows the questions whose indexes are in `shown` (sorted) and hides
    /// the others, touching only those that change. The questions are the
    /// children of `list` (a `dl`), or of each of its children (the lists of
    /// a long FAQ), which are hidden when none of their questions is shown.
    pub fn show_only(list: &yew::NodeRef, shown: &[usize]) {
        use wasm_bindgen::JsCast;
        let Some(list) = list.cast::<Element>() else {
            return;
        };
        let set_hidden = |element: Element, hidden: bool| {
            if let Ok(element) = element.dyn_into::<HtmlElement>() {
                if element.hidden() != hidden {
                    element.set_hidden(hidden);
                }
            }
        };
        let groups = if list.tag_name() == "DL" {
            vec![list.clone()]
        } else {
            let chunks = list.children();
            (0..chunks.length())
                .filter_map(|i| chunks.item(i))
                .collect()
        };
        let mut shown = shown.iter().copied().peekable();
        let mut index = 0;
        for group in groups {
            let children = group.children();
            let mut any = false;
            for i in 0..children.length() {
                let visible = shown.next_if_eq(&index).is_some();
                index += 1;
                any |= visible;
                if let Some(child) = children.item(i) {
                    set_hidden(child, !visible);
                }
            }
            if group != list {
                set_hidden(group, !any);
            }
        }
    }

    pub fn focus(element: &Element) {
        use wasm_bindgen::JsCast;
        if let Some(element) = element.dyn_ref::<HtmlElement>() {
            let _ = element.focus();
        }
    }

    pub fn print() {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    }

    /// Runs `then` once the browser has painted its next frame: in a task
    /// posted from the next animation frame, which runs after that frame's
    /// paint (a hidden page paints no frames: then when it is shown). Every
    /// closure handed to the browser frees itself when called, a frame or a
    /// task later (a forgotten one would leak on every mount).
    /// Calling the returned function cancels: `then` (and what it holds) is
    /// dropped at once, and the pending callbacks find nothing to run.
    pub fn after_next_paint(then: impl FnOnce() + 'static) -> impl FnOnce() {
        use std::cell::Cell;
        use std::rc::Rc;
        use wasm_bindgen::closure::Closure;
        use wasm_bindgen::JsCast;

        // Taken by whichever runs first, or by a cancel; the rest find nothing.
        let then = Rc::new(Cell::new(Some(then)));
        let cancel = {
            let then = then.clone();
            move || drop(then.take())
        };
        let Some(window) = web_sys::window() else {
            if let Some(then) = then.take() {
                then();
            }
            return cancel;
        };
        let run = move || {
            if let Some(then) = then.take() {
                then();
            }
        };
        // A timer whose closure is freed once it has run.
        let timeout = |run: Box<dyn FnOnce()>, ms: i32| {
            if let Some(window) = web_sys::window() {
                let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                    Closure::once_into_js(run).unchecked_ref(),
                    ms,
                );
            }
        };
        let frame = Closure::once_into_js(move || timeout(Box::new(run), 0));
        let _ = window.request_animation_frame(frame.unchecked_ref());
        cancel
    }

    /// Prints with only `part` of the guide showing: marks it and its
    /// guide for the print styles until the browser says printing is over.
    ///
    /// The marks go on `afterprint`, never when `print()` returns: Chromium
    /// and Firefox block in `print()` until the dialog closes, but Safari may
    /// return at once and print later, which would print the whole guide.
    pub fn print_only(part: &yew::NodeRef) {
        use wasm_bindgen::closure::Closure;
        use wasm_bindgen::JsCast;

        let (Some(part), Some(window)) = (part.cast::<Element>(), web_sys::window()) else {
            return print();
        };
        let guide = part.closest(".ig").ok().flatten();
        let mark = move |on: bool| {
            let _ = part.class_list().toggle_with_force("ig-print-only", on);
            if let Some(guide) = &guide {
                let _ = guide.class_list().toggle_with_force("ig-printing-part", on);
            }
        };
        mark(true);
        // Freed when called; `once` removes the listener after that one call.
        let unmark = Closure::once_into_js(move || mark(false));
        let options = web_sys::AddEventListenerOptions::new();
        options.set_once(true);
        let _ = window.add_event_listener_with_callback_and_add_event_listener_options(
            "afterprint",
            unmark.unchecked_ref(),
            &options,
        );
        let _ = window.print();
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use web_sys::Element;

    pub fn load(_key: &str) -> Option<String> {
        None
    }
    pub fn save(_key: &str, _value: &str) {}
    pub fn forget(_key: &str) {}
    pub fn location_hash() -> String {
        String::new()
    }
    pub struct HashWatch;
    impl HashWatch {
        pub fn stop(self) {}
    }
    pub fn on_hash_change(_then: impl FnMut() + 'static) -> HashWatch {
        HashWatch
    }
    pub fn scroll_to(_element: &Element) {}
    pub fn show_only(_list: &yew::NodeRef, _shown: &[usize]) {}
    pub fn focus(_element: &Element) {}
    pub fn print() {}
    pub fn print_only(_part: &yew::NodeRef) {}
    pub fn after_next_paint(then: impl FnOnce() + 'static) -> impl FnOnce() {
        then();
        || {}
    }
}

pub use imp::*;
