//! The language switcher, shown when the content carries several languages.
//!
//! A select cannot switch anything without JavaScript, so the static page
//! only keeps its place: an invisible box of the same size, so that the
//! guide's title does not move when the widget mounts over that page.

use yew::prelude::*;

use crate::state::Action;

use super::context::use_guide;

/// A select of the content's languages, each named in its own language.
#[component]
pub fn LanguageSwitcher() -> Html {
    let Some(guide) = use_guide() else {
        return Html::default();
    };
    if guide.content.languages.len() < 2 {
        return Html::default();
    }
    if guide.mode.is_static() {
        // Every language name in one grid cell: as wide as the select, which
        // is as wide as its longest option.
        return html! {
            <div class="ig-language ig-reserve no-print" aria-hidden="true">
                <span>{ guide.word("language") }</span>
                <span class="ig-select-reserve">
                    for lang in guide.content.languages.iter() {
                        <span>{ autonym(lang) }</span>
                    }
                </span>
            </div>
        };
    }
    let onchange = {
        let guide = guide.clone();
        Callback::from(move |event: Event| {
            let select: web_sys::HtmlSelectElement = event.target_unchecked_into();
            guide.dispatch(Action::ChooseLanguage(select.value()));
        })
    };
    html! {
        <div class="ig-language no-print">
            <label for="ig-language">{ guide.word("language") }</label>
            <select id="ig-language" {onchange} data-testid="language">
                for lang in guide.content.languages.iter() {
                    <option value={lang.clone()} lang={lang.clone()} selected={*lang == *guide.lang}>
                        { autonym(lang) }
                    </option>
                }
            </select>
        </div>
    }
}

/// A language's name in that language, for the common ones; else its code.
pub fn autonym(code: &str) -> String {
    let name = match crate::content::primary_language(code) {
        "en" => "English",
        "es" => "Español",
        "fr" => "Français",
        "de" => "Deutsch",
        "pt" => "Português",
        "it" => "Italiano",
        "zh" => "中文",
        "vi" => "Tiếng Việt",
        "ko" => "한국어",
        "ar" => "العربية",
        "ru" => "Русский",
        "pl" => "Polski",
        "tl" => "Tagalog",
        "ht" => "Kreyòl ayisyen",
        _ => return code.to_owned(),
    };
    if code.contains('-') {
        format!("{name} ({code})")
    } else {
        name.to_owned()
    }
}
