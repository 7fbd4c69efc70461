//! Crisis numbers by region, built in so that no content file can remove or
//! break them, and the phrases that name them inside the guide's text.
//!
//! Facts from the project's content sheet ("Crisis and emergency"): US 988
//! (call or text, chat at 988lifeline.org, press 1 for veterans, 2 for
//! Spanish) and 911; UK Samaritans 116 123, SHOUT 85258, NHS 111, 999;
//! Canada 988 and 911; Ireland Samaritans 116 123, HELLO to 50808, 112 or
//! 999; Australia Lifeline 13 11 14 (text 0477 13 11 14) and 000; New Zealand
//! 1737 and 111; Spain 024 and 112; Mexico Línea de la Vida 800 911 2000 and
//! 911; elsewhere the local emergency number. English and Spanish are built
//! in; other languages get English.
//!
//! The guide's own text never writes a number: it writes `{crisis}` and
//! `{emergency}` (see [`crate::rich`]), which become [`reference`]s to the
//! region the page shows, so that a UK page never tells a patient to dial 988.

use super::model::Region;

/// One line of the crisis notice: what to do, and the links that do it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CrisisLine {
    /// The sentence the patient reads.
    pub text: &'static str,
    /// Buttons for it: `(label, href)` with `tel:`, `sms:` or `https:`.
    pub actions: &'static [(&'static str, &'static str)],
}

/// What a placeholder in the guide's text stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reference {
    /// `{crisis}`: what to do to reach the region's crisis line, as a clause
    /// that follows a colon ("get help now: call or text 988, ...").
    Crisis,
    /// `{emergency}`: the region's emergency number, after "call" ("llame al").
    Emergency,
}

impl Reference {
    /// Every placeholder, by the name written between braces.
    pub const ALL: [(&'static str, Reference); 2] = [
        ("crisis", Reference::Crisis),
        ("emergency", Reference::Emergency),
    ];

    /// The placeholder named `name` (`crisis`, `emergency`).
    pub fn from_name(name: &str) -> Option<Reference> {
        Reference::ALL
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, reference)| *reference)
    }

    /// Its name, as written between braces.
    pub fn name(self) -> &'static str {
        match self {
            Reference::Crisis => "crisis",
            Reference::Emergency => "emergency",
        }
    }

    /// Words that stand for it where no region applies (search, reading levels).
    pub(crate) fn plain_words(self) -> &'static str {
        match self {
            Reference::Crisis => "call the crisis line",
            Reference::Emergency => "the emergency number",
        }
    }
}

/// A placeholder filled in for one region and language: `before`, the link
/// (`(label, href)`, none where the region has no number), `after`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Filled {
    /// The words before the number.
    pub before: &'static str,
    /// The number as a `tel:` link.
    pub link: Option<(&'static str, &'static str)>,
    /// The words after it.
    pub after: &'static str,
}

const fn filled(
    before: &'static str,
    link: Option<(&'static str, &'static str)>,
    after: &'static str,
) -> Filled {
    Filled {
        before,
        link,
        after,
    }
}

/// `reference` for `region` in `lang` (English when the language has none).
pub fn reference(reference: Reference, region: Region, lang: &str) -> Filled {
    let es = crisis_language(lang) == "es";
    let pick = |en: Filled, spanish: Filled| if es { spanish } else { en };
    const N988: Option<(&str, &str)> = Some(("988", "tel:988"));
    const SAMARITANS: Option<(&str, &str)> = Some(("116 123", "tel:116123"));
    match reference {
        Reference::Crisis => match region {
            Region::Us => pick(
                filled("call or text ", N988, ", the Suicide and Crisis Lifeline"),
                filled(
                    "llame o envíe un mensaje de texto al ",
                    N988,
                    ", la Línea de Prevención del Suicidio y Crisis",
                ),
            ),
            Region::Ca => pick(
                filled("call or text ", N988, ", the Suicide Crisis Helpline"),
                filled(
                    "llame o envíe un mensaje de texto al ",
                    N988,
                    ", la línea de ayuda en crisis de suicidio",
                ),
            ),
            Region::Uk | Region::Ie => pick(
                filled("call Samaritans free on ", SAMARITANS, ""),
                filled("llame gratis a Samaritans al ", SAMARITANS, ""),
            ),
            Region::Au => pick(
                filled("call Lifeline on ", Some(("13 11 14", "tel:131114")), ""),
                filled("llame a Lifeline al ", Some(("13 11 14", "tel:131114")), ""),
            ),
            Region::Nz => pick(
                filled("call or text ", Some(("1737", "tel:1737")), ""),
                filled(
                    "llame o envíe un mensaje de texto al ",
                    Some(("1737", "tel:1737")),
                    "",
                ),
            ),
            Region::Es => pick(
                filled(
                    "call ",
                    Some(("024", "tel:024")),
                    ", the suicide prevention line",
                ),
                filled(
                    "llame al ",
                    Some(("024", "tel:024")),
                    ", la línea de atención a la conducta suicida",
                ),
            ),
            Region::Mx => pick(
                filled(
                    "call Línea de la Vida free on ",
                    Some(("800 911 2000", "tel:8009112000")),
                    "",
                ),
                filled(
                    "llame gratis a la Línea de la Vida al ",
                    Some(("800 911 2000", "tel:8009112000")),
                    "",
                ),
            ),
            Region::Other => pick(
                filled("call your local emergency number", None, ""),
                filled("llame al número de emergencias de su país", None, ""),
            ),
        },
        Reference::Emergency => {
            let number = match region {
                Region::Us | Region::Ca | Region::Mx => ("911", "tel:911"),
                Region::Uk => ("999", "tel:999"),
                Region::Ie | Region::Es => ("112", "tel:112"),
                Region::Au => ("000", "tel:000"),
                Region::Nz => ("111", "tel:111"),
                Region::Other => {
                    return pick(
                        filled("your local emergency number", None, ""),
                        filled("número de emergencias de su país", None, ""),
                    )
                }
            };
            filled("", Some(number), "")
        }
    }
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
    let es = crisis_language(lang) == "es";
    let (en, spanish) = match region {
        Region::Us => (US_EN, US_ES),
        Region::Uk => (UK_EN, UK_ES),
        Region::Ca => (CA_EN, CA_ES),
        Region::Ie => (IE_EN, IE_ES),
        Region::Au => (AU_EN, AU_ES),
        Region::Nz => (NZ_EN, NZ_ES),
        Region::Es => (ES_EN, ES_ES),
        Region::Mx => (MX_EN, MX_ES),
        Region::Other => (OTHER_EN, OTHER_ES),
    };
    if es {
        spanish
    } else {
        en
    }
}

