//! Formatted text: the small, safe markdown subset clinics write step bodies,
//! FAQ answers, the summary and the disclaimer in.
//!
//! [`parse`] turns the source into a [`RichText`] tree of [`Block`]s and
//! [`Inline`]s: paragraphs, bullet and numbered lists, bold, italic, links and
//! line breaks. Everything else is either shown as the literal characters the
//! clinic typed (HTML tags are never markup) or reported as a [`RichError`]
//! that tells the nurse what was found and what to write instead. Links may
//! only go to the schemes [`link_scheme_allowed`] accepts.
//!
//! # The subset
//!
//! The parser is written for exactly this subset (a general markdown library
//! took too much of the widget's size budget). It follows CommonMark where
//! the two overlap.
//!
//! Blocks:
//! - Blocks are separated by blank lines; a list item, heading, quote, fence
//!   or horizontal line also ends a paragraph. Other lines of a paragraph are
//!   joined with a space; a line ending in two or more spaces or in a
//!   backslash ends with a [`Inline::LineBreak`] instead.
//! - A line starting with `- `, `* ` or `+ ` is a bulleted list item, one
//!   starting with `N. ` or `N) ` (up to nine digits) a numbered one; the list
//!   starts at the first item's number. A list ends at a blank line followed
//!   by an unindented line that is not an item of the same kind, or at an
//!   item of another kind. A bullet or `1.` item may follow a paragraph line
//!   directly; another number there is running text ("in\n2024. we").
//! - Inside a list, a line that is no item continues the item (joined with a
//!   space); after a blank line it needs two spaces of indentation and then
//!   starts a new line of the item. Item lines indented by two or more spaces
//!   more than the list are nested items: they are flattened into the item
//!   they sit in, each on its own line, numbered ones keeping their number as
//!   text ("2. ").
//! - `[label]: address` lines at the start of a block define addresses for
//!   `[text][label]`, `[label][]` and `[label]` links (at most
//!   `MAX_DEFINITIONS`; labels match ignoring case and spacing).
//! - Errors: ATX headings (`#` to `######` then a space), setext headings (a
//!   line of `=` or `-` under text), horizontal lines (three or more `-`, `*`
//!   or `_` alone), fenced code (```` ``` ```` or `~~~`, up to the closing
//!   fence), indented code (four spaces at the start of a block outside
//!   lists), block quotes (`>`), tables (a line of `|`, `-`, `:` under a line
//!   with `|`) and footnotes (`[^label]`). A heading, quote, horizontal line
//!   or fence right after a list marker is an error too.
//!
//! Inlines:
//! - `**strong**` / `__strong__` and `*emphasis*` / `_emphasis_`, matched
//!   like CommonMark's delimiter runs (so `snake_case` stays text, and `_`
//!   needs a word boundary); unmatched markers are literal text. They nest,
//!   up to `MAX_INLINE_DEPTH`; deeper markers are dropped.
//! - `[text](address)`, the address optionally in `<...>` and optionally
//!   followed by a quoted title, which is ignored; the text may hold emphasis
//!   but no link. Autolinks `<scheme:...>` and `<name@host>` (as `mailto:`).
//!   Every address goes through [`link_scheme_allowed`] after escapes and
//!   entities in it are decoded; a refused one is an error. `![alt](src)` is
//!   an error.
//! - `{crisis}` and `{emergency}` are placeholders for the crisis line and
//!   the emergency number of the region the page shows ([`Inline::Region`],
//!   filled in by [`crate::crisis::reference`]), so that no text names a
//!   number that is wrong elsewhere. Any other `{name}` (letters and
//!   hyphens) is an error with a suggestion, and so is a placeholder inside
//!   a link's text (it is a link itself); other braces are text.
//! - `` `code` `` is shown as plain text; `\` before ASCII punctuation shows
//!   that character; `&amp; &lt; &gt; &quot; &apos; &nbsp; &#NN; &#xHH;` are
//!   decoded (`&#0;` and invalid numbers become U+FFFD); other entities and
//!   all HTML stay literal text.
//!
//! The parser never panics, takes time about linear in the input (closing
//! markers look back at most `MAX_OPENERS` unmatched openers; a link's
//! `(...)` part is at most `MAX_LINK` bytes) and recurses only into trees
//! of bounded depth.
//!
//! This module holds plain Rust types only: no web or Yew types, so it builds
//! and is tested on the native target. Rendering lives in
//! `components::rich_text`.

