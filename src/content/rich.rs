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
    let mut is_definition = vec![false; lines.len()];
    let mut block_start = true;
    for (n, line) in lines.iter().enumerate() {
        if block_start && p.definitions.len() < MAX_DEFINITIONS {
            if let Some(definition) = definition(line) {
                is_definition[n] = true;
                p.definitions.push(definition);
                continue;
            }
        }
        block_start = line.trim().is_empty();
    }
    let mut quoted = false;
    let mut code = false;
    let mut n = 0;
    while let Some(&line) = lines.get(n) {
        n += 1;
        let mut t = line.trim_start_matches([' ', '\t']);
        if t.is_empty() || is_definition[n - 1] {
            p.end_paragraph();
            quoted = false;
            continue;
        }
        p.footnotes(t);
        let indent = indent(line);
        let mut nested = p.list.as_ref().map(|list| indent >= list.indent + 2);
        if indent >= 4 && nested.is_none() {
            if !p.lines.is_empty() {
                p.lines.push(t);
            } else if !code {
                p.error("code block", t, CODE);
            }
            code = p.lines.is_empty();
            continue;
        }
        code = false;
        let quote = t.starts_with('>');
        if quote {
            // One error for the quote; the rest of the line is read as usual.
            p.end_list();
            nested = None;
            if !quoted {
                p.error("quoted block", t, QUOTE);
            }
            t = t.trim_start_matches(['>', ' ', '\t']);
        }
        quoted = quote;
        if t.is_empty() {
            continue;
        }
        let open = !p.lines.is_empty();
        if open && is_table_delimiter(t) && p.lines.last().is_some_and(|l| l.contains('|')) {
            let header = p.lines.last().copied().unwrap_or_default();
            p.error(
                "table starting",
                header,
                "tables are not part of the formatting subset; use a list instead, one line per row",
            );
            p.lines.push(t);
            continue;
        }
        if open && nested != Some(false) && is_underline(t) {
            let text = p.lines.join("\n");
            p.lines.clear();
            p.error("heading", &text, HEADING);
            p.inline(&text);
            continue;
        }
        if let Some((what, advice)) = block_error(t) {
            p.end_list();
            p.error(what, t, advice);
            if advice == HEADING {
                p.inline(t.trim_start_matches('#'));
            }
            if let Some((fence, length)) = fence(t) {
                // Everything up to the closing fence is code.
                while let Some(line) = lines.get(n) {
                    n += 1;
                    let line = line.trim();
                    if line.len() >= length && line.bytes().all(|b| b == fence) {
                        break;
                    }
                }
            }
            continue;
        }
        if let Some((marker, number, content)) = list_marker(t) {
            let same = p.list.as_ref().is_some_and(|list| list.marker == marker);
            match nested {
                Some(true) => p.nested_item(indent, marker, number),
                Some(false) if same => p.end_item(),
                None if open && (number.is_some_and(|n| n != 1) || content.is_empty()) => {
                    p.lines.push(t);
                    continue;
                }
                _ => {
                    p.end_list();
                    p.list = Some(List {
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
                    p.label.push_str(&format!("{number}. "));
                }
                content = rest;
            }
            if let Some((what, advice)) = block_error(content) {
                p.error(what, content, advice);
            }
            if !content.is_empty() {
                p.lines.push(content);
            }
            continue;
        }
        if !open && nested == Some(false) {
            // Only indented text starts a new line of the item.
            p.end_list();
        }
        p.lines.push(t);
    }
    p.end_list();
    if p.errors.is_empty() {
        Ok(RichText { blocks: p.blocks })
    } else {
        Err(p.errors)
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

    /// The inlines of one paragraph. CommonMark's delimiter algorithm, with
    /// each closing run matched as soon as it is read and an open `[` as the
    /// floor for that search.
    fn inline(&mut self, s: &str) -> Vec<Inline> {
        let b = s.as_bytes();
        let mut pieces = Pieces::default();
        // Nodes of runs that can open, and open brackets: node, openers
        // below it, where it starts, whether it is `![`.
        let mut openers = Vec::new();
        let mut brackets: Vec<(usize, usize, usize, bool)> = Vec::new();
        // Brackets below this index are before a link: they cannot start one.
        let mut inactive = 0;
        // Lengths of backtick runs known to have no closing run.
        let mut unclosed = Vec::new();
        // A `[` after the last `]` is text.
        let last_close = b.iter().rposition(|&c| c == b']').unwrap_or(0);
        let mut i = 0;
        while let Some(&c) = b.get(i) {
            let rest = &s[i..];
            match c {
                b'\n' | b'\\' if c == b'\n' || rest[1..].starts_with('\n') => {
                    let kept = match c {
                        b'\n' => pieces.text.trim_end_matches(' ').len(),
                        _ => pieces.text.len(),
                    };
                    let hard = c == b'\\' || pieces.text.len() - kept >= 2;
                    pieces.text.truncate(kept);
                    if hard {
                        pieces.flush();
                        pieces.push(Inline::LineBreak, 0);
                    } else {
                        pieces.text.push(' ');
                    }
                    i += if c == b'\\' { 2 } else { 1 };
                }
                b'`' => {
                    let n = run(rest, c);
                    let close = if unclosed.contains(&n) {
                        None
                    } else {
                        closing_ticks(&rest[n..], n)
                    };
                    match close {
                        Some(end) => {
                            let code = rest[n..n + end].replace('\n', " ");
                            let stripped = code
                                .strip_prefix(' ')
                                .and_then(|c| c.strip_suffix(' '))
                                .filter(|_| code.trim() != "");
                            pieces.text.push_str(stripped.unwrap_or(&code));
                            i += 2 * n + end;
                        }
                        None => {
                            unclosed.push(n);
                            pieces.text.push_str(&rest[..n]);
                            i += n;
                        }
                    }
                }
                b'<' => match autolink(rest) {
                    Some((href, end)) => {
                        pieces.flush();
                        let children = vec![Inline::Text(rest[1..end - 1].to_owned())];
                        self.link(&mut pieces, href, children, 1, &rest[..end]);
                        i += end;
                    }
                    None => {
                        pieces.text.push('<');
                        i += 1;
                    }
                },
                b'*' | b'_' => {
                    let n = run(rest, c);
                    let before = s[..i].chars().next_back().unwrap_or(' ');
                    let after = rest[n..].chars().next().unwrap_or(' ');
                    let (open, close) = flanking(c, before, after);
                    pieces.flush();
                    // Emphasis does not reach out of a `[` that may start a link.
                    let floor = match brackets.last() {
                        Some(bracket) if brackets.len() > inactive => bracket.1,
                        _ => 0,
                    };
                    let mut left = n;
                    if close {
                        left = close_run(&mut pieces, &mut openers, floor, c, n, open);
                    }
                    if left > 0 {
                        if open {
                            openers.push(pieces.nodes.len());
                        }
                        pieces.nodes.push(Node::Run(c, left, n, close));
                    }
                    i += n;
                }
                b'[' | b'!' if (c == b'[' || rest[1..].starts_with('[')) && i < last_close => {
                    pieces.flush();
                    let image = c == b'!';
                    brackets.push((pieces.nodes.len(), openers.len(), i, image));
                    pieces.nodes.push(Node::Open(image));
                    i += 1 + usize::from(image);
                }
                b']' => {
                    pieces.flush();
                    i += 1;
                    let Some((node, below, at, image)) = brackets.pop() else {
                        pieces.text.push(']');
                        continue;
                    };
                    let active = brackets.len() >= inactive;
                    inactive = inactive.min(brackets.len());
                    let label = &s[at + 1 + usize::from(image)..i - 1];
                    let Some((href, end)) = active.then(|| self.target(s, i, label)).flatten()
                    else {
                        pieces.text.push(']');
                        continue;
                    };
                    openers.truncate(below);
                    let depth = pieces.depth_after(node);
                    let children = finish(pieces.nodes.drain(node + 1..));
                    pieces.nodes.pop();
                    if image {
                        self.error(
                            "image",
                            &s[at..end],
                            "images are not supported; describe the picture in words",
                        );
                    } else {
                        inactive = brackets.len();
                        self.link(&mut pieces, href, unlink(children), depth, &s[at..end]);
                    }
                    i = end;
                }
                _ => i += text_char(rest, &mut pieces.text),
            }
        }
        pieces.flush();
        finish(pieces.nodes.into_iter())
    }

    /// Where `[label]` ending before `at` in `s` links to: an inline
    /// `(address)` or a reference. Returns the address and where the link
    /// ends.
    fn target(&self, s: &str, at: usize, label: &str) -> Option<(String, usize)> {
        let rest = &s[at..];
        if let Some((href, end)) = rest.strip_prefix('(').and_then(inline_link) {
            return Some((href, at + 1 + end));
        }
        if self.definitions.is_empty() {
            return None;
        }
        let reference = rest
            .strip_prefix('[')
            .and_then(|r| Some(&r[..r.bytes().take(1000).position(|c| c == b']')?]));
        let (label, end) = match reference {
            Some("") => (label, at + 2),
            Some(reference) => (reference, at + reference.len() + 2),
            None => (label, at),
        };
        let label = normalize(label)?;
        let (_, href) = self.definitions.iter().find(|(l, _)| *l == label)?;
        Some((href.clone(), end))
    }

    /// Adds a link, or an error if its address is refused.
    fn link(
        &mut self,
        pieces: &mut Pieces,
        href: String,
        children: Vec<Inline>,
        depth: usize,
        source: &str,
    ) {
        if link_scheme_allowed(&href) {
            pieces.push(Inline::Link { href, children }, depth);
            return;
        }
        // The text is dropped: the result is an error anyway.
        let text = plain_lines(&children).join(" ");
        let text = quote(if text.is_empty() { source } else { &text });
        let hint = if href.contains(':') && !href.starts_with("//") {
            ""
        } else {
            "; write the whole address, starting with https://"
        };
        self.errors.push(RichError {
            message: format!(
                "link \"{text}\" goes to \"{}\" — links may only use https:, http:, tel: or \
                 mailto:{hint}",
                quote(&href)
            ),
            is_link: true,
        });
    }
}

/// Matches a closing run of `n` × `c` with the openers before it (above
/// `floor`), wrapping what lies between in [`Inline::Strong`] or
/// [`Inline::Emphasis`]. Returns how much of the run is left.
fn close_run(
    pieces: &mut Pieces,
    openers: &mut Vec<usize>,
    floor: usize,
    c: u8,
    n: usize,
    open: bool,
) -> usize {
    let mut left = n;
    while left > 0 {
        let floor = floor.max(openers.len().saturating_sub(MAX_OPENERS));
        let Some(k) = (floor..openers.len()).rev().find(|&k| {
            let Some(&Node::Run(oc, _, length, close)) = pieces.nodes.get(openers[k]) else {
                return false;
            };
            // CommonMark's "rule of 3".
            let thirds = (close || open)
                && (length + n).is_multiple_of(3)
                && !(length.is_multiple_of(3) && n.is_multiple_of(3));
            oc == c && !thirds
        }) else {
            break;
        };
        let o = openers[k];
        let Some(Node::Run(_, count, _, _)) = pieces.nodes.get_mut(o) else {
            break;
        };
        let used = if *count >= 2 && left >= 2 { 2 } else { 1 };
        *count -= used;
        left -= used;
        openers.truncate(k + usize::from(*count > 0));
        let depth = pieces.depth_after(o);
        if depth <= MAX_INLINE_DEPTH {
            let children = finish(pieces.nodes.drain(o + 1..));
            let inline = match used {
                2 => Inline::Strong(children),
                _ => Inline::Emphasis(children),
            };
            pieces.push(inline, depth);
        }
    }
    left
}

/// Whether a run of `c` between `before` and `after` can open and close.
fn flanking(c: u8, before: char, after: char) -> (bool, bool) {
    let space = char::is_whitespace;
    // Unicode punctuation and symbols, roughly.
    let punct =
        |c: char| c.is_ascii_punctuation() || !c.is_ascii() && !c.is_alphanumeric() && !space(c);
    let left = !space(after) && (!punct(after) || space(before) || punct(before));
    let right = !space(before) && (!punct(before) || space(after) || punct(after));
    match c {
        b'*' => (left, right),
        _ => (
            left && (!right || punct(before)),
            right && (!left || punct(after)),
        ),
    }
}

impl Pieces {
    /// Ends the text being read.
    fn flush(&mut self) {
        if !self.text.is_empty() {
            let text = take(&mut self.text);
            self.push(Inline::Text(text), 0);
        }
    }

    fn push(&mut self, inline: Inline, depth: usize) {
        self.nodes.push(Node::Done(inline));
        let end = self.nodes.len();
        for deep in self.deep.iter_mut().take(depth + 1) {
            *deep = end;
        }
    }

    /// The depth of an element holding the nodes after `at`.
    fn depth_after(&self, at: usize) -> usize {
        1 + self.deep.iter().rposition(|&end| end > at + 1).unwrap_or(0)
    }
}

/// The inlines of `nodes`, unmatched markers as text.
fn finish(nodes: impl Iterator<Item = Node>) -> Vec<Inline> {
    let mut inlines = Vec::new();
    for node in nodes {
        push(
            &mut inlines,
            match node {
                Node::Done(inline) => inline,
                Node::Run(c, n, ..) => {
                    Inline::Text(std::iter::repeat_n(char::from(c), n).collect())
                }
                Node::Open(image) => Inline::Text(if image { "![" } else { "[" }.into()),
            },
        );
    }
    inlines
}

/// Appends `inline`, joining text to text.
fn push(inlines: &mut Vec<Inline>, inline: Inline) {
    match (inlines.last_mut(), inline) {
        (_, Inline::Text(text)) if text.is_empty() => {}
        (Some(Inline::Text(last)), Inline::Text(text)) => last.push_str(&text),
        (_, inline) => inlines.push(inline),
    }
}

/// Link text with any links in it (autolinks) replaced by their text.
fn unlink(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut out = Vec::new();
    for inline in inlines {
        match inline {
            Inline::Link { children, .. } => out.extend(unlink(children)),
            Inline::Strong(children) => out.push(Inline::Strong(unlink(children))),
            Inline::Emphasis(children) => out.push(Inline::Emphasis(unlink(children))),
            other => out.push(other),
        }
    }
    out
}

/// Appends the character at the start of `rest`, reading a backslash escape
/// or an entity as the character it stands for; returns the bytes read.
fn text_char(rest: &str, text: &mut String) -> usize {
    let mut chars = rest.chars();
    let Some(c) = chars.next() else {
        return 1;
    };
    if c == '\\' {
        if let Some(escaped) = chars.next().filter(char::is_ascii_punctuation) {
            text.push(escaped);
            return 2;
        }
    } else if c == '&' {
        if let Some((decoded, length)) = entity(rest) {
            text.push(decoded);
            return length;
        }
    }
    text.push(c);
    c.len_utf8()
}

/// `s` with escapes and entities decoded.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut at = 0;
    while at < s.len() {
        at += text_char(&s[at..], &mut out);
    }
    out
}

/// The entity `s` starts with, if it is one of the few decoded: the
/// character and the entity's length.
fn entity(s: &str) -> Option<(char, usize)> {
    let end = s.bytes().take(10).position(|b| b == b';')?;
    let c = match &s[1..end] {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        name => {
            let number = name.strip_prefix('#')?;
            let (digits, radix) = match number.strip_prefix(['x', 'X']) {
                Some(hex) => (hex, 16),
                None => (number, 10),
            };
            if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
                return None;
            }
            let code = u32::from_str_radix(digits, radix).unwrap_or(0);
            char::from_u32(code)
                .filter(|&c| c != '\0')
                .unwrap_or('\u{fffd}')
        }
    };
    Some((c, end + 1))
}

