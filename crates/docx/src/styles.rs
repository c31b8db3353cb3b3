//! `word/styles.xml` (paragraph and character styles with `basedOn` inheritance) and
//! `word/numbering.xml` (list labels).

use std::collections::HashMap;

use plansift_office::xml::Element;

/// Is an on/off property (`<w:b/>`, `<w:b w:val="false"/>`) on?
pub fn on_off(el: &Element) -> bool {
    !matches!(
        el.attr("val")
            .map(|v| v.trim().to_ascii_lowercase())
            .as_deref(),
        Some("0") | Some("false") | Some("off") | Some("none")
    )
}

/// What a style says itself (not inherited).
#[derive(Debug, Clone, Default)]
struct StyleDef {
    name: String,
    based_on: Option<String>,
    /// `w:outlineLvl` (0-based; 9 = body text).
    outline: Option<u8>,
    bold: Option<bool>,
    page_break_before: Option<bool>,
    /// `(numId, ilvl)` from the style's `w:numPr`.
    num: Option<(String, Option<u8>)>,
}

/// The styles of a document, with inheritance resolved on demand.
#[derive(Debug, Clone, Default)]
pub struct Styles {
    defs: HashMap<String, StyleDef>,
    default_para: Option<String>,
    /// `w:docDefaults/w:rPrDefault` bold.
    default_bold: bool,
}

/// How many `basedOn` steps are followed (guards against cycles).
const MAX_CHAIN: usize = 16;

fn rpr_bold(rpr: &Element) -> Option<bool> {
    rpr.child("b").map(on_off)
}

/// The `(numId, ilvl)` of a `w:numPr`.
pub fn num_pr(ppr: &Element) -> Option<(String, Option<u8>)> {
    let np = ppr.child("numPr")?;
    let id = np.child("numId")?.attr("val")?.trim().to_string();
    let lvl = np
        .child("ilvl")
        .and_then(|l| l.attr("val"))
        .and_then(|v| v.trim().parse::<u8>().ok());
    Some((id, lvl))
}

impl Styles {
    pub fn from_xml(root: &Element) -> Styles {
        let mut s = Styles::default();
        if let Some(b) = root
            .path(&["docDefaults", "rPrDefault", "rPr"])
            .and_then(rpr_bold)
        {
            s.default_bold = b;
        }
        for st in root.children_named("style") {
            let Some(id) = st.attr("styleId") else {
                continue;
            };
            let ppr = st.child("pPr");
            let def = StyleDef {
                name: st
                    .child("name")
                    .and_then(|n| n.attr("val"))
                    .unwrap_or("")
                    .to_string(),
                based_on: st
                    .child("basedOn")
                    .and_then(|b| b.attr("val"))
                    .map(str::to_string),
                outline: ppr
                    .and_then(|p| p.child("outlineLvl"))
                    .and_then(|o| o.attr("val"))
                    .and_then(|v| v.trim().parse().ok()),
                bold: st.child("rPr").and_then(rpr_bold),
                page_break_before: ppr.and_then(|p| p.child("pageBreakBefore")).map(on_off),
                num: ppr.and_then(num_pr),
            };
            let is_default = st.attr("default").is_some_and(|v| v == "1" || v == "true");
            if is_default && st.attr("type") == Some("paragraph") {
                s.default_para = Some(id.to_string());
            }
            s.defs.insert(id.to_string(), def);
        }
        s
    }

