//! Components rendered to an HTML string (Yew's server-side rendering): the
//! static page ([`crate::render`]), the prerender and the tests that read
//! markup use this one way. Natively without an async runtime
//! ([`block_on`]); in the browser (the editor's wasm) Yew's scheduler runs
//! on the page's task queue, so only [`render_component_async`] is there.

use yew::{BaseComponent, LocalServerRenderer};

/// The HTML of component `C` with `props`, without hydration markers.
pub async fn render_component_async<C>(props: C::Properties) -> String
where
    C: BaseComponent,
{
    LocalServerRenderer::<C>::with_props(props)
        .hydratable(false)
        .render()
        .await
}

#[cfg(not(target_arch = "wasm32"))]
pub use native::*;

/// Rendering to the end at once, without a runtime.
#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::future::Future;
    use std::pin::pin;
    use std::task::{Context, Poll, Waker};

    use yew::{html, BaseComponent, Component, Html, Properties};

    use super::render_component_async;

    /// [`render_component_async`], run to the end at once.
    pub fn render_component<C>(props: C::Properties) -> String
    where
        C: BaseComponent,
    {
        block_on(render_component_async::<C>(props))
    }

    /// The HTML of `html` (as a component's view would show it).
    pub fn render_html(html: Html) -> String {
        render_component::<Markup>(MarkupProps { html })
    }

    #[derive(PartialEq, Properties)]
    struct MarkupProps {
        html: Html,
    }

    /// Shows the markup it is given.
    struct Markup;

    impl Component for Markup {
        type Message = ();
        type Properties = MarkupProps;

        fn create(_: &yew::Context<Self>) -> Self {
            Markup
        }

        fn view(&self, ctx: &yew::Context<Self>) -> Html {
            html! { { ctx.props().html.clone() } }
        }
    }

    /// Runs a future that needs no runtime to completion. Rendering components
    /// without suspense (the guide has none) finishes within a few polls.
    ///
    /// # Panics
    ///
    /// If the future is still pending after many polls: a component waited for
    /// something, which is a bug in the components, never in the content.
    pub fn block_on<F: Future>(future: F) -> F::Output {
        let mut future = pin!(future);
        let mut context = Context::from_waker(Waker::noop());
        for _ in 0..100_000 {
            if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
                return output;
            }
        }
        panic!("server rendering of the guide did not finish");
    }
}
