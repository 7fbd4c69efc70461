//! Tests of the formatting subset's parser.

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
/// else `shared/testdata` next to the repository.
fn testdata(name: &str) -> std::path::PathBuf {
    let folder = std::env::var_os("INFUSION_GUIDE_TESTDATA")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../shared/testdata"
            ))
        });
    folder.join(name)
}

/// The strings of a JSON array of strings, or the `payload` strings of a
/// JSON array of objects.
pub(crate) fn read_payloads(name: &str) -> Vec<String> {
    use crate::json::{self, Value};
    let path = testdata(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let node = json::parse(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()));
    let Value::Array(items) = node.value else {
        panic!("{} is not a JSON array", path.display());
    };
    items
        .into_iter()
        .map(|item| match item.value {
            Value::String(s) => s,
            Value::Object(members) => members
                .into_iter()
                .find_map(|m| match (m.key.as_str(), m.value.value) {
                    ("payload", Value::String(s)) => Some(s),
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
        Inline::Text(_) | Inline::LineBreak | Inline::Region(_) => true,
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

#[test]
fn crisis_and_emergency_placeholders_are_inlines() {
    assert_eq!(
        ok("Get help now: {crisis}. In an emergency, call **{emergency}**."),
        vec![Block::Paragraph(vec![
            text("Get help now: "),
            Inline::Region(Reference::Crisis),
            text(". In an emergency, call "),
            Inline::Strong(vec![Inline::Region(Reference::Emergency)]),
            text("."),
        ])]
    );
    assert_eq!(
        RichText {
            blocks: ok("Help: {crisis}.")
        }
        .plain_text(),
        "Help: call the crisis line."
    );
}

#[test]
fn other_braces_are_text_and_unknown_placeholders_are_errors() {
    assert_eq!(
        ok("Set {x y} and {} and \\{crisis} and {1}."),
        vec![Block::Paragraph(vec![text(
            "Set {x y} and {} and {crisis} and {1}."
        )])]
    );
    let message = single_error("Call {crisiss} now.");
    assert!(
        message.starts_with("placeholder \"{crisiss}\" — did you mean {crisis}?"),
        "{message}"
    );
    assert!(message.contains("{emergency}"), "{message}");
    let message = single_error("Call {hotline} now.");
    assert!(
        message.starts_with("placeholder \"{hotline}\" — the only placeholders"),
        "{message}"
    );
    let message = single_error("[call {crisis}](tel:988)");
    assert!(message.contains("link of its own"), "{message}");
}
