//! The medical disclaimer and when the content was last reviewed; always
//! shown, whatever the content says.

use yew::prelude::*;

use crate::content::{primary_language, Date};

use super::context::use_guide;

/// The disclaimer with its "last reviewed" line.
#[component]
pub fn Disclaimer() -> Html {
    let Some(guide) = use_guide() else {
        return Html::default();
    };
    let content = &guide.content;
    let h = guide.heading(1);
    let reviewed = guide.word_with(
        "last_reviewed",
        &[
            ("date", &long_date(content.last_reviewed, &guide.lang)),
            ("reviewer", guide.text(&content.reviewed_by)),
        ],
    );
    html! {
        <footer class="ig-disclaimer" aria-labelledby="ig-disclaimer-h" data-testid="disclaimer">
            <@{h} id="ig-disclaimer-h">{ guide.word("disclaimer_heading") }</@>
            { guide.rich(&content.disclaimer) }
            <p class="ig-reviewed">{ reviewed }</p>
        </footer>
    }
}

/// A date written out in English or Spanish ("1 November 2026",
/// "1 de noviembre de 2026"); ISO for other languages.
pub fn long_date(date: Date, lang: &str) -> String {
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    const ES: [&str; 12] = [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ];
    let month = usize::from(date.month).saturating_sub(1);
    match (primary_language(lang), EN.get(month), ES.get(month)) {
        ("en", Some(name), _) => format!("{} {name} {}", date.day, date.year),
        ("es", _, Some(name)) => format!("{} de {name} de {}", date.day, date.year),
        _ => date.iso(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_out() {
        let date = Date {
            year: 2026,
            month: 11,
            day: 1,
        };
        assert_eq!(long_date(date, "en"), "1 November 2026");
        assert_eq!(long_date(date, "es-MX"), "1 de noviembre de 2026");
        assert_eq!(long_date(date, "fr"), "2026-11-01");
    }
}