    /// The chain of styles from `id` up through `basedOn` (the paragraph default style
    /// when `id` is `None`).
    fn chain<'a>(&'a self, id: Option<&'a str>) -> impl Iterator<Item = &'a StyleDef> + 'a {
        let mut cur = id.or(self.default_para.as_deref());
        let mut steps = 0;
        std::iter::from_fn(move || {
            if steps >= MAX_CHAIN {
                return None;
            }
            steps += 1;
            let def = self.defs.get(cur?)?;
            cur = def.based_on.as_deref();
            Some(def)
        })
    }

    /// Heading level (1..=6) a paragraph style gives, 0 for body text: the style's (or an
    /// ancestor's) name `heading N` or `Title`, or its `outlineLvl`.
    pub fn heading_level(&self, id: Option<&str>) -> u8 {
        for def in self.chain(id) {
            if let Some(l) = name_level(&def.name) {
                return l;
            }
            if let Some(o) = def.outline {
                return outline_level(o);
            }
        }
        0
    }

    /// Bold from a paragraph style and a character style (the character style wins).
    pub fn bold(&self, para_style: Option<&str>, char_style: Option<&str>) -> bool {
        if let Some(cs) = char_style {
            if let Some(b) = self.chain(Some(cs)).find_map(|d| d.bold) {
                return b;
            }
        }
        self.chain(para_style)
            .find_map(|d| d.bold)
            .unwrap_or(self.default_bold)
    }

    pub fn page_break_before(&self, id: Option<&str>) -> bool {
        self.chain(id)
            .find_map(|d| d.page_break_before)
            .unwrap_or(false)
    }

    pub fn numbering(&self, id: Option<&str>) -> Option<(String, Option<u8>)> {
        self.chain(id).find_map(|d| d.num.clone())
    }
}

/// `w:outlineLvl` 0..=8 -> heading level 1..=6 (deeper levels are level 6); 9 is body text.
pub fn outline_level(o: u8) -> u8 {
    if o >= 9 {
        0
    } else {
        (o + 1).min(6)
    }
}

/// `heading 1`..`heading 9` (any case, with or without the space) and `Title`.
fn name_level(name: &str) -> Option<u8> {
    let n = name.trim().to_ascii_lowercase();
    if n == "title" {
        return Some(1);
    }
    let rest = n.strip_prefix("heading")?.trim();
    let d: u8 = rest.parse().ok()?;
    (1..=9).contains(&d).then(|| d.min(6))
}

/// One list level's format.
#[derive(Debug, Clone)]
struct Level {
    fmt: String,
    text: String,
    start: u32,
}

/// `word/numbering.xml` and the running counters of the lists met so far.
#[derive(Debug, Clone, Default)]
pub struct Numbering {
    /// numId -> levels (of its abstractNum, with overrides).
    nums: HashMap<String, Vec<Option<Level>>>,
    counters: HashMap<String, [u32; 9]>,
}

impl Numbering {
    pub fn from_xml(root: &Element) -> Numbering {
        let mut abstracts: HashMap<String, Vec<Option<Level>>> = HashMap::new();
        for a in root.children_named("abstractNum") {
            let Some(id) = a.attr("abstractNumId") else {
                continue;
            };
            abstracts.insert(id.to_string(), levels(a));
        }
        let mut nums = HashMap::new();
        for n in root.children_named("num") {
            let (Some(id), Some(aid)) = (
                n.attr("numId"),
                n.child("abstractNumId").and_then(|a| a.attr("val")),
            ) else {
                continue;
            };
            let mut lv = abstracts.get(aid).cloned().unwrap_or_default();
            for o in n.children_named("lvlOverride") {
                let Some(i) = o.attr("ilvl").and_then(|v| v.parse::<usize>().ok()) else {
                    continue;
                };
                if i >= 9 {
                    continue;
                }
                if lv.len() <= i {
                    lv.resize(i + 1, None);
                }
                if let Some(l) = o.child("lvl") {
                    lv[i] = level(l);
                }
                if let Some(s) = o
                    .child("startOverride")
                    .and_then(|s| s.attr("val"))
                    .and_then(|v| v.parse().ok())
                {
                    if let Some(l) = lv[i].as_mut() {
                        l.start = s;
                    }
                }
            }
            nums.insert(id.to_string(), lv);
        }
        Numbering {
            nums,
            counters: HashMap::new(),
        }
    }

