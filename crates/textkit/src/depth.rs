//! The nesting-depth pre-scan: before the HTML parser sees a page, elements nested deeper
//! than the budget's depth ([`plansift_model::budget::Limits::depth`]) lose their tags
//! (each becomes one space), so their text is read as if at that depth. The parser then
//! never builds a million levels (its scope checks walk the stack of open elements, which
//! makes deep nesting quadratic).
//!
//! The scan is one linear pass of a small tag lexer: comments, doctype and processing
//! instructions, raw-text elements (`script`, `style`, ...) and quoted attribute values
//! are skipped; void elements and `/>` do not nest; the end tags HTML lets a page leave
//! out are implied as the parser implies them (a `li` closes the open `li` of its list, a
//! `td` the open cell of its row, a `p` is closed by a block), so that a long list or
//! table without end tags is not taken for deep nesting.

use std::borrow::Cow;
use std::collections::HashMap;

/// Elements without content (never on the stack).
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "frame", "basefont", "bgsound",
];

/// Elements whose content is raw text up to their end tag.
const RAW: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// Blocks whose start closes an open `p`.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
    "li",
    "dd",
    "dt",
];

/// A table's own elements: kept a quarter of the depth further than the others, so that
/// a table inside elements nested too deep keeps its rows and cells.
const TABLE: &[&str] = &[
    "table", "caption", "colgroup", "thead", "tbody", "tfoot", "tr", "td", "th",
];

/// The result of the pre-scan.
pub struct Limited<'a> {
    /// The page, with the tags nested too deep replaced by spaces (borrowed when none was).
    pub html: Cow<'a, str>,
    /// How many start tags were dropped.
    pub dropped: usize,
    /// The page was cut at this byte, before the start tag that passed `max_elements`.
    pub cut_at: Option<usize>,
}

/// Drop the tags of elements nested deeper than `max_depth` (see the module docs), and
/// cut the page before its element number `max_elements + 1`.
pub fn limit_depth(html: &str, max_depth: usize, max_elements: usize) -> Limited<'_> {
    let b = html.as_bytes();
    let mut stack: Vec<String> = Vec::new();
    // start tags dropped and not yet closed, by name
    let mut phantoms: HashMap<String, usize> = HashMap::new();
    // byte ranges of the tags to replace
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut dropped = 0usize;
    let mut elements = 0usize;
    let mut cut_at = None;
    // dropped start tags still open: inside them the stack says nothing of their parents
    let mut open_phantoms = 0usize;
    let mut i = 0;
    while let Some(off) = memchr(b'<', &b[i..]) {
        let lt = i + off;
        let rest = &b[lt + 1..];
        if rest.starts_with(b"!--") {
            i = find(b, lt + 4, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        if matches!(rest.first(), Some(b'!' | b'?')) {
            i = memchr(b'>', &b[lt..]).map_or(b.len(), |e| lt + e + 1);
            continue;
        }
        let end_tag = rest.first() == Some(&b'/');
        let name_start = lt + 1 + end_tag as usize;
        if !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            i = lt + 1;
            continue;
        }
        let mut j = name_start;
        while j < b.len() && !matches!(b[j], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>') {
            j += 1;
        }
        let name = html[name_start..j].to_ascii_lowercase();
        let (gt, self_closing) = tag_end(b, j);
        i = gt;
        if !end_tag {
            elements += 1;
            if elements > max_elements {
                cut_at = Some(lt);
                break;
            }
        }
        if end_tag {
            if let Some(n) = phantoms.get_mut(&name).filter(|n| **n > 0) {
                *n -= 1;
                open_phantoms -= 1;
                cuts.push((lt, gt));
            } else if let Some(p) = stack.iter().rposition(|s| *s == name) {
                stack.truncate(p);
            }
            continue;
        }
        if VOID.contains(&name.as_str()) {
            continue;
        }
        if open_phantoms == 0 {
            imply_ends(&mut stack, &name);
        }
        if RAW.contains(&name.as_str()) {
            // skip to its end tag (kept: raw-text elements do not nest)
            i = find_ci(b, gt, &format!("</{name}")).unwrap_or(b.len());
            continue;
        }
        if self_closing {
            continue;
        }
        let most = if TABLE.contains(&name.as_str()) {
            max_depth + max_depth / 4
        } else {
            max_depth
        };
        if stack.len() >= most {
            dropped += 1;
            open_phantoms += 1;
            *phantoms.entry(name).or_default() += 1;
            cuts.push((lt, gt));
        } else {
            stack.push(name);
        }
    }
    let end = cut_at.unwrap_or(html.len());
    if cuts.is_empty() {
        return Limited {
            html: Cow::Borrowed(&html[..end]),
            dropped,
            cut_at,
        };
    }
    let mut out = String::with_capacity(end);
    let mut at = 0;
    for (s, e) in cuts {
        out.push_str(&html[at..s]);
        out.push(' ');
        at = e;
    }
    out.push_str(&html[at..end]);
    Limited {
        html: Cow::Owned(out),
        dropped,
        cut_at,
    }
}

