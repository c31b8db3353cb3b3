//! Base encodings (WinAnsi, MacRoman, Standard, PDFDoc) and a subset of the
//! Adobe Glyph List (glyph name -> Unicode).

use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaseEncoding {
    Standard,
    WinAnsi,
    MacRoman,
    PdfDoc,
    /// A symbolic font's built-in encoding we cannot read: codes map to themselves.
    Identity,
}

impl BaseEncoding {
    pub fn from_name(n: &[u8]) -> Option<Self> {
        match n {
            b"WinAnsiEncoding" => Some(Self::WinAnsi),
            b"MacRomanEncoding" | b"MacExpertEncoding" => Some(Self::MacRoman),
            b"StandardEncoding" => Some(Self::Standard),
            b"PDFDocEncoding" => Some(Self::PdfDoc),
            _ => None,
        }
    }

    /// The character of a code, if the encoding defines it.
    pub fn decode(self, code: u8) -> Option<char> {
        let c = code as u32;
        let u = match self {
            BaseEncoding::Identity => c,
            BaseEncoding::WinAnsi => match code {
                // WinAnsiEncoding names 0xAD "hyphen"
                0xad => 0x2d,
                0x20..=0x7e | 0xa0..=0xff => c,
                0x80..=0x9f => CP1252_HIGH[(code - 0x80) as usize] as u32,
                _ => 0,
            },
            BaseEncoding::PdfDoc => match code {
                0x18..=0x1f => PDFDOC_18[(code - 0x18) as usize] as u32,
                0x80..=0xa0 => PDFDOC_80[(code - 0x80) as usize] as u32,
                0x7f => 0,
                0x09 | 0x0a | 0x0d | 0x20..=0xff => c,
                _ => 0,
            },
            BaseEncoding::MacRoman => match code {
                0x20..=0x7e => c,
                0x80..=0xff => MACROMAN_HIGH[(code - 0x80) as usize] as u32,
                _ => 0,
            },
            BaseEncoding::Standard => match code {
                0x27 => 0x2019,
                0x60 => 0x2018,
                0x20..=0x7e => c,
                0xa0..=0xff => STANDARD_HIGH[(code - 0xa0) as usize] as u32,
                _ => 0,
            },
        };
        if u == 0 {
            None
        } else {
            char::from_u32(u)
        }
    }
}

const CP1252_HIGH: [u16; 32] = [
    0x20AC, 0x2022, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0x2022, 0x017D, 0x2022, 0x2022, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x2022, 0x017E, 0x0178,
];

const PDFDOC_18: [u16; 8] = [
    0x02D8, 0x02C7, 0x02C6, 0x02D9, 0x02DD, 0x02DB, 0x02DA, 0x02DC,
];

const PDFDOC_80: [u16; 33] = [
    0x2022, 0x2020, 0x2021, 0x2026, 0x2014, 0x2013, 0x0192, 0x2044, 0x2039, 0x203A, 0x2212, 0x2030,
    0x201E, 0x201C, 0x201D, 0x2018, 0x2019, 0x201A, 0x2122, 0xFB01, 0xFB02, 0x0141, 0x0152, 0x0160,
    0x0178, 0x017D, 0x0131, 0x0142, 0x0153, 0x0161, 0x017E, 0x0000, 0x20AC,
];

