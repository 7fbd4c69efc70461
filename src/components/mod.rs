//! Yew components: pure rendering of the content model plus UI state.
//!
//! One component per file; each reads the shared [`context::Guide`], gets
//! its slice of the UI state (if it keeps any) as a property, and changes
//! state only by dispatching [`crate::state::Action`]s.

pub(crate) mod contact;
pub(crate) mod contents;
pub mod context;
pub(crate) mod crisis_notice;
pub(crate) mod disclaimer;
pub(crate) mod faq;
pub(crate) mod language;
pub(crate) mod overview;
pub(crate) mod prepare;
pub(crate) mod questions;
pub mod rich_text;
pub(crate) mod steps;
pub(crate) mod timeline;
pub(crate) mod visuals;