/// Close what the start of `name` closes: an open `li` of the same list, a cell or row of
/// the same table, a `dt`/`dd` of the same list, an `option`, a `p` before a block.
fn imply_ends(stack: &mut Vec<String>, name: &str) {
    let (same, bounds): (&[&str], &[&str]) = match name {
        "li" => (&["li"], &["ul", "ol", "menu"]),
        "dt" | "dd" => (&["dt", "dd"], &["dl"]),
        "td" | "th" => (&["td", "th"], &["tr", "table"]),
        "tr" => (&["tr"], &["table", "tbody", "thead", "tfoot"]),
        "tbody" | "thead" | "tfoot" => (&["tbody", "thead", "tfoot"], &["table"]),
        "option" | "optgroup" => (&["option"], &["select", "datalist"]),
        _ => (&[], &[]),
    };
    if !same.is_empty() {
        for k in (0..stack.len()).rev() {
            if same.contains(&stack[k].as_str()) {
                stack.truncate(k);
                break;
            }
            if bounds.contains(&stack[k].as_str()) {
                break;
            }
        }
    }
    if CLOSES_P.contains(&name) {
        if let Some(k) = stack.iter().rposition(|s| s == "p") {
            // only a `p` open in the current block: nothing but inline elements above it
            if stack[k + 1..]
                .iter()
                .all(|s| !CLOSES_P.contains(&s.as_str()))
            {
                stack.truncate(k);
            }
        }
    }
}

/// The end of the tag whose name ends at `j`: the byte after its `>` (quoted attribute
/// values skipped) and whether it ends with `/>`.
fn tag_end(b: &[u8], mut j: usize) -> (usize, bool) {
    let mut after_eq = false;
    while j < b.len() {
        match b[j] {
            b'>' => return (j + 1, j > 0 && b[j - 1] == b'/'),
            q @ (b'"' | b'\'') if after_eq => {
                j = memchr(q, &b[j + 1..]).map_or(b.len(), |e| j + 1 + e + 1);
                after_eq = false;
                continue;
            }
            b'=' => after_eq = true,
            b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' => {}
            _ => after_eq = false,
        }
        j += 1;
    }
    (b.len(), false)
}

fn memchr(c: u8, h: &[u8]) -> Option<usize> {
    h.iter().position(|&x| x == c)
}

fn find(h: &[u8], from: usize, n: &[u8]) -> Option<usize> {
    h.get(from..)?
        .windows(n.len())
        .position(|w| w == n)
        .map(|p| from + p)
}

/// Case-insensitive [`find`] of an ASCII needle.
fn find_ci(h: &[u8], from: usize, n: &str) -> Option<usize> {
    let n = n.as_bytes();
    h.get(from..)?
        .windows(n.len())
        .position(|w| w.eq_ignore_ascii_case(n))
        .map(|p| from + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_are_borrowed_unchanged() {
        let h = "<html><body><table><tr><td>a<td>b<tr><td>c</table><ul><li>x<li>y</ul>\
                 <p>one<p>two<div>three</div><script>if (a<b) {}</script><!-- <div> --></body></html>";
        let l = limit_depth(h, 6, usize::MAX);
        assert!(matches!(l.html, Cow::Borrowed(_)));
        assert_eq!(l.dropped, 0);
    }

    #[test]
    fn lists_and_cells_without_end_tags_are_not_deep() {
        let mut h = String::from("<html><body><ul>");
        for i in 0..10_000 {
            h.push_str(&format!("<li>item {i}<p>para"));
        }
        h.push_str("</ul><table>");
        for i in 0..10_000 {
            h.push_str(&format!("<tr><td>{i}<td x='>'>b"));
        }
        h.push_str("</table></body></html>");
        assert_eq!(limit_depth(&h, 16, usize::MAX).dropped, 0);
    }

    #[test]
    fn deep_nesting_is_flattened_keeping_the_text() {
        let h = format!(
            "<html><body>{}deep{}<p>after</p></body></html>",
            "<div>x".repeat(1000),
            "</div>".repeat(1000)
        );
        let l = limit_depth(&h, 10, usize::MAX);
        assert_eq!(l.dropped, 1000 - 8);
        let out = l.html.into_owned();
        assert_eq!(out.matches("<div>").count(), 8);
        assert_eq!(out.matches("</div>").count(), 8);
        assert_eq!(out.matches('x').count(), 1000);
        assert!(out.contains("deep") && out.contains("<p>after</p>"));
    }

    #[test]
    fn unclosed_nested_lists_are_deep() {
        let h = format!("<html><body>{}</body></html>", "<ul><li>x".repeat(500));
        let l = limit_depth(&h, 100, usize::MAX);
        // html, body and 500 x (ul, li), 100 of them kept
        assert_eq!(l.dropped, 2 + 500 * 2 - 100);
    }

    #[test]
    fn pages_are_cut_before_the_element_over_the_cap() {
        let h = "<p>a</p><p>b</p><p>c</p>";
        let l = limit_depth(h, 10, 2);
        assert_eq!(l.cut_at, Some(16));
        assert_eq!(l.html, "<p>a</p><p>b</p>");
        assert_eq!(limit_depth(h, 10, 3).cut_at, None);
    }

    #[test]
    fn a_table_under_deep_nesting_keeps_its_cells() {
        let h = "<div>".repeat(5_000) + "<table><tr><td>x</td></tr></table>";
        let out = limit_depth(&h, 256, usize::MAX).html.into_owned();
        assert!(
            out.contains("<table><tr><td>x</td></tr></table>"),
            "{out:.100}"
        );
        assert_eq!(out.matches("<div>").count(), 256);
    }
}
