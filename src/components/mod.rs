//! Yew components: pure rendering of the content model plus UI state.

pub mod rich_text;