    /// Count one more item of list `num_id` at level `ilvl` and give its label: `1.`,
    /// `(a)`, `iv.`... `None` for bullets, unnumbered levels and unknown lists.
    pub fn next_label(&mut self, num_id: &str, ilvl: u8) -> Option<String> {
        if num_id == "0" {
            return None;
        }
        let levels = self.nums.get(num_id)?;
        let i = (ilvl as usize).min(8);
        let counters = self.counters.entry(num_id.to_string()).or_insert_with(|| {
            let mut c = [0u32; 9];
            for (k, slot) in c.iter_mut().enumerate() {
                let start = levels
                    .get(k)
                    .and_then(|l| l.as_ref())
                    .map(|l| l.start)
                    .unwrap_or(1);
                *slot = start.saturating_sub(1);
            }
            c
        });
        counters[i] = counters[i].saturating_add(1);
        for (k, slot) in counters.iter_mut().enumerate().skip(i + 1) {
            let start = levels
                .get(k)
                .and_then(|l| l.as_ref())
                .map(|l| l.start)
                .unwrap_or(1);
            *slot = start.saturating_sub(1);
        }
        let lvl = levels.get(i)?.as_ref()?;
        if lvl.fmt == "bullet" || lvl.fmt == "none" || lvl.text.is_empty() {
            return None;
        }
        let mut out = String::new();
        let mut chars = lvl.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%' {
                if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                    chars.next();
                    let k = (d as usize).saturating_sub(1).min(8);
                    let fmt = levels
                        .get(k)
                        .and_then(|l| l.as_ref())
                        .map(|l| l.fmt.as_str())
                        .unwrap_or("decimal");
                    out.push_str(&format_number(counters[k].max(1), fmt));
                    continue;
                }
            }
            out.push(c);
        }
        let out = out.trim().to_string();
        (!out.is_empty()).then_some(out)
    }
}

fn levels(a: &Element) -> Vec<Option<Level>> {
    let mut out: Vec<Option<Level>> = vec![None; 9];
    for l in a.children_named("lvl") {
        let Some(i) = l.attr("ilvl").and_then(|v| v.parse::<usize>().ok()) else {
            continue;
        };
        if i < 9 {
            out[i] = level(l);
        }
    }
    out
}

fn level(l: &Element) -> Option<Level> {
    Some(Level {
        fmt: l
            .child("numFmt")
            .and_then(|f| f.attr("val"))
            .unwrap_or("decimal")
            .to_string(),
        text: l
            .child("lvlText")
            .and_then(|t| t.attr("val"))
            .unwrap_or("")
            .to_string(),
        start: l
            .child("start")
            .and_then(|s| s.attr("val"))
            .and_then(|v| v.parse().ok())
            .unwrap_or(1),
    })
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    n = n.min(3999);
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

fn letters(n: u32) -> String {
    // Word repeats the letter: a..z, aa..zz, ...
    let n = n.max(1) - 1;
    let ch = (b'a' + (n % 26) as u8) as char;
    std::iter::repeat_n(ch, (n / 26 + 1).min(10) as usize).collect()
}

/// A counter in a list format (`decimal`, `lowerLetter`, `upperRoman`, ...).
pub fn format_number(n: u32, fmt: &str) -> String {
    match fmt {
        "lowerLetter" => letters(n),
        "upperLetter" => letters(n).to_ascii_uppercase(),
        "lowerRoman" => roman(n),
        "upperRoman" => roman(n).to_ascii_uppercase(),
        "decimalZero" => format!("{n:02}"),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_formats() {
        assert_eq!(format_number(4, "lowerRoman"), "iv");
        assert_eq!(format_number(14, "upperRoman"), "XIV");
        assert_eq!(format_number(2, "lowerLetter"), "b");
        assert_eq!(format_number(27, "upperLetter"), "AA");
        assert_eq!(format_number(7, "decimalZero"), "07");
    }

    #[test]
    fn heading_names() {
        assert_eq!(name_level("heading 2"), Some(2));
        assert_eq!(name_level("Heading3"), Some(3));
        assert_eq!(name_level("Title"), Some(1));
        assert_eq!(name_level("Heading Char"), None);
        assert_eq!(outline_level(0), 1);
        assert_eq!(outline_level(9), 0);
    }
}