use std::fmt;
use std::mem::take;

pub use crate::crisis::Reference;

mod inline;

use inline::{definition, push, run};

/// One block of formatted text.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// A paragraph.
    Paragraph(Vec<Inline>),
    /// A bulleted list; each item is a run of inlines.
    BulletList(Vec<Vec<Inline>>),
    /// A numbered list starting at `start`.
    NumberedList {
        /// The number of the first item, as the clinic wrote it.
        start: u64,
        /// The items, each a run of inlines.
        items: Vec<Vec<Inline>>,
    },
}

/// A piece of text inside a block.
#[derive(Clone, Debug, PartialEq)]
pub enum Inline {
    /// Literal text, shown as typed (including any `<` or `&`).
    Text(String),
    /// `**bold**`.
    Strong(Vec<Inline>),
    /// `*italic*`.
    Emphasis(Vec<Inline>),
    /// A link whose `href` passed [`link_scheme_allowed`].
    Link {
        /// The destination, absolute, with an allowed scheme.
        href: String,
        /// The link text.
        children: Vec<Inline>,
    },
    /// A hard line break (two spaces or a backslash at the end of a line).
    LineBreak,
    /// `{crisis}` or `{emergency}`: the page's region fills it in.
    Region(Reference),
}

/// Formatted text: a sequence of blocks. The default is empty text.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct RichText {
    /// The blocks, in reading order.
    pub blocks: Vec<Block>,
}

/// A problem in formatted text, worded for the nurse who wrote it: what was
/// found and what to do instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RichError {
    /// The explanation, in plain words.
    pub message: String,
    /// Whether the problem is a link to a refused address (rather than
    /// something outside the formatting subset).
    pub is_link: bool,
}

impl fmt::Display for RichError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for RichError {}

/// Inline nesting deeper than this is flattened, so that rendering, dropping
/// and comparing a tree never recurses deeply on hostile input.
const MAX_INLINE_DEPTH: usize = 8;

/// How much of the clinic's text an error message quotes.
const QUOTE_CHARS: usize = 60;

/// How many unmatched `*`/`_` openers a closing run looks back at.
const MAX_OPENERS: usize = 32;

/// The longest `(address "title")` part of a link, in bytes.
const MAX_LINK: usize = 2048;

/// How many `[label]: address` definitions are read; later ones stay text.
const MAX_DEFINITIONS: usize = 50;

const HEADING: &str = "headings are not part of the formatting subset; the guide sets its own \
     headings. Write it as an ordinary sentence, or make it **bold** \
     (a line starting with # or underlined with --- or === is a heading)";
const CODE: &str = "text indented by four spaces or fenced with ``` is shown as computer \
     code, which the formatting subset does not include; remove the \
     indentation or the fence";
const QUOTE: &str = "lines starting with > are not part of the formatting subset; remove the >";
const RULE: &str = "a line of ---, *** or ___ is not part of the formatting subset; \
     remove it (a blank line already starts a new paragraph)";

/// Parses formatted text.
///
/// Returns every problem found, not only the first. Empty or whitespace-only
/// text is `Ok(RichText::default())`; whether text may be empty is decided by
/// the caller.
///
/// Lists inside list items (one level or more) are flattened into the item
/// they sit in: each nested item goes on its own line (a [`Inline::LineBreak`]
/// before it), numbered ones keep their number as text ("2. "). Several
/// paragraphs in one item are joined the same way.
///
/// Tables and footnotes are recognised by their look: a line made only of
/// `|`, `-` and `:` under a line containing `|`, and `[^label]`.
pub fn parse(source: &str) -> Result<RichText, Vec<RichError>> {
    if source.trim().is_empty() {
        return Ok(RichText::default());
    }
    // Lines end at "\n", "\r\n" or "\r".
    let source = source.replace("\r\n", "\n");
    let lines: Vec<&str> = source.split(['\n', '\r']).collect();
    let mut p = Parser::default();
    // Definitions first: a link may come before the address it names.
    let is_definition = p.definitions(&lines);
    let mut between = Between::default();
    let mut n = 0;
    while let Some(&line) = lines.get(n) {
        n += 1;
        if is_definition[n - 1] {
            p.end_paragraph();
            between.quoted = false;
            continue;
        }
        if let Some(fence) = p.line(line, &mut between) {
            // Everything up to the closing fence is code.
            n += lines[n..]
                .iter()
                .position(|line| fence.closes(line))
                .map_or(lines.len() - n, |closing| closing + 1);
        }
    }
    p.end_list();
    if p.errors.is_empty() {
        Ok(RichText { blocks: p.blocks })
    } else {
        Err(p.errors)
    }
}

