//! Fonts: code splitting, glyph widths and Unicode text.
//!
//! Unicode comes from, in order: the font's ToUnicode CMap, the /Differences
//! glyph names through the Adobe glyph list, then the base encoding.

use crate::encoding::{glyph_to_unicode, BaseEncoding};
use crate::lexer::{Lexer, Obj, Token};
use crate::objects::{
    self, as_dict, get, get_array, get_dict, get_name, get_num, num, resolve, Budget,
};
use crate::std14;
use crate::truetype::Cmaps;
use lopdf::{Dictionary, Document, Object};
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    Simple,
    Type3,
    Cid,
}

/// A codespace range: byte length and per-byte bounds.
#[derive(Debug, Clone)]
struct CodeRange {
    len: usize,
    lo: [u8; 4],
    hi: [u8; 4],
}

#[derive(Debug, Clone, Default)]
struct CMap {
    codespace: Vec<CodeRange>,
    /// code (with its byte length) -> CID or Unicode text
    cid_ranges: Vec<(u32, u32, u32, usize)>,
    cid_single: HashMap<(u32, usize), u32>,
    unicode: HashMap<(u32, usize), String>,
    /// bfrange entries kept as ranges: (lo, hi, len, start text)
    uni_ranges: Vec<(u32, u32, usize, Vec<u16>)>,
}

/// One decoded glyph of a string.
pub struct GlyphCode<'a> {
    /// Width in text space units per unit font size (1/1000 em for most fonts).
    pub width: f64,
    pub text: &'a str,
    /// A single-byte code 32, to which word spacing applies.
    pub is_space_code: bool,
}

#[derive(Debug)]
pub struct Font {
    pub name: String,
    pub kind: Kind,
    pub bold: bool,
    /// Ascent and descent as fractions of the font size (poppler's reading).
    pub ascent: f64,
    pub descent: f64,
    /// Vertical writing mode (Identity-V); treated as horizontal.
    pub vertical: bool,
    /// Factor on the transformed font size for word geometry: 1, except for
    /// Type 3 fonts, where poppler guesses the glyph scale from the width of
    /// an 'm' (or another letter) and the font matrix's aspect.
    pub size_scale: f64,
    widths: Vec<f64>,
    simple_text: Vec<String>,
    cid_widths: HashMap<u32, f64>,
    /// CID -> Unicode from the embedded font, when there is no ToUnicode.
    cid_unicode: HashMap<u32, char>,
    dw: f64,
    encoding: Option<CMap>,
    to_unicode: Option<CMap>,
    /// Text for a code with no mapping: empty (the glyph still advances).
    empty: String,
    /// Scratch storage for CID text produced on the fly.
    cid_text_cache: HashMap<u32, String>,
    pub warnings: Vec<String>,
}

fn strip_subset(name: &str) -> &str {
    match name.split_once('+') {
        Some((pre, rest)) if pre.len() == 6 && pre.bytes().all(|b| b.is_ascii_uppercase()) => rest,
        _ => name,
    }
}

pub fn name_is_bold(name: &str) -> bool {
    let l = name.to_ascii_lowercase();
    l.contains("bold")
        || l.contains("black")
        || l.contains("heavy")
        || l.contains("semibold")
        || l.contains("demi")
}

/// Normalise a mapped text: tabs and odd spaces to a space, ligatures
/// decomposed, control characters dropped.
pub(crate) fn normalise_text(s: &str) -> String {
    normalise(s)
}

fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\t' | '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => {
                out.push(' ')
            }
            '\u{fb00}' => out.push_str("ff"),
            '\u{fb01}' => out.push_str("fi"),
            '\u{fb02}' => out.push_str("fl"),
            '\u{fb03}' => out.push_str("ffi"),
            '\u{fb04}' => out.push_str("ffl"),
            '\u{fb05}' | '\u{fb06}' => out.push_str("st"),
            '\u{200b}' | '\u{feff}' | '\u{ad}' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

