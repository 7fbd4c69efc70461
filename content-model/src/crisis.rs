//! Crisis numbers by region, built in so that no content file can remove or
//! break them.
//!
//! Facts from the project's content sheet: US 988 (call or text, chat at
//! 988lifeline.org, press 2 for Spanish) and 911; UK Samaritans 116 123,
//! SHOUT 85258, NHS 111, 999; elsewhere the local emergency number. English
//! and Spanish are built in; other languages get English.

use super::model::Region;

/// One line of the crisis notice: what to do, and the links that do it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CrisisLine {
    /// The sentence the patient reads.
    pub text: &'static str,
    /// Buttons for it: `(label, href)` with `tel:`, `sms:` or `https:`.
    pub actions: &'static [(&'static str, &'static str)],
}

/// The language the crisis lines are written in for a patient reading `lang`:
/// `es` for Spanish, else `en`. Marked on the lines, so that screen readers
/// read English lines as English inside a guide in another language.
pub fn crisis_language(lang: &str) -> &'static str {
    if crate::primary_language(lang) == "es" {
        "es"
    } else {
        "en"
    }
}

/// The crisis lines for `region` in `lang` (English when the language has none).
pub fn crisis_lines(region: Region, lang: &str) -> &'static [CrisisLine] {
    let spanish = crisis_language(lang) == "es";
    match (region, spanish) {
        (Region::Us, false) => US_EN,
        (Region::Us, true) => US_ES,
        (Region::Uk, false) => UK_EN,
        (Region::Uk, true) => UK_ES,
        (Region::Other, false) => OTHER_EN,
        (Region::Other, true) => OTHER_ES,
    }
}

const US_EN: &[CrisisLine] = &[
    CrisisLine {
        text: "Call or text 988, the Suicide and Crisis Lifeline. It is free, private and open 24/7. You can also chat online.",
        actions: &[
            ("Call 988", "tel:988"),
            ("Text 988", "sms:988"),
            ("Chat at 988lifeline.org", "https://988lifeline.org"),
        ],
    },
    CrisisLine {
        text: "In an emergency, call 911.",
        actions: &[("Call 911", "tel:911")],
    },
];

const US_ES: &[CrisisLine] = &[
    CrisisLine {
        text: "Llame o envíe un mensaje de texto al 988, la Línea de Prevención del Suicidio y Crisis. Es gratis, confidencial y atiende las 24 horas. Al llamar, marque 2 para hablar en español.",
        actions: &[
            ("Llamar al 988", "tel:988"),
            ("Enviar texto al 988", "sms:988"),
            ("Chat en 988lifeline.org", "https://988lifeline.org"),
        ],
    },
    CrisisLine {
        text: "En una emergencia, llame al 911.",
        actions: &[("Llamar al 911", "tel:911")],
    },
];

const UK_EN: &[CrisisLine] = &[
    CrisisLine {
        text: "Call Samaritans free on 116 123, day or night.",
        actions: &[("Call 116 123", "tel:116123")],
    },
    CrisisLine {
        text: "Text SHOUT to 85258.",
        actions: &[("Text 85258", "sms:85258")],
    },
    CrisisLine {
        text: "For urgent medical help, call NHS 111. In an emergency, call 999.",
        actions: &[("Call 111", "tel:111"), ("Call 999", "tel:999")],
    },
];

const UK_ES: &[CrisisLine] = &[
    CrisisLine {
        text: "Llame gratis a Samaritans al 116 123, de día o de noche.",
        actions: &[("Llamar al 116 123", "tel:116123")],
    },
    CrisisLine {
        text: "Envíe SHOUT por mensaje de texto al 85258.",
        actions: &[("Enviar texto al 85258", "sms:85258")],
    },
    CrisisLine {
        text: "Para ayuda médica urgente, llame al NHS 111. En una emergencia, llame al 999.",
        actions: &[("Llamar al 111", "tel:111"), ("Llamar al 999", "tel:999")],
    },
];

const OTHER_EN: &[CrisisLine] = &[CrisisLine {
    text: "In an emergency, call your local emergency number now.",
    actions: &[],
}];

const OTHER_ES: &[CrisisLine] = &[CrisisLine {
    text: "En una emergencia, llame ahora al número de emergencias de su país.",
    actions: &[],
}];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_region_has_lines_and_only_safe_links() {
        for (_, region) in Region::ALL {
            for lang in ["en", "es", "es-MX", "fr"] {
                let lines = crisis_lines(region, lang);
                assert!(!lines.is_empty());
                for (_, href) in lines.iter().flat_map(|l| l.actions) {
                    assert!(
                        href.starts_with("tel:")
                            || href.starts_with("sms:")
                            || href.starts_with("https://"),
                        "{href}"
                    );
                }
            }
        }
    }

    #[test]
    fn us_lines_name_988_and_911() {
        let text: String = crisis_lines(Region::Us, "en")
            .iter()
            .map(|l| l.text)
            .collect();
        assert!(text.contains("988") && text.contains("911"));
        let text: String = crisis_lines(Region::Uk, "en")
            .iter()
            .map(|l| l.text)
            .collect();
        assert!(text.contains("116 123") && text.contains("111") && text.contains("999"));
    }
}