/// What the block reader knows of the lines before the next one.
#[derive(Default)]
struct Between {
    /// The last line was quoted (`> ...`): its error is given once.
    quoted: bool,
    /// The last line was indented code: its error is given once.
    code: bool,
}

/// An opening code fence: its character and length.
struct Fence(u8, usize);

impl Fence {
    /// Whether `line` closes the fence.
    fn closes(&self, line: &str) -> bool {
        let line = line.trim();
        line.len() >= self.1 && line.bytes().all(|b| b == self.0)
    }
}

impl<'s> Parser<'s> {
    /// Reads the `[label]: address` definitions that start a block, and gives
    /// back which lines they are.
    fn definitions(&mut self, lines: &[&str]) -> Vec<bool> {
        let mut is_definition = vec![false; lines.len()];
        let mut block_start = true;
        for (n, line) in lines.iter().enumerate() {
            if block_start && self.definitions.len() < MAX_DEFINITIONS {
                if let Some(definition) = definition(line) {
                    is_definition[n] = true;
                    self.definitions.push(definition);
                    continue;
                }
            }
            block_start = line.trim().is_empty();
        }
        is_definition
    }

    /// Reads one line that is not a definition. Gives back the fence it
    /// opens, if any: the lines up to its closing are code, and skipped.
    fn line(&mut self, line: &'s str, between: &mut Between) -> Option<Fence> {
        let mut t = line.trim_start_matches([' ', '\t']);
        if t.is_empty() {
            self.end_paragraph();
            between.quoted = false;
            return None;
        }
        self.footnotes(t);
        let indent = indent(line);
        let mut nested = self.list.as_ref().map(|list| indent >= list.indent + 2);
        if indent >= 4 && nested.is_none() {
            if !self.lines.is_empty() {
                self.lines.push(t);
            } else if !between.code {
                self.error("code block", t, CODE);
            }
            between.code = self.lines.is_empty();
            return None;
        }
        between.code = false;
        let quote = t.starts_with('>');
        if quote {
            // One error for the quote; the rest of the line is read as usual.
            self.end_list();
            nested = None;
            if !between.quoted {
                self.error("quoted block", t, QUOTE);
            }
            t = t.trim_start_matches(['>', ' ', '\t']);
        }
        between.quoted = quote;
        if t.is_empty() {
            return None;
        }
        let open = !self.lines.is_empty();
        if open && is_table_delimiter(t) && self.lines.last().is_some_and(|l| l.contains('|')) {
            let header = self.lines.last().copied().unwrap_or_default();
            self.error(
                "table starting",
                header,
                "tables are not part of the formatting subset; use a list instead, one line per row",
            );
            self.lines.push(t);
            return None;
        }
        if open && nested != Some(false) && is_underline(t) {
            let text = self.lines.join("\n");
            self.lines.clear();
            self.error("heading", &text, HEADING);
            self.inline(&text);
            return None;
        }
        if let Some((what, advice)) = block_error(t) {
            self.end_list();
            self.error(what, t, advice);
            if advice == HEADING {
                self.inline(t.trim_start_matches('#'));
            }
            return fence(t).map(|(fence, length)| Fence(fence, length));
        }
        if let Some((marker, number, content)) = list_marker(t) {
            self.list_item(t, indent, nested, (marker, number, content));
            return None;
        }
        if !open && nested == Some(false) {
            // Only indented text starts a new line of the item.
            self.end_list();
        }
        self.lines.push(t);
        None
    }

