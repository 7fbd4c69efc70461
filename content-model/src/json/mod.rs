//! A strict JSON parser that remembers where every value came from.
//!
//! Clinic content is hand-edited JSON, usually by clinical staff rather than
//! programmers. When a file is wrong, the message has to say where ("line 12,
//! column 5") and what was found, in words a nurse can act on. `serde_json`'s
//! `Value` forgets positions, so this module parses RFC 8259 JSON itself into
//! [`Node`]s that carry a [`Pos`] (1-based line, and column counted in
//! characters), and keeps duplicate object keys so the validator can report
//! them. Nesting is limited to [`MAX_DEPTH`] levels, so hostile input cannot
//! exhaust the stack.

use std::fmt::{self, Write as _};

/// How many arrays and objects may be nested inside each other.
///
/// Real content needs a handful of levels; the limit keeps the recursive
/// parser's stack use small and fixed, even in a wasm page.
pub(crate) const MAX_DEPTH: usize = 64;

/// A 1-based position in the source text. `column` counts Unicode scalar
/// values (chars), 1-based.
///
/// A leading byte order mark is not counted, and `\r\n`, `\n` and a lone `\r`
/// each end a line, matching what text editors show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    /// Line number, starting at 1.
    pub line: u32,
    /// Character on the line, starting at 1.
    pub column: u32,
}

impl Pos {
    /// The position every value of the built-in guide gets when it is merged
    /// (line 0 does not exist in a file): such a value is not in the clinic's
    /// file, so an error about it has no place there to point at.
    pub(crate) const BUILT_IN: Pos = Pos { line: 0, column: 0 };

    /// Whether this is a place in the clinic's file, not [`Pos::BUILT_IN`].
    pub(crate) fn in_clinic_file(self) -> bool {
        self.line > 0
    }
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)
    }
}

/// A parsed JSON value and the position where it starts.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// The value itself.
    pub value: Value,
    /// Where the value starts (its first character, e.g. the opening quote).
    pub pos: Pos,
}

/// A JSON value whose children keep their positions.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number; always finite.
    Number(f64),
    /// A string with its escapes decoded.
    String(String),
    /// An array ("a list" to content authors).
    Array(Vec<Node>),
    /// An object's members in source order; duplicate keys are kept, so the
    /// caller can report them.
    Object(Vec<Member>),
}

/// One `"key": value` pair of an object.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    /// The key with its escapes decoded.
    pub key: String,
    /// Where the key starts (its opening quote).
    pub key_pos: Pos,
    /// The value after the colon.
    pub value: Node,
}

/// Why the text is not valid JSON, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// The offending character, or the end of the text when it ended early.
    pub pos: Pos,
    /// What was found and what was expected, for a non-programmer.
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.pos, self.message)
    }
}

impl std::error::Error for ParseError {}

/// Parses one JSON value, allowing surrounding whitespace and a leading byte
/// order mark.
pub fn parse(text: &str) -> Result<Node, ParseError> {
    parse_without_bom(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// Like [`parse`], but for raw file contents: text that is not UTF-8 is an
/// error located at the first offending byte.
pub fn parse_bytes(bytes: &[u8]) -> Result<Node, ParseError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    // UTF-16 is what some Windows editors save as "Unicode"; NUL bytes in it
    // are valid UTF-8, so without this check the message would be baffling.
    let utf16 = matches!(
        bytes,
        [0xff, 0xfe, ..] | [0xfe, 0xff, ..] | [0, _, 0, _, ..] | [_, 0, _, 0, ..]
    );
    if utf16 {
        return Err(ParseError {
            pos: Pos { line: 1, column: 1 },
            message: "the file is saved as UTF-16: save it with the UTF-8 encoding instead"
                .to_owned(),
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => parse_without_bom(text),
        Err(err) => {
            let valid = bytes.get(..err.valid_up_to()).unwrap_or_default();
            let mut cursor = Cursor::START;
            cursor.advance_to(valid, valid.len());
            Err(ParseError {
                pos: cursor.pos(),
                message: "this is not UTF-8 text (perhaps a special character was saved in \
                          another encoding): save the file with the UTF-8 encoding"
                    .to_owned(),
            })
        }
    }
}

fn parse_without_bom(text: &str) -> Result<Node, ParseError> {
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        i: 0,
        cursor: Cursor::START,
        open: Vec::new(),
    };
    parser.parse_document()
}

impl Value {
    /// What kind of value this is, in words for error messages to
    /// non-programmers ("a list", not "array").
    pub fn kind_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "true or false",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "a list",
            Value::Object(_) => "an object",
        }
    }

    /// The text, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The flag, if this is `true` or `false`.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The number, if this is a number.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// The items, if this is an array.
    pub fn as_array(&self) -> Option<&[Node]> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The members in source order, if this is an object.
    pub fn as_object(&self) -> Option<&[Member]> {
        match self {
            Value::Object(members) => Some(members),
            _ => None,
        }
    }

    /// Whether this is `null`.
    pub(crate) fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }
}

