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
//! This module holds plain Rust types only: no web or Yew types, so it builds
//! and is tested on the native target. Rendering lives in
//! `components::rich_text`.

use std::fmt;
use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};

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
/// Tables and footnotes are not parser options here (the subset does not need
/// them), so they are recognised by their look instead: a line made only of
/// `|`, `-` and `:` under a line containing `|`, and `[^label]`.
pub fn parse(source: &str) -> Result<RichText, Vec<RichError>> {
    if source.trim().is_empty() {
        return Ok(RichText::default());
    }
    let mut builder = Builder::new(source);
    // No options: tables, footnotes, strikethrough and the rest stay off.
    for (event, range) in Parser::new(source).into_offset_iter() {
        builder.event(event, range);
    }
    builder.finish()
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

/// An inline element still being filled.
enum Frame {
    Strong,
    Emphasis,
    /// A link; `range` is where it is in the source, for messages.
    Link {
        href: String,
        footnote: bool,
        range: Range<usize>,
    },
    /// An image: its alt text stays in the tree (the result is an error).
    Image,
    /// Nesting too deep, or a container outside the subset: children are
    /// added to the enclosing element.
    Transparent,
}

/// Turns pulldown-cmark events into blocks, collecting errors as it goes.
struct Builder<'s> {
    source: &'s str,
    blocks: Vec<Block>,
    errors: Vec<RichError>,
    /// Inlines of the current paragraph or top-level list item.
    root: Vec<Inline>,
    /// Open inline elements above `root`, innermost last.
    frames: Vec<(Frame, Vec<Inline>)>,
    /// How many lists are open.
    list_depth: usize,
    /// The top-level list: its start (`None` for bullets) and finished items.
    list: Option<(Option<u64>, Vec<Vec<Inline>>)>,
    /// Next number of each open nested numbered list (`None` for bullets).
    nested_numbers: Vec<Option<u64>>,
    in_code_block: bool,
    /// The source line being read, for recognising tables and footnotes.
    line: String,
    previous_line: String,
    footnotes_seen: Vec<String>,
}

impl<'s> Builder<'s> {
    fn new(source: &'s str) -> Self {
        Builder {
            source,
            blocks: Vec::new(),
            errors: Vec::new(),
            root: Vec::new(),
            frames: Vec::new(),
            list_depth: 0,
            list: None,
            nested_numbers: Vec::new(),
            in_code_block: false,
            line: String::new(),
            previous_line: String::new(),
            footnotes_seen: Vec::new(),
        }
    }

    fn finish(mut self) -> Result<RichText, Vec<RichError>> {
        // pulldown-cmark always closes what it opens; this only guards
        // against losing text if it ever did not.
        self.end_lines();
        self.end_leaf();
        while self.list_depth > 0 {
            self.end_list();
        }
        if self.errors.is_empty() {
            Ok(RichText {
                blocks: self.blocks,
            })
        } else {
            Err(self.errors)
        }
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => {
                if !self.in_code_block {
                    self.line.push_str(&text);
                }
                self.push_multiline(&text);
            }
            Event::Code(text) | Event::InlineHtml(text) | Event::InlineMath(text) => {
                self.push_text(&text)
            }
            Event::Html(text) | Event::DisplayMath(text) => self.push_multiline(&text),
            Event::SoftBreak => {
                self.end_line();
                self.push_text(" ");
            }
            Event::HardBreak => {
                self.end_line();
                self.sink().push(Inline::LineBreak);
            }
            Event::Rule => self.error(
                "horizontal line",
                &range,
                "a line of ---, *** or ___ is not part of the formatting subset; \
                 remove it (a blank line already starts a new paragraph)",
            ),
            Event::FootnoteReference(label) => self.footnote(&label),
            Event::TaskListMarker(done) => self.push_text(if done { "[x] " } else { "[ ] " }),
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        match tag {
            Tag::Paragraph => self.start_leaf(),
            Tag::Heading { .. } => {
                self.start_leaf();
                self.error(
                    "heading",
                    &range,
                    "headings are not part of the formatting subset; the guide sets its own \
                     headings. Write it as an ordinary sentence, or make it **bold** \
                     (a line starting with # or underlined with --- or === is a heading)",
                );
            }
            Tag::CodeBlock(_) => {
                self.start_leaf();
                self.in_code_block = true;
                self.error(
                    "code block",
                    &range,
                    "text indented by four spaces or fenced with ``` is shown as computer \
                     code, which the formatting subset does not include; remove the \
                     indentation or the fence",
                );
            }
            Tag::HtmlBlock => self.start_leaf(),
            Tag::BlockQuote(_) => self.error(
                "quoted block",
                &range,
                "lines starting with > are not part of the formatting subset; remove the >",
            ),
            Tag::List(start) => self.start_list(start),
            Tag::Item => self.start_item(),
            Tag::Emphasis => self.open(Frame::Emphasis),
            Tag::Strong => self.open(Frame::Strong),
            Tag::Link {
                link_type,
                dest_url,
                id,
                ..
            } => {
                let reference = matches!(
                    link_type,
                    LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut
                );
                self.open(Frame::Link {
                    href: dest_url.into_string(),
                    footnote: reference && id.starts_with('^'),
                    range,
                })
            }
            Tag::Image { .. } => {
                self.error(
                    "image",
                    &range,
                    "images are not supported; describe the picture in words",
                );
                self.open(Frame::Image);
            }
            Tag::Table(_) => self.error(
                "table",
                &range,
                "tables are not part of the formatting subset; use a list instead, one line per row",
            ),
            Tag::FootnoteDefinition(label) => self.footnote(&label),
            // Not produced without parser options; kept as text if they ever are.
            Tag::TableHead
            | Tag::TableRow
            | Tag::TableCell
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::MetadataBlock(_) => self.open(Frame::Transparent),
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::HtmlBlock | TagEnd::CodeBlock => {
                self.in_code_block = false;
                self.end_leaf();
            }
            TagEnd::List(_) => self.end_list(),
            TagEnd::Item => self.end_item(),
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::TableCell
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::MetadataBlock(_) => self.close(),
            TagEnd::BlockQuote(_) | TagEnd::Table | TagEnd::FootnoteDefinition => {}
        }
    }