const MACROMAN_HIGH: [u16; 128] = [
    0xC4, 0xC5, 0xC7, 0xC9, 0xD1, 0xD6, 0xDC, 0xE1, 0xE0, 0xE2, 0xE4, 0xE3, 0xE5, 0xE7, 0xE9,
    0xE8, //
    0xEA, 0xEB, 0xED, 0xEC, 0xEE, 0xEF, 0xF1, 0xF3, 0xF2, 0xF4, 0xF6, 0xF5, 0xFA, 0xF9, 0xFB,
    0xFC, //
    0x2020, 0xB0, 0xA2, 0xA3, 0xA7, 0x2022, 0xB6, 0xDF, 0xAE, 0xA9, 0x2122, 0xB4, 0xA8, 0x2260,
    0xC6, 0xD8, //
    0x221E, 0xB1, 0x2264, 0x2265, 0xA5, 0xB5, 0x2202, 0x2211, 0x220F, 0x3C0, 0x222B, 0xAA, 0xBA,
    0x3A9, 0xE6, 0xF8, //
    0xBF, 0xA1, 0xAC, 0x221A, 0x192, 0x2248, 0x2206, 0xAB, 0xBB, 0x2026, 0xA0, 0xC0, 0xC3, 0xD5,
    0x152, 0x153, //
    0x2013, 0x2014, 0x201C, 0x201D, 0x2018, 0x2019, 0xF7, 0x25CA, 0xFF, 0x178, 0x2044, 0x20AC,
    0x2039, 0x203A, 0xFB01, 0xFB02, //
    0x2021, 0xB7, 0x201A, 0x201E, 0x2030, 0xC2, 0xCA, 0xC1, 0xCB, 0xC8, 0xCD, 0xCE, 0xCF, 0xCC,
    0xD3, 0xD4, //
    0xF8FF, 0xD2, 0xDA, 0xDB, 0xD9, 0x131, 0x2C6, 0x2DC, 0xAF, 0x2D8, 0x2D9, 0x2DA, 0xB8, 0x2DD,
    0x2DB, 0x2C7,
];

const STANDARD_HIGH: [u16; 96] = [
    0, 0xA1, 0xA2, 0xA3, 0x2044, 0xA5, 0x192, 0xA7, 0xA4, 0x27, 0x201C, 0xAB, 0x2039, 0x203A,
    0xFB01, 0xFB02, //
    0, 0x2013, 0x2020, 0x2021, 0xB7, 0, 0xB6, 0x2022, 0x201A, 0x201E, 0x201D, 0xBB, 0x2026, 0x2030,
    0, 0xBF, //
    0, 0x60, 0xB4, 0x2C6, 0x2DC, 0xAF, 0x2D8, 0x2D9, 0xA8, 0, 0x2DA, 0xB8, 0, 0x2DD, 0x2DB,
    0x2C7, //
    0x2014, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, //
    0, 0xC6, 0, 0xAA, 0, 0, 0, 0, 0x141, 0xD8, 0x152, 0xBA, 0, 0, 0, 0, //
    0, 0xE6, 0, 0, 0, 0x131, 0, 0, 0x142, 0xF8, 0x153, 0xDF, 0, 0, 0, 0,
];

const ASCII_NAMES: &str = "space exclam quotedbl numbersign dollar percent ampersand quotesingle parenleft parenright \
asterisk plus comma hyphen period slash zero one two three four five six seven eight nine colon semicolon less equal \
greater question at A B C D E F G H I J K L M N O P Q R S T U V W X Y Z bracketleft backslash bracketright asciicircum \
underscore grave a b c d e f g h i j k l m n o p q r s t u v w x y z braceleft bar braceright asciitilde";

const LATIN1_NAMES: &str = "nbspace exclamdown cent sterling currency yen brokenbar section dieresis copyright \
ordfeminine guillemotleft logicalnot softhyphen registered macron degree plusminus twosuperior threesuperior acute mu \
paragraph periodcentered cedilla onesuperior ordmasculine guillemotright onequarter onehalf threequarters questiondown \
Agrave Aacute Acircumflex Atilde Adieresis Aring AE Ccedilla Egrave Eacute Ecircumflex Edieresis Igrave Iacute \
Icircumflex Idieresis Eth Ntilde Ograve Oacute Ocircumflex Otilde Odieresis multiply Oslash Ugrave Uacute Ucircumflex \
Udieresis Yacute Thorn germandbls agrave aacute acircumflex atilde adieresis aring ae ccedilla egrave eacute \
ecircumflex edieresis igrave iacute icircumflex idieresis eth ntilde ograve oacute ocircumflex otilde odieresis divide \
oslash ugrave uacute ucircumflex udieresis yacute thorn ydieresis";