impl Font {
    /// Load a font dictionary.
    pub fn load(doc: &Document, fd: &Dictionary, budget: &Budget) -> Font {
        let subtype = get_name(doc, fd, b"Subtype").unwrap_or(b"Type1");
        let base_raw = get_name(doc, fd, b"BaseFont")
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .unwrap_or_default();
        let name = strip_subset(&base_raw).to_string();
        let kind = match subtype {
            b"Type0" => Kind::Cid,
            b"Type3" => Kind::Type3,
            _ => Kind::Simple,
        };
        let mut f = Font {
            name,
            kind,
            bold: false,
            ascent: 0.95,
            descent: -0.35,
            vertical: false,
            size_scale: 1.0,
            widths: vec![0.0; 256],
            simple_text: Vec::new(),
            cid_widths: HashMap::new(),
            cid_unicode: HashMap::new(),
            dw: 1.0,
            encoding: None,
            to_unicode: None,
            empty: String::new(),
            cid_text_cache: HashMap::new(),
            warnings: Vec::new(),
        };
        if let Some(Object::Stream(s)) = get(doc, fd, b"ToUnicode") {
            match budget.decode(s) {
                Ok(data) => f.to_unicode = Some(parse_cmap(&data)),
                Err(_) => f
                    .warnings
                    .push("ToUnicode CMap could not be decoded".into()),
            }
        }
        match kind {
            Kind::Cid => f.load_cid(doc, fd, budget),
            Kind::Simple | Kind::Type3 => f.load_simple(doc, fd, budget),
        }
        f
    }

    fn read_descriptor(
        &mut self,
        doc: &Document,
        desc: Option<&Dictionary>,
        std: Option<&std14::StdMetrics>,
    ) {
        let embedded =
            desc.is_some_and(|d| d.has(b"FontFile") || d.has(b"FontFile2") || d.has(b"FontFile3"));
        if let (Some(m), false) = (std, embedded) {
            self.ascent = m.ascent as f64 / 1000.0;
            self.descent = m.descent as f64 / 1000.0;
        } else if let Some(d) = desc {
            if let Some(a) = get_num(doc, d, b"Ascent") {
                let t = (a / 1000.0).abs();
                if t != 0.0 && t < 3.0 {
                    self.ascent = t;
                }
            }
            if let Some(a) = get_num(doc, d, b"Descent") {
                let t = -(a / 1000.0).abs();
                if t != 0.0 && t > -3.0 {
                    self.descent = t;
                }
            }
        }
        if let Some(d) = desc {
            let flags = get_num(doc, d, b"Flags").unwrap_or(0.0) as i64;
            if flags & (1 << 18) != 0 {
                self.bold = true;
            }
            if get_num(doc, d, b"FontWeight").is_some_and(|w| w >= 600.0) {
                self.bold = true;
            }
        }
        if name_is_bold(&self.name) {
            self.bold = true;
        }
    }

