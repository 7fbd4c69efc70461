//! Bytes (lossy UTF-8) -> `content::rich::parse`. Never panics; a failure has
//! at least one non-empty message; on success `plain_text` works and every
//! link anywhere in the tree passes `rich::link_scheme_allowed`.
#![no_main]

use infusion_guide::content::rich::{self, Block, Inline};
use libfuzzer_sys::fuzz_target;

fn check_inlines(inlines: &[Inline], depth: usize) {
    assert!(depth < 64, "inline nesting {depth} deep");
    for inline in inlines {
        match inline {
            Inline::Text(_) | Inline::LineBreak => {}
            Inline::Strong(children) | Inline::Emphasis(children) => {
                check_inlines(children, depth + 1);
            }
            Inline::Link { href, children } => {
                assert!(rich::link_scheme_allowed(href), "link not allowed in the tree: {href:?}");
                check_inlines(children, depth + 1);
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let source = String::from_utf8_lossy(data);
    match rich::parse(&source) {
        Ok(text) => {
            for block in &text.blocks {
                match block {
                    Block::Paragraph(inlines) => check_inlines(inlines, 0),
                    Block::BulletList(items) | Block::NumberedList { items, .. } => {
                        items.iter().for_each(|item| check_inlines(item, 0));
                    }
                }
            }
            let _ = text.plain_text();
        }
        Err(errors) => {
            assert!(!errors.is_empty(), "Err without any error");
            for error in &errors {
                assert!(!error.message.is_empty(), "error without a message");
            }
        }
    }
});