const US_EN: &[CrisisLine] = &[
    CrisisLine {
        text: "Call or text 988, the Suicide and Crisis Lifeline. It is free, private and open 24/7. Press 1 for veterans, 2 for Spanish. You can also chat online.",
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
        text: "Llame o envíe un mensaje de texto al 988, la Línea de Prevención del Suicidio y Crisis. Es gratis, confidencial y atiende las 24 horas. Al llamar, marque 2 para hablar en español, o 1 si es veterano.",
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

const CA_EN: &[CrisisLine] = &[
    CrisisLine {
        text: "Call or text 988, the Suicide Crisis Helpline. It is free, in English and French, and open 24/7.",
        actions: &[("Call 988", "tel:988"), ("Text 988", "sms:988")],
    },
    CrisisLine {
        text: "In an emergency, call 911.",
        actions: &[("Call 911", "tel:911")],
    },
];

const CA_ES: &[CrisisLine] = &[
    CrisisLine {
        text: "Llame o envíe un mensaje de texto al 988, la línea de ayuda en crisis de suicidio. Es gratis, atiende en inglés y francés, las 24 horas.",
        actions: &[("Llamar al 988", "tel:988"), ("Enviar texto al 988", "sms:988")],
    },
    CrisisLine {
        text: "En una emergencia, llame al 911.",
        actions: &[("Llamar al 911", "tel:911")],
    },
];

const IE_EN: &[CrisisLine] = &[
    CrisisLine {
        text: "Call Samaritans free on 116 123, day or night.",
        actions: &[("Call 116 123", "tel:116123")],
    },
    CrisisLine {
        text: "Text HELLO to 50808.",
        actions: &[("Text 50808", "sms:50808")],
    },
    CrisisLine {
        text: "In an emergency, call 112 or 999.",
        actions: &[("Call 112", "tel:112"), ("Call 999", "tel:999")],
    },
];

const IE_ES: &[CrisisLine] = &[
    CrisisLine {
        text: "Llame gratis a Samaritans al 116 123, de día o de noche.",
        actions: &[("Llamar al 116 123", "tel:116123")],
    },
    CrisisLine {
        text: "Envíe HELLO por mensaje de texto al 50808.",
        actions: &[("Enviar texto al 50808", "sms:50808")],
    },
    CrisisLine {
        text: "En una emergencia, llame al 112 o al 999.",
        actions: &[("Llamar al 112", "tel:112"), ("Llamar al 999", "tel:999")],
    },
];

const AU_EN: &[CrisisLine] = &[
    CrisisLine {
        text: "Call Lifeline on 13 11 14, or text 0477 13 11 14. It is open 24/7.",
        actions: &[
            ("Call 13 11 14", "tel:131114"),
            ("Text 0477 13 11 14", "sms:0477131114"),
        ],
    },
    CrisisLine {
        text: "In an emergency, call 000.",
        actions: &[("Call 000", "tel:000")],
    },
];

const AU_ES: &[CrisisLine] = &[
    CrisisLine {
        text: "Llame a Lifeline al 13 11 14, o envíe un mensaje de texto al 0477 13 11 14. Atiende las 24 horas.",
        actions: &[
            ("Llamar al 13 11 14", "tel:131114"),
            ("Enviar texto al 0477 13 11 14", "sms:0477131114"),
        ],
    },
    CrisisLine {
        text: "En una emergencia, llame al 000.",
        actions: &[("Llamar al 000", "tel:000")],
    },
];

const NZ_EN: &[CrisisLine] = &[
    CrisisLine {
        text: "Call or text 1737 (Need to Talk?). It is free and open 24/7.",
        actions: &[("Call 1737", "tel:1737"), ("Text 1737", "sms:1737")],
    },
    CrisisLine {
        text: "In an emergency, call 111.",
        actions: &[("Call 111", "tel:111")],
    },
];

const NZ_ES: &[CrisisLine] = &[
    CrisisLine {
        text: "Llame o envíe un mensaje de texto al 1737 (Need to Talk?). Es gratis y atiende las 24 horas.",
        actions: &[("Llamar al 1737", "tel:1737"), ("Enviar texto al 1737", "sms:1737")],
    },
    CrisisLine {
        text: "En una emergencia, llame al 111.",
        actions: &[("Llamar al 111", "tel:111")],
    },
];

const ES_EN: &[CrisisLine] = &[
    CrisisLine {
        text: "Call 024, the suicide prevention line. It is free and open 24/7.",
        actions: &[("Call 024", "tel:024")],
    },
    CrisisLine {
        text: "In an emergency, call 112.",
        actions: &[("Call 112", "tel:112")],
    },
];

const ES_ES: &[CrisisLine] = &[
    CrisisLine {
        text: "Llame al 024, la línea de atención a la conducta suicida. Es gratis y atiende las 24 horas.",
        actions: &[("Llamar al 024", "tel:024")],
    },
    CrisisLine {
        text: "En una emergencia, llame al 112.",
        actions: &[("Llamar al 112", "tel:112")],
    },
];

const MX_EN: &[CrisisLine] = &[
    CrisisLine {
        text: "Call Línea de la Vida free on 800 911 2000, day or night.",
        actions: &[("Call 800 911 2000", "tel:8009112000")],
    },
    CrisisLine {
        text: "In an emergency, call 911.",
        actions: &[("Call 911", "tel:911")],
    },
];

const MX_ES: &[CrisisLine] = &[
    CrisisLine {
        text: "Llame gratis a la Línea de la Vida al 800 911 2000, de día o de noche.",
        actions: &[("Llamar al 800 911 2000", "tel:8009112000")],
    },
    CrisisLine {
        text: "En una emergencia, llame al 911.",
        actions: &[("Llamar al 911", "tel:911")],
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

    /// Each region's numbers, as the facts sheet gives them, in the notice
    /// and in the `{crisis}` and `{emergency}` phrases, in both languages,
    /// and no other region's emergency number.
    #[test]
    fn each_region_shows_its_own_numbers() {
        let cases: [(Region, &[&str], &str); 9] = [
            (Region::Us, &["tel:988", "sms:988", "tel:911"], "tel:911"),
            (
                Region::Uk,
                &["tel:116123", "sms:85258", "tel:111", "tel:999"],
                "tel:999",
            ),
            (Region::Ca, &["tel:988", "sms:988", "tel:911"], "tel:911"),
            (
                Region::Ie,
                &["tel:116123", "sms:50808", "tel:112", "tel:999"],
                "tel:112",
            ),
            (
                Region::Au,
                &["tel:131114", "sms:0477131114", "tel:000"],
                "tel:000",
            ),
            (Region::Nz, &["tel:1737", "sms:1737", "tel:111"], "tel:111"),
            (Region::Es, &["tel:024", "tel:112"], "tel:112"),
            (Region::Mx, &["tel:8009112000", "tel:911"], "tel:911"),
            (Region::Other, &[], ""),
        ];
        let emergency_numbers = ["tel:911", "tel:999", "tel:112", "tel:000", "tel:111"];
        for (region, links, emergency) in cases {
            for lang in ["en", "es"] {
                let hrefs: Vec<&str> = crisis_lines(region, lang)
                    .iter()
                    .flat_map(|l| l.actions.iter().map(|(_, href)| *href))
                    .filter(|href| !href.starts_with("https:"))
                    .collect();
                assert_eq!(hrefs.len(), links.len(), "{region:?} {lang}: {hrefs:?}");
                for link in links {
                    assert!(
                        hrefs.contains(link),
                        "{region:?} {lang}: no {link} in {hrefs:?}"
                    );
                }
                let filled = reference(Reference::Emergency, region, lang);
                assert_eq!(
                    filled.link.map_or("", |(_, href)| href),
                    emergency,
                    "{region:?} {lang}"
                );
                let crisis = reference(Reference::Crisis, region, lang);
                if let Some((label, href)) = crisis.link {
                    assert!(links.contains(&href), "{region:?}: {href}");
                    assert!(!emergency_numbers.contains(&href), "{region:?}: {href}");
                    assert_eq!(href.trim_start_matches("tel:"), label.replace(' ', ""));
                } else {
                    assert_eq!(region, Region::Other);
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
