//! Fetching the clinic's content file, with the limits a host page can rely on.
//!
//! - at most [`TIMEOUT_MS`] for the whole request, then it is aborted;
//! - at most [`crate::content::MAX_CONTENT_BYTES`] of body;
//! - no cookies or credentials are sent, redirects are refused (a moved file
//!   is a configuration error the clinic should see), and an HTML page where
//!   JSON was expected is named as such.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, RequestCredentials, RequestInit, RequestRedirect, Response};

use super::cast;
use crate::content::MAX_CONTENT_BYTES;

/// How long a content request may take, in milliseconds.
pub const TIMEOUT_MS: u32 = 10_000;

/// Fetches `url` as text, or says in one sentence why it could not.
pub async fn fetch_text(url: &str, abort: Option<&AbortController>) -> Result<String, String> {
    let window = web_sys::window().ok_or("there is no window to fetch from")?;
    let init = RequestInit::new();
    init.set_method("GET");
    init.set_credentials(RequestCredentials::Omit);
    init.set_redirect(RequestRedirect::Error);
    let timed_out = Rc::new(Cell::new(false));
    let _timeout = abort.map(|abort| {
        init.set_signal(Some(&abort.signal()));
        let abort = abort.clone();
        let timed_out = timed_out.clone();
        gloo::timers::callback::Timeout::new(TIMEOUT_MS, move || {
            timed_out.set(true);
            abort.abort();
        })
    });
    let failed = |error: JsValue| {
        if timed_out.get() {
            format!("{url} did not answer within {} seconds", TIMEOUT_MS / 1000)
        } else {
            let detail = cast::<js_sys::Error>(error)
                .map(|e| String::from(e.message()))
                .unwrap_or_default();
            format!(
                "{url} could not be fetched ({detail}); the server may be down, may redirect, or may not allow this site to read it (CORS)"
            )
        }
    };
    let response: Response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .map_err(&failed)
        .and_then(|r| cast::<Response>(r).ok_or_else(|| format!("{url} gave no response")))?;
    if !response.ok() {
        return Err(format!(
            "{url} answered {} {}: check the content-src address",
            response.status(),
            response.status_text()
        ));
    }
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .ok()
            .flatten()
            .unwrap_or_default()
    };
    if header("content-type")
        .to_ascii_lowercase()
        .contains("text/html")
    {
        return Err(format!(
            "{url} is a web page (HTML), not a JSON content file: check the content-src address"
        ));
    }
    if header("content-length")
        .trim()
        .parse::<usize>()
        .is_ok_and(|n| n > MAX_CONTENT_BYTES)
    {
        return Err(too_large(url));
    }
    let body = response.text().map_err(&failed)?;
    let text = JsFuture::from(body)
        .await
        .map_err(&failed)?
        .as_string()
        .ok_or_else(|| format!("{url} did not send text"))?;
    if text.len() > MAX_CONTENT_BYTES {
        return Err(too_large(url));
    }
    if text.trim_start().starts_with('<') {
        return Err(format!(
            "{url} is a web page (HTML), not a JSON content file: check the content-src address"
        ));
    }
    Ok(text)
}

fn too_large(url: &str) -> String {
    format!(
        "{url} is larger than {} KB, the limit for a content file",
        MAX_CONTENT_BYTES / 1024
    )
}
