//! Reading-level scores for the patient texts of a guide.
//!
//! One implementation shared by the command-line tool, the tests and the
//! editor's live reading-level check. It counts [`TextStats`] in a text
//! (sentences, words, syllables and polysyllables, that is words of 3 or more
//! syllables) and turns them into the scores of the text's language
//! ([`Formula`]):
//!
//! - English: the Flesch-Kincaid grade, the Flesch reading ease and SMOG.
//!   Patient material should aim for grade 6 and stay at or below grade 8.
//! - Spanish: Szigriszt-Pazos on the INFLESZ scale (Barrio-Cantalejo 2008,
//!   used for Spanish patient material) and Fernández-Huerta, both ease
//!   scores (higher is easier), with Spanish syllables
//!   ([`spanish_syllables`]). Aim for INFLESZ 65 ("fairly easy") or more,
//!   and stay at or above 55 ("normal").
//! - Any other language: no formula; English's would mislead.
//!
//! The words it uses:
//!
//! - **word**: a run of letters, digits, apostrophes and inner hyphens
//!   between spaces or other punctuation. `well-being` is one word whose
//!   syllables are those of its parts; `24/7` and `15–60` are two words.
//! - **number**: a word made only of digits (with `.`, `,` or `%` inside or
//!   after, as in `1.5`, `1,000`, `52%`). It counts one syllable per group of
//!   digits: `40` and `988` count 1, `1.5` counts 2. This undercounts how
//!   numbers are read aloud ("forty" is 2), but it is simple, predictable and
//!   never makes a number alone look hard.
//! - **syllables**: vowel groups (`a e i o u y`, and accented Latin vowels),
//!   with a silent final `e` dropped (also in `-es` and `-ed` endings, and
//!   before `-ly`, `-ful`, `-less`, `-ness`, `-ment`, `-ty`: `safely`), but
//!   not `-le` after a consonant (`table`); an `-ing` after a vowel adds one
//!   (`being`); `y` is a consonant at the start of a word and between two
//!   vowels (`yes`, `beyond`). Common and medical words the rules get wrong
//!   are in an exception list (`ketamine` 3, `infusion` 3, `dissociation`
//!   5). Every word counts at least 1.
//! - **sentence**: ends at `.`, `!`, `?` or `…` followed by a space or the
//!   end of the text, and at each blank line (the end of a paragraph). A
//!   text with words has at least 1 sentence.
//! - **text**: plain text. Formatted text is read by the content model's own
//!   parser ([`crate::rich`]) and scored from its words:
//!   [`RichText::plain_text`](crate::rich::RichText::plain_text)
//!   leaves out the markers and link addresses and ends each list item with
//!   a full stop, so a list item is a sentence; [`rich_stats`] does both.
//!
//! Nothing here panics, whatever the input.

/// The reading formulas of a language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Formula {
    /// Flesch-Kincaid grade and SMOG, with English syllables.
    English,
    /// Szigriszt-Pazos (INFLESZ) and Fernández-Huerta, with Spanish syllables.
    Spanish,
}

impl Formula {
    /// The formulas for a BCP 47 language tag (`en-GB` is English), or
    /// `None` for a language without one here.
    #[must_use]
    pub(crate) fn for_language(lang: &str) -> Option<Formula> {
        match crate::text::lowercase(crate::primary_language(lang)).as_str() {
            "en" => Some(Formula::English),
            "es" => Some(Formula::Spanish),
            _ => None,
        }
    }
}

/// Counts taken from one or more texts.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct TextStats {
    /// Sentences, list items, headings and paragraphs without a full stop.
    pub sentences: usize,
    /// Words, numbers included.
    pub words: usize,
    /// Syllables of all words.
    pub syllables: usize,
    /// Words of 3 or more syllables.
    pub polysyllables: usize,
}

impl TextStats {
    /// The Flesch-Kincaid grade: `0.39 × words/sentences + 11.8 ×
    /// syllables/words − 15.59`, roughly the US school grade needed to read
    /// the text. `None` when there are no words.
    #[must_use]
    pub fn flesch_kincaid_grade(&self) -> Option<f64> {
        let (wps, spw) = self.ratios()?;
        Some(0.39 * wps + 11.8 * spw - 15.59)
    }

