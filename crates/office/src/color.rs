//! Colours as Office files write them: hex (`00B050`, `FF00B050`), theme colours (a
//! document's `theme1.xml` colour scheme, with tints and shades) and Excel's indexed palette.

use crate::xml::Element;

/// An sRGB colour.
pub type Rgb = (u8, u8, u8);

/// `RRGGBB` or `AARRGGBB` (with or without `#`); `None` for `auto` and anything else.
pub fn parse_hex(s: &str) -> Option<Rgb> {
    let s = s.trim().trim_start_matches('#');
    let s = match s.len() {
        6 => s,
        8 => &s[2..],
        _ => return None,
    };
    let v = u32::from_str_radix(s, 16).ok()?;
    Some(((v >> 16) as u8, (v >> 8) as u8, v as u8))
}

/// Lighten (`tint` > 0) or darken (`tint` < 0) a colour by a fraction in -1..=1, as
/// Excel's `tint` attribute does (applied to each channel, an approximation of Excel's
/// luminance arithmetic that is exact for white and black).
pub fn apply_tint(c: Rgb, tint: f64) -> Rgb {
    if !tint.is_finite() || tint == 0.0 {
        return c;
    }
    let t = tint.clamp(-1.0, 1.0);
    let f = |v: u8| -> u8 {
        let v = v as f64;
        let out = if t < 0.0 {
            v * (1.0 + t)
        } else {
            v + (255.0 - v) * t
        };
        out.round().clamp(0.0, 255.0) as u8
    };
    (f(c.0), f(c.1), f(c.2))
}

/// Word's `w:themeFillTint`/`w:themeFillShade` (hex bytes 00-FF): tint mixes towards
/// white, shade towards black.
pub fn apply_word_tint_shade(c: Rgb, tint: Option<&str>, shade: Option<&str>) -> Rgb {
    let byte = |s: Option<&str>| s.and_then(|s| u8::from_str_radix(s.trim(), 16).ok());
    let mut c = c;
    if let Some(t) = byte(tint) {
        c = apply_tint(c, 1.0 - t as f64 / 255.0);
    }
    if let Some(s) = byte(shade) {
        c = apply_tint(c, -(1.0 - s as f64 / 255.0));
    }
    c
}

/// A document theme's colour scheme: `dk1 lt1 dk2 lt2 accent1..6 hlink folHlink`.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// In the scheme's order: dk1, lt1, dk2, lt2, accent1..accent6, hlink, folHlink.
    pub colors: [Rgb; 12],
}

const SCHEME: [&str; 12] = [
    "dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6",
    "hlink", "folHlink",
];

impl Default for Theme {
    /// The Office 2007-2010 default theme.
    fn default() -> Self {
        Theme {
            colors: [
                (0x00, 0x00, 0x00),
                (0xFF, 0xFF, 0xFF),
                (0x1F, 0x49, 0x7D),
                (0xEE, 0xEC, 0xE1),
                (0x4F, 0x81, 0xBD),
                (0xC0, 0x50, 0x4D),
                (0x9B, 0xBB, 0x59),
                (0x80, 0x64, 0xA2),
                (0x4B, 0xAC, 0xC6),
                (0xF7, 0x96, 0x46),
                (0x00, 0x00, 0xFF),
                (0x80, 0x00, 0x80),
            ],
        }
    }
}

impl Theme {
    /// Read `a:theme` (`theme/theme1.xml`); colours it lacks keep the defaults.
    pub fn from_xml(root: &Element) -> Theme {
        let mut theme = Theme::default();
        let scheme = root
            .path(&["themeElements", "clrScheme"])
            .or_else(|| root.child("clrScheme"));
        if let Some(scheme) = scheme {
            for (i, name) in SCHEME.iter().enumerate() {
                let Some(el) = scheme.child(name) else {
                    continue;
                };
                let c = el.elements().find_map(|c| match c.name.as_str() {
                    "srgbClr" => c.attr("val").and_then(parse_hex),
                    "sysClr" => c.attr("lastClr").and_then(parse_hex),
                    _ => None,
                });
                if let Some(c) = c {
                    theme.colors[i] = c;
                }
            }
        }
        theme
    }

