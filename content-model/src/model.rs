//! The validated content model: what the components render.
//!
//! Values of these types only come out of [`super::load`], after every check
//! passed, so components can rely on them: every text has every language of
//! the document, ids are unique, links are safe, colours are valid.

use crate::readability::{stats_in, Formula};
use std::rc::Rc;

use super::rich::RichText;
use crate::collections::SmallMap;

/// A plain text in every language of the document (`language -> text`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Text(pub(crate) SmallMap<String>);

impl Text {
    /// The text in `lang`, else in `fallback`, else any language it has.
    pub fn get<'a>(&'a self, lang: &str, fallback: &str) -> &'a str {
        self.0
            .get(lang)
            .or_else(|| self.0.get(fallback))
            .or_else(|| self.0.first())
            .map_or("", String::as_str)
    }

    /// Each language and its text.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(l, t)| (l, t.as_str()))
    }
}

/// A formatted text (the safe formatting subset, already parsed) in every
/// language of the document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rich(pub(crate) SmallMap<Rc<RichText>>);

impl Rich {
    /// The parsed text in `lang`, else in `fallback`, else any language it has.
    pub fn get(&self, lang: &str, fallback: &str) -> Rc<RichText> {
        self.0
            .get(lang)
            .or_else(|| self.0.get(fallback))
            .or_else(|| self.0.first())
            .cloned()
            .unwrap_or_default()
    }

    /// Each language and its parsed text.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &RichText)> {
        self.0.iter().map(|(l, t)| (l, t.as_ref()))
    }
}

/// A whole guide, validated.
#[derive(Clone, Debug, PartialEq)]
pub struct Content {
    /// The languages every text is given in; the first is the document's main one.
    pub languages: Vec<String>,
    /// The language shown when a text lacks the patient's language.
    pub fallback_language: String,
    /// The clinic's contact details.
    pub clinic: Clinic,
    /// The introduction: title, summary, what it is, who it is for.
    pub guide: GuideIntro,
    /// The infusion, step by step, in order.
    pub steps: Vec<Step>,
    /// What to expect: the phases from before the first visit to the weeks after.
    pub timeline: Vec<TimelinePhase>,
    /// Topics that group the questions; may be empty.
    pub faq_categories: Vec<FaqCategory>,
    /// Questions and answers.
    pub faq: Vec<Faq>,
    /// Prepare for your visit: things to tick off.
    pub checklist: Vec<ChecklistItem>,
    /// Questions a patient may want to ask their clinician.
    pub questions_to_ask: Vec<ChecklistItem>,
    /// Which crisis numbers to show, and the clinic's own line.
    pub crisis: Crisis,
    /// The medical disclaimer; always shown.
    pub disclaimer: Rich,
    /// When a clinician last reviewed the content.
    pub last_reviewed: Date,
    /// Who reviewed it.
    pub reviewed_by: Text,
    /// Colours, corner radius and font.
    pub theme: Theme,
    /// The widget's own words, per language.
    pub ui: Ui,
    /// Sections the clinic chose not to show.
    pub hidden: Vec<Section>,
    /// The numbers the visit and course pictures are drawn from; no
    /// pictures without them.
    pub schedule: Option<Schedule>,
}

/// The visit's and the course's numbers: ranges are `(least, most)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Schedule {
    /// The whole visit, in minutes (check-in to going home).
    pub visit_minutes: (u16, u16),
    /// The infusion itself, in minutes.
    pub infusion_minutes: u16,
    /// Recovery after the infusion ends, in minutes.
    pub recovery_minutes: (u16, u16),
    /// Infusions in a course.
    pub course_infusions: u8,
    /// The weeks a course takes.
    pub course_weeks: (u8, u8),
}

/// The primary language of a BCP 47 tag: `es` for `es-MX` (or `es_MX`).
pub fn primary_language(tag: &str) -> &str {
    tag.split(['-', '_']).next().unwrap_or(tag)
}