    /// The Flesch reading ease: `206.835 − 1.015 × words/sentences − 84.6 ×
    /// syllables/words`. Higher is easier; 60 to 70 is plain English.
    /// `None` when there are no words. Not shown anywhere: the tests check
    /// the counts with it against published examples.
    #[cfg(test)]
    #[must_use]
    pub(crate) fn flesch_reading_ease(&self) -> Option<f64> {
        let (wps, spw) = self.ratios()?;
        Some(206.835 - 1.015 * wps - 84.6 * spw)
    }

    /// SMOG: `1.0430 × √(polysyllables × 30 / sentences) + 3.1291`, a school
    /// grade. It was made for samples of 30 sentences or more, so it is rough
    /// for short texts. `None` when there are no words.
    #[must_use]
    pub(crate) fn smog(&self) -> Option<f64> {
        if self.words == 0 || self.sentences == 0 {
            return None;
        }
        let per_30 = self.polysyllables as f64 * 30.0 / self.sentences as f64;
        Some(1.0430 * per_30.sqrt() + 3.1291)
    }

    /// Szigriszt-Pazos on the INFLESZ scale: `206.835 − 62.3 ×
    /// syllables/words − words/sentences`, for Spanish. Below 40 very hard,
    /// 40-55 somewhat hard, 55-65 normal, 65-80 fairly easy, above 80 very
    /// easy. `None` when there are no words.
    #[must_use]
    pub fn szigriszt_pazos(&self) -> Option<f64> {
        let (wps, spw) = self.ratios()?;
        Some(206.835 - 62.3 * spw - wps)
    }

    /// Fernández-Huerta: `206.84 − 0.60 × syllables per 100 words − 1.02 ×
    /// sentences per 100 words`, for Spanish, read on Flesch's scale (70 or
    /// more: easy). `None` when there are no words.
    #[must_use]
    pub(crate) fn fernandez_huerta(&self) -> Option<f64> {
        let (wps, spw) = self.ratios()?;
        Some(206.84 - 0.60 * (100.0 * spw) - 1.02 * (100.0 / wps))
    }

    /// Adds the counts of another text, to score a whole section made of
    /// many texts (a timeline phase and its items, all FAQ answers).
    pub(crate) fn add(&mut self, other: TextStats) {
        self.sentences = self.sentences.saturating_add(other.sentences);
        self.words = self.words.saturating_add(other.words);
        self.syllables = self.syllables.saturating_add(other.syllables);
        self.polysyllables = self.polysyllables.saturating_add(other.polysyllables);
    }

    /// Words per sentence and syllables per word, `None` without words.
    fn ratios(&self) -> Option<(f64, f64)> {
        if self.words == 0 || self.sentences == 0 {
            return None;
        }
        let words = self.words as f64;
        Some((words / self.sentences as f64, self.syllables as f64 / words))
    }
}

/// Words whose syllables the rules count wrongly, lowercase, without
/// apostrophes, sorted for binary search. Includes the medical words of the
/// default guide, whether or not the rules get them right, so that they stay
/// pinned; a plural ending in `s` uses its singular's count.
const EXCEPTIONS: &[(&str, usize)] = &[
    ("actually", 4),
    ("adhd", 4),
    ("anaesthesia", 5),
    ("anaesthetic", 4),
    ("anesthesia", 4),
    ("anesthetic", 4),
    ("antidepressant", 5),
    ("anxiety", 4),
    ("anyone", 3),
    ("appointment", 3),
    ("area", 3),
    ("benzodiazepine", 6),
    ("bipolar", 3),
    ("booster", 2),
    ("cannabis", 3),
    ("clinician", 3),
    ("create", 2),
    ("created", 3),
    ("depression", 3),
    ("diagnosis", 4),
    ("dissociation", 5),
    ("dissociative", 5),
    ("doing", 2),
    ("element", 3),
    ("esketamine", 4),
    ("every", 2),
    ("everyone", 3),
    ("everything", 3),
    ("experience", 4),
    ("experiences", 5),
    ("fda", 3),
    ("going", 2),
    ("idea", 3),
    ("infusion", 3),
    ("iv", 2),
    ("ketamine", 3),
    ("lamotrigine", 4),
    ("lifeline", 2),
    ("mao", 3),
    ("maoi", 4),
    ("maybe", 2),
    ("medicine", 3),
    ("mri", 3),
    ("nausea", 3),
    ("nmda", 4),
    ("norepinephrine", 5),
    ("opioid", 3),
    ("period", 3),
    ("psychiatric", 4),
    ("psychiatrist", 4),
    ("psychiatry", 4),
    ("psychosis", 3),
    ("quiet", 2),
    ("reaction", 3),
    ("real", 1),
    ("really", 2),
    ("schizophrenia", 5),
    ("science", 2),
    ("sciences", 3),
    ("serious", 3),
    ("someone", 2),
    ("something", 2),
    ("sometimes", 2),
    ("somewhere", 2),
    ("spravato", 3),
    ("suicidal", 4),
    ("suicide", 3),
    ("tired", 2),
    ("trial", 2),
    ("usual", 3),
    ("usually", 4),
    ("variety", 4),
];