/// `<scheme:address>` or `<name@host>` at the start of `s`: the address and
/// the autolink's length.
fn autolink(s: &str) -> Option<(String, usize)> {
    let end = 1 + s[1..].find(|c: char| c == '>' || c == '<' || c <= ' ' || c == '\u{7f}')?;
    let inner = &s[1..end];
    if !s[end..].starts_with('>') {
        return None;
    }
    let href = match inner.split_once(':') {
        Some((scheme, _))
            if (2..=32).contains(&scheme.len())
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"+.-".contains(&b)) =>
        {
            inner.to_owned()
        }
        None if inner.split('@').count() == 2
            && !inner.starts_with('@')
            && !inner.ends_with('@')
            && inner
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b".!#$%&'*+/=?^_`{|}~-@".contains(&b)) =>
        {
            format!("mailto:{inner}")
        }
        _ => return None,
    };
    Some((href, end + 1))
}

/// `address "title")` after a link's `(`: the address and the length.
fn inline_link(s: &str) -> Option<(String, usize)> {
    let mut limit = s.len().min(MAX_LINK);
    while !s.is_char_boundary(limit) {
        limit -= 1;
    }
    let s = &s[..limit];
    let space = |at: usize| s.len() - s[at..].trim_start().len();
    let (href, end) = destination(s, space(0))?;
    let mut at = space(end);
    if at > end {
        if let Some(after) = title(s, at) {
            at = space(after);
        }
    }
    s[at..].starts_with(')').then_some((href, at + 1))
}

