//! Small text helpers shared by the normalisers: bounded truncation, tag
//! stripping, entity decoding and white-space collapsing.

use regex::Regex;
use std::sync::LazyLock;

/// Return at most `max_chars` characters of `s` (always on a char boundary).
pub(crate) fn truncate_chars(s: &str, max_chars: usize) -> &str {
    match s.char_indices().nth(max_chars) {
        Some((idx, _)) => &s[..idx],
        None => s,
    }
}

static TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"</?[A-Za-z][^<>]{0,200}>").expect("tag regex"));

/// Plain text of a cell: at most `max_chars` characters considered, HTML tags
/// removed (a `<sup>th</sup>` joins its number), common entities decoded,
/// non-breaking spaces made ordinary, runs of white space collapsed, trimmed.
pub(crate) fn clean(s: &str, max_chars: usize) -> String {
    let s = truncate_chars(s, max_chars);
    let s = if s.contains('<') {
        // Block-level tags separate words; inline ones (sup, b, i, span) do not.
        let spaced = BLOCK_TAG.replace_all(s, " ");
        TAG.replace_all(&spaced, "").into_owned()
    } else {
        s.to_string()
    };
    let s = if s.contains('&') {
        decode_entities(&s)
    } else {
        s
    };
    collapse_ws(&s)
}

static BLOCK_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)</?(?:p|br|li|ul|ol|div|tr|td|th|h[1-6])\b[^<>]{0,200}>")
        .expect("block tag regex")
});

fn decode_entities(s: &str) -> String {
    const ENTITIES: &[(&str, &str)] = &[
        ("&nbsp;", " "),
        ("&ndash;", "–"),
        ("&mdash;", "—"),
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", "\""),
        ("&#39;", "'"),
        ("&apos;", "'"),
        ("&rsquo;", "’"),
        ("&lsquo;", "‘"),
        ("&#8211;", "–"),
        ("&#8217;", "’"),
        ("&#160;", " "),
        ("&amp;", "&"),
    ];
    let mut out = s.to_string();
    for (e, r) in ENTITIES {
        if out.contains(e) {
            out = out.replace(e, r);
        }
    }
    out
}

/// Collapse every run of white space (including NBSP) into one space and trim.
pub(crate) fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending = false;
    for c in s.chars() {
        if c.is_whitespace() || c == '\u{a0}' {
            pending = true;
        } else {
            if pending && !out.is_empty() {
                out.push(' ');
            }
            pending = false;
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_tags_and_entities() {
        assert_eq!(clean("16<sup>th</sup> March", 100), "16th March");
        assert_eq!(clean("<p>Les  Billingham</p>", 100), "Les Billingham");
        assert_eq!(clean("A &amp; B&nbsp;C", 100), "A & B C");
        assert_eq!(clean("<p>a</p><p>b</p>", 100), "a b");
    }

    #[test]
    fn truncates_on_char_boundary() {
        assert_eq!(truncate_chars("ééé", 2), "éé");
        assert_eq!(truncate_chars("ab", 5), "ab");
    }
}