/// Looks a lowercase, apostrophe-free word up in [`EXCEPTIONS`], then its
/// singular if it ends in `s`.
fn exception(word: &str) -> Option<usize> {
    let find = |w: &str| {
        EXCEPTIONS
            .binary_search_by(|(key, _)| (*key).cmp(w))
            .ok()
            .map(|i| EXCEPTIONS[i].1)
    };
    find(word).or_else(|| word.strip_suffix('s').and_then(find))
}

/// Whether a lowercase letter is a vowel letter (before the `y` rules).
fn is_vowel_letter(c: char) -> bool {
    matches!(
        c,
        'a' | 'e'
            | 'i'
            | 'o'
            | 'u'
            | 'y'
            | 'á'
            | 'à'
            | 'â'
            | 'ä'
            | 'é'
            | 'è'
            | 'ê'
            | 'ë'
            | 'í'
            | 'ì'
            | 'î'
            | 'ï'
            | 'ó'
            | 'ò'
            | 'ô'
            | 'ö'
            | 'ú'
            | 'ù'
            | 'û'
            | 'ü'
    )
}

/// The syllables of a word, counted as the module doc says: vowel groups,
/// silent final `e`, `-le` after a consonant kept, exceptions, at least 1.
///
/// Case-insensitive; apostrophes are ignored (`you're` counts 1); a word of
/// digits counts one syllable per digit group (`40` counts 1); a hyphenated
/// word counts the syllables of its parts. Returns 0 only for a string with
/// no letter or digit at all (empty, punctuation, emoji).
#[must_use]
pub(crate) fn syllables(word: &str) -> usize {
    word.split('-').map(part_syllables).sum()
}

/// The syllables of one part of a hyphenated word.
fn part_syllables(part: &str) -> usize {
    if !part.chars().any(char::is_alphanumeric) {
        return 0;
    }
    let has_letter = part.chars().any(char::is_alphabetic);
    if !has_letter {
        return digit_groups(part);
    }
    // Letters only, lowercase, apostrophes (straight or curly) dropped. Digits
    // mixed with letters ("3rd", "24h") are ignored here.
    let letters: String = part.chars().filter(|c| c.is_alphabetic()).collect();
    let letters: Vec<char> = crate::text::lowercase(&letters).chars().collect();
    let word: String = letters.iter().collect();
    if let Some(n) = exception(&word) {
        return n;
    }
    vowel_group_syllables(&letters).max(1)
}

/// How many separate runs of ASCII digits a string holds.
fn digit_groups(s: &str) -> usize {
    let mut groups = 0;
    let mut in_group = false;
    for c in s.chars() {
        let digit = c.is_ascii_digit() || (c.is_numeric() && !c.is_alphabetic());
        if digit && !in_group {
            groups += 1;
        }
        in_group = digit;
    }
    groups.max(1)
}

