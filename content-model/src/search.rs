//! FAQ search: questions and answers folded once into plain, lowercase,
//! accent-free text, so that each keystroke is only a substring scan.
//!
//! A question matches when every word of the query appears in its question
//! or answer (in any order). "medicación" finds "medicacion" and the reverse.

use super::model::Faq;

/// The searchable text of every question, for one language.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SearchIndex {
    entries: Vec<(String, Option<String>)>,
}

impl SearchIndex {
    /// Folds the questions and answers of `faq` in `lang` (else `fallback`).
    pub fn new(faq: &[Faq], lang: &str, fallback: &str) -> Self {
        let entries = faq
            .iter()
            .map(|q| {
                let text = format!(
                    "{}\n{}",
                    q.question.get(lang, fallback),
                    q.answer.get(lang, fallback).plain_text()
                );
                (fold(&text), q.category.clone())
            })
            .collect();
        SearchIndex { entries }
    }

    /// Indexes of the questions that match `query` and, when given, are in
    /// `category`. An empty query matches every question.
    pub fn matching(&self, query: &str, category: Option<&str>) -> Vec<usize> {
        let query = fold(query);
        let words: Vec<&str> = query.split_whitespace().collect();
        self.entries
            .iter()
            .enumerate()
            .filter(|(_, (_, cat))| category.is_none_or(|c| cat.as_deref() == Some(c)))
            .filter(|(_, (text, _))| words.iter().all(|w| text.contains(w)))
            .map(|(i, _)| i)
            .collect()
    }
}

/// Lowercase, with the accents of Latin letters removed.
pub(crate) fn fold(text: &str) -> String {
    crate::text::lowercase(text)
        .chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            '’' => '\'',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::default_content;

    #[test]
    fn folding_drops_case_and_accents() {
        assert_eq!(fold("Medicación ÁNIMO Ñ"), "medicacion animo n");
    }

    #[test]
    fn every_word_must_match_somewhere() {
        let content = default_content().expect("the default guide loads");
        let index = SearchIndex::new(&content.faq, "en", "en");
        assert_eq!(index.matching("", None).len(), content.faq.len());
        let drive = index.matching("DRIVE home", None);
        assert!(
            drive.iter().any(|&i| content.faq[i].id == "can-i-drive"),
            "{drive:?}"
        );
        assert!(index.matching("zebra", None).is_empty());
        let es = SearchIndex::new(&content.faq, "es", "en");
        assert!(
            !es.matching("adiccion", None).is_empty(),
            "accent-free query finds adicción"
        );
    }

    #[test]
    fn a_category_narrows_the_matches() {
        let content = default_content().expect("the default guide loads");
        let index = SearchIndex::new(&content.faq, "en", "en");
        let category = content.faq[0].category.clone();
        let in_category = index.matching("", category.as_deref());
        assert!(!in_category.is_empty() && in_category.len() < content.faq.len());
    }
}