    /// Where inline content goes now.
    fn sink(&mut self) -> &mut Vec<Inline> {
        match self.frames.last_mut() {
            Some((_, children)) => children,
            None => &mut self.root,
        }
    }

    fn push_text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        let sink = self.sink();
        if let Some(Inline::Text(last)) = sink.last_mut() {
            last.push_str(text);
        } else {
            sink.push(Inline::Text(text.to_owned()));
        }
    }

    /// Text whose newlines are meant as line breaks (HTML and code blocks).
    fn push_multiline(&mut self, text: &str) {
        for (index, line) in text.split('\n').enumerate() {
            if index > 0 {
                self.sink().push(Inline::LineBreak);
            }
            self.push_text(line.strip_suffix('\r').unwrap_or(line));
        }
    }

    fn open(&mut self, frame: Frame) {
        let real = self
            .frames
            .iter()
            .filter(|(frame, _)| !matches!(frame, Frame::Transparent))
            .count();
        let frame = if real >= MAX_INLINE_DEPTH && matches!(frame, Frame::Strong | Frame::Emphasis)
        {
            Frame::Transparent
        } else {
            frame
        };
        self.frames.push((frame, Vec::new()));
    }

    fn close(&mut self) {
        let Some((frame, children)) = self.frames.pop() else {
            return;
        };
        match frame {
            Frame::Strong => self.sink().push(Inline::Strong(children)),
            Frame::Emphasis => self.sink().push(Inline::Emphasis(children)),
            Frame::Link {
                href,
                footnote,
                range,
            } => {
                if footnote {
                    let label = plain_lines(&children).join(" ");
                    self.footnote(label.trim_start_matches('^'));
                    self.append(children);
                } else if link_scheme_allowed(&href) {
                    self.sink().push(Inline::Link { href, children });
                } else {
                    self.link_error(&children, &href, &range);
                    self.append(children);
                }
            }
            Frame::Image | Frame::Transparent => self.append(children),
        }
    }

    fn append(&mut self, children: Vec<Inline>) {
        for child in children {
            match child {
                Inline::Text(text) => self.push_text(&text),
                other => self.sink().push(other),
            }
        }
    }

    fn start_leaf(&mut self) {
        self.end_lines();
        if self.list_depth == 0 {
            self.end_leaf();
        } else if !self.root.is_empty() {
            self.root.push(Inline::LineBreak);
        }
    }

    /// Ends a paragraph (or heading, HTML or code block): at the top level
    /// it becomes a paragraph; inside a list it stays in the item.
    fn end_leaf(&mut self) {
        self.end_lines();
        while !self.frames.is_empty() {
            self.close();
        }
        trim_breaks(&mut self.root);
        if self.list_depth == 0 && !self.root.is_empty() {
            let inlines = std::mem::take(&mut self.root);
            self.blocks.push(Block::Paragraph(inlines));
        }
    }

    fn start_list(&mut self, start: Option<u64>) {
        self.end_lines();
        if self.list_depth == 0 {
            self.end_leaf();
            self.list = Some((start, Vec::new()));
        } else {
            self.nested_numbers.push(start);
        }
        self.list_depth += 1;
    }

    fn start_item(&mut self) {
        self.end_lines();
        if self.list_depth <= 1 {
            return;
        }
        while !self.frames.is_empty() {
            self.close();
        }
        if !self.root.is_empty() {
            self.root.push(Inline::LineBreak);
        }
        if let Some(Some(number)) = self.nested_numbers.last_mut() {
            let label = format!("{number}. ");
            *number = number.saturating_add(1);
            self.push_text(&label);
        }
    }

    fn end_item(&mut self) {
        self.end_lines();
        while !self.frames.is_empty() {
            self.close();
        }
        if self.list_depth == 1 {
            trim_breaks(&mut self.root);
            let item = std::mem::take(&mut self.root);
            if let Some((_, items)) = self.list.as_mut() {
                items.push(item);
            }
        }
    }

    fn end_list(&mut self) {
        self.end_lines();
        if self.list_depth > 1 {
            self.nested_numbers.pop();
        } else if let Some((start, mut items)) = self.list.take() {
            // Text outside any item cannot happen, but must not be lost.
            trim_breaks(&mut self.root);
            if !self.root.is_empty() {
                items.push(std::mem::take(&mut self.root));
            }
            self.blocks.push(list_block(start, items));
        }
        self.list_depth = self.list_depth.saturating_sub(1);
    }

    /// Checks the line just read for table and footnote syntax.
    fn end_line(&mut self) {
        let line = std::mem::take(&mut self.line);
        let mut rest = line.as_str();
        while let Some(at) = rest.find("[^") {
            rest = &rest[at + 2..];
            if let Some(end) = rest.find(']') {
                let label = &rest[..end];
                if !label.is_empty() && !label.contains(char::is_whitespace) {
                    let label = label.to_owned();
                    self.footnote(&label);
                }
            }
        }
        if self.previous_line.contains('|') && is_table_delimiter(&line) {
            let header = std::mem::take(&mut self.previous_line);
            self.errors.push(RichError {
                message: format!(
                    "table starting \"{}\" — tables are not part of the formatting subset; \
                     use a list instead, one line per row",
                    quote(&header)
                ),
            });
        }
        self.previous_line = line;
    }

    /// Ends the current line and forgets the previous one (a block boundary).
    fn end_lines(&mut self) {
        self.end_line();
        self.previous_line.clear();
    }

    fn footnote(&mut self, label: &str) {
        if self.footnotes_seen.iter().any(|seen| seen == label) {
            return;
        }
        self.footnotes_seen.push(label.to_owned());
        self.errors.push(RichError {
            message: format!(
                "footnote \"[^{}]\" — footnotes are not part of the formatting subset; \
                 put the note in a sentence of its own",
                quote(label)
            ),
        });
    }

    fn link_error(&mut self, children: &[Inline], href: &str, range: &Range<usize>) {
        let text = plain_lines(children).join(" ");
        let text = if text.is_empty() {
            quote(self.source.get(range.clone()).unwrap_or(""))
        } else {
            quote(&text)
        };
        let hint = if href.contains(':') && !href.starts_with("//") {
            ""
        } else {
            "; write the whole address, starting with https://"
        };
        self.errors.push(RichError {
            message: format!(
                "link \"{text}\" goes to \"{}\" — links may only use https:, http:, tel: or \
                 mailto:{hint}",
                quote(href)
            ),
        });
    }

    /// Records "`what` "<source>" — `advice`", quoting the source at `range`.
    fn error(&mut self, what: &str, range: &Range<usize>, advice: &str) {
        let found = quote(self.source.get(range.clone()).unwrap_or(""));
        self.errors.push(RichError {
            message: format!("{what} \"{found}\" — {advice}"),
        });
    }
}

fn list_block(start: Option<u64>, items: Vec<Vec<Inline>>) -> Block {
    match start {
        Some(start) => Block::NumberedList { start, items },
        None => Block::BulletList(items),
    }
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
        assert_eq!(
            ok("<div>\n<a href=\"javascript:x\">go</a>\n</div>\n\nAfter."),
            vec![
                Block::Paragraph(vec![
                    text("<div>"),
                    Inline::LineBreak,
                    text("<a href=\"javascript:x\">go</a>"),
                    Inline::LineBreak,
                    text("</div>"),
                ]),
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
        // A definition pulldown-cmark reads as a link reference is still a footnote.
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
