//! Three services the browser already has: Unicode lowercasing, reading a
//! decimal number, and a power of a float.
//!
//! In the wasm, with the `browser-text` feature (the widget turns it on), they
//! call JavaScript (`String.prototype.toLowerCase`, `parseFloat`, `Math.pow`),
//! so the widget does not carry Rust's Unicode case tables, float-parsing
//! tables and `pow`, about 27 KB of a download patients wait for. Otherwise (the command-line
//! tool, tests) they use the standard library. Both sides follow the Unicode
//! case mappings and IEEE 754 round-to-nearest, so the results agree.

/// `text` in lower case, by the full Unicode mappings.
#[must_use]
pub(crate) fn lowercase(text: &str) -> String {
    #[cfg(all(target_arch = "wasm32", feature = "browser-text"))]
    {
        if text.is_ascii() {
            return text.to_ascii_lowercase();
        }
        String::from(js_sys::JsString::from(text).to_lower_case())
    }
    #[cfg(not(all(target_arch = "wasm32", feature = "browser-text")))]
    {
        text.to_lowercase()
    }
}

/// The nearest `f64` to a decimal literal already checked against JSON's
/// number grammar (`-?digits(.digits)?([eE][+-]?digits)?`). Too large a
/// literal gives an infinity.
#[must_use]
pub(crate) fn parse_decimal(literal: &str) -> f64 {
    #[cfg(all(target_arch = "wasm32", feature = "browser-text"))]
    {
        js_sys::Number::parse_float(literal)
    }
    #[cfg(not(all(target_arch = "wasm32", feature = "browser-text")))]
    {
        literal.parse().unwrap_or(f64::NAN)
    }
}

/// `base` to the power `exponent` (for the sRGB curve of contrast ratios).
#[must_use]
pub(crate) fn powf(base: f64, exponent: f64) -> f64 {
    #[cfg(all(target_arch = "wasm32", feature = "browser-text"))]
    {
        js_sys::Math::pow(base, exponent)
    }
    #[cfg(not(all(target_arch = "wasm32", feature = "browser-text")))]
    {
        base.powf(exponent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercases_beyond_ascii() {
        assert_eq!(lowercase("ÁNIMO Ñ ΣΟΦΊΑ Привет"), "ánimo ñ σοφία привет");
    }

    #[test]
    fn decimals() {
        assert_eq!(parse_decimal("1"), 1.0);
        assert_eq!(parse_decimal("-0.5e1"), -5.0);
        assert_eq!(parse_decimal("0.1"), 0.1);
        assert!(parse_decimal("1e400").is_infinite());
    }
}