    fn load_simple(&mut self, doc: &Document, fd: &Dictionary, budget: &Budget) {
        let std = std14::lookup(&self.name);
        let desc = get_dict(doc, fd, b"FontDescriptor");
        self.read_descriptor(doc, desc, std.as_ref());
        let mut font_matrix = [0.001, 0.0, 0.0, 0.001, 0.0, 0.0];
        if self.kind == Kind::Type3 {
            if let Some(a) = get_array(doc, fd, b"FontMatrix") {
                let v = objects::nums(doc, a);
                if v.len() == 6 && v[0] != 0.0 {
                    font_matrix.copy_from_slice(&v);
                }
            }
        }
        // Encoding
        let symbolic = desc
            .and_then(|d| get_num(doc, d, b"Flags"))
            .is_some_and(|f| (f as i64) & 4 != 0);
        let std_symbolic = std
            .as_ref()
            .is_some_and(|m| m.family == std14::Family::Symbolic);
        let mut base = if std_symbolic || (symbolic && std.is_none() && self.kind != Kind::Type3) {
            BaseEncoding::Identity
        } else {
            BaseEncoding::Standard
        };
        let mut differences: Vec<(u8, Vec<u8>)> = Vec::new();
        let mut explicit_base = false;
        match get(doc, fd, b"Encoding") {
            Some(Object::Name(n)) => {
                if let Some(b) = BaseEncoding::from_name(n) {
                    base = b;
                    explicit_base = true;
                }
            }
            Some(o) => {
                if let Some(ed) = as_dict(o) {
                    if let Some(b) =
                        get_name(doc, ed, b"BaseEncoding").and_then(BaseEncoding::from_name)
                    {
                        base = b;
                        explicit_base = true;
                    } else if !symbolic && base == BaseEncoding::Identity {
                        base = BaseEncoding::Standard;
                    }
                    if let Some(arr) = get_array(doc, ed, b"Differences") {
                        let mut code: i64 = 0;
                        for item in arr {
                            match resolve(doc, item) {
                                Object::Integer(i) => code = *i,
                                Object::Real(r) => code = *r as i64,
                                Object::Name(n) => {
                                    if (0..256).contains(&code) {
                                        differences.push((code as u8, n.clone()));
                                    }
                                    code += 1;
                                }
                                _ => {}
                            }
                        }
                    }
                }
            }
            None => {}
        }
        let mut text: Vec<String> = (0..=255u8)
            .map(|c| base.decode(c).map(|c| c.to_string()).unwrap_or_default())
            .collect();
        if !explicit_base {
            self.builtin_encoding(doc, desc, budget, base, &mut text);
        }
        for (code, gname) in &differences {
            if let Some(t) = glyph_to_unicode(gname) {
                text[*code as usize] = t;
            } else if let Some(t) = text.get_mut(*code as usize) {
                // unknown glyph names (e.g. "g12", "glyph5"): keep nothing rather than a wrong letter
                t.clear();
            }
        }
        if let Some(tu) = &self.to_unicode {
            for (code, t) in text.iter_mut().enumerate() {
                if let Some(u) = tu.lookup_unicode(code as u32, 1) {
                    *t = u;
                }
            }
        }
        for t in text.iter_mut() {
            *t = normalise(t);
        }
        // Widths
        let first = get_num(doc, fd, b"FirstChar").unwrap_or(0.0).max(0.0) as usize;
        let missing = desc
            .and_then(|d| get_num(doc, d, b"MissingWidth"))
            .unwrap_or(0.0);
        let scale = if self.kind == Kind::Type3 {
            font_matrix[0]
        } else {
            0.001
        };
        let widths = get_array(doc, fd, b"Widths");
        for (code, (slot, t)) in self.widths.iter_mut().zip(&text).enumerate() {
            let from_table = widths.and_then(|w| {
                let i = code.checked_sub(first)?;
                num(resolve(doc, w.get(i)?))
            });
            *slot = match (from_table, &std) {
                (Some(w), _) => w * scale,
                (None, Some(m)) if widths.is_none() => match t.chars().next() {
                    Some(ch) => std14::width(m.family, ch) as f64 / 1000.0,
                    // a code with no glyph in the encoding draws nothing
                    None => 0.0,
                },
                _ => missing * scale,
            };
        }
        if widths.is_none() && std.is_none() && self.kind != Kind::Type3 {
            self.warnings.push(format!(
                "font {} has no /Widths and is not a standard font; using 0.5 em",
                self.name
            ));
            for w in self.widths.iter_mut() {
                if *w == 0.0 {
                    *w = 0.5;
                }
            }
        }
        if self.kind == Kind::Type3 {
            self.type3_size_scale(&differences, font_matrix);
        }
        self.simple_text = text;
    }

    /// poppler's Type 3 heuristic (TextPage::updateFont): scale the font size
    /// by the width of 'm' / 0.6, else of a letter / 0.5, else of any glyph /
    /// 0.5, then by |FontMatrix[3] / FontMatrix[0]|; ascent and descent keep
    /// their defaults.
    fn type3_size_scale(&mut self, differences: &[(u8, Vec<u8>)], fm: [f64; 6]) {
        let mut names: Vec<Option<&[u8]>> = vec![None; 256];
        for (code, n) in differences {
            names[*code as usize] = Some(n);
        }
        let one = |n: Option<&[u8]>| n.filter(|n| n.len() == 1).map(|n| n[0]);
        let m_code = (0..256).rev().find(|&c| one(names[c]) == Some(b'm'));
        let letter = (0..256).find(|&c| one(names[c]).is_some_and(|b| b.is_ascii_alphabetic()));
        let any = (0..256).find(|&c| names[c].is_some() && self.widths[c] > 0.0);
        let w = |c: Option<usize>| c.map(|c| self.widths[c]).filter(|&w| w > 0.0);
        let mut scale = if let Some(w) = w(m_code) {
            w / 0.6
        } else if let Some(w) = w(letter) {
            w / 0.5
        } else if let Some(w) = w(any) {
            w / 0.5
        } else {
            1.0
        };
        if fm[0] != 0.0 {
            scale *= (fm[3] / fm[0]).abs();
        }
        if scale.is_finite() && scale > 0.0 {
            self.size_scale = scale;
        }
    }