/// Vowel groups with the silent-`e`, `-ing` and `y` rules, possibly 0.
fn vowel_group_syllables(w: &[char]) -> usize {
    let n = w.len();
    let vowel_at = |i: usize| -> bool {
        let c = w[i];
        if c != 'y' {
            return is_vowel_letter(c);
        }
        // "y" is a consonant at the start of a word ("yes", "you") and
        // between two vowels ("beyond", "saying").
        if i == 0 {
            return false;
        }
        let before = is_vowel_letter(w[i - 1]) && w[i - 1] != 'y';
        let after = i + 1 < n && is_vowel_letter(w[i + 1]) && w[i + 1] != 'y';
        !(before && after)
    };
    let vowels: Vec<bool> = (0..n).map(vowel_at).collect();

    let mut count = 0;
    for i in 0..n {
        if vowels[i] && (i == 0 || !vowels[i - 1]) {
            count += 1;
        }
    }
    if count > 1 && silent_final_e(w, &vowels) {
        count -= 1;
    }
    if count > 1 && silent_e_before_suffix(w, &vowels) {
        count -= 1;
    }
    // "-ing" right after a vowel is its own syllable: be-ing, go-ing, try-ing.
    if n >= 4 && w[n - 3..] == ['i', 'n', 'g'] && vowels[n - 4] {
        count += 1;
    }
    count
}

/// Whether the word ends in a silent `e`: a lone `e` after a consonant at
/// the end (`make`), or before a final `s` (`makes`, but not after `s x z c
/// g ch sh`: `nurses`, `boxes`, `places`, `changes`, `wishes`) or a final `d`
/// (`used`, but not after `t` or `d`: `wanted`, `needed`). Not `-le`,
/// `-les` or `-led` after a consonant other than `l` (`table`, `troubled`).
fn silent_final_e(w: &[char], vowels: &[bool]) -> bool {
    let n = w.len();
    let (e_at, ending) = match w.last() {
        Some('e') => (n - 1, None),
        Some(&c @ ('s' | 'd')) if n >= 2 && w[n - 2] == 'e' => (n - 2, Some(c)),
        _ => return false,
    };
    // The "e" must be a vowel group of its own, after a consonant.
    if e_at == 0 || vowels[e_at - 1] {
        return false;
    }
    let before = w[e_at - 1];
    match ending {
        Some('s') if matches!(before, 's' | 'x' | 'z' | 'c' | 'g') => return false,
        Some('s') if before == 'h' && e_at >= 2 && matches!(w[e_at - 2], 'c' | 's') => {
            return false
        }
        Some('d') if matches!(before, 't' | 'd') => return false,
        _ => {}
    }
    if before == 'l' && e_at >= 2 && !vowels[e_at - 2] && w[e_at - 2] != 'l' {
        return false;
    }
    true
}

/// Endings after which a silent `e` stays silent: `safe-ly`, `care-ful`,
/// `home-less`, `state-ment`, `safe-ty`.
const SUFFIXES_AFTER_SILENT_E: &[&str] = &[
    "ly", "ful", "fully", "less", "lessly", "ness", "ment", "ments", "ty",
];

/// Whether the word is a vowel, a consonant and a lone `e`, then one of
/// [`SUFFIXES_AFTER_SILENT_E`]: `closely`, `careful`, `statement`, `safety`
/// (but not `anxiety`, where the `e` follows a vowel).
fn silent_e_before_suffix(w: &[char], vowels: &[bool]) -> bool {
    let n = w.len();
    SUFFIXES_AFTER_SILENT_E.iter().any(|suffix| {
        let len = suffix.chars().count();
        if n < len + 3 || !w[n - len..].iter().copied().eq(suffix.chars()) {
            return false;
        }
        let e_at = n - len - 1;
        w[e_at] == 'e' && !vowels[e_at - 1] && vowels[e_at - 2]
    })
}

/// Counts sentences, words, syllables and polysyllables in a formatted text.
#[cfg(test)]
#[must_use]
pub(crate) fn rich_stats(text: &crate::rich::RichText) -> TextStats {
    stats(&text.plain_text())
}

/// Counts sentences, words, syllables and polysyllables in a plain English text.
#[must_use]
pub fn stats(text: &str) -> TextStats {
    stats_in(text, Formula::English)
}

/// [`stats`] for a text in the language of `formula` (its syllables).
#[must_use]
pub fn stats_in(text: &str, formula: Formula) -> TextStats {
    let count = match formula {
        Formula::English => syllables,
        Formula::Spanish => spanish_syllables,
    };
    let mut total = TextStats::default();
    for block in blocks(text) {
        total.add(block_stats(&block, count));
    }
    total
}