    /// Reads a line `t` that starts with a list marker: a new item, an item
    /// of a nested list (flattened into its parent's), or, in a paragraph,
    /// text that only looks like one.
    fn list_item(
        &mut self,
        t: &'s str,
        indent: usize,
        nested: Option<bool>,
        (marker, number, content): (u8, Option<u64>, &'s str),
    ) {
        let open = !self.lines.is_empty();
        let same = self.list.as_ref().is_some_and(|list| list.marker == marker);
        match nested {
            Some(true) => self.nested_item(indent, marker, number),
            Some(false) if same => self.end_item(),
            None if open && (number.is_some_and(|n| n != 1) || content.is_empty()) => {
                self.lines.push(t);
                return;
            }
            _ => {
                self.end_list();
                self.list = Some(List {
                    marker,
                    start: number,
                    indent,
                    ..List::default()
                });
            }
        }
        // Markers right after the marker: lists nested on one line.
        let mut content = content;
        for _ in 0..MAX_INLINE_DEPTH {
            let Some((_, number, rest)) =
                list_marker(content).filter(|_| block_error(content).is_none())
            else {
                break;
            };
            if let Some(number) = number {
                self.label.push_str(&format!("{number}. "));
            }
            content = rest;
        }
        if let Some((what, advice)) = block_error(content) {
            self.error(what, content, advice);
        }
        if !content.is_empty() {
            self.lines.push(content);
        }
    }
}

/// Whether a link destination is allowed: absolute, with scheme `https:`,
/// `http:`, `tel:` or `mailto:` (any case).
///
/// Refused: relative and scheme-relative (`//host`) addresses, anything with a
/// space or control character anywhere (browsers drop tabs and newlines and
/// trim spaces, which could otherwise join `java\tscript:` into a scheme), and
/// `http(s):` not followed by `//` and a host.
pub fn link_scheme_allowed(href: &str) -> bool {
    if href.chars().any(|c| c <= ' ' || c == '\u{7f}') {
        return false;
    }
    let Some((scheme, rest)) = href.split_once(':') else {
        return false;
    };
    if rest.is_empty() {
        return false;
    }
    if scheme.eq_ignore_ascii_case("https") || scheme.eq_ignore_ascii_case("http") {
        rest.strip_prefix("//")
            .and_then(|host| host.chars().next())
            .is_some_and(|c| c != '/' && c != '\\')
    } else {
        scheme.eq_ignore_ascii_case("tel") || scheme.eq_ignore_ascii_case("mailto")
    }
}

impl RichText {
    /// The words only, for readability scoring and search: blocks separated
    /// by blank lines, each list item (and each line of one) on its own line,
    /// ending with "." when it has no closing punctuation. Link addresses and
    /// list numbers are left out.
    pub fn plain_text(&self) -> String {
        let mut blocks = Vec::new();
        for block in &self.blocks {
            let lines = match block {
                Block::Paragraph(inlines) => plain_lines(inlines),
                Block::BulletList(items) | Block::NumberedList { items, .. } => items
                    .iter()
                    .flat_map(|item| plain_lines(item))
                    .map(end_sentence)
                    .collect(),
            };
            if !lines.is_empty() {
                blocks.push(lines.join("\n"));
            }
        }
        blocks.join("\n\n")
    }
}

/// The text of `inlines`, split at line breaks, whitespace collapsed, empty
/// lines dropped.
fn plain_lines(inlines: &[Inline]) -> Vec<String> {
    fn walk(inlines: &[Inline], lines: &mut Vec<String>) {
        for inline in inlines {
            match inline {
                Inline::Text(text) => {
                    if let Some(line) = lines.last_mut() {
                        line.push_str(text);
                    }
                }
                Inline::Strong(children)
                | Inline::Emphasis(children)
                | Inline::Link { children, .. } => walk(children, lines),
                Inline::LineBreak => lines.push(String::new()),
                Inline::Region(reference) => {
                    if let Some(line) = lines.last_mut() {
                        line.push_str(reference.plain_words());
                    }
                }
            }
        }
    }
    let mut lines = vec![String::new()];
    walk(inlines, &mut lines);
    lines
        .iter()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect()
}

fn end_sentence(mut line: String) -> String {
    let closing = ['.', '!', '?', ':', ';', '…'];
    let last = line
        .trim_end_matches(['"', '\'', ')', '”', '’', '*', '_'])
        .chars()
        .last();
    if !last.is_some_and(|c| closing.contains(&c)) {
        line.push('.');
    }
    line
}

/// A list being read.
#[derive(Default)]
struct List {
    /// `-`, `*`, `+`, `.` or `)`: an item with another marker ends the list.
    marker: u8,
    start: Option<u64>,
    /// Indentation of the first item's marker.
    indent: usize,
    items: Vec<Vec<Inline>>,
    /// The item being read, without its open paragraph.
    item: Vec<Inline>,
    /// Nested lists in the item: indentation, marker, next number.
    nested: Vec<(usize, u8, u64)>,
}

/// Reads the blocks, collecting errors as it goes.
#[derive(Default)]
struct Parser<'s> {
    /// `[label]: address` definitions, label normalised.
    definitions: Vec<(String, String)>,
    errors: Vec<RichError>,
    footnotes_seen: Vec<String>,
    blocks: Vec<Block>,
    /// The lines of the open paragraph (or part of a list item), trimmed at
    /// the start.
    lines: Vec<&'s str>,
    /// Text put before the open paragraph: a nested item's number.
    label: String,
    list: Option<List>,
}