    /// Without an explicit base encoding, an embedded font's own encoding:
    /// a Type 1 program's `/Encoding` array, or a symbolic TrueType font's
    /// (3,0)/(1,0) cmap read through its Unicode cmap.
    fn builtin_encoding(
        &mut self,
        doc: &Document,
        desc: Option<&Dictionary>,
        budget: &Budget,
        base: BaseEncoding,
        text: &mut [String],
    ) {
        let Some(desc) = desc else { return };
        if let Some(Object::Stream(s)) = get(doc, desc, b"FontFile") {
            if let Ok(data) = budget.decode(s) {
                for (code, name) in type1_encoding(&data) {
                    if let Some(t) = text.get_mut(code as usize) {
                        *t = glyph_to_unicode(&name).unwrap_or_default();
                    }
                }
            }
        } else if base == BaseEncoding::Identity && self.to_unicode.is_none() {
            if let Some(Object::Stream(s)) = get(doc, desc, b"FontFile2") {
                let Ok(data) = budget.decode(s) else { return };
                let Some(cm) = Cmaps::parse(&data) else {
                    return;
                };
                let g2u = cm.glyph_to_unicode();
                let Some(c2g) = cm.get(3, 0).or_else(|| cm.get(1, 0)) else {
                    return;
                };
                for (code, t) in text.iter_mut().enumerate() {
                    let code = code as u32;
                    let gid = [0xF000 | code, 0xF100 | code, 0xF200 | code, code]
                        .iter()
                        .find_map(|c| c2g.get(c));
                    if let Some(ch) = gid.and_then(|g| g2u.get(g)) {
                        *t = ch.to_string();
                    }
                }
            }
        }
    }

    /// A CID font without ToUnicode: CID -> glyph (CIDToGIDMap) -> Unicode
    /// through the embedded TrueType font's Unicode cmap.
    fn cid_unicode_from_font(
        &mut self,
        doc: &Document,
        df: &Dictionary,
        desc: Option<&Dictionary>,
        budget: &Budget,
    ) {
        let Some(Object::Stream(s)) = desc.and_then(|d| get(doc, d, b"FontFile2")) else {
            return;
        };
        let Ok(data) = budget.decode(s) else { return };
        let Some(cm) = Cmaps::parse(&data) else {
            return;
        };
        let g2u = cm.glyph_to_unicode();
        if g2u.is_empty() {
            return;
        }
        match get(doc, df, b"CIDToGIDMap") {
            Some(Object::Stream(m)) => {
                if let Ok(map) = budget.decode(m) {
                    for (cid, pair) in map.chunks_exact(2).enumerate() {
                        let gid = u16::from_be_bytes([pair[0], pair[1]]);
                        if let Some(&ch) = g2u.get(&gid) {
                            self.cid_unicode.insert(cid as u32, ch);
                        }
                    }
                }
            }
            _ => {
                for (&gid, &ch) in &g2u {
                    self.cid_unicode.insert(gid as u32, ch);
                }
            }
        }
    }

