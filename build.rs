//! Compiles a minified copy of `styles/widget.css` into the widget: the
//! patient downloads it inside the wasm, and comments and indentation are a
//! third of its bytes. The readable file stays the source.

use std::{env, fs, path::Path};

fn main() {
    let source = "styles/widget.css";
    println!("cargo:rerun-if-changed={source}");
    let css = fs::read_to_string(source).unwrap_or_else(|e| panic!("reading {source}: {e}"));
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("widget.min.css");
    fs::write(&out, minify(&css)).unwrap_or_else(|e| panic!("writing {}: {e}", out.display()));
}

/// Drops comments, collapses whitespace to one space and removes it next to
/// `{`, `}`, `;` and `,`, where CSS never needs it. Quoted strings are kept as
/// written; spaces elsewhere (descendant selectors, `a :is()`, values) stay.
fn minify(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut space = false;
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
                space = true;
            }
            '"' | '\'' => {
                flush_space(&mut out, &mut space, c);
                out.push(c);
                for inner in chars.by_ref() {
                    out.push(inner);
                    if inner == c {
                        break;
                    }
                }
            }
            c if c.is_whitespace() => space = true,
            c => {
                flush_space(&mut out, &mut space, c);
                out.push(c);
            }
        }
    }
    out
}

/// Writes one pending space before `next`, unless a brace, semicolon or comma
/// is on either side of it.
fn flush_space(out: &mut String, space: &mut bool, next: char) {
    let tight = |c: char| matches!(c, '{' | '}' | ';' | ',');
    if *space && !out.is_empty() && !out.ends_with(tight) && !tight(next) {
        out.push(' ');
    }
    *space = false;
}
