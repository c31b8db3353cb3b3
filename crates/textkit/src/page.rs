//! Page furniture: page-number lines and the identity of running headers/footers.

use plansift_model::collapse_ws;

/// Longest number read as a page number or a page count (digits).
pub const MAX_PAGE_DIGITS: usize = 4;

/// A line that is only a page number, as [`page_number`] reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageNumber {
    /// The page's number.
    pub page: u32,
    /// The page count, when given (`3 of 12`, `3/12`).
    pub of: Option<u32>,
    /// The number is labelled (`Page 3`, `p. 3`).
    pub labelled: bool,
}

impl PageNumber {
    /// Labelled or with a page count: a line no table cell or list number is
    /// mistaken for (a bare `3` may be anything).
    pub fn is_explicit(&self) -> bool {
        self.labelled || self.of.is_some()
    }
}

/// Read a line that is only a page number: `3`, `- 3 -`, `Page 3`, `page 3 of 12`,
/// `3 of 12`, `3/12`, `Page 3 / 12`, `p. 3`.
///
/// The one rule: dashes (`-`, `–`) and white space around the line are ignored, case
/// does not matter; an optional label (`page` or `p.`, then white space), a number of 1
/// to [`MAX_PAGE_DIGITS`] ASCII digits, and optionally a page count of as many digits
/// after `of` or `/` (spaces around `/` allowed). Nothing else may be on the line.
/// The count is not checked against the number: callers that care compare them.
pub fn page_number(s: &str) -> Option<PageNumber> {
    let t = s
        .trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace())
        .to_ascii_lowercase();
    let (labelled, rest) = match label(&t) {
        Some(rest) => (true, rest),
        None => (false, t.as_str()),
    };
    let (page, rest) = digits(rest)?;
    let rest_trim = rest.trim_start();
    if rest_trim.is_empty() {
        return Some(PageNumber {
            page,
            of: None,
            labelled,
        });
    }
    let after_sep = if let Some(r) = rest_trim.strip_prefix('/') {
        r.trim_start()
    } else {
        // `of` must stand as a word between white space
        let r = rest_trim.strip_prefix("of")?;
        if rest.len() == rest_trim.len() || !r.starts_with(char::is_whitespace) {
            return None;
        }
        r.trim_start()
    };
    let (of, tail) = digits(after_sep)?;
    tail.is_empty().then_some(PageNumber {
        page,
        of: Some(of),
        labelled,
    })
}

/// After a `page ` or `p. ` label, if there is one.
fn label(t: &str) -> Option<&str> {
    let rest = t.strip_prefix("page").or_else(|| t.strip_prefix("p."))?;
    let trimmed = rest.trim_start();
    (trimmed.len() < rest.len()).then_some(trimmed)
}

/// A run of 1..=MAX_PAGE_DIGITS ASCII digits at the start of `s`, not followed by
/// another digit, and the rest.
fn digits(s: &str) -> Option<(u32, &str)> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || n > MAX_PAGE_DIGITS {
        return None;
    }
    Some((s[..n].parse().ok()?, &s[n..]))
}

/// The identity of a running header or footer: white space collapsed, lower-cased,
/// every ASCII digit replaced by `#` (so `Plan 2014/15 – page 3` and
/// `Plan 2014/15 – page 4` are the same furniture).
pub fn furniture_key(s: &str) -> String {
    collapse_ws(s)
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pn(s: &str) -> Option<(u32, Option<u32>, bool)> {
        page_number(s).map(|p| (p.page, p.of, p.labelled))
    }

    #[test]
    fn page_number_forms() {
        assert_eq!(pn("3"), Some((3, None, false)));
        assert_eq!(pn(" - 3 - "), Some((3, None, false)));
        assert_eq!(pn("– 12 –"), Some((12, None, false)));
        assert_eq!(pn("Page 3"), Some((3, None, true)));
        assert_eq!(pn("PAGE 3 of 12"), Some((3, Some(12), true)));
        assert_eq!(pn("3 of 12"), Some((3, Some(12), false)));
        assert_eq!(pn("3/12"), Some((3, Some(12), false)));
        assert_eq!(pn("Page 3 / 12"), Some((3, Some(12), true)));
        assert_eq!(pn("p. 7"), Some((7, None, true)));
        assert_eq!(pn("page 9999"), Some((9999, None, true)));
    }

    #[test]
    fn not_page_numbers() {
        for s in [
            "",
            "page",
            "Page3",
            "p.3",
            "page 12345",
            "3 year ambition",
            "3 of",
            "of 3",
            "3of12",
            "3 / x",
            "14/15/16",
            "Pages 3",
            "1.2",
            "page 3 of 12 (draft)",
        ] {
            assert_eq!(page_number(s), None, "{s:?}");
        }
    }

    #[test]
    fn explicit_needs_label_or_count() {
        assert!(!page_number("3").unwrap().is_explicit());
        assert!(page_number("3 of 4").unwrap().is_explicit());
        assert!(page_number("3/4").unwrap().is_explicit());
        assert!(page_number("Page 3").unwrap().is_explicit());
    }

    #[test]
    fn furniture_keys() {
        assert_eq!(
            furniture_key("  Delivery  Plan 2014/15 "),
            furniture_key("delivery plan 2015/16")
        );
        assert_eq!(furniture_key("Page 3 of 12"), "page # of ##");
        assert_eq!(furniture_key("ÉTAT"), "état");
        assert_ne!(furniture_key("Plan A"), furniture_key("Plan B"));
    }
}