    fn load_cid(&mut self, doc: &Document, fd: &Dictionary, budget: &Budget) {
        let desc_font = get_array(doc, fd, b"DescendantFonts")
            .and_then(|a| a.first())
            .map(|o| resolve(doc, o))
            .and_then(as_dict);
        if let Some(df) = desc_font {
            if self.name.is_empty() {
                if let Some(n) = get_name(doc, df, b"BaseFont") {
                    self.name = strip_subset(&String::from_utf8_lossy(n)).to_string();
                }
            }
            let desc = get_dict(doc, df, b"FontDescriptor");
            self.read_descriptor(doc, desc, None);
            if self.to_unicode.is_none() {
                self.cid_unicode_from_font(doc, df, desc, budget);
            }
            self.dw = get_num(doc, df, b"DW").unwrap_or(1000.0) / 1000.0;
            if let Some(w) = get_array(doc, df, b"W") {
                let mut i = 0;
                while i < w.len() {
                    let first = num(resolve(doc, &w[i])).unwrap_or(-1.0);
                    match w.get(i + 1).map(|o| resolve(doc, o)) {
                        Some(Object::Array(list)) => {
                            for (k, o) in list.iter().enumerate() {
                                if let Some(v) = num(resolve(doc, o)) {
                                    if first >= 0.0 {
                                        self.cid_widths.insert(
                                            (first as u32).wrapping_add(k as u32),
                                            v / 1000.0,
                                        );
                                    }
                                }
                            }
                            i += 2;
                        }
                        Some(o) => {
                            let last = num(o).unwrap_or(-1.0);
                            let v = w
                                .get(i + 2)
                                .and_then(|o| num(resolve(doc, o)))
                                .unwrap_or(self.dw * 1000.0);
                            if first >= 0.0 && last >= first && last - first <= 65_536.0 {
                                for c in first as u32..=last as u32 {
                                    self.cid_widths.insert(c, v / 1000.0);
                                }
                            }
                            i += 3;
                        }
                        None => break,
                    }
                }
            }
        } else {
            self.warnings
                .push("Type0 font without DescendantFonts".into());
        }
        if name_is_bold(&self.name) {
            self.bold = true;
        }
        match get(doc, fd, b"Encoding") {
            Some(Object::Name(n)) => {
                if n.ends_with(b"-V") {
                    self.vertical = true;
                }
                if n != b"Identity-H" && n != b"Identity-V" {
                    self.warnings.push(format!(
                        "predefined CMap {} is not supported; reading codes as 2-byte CIDs",
                        String::from_utf8_lossy(n)
                    ));
                }
            }
            Some(Object::Stream(s)) => match budget.decode(s) {
                Ok(data) => {
                    let cm = parse_cmap(&data);
                    if !cm.codespace.is_empty() {
                        self.encoding = Some(cm);
                    }
                }
                Err(_) => self
                    .warnings
                    .push("embedded CMap could not be decoded".into()),
            },
            _ => {}
        }
    }

    /// Split a string into codes and decode each one.
    pub fn for_each_glyph<F: FnMut(GlyphCode<'_>)>(&mut self, bytes: &[u8], mut f: F) {
        match self.kind {
            Kind::Simple | Kind::Type3 => {
                for &b in bytes {
                    f(GlyphCode {
                        width: self.widths[b as usize],
                        text: &self.simple_text[b as usize],
                        is_space_code: b == 32,
                    });
                }
            }
            Kind::Cid => {
                let mut i = 0;
                while i < bytes.len() {
                    let (code, len) = match &self.encoding {
                        Some(cm) => cm.next_code(&bytes[i..]),
                        None => {
                            if i + 1 < bytes.len() {
                                (((bytes[i] as u32) << 8) | bytes[i + 1] as u32, 2)
                            } else {
                                (bytes[i] as u32, 1)
                            }
                        }
                    };
                    i += len.max(1);
                    let cid = match &self.encoding {
                        Some(cm) => cm.lookup_cid(code, len),
                        None => code,
                    };
                    let width = self.cid_widths.get(&cid).copied().unwrap_or(self.dw);
                    let key = code | ((len as u32) << 24);
                    if !self.cid_text_cache.contains_key(&key) {
                        let t = self
                            .to_unicode
                            .as_ref()
                            .and_then(|tu| tu.lookup_unicode(code, len))
                            .or_else(|| self.cid_unicode.get(&cid).map(|c| c.to_string()))
                            .map(|s| normalise(&s))
                            .unwrap_or_default();
                        self.cid_text_cache.insert(key, t);
                    }
                    let text = self
                        .cid_text_cache
                        .get(&key)
                        .map(|s| s.as_str())
                        .unwrap_or(&self.empty);
                    f(GlyphCode {
                        width,
                        text,
                        is_space_code: len == 1 && code == 32,
                    });
                }
            }
        }
    }
}

