//! The one set of bullet characters list items open with.

/// Glyph bullets: Word's and PDF producers' (`•`, `●`, `▪`, `◦`, `■`, `·`; U+F0B7 is the
/// Symbol-font bullet of PDFs without a Unicode map), arrows and ticks used as bullets.
pub const BULLETS: &[char] = &['•', '●', '▪', '◦', '■', '·', '\u{f0b7}', '➢', '✓'];

/// Dashes and stars that act as bullets when a list item opens with them (`- item`,
/// `– item`, `* item`); unlike [`BULLETS`] they are also ordinary text.
pub const DASH_BULLETS: &[char] = &['-', '–', '*'];

/// Is `c` a glyph bullet (one of [`BULLETS`])?
pub fn is_bullet(c: char) -> bool {
    BULLETS.contains(&c)
}

/// `s` without its leading glyph bullets and the white space around them
/// (`"• Expansion of X"` -> `"Expansion of X"`). Dash bullets are kept: a leading
/// dash may be a minus or a range.
pub fn strip_bullet(s: &str) -> &str {
    s.trim_start_matches(|c: char| is_bullet(c) || c.is_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_glyph_bullets_only() {
        assert_eq!(strip_bullet("• Expansion of X"), "Expansion of X");
        assert_eq!(strip_bullet("  \u{f0b7}  ● item"), "item");
        assert_eq!(strip_bullet("✓ done"), "done");
        assert_eq!(strip_bullet("- minus"), "- minus");
        assert_eq!(strip_bullet("plain"), "plain");
        assert_eq!(strip_bullet("•"), "");
        assert!(is_bullet('▪') && !is_bullet('-') && DASH_BULLETS.contains(&'–'));
    }
}