/// A link address at `at` in `s`: `<...>`, or a run without spaces or
/// control characters and with balanced parentheses. Returns it decoded,
/// and where it ends.
fn destination(s: &str, at: usize) -> Option<(String, usize)> {
    let b = s.as_bytes();
    if b.get(at) == Some(&b'<') {
        let end = at
            + 1
            + b[at + 1..]
                .iter()
                .position(|&c| matches!(c, b'>' | b'<' | b'\n'))?;
        return (b[end] == b'>').then(|| (unescape(&s[at + 1..end]), end + 1));
    }
    let mut depth = 0;
    let mut end = at;
    while let Some(&c) = b.get(end) {
        match c {
            b'\\' if b.get(end + 1).is_some_and(u8::is_ascii_punctuation) => end += 1,
            b'(' if depth < 32 => depth += 1,
            b')' if depth > 0 => depth -= 1,
            b'(' | b')' => break,
            c if c <= b' ' || c == 0x7f => break,
            _ => {}
        }
        end += 1;
    }
    (depth == 0).then(|| (unescape(&s[at..end]), end))
}

/// A link title (`"..."`, `'...'` or `(...)`) at `at` in `s`: where it ends.
fn title(s: &str, at: usize) -> Option<usize> {
    let b = s.as_bytes();
    let close = match b.get(at)? {
        b'"' => b'"',
        b'\'' => b'\'',
        b'(' => b')',
        _ => return None,
    };
    let mut k = at + 1;
    while let Some(&c) = b.get(k) {
        if c == close {
            return Some(k + 1);
        }
        k += if c == b'\\' { 2 } else { 1 };
    }
    None
}