/// The `/Encoding` array of a Type 1 font program's clear-text part
/// (`dup <code> /<name> put`); empty for `StandardEncoding` or none.
fn type1_encoding(data: &[u8]) -> Vec<(u8, Vec<u8>)> {
    let end = data
        .windows(5)
        .position(|w| w == b"eexec")
        .unwrap_or(data.len());
    let clear = &data[..end];
    let Some(at) = clear.windows(9).position(|w| w == b"/Encoding") else {
        return Vec::new();
    };
    // up to the `def` that ends the definition ("/Encoding StandardEncoding
    // def" has no array, so nothing is found)
    let body = &clear[at + 9..];
    let mut out = Vec::new();
    let mut lx = Lexer::new(body);
    let mut prev: Vec<Obj> = Vec::new();
    let mut steps = 0;
    while let Some(t) = lx.next_token() {
        steps += 1;
        if steps > 20_000 {
            break;
        }
        match t {
            Token::Operand(o) => prev.push(o),
            Token::Op(op) => {
                if op == b"def" {
                    break;
                }
                if op == b"put" && prev.len() >= 2 {
                    if let (Some(Obj::Num(c)), Some(Obj::Name(n))) =
                        (prev.get(prev.len() - 2), prev.last())
                    {
                        if (0.0..256.0).contains(c) {
                            out.push((*c as u8, n.clone()));
                        }
                    }
                }
                prev.clear();
            }
            Token::InlineImage => prev.clear(),
        }
    }
    out
}

fn be(bytes: &[u8]) -> u32 {
    bytes.iter().take(4).fold(0u32, |a, &b| (a << 8) | b as u32)
}

impl CMap {
    fn next_code(&self, bytes: &[u8]) -> (u32, usize) {
        for r in &self.codespace {
            if bytes.len() >= r.len
                && (0..r.len).all(|k| bytes[k] >= r.lo[k] && bytes[k] <= r.hi[k])
            {
                return (be(&bytes[..r.len]), r.len);
            }
        }
        let n = self
            .codespace
            .iter()
            .map(|r| r.len)
            .min()
            .unwrap_or(1)
            .clamp(1, bytes.len().max(1));
        let n = n.min(bytes.len());
        (be(&bytes[..n]), n.max(1))
    }

    fn lookup_cid(&self, code: u32, len: usize) -> u32 {
        if let Some(&c) = self.cid_single.get(&(code, len)) {
            return c;
        }
        for &(lo, hi, start, l) in &self.cid_ranges {
            if l == len && code >= lo && code <= hi {
                return start.wrapping_add(code - lo);
            }
        }
        code
    }

    fn lookup_unicode(&self, code: u32, len: usize) -> Option<String> {
        if let Some(s) = self.unicode.get(&(code, len)) {
            return Some(s.clone());
        }
        // ToUnicode maps are sometimes written with a different byte length
        // than the font's codes; accept a match on the value alone.
        for (lo, hi, l, start) in &self.uni_ranges {
            if *l == len && code >= *lo && code <= *hi {
                return Some(range_text(start, code - lo));
            }
        }
        for (lo, hi, _, start) in &self.uni_ranges {
            if code >= *lo && code <= *hi {
                return Some(range_text(start, code - lo));
            }
        }
        self.unicode
            .iter()
            .find(|((c, _), _)| *c == code)
            .map(|(_, s)| s.clone())
    }
}

fn range_text(start: &[u16], offset: u32) -> String {
    let mut units = start.to_vec();
    if let Some(last) = units.last_mut() {
        *last = last.wrapping_add(offset as u16);
    }
    char::decode_utf16(units).filter_map(Result::ok).collect()
}

fn utf16_units(b: &[u8]) -> Vec<u16> {
    b.chunks(2)
        .map(|c| {
            if c.len() == 2 {
                ((c[0] as u16) << 8) | c[1] as u16
            } else {
                c[0] as u16
            }
        })
        .collect()
}

