//! Compact metrics of the standard 14 fonts (glyph widths in 1/1000 em for
//! the printable ASCII range, plus common punctuation), used when a simple
//! font has no /Widths.

/// Widths of U+0020..=U+007E (95 glyphs), with `'` and `` ` `` as the
/// straight quote and grave accent (WinAnsi's reading).
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278,
    278, // space../
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0..?
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @..O
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P.._
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // `..o
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p..~
];

const HELVETICA_BOLD: [u16; 95] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, //
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, //
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, //
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, //
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, //
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
];

const TIMES_ROMAN: [u16; 95] = [
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, //
    500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, //
    921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, //
    556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500, //
    333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, //
    500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
];

const TIMES_BOLD: [u16; 95] = [
    250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278, //
    500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500, //
    930, 722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778, //
    611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667, 333, 278, 333, 581, 500, //
    333, 500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500, //
    556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520,
];

const TIMES_ITALIC: [u16; 95] = [
    250, 333, 420, 500, 500, 833, 778, 214, 333, 333, 500, 675, 250, 333, 250, 278, //
    500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 333, 333, 675, 675, 675, 500, //
    920, 611, 611, 667, 722, 611, 611, 722, 722, 333, 444, 667, 556, 833, 667, 722, //
    611, 722, 611, 500, 556, 722, 611, 833, 611, 556, 556, 389, 278, 389, 422, 500, //
    333, 500, 500, 444, 500, 444, 278, 500, 500, 278, 278, 444, 278, 722, 500, 500, //
    500, 500, 389, 389, 278, 500, 444, 667, 444, 444, 389, 400, 275, 400, 541,
];

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Family {
    Helvetica,
    HelveticaBold,
    Times,
    TimesBold,
    TimesItalic,
    Courier,
    Symbolic,
}

/// Metrics of a standard font: family, ascent and descent (in 1/1000 em).
pub struct StdMetrics {
    pub family: Family,
    pub ascent: f32,
    pub descent: f32,
}

/// Recognise a standard-14 font (or a common alias such as Arial) by its
/// base name (subset prefix removed).
pub fn lookup(base: &str) -> Option<StdMetrics> {
    // poppler's base-14 alias list: a family, then optionally ",Style" or
    // "-Style" (spaces removed), e.g. "Arial,Bold", "TimesNewRomanPS-BoldMT"
    let n: String = base.chars().filter(|c| *c != ' ').collect();
    let (family, style) = match n.find([',', '-']) {
        Some(i) => (&n[..i], &n[i + 1..]),
        None => (n.as_str(), ""),
    };
    let style_l = style.to_ascii_lowercase();
    let style_core = style_l.strip_suffix("mt").unwrap_or(&style_l);
    if !matches!(
        style_core,
        "" | "bold" | "italic" | "bolditalic" | "oblique" | "boldoblique" | "roman"
    ) {
        return None;
    }
    let bold = style_core.contains("bold");
    let italic = style_core.contains("italic") || style_core.contains("oblique");
    let (fam, ascent, descent) = match family {
        "Helvetica" | "Arial" | "ArialMT" => (
            if bold {
                Family::HelveticaBold
            } else {
                Family::Helvetica
            },
            718.0,
            -207.0,
        ),
        "Times" | "TimesNewRoman" | "TimesNewRomanPS" | "TimesNewRomanPSMT" => (
            if bold {
                Family::TimesBold
            } else if italic {
                Family::TimesItalic
            } else {
                Family::Times
            },
            683.0,
            -217.0,
        ),
        "Courier" | "CourierNew" | "CourierNewPS" | "CourierNewPSMT" => {
            (Family::Courier, 629.0, -157.0)
        }
        "Symbol" | "SymbolMT" => (Family::Symbolic, 1010.0, -293.0),
        "ZapfDingbats" => (Family::Symbolic, 820.0, -143.0),
        _ => return None,
    };
    Some(StdMetrics {
        family: fam,
        ascent,
        descent,
    })
}

