//! Yew components: pure rendering of the content model plus UI state.
//!
//! One component per file; each reads the shared [`context::Guide`], gets
//! its slice of the UI state (if it keeps any) as a property, and changes
//! state only by dispatching [`crate::state::Action`]s.

pub mod contact;
pub mod contents;
pub mod context;
pub mod crisis_notice;
pub mod disclaimer;
pub mod faq;
pub mod language;
pub mod overview;
pub mod prepare;
pub mod questions;
pub mod rich_text;
pub mod steps;
pub mod timeline;