fn utf16_text(b: &[u8]) -> String {
    char::decode_utf16(utf16_units(b))
        .filter_map(Result::ok)
        .collect()
}

/// Tokens read from a CMap at most (a guard on hostile streams).
const MAX_CMAP_TOKENS: usize = 2_000_000;
/// Operands kept for one CMap section at most.
const MAX_CMAP_OPERANDS: usize = 100_000;

/// Parse a CMap (ToUnicode or an embedded CID encoding): each
/// `end...` operator closes a section whose operands are the pairs or
/// triples before it.
fn parse_cmap(data: &[u8]) -> CMap {
    let mut cm = CMap::default();
    let mut lx = Lexer::new(data);
    let mut operands: Vec<Obj> = Vec::new();
    let mut steps = 0usize;
    while let Some(t) = lx.next_token() {
        steps += 1;
        if steps > MAX_CMAP_TOKENS {
            break;
        }
        match t {
            Token::Operand(o) => {
                if operands.len() < MAX_CMAP_OPERANDS {
                    operands.push(o)
                }
            }
            Token::InlineImage => operands.clear(),
            Token::Op(op) => {
                cm.add_section(&op, &operands);
                operands.clear();
            }
        }
    }
    cm
}

/// A character code of 1 to 4 bytes.
fn is_code(b: &[u8]) -> bool {
    !b.is_empty() && b.len() <= 4
}

impl CMap {
    /// Add the entries of the section that the operator `op` closes.
    fn add_section(&mut self, op: &[u8], operands: &[Obj]) {
        match op {
            b"endcodespacerange" => operands.chunks(2).for_each(|p| self.add_codespace(p)),
            b"endbfchar" => operands.chunks(2).for_each(|p| self.add_bfchar(p)),
            b"endbfrange" => operands.chunks(3).for_each(|t| self.add_bfrange(t)),
            b"endcidrange" => operands.chunks(3).for_each(|t| self.add_cidrange(t)),
            b"endcidchar" => operands.chunks(2).for_each(|p| self.add_cidchar(p)),
            _ => {}
        }
    }

    /// `<lo> <hi>` of a codespace range.
    fn add_codespace(&mut self, pair: &[Obj]) {
        let [Obj::Str(lo), Obj::Str(hi)] = pair else {
            return;
        };
        if !is_code(lo) || lo.len() != hi.len() {
            return;
        }
        let mut r = CodeRange {
            len: lo.len(),
            lo: [0; 4],
            hi: [0; 4],
        };
        r.lo[..lo.len()].copy_from_slice(lo);
        r.hi[..hi.len()].copy_from_slice(hi);
        self.codespace.push(r);
    }

    /// `<src> <dst>` (UTF-16BE text) or `<src> /glyphname` of a bfchar section.
    fn add_bfchar(&mut self, pair: &[Obj]) {
        let text = match pair {
            [Obj::Str(src), Obj::Str(dst)] if is_code(src) => Some((src, utf16_text(dst))),
            [Obj::Str(src), Obj::Name(n)] if is_code(src) => glyph_to_unicode(n).map(|t| (src, t)),
            _ => None,
        };
        if let Some((src, t)) = text {
            self.unicode.insert((be(src), src.len()), t);
        }
    }

    /// `<lo> <hi> <dst>` (the last UTF-16 unit counting up) or
    /// `<lo> <hi> [<dst>...]` (one text per code) of a bfrange section.
    fn add_bfrange(&mut self, tri: &[Obj]) {
        let [Obj::Str(lo), Obj::Str(hi), dst] = tri else {
            return;
        };
        if !is_code(lo) {
            return;
        }
        let (l, h) = (be(lo), be(hi));
        if h < l || h - l > 65_535 {
            return;
        }
        match dst {
            Obj::Str(d) => self.uni_ranges.push((l, h, lo.len(), utf16_units(d))),
            Obj::Arr(items) => self.add_bfrange_texts(l, h, lo.len(), items),
            _ => {}
        }
    }

