//! The static page of a clinic's guide, rendered in the editor page
//! (`web/editor.html`, "The guide as HTML"): the bytes that
//! `infusion-guide render` prints for the same file and options, because
//! both call [`infusion_guide::render::static_page_of_file`]. Nothing leaves
//! the browser.

use infusion_guide::app::HEADING_LEVELS;
use infusion_guide::content::Region;
use infusion_guide::render::{static_page_of_file, PageOptions, RenderFailure};
use wasm_bindgen::prelude::*;

/// How many of a file's problems the error names (the editor lists them all).
const NAMED_PROBLEMS: usize = 3;

/// The static HTML of the clinic's content `text` (merged onto the built-in
/// guide) in language `lang`, its title a heading of `heading_level` (1 to
/// 4), with the crisis numbers of `region` (a region's name, or `""` for the
/// file's own), linking the stylesheet at `css_href`: what
/// `infusion-guide render FILE --lang LANG --heading-level N [--region R]
/// --css-href URL` prints.
///
/// # Errors
///
/// A message for the person editing: the file's first problems with their
/// lines and columns, a language the file does not have, or an option out of
/// its range.
#[wasm_bindgen(js_name = renderStatic)]
pub async fn render_static(
    text: String,
    lang: String,
    heading_level: u8,
    region: String,
    css_href: String,
) -> Result<String, JsError> {
    render(&text, &lang, heading_level, &region, &css_href)
        .await
        .map_err(|message| JsError::new(&message))
}

/// [`render_static`] with a plain error, testable natively.
pub async fn render(
    text: &str,
    lang: &str,
    heading_level: u8,
    region: &str,
    css_href: &str,
) -> Result<String, String> {
    if !HEADING_LEVELS.contains(&heading_level) {
        return Err(format!(
            "the heading level is a number from 1 to 4, not {heading_level}"
        ));
    }
    let region = match region {
        "" => None,
        name => Some(Region::from_name(name).ok_or_else(|| {
            format!(
                "\"{name}\" is not a region; the regions are {}",
                Region::names_in_words()
            )
        })?),
    };
    let options = PageOptions {
        lang,
        heading_level,
        region,
        css_href,
    };
    static_page_of_file(text.as_bytes(), options)
        .await
        .map_err(|failure| match failure {
            RenderFailure::Content(errors) => {
                let mut message = format!(
                    "your file has {} {}: ",
                    errors.len(),
                    if errors.len() == 1 {
                        "problem"
                    } else {
                        "problems"
                    }
                );
                let named: Vec<String> = errors
                    .iter()
                    .take(NAMED_PROBLEMS)
                    .map(|error| match error.pos {
                        Some(pos) => format!("line {}, column {}: {error}", pos.line, pos.column),
                        None => error.to_string(),
                    })
                    .collect();
                message.push_str(&named.join("; "));
                if errors.len() > NAMED_PROBLEMS {
                    message.push_str("; …");
                }
                message
            }
            RenderFailure::NoLanguage { lang, languages } => format!(
                "your file has no language \"{lang}\"; it has {}",
                languages.join(", ")
            ),
        })
}

#[cfg(test)]
mod tests {
    use infusion_guide::ssr::block_on;

    use super::render;

    #[test]
    fn renders_the_clinic_file_as_the_command_line_tool_does() {
        let file = r#"{ "clinic": { "name": { "en": "Calm Clinic", "es": "Clínica Calma" }, "phone": "+44 20 7946 0000" } }"#;
        let html = block_on(render(file, "es", 3, "uk", "/ig/infusion-guide.css")).unwrap();
        assert!(html.starts_with("<template shadowrootmode=\"open\"><link rel=\"stylesheet\" href=\"/ig/infusion-guide.css\">"));
        assert!(html.ends_with("</noscript>\n"));
        assert!(html.contains("Clínica Calma"));
        assert!(html.contains("<h3"));
        assert!(
            html.contains("tel:116123"),
            "Samaritans, the UK's crisis line"
        );
        assert!(!html.contains("tel:988"));
    }

    #[test]
    fn says_what_is_wrong_and_where() {
        let error = block_on(render(
            "{\n  \"clinic\": { \"nmae\": 1 }\n}",
            "en",
            2,
            "",
            "x.css",
        ))
        .unwrap_err();
        assert!(
            error.starts_with("your file has 1 problem: line 2, column 15: clinic"),
            "{error}"
        );
        assert!(error.contains("name"), "a did-you-mean: {error}");
        let error = block_on(render("{}", "fr", 2, "", "x.css")).unwrap_err();
        assert_eq!(error, "your file has no language \"fr\"; it has en, es");
        assert!(block_on(render("{}", "en", 5, "", "x.css"))
            .unwrap_err()
            .contains("1 to 4"));
        assert!(block_on(render("{}", "en", 2, "atlantis", "x.css"))
            .unwrap_err()
            .contains("us, uk"));
    }
}
