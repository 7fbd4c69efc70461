//! Problems found in content, with where they are and what was expected.
//!
//! Every problem carries the JSON path inside the merged document
//! (`faq[3].answer.es`), the position in the clinic's file when the value came
//! from there, and a message written for the person editing the file. Content
//! checks collect every problem they find, so a clinic fixes a file in one
//! round instead of one error at a time.

use std::fmt;

use super::json::Pos;

/// What kind of problem a [`ContentError`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The file is not valid JSON.
    Syntax,
    /// A value has the wrong type (a list where text was expected, ...).
    Type,
    /// A field that the format does not have (often a typo).
    UnknownField,
    /// A required field is missing.
    Missing,
    /// Two items share an id, or an object repeats a field.
    Duplicate,
    /// A text is empty.
    Empty,
    /// A text lacks one of the document's languages.
    MissingLanguage,
    /// A link or URL that is not allowed.
    Link,
    /// A value out of its allowed set or range (colour, date, id, ...).
    Invalid,
    /// Formatted text that uses something outside the formatting subset.
    Formatting,
}

/// One problem in a content document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContentError {
    /// What kind of problem this is.
    pub kind: ErrorKind,
    /// Where in the document, as a JSON path (`steps[2].title.en`); empty for
    /// the whole document.
    pub path: String,
    /// Where in the clinic's file, when the value came from it. `None` when
    /// the value came from the built-in default content.
    pub pos: Option<Pos>,
    /// What is wrong and what was expected, for the person editing the file.
    pub message: String,
}

impl ContentError {
    pub(crate) fn new(kind: ErrorKind, path: &str, pos: Pos, message: impl Into<String>) -> Self {
        ContentError {
            kind,
            path: path.to_owned(),
            pos: from_clinic(pos),
            message: message.into(),
        }
    }

    /// The problem as one compiler-style line: `FILE:LINE:COLUMN: PATH: message`.
    /// Without a position, `FILE: PATH: message`.
    pub fn to_line(&self, file: &str) -> String {
        match self.pos {
            Some(pos) => format!("{file}:{}:{}: {self}", pos.line, pos.column),
            None => format!("{file}: {self}"),
        }
    }
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for ContentError {}

/// A position in the clinic's file, or none for a value of the built-in
/// guide ([`Pos::BUILT_IN`]).
fn from_clinic(pos: Pos) -> Option<Pos> {
    pos.in_clinic_file().then_some(pos)
}

/// The end of a message about the unknown name `unknown`: `; did you mean
/// "x"?` when a known name is close enough to be meant, else `otherwise`.
pub(crate) fn hint(unknown: &str, known: &[&str], otherwise: impl FnOnce() -> String) -> String {
    match did_you_mean(unknown, known) {
        Some(close) => format!("; did you mean \"{close}\"?"),
        None => otherwise(),
    }
}

/// The known name closest to `unknown`, when it is close enough to be a typo.
pub(crate) fn did_you_mean<'a>(unknown: &str, known: &[&'a str]) -> Option<&'a str> {
    let unknown = crate::text::lowercase(unknown);
    known
        .iter()
        .map(|candidate| (edit_distance(&unknown, candidate), *candidate))
        .filter(|(distance, candidate)| *distance <= (candidate.chars().count() / 3).max(1))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// Edit distance counting characters, where swapping two neighbours is one
/// edit (optimal string alignment): "titel" is one edit from "title".
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for (i, row) in d.chunks_mut(width).enumerate() {
        row[0] = i;
    }
    for (j, cell) in d.iter_mut().take(width).enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1)
                .min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = best;
        }
    }
    d[a.len() * width + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let known = ["question", "answer", "category", "id"];
        assert_eq!(did_you_mean("anwser", &known), Some("answer"));
        assert_eq!(did_you_mean("Question", &known), Some("question"));
        assert_eq!(did_you_mean("catgory", &known), Some("category"));
        assert_eq!(did_you_mean("colour", &known), None);
        assert_eq!(did_you_mean("", &known), None);
    }

    #[test]
    fn edit_distance_counts_characters() {
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("añswer", "answer"), 1);
        assert_eq!(edit_distance("titel", "title"), 1);
    }

    #[test]
    fn line_format_is_compiler_style() {
        let error = ContentError::new(
            ErrorKind::Empty,
            "faq[3].answer.es",
            Pos {
                line: 12,
                column: 5,
            },
            "the text is empty",
        );
        assert_eq!(
            error.to_line("clinic.json"),
            "clinic.json:12:5: faq[3].answer.es: the text is empty"
        );
        let built_in = ContentError::new(ErrorKind::Empty, "guide.title", Pos::BUILT_IN, "x");
        assert_eq!(
            built_in.to_line("clinic.json"),
            "clinic.json: guide.title: x"
        );
    }
}
