//! infusion-guide: an embeddable patient-education widget about IV ketamine
//! infusion for depression.
//!
//! Data flows one way: content JSON -> [`content`] (the crate
//! `infusion-guide-content` in `content-model/`: parsed, merged and
//! validated, plain Rust, tested natively; the compiler keeps it from
//! reaching up) -> [`components`] (pure Yew rendering of that model plus UI
//! state) -> the embed layer (`embed`, the only code that talks to the host
//! page, compiled for wasm32 only, with [`platform`]).

pub use infusion_guide_content as content;
pub use infusion_guide_content::readability;
#[cfg(not(target_arch = "wasm32"))]
pub use infusion_guide_content::schema;

pub mod app;
pub mod components;
pub mod platform;
#[cfg(not(target_arch = "wasm32"))]
pub mod render;
#[cfg(not(target_arch = "wasm32"))]
pub mod ssr;
pub(crate) mod state;

#[cfg(target_arch = "wasm32")]
mod embed;