/// Other glyph names (name, code point).
const EXTRA_NAMES: &[(&str, u32)] = &[
    ("quoteleft", 0x2018),
    ("quoteright", 0x2019),
    ("quotedblleft", 0x201C),
    ("quotedblright", 0x201D),
    ("quotesinglbase", 0x201A),
    ("quotedblbase", 0x201E),
    ("guilsinglleft", 0x2039),
    ("guilsinglright", 0x203A),
    ("guillemetleft", 0xAB),
    ("guillemetright", 0xBB),
    ("endash", 0x2013),
    ("emdash", 0x2014),
    ("figuredash", 0x2012),
    ("horizontalbar", 0x2015),
    ("minus", 0x2212),
    ("bullet", 0x2022),
    ("ellipsis", 0x2026),
    ("dagger", 0x2020),
    ("daggerdbl", 0x2021),
    ("perthousand", 0x2030),
    ("trademark", 0x2122),
    ("Euro", 0x20AC),
    ("euro", 0x20AC),
    ("florin", 0x192),
    ("fraction", 0x2044),
    ("circumflex", 0x2C6),
    ("tilde", 0x2DC),
    ("breve", 0x2D8),
    ("dotaccent", 0x2D9),
    ("ring", 0x2DA),
    ("hungarumlaut", 0x2DD),
    ("ogonek", 0x2DB),
    ("caron", 0x2C7),
    ("dotlessi", 0x131),
    ("Lslash", 0x141),
    ("lslash", 0x142),
    ("OE", 0x152),
    ("oe", 0x153),
    ("Scaron", 0x160),
    ("scaron", 0x161),
    ("Zcaron", 0x17D),
    ("zcaron", 0x17E),
    ("Ydieresis", 0x178),
    ("fi", 0xFB01),
    ("fl", 0xFB02),
    ("ff", 0xFB00),
    ("ffi", 0xFB03),
    ("ffl", 0xFB04),
    ("nonbreakingspace", 0xA0),
    ("sfthyphen", 0xAD),
    ("middot", 0xB7),
    ("mu1", 0xB5),
    ("Omega", 0x3A9),
    ("pi", 0x3C0),
    ("Delta", 0x2206),
    ("lozenge", 0x25CA),
    ("notequal", 0x2260),
    ("lessequal", 0x2264),
    ("greaterequal", 0x2265),
    ("infinity", 0x221E),
    ("approxequal", 0x2248),
    ("partialdiff", 0x2202),
    ("summation", 0x2211),
    ("product", 0x220F),
    ("radical", 0x221A),
    ("integral", 0x222B),
    ("arrowright", 0x2192),
    ("arrowleft", 0x2190),
    ("arrowup", 0x2191),
    ("arrowdown", 0x2193),
    ("checkmark", 0x2713),
    ("check", 0x2713),
    ("square", 0x25A1),
    ("filledbox", 0x25A0),
    ("H18533", 0x25CF),
    ("circle", 0x25CB),
    ("blackcircle", 0x25CF),
    ("triagrt", 0x25BA),
    ("periodcentered", 0xB7),
    ("onethird", 0x2153),
    ("twothirds", 0x2154),
    ("numero", 0x2116),
    ("Gbreve", 0x11E),
    ("gbreve", 0x11F),
    ("Idotaccent", 0x130),
    ("Scedilla", 0x15E),
    ("scedilla", 0x15F),
    ("Cacute", 0x106),
    ("cacute", 0x107),
    ("Ccaron", 0x10C),
    ("ccaron", 0x10D),
    ("Ecaron", 0x11A),
    ("ecaron", 0x11B),
    ("Rcaron", 0x158),
    ("rcaron", 0x159),
    ("Nacute", 0x143),
    ("nacute", 0x144),
    ("Sacute", 0x15A),
    ("sacute", 0x15B),
    ("Zacute", 0x179),
    ("zacute", 0x17A),
    ("Zdotaccent", 0x17B),
    ("zdotaccent", 0x17C),
    ("Aogonek", 0x104),
    ("aogonek", 0x105),
    ("Eogonek", 0x118),
    ("eogonek", 0x119),
    ("Wcircumflex", 0x174),
    ("wcircumflex", 0x175),
    ("Ycircumflex", 0x176),
    ("ycircumflex", 0x177),
    ("tab", 0x09),
];