impl Node {
    /// The value of the first member named `key`, if this is an object that
    /// has one.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.value
            .as_object()?
            .iter()
            .find(|member| member.key == key)
            .map(|member| &member.value)
    }

    /// Compact JSON for this value (positions are not part of it).
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        write_value(&mut out, &self.value);
        out
    }
}

fn write_value(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => write_number(out, *n),
        Value::String(s) => write_string(out, s),
        Value::Array(items) => {
            out.push('[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                write_value(out, &item.value);
            }
            out.push(']');
        }
        Value::Object(members) => {
            out.push('{');
            for (index, member) in members.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                write_string(out, &member.key);
                out.push(':');
                write_value(out, &member.value.value);
            }
            out.push('}');
        }
    }
}

fn write_number(out: &mut String, n: f64) {
    // Writing to a String cannot fail, so the fmt::Results are ignored.
    if !n.is_finite() {
        // The parser never produces these, but a hand-built Value could, and
        // the output must stay valid JSON.
        out.push_str("null");
    } else if n.fract() == 0.0 && n.abs() < 1e15 {
        // Display prints whole numbers without ".0" or an exponent ("5", "-0").
        let _ = write!(out, "{n}");
    } else {
        // Debug is the shortest text that reads back to the same f64, and
        // uses an exponent ("1e300") instead of hundreds of digits.
        let _ = write!(out, "{n:?}");
    }
}

/// `s` as a JSON string literal, quotes included: the one escaping the
/// crate's writers (the schema, the starter file) and tests use.
pub fn string_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    write_string(&mut out, s);
    out
}

fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c < ' ' => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Turns byte offsets into line and column.
///
/// Positions are asked for in increasing order while parsing, so the cursor
/// only moves forward and the total work stays linear. Going backwards (only
/// when building an error) restarts from the top.
#[derive(Clone, Copy)]
struct Cursor {
    offset: usize,
    line: u32,
    column: u32,
}

impl Cursor {
    const START: Cursor = Cursor {
        offset: 0,
        line: 1,
        column: 1,
    };

    fn advance_to(&mut self, bytes: &[u8], target: usize) {
        let target = target.min(bytes.len());
        if target < self.offset {
            *self = Self::START;
        }
        let mut previous = self
            .offset
            .checked_sub(1)
            .and_then(|k| bytes.get(k))
            .copied();
        for &b in bytes.get(self.offset..target).unwrap_or_default() {
            match b {
                // The '\r' before it already ended the line.
                b'\n' if previous == Some(b'\r') => {}
                b'\n' | b'\r' => {
                    self.line = self.line.saturating_add(1);
                    self.column = 1;
                }
                // UTF-8 continuation bytes belong to the char already counted.
                _ if b & 0xc0 == 0x80 => {}
                _ => self.column = self.column.saturating_add(1),
            }
            previous = Some(b);
        }
        self.offset = target;
    }