impl Content {
    /// The document language that best serves a patient who asked for
    /// `requested` (a BCP 47 tag such as `es-MX`): an exact match, else the
    /// same primary language, else the fallback language.
    pub fn pick_language(&self, requested: &str) -> &str {
        let requested = requested.trim().to_ascii_lowercase();
        let primary = |tag: &str| primary_language(tag).to_owned();
        self.languages
            .iter()
            .find(|l| l.to_ascii_lowercase() == requested)
            .or_else(|| {
                self.languages
                    .iter()
                    .find(|l| primary(&l.to_ascii_lowercase()) == primary(&requested))
            })
            .map_or(self.fallback_language.as_str(), String::as_str)
    }

    /// The patient-facing words of each part of the guide in `lang`, as
    /// `(name, plain text)`: for readability scores and search. Names are
    /// `guide`, `steps/<id>`, `timeline/<id>`, `faq/<id>`, `checklist`,
    /// `questions_to_ask` and `disclaimer`.
    pub fn sections(&self, lang: &str) -> Vec<(String, String)> {
        let fallback = self.fallback_language.as_str();
        let rich = |r: &Rich| r.get(lang, fallback).plain_text();
        let sentence = |t: &Text| {
            let t = t.get(lang, fallback);
            if t.ends_with(['.', '?', '!', ':']) {
                t.to_owned()
            } else {
                format!("{t}.")
            }
        };
        let guide = &self.guide;
        let mut sections = vec![(
            "guide".to_owned(),
            [
                sentence(&guide.title),
                rich(&guide.summary),
                rich(&guide.what_it_is),
                rich(&guide.who_it_is_for),
                rich(&guide.who_may_not_be_suitable),
            ]
            .join("\n\n"),
        )];
        for step in &self.steps {
            sections.push((
                format!("steps/{}", step.id),
                format!("{}\n\n{}", sentence(&step.title), rich(&step.body)),
            ));
        }
        for phase in &self.timeline {
            let mut lines = vec![sentence(&phase.label), sentence(&phase.when)];
            lines.extend(phase.items.iter().map(sentence));
            sections.push((format!("timeline/{}", phase.id), lines.join("\n")));
        }
        for faq in &self.faq {
            sections.push((
                format!("faq/{}", faq.id),
                format!("{}\n\n{}", sentence(&faq.question), rich(&faq.answer)),
            ));
        }
        let list = |items: &[ChecklistItem]| {
            items
                .iter()
                .map(|i| sentence(&i.text))
                .collect::<Vec<_>>()
                .join("\n")
        };
        sections.push(("checklist".to_owned(), list(&self.checklist)));
        sections.push(("questions_to_ask".to_owned(), list(&self.questions_to_ask)));
        sections.push(("disclaimer".to_owned(), rich(&self.disclaimer)));
        sections
    }

    /// Reading-level counts of each part of the guide in each language,
    /// as `(language, section, counts)`, for the CLI and the editor. The
    /// formulas are made for English; other languages get the same counts as
    /// a rough guide.
    pub fn readability(&self) -> Vec<SectionReadability> {
        self.languages
            .iter()
            .flat_map(|lang| {
                let formula = Formula::for_language(lang);
                self.sections(lang)
                    .into_iter()
                    .map(move |(section, text)| SectionReadability {
                        lang: lang.clone(),
                        section,
                        formula,
                        // Words are counted in every language; syllables
                        // need the language's rules (English's otherwise).
                        stats: stats_in(&text, formula.unwrap_or(Formula::English)),
                    })
            })
            .collect()
    }

    /// Whether the clinic shows `section`.
    pub fn shows(&self, section: Section) -> bool {
        !self.hidden.contains(&section)
    }
}

