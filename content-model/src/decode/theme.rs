//! The decoder's `theme`: colours (checked for a readable contrast), radius
//! and font.

use super::*;

impl Decoder {
    pub(super) fn theme(&mut self, node: &Node, path: &str) -> Option<Theme> {
        let f = self.object(node, path, THEME_FIELDS)?;
        let accent = self.required(&f, "accent", Self::colour);
        let accent_text = self.required(&f, "accent_text", Self::colour);
        let background = self.required(&f, "background", Self::colour);
        let text = self.required(&f, "text", Self::colour);
        let radius = self.required(&f, "radius", |d, node, path| match node.value.as_f64() {
            Some(r) if (0.0..=24.0).contains(&r) && r.fract() == 0.0 => Some(r as u8),
            Some(_) => {
                d.error(
                    ErrorKind::Invalid,
                    path,
                    node.pos,
                    "the corner radius is a whole number of pixels from 0 to 24",
                );
                None
            }
            None => {
                d.type_error(node, path, "a number of pixels from 0 to 24");
                None
            }
        });
        let font = self.required(&f, "font", |d, node, path| {
            let name = d.string(node, path)?;
            let font = Font::ALL
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, font)| *font);
            if font.is_none() {
                let names: Vec<&str> = Font::ALL.iter().map(|(n, _)| *n).collect();
                d.error(
                    ErrorKind::Invalid,
                    path,
                    node.pos,
                    format!("\"{name}\" is not one of the fonts: {}", names.join(", ")),
                );
            }
            font
        });
        // Readable pairs are part of correctness (WCAG 2.2 AA: 4.5 to 1).
        for (fg_key, fg, bg_key, bg) in [
            ("accent_text", &accent_text, "accent", &accent),
            ("text", &text, "background", &background),
            ("accent", &accent, "background", &background),
        ] {
            if let (Some(fg), Some(bg)) = (fg, bg) {
                let ratio = contrast_ratio(fg, bg);
                if ratio < 4.5 {
                    // Point at whichever colour of the pair the clinic's file set.
                    let pos = [fg_key, bg_key]
                        .iter()
                        .filter_map(|key| f.get(key))
                        .map(|n| n.pos)
                        .find(|pos| pos.in_clinic_file())
                        .unwrap_or(node.pos);
                    // Rounded down to a tenth, so 4.48 reads "4.4", never a passing "4.5";
                    // and written with integers, which keeps float formatting out of the wasm.
                    let tenths = (ratio * 10.0) as u32;
                    let (whole, tenth) = (tenths / 10, tenths % 10);
                    self.error(
                        ErrorKind::Invalid,
                        &f.path(fg_key),
                        pos,
                        format!(
                            "{fg} on {bg} ({bg_key}) has a contrast of {whole}.{tenth} to 1; patients need at least 4.5 to 1 to read it"
                        ),
                    );
                }
            }
        }
        Some(Theme {
            accent: accent?,
            accent_text: accent_text?,
            background: background?,
            text: text?,
            radius: radius?,
            font: font?,
        })
    }

    pub(super) fn colour(&mut self, node: &Node, path: &str) -> Option<String> {
        let colour = self.string(node, path)?;
        match normalize_colour(&colour) {
            Some(hex) => Some(hex),
            None => {
                self.error(
                    ErrorKind::Invalid,
                    path,
                    node.pos,
                    format!("\"{colour}\" is not a colour; write it as #rrggbb (like \"#1d5e8c\") or #rgb"),
                );
                None
            }
        }
    }
}

/// `#rgb` or `#rrggbb` (any case) as lowercase `#rrggbb`.
fn normalize_colour(colour: &str) -> Option<String> {
    let hex = colour.strip_prefix('#')?;
    if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    match hex.len() {
        6 => Some(format!("#{}", hex.to_ascii_lowercase())),
        3 => Some(format!(
            "#{}",
            hex.chars()
                .flat_map(|c| [c, c])
                .collect::<String>()
                .to_ascii_lowercase()
        )),
        _ => None,
    }
}

/// The WCAG contrast ratio of two `#rrggbb` colours.
fn contrast_ratio(a: &str, b: &str) -> f64 {
    let luminance = |hex: &str| {
        let channel = |i: usize| {
            let value = hex
                .get(i..i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .map_or(0.0, |v| f64::from(v) / 255.0);
            if value <= 0.04045 {
                value / 12.92
            } else {
                crate::text::powf((value + 0.055) / 1.055, 2.4)
            }
        };
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    };
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_normalize_and_contrast() {
        assert_eq!(normalize_colour("#ABC").as_deref(), Some("#aabbcc"));
        assert_eq!(normalize_colour("#1d5E8c").as_deref(), Some("#1d5e8c"));
        for bad in ["red", "#12345", "#ggg", "1d5e8c", "#1d5e8c;x", "url(x)"] {
            assert_eq!(normalize_colour(bad), None, "{bad}");
        }
        assert!((contrast_ratio("#000000", "#ffffff") - 21.0).abs() < 0.01);
        assert!((contrast_ratio("#777777", "#ffffff") - 4.48).abs() < 0.01);
    }
}
