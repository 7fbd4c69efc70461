//! infusion-guide: an embeddable patient-education widget about IV ketamine
//! infusion for depression.
//!
//! Data flows one way: content JSON -> [`content`] (the crate
//! `infusion-guide-content` in `content-model/`: parsed, merged and
//! validated, plain Rust, tested natively; the compiler keeps it from
//! reaching up) -> [`components`] (pure Yew rendering of that model plus UI
//! state) -> the embed layer (`embed`, the only code that talks to the host
//! page, compiled for wasm32 only, with [`platform`]). With the `ssr`
//! feature the embed layer is left out and [`render`] is in: that is the
//! editor page's wasm (`editor-render/`), which renders the static page.

pub use infusion_guide_content as content;
pub use infusion_guide_content::readability;
#[cfg(not(target_arch = "wasm32"))]
pub use infusion_guide_content::schema;

pub mod app;
pub mod components;
pub mod platform;
// Rendering to HTML: native (the command-line tool, the tests), and in the
// editor page's wasm (the `ssr` feature, editor-render/).
#[cfg(not(target_arch = "wasm32"))]
pub mod prerender;
#[cfg(any(not(target_arch = "wasm32"), feature = "ssr"))]
pub mod render;
#[cfg(any(not(target_arch = "wasm32"), feature = "ssr"))]
pub mod ssr;
pub(crate) mod state;

#[cfg(all(target_arch = "wasm32", not(feature = "ssr")))]
mod embed;