/// The reading level of one part of the guide in one language.
#[derive(Clone, Debug, PartialEq)]
pub struct SectionReadability {
    /// The language of the text.
    pub lang: String,
    /// The part (`guide`, `steps/<id>`, `faq/<id>`, ...; see [`Content::sections`]).
    pub section: String,
    /// The language's formulas; `None` for a language without any here.
    pub formula: Option<Formula>,
    /// Its counts; the scores are methods of [`crate::readability::TextStats`].
    pub stats: crate::readability::TextStats,
}

impl SectionReadability {
    /// English grades above this are flagged: patient material should stay
    /// at or below grade 8 (NIH), aiming for 6.
    pub const WARN_ABOVE_GRADE: f64 = 8.0;
    /// Spanish INFLESZ scores below this ("somewhat hard" or harder) are
    /// flagged; aim for 65 ("fairly easy") or more.
    pub const WARN_BELOW_INFLESZ: f64 = 55.0;

    /// The language's main score: the Flesch-Kincaid grade (English) or the
    /// INFLESZ score (Spanish); `None` without words or without a formula.
    pub fn score(&self) -> Option<f64> {
        match self.formula? {
            Formula::English => self.stats.flesch_kincaid_grade(),
            Formula::Spanish => self.stats.szigriszt_pazos(),
        }
    }

    /// The second score: SMOG (English) or Fernández-Huerta (Spanish).
    pub fn second_score(&self) -> Option<f64> {
        match self.formula? {
            Formula::English => self.stats.smog(),
            Formula::Spanish => self.stats.fernandez_huerta(),
        }
    }

    /// Whether the part is harder than patient material should be: above
    /// grade [`Self::WARN_ABOVE_GRADE`] in English, below INFLESZ
    /// [`Self::WARN_BELOW_INFLESZ`] in Spanish; never without a formula.
    pub fn too_hard(&self) -> bool {
        match (self.formula, self.score()) {
            (Some(Formula::English), Some(grade)) => grade > Self::WARN_ABOVE_GRADE,
            (Some(Formula::Spanish), Some(ease)) => ease < Self::WARN_BELOW_INFLESZ,
            _ => false,
        }
    }
}

/// The clinic's contact details; every field is optional.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Clinic {
    /// The clinic's name.
    pub name: Option<Text>,
    /// A phone number as written for people (`+1 555 010 0199`).
    pub phone: Option<String>,
    /// An email address.
    pub email: Option<String>,
    /// The clinic's website (http or https).
    pub website: Option<String>,
    /// Where patients book (http or https).
    pub booking_url: Option<String>,
    /// The postal address.
    pub address: Option<Text>,
    /// Opening hours, as the clinic words them.
    pub opening_hours: Option<Text>,
}

impl Clinic {
    /// A `tel:` link for a phone number as written (`+1 (555) 010-0199`):
    /// its digits and a leading `+` only.
    pub fn tel_href(phone: &str) -> String {
        let digits: String = phone
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect();
        format!("tel:{digits}")
    }

    /// Whether there is anything to show in the contact section.
    pub fn is_empty(&self) -> bool {
        *self == Clinic::default()
    }
}

/// The guide's introduction: its title and first parts (`"guide"` in the
/// content file).
#[derive(Clone, Debug, PartialEq)]
pub struct GuideIntro {
    /// The guide's title.
    pub title: Text,
    /// "In short": the few things to know.
    pub summary: Rich,
    /// What the treatment is.
    pub what_it_is: Rich,
    /// Who it is for.
    pub who_it_is_for: Rich,
    /// Who may not be suitable.
    pub who_may_not_be_suitable: Rich,
}

/// One step of the infusion visit.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// Unique among steps; used in events and links.
    pub id: String,
    /// The step's title.
    pub title: Text,
    /// What happens.
    pub body: Rich,
    /// How long it takes, when known ("about 40 minutes").
    pub duration: Option<Text>,
}

