//! Components rendered to an HTML string natively (Yew's server-side
//! rendering, without an async runtime): the static page ([`crate::render`])
//! and the tests that read markup use this one way.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use yew::{html, BaseComponent, Component, Html, LocalServerRenderer, Properties};

/// The HTML of component `C` with `props`, without hydration markers.
pub fn render_component<C>(props: C::Properties) -> String
where
    C: BaseComponent,
{
    block_on(
        LocalServerRenderer::<C>::with_props(props)
            .hydratable(false)
            .render(),
    )
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
fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut context = Context::from_waker(Waker::noop());
    for _ in 0..100_000 {
        if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return output;
        }
    }
    panic!("server rendering of the guide did not finish");
}
