//! The plan's own period: a UK financial year (1 April - 31 March), a calendar
//! year, or a span of calendar years.

use crate::dates::{expand_two_digit_year, fy_bounds, ymd};
use crate::text::clean;
pub use plansift_schema::Period;
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// The financial year (by its starting calendar year) that the period starts
/// in: April..December belong to that year, January..March to the one before.
pub(crate) fn fy_start_year(p: &Period) -> i32 {
    use chrono::Datelike;
    if p.start.month() >= 4 {
        p.start.year()
    } else {
        p.start.year() - 1
    }
}

/// Only this many characters of a period expression are looked at.
const MAX_PERIOD_CHARS: usize = 200;

static PERIOD_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:(?:financial|fiscal|plan|municipal)\s+year|fy|year)?\s*:?\s*
        (?:(\d{4})\s*[/\-–—]\s*(\d{2}|\d{4}) | (\d{2})\s*[/\-–—]\s*(\d{2}) | (\d{4}))
        \s*(?:financial\s+year|fy)?$",
    )
    .expect("period regex")
});

/// Parse one period expression ("2014/15", "2014-15", "2014/2015", "14/15", "2011-12", "2013", "2014-2016").
///
/// Consecutive years (`2014/15`, `2014-2015`, `14/15`) are a UK financial year
/// (1 April to 31 March); a single four-digit year is that calendar year; a
/// span of non-consecutive four-digit years (`2014-2016`) runs from 1 January of
/// the first to 31 December of the last. Anything else is `None`.
pub fn parse_period(s: &str) -> Option<Period> {
    let cleaned = clean(s, MAX_PERIOD_CHARS);
    let caps = PERIOD_RE.captures(&cleaned)?;
    let raw = s.trim().to_string();
    if let (Some(a), Some(b)) = (caps.get(1), caps.get(2)) {
        let a: i32 = a.as_str().parse().ok()?;
        let b_str = b.as_str();
        let b: i32 = b_str.parse().ok()?;
        return span_period(raw, a, b, b_str.len());
    }
    if let (Some(a), Some(b)) = (caps.get(3), caps.get(4)) {
        let a: i32 = a.as_str().parse().ok()?;
        let b: i32 = b.as_str().parse().ok()?;
        if (a + 1) % 100 != b {
            return None;
        }
        let y = expand_two_digit_year(a);
        let (start, end) = fy_bounds(y)?;
        return Some(Period { raw, start, end });
    }
    let y: i32 = caps.get(5)?.as_str().parse().ok()?;
    if !(1900..=2199).contains(&y) {
        return None;
    }
    Some(Period {
        raw,
        start: ymd(y, 1, 1)?,
        end: ymd(y, 12, 31)?,
    })
}

/// `a` four-digit; `b` with `b_len` digits.
fn span_period(raw: String, a: i32, b: i32, b_len: usize) -> Option<Period> {
    if !(1900..=2199).contains(&a) {
        return None;
    }
    let consecutive = if b_len == 2 {
        (a + 1) % 100 == b
    } else {
        b == a + 1
    };
    if consecutive {
        let (start, end) = fy_bounds(a)?;
        return Some(Period { raw, start, end });
    }
    if b_len == 4 && b > a && b - a <= 20 {
        return Some(Period {
            raw,
            start: ymd(a, 1, 1)?,
            end: ymd(b, 12, 31)?,
        });
    }
    None
}

/// Financial-year-like mentions in running text: `2014/15`, `2014-15`,
/// `2014 - 2015`, `2014/2015`, and two-digit `14/15` (slash only).
static FY_MENTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{4})\s?[/\-–—]\s?(\d{4}|\d{2})|(\d{2})/(\d{2})").expect("fy mention regex")
});

/// A plan named by a calendar year: "Plan 2015", "Strategy for 2015".
static YEAR_MENTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:plan|strategy|report|programme|program|priorities|update|review)\s+(?:for\s+)?(\d{4})\b")
        .expect("year mention regex")
});

/// Characters of each text snippet that [`detect_period`] scans.
const MAX_DETECT_CHARS: usize = 20_000;
/// Snippets that [`detect_period`] looks at.
const MAX_DETECT_TEXTS: usize = 5_000;

/// Find the plan's period in document text snippets, given in priority order (title, headings, page headers,
/// column headers like "Action 14/15", first paragraphs).
///
/// Only financial-year-like mentions count (`2014/15`, `2013-14`, `2011 - 2012`,
/// `14/15`); day/month/year dates (`24/02/11`) and page counts (`Pages 1 - 66`)
/// are not mentions because the two numbers must be consecutive years and a
/// mention must not touch another `/`-number or digit. If the first snippet
/// (the title) has a mention, its most frequent one wins; otherwise the most
/// frequent mention over all snippets wins, ties going to the earliest.
/// Mentions qualified as "next"/"previous"/"last" year are skipped. When no
/// financial year is found, a calendar year that names the plan ("Plan 2015")
/// is used. At most 5,000 snippets of 20,000 characters each are scanned.
pub fn detect_period<'a, I: IntoIterator<Item = &'a str>>(texts: I) -> Option<Period> {
    // key: financial-year start; value: (count, first position, raw)
    let mut counts: HashMap<i32, (usize, usize, String)> = HashMap::new();
    let mut order = 0usize;
    let mut year_fallback: Option<Period> = None;
    let mut span_fallback: Option<Period> = None;
    for (idx, text) in texts.into_iter().take(MAX_DETECT_TEXTS).enumerate() {
        let text = crate::text::truncate_chars(text, MAX_DETECT_CHARS);
        let mut found_here = false;
        let (fys, span) = fy_mentions(text);
        if span_fallback.is_none() {
            span_fallback = span;
        }
        for m in fys {
            found_here = true;
            order += 1;
            let e = counts.entry(m.0).or_insert((0, order, m.1.clone()));
            e.0 += 1;
        }
        if idx == 0 && found_here {
            return best(counts);
        }
        if year_fallback.is_none() {
            if let Some(c) = YEAR_MENTION.captures(text) {
                if let Some(y) = c.get(1) {
                    year_fallback = parse_period(y.as_str());
                }
            }
        }
    }
    best(counts).or(span_fallback).or(year_fallback)
}

