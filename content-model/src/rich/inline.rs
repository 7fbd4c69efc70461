//! Inline formatting: emphasis, links, autolinks, code spans, escapes and
//! entities inside a block, for [`Parser`]. See the parent module for the
//! subset.

use super::*;

/// An open `[` (or `![`): its node, the openers below it, where it starts,
/// whether it is `![`.
type Bracket = (usize, usize, usize, bool);

/// One paragraph's inline reading in progress.
struct Inlines<'a> {
    s: &'a str,
    pieces: Pieces,
    /// Nodes of runs that can open.
    openers: Vec<usize>,
    brackets: Vec<Bracket>,
    /// Brackets below this index are before a link: they cannot start one.
    inactive: usize,
    /// Lengths of backtick runs known to have no closing run.
    unclosed: Vec<usize>,
}

impl Parser<'_> {
    /// The inlines of one paragraph. CommonMark's delimiter algorithm, with
    /// each closing run matched as soon as it is read and an open `[` as the
    /// floor for that search.
    pub(super) fn inline(&mut self, s: &str) -> Vec<Inline> {
        let b = s.as_bytes();
        let mut st = Inlines {
            s,
            pieces: Pieces::default(),
            openers: Vec::new(),
            brackets: Vec::new(),
            inactive: 0,
            unclosed: Vec::new(),
        };
        // A `[` after the last `]` is text.
        let last_close = b.iter().rposition(|&c| c == b']').unwrap_or(0);
        let mut i = 0;
        while let Some(&c) = b.get(i) {
            let rest = &s[i..];
            i += match c {
                b'\n' | b'\\' if c == b'\n' || rest[1..].starts_with('\n') => st.line_end(c),
                b'`' => st.code_span(rest),
                b'<' => self.autolink_at(&mut st, rest),
                b'*' | b'_' => st.delimiter_run(i, c),
                b'{' => self.placeholder_at(&mut st, rest),
                b'[' | b'!' if (c == b'[' || rest[1..].starts_with('[')) && i < last_close => {
                    st.open_bracket(i, c == b'!')
                }
                b']' => self.close_bracket(&mut st, i),
                _ => text_char(rest, &mut st.pieces.text),
            };
        }
        st.pieces.flush();
        finish(st.pieces.nodes.into_iter())
    }

    /// `<address>`: an autolink, or a `<` as text. Gives back the bytes read.
    fn autolink_at(&mut self, st: &mut Inlines<'_>, rest: &str) -> usize {
        match autolink(rest) {
            Some((href, end)) => {
                st.pieces.flush();
                let children = vec![Inline::Text(rest[1..end - 1].to_owned())];
                self.link(&mut st.pieces, href, children, 1, &rest[..end]);
                end
            }
            None => {
                st.pieces.text.push('<');
                1
            }
        }
    }

    /// `{name}`: a placeholder the region fills in (an error for an unknown
    /// name), or a `{` as text. Gives back the bytes read.
    fn placeholder_at(&mut self, st: &mut Inlines<'_>, rest: &str) -> usize {
        match placeholder(rest) {
            Some((name, end)) => {
                match Reference::from_name(name) {
                    Some(reference) => {
                        st.pieces.flush();
                        st.pieces.push(Inline::Region(reference), 0);
                    }
                    None => self.unknown_placeholder(&rest[..end], name),
                }
                end
            }
            None => {
                st.pieces.text.push('{');
                1
            }
        }
    }

    /// The `]` at `i`: closes the last open bracket into a link (or an image,
    /// which is an error) when a target follows, else it is text. Gives back
    /// the bytes read.
    fn close_bracket(&mut self, st: &mut Inlines<'_>, i: usize) -> usize {
        let s = st.s;
        st.pieces.flush();
        let after = i + 1;
        let Some((node, below, at, image)) = st.brackets.pop() else {
            st.pieces.text.push(']');
            return 1;
        };
        let active = st.brackets.len() >= st.inactive;
        st.inactive = st.inactive.min(st.brackets.len());
        let label = &s[at + 1 + usize::from(image)..after - 1];
        let Some((href, end)) = active.then(|| self.target(s, after, label)).flatten() else {
            st.pieces.text.push(']');
            return 1;
        };
        st.openers.truncate(below);
        let depth = st.pieces.depth_after(node);
        let children = finish(st.pieces.nodes.drain(node + 1..));
        st.pieces.nodes.pop();
        if image {
            self.error(
                "image",
                &s[at..end],
                "images are not supported; describe the picture in words",
            );
        } else {
            st.inactive = st.brackets.len();
            self.link(&mut st.pieces, href, unlink(children), depth, &s[at..end]);
        }
        end - i
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

    /// The error for `{name}` that is no placeholder, with the nearest one.
    fn unknown_placeholder(&mut self, source: &str, name: &str) {
        let names = Reference::ALL.map(|(name, _)| name);
        let suggestion = crate::error::did_you_mean(name, &names)
            .map(|close| format!("did you mean {{{close}}}? "))
            .unwrap_or_default();
        self.error(
            "placeholder",
            source,
            &format!(
                "{suggestion}the only placeholders are {{crisis}} (the crisis line of the page's region) and \
                 {{emergency}} (its emergency number); to show braces, write \\{{ and \\}}"
            ),
        );
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
        if children.iter().any(holds_placeholder) {
            self.error(
                "link",
                source,
                "a {crisis} or {emergency} placeholder is a link of its own: put it outside the [link text](address)",
            );
            return;
        }
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
pub(super) fn push(inlines: &mut Vec<Inline>, inline: Inline) {
    match (inlines.last_mut(), inline) {
        (_, Inline::Text(text)) if text.is_empty() => {}
        (Some(Inline::Text(last)), Inline::Text(text)) => last.push_str(&text),
        (_, inline) => inlines.push(inline),
    }
}

/// `{name}` at the start of `rest`, name in lowercase letters and hyphens:
/// the name and where the placeholder ends.
fn placeholder(rest: &str) -> Option<(&str, usize)> {
    let end = rest.bytes().skip(1).take(40).position(|c| c == b'}')? + 1;
    let name = &rest[1..end];
    let word = |c: u8| c.is_ascii_alphabetic() || c == b'-' || c == b'_';
    (!name.is_empty() && name.bytes().all(word)).then_some((name, end + 1))
}

/// Whether `inline` is or holds a placeholder.
fn holds_placeholder(inline: &Inline) -> bool {
    match inline {
        Inline::Region(_) => true,
        Inline::Strong(children) | Inline::Emphasis(children) | Inline::Link { children, .. } => {
            children.iter().any(holds_placeholder)
        }
        _ => false,
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

impl Inlines<'_> {
    /// A line end (`c` is `\n`) or a backslash before one: a hard break after
    /// two spaces or a backslash, else a space. Gives back the bytes read.
    fn line_end(&mut self, c: u8) -> usize {
        let text = &mut self.pieces.text;
        let kept = match c {
            b'\n' => text.trim_end_matches(' ').len(),
            _ => text.len(),
        };
        let hard = c == b'\\' || text.len() - kept >= 2;
        text.truncate(kept);
        if hard {
            self.pieces.flush();
            self.pieces.push(Inline::LineBreak, 0);
        } else {
            self.pieces.text.push(' ');
        }
        if c == b'\\' {
            2
        } else {
            1
        }
    }

    /// A run of backticks at the start of `rest`: a code span, shown as its
    /// text, or the backticks as text when no run of the same length closes
    /// it. Gives back the bytes read.
    fn code_span(&mut self, rest: &str) -> usize {
        let n = run(rest, b'`');
        let close = if self.unclosed.contains(&n) {
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
                self.pieces.text.push_str(stripped.unwrap_or(&code));
                2 * n + end
            }
            None => {
                self.unclosed.push(n);
                self.pieces.text.push_str(&rest[..n]);
                n
            }
        }
    }

    /// A run of `c` (`*` or `_`) at `i`: closes what it can, and what is left
    /// may open. Gives back the bytes read.
    fn delimiter_run(&mut self, i: usize, c: u8) -> usize {
        let (s, rest) = (self.s, &self.s[i..]);
        let n = run(rest, c);
        let before = s[..i].chars().next_back().unwrap_or(' ');
        let after = rest[n..].chars().next().unwrap_or(' ');
        let (open, close) = flanking(c, before, after);
        self.pieces.flush();
        // Emphasis does not reach out of a `[` that may start a link.
        let floor = match self.brackets.last() {
            Some(bracket) if self.brackets.len() > self.inactive => bracket.1,
            _ => 0,
        };
        let mut left = n;
        if close {
            left = close_run(&mut self.pieces, &mut self.openers, floor, c, n, open);
        }
        if left > 0 {
            if open {
                self.openers.push(self.pieces.nodes.len());
            }
            self.pieces.nodes.push(Node::Run(c, left, n, close));
        }
        n
    }

    /// A `[` (or `![` when `image`) at `i` that may start a link. Gives back
    /// the bytes read.
    fn open_bracket(&mut self, i: usize, image: bool) -> usize {
        self.pieces.flush();
        self.brackets
            .push((self.pieces.nodes.len(), self.openers.len(), i, image));
        self.pieces.nodes.push(Node::Open(image));
        1 + usize::from(image)
    }
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
pub(super) fn definition(line: &str) -> Option<(String, String)> {
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
pub(super) fn run(s: &str, c: u8) -> usize {
    s.bytes().take_while(|&b| b == c).count()
}