/// One phase of the what-to-expect timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct TimelinePhase {
    /// Unique among phases.
    pub id: String,
    /// The phase's name ("The day of your infusion").
    pub label: Text,
    /// When it is ("1 to 2 days before", "about 40 minutes").
    pub when: Text,
    /// What happens or what to do, one line each.
    pub items: Vec<Text>,
}

/// A topic that groups questions.
#[derive(Clone, Debug, PartialEq)]
pub struct FaqCategory {
    /// Unique among categories; questions refer to it.
    pub id: String,
    /// The topic's name.
    pub label: Text,
}

/// One question and its answer.
#[derive(Clone, Debug, PartialEq)]
pub struct Faq {
    /// Unique among questions; the deep link is `#faq-<id>`.
    pub id: String,
    /// The question, as a patient would ask it.
    pub question: Text,
    /// The answer.
    pub answer: Rich,
    /// The id of its [`FaqCategory`], if any.
    pub category: Option<String>,
}

/// One line of a list: a checklist item or a question to ask.
#[derive(Clone, Debug, PartialEq)]
pub struct ChecklistItem {
    /// Unique in its list; ticks are remembered by id.
    pub id: String,
    /// The line itself.
    pub text: Text,
}

/// Which crisis numbers to show (see [`crate::crisis`] for each region's).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Region {
    /// United States: 988, 911.
    #[default]
    Us,
    /// United Kingdom: Samaritans, SHOUT, NHS 111, 999.
    Uk,
    /// Canada: 988, 911.
    Ca,
    /// Ireland: Samaritans, text HELLO to 50808, 112 or 999.
    Ie,
    /// Australia: Lifeline 13 11 14, 000.
    Au,
    /// New Zealand: 1737, 111.
    Nz,
    /// Spain: 024, 112.
    Es,
    /// Mexico: Línea de la Vida, 911.
    Mx,
    /// Anywhere else: the local emergency number.
    Other,
}

impl Region {
    /// All regions, with the names used in content and attributes (ISO 3166
    /// country codes, except `uk`, and `other`).
    pub const ALL: [(&'static str, Region); 9] = [
        ("us", Region::Us),
        ("uk", Region::Uk),
        ("ca", Region::Ca),
        ("ie", Region::Ie),
        ("au", Region::Au),
        ("nz", Region::Nz),
        ("es", Region::Es),
        ("mx", Region::Mx),
        ("other", Region::Other),
    ];

    /// The region named `name` (`us`, `uk`, `other`; case-insensitive).
    pub fn from_name(name: &str) -> Option<Region> {
        let name = name.trim().to_ascii_lowercase();
        Region::ALL
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, region)| *region)
    }

    /// Every region's name, for messages: `us, uk, ca, ie, au, nz, es, mx or other`.
    pub fn names_in_words() -> String {
        let names: Vec<&str> = Region::ALL.iter().map(|(name, _)| *name).collect();
        match names.split_last() {
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
            None => String::new(),
        }
    }

    /// The region's name in content and attributes (`us`, `uk`, `other`).
    pub fn name(self) -> &'static str {
        Region::ALL
            .iter()
            .find(|(_, region)| *region == self)
            .map_or("us", |(name, _)| name)
    }
}

/// The crisis notice's settings; the notice itself is always shown.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Crisis {
    /// Which numbers to show.
    pub region: Region,
    /// An extra line from the clinic (its own out-of-hours number, say).
    pub note: Option<Text>,
}

/// A calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// The year, 2000 to 2100.
    pub year: u16,
    /// The month, 1 to 12.
    pub month: u8,
    /// The day of the month.
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`, checking that the day exists.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if !(all_digits(y) && all_digits(m) && all_digits(d)) {
            return None;
        }
        let date = Date {
            year: y.parse().ok()?,
            month: m.parse().ok()?,
            day: d.parse().ok()?,
        };
        let leap = date.year.is_multiple_of(4)
            && (!date.year.is_multiple_of(100) || date.year.is_multiple_of(400));
        let days = match date.month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((2000..=2100).contains(&date.year) && (1..=days).contains(&date.day)).then_some(date)
    }

    /// The date as `YYYY-MM-DD`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Colours, corner radius and font, all validated values (never free CSS).
#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    /// Buttons, links and highlights (`#rrggbb`).
    pub accent: String,
    /// Text on the accent colour.
    pub accent_text: String,
    /// The widget's background.
    pub background: String,
    /// The widget's text colour.
    pub text: String,
    /// Corner radius in pixels, 0 to 24.
    pub radius: u8,
    /// The font family, from a safe list.
    pub font: Font,
}