fn best(counts: HashMap<i32, (usize, usize, String)>) -> Option<Period> {
    let (_, (_, _, raw)) = counts
        .into_iter()
        .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .1.cmp(&a.1 .1)))?;
    parse_period(&raw)
}

/// All financial-year mentions in `text`: (start year, raw text), and the
/// first span of calendar years ("2014 – 2017").
fn fy_mentions(text: &str) -> (Vec<(i32, String)>, Option<Period>) {
    let mut span = None;
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    for caps in FY_MENTION.captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        let (s, e) = (whole.start(), whole.end());
        // Must not touch other digits or date separators followed by digits.
        let before = s.checked_sub(1).and_then(|i| bytes.get(i)).copied();
        let before2 = s.checked_sub(2).and_then(|i| bytes.get(i)).copied();
        let after = bytes.get(e).copied();
        let after2 = bytes.get(e + 1).copied();
        let is_digit = |b: Option<u8>| b.is_some_and(|b| b.is_ascii_digit());
        let is_sep = |b: Option<u8>| matches!(b, Some(b'/') | Some(b'.') | Some(b'-'));
        if is_digit(before) || is_digit(after) {
            continue;
        }
        if (is_sep(before) && is_digit(before2)) || (is_sep(after) && is_digit(after2)) {
            continue;
        }
        let prefix = text[..s].trim_end().to_ascii_lowercase();
        if ["next", "previous", "last", "prior"].iter().any(|w| {
            prefix.ends_with(w)
                || prefix.ends_with(&format!("{w} financial year"))
                || prefix.ends_with(&format!("{w} year"))
        }) {
            continue;
        }
        if let Some(p) = parse_period(whole.as_str()) {
            // Only financial years count as mentions.
            if p.end.signed_duration_since(p.start).num_days() < 370
                && p.start.format("%m-%d").to_string() == "04-01"
            {
                out.push((crate::dates::year_of(p.start), whole.as_str().to_string()));
            } else if span.is_none() {
                span = Some(p);
            }
        }
    }
    (out, span)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Option<(String, String)> {
        parse_period(s).map(|p| (p.start.to_string(), p.end.to_string()))
    }

    #[test]
    fn parses_forms() {
        let fy = Some(("2014-04-01".to_string(), "2015-03-31".to_string()));
        assert_eq!(p("2014/15"), fy);
        assert_eq!(p("2014-15"), fy);
        assert_eq!(p("2014/2015"), fy);
        assert_eq!(p("14/15"), fy);
        assert_eq!(p(" 2014 – 2015 "), fy);
        assert_eq!(p("Financial year 2014/15"), fy);
        assert_eq!(
            p("2011-12"),
            Some(("2011-04-01".into(), "2012-03-31".into()))
        );
        assert_eq!(p("2013"), Some(("2013-01-01".into(), "2013-12-31".into())));
        assert_eq!(
            p("2014-2016"),
            Some(("2014-01-01".into(), "2016-12-31".into()))
        );
        assert_eq!(p("99/00"), Some(("1999-04-01".into(), "2000-03-31".into())));
        assert_eq!(p("24/02/11"), None);
        assert_eq!(p("14/16"), None);
        assert_eq!(p("hello"), None);
        assert_eq!(p(""), None);
        assert_eq!(
            parse_period("2014/15").map(|p| p.raw),
            Some("2014/15".to_string())
        );
    }

    #[test]
    fn detects_in_title() {
        let t = [
            "Joint Health and Wellbeing Strategy End of Year Delivery Plan 2014/15",
            "Action 14/15",
            "2015/16",
        ];
        let got = detect_period(t).map(|p| p.start.to_string());
        assert_eq!(got.as_deref(), Some("2014-04-01"));
    }

    #[test]
    fn not_fooled_by_dates_and_pages() {
        let t = [
            "Public Document Pack",
            "DATE: 24/02/11",
            "Adult Social Care (Pages 1 - 66)",
            "Directorate Level Planning 2011-12",
        ];
        let got = detect_period(t).map(|p| p.start.to_string());
        assert_eq!(got.as_deref(), Some("2011-04-01"));
        assert_eq!(
            detect_period(["24/02/11 and 30/09/2011", "Pages 1 - 66", "aged 18-64"]),
            None
        );
    }

    #[test]
    fn most_frequent_wins_after_title() {
        let t = [
            "Draft priorities",
            "by next financial year 2014-15",
            "Milestones 2013-14",
            "2013/14 target",
            "2012-13",
        ];
        let got = detect_period(t).map(|p| p.start.to_string());
        assert_eq!(got.as_deref(), Some("2013-04-01"));
    }

    #[test]
    fn calendar_year_fallback() {
        let got = detect_period(["Health Delivery Plan 2016", "Board 10 March 2015"])
            .map(|p| p.end.to_string());
        assert_eq!(got.as_deref(), Some("2016-12-31"));
        assert_eq!(detect_period(["Board meeting 10 March 2015"]), None);
        let got = detect_period(["Health and Wellbeing Strategy 2014 – 2017", "Plan 2014"])
            .map(|p| (p.start.to_string(), p.end.to_string()));
        assert_eq!(
            got,
            Some(("2014-01-01".to_string(), "2017-12-31".to_string()))
        );
    }
}