/// The syllables of a Spanish word: its vowel nuclei. Vowels next to each
/// other are one syllable (a diphthong or triphthong: `cuidado`, `buey`)
/// unless both are strong (`a e o`, accented or not: `le-er`) or one is an
/// accented weak vowel (`dí-a`, `re-ú-ne`); `y` is a vowel at the end of a
/// word (`hoy`) and alone (`y`); `u` in `que`, `qui`, `gue`, `gui` is silent.
/// A word of digits counts one per digit group, as in English; every word
/// with a letter counts at least 1.
#[must_use]
pub(crate) fn spanish_syllables(word: &str) -> usize {
    if word.chars().any(|c| c.is_ascii_digit()) {
        return digit_groups(word).max(1);
    }
    #[derive(Clone, Copy, PartialEq)]
    enum Vowel {
        Strong,
        Weak,
        AccentedWeak,
    }
    let chars: Vec<char> = crate::text::lowercase(word).chars().collect();
    let class = |i: usize| -> Option<Vowel> {
        match chars[i] {
            'a' | 'e' | 'o' | 'á' | 'é' | 'ó' | 'à' | 'è' | 'ò' => Some(Vowel::Strong),
            'í' | 'ú' | 'ì' | 'ù' => Some(Vowel::AccentedWeak),
            'i' | 'ü' => Some(Vowel::Weak),
            // The u of que, qui, gue, gui is written, not said.
            'u' if i > 0
                && matches!(chars[i - 1], 'q' | 'g')
                && matches!(chars.get(i + 1), Some('e' | 'i' | 'é' | 'í')) =>
            {
                None
            }
            'u' => Some(Vowel::Weak),
            'y' if i + 1 == chars.len() && (i == 0 || chars[i - 1] != 'y') => Some(Vowel::Weak),
            _ => None,
        }
    };
    let mut count = 0;
    let mut previous: Option<Vowel> = None;
    for i in 0..chars.len() {
        let current = class(i);
        if let Some(vowel) = current {
            let joins = previous.is_some_and(|before| {
                !(before == Vowel::Strong && vowel == Vowel::Strong)
                    && before != Vowel::AccentedWeak
                    && vowel != Vowel::AccentedWeak
            });
            if !joins {
                count += 1;
            }
        }
        previous = current;
    }
    if count == 0 && chars.iter().any(|c| c.is_alphabetic()) {
        1
    } else {
        count
    }
}

/// Splits a text into blocks that always end a sentence: paragraphs, the
/// lines up to a blank line.
fn blocks(text: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            flush(&mut blocks, &mut current);
            continue;
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(trimmed);
    }
    flush(&mut blocks, &mut current);
    blocks
}

fn flush(blocks: &mut Vec<String>, current: &mut String) {
    if !current.trim().is_empty() {
        blocks.push(std::mem::take(current));
    }
    current.clear();
}

/// Whether a character ends a sentence when followed by a space or the end.
fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// Characters that may follow a terminator before the space: closing quotes
/// and brackets (`He said "no."`).
fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»')
}

/// Whether a character separates words (besides whitespace): anything that
/// is not a letter, digit, apostrophe or hyphen.
fn is_separator(c: char) -> bool {
    !(c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '.' | ',' | '%'))
}

/// The counts of one block, a paragraph, with `count` for syllables.
fn block_stats(block: &str, count: fn(&str) -> usize) -> TextStats {
    let chars: Vec<char> = block.chars().collect();
    let mut stats = TextStats::default();
    let mut words_in_sentence = 0usize;
    let mut token = String::new();

    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let ends_sentence = is_terminator(c) && {
            let mut j = i + 1;
            while j < chars.len() && (is_terminator(chars[j]) || is_closer(chars[j])) {
                j += 1;
            }
            j == chars.len() || chars[j].is_whitespace()
        };
        if ends_sentence {
            words_in_sentence += take_word(&mut token, &mut stats, count);
            if words_in_sentence > 0 {
                stats.sentences += 1;
                words_in_sentence = 0;
            }
        } else if c.is_whitespace() || is_separator(c) {
            words_in_sentence += take_word(&mut token, &mut stats, count);
        } else {
            token.push(c);
        }
        i += 1;
    }
    words_in_sentence += take_word(&mut token, &mut stats, count);
    if words_in_sentence > 0 {
        stats.sentences += 1;
    }
    stats
}

