//! Bytes -> `content::load_clinic_bytes` (parse, merge onto the default,
//! validate). Never panics; a failure has at least one error and every error
//! prints as a non-empty line with a message; a success yields sections that
//! `readability::stats` can score.
#![no_main]

use infusion_guide::content::load_clinic_bytes;
use infusion_guide::readability;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match load_clinic_bytes(data) {
        Err(errors) => {
            assert!(!errors.is_empty(), "Err without any error");
            for error in &errors {
                assert!(!error.to_line("f").is_empty());
                assert!(!error.message.is_empty(), "error without a message: {error:?}");
                if let Some(pos) = error.pos {
                    assert!(pos.line >= 1 && pos.column >= 1, "bad position: {error:?}");
                }
            }
        }
        Ok(content) => {
            // Only "en": the sections of the other languages take the same
            // paths, and each call costs a full readability pass.
            let _ = content.pick_language("es-MX");
            for (_name, text) in content.sections("en") {
                let stats = readability::stats(&text);
                let _ = stats.flesch_kincaid_grade();
                let _ = stats.szigriszt_pazos();
            }
        }
    }
});