/// A `[label]: address "title"` line: the normalised label and the address.
fn definition(line: &str) -> Option<(String, String)> {
    if indent(line) > 3 {
        return None;
    }
    let rest = line.trim_start().strip_prefix('[')?;
    let close = rest.find(']')?;
    let label = normalize(&rest[..close]).filter(|label| !label.starts_with('^'))?;
    let rest = rest[close + 1..].strip_prefix(':')?;
    let start = rest.len() - rest.trim_start().len();
    let (href, end) = destination(rest, start).filter(|&(_, end)| end > start)?;
    let tail = rest[end..].trim();
    let titled = rest[end..].starts_with([' ', '\t']) && title(tail, 0) == Some(tail.len());
    (tail.is_empty() || titled).then_some((label, href))
}

/// A link label for matching: spacing collapsed, lower case.
fn normalize(label: &str) -> Option<String> {
    if label.len() > 999 || label.bytes().any(|b| b == b'[' || b == b']') || label.trim().is_empty()
    {
        return None;
    }
    Some(crate::text::lowercase(
        &label.split_whitespace().collect::<Vec<_>>().join(" "),
    ))
}

/// Where the next run of exactly `n` backticks starts in `s`.
fn closing_ticks(s: &str, n: usize) -> Option<usize> {
    let mut at = 0;
    while let Some(found) = s[at..].find('`') {
        let start = at + found;
        let length = run(&s[start..], b'`');
        if length == n {
            return Some(start);
        }
        at = start + length;
    }
    None
}