/// A paragraph's pieces while its markers are matched up.
#[derive(Default)]
struct Pieces {
    nodes: Vec<Node>,
    /// Text not yet in `nodes`.
    text: String,
    /// For each depth, one past the last node at least that deep. Nodes
    /// taken out are not forgotten: that can only make a depth look larger.
    deep: [usize; 12],
}

/// A piece of a paragraph.
enum Node {
    /// Finished.
    Done(Inline),
    /// A run of `*` or `_`: the character, how many are still unmatched, the
    /// run's length, and whether it can close.
    Run(u8, usize, usize, bool),
    /// A `[` (or `![`, true) that may still start a link (or image).
    Open(bool),
}

impl Parser<'_> {
    /// Ends the open paragraph: a block of its own, or a line of the item.
    fn end_paragraph(&mut self) {
        if self.lines.is_empty() && self.label.is_empty() {
            return;
        }
        let source = self.lines.join("\n");
        self.lines.clear();
        let mut inlines = Vec::new();
        push(&mut inlines, Inline::Text(take(&mut self.label)));
        for inline in self.inline(source.trim_end()) {
            push(&mut inlines, inline);
        }
        trim_breaks(&mut inlines);
        match &mut self.list {
            Some(list) => {
                if !list.item.is_empty() && !inlines.is_empty() {
                    list.item.push(Inline::LineBreak);
                }
                list.item.append(&mut inlines);
            }
            None if !inlines.is_empty() => self.blocks.push(Block::Paragraph(inlines)),
            None => {}
        }
    }

    fn end_item(&mut self) {
        self.end_paragraph();
        if let Some(list) = &mut self.list {
            let mut item = take(&mut list.item);
            trim_breaks(&mut item);
            list.items.push(item);
            list.nested.clear();
        }
    }

    fn end_list(&mut self) {
        self.end_item();
        if let Some(list) = self.list.take() {
            self.blocks.push(match list.start {
                Some(start) => Block::NumberedList {
                    start,
                    items: list.items,
                },
                None => Block::BulletList(list.items),
            });
        }
    }

    /// Starts a nested item: a new line of the item, with its number.
    fn nested_item(&mut self, indent: usize, marker: u8, number: Option<u64>) {
        self.end_paragraph();
        let Some(list) = &mut self.list else {
            return;
        };
        let nested = &mut list.nested;
        while nested
            .last()
            .is_some_and(|&(i, m, _)| i > indent || i == indent && m != marker)
        {
            nested.pop();
        }
        let number = match nested.last_mut() {
            Some((i, _, next)) if *i == indent => {
                let number = *next;
                *next = number.saturating_add(1);
                number
            }
            _ => {
                let number = number.unwrap_or(0);
                nested.push((indent, marker, number.saturating_add(1)));
                number
            }
        };
        if matches!(marker, b'.' | b')') {
            self.label = format!("{number}. ");
        }
    }

    /// Reports `[^label]` footnotes in a line, each label once.
    fn footnotes(&mut self, line: &str) {
        let mut rest = line;
        while let Some(at) = rest.find("[^") {
            rest = &rest[at + 2..];
            let end = rest
                .bytes()
                .position(|b| matches!(b, b']' | b'[' | b' ' | b'\t'))
                .unwrap_or(rest.len());
            let label = &rest[..end];
            if rest[end..].starts_with(']')
                && !label.is_empty()
                && !self.footnotes_seen.iter().any(|seen| seen == label)
            {
                self.footnotes_seen.push(label.to_owned());
                self.error(
                    "footnote",
                    &format!("[^{label}]"),
                    "footnotes are not part of the formatting subset; \
                     put the note in a sentence of its own",
                );
            }
        }
    }

    /// Records "`what` "<found>" — `advice`".
    fn error(&mut self, what: &str, found: &str, advice: &str) {
        self.errors.push(RichError {
            message: format!("{what} \"{}\" — {advice}", quote(found)),
            is_link: false,
        });
    }
}

