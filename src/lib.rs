//! infusion-guide: an embeddable patient-education widget about IV ketamine
//! infusion for depression.
//!
//! Data flows one way: content JSON -> [`content`] (parsed, merged and
//! validated, plain Rust, tested natively) -> [`components`] (pure Yew
//! rendering of that model plus UI state) -> the embed layer (`embed`, the only
//! code that talks to the host page, compiled for wasm32 only).

pub mod app;
pub mod collections;
pub mod components;
pub mod content;
pub mod platform;
pub mod readability;
#[cfg(not(target_arch = "wasm32"))]
pub mod render;
pub mod schema;
#[cfg(not(target_arch = "wasm32"))]
pub mod ssr;
pub mod state;
pub mod text;

#[cfg(target_arch = "wasm32")]
mod embed;