/// The fonts a clinic can choose: stacks of fonts already on the patient's
/// device, so nothing is downloaded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Font {
    /// The device's interface font.
    #[default]
    System,
    /// A plain sans-serif.
    Sans,
    /// A serif.
    Serif,
    /// A rounded sans-serif where the device has one.
    Rounded,
    /// Fonts designed for legibility (Atkinson Hyperlegible, Verdana).
    Readable,
}

impl Font {
    /// Every font, with the name used in content.
    pub const ALL: [(&'static str, Font); 5] = [
        ("system", Font::System),
        ("sans", Font::Sans),
        ("serif", Font::Serif),
        ("rounded", Font::Rounded),
        ("readable", Font::Readable),
    ];

    /// The CSS `font-family` stack.
    pub fn css_stack(self) -> &'static str {
        match self {
            Font::System => "system-ui, -apple-system, \"Segoe UI\", Roboto, \"Helvetica Neue\", Arial, sans-serif",
            Font::Sans => "\"Helvetica Neue\", Arial, \"Liberation Sans\", sans-serif",
            Font::Serif => "Georgia, \"Times New Roman\", \"Liberation Serif\", serif",
            Font::Rounded => "ui-rounded, \"SF Pro Rounded\", \"Nunito\", \"Segoe UI\", sans-serif",
            Font::Readable => "\"Atkinson Hyperlegible\", Verdana, Tahoma, sans-serif",
        }
    }
}

/// A section of the guide a clinic may hide.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    /// "In short" and the introduction.
    Overview,
    /// The infusion, step by step.
    Steps,
    /// What to expect.
    Timeline,
    /// Questions and answers.
    Faq,
    /// Prepare for your visit.
    Prepare,
    /// Questions to ask your clinician.
    Questions,
    /// Contact the clinic.
    Contact,
}

impl Section {
    /// Every hideable section, in the order the guide shows them: the one
    /// list the decoder, the schema, the app and its contents list follow.
    pub const ALL: [Section; 7] = [
        Section::Overview,
        Section::Steps,
        Section::Timeline,
        Section::Faq,
        Section::Prepare,
        Section::Questions,
        Section::Contact,
    ];

    /// Its name: in content (`"hide"`), in events and in element ids.
    pub fn name(self) -> &'static str {
        match self {
            Section::Overview => "overview",
            Section::Steps => "steps",
            Section::Timeline => "timeline",
            Section::Faq => "faq",
            Section::Prepare => "prepare",
            Section::Questions => "questions",
            Section::Contact => "contact",
        }
    }

    /// The section named `name`, if any.
    pub fn from_name(name: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// The widget's own words (buttons, headings) in every language.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Ui(pub(crate) SmallMap<SmallMap<String>>);

impl Ui {
    /// The word `key` in `lang`, else in `fallback`. Keys are checked when
    /// content loads, so a known key always has a value.
    pub fn word<'a>(&'a self, lang: &str, fallback: &str, key: &str) -> &'a str {
        self.0
            .get(lang)
            .and_then(|words| words.get(key))
            .or_else(|| self.0.get(fallback).and_then(|words| words.get(key)))
            .map_or("", String::as_str)
    }
}