fn agl() -> &'static HashMap<&'static str, char> {
    static MAP: OnceLock<HashMap<&'static str, char>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut m = HashMap::new();
        for (i, n) in ASCII_NAMES.split_whitespace().enumerate() {
            if let Some(c) = char::from_u32(0x20 + i as u32) {
                m.insert(n, c);
            }
        }
        for (i, n) in LATIN1_NAMES.split_whitespace().enumerate() {
            if let Some(c) = char::from_u32(0xA0 + i as u32) {
                m.insert(n, c);
            }
        }
        for &(n, u) in EXTRA_NAMES {
            if let Some(c) = char::from_u32(u) {
                m.insert(n, c);
            }
        }
        m
    })
}

/// Unicode text for a glyph name: the AGL subset, `uniXXXX[XXXX..]`,
/// `uXXXX[XX]`, ligature names joined by `_`, and suffixes like `.sc` dropped.
pub fn glyph_to_unicode(name: &[u8]) -> Option<String> {
    let name = std::str::from_utf8(name).ok()?;
    let base = name.split('.').next().unwrap_or(name);
    if base.is_empty() {
        return None;
    }
    if base.contains('_') {
        let mut s = String::new();
        for part in base.split('_') {
            s.push_str(&glyph_to_unicode(part.as_bytes())?);
        }
        return Some(s);
    }
    if let Some(&c) = agl().get(base) {
        return Some(c.to_string());
    }
    if let Some(hex) = base.strip_prefix("uni") {
        if hex.len() >= 4 && hex.len() % 4 == 0 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            let mut units = Vec::new();
            for i in (0..hex.len()).step_by(4) {
                units.push(u16::from_str_radix(hex.get(i..i + 4)?, 16).ok()?);
            }
            let s: String = char::decode_utf16(units).filter_map(Result::ok).collect();
            return (!s.is_empty()).then_some(s);
        }
    }
    if let Some(hex) = base.strip_prefix('u') {
        if (4..=6).contains(&hex.len()) && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            let v = u32::from_str_radix(hex, 16).ok()?;
            return char::from_u32(v).map(|c| c.to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_names() {
        assert_eq!(glyph_to_unicode(b"A").as_deref(), Some("A"));
        assert_eq!(glyph_to_unicode(b"eacute").as_deref(), Some("é"));
        assert_eq!(glyph_to_unicode(b"quoteright").as_deref(), Some("\u{2019}"));
        assert_eq!(glyph_to_unicode(b"uni20AC").as_deref(), Some("€"));
        assert_eq!(glyph_to_unicode(b"u1F600").as_deref(), Some("\u{1F600}"));
        assert_eq!(glyph_to_unicode(b"f_f_i").as_deref(), Some("ffi"));
        assert_eq!(glyph_to_unicode(b"f_i").as_deref(), Some("fi"));
        assert_eq!(glyph_to_unicode(b"a.sc").as_deref(), Some("a"));
        assert_eq!(glyph_to_unicode(b"zzz"), None);
    }

    #[test]
    fn base_encodings() {
        assert_eq!(BaseEncoding::WinAnsi.decode(0x93), Some('\u{201C}'));
        assert_eq!(BaseEncoding::WinAnsi.decode(0xE9), Some('é'));
        assert_eq!(BaseEncoding::MacRoman.decode(0x8E), Some('é'));
        assert_eq!(BaseEncoding::Standard.decode(0x27), Some('\u{2019}'));
        assert_eq!(BaseEncoding::Standard.decode(0xAE), Some('\u{FB01}'));
        assert_eq!(BaseEncoding::PdfDoc.decode(0x84), Some('\u{2014}'));
    }
}