/// Counts the pending token as a word, if it holds a letter or digit, and
/// clears it. Returns 1 when a word was counted.
fn take_word(token: &mut String, stats: &mut TextStats, count: fn(&str) -> usize) -> usize {
    let word = token.trim_matches(|c: char| !c.is_alphanumeric());
    let counted = if word.is_empty() {
        0
    } else {
        let n = count(word);
        stats.words += 1;
        stats.syllables += n;
        if n >= 3 {
            stats.polysyllables += 1;
        }
        1
    };
    token.clear();
    counted
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 0.01)
    }

    fn rich(source: &str) -> TextStats {
        match crate::rich::parse(source) {
            Ok(text) => rich_stats(&text),
            Err(errors) => panic!("{source:?}: {errors:?}"),
        }
    }

    #[test]
    fn a_block_full_of_brackets_is_counted_in_linear_time() {
        // Regression: each `[` used to search the rest of the block for `]`
        // and `)`, so 200,000 of them took seconds (minutes for a large
        // checklist). No timing here: the scan is linear by construction
        // (links are the rich-text parser's, whose scans are bounded); this
        // pins the results on such input.
        let counts = stats(&"[".repeat(200_000));
        assert!(counts.words <= 1);
        let text = format!(
            "{}[link](https://a.org) and more",
            "[ ](x y) ".repeat(20_000)
        );
        assert!(rich(&text).words > 0);
        assert_eq!(rich("see [the site](https://a.org) now").words, 4);
    }

    #[test]
    fn spanish_syllables_of_hand_counted_words() {
        for (word, expected) in [
            ("ketamina", 4),
            ("infusión", 3),
            ("día", 2),
            ("cuidado", 3),
            ("leer", 2),
            ("reúne", 3),
            ("hoy", 1),
            ("y", 1),
            ("buey", 1),
            ("que", 1),
            ("guitarra", 3),
            ("pingüino", 3),
            ("médico", 3),
            ("enfermería", 5),
            ("tratamiento", 4),
            ("país", 2),
            ("Ahora", 3),
            ("24", 1),
            ("1,5", 2),
        ] {
            assert_eq!(spanish_syllables(word), expected, "{word}");
        }
    }

    #[test]
    fn spanish_scores_follow_the_formulas() {
        // "La mesa es azul." 4 words, 6 syllables (la me-sa es a-zul), 1 sentence.
        let stats = stats_in("La mesa es azul.", Formula::Spanish);
        assert_eq!((stats.words, stats.syllables, stats.sentences), (4, 6, 1));
        assert!(close(
            stats.szigriszt_pazos(),
            206.835 - 62.3 * 6.0 / 4.0 - 4.0
        ));
        assert!(close(
            stats.fernandez_huerta(),
            206.84 - 0.60 * 150.0 - 1.02 * 25.0
        ));
        assert_eq!(Formula::for_language("es-MX"), Some(Formula::Spanish));
        assert_eq!(Formula::for_language("EN"), Some(Formula::English));
        assert_eq!(Formula::for_language("fr"), None);
    }

    #[test]
    fn syllables_of_tricky_words() {
        // "-le" after a consonant keeps its syllable: ta-ble.
        assert_eq!(syllables("table"), 2);
        // Silent final "e": make.
        assert_eq!(syllables("make"), 1);
        // The only vowel is a final "e": still 1.
        assert_eq!(syllables("the"), 1);
        // One vowel group "ueue".
        assert_eq!(syllables("queue"), 1);
        // Exceptions (medical words).
        assert_eq!(syllables("ketamine"), 3);
        assert_eq!(syllables("infusion"), 3);
        assert_eq!(syllables("dissociation"), 5);
        assert_eq!(syllables("esketamine"), 4);
        assert_eq!(syllables("anaesthetic"), 4);
        assert_eq!(syllables("anesthetic"), 4);
        assert_eq!(syllables("depression"), 3);
        assert_eq!(syllables("medicine"), 3);
        assert_eq!(syllables("medicines"), 3);
        // ev-ry, said as 2.
        assert_eq!(syllables("every"), 2);
        // be-ing: "-ing" after a vowel.
        assert_eq!(syllables("being"), 2);
        assert_eq!(syllables("trying"), 2);
        // "y" between vowels is a consonant: say-ing, be-yond.
        assert_eq!(syllables("saying"), 2);
        assert_eq!(syllables("beyond"), 2);
        // peo-ple: "-le" after "p".
        assert_eq!(syllables("people"), 2);
    }

    #[test]
    fn syllables_of_endings() {
        assert_eq!(syllables("makes"), 1);
        assert_eq!(syllables("rules"), 1);
        assert_eq!(syllables("nurses"), 2);
        assert_eq!(syllables("changes"), 2);
        assert_eq!(syllables("tables"), 2);
        assert_eq!(syllables("used"), 1);
        assert_eq!(syllables("wanted"), 2);
        assert_eq!(syllables("needed"), 2);
        assert_eq!(syllables("called"), 1);
        assert_eq!(syllables("red"), 1);
        assert_eq!(syllables("agree"), 2);
        assert_eq!(syllables("free"), 1);
        assert_eq!(syllables("whole"), 1);
        // A silent "e" before -ly, -ful, -ty stays silent.
        assert_eq!(syllables("closely"), 2);
        assert_eq!(syllables("careful"), 2);
        assert_eq!(syllables("safety"), 2);
        assert_eq!(syllables("statement"), 2);
        assert_eq!(syllables("ninety"), 2);
        // But not after a vowel: "society" keeps its groups o, ie, y (3; it
        // is said with 4, since "ie" is two syllables here: a limit of
        // vowel groups that the exception list is for).
        assert_eq!(syllables("society"), 3);
    }

    #[test]
    fn syllables_ignore_case_and_apostrophes() {
        assert_eq!(syllables("KETAMINE"), 3);
        assert_eq!(syllables("Table"), 2);
        // you're -> youre: "ou" and a silent final "e".
        assert_eq!(syllables("you're"), 1);
        assert_eq!(syllables("you’re"), 1);
        assert_eq!(syllables("don't"), 1);
        // Plural of an exception.
        assert_eq!(syllables("Infusions"), 3);
    }

    #[test]
    fn syllables_of_numbers_and_odd_input() {
        // One syllable per group of digits.
        assert_eq!(syllables("40"), 1);
        assert_eq!(syllables("988"), 1);
        assert_eq!(syllables("1.5"), 2);
        // Hyphenated: the parts add up. well 1 + be-ing 2.
        assert_eq!(syllables("well-being"), 3);
        // No vowel: at least 1.
        assert_eq!(syllables("mg"), 1);
        // No letter or digit: not a word.
        assert_eq!(syllables(""), 0);
        assert_eq!(syllables("—"), 0);
        assert_eq!(syllables("😀"), 0);
        assert_eq!(syllables("-"), 0);
        // Non-ASCII letters do not panic; accented vowels are vowels.
        assert_eq!(syllables("está"), 2);
        assert_eq!(syllables("ñ"), 1);
        assert_eq!(syllables("日本"), 1);
    }

    #[test]
    fn the_cat_sat_on_the_mat() {
        // 1 sentence, 6 words, 6 syllables (one each), no polysyllables.
        let s = stats("The cat sat on the mat.");
        assert_eq!(
            s,
            TextStats {
                sentences: 1,
                words: 6,
                syllables: 6,
                polysyllables: 0
            }
        );
        // FK = 0.39 × 6 + 11.8 × 1 − 15.59 = 2.34 + 11.8 − 15.59 = −1.45
        assert!(close(s.flesch_kincaid_grade(), -1.45));
        // FRE = 206.835 − 1.015 × 6 − 84.6 × 1 = 206.835 − 6.09 − 84.6 = 116.145
        assert!(close(s.flesch_reading_ease(), 116.145));
        // SMOG = 1.0430 × √0 + 3.1291 = 3.1291
        assert!(close(s.smog(), 3.1291));
    }

    #[test]
    fn hand_counted_paragraph() {
        let text = "Ketamine is a medicine. The infusion takes about 40 minutes. \
                    Someone must drive you home!";
        // Sentence 1: Ket-a-mine(3) is(1) a(1) med-i-cine(3) = 4 words, 8 syl,
        //   2 polysyllables.
        // Sentence 2: The(1) in-fu-sion(3) takes(1) a-bout(2) 40(1) min-utes(2)
        //   = 6 words, 10 syl, 1 polysyllable.
        // Sentence 3: Some-one(2) must(1) drive(1) you(1) home(1)
        //   = 5 words, 6 syl.
        // Total: 3 sentences, 15 words, 24 syllables, 3 polysyllables.
        let s = stats(text);
        assert_eq!(
            s,
            TextStats {
                sentences: 3,
                words: 15,
                syllables: 24,
                polysyllables: 3
            }
        );
        // FK = 0.39 × 15/3 + 11.8 × 24/15 − 15.59
        //    = 0.39 × 5 + 11.8 × 1.6 − 15.59 = 1.95 + 18.88 − 15.59 = 5.24
        assert!(close(s.flesch_kincaid_grade(), 5.24));
        // FRE = 206.835 − 1.015 × 5 − 84.6 × 1.6 = 206.835 − 5.075 − 135.36
        //     = 66.4
        assert!(close(s.flesch_reading_ease(), 66.4));
        // SMOG = 1.0430 × √(3 × 30 / 3) + 3.1291 = 1.0430 × √30 + 3.1291
        //      = 1.0430 × 5.4772 + 3.1291 = 5.7127 + 3.1291 = 8.8418
        assert!(close(s.smog(), 8.8418));
    }

    #[test]
    fn markdown_is_not_counted() {
        // 2 list items without full stops = 2 sentences; the link counts only
        // "call" and "988"; "**" and "*" are not words.
        let text = "- **Call** [988](tel:988)\n- Do *not* wait";
        // Item 1: Call(1) 988(1) = 2 words, 2 syl.
        // Item 2: Do(1) not(1) wait(1) = 3 words, 3 syl.
        assert_eq!(
            rich(text),
            TextStats {
                sentences: 2,
                words: 5,
                syllables: 5,
                polysyllables: 0
            }
        );
        // Numbered list items, none with a full stop. (Heading lines no
        // longer reach the scores: the formatting subset refuses headings.)
        let numbered = "Before\n\n1. Eat less\n2. Rest";
        assert_eq!(rich(numbered).sentences, 3);
        assert_eq!(rich(numbered).words, 4);
    }

    #[test]
    fn paragraphs_and_lines() {
        // A paragraph without a full stop ends at the blank line.
        assert_eq!(stats("One line\n\nAnother line").sentences, 2);
        // A soft line break inside a paragraph does not end a sentence.
        assert_eq!(stats("One sentence\nwrapped here.").sentences, 1);
        // Decimal points and addresses are not sentence ends.
        assert_eq!(
            stats("Plan 1.5 to 2 hours at 988lifeline.org today.").sentences,
            1
        );
        // Several terminators and a closing quote make one end.
        assert_eq!(stats("Really?! \"Yes.\" Fine").sentences, 3);
    }

    #[test]
    fn empty_and_odd_input_never_panics() {
        assert_eq!(stats(""), TextStats::default());
        assert_eq!(stats("   \n\n  "), TextStats::default());
        assert_eq!(stats("..."), TextStats::default());
        assert_eq!(stats("😀 🎉"), TextStats::default());
        assert_eq!(TextStats::default().flesch_kincaid_grade(), None);
        assert_eq!(TextStats::default().flesch_reading_ease(), None);
        assert_eq!(TextStats::default().smog(), None);
        // Unclosed links, lone markers and mixed scripts.
        for text in [
            "[",
            "[a](",
            "[a](b c)",
            "]()",
            "- ",
            "1.",
            "#",
            "*",
            "Ünïcödé ñandú 日本語 — test…",
            "a\u{301}",
            "'''",
            "--",
            "9999999999. x",
        ] {
            let s = stats(text);
            assert!(s.words == 0 || s.sentences >= 1, "{text:?}: {s:?}");
        }
        // A word with no full stop still makes a sentence.
        assert_eq!(stats("hello").sentences, 1);
    }

    #[test]
    fn add_sums_counts() {
        let mut total = stats("The cat sat on the mat.");
        total.add(stats("Ketamine is a medicine."));
        // 1 + 1 sentences, 6 + 4 words, 6 + 8 syllables, 0 + 2 polysyllables.
        assert_eq!(
            total,
            TextStats {
                sentences: 2,
                words: 10,
                syllables: 14,
                polysyllables: 2
            }
        );
        // FK = 0.39 × 5 + 11.8 × 1.4 − 15.59 = 1.95 + 16.52 − 15.59 = 2.88
        assert!(close(total.flesch_kincaid_grade(), 2.88));
    }
}