    /// A Word theme colour name (`accent1`, `background1`, `text2`, `dark1`, ...).
    pub fn by_name(&self, name: &str) -> Option<Rgb> {
        let i = match name {
            "dark1" | "text1" => 0,
            "light1" | "background1" => 1,
            "dark2" | "text2" => 2,
            "light2" | "background2" => 3,
            "accent1" => 4,
            "accent2" => 5,
            "accent3" => 6,
            "accent4" => 7,
            "accent5" => 8,
            "accent6" => 9,
            "hyperlink" => 10,
            "followedHyperlink" => 11,
            _ => return None,
        };
        Some(self.colors[i])
    }

    /// An Excel `theme="N"` index: 0 and 1 are lt1 and dk1, 2 and 3 lt2 and dk2 (swapped
    /// from the scheme's order), then the accents and links.
    pub fn by_excel_index(&self, i: u32) -> Option<Rgb> {
        let k = match i {
            0 => 1,
            1 => 0,
            2 => 3,
            3 => 2,
            4..=11 => i as usize,
            _ => return None,
        };
        Some(self.colors[k])
    }
}

/// Excel's default indexed palette (BIFF8 colour indices 8..=63; 0..=7 repeat 8..=15).
pub const DEFAULT_PALETTE: [u32; 56] = [
    0x000000, 0xFFFFFF, 0xFF0000, 0x00FF00, 0x0000FF, 0xFFFF00, 0xFF00FF, 0x00FFFF, 0x800000,
    0x008000, 0x000080, 0x808000, 0x800080, 0x008080, 0xC0C0C0, 0x808080, 0x9999FF, 0x993366,
    0xFFFFCC, 0xCCFFFF, 0x660066, 0xFF8080, 0x0066CC, 0xCCCCFF, 0x000080, 0xFF00FF, 0xFFFF00,
    0x00FFFF, 0x800080, 0x800000, 0x008080, 0x0000FF, 0x00CCFF, 0xCCFFFF, 0xCCFFCC, 0xFFFF99,
    0x99CCFF, 0xFF99CC, 0xCC99FF, 0xFFCC99, 0x3366FF, 0x33CCCC, 0x99CC00, 0xFFCC00, 0xFF9900,
    0xFF6600, 0x666699, 0x969696, 0x003366, 0x339966, 0x003300, 0x333300, 0x993300, 0x993366,
    0x333399, 0x333333,
];

/// An indexed colour from a palette of indices 8..=63 (`palette[i - 8]`); 0..=7 are the
/// first eight; 64 and above are system colours (none).
pub fn indexed(palette: &[u32], i: u32) -> Option<Rgb> {
    let k = match i {
        0..=7 => i as usize,
        8..=63 => (i - 8) as usize,
        _ => return None,
    };
    palette
        .get(k)
        .map(|&v| ((v >> 16) as u8, (v >> 8) as u8, v as u8))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_forms() {
        assert_eq!(parse_hex("00B050"), Some((0, 0xB0, 0x50)));
        assert_eq!(parse_hex("FF00B050"), Some((0, 0xB0, 0x50)));
        assert_eq!(parse_hex("#FFC000"), Some((0xFF, 0xC0, 0)));
        assert_eq!(parse_hex("auto"), None);
    }

    #[test]
    fn tints() {
        assert_eq!(apply_tint((0, 0, 0), 0.5), (128, 128, 128));
        assert_eq!(apply_tint((200, 100, 0), -0.5), (100, 50, 0));
        assert_eq!(
            apply_word_tint_shade((0, 0, 0), Some("00"), None),
            (255, 255, 255)
        );
        assert_eq!(
            apply_word_tint_shade((255, 255, 255), None, Some("80")),
            (128, 128, 128)
        );
    }

    #[test]
    fn palette_and_theme() {
        assert_eq!(indexed(&DEFAULT_PALETTE, 10), Some((255, 0, 0)));
        assert_eq!(indexed(&DEFAULT_PALETTE, 2), Some((255, 0, 0)));
        assert_eq!(indexed(&DEFAULT_PALETTE, 64), None);
        let t = Theme::default();
        assert_eq!(t.by_name("accent1"), Some((0x4F, 0x81, 0xBD)));
        assert_eq!(t.by_excel_index(0), Some((255, 255, 255)));
        assert_eq!(t.by_excel_index(1), Some((0, 0, 0)));
    }
}