/// How many times `s` starts with `c`.
fn run(s: &str, c: u8) -> usize {
    s.bytes().take_while(|&b| b == c).count()
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
pub(crate) mod tests {
    use super::*;

    fn text(s: &str) -> Inline {
        Inline::Text(s.to_owned())
    }

    fn ok(source: &str) -> Vec<Block> {
        match parse(source) {
            Ok(rich) => rich.blocks,
            Err(errors) => panic!("{source:?} gave errors {errors:?}"),
        }
    }

    fn errors(source: &str) -> Vec<String> {
        match parse(source) {
            Ok(rich) => panic!("{source:?} parsed as {rich:?}, expected errors"),
            Err(errors) => errors.into_iter().map(|e| e.message).collect(),
        }
    }

    fn single_error(source: &str) -> String {
        let errors = errors(source);
        assert_eq!(errors.len(), 1, "{errors:?}");
        errors.into_iter().next().unwrap_or_default()
    }

    #[test]
    fn empty_and_whitespace_are_empty_text() {
        assert_eq!(parse(""), Ok(RichText::default()));
        assert_eq!(parse("  \n\t\n "), Ok(RichText::default()));
    }

    #[test]
    fn paragraphs_split_at_blank_lines() {
        assert_eq!(
            ok("First line\nsame paragraph.\n\nSecond."),
            vec![
                Block::Paragraph(vec![text("First line same paragraph.")]),
                Block::Paragraph(vec![text("Second.")]),
            ]
        );
    }

    #[test]
    fn strong_and_emphasis() {
        assert_eq!(
            ok("Do **not** drive *after* the **infusion *today***."),
            vec![Block::Paragraph(vec![
                text("Do "),
                Inline::Strong(vec![text("not")]),
                text(" drive "),
                Inline::Emphasis(vec![text("after")]),
                text(" the "),
                Inline::Strong(vec![
                    text("infusion "),
                    Inline::Emphasis(vec![text("today")]),
                ]),
                text("."),
            ])]
        );
    }

    #[test]
    fn hard_break_is_line_break_soft_break_is_space() {
        assert_eq!(
            ok("one  \ntwo\\\nthree\nfour"),
            vec![Block::Paragraph(vec![
                text("one"),
                Inline::LineBreak,
                text("two"),
                Inline::LineBreak,
                text("three four"),
            ])]
        );
    }

    #[test]
    fn bullet_and_numbered_lists() {
        assert_eq!(
            ok("Bring:\n\n- a driver\n- **water**\n\n3. eat\n4. rest"),
            vec![
                Block::Paragraph(vec![text("Bring:")]),
                Block::BulletList(vec![
                    vec![text("a driver")],
                    vec![Inline::Strong(vec![text("water")])],
                ]),
                Block::NumberedList {
                    start: 3,
                    items: vec![vec![text("eat")], vec![text("rest")]],
                },
            ]
        );
    }

    #[test]
    fn loose_list_items_keep_their_text() {
        assert_eq!(
            ok("- one\n\n- two\n\n  more about two"),
            vec![Block::BulletList(vec![
                vec![text("one")],
                vec![text("two"), Inline::LineBreak, text("more about two")],
            ])]
        );
    }

    #[test]
    fn nested_lists_are_flattened_into_the_item() {
        assert_eq!(
            ok("1. Before you come:\n   - eat nothing\n   - bring a driver\n2. Steps:\n   1. sit\n   2. relax"),
            vec![Block::NumberedList {
                start: 1,
                items: vec![
                    vec![
                        text("Before you come:"),
                        Inline::LineBreak,
                        text("eat nothing"),
                        Inline::LineBreak,
                        text("bring a driver"),
                    ],
                    vec![
                        text("Steps:"),
                        Inline::LineBreak,
                        text("1. sit"),
                        Inline::LineBreak,
                        text("2. relax"),
                    ],
                ],
            }]
        );
    }

    #[test]
    fn links_with_allowed_schemes() {
        assert_eq!(
            ok("[Call us](tel:+15551234567), [mail](mailto:a@b.org) or \
                [read **more**](https://example.org/a?b=c)."),
            vec![Block::Paragraph(vec![
                Inline::Link {
                    href: "tel:+15551234567".into(),
                    children: vec![text("Call us")],
                },
                text(", "),
                Inline::Link {
                    href: "mailto:a@b.org".into(),
                    children: vec![text("mail")],
                },
                text(" or "),
                Inline::Link {
                    href: "https://example.org/a?b=c".into(),
                    children: vec![text("read "), Inline::Strong(vec![text("more")])],
                },
                text("."),
            ])]
        );
    }

    #[test]
    fn autolinks_and_reference_links_are_links() {
        assert_eq!(
            ok("<https://example.org> and [the FAQ][faq].\n\n[faq]: http://example.org/faq"),
            vec![Block::Paragraph(vec![
                Inline::Link {
                    href: "https://example.org".into(),
                    children: vec![text("https://example.org")],
                },
                text(" and "),
                Inline::Link {
                    href: "http://example.org/faq".into(),
                    children: vec![text("the FAQ")],
                },
                text("."),
            ])]
        );
        let message = single_error("<javascript:alert(1)>");
        assert!(message.contains("javascript:alert(1)"), "{message}");
    }

    #[test]
    fn refused_link_names_text_and_address() {
        assert_eq!(
            single_error("[click](javascript:alert(1))"),
            "link \"click\" goes to \"javascript:alert(1)\" — links may only use https:, \
             http:, tel: or mailto:"
        );
        let relative = single_error("[our page](/about)");
        assert!(relative.contains("\"/about\""), "{relative}");
        assert!(relative.contains("starting with https://"), "{relative}");
    }

    #[test]
    fn raw_html_is_literal_text() {
        assert_eq!(
            ok("Say <b>hi</b> & <script>alert(1)</script>"),
            vec![Block::Paragraph(vec![text(
                "Say <b>hi</b> & <script>alert(1)</script>"
            )])]
        );
        // Lines of HTML are ordinary lines of a paragraph, joined by spaces.
        assert_eq!(
            ok("<div>\n<a href=\"javascript:x\">go</a>\n</div>\n\nAfter."),
            vec![
                Block::Paragraph(vec![text("<div> <a href=\"javascript:x\">go</a> </div>")]),
                Block::Paragraph(vec![text("After.")]),
            ]
        );
        assert_eq!(
            ok("<!-- a note -->"),
            vec![Block::Paragraph(vec![text("<!-- a note -->")])]
        );
    }

    #[test]
    fn entities_are_decoded_into_text() {
        assert_eq!(
            ok("5 &lt; 6 &amp; &#106;"),
            vec![Block::Paragraph(vec![text("5 < 6 & j")])]
        );
    }

    #[test]
    fn code_spans_are_plain_text() {
        assert_eq!(
            ok("Type `<b>` here"),
            vec![Block::Paragraph(vec![text("Type <b> here")])]
        );
    }

    #[test]
    fn images_are_errors() {
        let message = single_error("Look: ![the chair](https://example.org/chair.png)");
        assert!(message.starts_with("image \"![the chair]"), "{message}");
        assert!(
            message.contains("describe the picture in words"),
            "{message}"
        );
    }

    #[test]
    fn headings_are_errors() {
        let message = single_error("## Before your visit\n\nText.");
        assert!(
            message.starts_with("heading \"## Before your visit\""),
            "{message}"
        );
        assert!(message.contains("the guide sets its own headings"));
        let setext = single_error("Before your visit\n---");
        assert!(
            setext.starts_with("heading \"Before your visit\""),
            "{setext}"
        );
    }

    #[test]
    fn code_blocks_quotes_and_rules_are_errors() {
        assert!(single_error("    indented text").starts_with("code block \"indented text\""));
        assert!(single_error("```\nx\n```").starts_with("code block"));
        assert!(single_error("> quoted").starts_with("quoted block \"> quoted\""));
        assert!(single_error("one\n\n***\n\ntwo").starts_with("horizontal line \"***\""));
    }

    #[test]
    fn tables_are_errors() {
        let message = single_error("| Time | What |\n|---|:---:|\n| 9:00 | arrive |");
        assert!(
            message.starts_with("table starting \"| Time | What |\""),
            "{message}"
        );
        // A pipe in ordinary text is not a table.
        ok("Choose yes | no.\n\nThen go.");
    }

    #[test]
    fn footnotes_are_errors() {
        let message = single_error("Ketamine[^1] helps.\n\n[^1]: Not for everyone.");
        assert!(message.starts_with("footnote \"[^1]\""), "{message}");
        // A footnote definition that looks like a link definition is still a footnote.
        let message = single_error("Ketamine[^note] helps.\n\n[^note]: elsewhere");
        assert!(message.starts_with("footnote \"[^note]\""), "{message}");
    }

    #[test]
    fn all_errors_are_reported() {
        let errors = errors(
            "# Title\n\n![x](https://a.org/x.png) [a](javascript:1) [b](data:text/html,x)\n\n> q",
        );
        assert_eq!(errors.len(), 5, "{errors:?}");
    }

    #[test]
    fn error_display_is_the_message() {
        let error = RichError {
            message: "m".into(),
            is_link: false,
        };
        assert_eq!(error.to_string(), "m");
    }

    #[test]
    fn allowed_schemes() {
        for href in [
            "https://example.org",
            "HTTPS://EXAMPLE.ORG/",
            "http://example.org/a%20b",
            "tel:+1-555-0100",
            "TEL:911",
            "mailto:nurse@example.org",
            "MailTo:nurse@example.org?subject=Hi",
        ] {
            assert!(link_scheme_allowed(href), "{href:?}");
        }
    }

    #[test]
    fn scheme_bypass_attempts_are_refused() {
        for href in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "\u{1}javascript:alert(1)",
            "javascript\u{0}:alert(1)",
            "https://example.org\u{0}",
            " https://example.org",
            "https://example.org ",
            "https:\t//example.org",
            "vbscript:msgbox(1)",
            "data:text/html,<script>alert(1)</script>",
            "file:///etc/passwd",
            "jav&#x09;ascript:alert(1)",
            "javascript&colon;alert(1)",
            "%6aavascript:alert(1)",
            "//evil.example",
            "/relative",
            "relative/path",
            "?q=1",
            "#top",
            "",
            ":",
            "https:",
            "https:example.org",
            "https:/example.org",
            "https:///example.org",
            "https:\\\\evil.example",
            "tel:",
            "mailto",
            "ｊavascript:alert(1)",
        ] {
            assert!(!link_scheme_allowed(href), "{href:?}");
        }
    }

    #[test]
    fn entity_encoded_javascript_links_are_refused() {
        for source in [
            "[x](&#106;avascript:alert(1))",
            "[x](javascript&#58;alert(1))",
            "[x](java&#9;script:alert(1))",
            "[x](<java script:alert(1)>)",
            "[x](JAVASCRIPT:alert(1))",
            "[x]: javascript:alert(1)\n\n[x]",
        ] {
            let message = single_error(source);
            assert!(message.starts_with("link \"x\""), "{source:?}: {message}");
        }
    }

    #[test]
    fn deep_nesting_is_flattened_without_recursion() {
        let deep = format!("{}x{}", "*".repeat(20_000), "*".repeat(20_000));
        let rich = parse(&deep).unwrap_or_default();
        fn depth(inlines: &[Inline]) -> usize {
            inlines
                .iter()
                .map(|inline| match inline {
                    Inline::Strong(c) | Inline::Emphasis(c) | Inline::Link { children: c, .. } => {
                        1 + depth(c)
                    }
                    _ => 0,
                })
                .max()
                .unwrap_or(0)
        }
        for block in &rich.blocks {
            if let Block::Paragraph(inlines) = block {
                assert!(depth(inlines) <= MAX_INLINE_DEPTH);
            }
        }
        assert!(rich.plain_text().contains('x'));
        let nested = "> ".repeat(5_000) + "- ".repeat(5_000).as_str() + "x";
        assert!(parse(&nested).is_err());
    }

    #[test]
    fn subset_details() {
        assert_eq!(
            ok("snake_case, _em_ and __strong__; \\*not em\\* and `*code*`"),
            vec![Block::Paragraph(vec![
                text("snake_case, "),
                Inline::Emphasis(vec![text("em")]),
                text(" and "),
                Inline::Strong(vec![text("strong")]),
                text("; *not em* and *code*"),
            ])]
        );
        assert_eq!(
            ok("[a](<https://x.org/a> \"title\") <tel:+1555> <nurse@example.org>"),
            vec![Block::Paragraph(vec![
                Inline::Link {
                    href: "https://x.org/a".into(),
                    children: vec![text("a")],
                },
                text(" "),
                Inline::Link {
                    href: "tel:+1555".into(),
                    children: vec![text("tel:+1555")],
                },
                text(" "),
                Inline::Link {
                    href: "mailto:nurse@example.org".into(),
                    children: vec![text("nurse@example.org")],
                },
            ])]
        );
        // Unmatched markers are text; a number other than 1 does not start
        // a list in running text; a lone carriage return ends a line.
        assert_eq!(
            ok("**open *and [open\nin\n2024. we\r\rc"),
            vec![
                Block::Paragraph(vec![text("**open *and [open in 2024. we")]),
                Block::Paragraph(vec![text("c")]),
            ]
        );
        assert_eq!(
            ok("Bring:\n- a driver\n- *water*"),
            vec![
                Block::Paragraph(vec![text("Bring:")]),
                Block::BulletList(vec![
                    vec![text("a driver")],
                    vec![Inline::Emphasis(vec![text("water")])],
                ]),
            ]
        );
    }

    #[test]
    fn hostile_inputs_take_linear_time() {
        // Each of these took quadratic time in a naive matcher.
        let r = |s: &str, n: usize| s.repeat(n);
        for source in [
            r("*a _b ", 5_000) + &r("c* d_ ", 5_000),
            r("*a ", 10_000) + &r(" a*", 10_000),
            r("[", 20_000) + &r("]", 20_000),
            r("[a](", 10_000),
            r("` `` ``` ", 3_000),
            r("<a", 20_000),
            r("- ", 20_000) + "x",
            r("[^", 20_000),
        ] {
            let start = std::time::Instant::now();
            let _ = parse(&source);
            let elapsed = start.elapsed();
            assert!(elapsed.as_secs() < 5, "{elapsed:?} for {:?}", &source[..20]);
        }
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        for source in [
            "\u{0}",
            "\r\n\r\n",
            "*",
            "**",
            "[",
            "[]()",
            "[](<>)",
            "<",
            "<>",
            "&",
            "\\",
            "- ",
            "1.",
            "1. ",
            "99999999999999999999. x",
            "123456789. x",
            "- - - x",
            "* * *",
            "[^]",
            "[^",
            "|",
            "|-|",
            "é|\n|-é",
            "\u{feff}x",
            "<a\n\nb>",
        ] {
            let _ = parse(source);
        }
    }

    #[test]
    fn markdown_soup_does_not_panic() {
        // A fixed pseudo-random generator: the same soup on every run.
        let pieces = [
            "*",
            "**",
            "_",
            "[",
            "]",
            "(",
            ")",
            "<",
            ">",
            "!",
            "#",
            "> ",
            "- ",
            "1. ",
            "  ",
            "\n",
            "\n\n",
            "    ",
            "`",
            "```",
            "|",
            "---",
            "[^1]",
            "&amp;",
            "&#0;",
            "\\",
            "https://a.org",
            "javascript:",
            "x",
            "é",
            "\t",
            "<b>",
            "</b>",
            "<!--",
            ":",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..3_000 {
            let mut source = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let length = (seed % 40) as usize;
            for _ in 0..length {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                source.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            if let Ok(rich) = parse(&source) {
                let _ = rich.plain_text();
            }
        }
    }

    #[test]
    fn plain_text_for_readability() {
        let rich = match parse(
            "Rest **well** and read [our guide](https://example.org).\n\n\
             - bring a driver\n- drink water!\n- wait:\n  - ten minutes\n\n\
             Line one  \nline two",
        ) {
            Ok(rich) => rich,
            Err(errors) => panic!("{errors:?}"),
        };
        assert_eq!(
            rich.plain_text(),
            "Rest well and read our guide.\n\n\
             bring a driver.\ndrink water!\nwait:\nten minutes.\n\n\
             Line one\nline two"
        );
        assert_eq!(RichText::default().plain_text(), "");
    }

    /// Where the shared test corpora are: `INFUSION_GUIDE_TESTDATA` if set,
    /// else `../shared/testdata` next to this crate.
    fn testdata(name: &str) -> std::path::PathBuf {
        let folder = std::env::var_os("INFUSION_GUIDE_TESTDATA")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| {
                std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/testdata"))
            });
        folder.join(name)
    }

    /// The strings of a JSON array of strings, or the `payload` strings of a
    /// JSON array of objects.
    pub(crate) fn read_payloads(name: &str) -> Vec<String> {
        let path = testdata(name);
        let json = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let value = json_reader::parse(&json)
            .unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()));
        let json_reader::Value::Array(items) = value else {
            panic!("{} is not a JSON array", path.display());
        };
        items
            .into_iter()
            .map(|item| match item {
                json_reader::Value::String(s) => s,
                json_reader::Value::Object(fields) => fields
                    .into_iter()
                    .find_map(|(key, value)| match (key.as_str(), value) {
                        ("payload", json_reader::Value::String(s)) => Some(s),
                        _ => None,
                    })
                    .unwrap_or_else(|| panic!("an object in {name} has no string payload")),
                other => panic!("unexpected item in {name}: {other:?}"),
            })
            .collect()
    }

    fn links_allowed(inlines: &[Inline]) -> bool {
        inlines.iter().all(|inline| match inline {
            Inline::Link { href, children } => link_scheme_allowed(href) && links_allowed(children),
            Inline::Strong(children) | Inline::Emphasis(children) => links_allowed(children),
            Inline::Text(_) | Inline::LineBreak => true,
        })
    }

    #[test]
    fn xss_corpus_yields_errors_or_safe_links() {
        let payloads = read_payloads("xss_payloads.json");
        assert!(payloads.len() >= 300, "only {} payloads", payloads.len());
        for payload in &payloads {
            if let Ok(rich) = parse(payload) {
                for block in &rich.blocks {
                    let safe = match block {
                        Block::Paragraph(inlines) => links_allowed(inlines),
                        Block::BulletList(items) | Block::NumberedList { items, .. } => {
                            items.iter().all(|item| links_allowed(item))
                        }
                    };
                    assert!(safe, "unsafe link from {payload:?}: {rich:?}");
                }
            }
        }
    }

    #[test]
    fn xss_benign_controls_parse() {
        let controls = read_payloads("xss_benign_controls.json");
        assert_eq!(controls.len(), 18);
        for control in &controls {
            assert!(parse(control).is_ok(), "{control:?}: {:?}", parse(control));
        }
    }

    /// A small JSON reader, enough for the test corpora (no dependency).
    pub(crate) mod json_reader {
        #[derive(Debug)]
        pub enum Value {
            /// `null`, `true`, `false` or a number: not needed by the tests.
            Scalar,
            String(String),
            Array(Vec<Value>),
            Object(Vec<(String, Value)>),
        }

        pub fn parse(text: &str) -> Result<Value, String> {
            let mut reader = Reader {
                chars: text.chars().collect(),
                at: 0,
            };
            let value = reader.value()?;
            reader.space();
            if reader.at != reader.chars.len() {
                return Err(format!("trailing text at {}", reader.at));
            }
            Ok(value)
        }

        struct Reader {
            chars: Vec<char>,
            at: usize,
        }

        impl Reader {
            fn peek(&self) -> Option<char> {
                self.chars.get(self.at).copied()
            }

            fn next(&mut self) -> Result<char, String> {
                let c = self.peek().ok_or("unexpected end")?;
                self.at += 1;
                Ok(c)
            }

            fn space(&mut self) {
                while matches!(self.peek(), Some(' ' | '\t' | '\n' | '\r')) {
                    self.at += 1;
                }
            }

            fn expect(&mut self, word: &str) -> Result<(), String> {
                for expected in word.chars() {
                    if self.next()? != expected {
                        return Err(format!("expected {word} at {}", self.at));
                    }
                }
                Ok(())
            }

            fn value(&mut self) -> Result<Value, String> {
                self.space();
                match self.peek().ok_or("unexpected end")? {
                    '"' => self.string().map(Value::String),
                    '[' => {
                        self.at += 1;
                        let mut items = Vec::new();
                        self.space();
                        if self.peek() == Some(']') {
                            self.at += 1;
                            return Ok(Value::Array(items));
                        }
                        loop {
                            items.push(self.value()?);
                            self.space();
                            match self.next()? {
                                ',' => {}
                                ']' => return Ok(Value::Array(items)),
                                c => return Err(format!("unexpected {c:?} in array")),
                            }
                        }
                    }
                    '{' => {
                        self.at += 1;
                        let mut fields = Vec::new();
                        self.space();
                        if self.peek() == Some('}') {
                            self.at += 1;
                            return Ok(Value::Object(fields));
                        }
                        loop {
                            self.space();
                            let key = self.string()?;
                            self.space();
                            self.expect(":")?;
                            fields.push((key, self.value()?));
                            self.space();
                            match self.next()? {
                                ',' => {}
                                '}' => return Ok(Value::Object(fields)),
                                c => return Err(format!("unexpected {c:?} in object")),
                            }
                        }
                    }
                    'n' => self.expect("null").map(|()| Value::Scalar),
                    't' => self.expect("true").map(|()| Value::Scalar),
                    'f' => self.expect("false").map(|()| Value::Scalar),
                    _ => {
                        let start = self.at;
                        while matches!(self.peek(), Some('0'..='9' | '-' | '+' | '.' | 'e' | 'E')) {
                            self.at += 1;
                        }
                        if start == self.at {
                            return Err(format!("unexpected character at {start}"));
                        }
                        Ok(Value::Scalar)
                    }
                }
            }

            fn hex4(&mut self) -> Result<u32, String> {
                let mut code = 0;
                for _ in 0..4 {
                    let digit = self.next()?.to_digit(16).ok_or("bad \\u escape")?;
                    code = code * 16 + digit;
                }
                Ok(code)
            }

            fn string(&mut self) -> Result<String, String> {
                self.expect("\"")?;
                let mut out = String::new();
                loop {
                    match self.next()? {
                        '"' => return Ok(out),
                        '\\' => match self.next()? {
                            '"' => out.push('"'),
                            '\\' => out.push('\\'),
                            '/' => out.push('/'),
                            'b' => out.push('\u{8}'),
                            'f' => out.push('\u{c}'),
                            'n' => out.push('\n'),
                            'r' => out.push('\r'),
                            't' => out.push('\t'),
                            'u' => {
                                let high = self.hex4()?;
                                let code = if (0xD800..0xDC00).contains(&high) {
                                    self.expect("\\u")?;
                                    let low = self.hex4()?;
                                    if !(0xDC00..0xE000).contains(&low) {
                                        return Err("unpaired surrogate".into());
                                    }
                                    0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                                } else {
                                    high
                                };
                                out.push(char::from_u32(code).ok_or("unpaired surrogate")?);
                            }
                            c => return Err(format!("bad escape \\{c}")),
                        },
                        c if c < ' ' => return Err("control character in string".into()),
                        c => out.push(c),
                    }
                }
            }
        }

        #[test]
        fn reads_escapes_and_surrogate_pairs() {
            let value = parse(r#"["a\"b\\\/\n\u00e9\ud83d\ude00", {"payload": "x", "n": null}]"#);
            let Ok(Value::Array(items)) = value else {
                panic!("{value:?}");
            };
            assert!(matches!(&items[0], Value::String(s) if s == "a\"b\\/\né😀"));
            assert!(matches!(&items[1], Value::Object(f) if f.len() == 2));
            assert!(parse(r#"["\ud83d"]"#).is_err());
            assert!(parse(r#"["a""#).is_err());
        }
    }
}