/// Every key of [`Ui`]: the words the widget itself uses.
pub(crate) const UI_KEYS: &[&str] = &[
    "contents_label",
    "part_overview",
    "part_steps",
    "part_timeline",
    "part_faq",
    "part_prepare",
    "part_questions",
    "part_contact",
    "overview_heading",
    "what_it_is_heading",
    "who_it_is_for_heading",
    "who_may_not_heading",
    "steps_heading",
    "step_of",
    "previous_step",
    "next_step",
    "show_all_steps",
    "show_one_step",
    "duration",
    "timeline_heading",
    "faq_heading",
    "faq_search_label",
    "faq_matches",
    "faq_one_match",
    "faq_no_match",
    "expand_all",
    "collapse_all",
    "all_categories",
    "prepare_heading",
    "remember_on_device",
    "remember_note",
    "clear_ticks",
    "questions_heading",
    "print_questions",
    "contact_heading",
    "phone",
    "email",
    "website",
    "book",
    "address",
    "opening_hours",
    "contact_missing",
    "crisis_heading",
    "crisis_not_emergency",
    "disclaimer_heading",
    "last_reviewed",
    "language",
    "content_error",
    "range_to",
    "visit_total",
    "visit_before",
    "visit_infusion",
    "visit_recovery",
    "visit_home",
    "course_caption",
    // Retired (see RETIRED_UI_KEYS): accepted, never required.
    "crisis_show",
    "loading",
];

/// Words of [`UI_KEYS`] the widget no longer shows: accepted (and ignored) in
/// files written for earlier versions, so that they stay valid, but no
/// clinic has to write them.
pub(crate) const RETIRED_UI_KEYS: &[&str] = &["crisis_show", "loading"];

/// Words of [`UI_KEYS`] added after a format's first release: a clinic's own
/// language may leave them out (its file stays valid across the update), and
/// the widget then shows them in the content's fallback language.
pub(crate) const LATER_UI_KEYS: &[&str] = &[
    "remember_note",
    "range_to",
    "visit_total",
    "visit_before",
    "visit_infusion",
    "visit_recovery",
    "visit_home",
    "course_caption",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_exist() {
        assert_eq!(
            Date::parse("2024-02-29"),
            Some(Date {
                year: 2024,
                month: 2,
                day: 29
            })
        );
        for bad in [
            "2023-02-29",
            "2026-13-01",
            "2026-04-31",
            "2026-4-1",
            "26-04-01",
            "2026-04-01T00",
            "",
            "１２３４-01-01",
            "+026-01-01",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert_eq!(
            Date::parse("2026-11-01").map(|d| d.iso()).as_deref(),
            Some("2026-11-01")
        );
    }

    #[test]
    fn text_falls_back_then_takes_any() {
        let text = Text(SmallMap::from_iter([
            ("en".to_owned(), "Hello".to_owned()),
            ("es".to_owned(), "Hola".to_owned()),
        ]));
        assert_eq!(text.get("es", "en"), "Hola");
        assert_eq!(text.get("fr", "en"), "Hello");
        assert_eq!(text.get("fr", "de"), "Hello");
        assert_eq!(Text::default().get("en", "en"), "");
    }

    #[test]
    fn primary_language_of_a_tag() {
        assert_eq!(primary_language("es-MX"), "es");
        assert_eq!(primary_language("pt_BR"), "pt");
        assert_eq!(primary_language("en"), "en");
        assert_eq!(primary_language(""), "");
    }

    #[test]
    fn tel_links_keep_digits_and_plus() {
        assert_eq!(Clinic::tel_href("+1 (555) 010-0199"), "tel:+15550100199");
        assert_eq!(Clinic::tel_href("0800 123 4567"), "tel:08001234567");
    }

    #[test]
    fn region_names_are_case_insensitive() {
        assert_eq!(Region::from_name(" UK "), Some(Region::Uk));
        assert_eq!(Region::from_name("mars"), None);
        assert_eq!(
            Region::names_in_words(),
            "us, uk, ca, ie, au, nz, es, mx or other"
        );
    }
}