/// Columns of indentation (a tab to the next multiple of four).
fn indent(line: &str) -> usize {
    let mut width = 0;
    for c in line.chars() {
        match c {
            ' ' => width += 1,
            '\t' => width += 4 - width % 4,
            _ => break,
        }
    }
    width
}

/// A list marker starting `t`: the marker character, the number, and the
/// item's text.
fn list_marker(t: &str) -> Option<(u8, Option<u64>, &str)> {
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let (marker, number) = match t.as_bytes().get(digits).copied()? {
        c @ (b'-' | b'*' | b'+') if digits == 0 => (c, None),
        c @ (b'.' | b')') if (1..=9).contains(&digits) => (c, t[..digits].parse().ok()),
        _ => return None,
    };
    let rest = &t[digits + 1..];
    (rest.is_empty() || rest.starts_with([' ', '\t']))
        .then(|| (marker, number, rest.trim_start_matches([' ', '\t'])))
}

/// A block-level construct outside the subset starting `t`: what it is and
/// the advice.
fn block_error(t: &str) -> Option<(&'static str, &'static str)> {
    let hashes = run(t, b'#');
    if t.starts_with('>') {
        Some(("quoted block", QUOTE))
    } else if is_rule(t) {
        Some(("horizontal line", RULE))
    } else if (1..=6).contains(&hashes)
        && t[hashes..]
            .chars()
            .next()
            .is_none_or(|c| c == ' ' || c == '\t')
    {
        Some(("heading", HEADING))
    } else if fence(t).is_some() {
        Some(("code block", CODE))
    } else {
        None
    }
}

/// Three or more `-`, `*` or `_` (the same), maybe with spaces between.
fn is_rule(t: &str) -> bool {
    let t = t.trim_end();
    t.chars().next().is_some_and(|c| {
        matches!(c, '-' | '*' | '_')
            && t.chars().filter(|&x| x == c).count() >= 3
            && t.chars().all(|x| x == c || x == ' ' || x == '\t')
    })
}

/// A setext heading's underline: only `=` or only `-`.
fn is_underline(t: &str) -> bool {
    let t = t.trim_end();
    let first = t.bytes().next();
    matches!(first, Some(b'=' | b'-')) && t.bytes().all(|b| Some(b) == first)
}

/// A code fence starting `t`: its character and length.
fn fence(t: &str) -> Option<(u8, usize)> {
    let c = *t.as_bytes().first()?;
    let n = run(t, c);
    (matches!(c, b'`' | b'~') && n >= 3 && (c == b'~' || !t[n..].contains('`'))).then_some((c, n))
}

fn trim_breaks(inlines: &mut Vec<Inline>) {
    while inlines.last() == Some(&Inline::LineBreak) {
        inlines.pop();
    }
    let leading = inlines
        .iter()
        .take_while(|inline| **inline == Inline::LineBreak)
        .count();
    inlines.drain(..leading);
}

/// A table's second line: only `|`, `-`, `:` and spaces, with a `|` and a `-`.
fn is_table_delimiter(line: &str) -> bool {
    let line = line.trim();
    line.contains('|')
        && line.contains('-')
        && line
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// The first non-blank line of `text`, trimmed, shortened, with control
/// characters made visible, for quoting in a message.
fn quote(text: &str) -> String {
    let line = text
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .unwrap_or("");
    let mut quoted = String::new();
    for (count, c) in line.chars().enumerate() {
        if count == QUOTE_CHARS {
            quoted.push('…');
            break;
        }
        if c.is_control() {
            quoted.extend(c.escape_default());
        } else {
            quoted.push(c);
        }
    }
    quoted
}

#[cfg(test)]
pub(crate) mod tests;