/// Width (1/1000 em) of a character in a standard font.
pub fn width(fam: Family, ch: char) -> f32 {
    let table = match fam {
        Family::Courier => return 600.0,
        Family::Symbolic => return 500.0,
        Family::Helvetica => &HELVETICA,
        Family::HelveticaBold => &HELVETICA_BOLD,
        Family::Times => &TIMES_ROMAN,
        Family::TimesBold => &TIMES_BOLD,
        Family::TimesItalic => &TIMES_ITALIC,
    };
    let helv = matches!(fam, Family::Helvetica | Family::HelveticaBold);
    let ascii = |c: char| {
        table
            .get((c as usize).wrapping_sub(0x20))
            .copied()
            .unwrap_or(500) as f32
    };
    match ch {
        ' '..='~' => ascii(ch),
        '\u{a0}' => ascii(' '),
        '\u{2018}' | '\u{2019}' | '\u{201a}' => {
            if helv {
                if fam == Family::HelveticaBold {
                    278.0
                } else {
                    222.0
                }
            } else {
                333.0
            }
        }
        '\u{201c}' | '\u{201d}' | '\u{201e}' if fam == Family::TimesItalic => 556.0,
        '\u{2014}' | '\u{2026}' if fam == Family::TimesItalic => 889.0,
        '\u{201c}' | '\u{201d}' | '\u{201e}' => {
            if helv {
                if fam == Family::HelveticaBold {
                    500.0
                } else {
                    333.0
                }
            } else if fam == Family::TimesBold {
                500.0
            } else {
                444.0
            }
        }
        '\u{2013}' => {
            if helv {
                556.0
            } else {
                500.0
            }
        }
        '\u{2014}' | '\u{2026}' | '\u{2030}' | '\u{2122}' => 1000.0,
        '\u{2022}' => 350.0,
        // spacing accents
        '\u{b4}'
        | '\u{a8}'
        | '\u{af}'
        | '\u{b8}'
        | '\u{2c6}'
        | '\u{2c7}'
        | '\u{2d8}'..='\u{2dd}' => 333.0,
        '\u{20ac}' | '£' | '¥' | '¢' => ascii('0'),
        '©' | '®' => 760.0,
        '°' => 400.0,
        '\u{ad}' => ascii('-'),
        _ => {
            // accented Latin letters take their base letter's width; other
            // Latin-1 and Latin Extended glyphs an average one; characters
            // the standard fonts have no glyph for draw nothing (poppler
            // gives them no width either)
            if let Some(b) = latin_base(ch) {
                ascii(b)
            } else if ('\u{a1}'..='\u{17f}').contains(&ch)
                || matches!(
                    ch,
                    '\u{2c6}' | '\u{2c7}' | '\u{2d8}'
                        ..='\u{2dd}'
                            | '\u{2020}'
                            | '\u{2021}'
                            | '\u{2039}'
                            | '\u{203a}'
                            | '\u{2044}'
                            | '\u{192}'
                )
            {
                ascii('n')
            } else {
                0.0
            }
        }
    }
}

fn latin_base(c: char) -> Option<char> {
    let b = match c {
        'À'..='Å' => 'A',
        'Æ' => return Some('W'),
        'Ç' => 'C',
        'È'..='Ë' => 'E',
        'Ì'..='Ï' => 'I',
        'Ð' => 'D',
        'Ñ' => 'N',
        'Ò'..='Ö' | 'Ø' => 'O',
        'Ù'..='Ü' => 'U',
        'Ý' => 'Y',
        'ß' => 'b',
        'à'..='å' => 'a',
        'æ' => 'm',
        'ç' => 'c',
        'è'..='ë' => 'e',
        'ì'..='ï' => 'i',
        'ñ' => 'n',
        'ò'..='ö' | 'ø' => 'o',
        'ù'..='ü' => 'u',
        'ý' | 'ÿ' => 'y',
        _ => return None,
    };
    Some(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_widths() {
        let h = lookup("Helvetica").map(|m| m.family);
        assert_eq!(h, Some(Family::Helvetica));
        assert_eq!(width(Family::Helvetica, 'A'), 667.0);
        assert_eq!(width(Family::Helvetica, 'i'), 222.0);
        assert_eq!(width(Family::TimesBold, 'W'), 1000.0);
        assert_eq!(width(Family::Courier, 'W'), 600.0);
        assert_eq!(width(Family::Times, 'é'), 444.0);
        assert_eq!(
            lookup("Arial,Bold").map(|m| m.family),
            Some(Family::HelveticaBold)
        );
        assert!(lookup("DejaVuSans").is_none());
        assert_eq!(
            lookup("TimesNewRomanPS-BoldItalicMT").map(|m| m.family),
            Some(Family::TimesBold)
        );
        assert_eq!(
            lookup("Times-Italic").map(|m| m.family),
            Some(Family::TimesItalic)
        );
        assert_eq!(
            lookup("Courier New").map(|m| m.family),
            Some(Family::Courier)
        );
        assert!(
            lookup("ArialNarrow").is_none()
                && lookup("Arial-Black").is_none()
                && lookup("Helvetica-Light").is_none()
        );
    }
}