    /// The texts of a `<lo> <hi> [<dst>...]` bfrange: one per code from `lo`,
    /// up to `hi`.
    fn add_bfrange_texts(&mut self, lo: u32, hi: u32, len: usize, items: &[Obj]) {
        for (k, it) in items.iter().enumerate() {
            let Obj::Str(d) = it else { continue };
            if lo.checked_add(k as u32).is_some_and(|c| c <= hi) {
                self.unicode
                    .insert((lo.wrapping_add(k as u32), len), utf16_text(d));
            }
        }
    }

    /// `<lo> <hi> cid` of a cidrange section.
    fn add_cidrange(&mut self, tri: &[Obj]) {
        if let [Obj::Str(lo), Obj::Str(hi), Obj::Num(c)] = tri {
            if is_code(lo) && *c >= 0.0 {
                self.cid_ranges.push((be(lo), be(hi), *c as u32, lo.len()));
            }
        }
    }

    /// `<src> cid` of a cidchar section.
    fn add_cidchar(&mut self, pair: &[Obj]) {
        if let [Obj::Str(src), Obj::Num(c)] = pair {
            if is_code(src) && *c >= 0.0 {
                self.cid_single.insert((be(src), src.len()), *c as u32);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tounicode_cmap() {
        let cm = parse_cmap(
            b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
              1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
              2 beginbfchar <0003> <0020> <0044> <0061> endbfchar\n\
              1 beginbfrange <0010> <0012> <0041> endbfrange\n\
              1 beginbfrange <0020> <0021> [<00660069> <0066006C>] endbfrange\n\
              endcmap",
        );
        assert_eq!(cm.lookup_unicode(0x44, 2).as_deref(), Some("a"));
        assert_eq!(cm.lookup_unicode(0x11, 2).as_deref(), Some("B"));
        assert_eq!(cm.lookup_unicode(0x21, 2).as_deref(), Some("fl"));
        assert_eq!(cm.next_code(&[0x00, 0x44, 0x01]), (0x44, 2));
    }

    #[test]
    fn cmap_glyph_names_cid_chars_and_bad_entries() {
        let cm = parse_cmap(
            b"1 begincodespacerange <00> <FF> endcodespacerange\n\
              2 beginbfchar <41> /A <4243> /B endbfchar\n\
              2 begincidchar <43> 7 <> 9 endcidchar\n\
              1 beginbfrange <0100> <00FF> <0041> endbfrange",
        );
        assert_eq!(cm.codespace.len(), 1);
        assert_eq!(cm.lookup_unicode(0x41, 1).as_deref(), Some("A"));
        assert_eq!(cm.lookup_unicode(0x4243, 2).as_deref(), Some("B"));
        assert_eq!(cm.lookup_cid(0x43, 1), 7);
        // no entry for an empty code, no range running backwards
        assert_eq!(cm.cid_single.len(), 1);
        assert!(cm.uni_ranges.is_empty());
    }

    #[test]
    fn mixed_codespace() {
        let cm = parse_cmap(b"2 begincodespacerange <00> <80> <8140> <9FFC> endcodespacerange 1 begincidrange <8140> <817E> 633 endcidrange");
        assert_eq!(cm.next_code(&[0x41, 0x81, 0x41]), (0x41, 1));
        assert_eq!(cm.next_code(&[0x81, 0x41]), (0x8141, 2));
        assert_eq!(cm.lookup_cid(0x8141, 2), 634);
    }

    #[test]
    fn type1_builtin_encoding() {
        let prog = b"%!PS-AdobeFont-1.0: CMR10\n/Encoding 256 array\n0 1 255 {1 index exch /.notdef put} for\n\
                     dup 65 /A put\ndup 12 /fi put\nreadonly def\ncurrentfile eexec \x00\xff";
        let e = type1_encoding(prog);
        assert_eq!(e, vec![(65, b"A".to_vec()), (12, b"fi".to_vec())]);
        assert!(type1_encoding(b"/Encoding StandardEncoding def currentfile eexec").is_empty());
    }

    #[test]
    fn normalises_spaces_and_ligatures() {
        assert_eq!(normalise("a\u{a0}b\tc\u{fb01}"), "a b cfi");
    }
}