    fn pos(&self) -> Pos {
        Pos {
            line: self.line,
            column: self.column,
        }
    }
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    /// Byte offset of the next unread byte.
    i: usize,
    cursor: Cursor,
    /// The bracket kind and offset of every array or object still open,
    /// innermost last: it enforces the depth limit and lets an early end of
    /// file say which bracket was never closed.
    open: Vec<(u8, usize)>,
}

impl Parser<'_> {
    fn parse_document(&mut self) -> Result<Node, ParseError> {
        self.skip_whitespace();
        if self.i >= self.bytes.len() {
            return Err(self.error_at(
                self.i,
                "the file is empty: expected JSON data such as { ... }".to_owned(),
            ));
        }
        let node = self.parse_value()?;
        self.skip_whitespace();
        if let Some(c) = self.char_at(self.i) {
            let message = match c {
                '/' | '#' => "comments are not allowed in JSON".to_owned(),
                ']' | '}' => format!(
                    "unexpected \"{c}\" after the end of the data: there is one bracket too many"
                ),
                _ => format!(
                    "found {} after the end of the data: everything must be inside one outer \
                     {{ ... }} or [ ... ]",
                    describe(Some(c))
                ),
            };
            return Err(self.error_at(self.i, message));
        }
        Ok(node)
    }

    fn parse_value(&mut self) -> Result<Node, ParseError> {
        let pos = self.pos_at(self.i);
        let value = match self.peek() {
            None => return Err(self.unexpected_end()),
            Some(b'{') => self.parse_object()?,
            Some(b'[') => self.parse_array()?,
            Some(b'"') => Value::String(self.parse_string()?),
            Some(b'-' | b'0'..=b'9') => Value::Number(self.parse_number()?),
            Some(_) => self.parse_word()?,
        };
        Ok(Node { value, pos })
    }

    fn parse_array(&mut self) -> Result<Value, ParseError> {
        self.enter(b'[')?;
        let mut items = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b']') {
            self.i += 1;
            self.open.pop();
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.parse_value()?);
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.after_comma(b']')?,
                Some(b']') => break,
                None => return Err(self.unexpected_end()),
                Some(_) => {
                    return Err(self.expected_separator("\",\" or \"]\" after a list item"));
                }
            }
        }
        self.i += 1;
        self.open.pop();
        Ok(Value::Array(items))
    }

    fn parse_object(&mut self) -> Result<Value, ParseError> {
        self.enter(b'{')?;
        let mut members = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b'}') {
            self.i += 1;
            self.open.pop();
            return Ok(Value::Object(members));
        }
        loop {
            let key_pos = self.pos_at(self.i);
            let key = self.parse_key()?;
            self.skip_whitespace();
            match self.peek() {
                Some(b':') => self.i += 1,
                None => return Err(self.unexpected_end()),
                Some(_) => {
                    let message = format!(
                        "expected \":\" after the field name \"{}\", found {}",
                        shorten(&key),
                        describe(self.char_at(self.i))
                    );
                    return Err(self.error_at(self.i, message));
                }
            }
            self.skip_whitespace();
            let value = self.parse_value()?;
            members.push(Member {
                key,
                key_pos,
                value,
            });
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.after_comma(b'}')?,
                Some(b'}') => break,
                None => return Err(self.unexpected_end()),
                Some(_) => return Err(self.expected_separator("\",\" or \"}\" after a field")),
            }
        }
        self.i += 1;
        self.open.pop();
        Ok(Value::Object(members))
    }

    /// Consumes a comma and rejects the two usual slips after one, so that
    /// they get their own message instead of "expected a value".
    fn after_comma(&mut self, close: u8) -> Result<(), ParseError> {
        let comma = self.i;
        self.i += 1;
        self.skip_whitespace();
        match self.peek() {
            Some(b) if b == close => Err(self.error_at(
                comma,
                format!(
                    "trailing comma before \"{}\": remove the last \",\"",
                    char::from(close)
                ),
            )),
            Some(b',') => {
                Err(self.error_at(self.i, "two commas in a row: remove one of them".to_owned()))
            }
            _ => Ok(()),
        }
    }

    fn parse_key(&mut self) -> Result<String, ParseError> {
        match self.char_at(self.i) {
            Some('"') => self.parse_string(),
            None => Err(self.unexpected_end()),
            Some(c) if is_word_char(c) => {
                let word = self.word_at(self.i);
                let message = format!(
                    "field names must be in double quotes: write \"{}\"",
                    shorten(word)
                );
                Err(self.error_at(self.i, message))
            }
            Some(c) => {
                let message = match special_mistake(c) {
                    Some(message) => message.to_owned(),
                    None => format!(
                        "expected a field name in double quotes, found {}",
                        describe(Some(c))
                    ),
                };
                Err(self.error_at(self.i, message))
            }
        }
    }

    /// Reads `true`, `false` or `null`, or explains what a bare word should
    /// have been.
    fn parse_word(&mut self) -> Result<Value, ParseError> {
        let start = self.i;
        let Some(c) = self.char_at(start) else {
            return Err(self.unexpected_end());
        };
        if !is_word_char(c) {
            let message = match special_mistake(c) {
                Some(message) => message.to_owned(),
                None => format!("expected a value, found {}", describe(Some(c))),
            };
            return Err(self.error_at(start, message));
        }
        let word = self.word_at(start);
        let value = match word {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            "null" => Value::Null,
            _ => {
                let lower = word.to_ascii_lowercase();
                let message = match lower.as_str() {
                    "true" | "false" | "null" => {
                        format!("\"{word}\" must be written in small letters: {lower}")
                    }
                    "nan" | "inf" | "infinity" | "undefined" | "none" => {
                        format!("\"{word}\" is not allowed in JSON: use null or a number")
                    }
                    _ => format!(
                        "unknown word \"{}\": text must be in double quotes",
                        shorten(word)
                    ),
                };
                return Err(self.error_at(start, message));
            }
        };
        self.i += word.len();
        Ok(value)
    }

    fn parse_number(&mut self) -> Result<f64, ParseError> {
        let start = self.i;
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.i += 1;
                if matches!(self.peek(), Some(b'0'..=b'9')) {
                    return Err(self.error_at(
                        self.i - 1,
                        "a number cannot start with 0 unless it is 0 itself (write 7, not 07)"
                            .to_owned(),
                    ));
                }
            }
            Some(b'1'..=b'9') => self.skip_digits(),
            _ => {
                let message = format!(
                    "expected a digit after \"-\", found {}",
                    describe(self.char_at(self.i))
                );
                return Err(self.error_at(self.i, message));
            }
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                let message = format!(
                    "expected a digit after the decimal point, found {}",
                    describe(self.char_at(self.i))
                );
                return Err(self.error_at(self.i, message));
            }
            self.skip_digits();
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.i += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                let message = format!(
                    "expected a digit in the exponent of the number, found {}",
                    describe(self.char_at(self.i))
                );
                return Err(self.error_at(self.i, message));
            }
            self.skip_digits();
        }
        let number = self.text.get(start..self.i).map(crate::text::parse_decimal);
        match number {
            Some(n) if n.is_finite() => Ok(n),
            _ => Err(self.error_at(start, "number is too large".to_owned())),
        }
    }

    fn parse_string(&mut self) -> Result<String, ParseError> {
        let open_quote = self.i;
        self.i += 1;
        let mut out = String::new();
        // Plain runs are copied in one go; `run` is where the current one began.
        let mut run = self.i;
        loop {
            match self.peek() {
                None => return Err(self.unclosed_string(open_quote)),
                // A backslash as the very last character is an unclosed
                // string too, not a bad escape.
                Some(b'\\') if self.i + 1 == self.bytes.len() => {
                    return Err(self.unclosed_string(open_quote));
                }
                Some(b'"') => {
                    out.push_str(self.slice(run, self.i)?);
                    self.i += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    out.push_str(self.slice(run, self.i)?);
                    out.push(self.parse_escape()?);
                    run = self.i;
                }
                Some(b) if b < 0x20 => {
                    let message = match b {
                        b'\n' | b'\r' => "control character in a string: use \\n for a new line \
                                          (or is a closing \" missing?)"
                            .to_owned(),
                        b'\t' => "control character in a string: use \\t for a tab".to_owned(),
                        _ => format!(
                            "control character in a string: an invisible character (U+{b:04X}) \
                             is not allowed here"
                        ),
                    };
                    return Err(self.error_at(self.i, message));
                }
                Some(_) => self.i += 1,
            }
        }
    }

    /// Decodes the escape at the backslash under `self.i`, leaving `self.i`
    /// after it.
    fn parse_escape(&mut self) -> Result<char, ParseError> {
        let backslash = self.i;
        let c = match self.bytes.get(backslash + 1) {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => return self.parse_unicode_escape(),
            Some(_) | None => {
                let found = self.char_at(backslash + 1);
                let message = match found {
                    Some(c) if !c.is_control() => format!(
                        "unknown escape \"\\{c}\" in a string: to write a backslash, use \\\\"
                    ),
                    _ => format!(
                        "unknown escape in a string (a \\ followed by {}): to write a backslash, \
                         use \\\\",
                        describe(found)
                    ),
                };
                return Err(self.error_at(backslash, message));
            }
        };
        self.i += 2;
        Ok(c)
    }

    fn parse_unicode_escape(&mut self) -> Result<char, ParseError> {
        let first_at = self.i;
        let first = self.hex4(first_at)?;
        self.i += 6;
        let code = match first {
            0xd800..=0xdbff => {
                // A character outside the BMP is written as two escapes, a
                // "surrogate pair"; half a pair is not a character.
                let second = if self.bytes.get(self.i..self.i + 2) == Some(b"\\u") {
                    Some(self.hex4(self.i)?)
                } else {
                    None
                };
                let Some(low @ 0xdc00..=0xdfff) = second else {
                    let message = format!(
                        "\"\\u{first:04x}\" is only the first half of a character: it must be \
                         followed by a second half, \\udc00 to \\udfff"
                    );
                    return Err(self.error_at(first_at, message));
                };
                self.i += 6;
                0x10000 + ((first - 0xd800) << 10) + (low - 0xdc00)
            }
            0xdc00..=0xdfff => {
                let message = format!(
                    "\"\\u{first:04x}\" is the second half of a character, but the first half \
                     (\\ud800 to \\udbff) is missing before it"
                );
                return Err(self.error_at(first_at, message));
            }
            _ => first,
        };
        char::from_u32(code)
            .ok_or_else(|| self.error_at(first_at, "this \\u escape is not a character".to_owned()))
    }

    /// Reads the four hex digits of the `\u` escape whose backslash is at
    /// `backslash`.
    fn hex4(&mut self, backslash: usize) -> Result<u32, ParseError> {
        let digits = self.bytes.get(backslash + 2..backslash + 6);
        let value = digits.and_then(|digits| {
            digits.iter().try_fold(0_u32, |acc, &b| {
                char::from(b).to_digit(16).map(|digit| acc * 16 + digit)
            })
        });
        value.ok_or_else(|| {
            let message = "\"\\u\" must be followed by 4 hex digits (0-9 and a-f), like \\u00e9";
            self.error_at(backslash, message.to_owned())
        })
    }

    fn unclosed_string(&mut self, open_quote: usize) -> ParseError {
        let start = self.pos_at(open_quote);
        let message =
            format!("unclosed string (a \" is missing): the text starting at {start} never ends");
        self.error_at(self.bytes.len(), message)
    }

    /// The end of the file came while a value or bracket was still expected.
    fn unexpected_end(&mut self) -> ParseError {
        let message = match self.open.last().copied() {
            Some((kind, at)) => {
                let close = if kind == b'[' { ']' } else { '}' };
                let opened = self.pos_at(at);
                format!(
                    "unexpected end of file: a \"{close}\" is missing (the \"{}\" at {opened} \
                     is never closed)",
                    char::from(kind)
                )
            }
            None => "unexpected end of file: expected a value".to_owned(),
        };
        self.error_at(self.bytes.len(), message)
    }

    /// Something other than a comma or the closing bracket followed an item.
    fn expected_separator(&mut self, expected: &str) -> ParseError {
        let found = self.char_at(self.i);
        let hint = match found {
            Some('/' | '#') => {
                return self.error_at(self.i, "comments are not allowed in JSON".to_owned())
            }
            Some(c) if c == '"' || c == '{' || c == '[' || c == '-' || is_word_char(c) => {
                " (is a comma missing?)"
            }
            _ => "",
        };
        let message = format!("expected {expected}, found {}{hint}", describe(found));
        self.error_at(self.i, message)
    }

    fn enter(&mut self, kind: u8) -> Result<(), ParseError> {
        if self.open.len() >= MAX_DEPTH {
            return Err(self.error_at(self.i, format!("nested more than {MAX_DEPTH} levels deep")));
        }
        self.open.push((kind, self.i));
        self.i += 1;
        Ok(())
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn skip_digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.i += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.i).copied()
    }

    fn char_at(&self, at: usize) -> Option<char> {
        self.text.get(at..)?.chars().next()
    }

    /// The run of letters, digits and underscores starting at `at`.
    fn word_at(&self, at: usize) -> &str {
        let rest = self.text.get(at..).unwrap_or_default();
        let end = rest
            .char_indices()
            .find(|&(_, c)| !is_word_char(c))
            .map_or(rest.len(), |(index, _)| index);
        rest.get(..end).unwrap_or_default()
    }

    /// Slices the text between two offsets that sit on ASCII bytes, so the
    /// slice cannot fail; the error keeps that promise panic-free.
    fn slice(&mut self, start: usize, end: usize) -> Result<&str, ParseError> {
        let text = self.text;
        match text.get(start..end) {
            Some(slice) => Ok(slice),
            None => Err(self.error_at(start, "internal error: bad string boundary".to_owned())),
        }
    }

    fn pos_at(&mut self, offset: usize) -> Pos {
        self.cursor.advance_to(self.bytes, offset);
        self.cursor.pos()
    }

    fn error_at(&mut self, offset: usize, message: String) -> ParseError {
        ParseError {
            pos: self.pos_at(offset),
            message,
        }
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Mistakes common enough in hand-written files to deserve their own
/// message wherever a value or key was expected.
fn special_mistake(c: char) -> Option<&'static str> {
    match c {
        '\'' => Some("single quotes are not JSON: use double quotes"),
        '/' | '#' => Some("comments are not allowed in JSON"),
        '+' => Some("a number cannot start with \"+\": remove it"),
        '.' => Some("a number cannot start with \".\": write 0.5, not .5"),
        '\u{201c}' | '\u{201d}' => {
            Some("curly quotes (\u{201c} \u{201d}) are not JSON: use straight double quotes (\")")
        }
        _ => None,
    }
}

/// Names a found character the way an editor user sees it.
fn describe(c: Option<char>) -> String {
    match c {
        None => "the end of the file".to_owned(),
        Some('"') => "a double quote (\")".to_owned(),
        Some(' ') => "a space".to_owned(),
        Some('\n' | '\r') => "a line break".to_owned(),
        Some('\t') => "a tab".to_owned(),
        Some(c) if is_invisible(c) => {
            format!("an invisible character (U+{:04X})", u32::from(c))
        }
        Some(c) => format!("\"{c}\""),
    }
}

fn is_invisible(c: char) -> bool {
    c.is_control()
        || c.is_whitespace()
        || matches!(
            c,
            '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}'
        )
}

/// Keeps quoted source text in messages to a readable length.
fn shorten(text: &str) -> String {
    const LIMIT: usize = 40;
    match text.char_indices().nth(LIMIT) {
        Some((end, _)) => format!("{}...", text.get(..end).unwrap_or_default()),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests;
