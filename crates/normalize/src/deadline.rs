//! Deadline cells -> intervals.
//!
//! The parser is a small grammar, not a lookup of known strings:
//!
//! 1. **Clean**: only the first [`MAX_DEADLINE_CHARS`] characters are read; tags
//!    stripped, entities decoded, lower-cased; parenthesised notes
//!    (`(Academic year)`) removed; `w/c`, `w/b`, "week commencing/beginning"
//!    become one `wc` marker; `on-going` becomes `ongoing`.
//! 2. **Tokenise** into numbers (with digit count and ordinal suffix), month
//!    names, seasons, quarters, words and punctuation.
//! 3. **Date atoms** (each an interval): day (`24/02/11`, `31.03.2015`,
//!    `2015-03-31`, `16th March 2015`, `31-Mar-15`, `March 16, 2015`), week (`wc` + day:
//!    7 days), month (`March 2015`, `Mar-15`, `03/2015`, `March 15`: a month
//!    followed by a bare 2-digit number is month + 2-digit year), quarter of the
//!    financial year (`Q1` = Apr-Jun .. `Q4` = Jan-Mar, `Quarter 2`,
//!    `Q1 2015/16`; with a calendar year, `Q4 2014` is Jan-Mar 2014), half-year
//!    (`H1`/`first half`: Apr-Sep of a financial year, Jan-Jun of a calendar
//!    year; kind `range`), season (spring Mar-May, summer Jun-Aug, autumn Sep-Nov,
//!    winter Dec-Feb of the next year), calendar year (`2016`), financial year
//!    (`14/15`, `2014/15`, `2014-15`, `2011 - 2012`), a span of years
//!    (`2014-2016`), and "the year"/"end of year".
//!    Two-digit years: 00-69 -> 20xx, 70-99 -> 19xx.
//! 4. **Operators** read from the words before an atom (only filler words such
//!    as "the", "of", "date" may sit between operator and atom):
//!    `by`/`end`/`until`/`deadline`/`completion` -> end only; `before` -> end
//!    only, the day before the atom starts; `from`/`commence`/`start`/`begin`
//!    and a following `onwards` -> start only; `throughout`/`during`/`between`
//!    -> the whole atom. Two atoms joined by `-`, `–`, `/`, `to`, `until`,
//!    `through` (or `and` after `between`) form a range; a side without a year
//!    takes the other side's year (`June – September 14`, `Feb/March 2015`).
//!    A "range" whose start falls after its end is two separate dates.
//! 5. **Year placement**: an atom without a year (a month, day, season or
//!    quarter) is placed inside the plan's period; without a period it takes
//!    the year of another dated atom in the cell; otherwise it has no dates.
//! 6. **Clauses**: each atom (or range) is a clause; the last clause wins, so
//!    a revised date written after the original stands ("August 14 March 2015"
//!    -> March 2015). An end-only last clause borrows the start of an earlier
//!    start-only clause ("Start April 2014, complete by March 2015").
//!    In a cell about a recurring activity (it names one: monthly, quarterly...),
//!    dates introduced by "last"/"latest"/"previous" report a past occurrence and
//!    are ignored. A "to be confirmed"/TBC/TBA after the last date makes the
//!    cell TBC with no dates.
//! 7. Cells without dates are classified: TBC/TBA/TBD/"to be confirmed" ->
//!    `tbc`; N/A/"not applicable"/a lone dash -> `not_applicable`;
//!    ongoing/continuous -> `ongoing`; monthly/quarterly/annual/weekly/... ->
//!    `recurring`; blank -> `empty`; anything else -> `unparsed`.

use crate::dates::{expand_two_digit_year, fy_bounds, month_bounds, ymd};
use crate::period::Period;
use crate::text::clean;
use chrono::{Datelike, Days, NaiveDate};
pub use plansift_schema::{Deadline, DeadlineKind};
use regex::Regex;
use std::sync::LazyLock;

/// Only the first this many characters of a deadline cell are parsed; the
/// rest is ignored (bounds the work on pathological cells, e.g. 100k chars).
pub const MAX_DEADLINE_CHARS: usize = 500;

// ---------------------------------------------------------------------------
// Tokens

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num {
        v: u32,
        len: u8,
        ord: bool,
    },
    Month(u32),
    Season(u8),
    Quarter(u32),
    Word(String),
    Dash,
    Slash,
    Dot,
    Comma,
    Punct,
    /// An apostrophe outside a word ("March '15").
    Apos,
}

static PARENS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\([^()]{0,300}\)|\[[^\[\]]{0,300}\]").expect("parens regex"));
static WEEK_COMMENCING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:w\s?/\s?[cb]|w\.[cb]\.?|wc|wb|week\s+(?:commencing|beginning|starting|start)(?:\s+on)?)(?:\s|$|\b)")
        .expect("wc regex")
});
static ONGOING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bon[\s\-‐–]?going\b").expect("ongoing regex"));
static NA: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bn\s?/\s?a\b|\bn\.a\.?").expect("na regex"));
fn month_of(w: &str) -> Option<u32> {
    Some(match w {
        "jan" | "january" => 1,
        "feb" | "february" | "febuary" => 2,
        "mar" | "march" => 3,
        "apr" | "april" => 4,
        "may" => 5,
        "jun" | "june" => 6,
        "jul" | "july" => 7,
        "aug" | "august" => 8,
        "sep" | "sept" | "september" => 9,
        "oct" | "october" => 10,
        "nov" | "november" => 11,
        "dec" | "december" => 12,
        _ => return None,
    })
}

fn season_of(w: &str) -> Option<u8> {
    Some(match w {
        "spring" => 0,
        "summer" => 1,
        "autumn" | "fall" => 2,
        "winter" => 3,
        _ => return None,
    })
}

fn preprocess(raw: &str) -> String {
    let s = clean(raw, MAX_DEADLINE_CHARS).to_lowercase();
    let s = PARENS.replace_all(&s, " ");
    let s = PARENS.replace_all(&s, " ");
    let s = WEEK_COMMENCING.replace_all(&s, " wc ");
    let s = ONGOING.replace_all(&s, "ongoing");
    let s = NA.replace_all(&s, " na ");
    s.into_owned()
}

fn tokenize(s: &str) -> Vec<Tok> {
    let chars: Vec<char> = s.chars().collect();
    let n = chars.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        let c = chars[i];
        if c.is_ascii_digit() {
            let mut j = i;
            while j < n && chars[j].is_ascii_digit() {
                j += 1;
            }
            let len = j - i;
            let mut ord = false;
            let mut k = j;
            if k + 1 < n {
                let suf: String = chars[k..k + 2].iter().collect();
                let after_ok = k + 2 >= n || !chars[k + 2].is_alphabetic();
                if after_ok && matches!(suf.as_str(), "st" | "nd" | "rd" | "th") {
                    ord = true;
                    k += 2;
                }
            }
            if len <= 4 {
                let v = chars[i..j]
                    .iter()
                    .fold(0u32, |acc, d| acc * 10 + d.to_digit(10).unwrap_or(0));
                out.push(Tok::Num {
                    v,
                    len: len as u8,
                    ord,
                });
            } else {
                out.push(Tok::Punct);
            }
            i = k;
            continue;
        }
        if c.is_alphabetic() {
            let mut j = i;
            while j < n && (chars[j].is_alphabetic() || chars[j] == '\'' || chars[j] == '’') {
                j += 1;
            }
            let w: String = chars[i..j].iter().collect();
            let tok = if let Some(m) = month_of(&w) {
                Tok::Month(m)
            } else if let Some(s) = season_of(&w) {
                Tok::Season(s)
            } else if w == "q"
                && j < n
                && matches!(chars[j], '1'..='4')
                && (j + 1 >= n || !chars[j + 1].is_alphanumeric())
            {
                let q = chars[j].to_digit(10).unwrap_or(1);
                i = j + 1;
                out.push(Tok::Quarter(q));
                continue;
            } else if w == "h"
                && j < n
                && matches!(chars[j], '1'..='2')
                && (j + 1 >= n || !chars[j + 1].is_alphanumeric())
            {
                // half-years H1/H2, encoded as quarters 5/6
                let h = chars[j].to_digit(10).unwrap_or(1);
                i = j + 1;
                out.push(Tok::Quarter(4 + h));
                continue;
            } else if w == "qtr" || w == "qtrs" || w == "quarters" {
                Tok::Word("quarter".to_string())
            } else {
                Tok::Word(w)
            };
            out.push(tok);
            i = j;
            continue;
        }
        match c {
            '-' | '–' | '—' | '−' | '‐' | '‑' | '~' => out.push(Tok::Dash),
            '/' | '\\' => out.push(Tok::Slash),
            '\'' | '’' | '‘' => out.push(Tok::Apos),
            '.' => out.push(Tok::Dot),
            ',' => out.push(Tok::Comma),
            c if c.is_whitespace() => {}
            _ => out.push(Tok::Punct),
        }
        i += 1;
    }
    // "may" is a month only next to a number, after a date operator, or in a
    // month range; otherwise it is the verb.
    for k in 0..out.len() {
        if out[k] != Tok::Month(5) {
            continue;
        }
        let prev = k.checked_sub(1).and_then(|p| out.get(p));
        let next = out.get(k + 1);
        let near_num =
            matches!(prev, Some(Tok::Num { .. })) || matches!(next, Some(Tok::Num { .. }));
        let after_op = matches!(prev, Some(Tok::Word(w)) if matches!(w.as_str(),
            "by" | "end" | "from" | "before" | "until" | "till" | "during" | "throughout" | "commence"
            | "commencing" | "start" | "of" | "in" | "between" | "to" | "mid" | "early" | "late" | "wc"))
            || matches!(prev, Some(Tok::Dash) | Some(Tok::Month(_)))
            || prev.is_none() && next.is_none();
        let before_range = matches!(next, Some(Tok::Dash))
            || matches!(next, Some(Tok::Word(w)) if w == "to" || w == "onwards");
        if !(near_num || after_op || before_range) {
            out[k] = Tok::Word("may".to_string());
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Atoms

#[derive(Debug, Clone, Copy, PartialEq)]
enum AtomVal {
    Day {
        y: Option<i32>,
        m: u32,
        d: u32,
        week: bool,
    },
    Month {
        y: Option<i32>,
        m: u32,
    },
    Season {
        y: Option<i32>,
        s: u8,
    },
    /// `fy`: financial year start; `cal`: a calendar year the quarter falls in.
    /// `q` 1-4 are quarters; 5 and 6 are the first and second half-year
    /// (H1 = Apr-Sep, H2 = Oct-Mar of a financial year; Jan-Jun / Jul-Dec of a calendar year).
    Quarter {
        q: u32,
        fy: Option<i32>,
        cal: Option<i32>,
    },
    Year(i32),
    Fy(i32),
    Span(NaiveDate, NaiveDate),
    YearRef {
        financial: bool,
    },
}

impl AtomVal {
    fn kind(&self) -> DeadlineKind {
        match self {
            AtomVal::Day { week: true, .. } => DeadlineKind::Week,
            AtomVal::Day { .. } => DeadlineKind::Day,
            AtomVal::Month { .. } => DeadlineKind::Month,
            AtomVal::Season { .. } => DeadlineKind::Season,
            AtomVal::Quarter { q, .. } if *q >= 5 => DeadlineKind::Range,
            AtomVal::Quarter { .. } => DeadlineKind::Quarter,
            AtomVal::Year(_) => DeadlineKind::Year,
            AtomVal::Fy(_) => DeadlineKind::FinancialYear,
            AtomVal::Span(..) => DeadlineKind::Range,
            AtomVal::YearRef { financial: true } => DeadlineKind::FinancialYear,
            AtomVal::YearRef { financial: false } => DeadlineKind::Year,
        }
    }

    /// Whether the atom needs a year from outside (period, other atom).
    fn needs_year(&self) -> bool {
        match self {
            AtomVal::Day { y, .. } | AtomVal::Month { y, .. } | AtomVal::Season { y, .. } => {
                y.is_none()
            }
            AtomVal::Quarter { fy, cal, .. } => fy.is_none() && cal.is_none(),
            _ => false,
        }
    }

    /// Interval of the atom; `year` supplies a missing year (for a quarter,
    /// the financial year's start; for a season, the year it starts in).
    fn interval(&self, year: Option<i32>) -> Option<(NaiveDate, NaiveDate)> {
        match *self {
            AtomVal::Day { y, m, d, week } => {
                let day = ymd(y.or(year)?, m, d)?;
                if week {
                    Some((day, day.checked_add_days(Days::new(6))?))
                } else {
                    Some((day, day))
                }
            }
            AtomVal::Month { y, m } => month_bounds(y.or(year)?, m),
            AtomVal::Season { y, s } => {
                let y = y.or(year)?;
                let (sm, em, ey) = match s {
                    0 => (3, 5, y),
                    1 => (6, 8, y),
                    2 => (9, 11, y),
                    _ => (12, 2, y.checked_add(1)?),
                };
                Some((ymd(y, sm, 1)?, month_bounds(ey, em)?.1))
            }
            AtomVal::Quarter { q, fy, cal } if q >= 5 => {
                let (y, sm) = match (fy, cal) {
                    (Some(f), _) => (f, if q == 5 { 4 } else { 10 }),
                    (None, Some(c)) => (c, if q == 5 { 1 } else { 7 }),
                    (None, None) => (year?, if q == 5 { 4 } else { 10 }),
                };
                let (ey, em) = if sm + 5 > 12 {
                    (y.checked_add(1)?, sm + 5 - 12)
                } else {
                    (y, sm + 5)
                };
                Some((ymd(y, sm, 1)?, month_bounds(ey, em)?.1))
            }
            AtomVal::Quarter { q, fy, cal } => {
                let fy = match (fy, cal) {
                    (Some(f), _) => f,
                    (None, Some(c)) => {
                        if q == 4 {
                            c.checked_sub(1)?
                        } else {
                            c
                        }
                    }
                    (None, None) => year?,
                };
                let (y, sm) = match q {
                    1 => (fy, 4),
                    2 => (fy, 7),
                    3 => (fy, 10),
                    _ => (fy.checked_add(1)?, 1),
                };
                Some((ymd(y, sm, 1)?, month_bounds(y, sm + 2)?.1))
            }
            AtomVal::Year(y) => Some((ymd(y, 1, 1)?, ymd(y, 12, 31)?)),
            AtomVal::Fy(y) => fy_bounds(y),
            AtomVal::Span(a, b) => Some((a, b)),
            AtomVal::YearRef { .. } => None,
        }
    }

    /// Place a year-less atom inside the period: the first candidate year
    /// whose interval starts inside the period, else the first overlapping one.
    fn place(&self, p: &Period) -> Option<(NaiveDate, NaiveDate)> {
        let y0 = p.start.year().saturating_sub(1);
        let y1 = p.end.year().saturating_add(1).min(y0.saturating_add(40));
        let mut overlap = None;
        for y in y0..=y1 {
            if let Some((s, e)) = self.interval(Some(y)) {
                if p.contains(s) {
                    return Some((s, e));
                }
                if overlap.is_none() && s <= p.end && e >= p.start {
                    overlap = Some((s, e));
                }
            }
        }
        overlap
    }

    fn explicit_year(&self) -> Option<i32> {
        match *self {
            AtomVal::Day { y, .. } | AtomVal::Month { y, .. } | AtomVal::Season { y, .. } => y,
            AtomVal::Quarter { fy, cal, .. } => fy.or(cal),
            AtomVal::Year(y) | AtomVal::Fy(y) => Some(y),
            AtomVal::Span(a, _) => Some(a.year()),
            AtomVal::YearRef { .. } => None,
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Atom {
    lo: usize,
    hi: usize,
    val: AtomVal,
}

fn num(toks: &[Tok], i: usize) -> Option<(u32, u8, bool)> {
    match toks.get(i) {
        Some(Tok::Num { v, len, ord }) => Some((*v, *len, *ord)),
        _ => None,
    }
}

fn plain_num(toks: &[Tok], i: usize) -> Option<(u32, u8)> {
    match num(toks, i) {
        Some((v, l, false)) => Some((v, l)),
        _ => None,
    }
}

fn word_is(toks: &[Tok], i: usize, w: &str) -> bool {
    matches!(toks.get(i), Some(Tok::Word(x)) if x == w)
}

fn is_date_sep(t: Option<&Tok>) -> bool {
    matches!(t, Some(Tok::Slash) | Some(Tok::Dot) | Some(Tok::Dash))
}

fn year_from(v: u32, len: u8) -> Option<i32> {
    let v = v as i32;
    match len {
        2 => Some(expand_two_digit_year(v)),
        4 if (1900..=2199).contains(&v) => Some(v),
        _ => None,
    }
}

/// Words after a number that make it a quantity, not a year.
fn is_unit_word(t: Option<&Tok>) -> bool {
    matches!(t, Some(Tok::Word(w)) if matches!(w.as_str(),
        "week" | "weeks" | "day" | "days" | "month" | "months" | "year" | "years" | "yrs" | "yr"
        | "hours" | "hrs" | "people" | "homes" | "staff" | "places" | "units" | "households"))
}

/// A financial year or span of years at `i`: (value, next index).
fn parse_year_pair(toks: &[Tok], i: usize) -> Option<(AtomVal, usize)> {
    let (a, alen) = plain_num(toks, i)?;
    if !matches!(toks.get(i + 1), Some(Tok::Slash) | Some(Tok::Dash)) {
        return None;
    }
    let (b, blen) = plain_num(toks, i + 2)?;
    if toks.get(i + 3) == toks.get(i + 1) && num(toks, i + 4).is_some() {
        return None; // a full date (dd/mm/yy), handled elsewhere
    }
    if is_unit_word(toks.get(i + 3)) {
        return None; // "5-19 years": an age range
    }
    match (alen, blen) {
        (4, 2) | (4, 4) => {
            let a = year_from(a, 4)?;
            let b = b as i32;
            let consecutive = if blen == 2 {
                (a + 1) % 100 == b
            } else {
                b == a + 1
            };
            if consecutive {
                return Some((AtomVal::Fy(a), i + 3));
            }
            if blen == 4 && b > a && b - a <= 20 {
                return Some((AtomVal::Span(ymd(a, 1, 1)?, ymd(b, 12, 31)?), i + 3));
            }
            if blen == 2 {
                // "2013-15": financial years 2013/14 to 2014/15
                let cent = a - a % 100;
                let end = cent + b;
                if end > a + 1 && end - a <= 20 {
                    return Some((AtomVal::Span(fy_bounds(a)?.0, fy_bounds(end - 1)?.1), i + 3));
                }
            }
            None
        }
        (2, 2) if (a + 1) % 100 == b => Some((AtomVal::Fy(expand_two_digit_year(a as i32)), i + 3)),
        _ => None,
    }
}

/// Optional year after a day or month: four digits, or two digits when
/// `allow_two` and no month name follows ("16 March 15").
/// `sep` is the separator used between day and month ("31-Mar-15"): the
/// same one may sit before the year.
fn trailing_year(
    toks: &[Tok],
    i: usize,
    allow_two: bool,
    sep: Option<&Tok>,
) -> Option<(i32, usize)> {
    let here = toks.get(i);
    let j = if matches!(here, Some(Tok::Comma) | Some(Tok::Apos)) || (sep.is_some() && here == sep)
    {
        i + 1
    } else {
        i
    };
    let (v, len) = plain_num(toks, j)?;
    if is_unit_word(toks.get(j + 1)) {
        return None;
    }
    if len == 4 || (allow_two && len == 2 && !matches!(toks.get(j + 1), Some(Tok::Month(_)))) {
        return Some((year_from(v, len)?, j + 1));
    }
    None
}

/// One form of date atom: `(tokens, start index, plan year hint)` -> the atom and
/// the index after it, or `None` when the tokens at `i` are not of this form.
type AtomParser = fn(&[Tok], usize, Option<i32>) -> Option<(AtomVal, usize)>;

/// The date atom forms, tried in this order at each token; the first that
/// matches wins (so a full date is read before the financial year `14/15` or
/// the day-and-month `14/5` it starts with).
const ATOM_PARSERS: &[(&str, AtomParser)] = &[
    ("week commencing (wc + day)", week_commencing),
    ("ISO date (2015-03-31)", iso_date),
    ("numeric date (dd/mm/yy, dd.mm.yyyy)", numeric_date),
    (
        "financial year or span of years (14/15, 2014-2016)",
        year_pair,
    ),
    ("numeric month (mm/yyyy)", numeric_month),
    ("day and month without a year (24/02)", numeric_day_month),
    ("day then month name (16th March [2015])", day_month_name),
    ("ordinal half (1st half)", ordinal_half),
    ("ordinal quarter (1st quarter)", ordinal_quarter),
    ("calendar year (2016)", calendar_year),
    ("month name and year (Mar-15, March '15)", month_joined_year),
    (
        "month name then a number (March 2015, March 16, March 15)",
        month_number,
    ),
    ("month name alone (March)", month_alone),
    ("season ([spring] 2015)", season),
    ("quarter marker (Q1 [2015/16])", quarter_marker),
    ("half in words (first half [of the year])", half_in_words),
    ("quarter then number (quarter 2)", quarter_number),
    ("quarter in words (third quarter)", quarter_in_words),
    ("the year / year end", year_reference),
];

/// `hint`: the plan period's first year, when known (decides "March 31").
fn parse_atom(toks: &[Tok], i: usize, hint: Option<i32>) -> Option<(AtomVal, usize)> {
    toks.get(i)?;
    ATOM_PARSERS
        .iter()
        .find_map(|(_, parse)| parse(toks, i, hint))
}

fn day(y: Option<i32>, m: u32, d: u32) -> AtomVal {
    AtomVal::Day {
        y,
        m,
        d,
        week: false,
    }
}

/// `wc` + an atom: a day becomes the week it starts.
fn week_commencing(toks: &[Tok], i: usize, hint: Option<i32>) -> Option<(AtomVal, usize)> {
    if !word_is(toks, i, "wc") {
        return None;
    }
    let (val, end) = parse_atom(toks, i + 1, hint)?;
    match val {
        AtomVal::Day { y, m, d, .. } => Some((
            AtomVal::Day {
                y,
                m,
                d,
                week: true,
            },
            end,
        )),
        _ => Some((val, end)),
    }
}

/// ISO `2015-03-31`.
fn iso_date(toks: &[Tok], i: usize, _: Option<i32>) -> Option<(AtomVal, usize)> {
    let (v, len) = plain_num(toks, i)?;
    if len != 4
        || !matches!(toks.get(i + 1), Some(Tok::Dash))
        || !matches!(toks.get(i + 3), Some(Tok::Dash))
    {
        return None;
    }
    let (m, ml) = plain_num(toks, i + 2)?;
    let (d, dl, _) = num(toks, i + 4)?;
    if ml > 2 || dl > 2 {
        return None;
    }
    let y = year_from(v, 4)?;
    ymd(y, m, d)?;
    Some((day(Some(y), m, d), i + 5))
}

/// `dd/mm/yy`, `dd.mm.yyyy`, `dd-mm-yyyy` (the same separator twice).
fn numeric_date(toks: &[Tok], i: usize, _: Option<i32>) -> Option<(AtomVal, usize)> {
    let (v, len) = plain_num(toks, i)?;
    let sep = toks.get(i + 1);
    if len > 2 || !is_date_sep(sep) || toks.get(i + 3) != sep {
        return None;
    }
    let (m, ml) = plain_num(toks, i + 2)?;
    let (y, yl) = plain_num(toks, i + 4)?;
    if ml > 2 || !(yl == 2 || yl == 4) {
        return None;
    }
    let y = year_from(y, yl)?;
    ymd(y, m, v)?;
    Some((day(Some(y), m, v), i + 5))
}

/// A financial year or a span of years (see [`parse_year_pair`]).
fn year_pair(toks: &[Tok], i: usize, _: Option<i32>) -> Option<(AtomVal, usize)> {
    parse_year_pair(toks, i)
}

/// A plain number of at most two digits, a date separator and a plain number:
/// `(first, its digits, second, its digits)`.
fn short_num_pair(toks: &[Tok], i: usize) -> Option<(u32, u8, u32, u8)> {
    let (v, len) = plain_num(toks, i)?;
    if len > 2 || !is_date_sep(toks.get(i + 1)) {
        return None;
    }
    let (b, blen) = plain_num(toks, i + 2)?;
    Some((v, len, b, blen))
}

/// `mm/yyyy`.
fn numeric_month(toks: &[Tok], i: usize, _: Option<i32>) -> Option<(AtomVal, usize)> {
    let (v, _, b, blen) = short_num_pair(toks, i)?;
    if blen != 4 || !(1..=12).contains(&v) {
        return None;
    }
    let y = year_from(b, 4)?;
    Some((AtomVal::Month { y: Some(y), m: v }, i + 3))
}

/// `dd/mm` without a year (slash only; not the "24/7" idiom).
fn numeric_day_month(toks: &[Tok], i: usize, _: Option<i32>) -> Option<(AtomVal, usize)> {
    let (v, len, b, blen) = short_num_pair(toks, i)?;
    let day_month = matches!(toks.get(i + 1), Some(Tok::Slash))
        && blen <= 2
        && !(b == 7 && (v == 24 || v == 7))
        && len + blen >= 3
        && (1..=31).contains(&v)
        && (1..=12).contains(&b)
        && !is_unit_word(toks.get(i + 3));
    day_month.then(|| (day(None, b, v), i + 3))
}

/// `16th March [2015]`, `16 of March`, `31-Mar-15`.
fn day_month_name(toks: &[Tok], i: usize, _: Option<i32>) -> Option<(AtomVal, usize)> {
    let (v, len, _) = num(toks, i)?;
    if len > 2 || !(1..=31).contains(&v) {
        return None;
    }
    let (j, sep) = if word_is(toks, i + 1, "of") {
        (i + 2, None)
    } else if is_date_sep(toks.get(i + 1)) && matches!(toks.get(i + 2), Some(Tok::Month(_))) {
        (i + 2, toks.get(i + 1))
    } else {
        (i + 1, None)
    };
    let Some(Tok::Month(m)) = toks.get(j) else {
        return None;
    };
    Some(match trailing_year(toks, j + 1, true, sep) {
        Some((y, end)) => (day(Some(y), *m, v), end),
        None => (day(None, *m, v), j + 1),
    })
}

/// `1st half`, `2nd half`.
fn ordinal_half(toks: &[Tok], i: usize, _: Option<i32>) -> Option<(AtomVal, usize)> {
    let (v, _, ord) = num(toks, i)?;
    (ord && (1..=2).contains(&v) && word_is(toks, i + 1, "half"))
        .then(|| quarter_tail(toks, 4 + v, i + 2))
}

/// `1st quarter` .. `4th quarter`.
fn ordinal_quarter(toks: &[Tok], i: usize, _: Option<i32>) -> Option<(AtomVal, usize)> {
    let (v, _, ord) = num(toks, i)?;
    (ord && (1..=4).contains(&v) && word_is(toks, i + 1, "quarter"))
        .then(|| quarter_tail(toks, v, i + 2))
}

/// A bare calendar year (`2016`), not a quantity (`2000 homes`).
fn calendar_year(toks: &[Tok], i: usize, _: Option<i32>) -> Option<(AtomVal, usize)> {
    let (v, len) = plain_num(toks, i)?;
    (len == 4 && (1970..=2099).contains(&v) && !is_unit_word(toks.get(i + 1)))
        .then(|| (AtomVal::Year(v as i32), i + 1))
}

/// A month name at `i`: the month and the index of its last token (after the
/// abbreviation's dot in "Sept. 2014").
fn month_at(toks: &[Tok], i: usize) -> Option<(u32, usize)> {
    let Some(Tok::Month(m)) = toks.get(i) else {
        return None;
    };
    let i = if matches!(toks.get(i + 1), Some(Tok::Dot)) {
        i + 1
    } else {
        i
    };
    Some((*m, i))
}

/// `Mar-15`, `Dec-2011`, `Mar/15`, `March '15`.
fn month_joined_year(toks: &[Tok], i: usize, _: Option<i32>) -> Option<(AtomVal, usize)> {
    let (m, i) = month_at(toks, i)?;
    if !matches!(
        toks.get(i + 1),
        Some(Tok::Dash) | Some(Tok::Slash) | Some(Tok::Apos)
    ) {
        return None;
    }
    let (v, len) = plain_num(toks, i + 2)?;
    if !(len == 2 || len == 4)
        || matches!(toks.get(i + 3), Some(Tok::Month(_)))
        || is_unit_word(toks.get(i + 3))
    {
        return None;
    }
    let y = year_from(v, len)?;
    Some((AtomVal::Month { y: Some(y), m }, i + 3))
}

/// A month name then a number: `March 2015`, `March 16 [2015]`, `March 15, 2015`,
/// `March 15` (month and two-digit year, or the 15th when that year is far from
/// the plan's period), `March 3 weeks` (the month alone).
fn month_number(toks: &[Tok], i: usize, hint: Option<i32>) -> Option<(AtomVal, usize)> {
    let (m, i) = month_at(toks, i)?;
    let (v, len, ord) = num(toks, i + 1)?;
    if is_unit_word(toks.get(i + 2)) {
        return Some((AtomVal::Month { y: None, m }, i + 1));
    }
    if !ord && len == 4 {
        if let Some(y) = year_from(v, 4) {
            return Some((AtomVal::Month { y: Some(y), m }, i + 2));
        }
    }
    let day_ok = (1..=31).contains(&v) && len <= 2;
    if day_ok && (ord || len == 1) {
        return Some(match trailing_year(toks, i + 2, false, None) {
            Some((y, end)) => (day(Some(y), m, v), end),
            None => (day(None, m, v), i + 2),
        });
    }
    if ord || len != 2 {
        return None;
    }
    // "March 15, 2015": a day then a four-digit year
    if let Some((y, end)) = trailing_year(toks, i + 2, false, None) {
        if day_ok {
            return Some((day(Some(y), m, v), end));
        }
    }
    // "March 15": month and two-digit year -- unless that year is far from the
    // plan's period and the number can be a day ("March 31" in a 2014/15 plan
    // is the 31st).
    let y = expand_two_digit_year(v as i32);
    if day_ok && hint.is_some_and(|h| (y - h).abs() > 5) {
        return Some((day(None, m, v), i + 2));
    }
    Some((AtomVal::Month { y: Some(y), m }, i + 2))
}

/// A month name with no year.
fn month_alone(toks: &[Tok], i: usize, _: Option<i32>) -> Option<(AtomVal, usize)> {
    let (m, i) = month_at(toks, i)?;
    Some((AtomVal::Month { y: None, m }, i + 1))
}

/// `spring`, `summer 2015`, `winter of 2014/15` (winter of a financial year is
/// the one that ends in its second year), `autumn '14`.
fn season(toks: &[Tok], i: usize, _: Option<i32>) -> Option<(AtomVal, usize)> {
    let Some(Tok::Season(s)) = toks.get(i) else {
        return None;
    };
    let s = *s;
    let j = if word_is(toks, i + 1, "of") {
        i + 2
    } else {
        i + 1
    };
    if let Some((AtomVal::Fy(fy), end)) = parse_year_pair(toks, j) {
        return Some((
            AtomVal::Season {
                y: Some(if s == 0 { fy + 1 } else { fy }),
                s,
            },
            end,
        ));
    }
    let j = if matches!(toks.get(j), Some(Tok::Apos)) {
        j + 1
    } else {
        j
    };
    if let Some((v, len)) = plain_num(toks, j) {
        if (len == 2 || len == 4) && !is_unit_word(toks.get(j + 1)) {
            if let Some(y) = year_from(v, len) {
                return Some((AtomVal::Season { y: Some(y), s }, j + 1));
            }
        }
    }
    Some((AtomVal::Season { y: None, s }, i + 1))
}

/// `Q1`..`Q4`, `H1`/`H2`, with an optional year after.
fn quarter_marker(toks: &[Tok], i: usize, _: Option<i32>) -> Option<(AtomVal, usize)> {
    let Some(Tok::Quarter(q)) = toks.get(i) else {
        return None;
    };
    Some(quarter_tail(toks, *q, i + 1))
}

/// `first half`, `second half of the year`.
fn half_in_words(toks: &[Tok], i: usize, _: Option<i32>) -> Option<(AtomVal, usize)> {
    let Some(Tok::Word(w)) = toks.get(i) else {
        return None;
    };
    if !matches!(w.as_str(), "first" | "second") || !word_is(toks, i + 1, "half") {
        return None;
    }
    let j = if word_is(toks, i + 2, "of") && word_is(toks, i + 3, "the") {
        i + 4
    } else {
        i + 2
    };
    let j = if word_is(toks, j, "year") { j + 1 } else { j };
    Some(quarter_tail(toks, if w == "first" { 5 } else { 6 }, j))
}

/// `quarter 2`.
fn quarter_number(toks: &[Tok], i: usize, _: Option<i32>) -> Option<(AtomVal, usize)> {
    if !word_is(toks, i, "quarter") {
        return None;
    }
    let (q, len, _) = num(toks, i + 1)?;
    (len == 1 && (1..=4).contains(&q)).then(|| quarter_tail(toks, q, i + 2))
}

/// `first quarter` .. `fourth quarter`, `final quarter`.
fn quarter_in_words(toks: &[Tok], i: usize, _: Option<i32>) -> Option<(AtomVal, usize)> {
    let Some(Tok::Word(w)) = toks.get(i) else {
        return None;
    };
    let q = match w.as_str() {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" | "final" => 4,
        _ => return None,
    };
    word_is(toks, i + 1, "quarter").then(|| quarter_tail(toks, q, i + 2))
}

/// "the year", "this year", "financial year", "year end", "year-end", "yearend";
/// not "3 year cycle" or "Year 2 cohort".
fn year_reference(toks: &[Tok], i: usize, _: Option<i32>) -> Option<(AtomVal, usize)> {
    let Some(Tok::Word(w)) = toks.get(i) else {
        return None;
    };
    if w != "year" && w != "yearend" {
        return None;
    }
    let prev = i.checked_sub(1).and_then(|p| toks.get(p));
    let prev2 = i.checked_sub(2).and_then(|p| toks.get(p));
    let after_num = matches!(prev, Some(Tok::Num { .. }))
        || (matches!(prev, Some(Tok::Dash)) && matches!(prev2, Some(Tok::Num { .. })));
    if after_num || num(toks, i + 1).is_some() {
        return None;
    }
    let prev_word = match prev {
        Some(Tok::Word(p)) => p.as_str(),
        _ => "",
    };
    let financial = prev_word == "financial" || prev_word == "fiscal";
    let end_at = if word_is(toks, i + 1, "end") {
        Some(i + 2)
    } else if matches!(toks.get(i + 1), Some(Tok::Dash)) && word_is(toks, i + 2, "end") {
        Some(i + 3)
    } else {
        None
    };
    let year_ref = w == "yearend"
        || end_at.is_some()
        || matches!(
            prev_word,
            "the" | "this" | "of" | "financial" | "fiscal" | "current" | "calendar"
        );
    year_ref.then(|| (AtomVal::YearRef { financial }, end_at.unwrap_or(i + 1)))
}

/// After a quarter marker: optional "of", then a financial year or a calendar year.
fn quarter_tail(toks: &[Tok], q: u32, i: usize) -> (AtomVal, usize) {
    let j = if word_is(toks, i, "of") { i + 1 } else { i };
    if let Some((AtomVal::Fy(fy), end)) = parse_year_pair(toks, j) {
        return (
            AtomVal::Quarter {
                q,
                fy: Some(fy),
                cal: None,
            },
            end,
        );
    }
    if let Some((v, 4)) = plain_num(toks, j) {
        if let Some(y) = year_from(v, 4) {
            return (
                AtomVal::Quarter {
                    q,
                    fy: None,
                    cal: Some(y),
                },
                j + 1,
            );
        }
    }
    (
        AtomVal::Quarter {
            q,
            fy: None,
            cal: None,
        },
        i,
    )
}

fn atoms(toks: &[Tok], hint: Option<i32>) -> Vec<Atom> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match parse_atom(toks, i, hint) {
            Some((val, end)) if end > i => {
                out.push(Atom {
                    lo: i,
                    hi: end,
                    val,
                });
                i = end;
            }
            _ => i += 1,
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Operators and clauses

#[derive(Debug, Clone, Copy, PartialEq)]
enum Op {
    Plain,
    By,
    Before,
    From,
    Between,
}

fn is_filler(t: &Tok) -> bool {
    match t {
        Tok::Word(w) => matches!(
            w.as_str(),
            "the"
                | "of"
                | "a"
                | "an"
                | "date"
                | "no"
                | "later"
                | "latest"
                | "at"
                | "on"
                | "in"
                | "or"
                | "around"
                | "approx"
                | "approximately"
                | "circa"
                | "c"
                | "mid"
                | "early"
                | "late"
                | "beginning"
                | "middle"
                | "financial"
                | "fiscal"
                | "calendar"
                | "year"
                | "is"
                | "be"
                | "will"
                | "for"
                | "target"
                | "expected"
                | "due"
                | "estimated"
                | "revised"
                | "new"
                | "planned"
                | "projected"
        ),
        Tok::Dash | Tok::Comma | Tok::Punct | Tok::Dot | Tok::Apos => true,
        _ => false,
    }
}

fn op_word(w: &str) -> Option<Op> {
    Some(match w {
        "by" | "end" | "ending" | "ends" | "until" | "till" | "til" | "deadline" | "completion"
        | "complete" | "completed" | "than" | "close" | "conclude" | "concluding" | "finish"
        | "finishing" => Op::By,
        "before" | "prior" => Op::Before,
        "from" | "commence" | "commences" | "commencing" | "commencement" | "start"
        | "starting" | "starts" | "begin" | "begins" | "since" | "started" | "commenced" => {
            Op::From
        }
        "between" => Op::Between,
        "throughout" | "during" | "within" | "over" | "across" => Op::Plain,
        _ => return None,
    })
}

/// The operator governing an atom, read right-to-left over its gap.
fn op_before(gap: &[Tok]) -> Op {
    for t in gap.iter().rev() {
        if let Tok::Word(w) = t {
            if let Some(op) = op_word(w) {
                // "beginning" is both a filler ("beginning of") and an operator; as filler it's fine.
                return op;
            }
        }
        if !is_filler(t) {
            return Op::Plain;
        }
    }
    Op::Plain
}

/// Whether the gap between two atoms joins them into a range.
fn is_range_gap(gap: &[Tok], left_op: Op) -> bool {
    if gap.is_empty() || gap.len() > 5 {
        return false;
    }
    let mut connectors = 0;
    for t in gap {
        match t {
            Tok::Dash | Tok::Slash => connectors += 1,
            Tok::Word(w)
                if matches!(
                    w.as_str(),
                    "to" | "until" | "till" | "through" | "thru" | "and"
                ) =>
            {
                if w == "and" && left_op != Op::Between {
                    return false;
                }
                connectors += 1;
            }
            Tok::Word(w)
                if matches!(
                    w.as_str(),
                    "the" | "of" | "end" | "mid" | "early" | "late" | "beginning"
                ) => {}
            Tok::Comma => {}
            _ => return false,
        }
    }
    (1..=2).contains(&connectors)
}

fn is_recurring_word(w: &str) -> bool {
    matches!(
        w,
        "monthly"
            | "quarterly"
            | "weekly"
            | "fortnightly"
            | "annual"
            | "annually"
            | "yearly"
            | "biannual"
            | "biannually"
            | "bimonthly"
            | "daily"
            | "termly"
            | "every"
            | "each"
            | "regular"
            | "regularly"
            | "periodic"
            | "periodically"
            | "routine"
            | "routinely"
    )
}

fn is_tbc_at(toks: &[Tok], i: usize) -> bool {
    match toks.get(i) {
        Some(Tok::Word(w)) => {
            matches!(w.as_str(), "tbc" | "tba" | "tbd" | "tbcd" | "tbconfirmed")
                || (w == "be"
                    && matches!(toks.get(i + 1), Some(Tok::Word(x)) if matches!(x.as_str(), "confirmed" | "agreed" | "determined" | "decided" | "arranged" | "set")))
                    && i >= 1
                    && word_is(toks, i - 1, "to")
        }
        _ => false,
    }
}

#[derive(Debug, Clone, Copy)]
struct Clause {
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    kind: DeadlineKind,
    op: Op,
    hi: usize,
}

/// Normalise a deadline cell. `period` places dates that omit the year.
/// `raw` is kept exactly as given. Only the first [`MAX_DEADLINE_CHARS`]
/// characters are parsed.
pub fn deadline(raw: &str, period: Option<&Period>) -> Deadline {
    let (start, end, kind) = parse(raw, period);
    Deadline {
        raw: raw.to_string(),
        start,
        end,
        kind,
    }
}

/// [`parse_text`], and when the text outside brackets says nothing readable ("Year 1
/// (2024/25)", "Phase 2 [by March 2026]"), the first bracketed part that gives a date.
fn parse(
    raw: &str,
    period: Option<&Period>,
) -> (Option<NaiveDate>, Option<NaiveDate>, DeadlineKind) {
    let got = parse_text(raw, period);
    if got.2 != DeadlineKind::Unparsed || !raw.contains(['(', '[']) {
        return got;
    }
    let cleaned = clean(raw, MAX_DEADLINE_CHARS);
    for m in PARENS.find_iter(&cleaned) {
        let inner = &m.as_str()[1..m.as_str().len() - 1];
        let (start, end, kind) = parse_text(inner, period);
        if start.is_some() || end.is_some() {
            return (start, end, kind);
        }
    }
    got
}

fn parse_text(
    raw: &str,
    period: Option<&Period>,
) -> (Option<NaiveDate>, Option<NaiveDate>, DeadlineKind) {
    let text = preprocess(raw);
    if text.trim().is_empty() {
        return if raw.trim().is_empty() {
            (None, None, DeadlineKind::Empty)
        } else {
            (None, None, DeadlineKind::Unparsed)
        };
    }
    let toks = tokenize(&text);
    let recurring = toks
        .iter()
        .any(|t| matches!(t, Tok::Word(w) if is_recurring_word(w)));
    let all_atoms = atoms(&toks, period.map(|p| p.start.year()));

    // Past occurrences in a recurring activity ("last meeting Feb 2015") are not deadlines.
    let mut kept: Vec<(Atom, Op)> = Vec::new();
    let mut prev_hi = 0;
    for a in &all_atoms {
        let gap = toks.get(prev_hi..a.lo).unwrap_or(&[]);
        prev_hi = a.hi;
        let past = recurring
            && gap.iter().rev().filter(|t| matches!(t, Tok::Word(_))).take(4).any(
                |t| matches!(t, Tok::Word(w) if matches!(w.as_str(), "last" | "latest" | "previous" | "recent" | "held")),
            );
        if past {
            continue;
        }
        kept.push((*a, op_before(gap)));
    }

    // Build clauses: an atom alone, or two atoms joined into a range.
    let mut clauses: Vec<Clause> = Vec::new();
    let mut k = 0;
    let mut last_ctx: Option<NaiveDate> = None;
    while k < kept.len() {
        let (a, op) = kept[k];
        let onwards = matches!(toks.get(a.hi), Some(Tok::Word(w)) if matches!(w.as_str(), "onwards" | "onward" | "forwards" | "forward"));
        let range_with = kept.get(k + 1).and_then(|(b, _)| {
            let gap = toks.get(a.hi..b.lo).unwrap_or(&[]);
            if is_range_gap(gap, op) && !onwards {
                Some(*b)
            } else {
                None
            }
        });
        let other_year = nearest_year(&kept, k);
        if let Some(b) = range_with {
            let (ia, ib) = resolve_pair(&a.val, &b.val, period, other_year, last_ctx);
            let start = ia.map(|x| x.0);
            let end = ib.map(|x| x.1);
            let reversed = matches!((start, end), (Some(s), Some(e)) if s > e);
            if !reversed {
                // "from X to Y" is the whole range; "by X - Y" keeps only the end.
                let (start, end) = match op {
                    Op::By | Op::Before => (None, end),
                    _ => (start, end),
                };
                if let Some(e) = end.or(start) {
                    last_ctx = Some(e);
                }
                clauses.push(Clause {
                    start,
                    end,
                    kind: DeadlineKind::Range,
                    op,
                    hi: b.hi,
                });
                k += 2;
                continue;
            }
            // A reversed "range" is two separate dates; the later-written one stands.
        }
        let iv = resolve_one(&a.val, period, other_year, last_ctx);
        let (start, end) = match iv {
            None => (None, None),
            Some((s, e)) => match op {
                _ if onwards => (Some(s), None),
                Op::By => (None, Some(e)),
                Op::Before => (None, s.pred_opt()),
                Op::From => (Some(s), None),
                Op::Plain | Op::Between => (Some(s), Some(e)),
            },
        };
        if let Some((_, e)) = iv {
            last_ctx = Some(e);
        }
        let op = if onwards { Op::From } else { op };
        clauses.push(Clause {
            start,
            end,
            kind: a.val.kind(),
            op,
            hi: a.hi,
        });
        k += 1;
    }

    let resolved: Vec<&Clause> = clauses
        .iter()
        .filter(|c| c.start.is_some() || c.end.is_some())
        .collect();
    if let Some(last) = resolved.last() {
        let mut c = **last;
        if c.start.is_none() {
            if let Some(from) = resolved
                .iter()
                .rev()
                .skip(1)
                .find(|x| x.op == Op::From && x.end.is_none())
            {
                if let (Some(s), Some(e)) = (from.start, c.end) {
                    if s <= e {
                        c.start = Some(s);
                        c.kind = DeadlineKind::Range;
                    }
                }
            }
        }
        if let (Some(s), Some(e)) = (c.start, c.end) {
            if s > e {
                c.start = None;
            }
        }
        if (c.hi..toks.len()).any(|i| is_tbc_at(&toks, i)) {
            return (None, None, DeadlineKind::Tbc);
        }
        return (c.start, c.end, c.kind);
    }
    if let Some(c) = clauses.last() {
        if !(0..toks.len()).any(|i| is_tbc_at(&toks, i)) {
            return (None, None, c.kind);
        }
    }
    (None, None, classify_undated(&toks))
}

/// Year of the nearest other atom that states one (earlier atoms first).
fn nearest_year(kept: &[(Atom, Op)], k: usize) -> Option<i32> {
    let before = kept
        .get(..k)
        .unwrap_or(&[])
        .iter()
        .rev()
        .find_map(|(a, _)| a.val.explicit_year());
    before.or_else(|| {
        kept.get(k + 1..)
            .unwrap_or(&[])
            .iter()
            .find_map(|(a, _)| a.val.explicit_year())
    })
}

fn resolve_one(
    v: &AtomVal,
    period: Option<&Period>,
    other_year: Option<i32>,
    ctx: Option<NaiveDate>,
) -> Option<(NaiveDate, NaiveDate)> {
    if let AtomVal::YearRef { financial } = v {
        return resolve_year_ref(*financial, period, ctx);
    }
    if !v.needs_year() {
        return v.interval(None);
    }
    if let Some(p) = period {
        if let Some(iv) = v.place(p) {
            return Some(iv);
        }
    }
    v.interval(Some(other_year?))
}

fn resolve_year_ref(
    financial: bool,
    period: Option<&Period>,
    ctx: Option<NaiveDate>,
) -> Option<(NaiveDate, NaiveDate)> {
    if financial {
        if let Some(p) = period {
            return fy_bounds(crate::period::fy_start_year(p));
        }
        let c = ctx?;
        let fy = if c.month() >= 4 {
            c.year()
        } else {
            c.year() - 1
        };
        return fy_bounds(fy);
    }
    if let Some(c) = ctx {
        return Some((ymd(c.year(), 1, 1)?, ymd(c.year(), 12, 31)?));
    }
    period.map(|p| (p.start, p.end))
}

/// Resolve both sides of a range; a side without a year takes the other
/// side's year, moved back/forward a year to keep the range in order.
#[allow(clippy::type_complexity)]
fn resolve_pair(
    a: &AtomVal,
    b: &AtomVal,
    period: Option<&Period>,
    other_year: Option<i32>,
    ctx: Option<NaiveDate>,
) -> (
    Option<(NaiveDate, NaiveDate)>,
    Option<(NaiveDate, NaiveDate)>,
) {
    match (a.needs_year(), b.needs_year()) {
        (true, false) => {
            let ib = resolve_one(b, period, other_year, ctx);
            let ia = match (b.explicit_year(), ib) {
                (Some(y), Some((bs, _))) => a.interval(Some(y)).and_then(|iv| {
                    if iv.0 > bs {
                        a.interval(Some(y - 1))
                    } else {
                        Some(iv)
                    }
                }),
                _ => resolve_one(a, period, other_year, ctx),
            };
            (ia, ib)
        }
        (_, true) => {
            let ia = resolve_one(a, period, other_year, ctx);
            let ib = match ia {
                Some((as_, _)) => {
                    let y = as_.year();
                    let same = b.interval(Some(y));
                    match same {
                        Some(iv) if iv.1 >= as_ => Some(iv),
                        _ => b.interval(Some(y + 1)),
                    }
                }
                None => resolve_one(b, period, other_year, ctx),
            };
            (ia, ib)
        }
        _ => {
            let ia = resolve_one(a, period, other_year, ctx);
            let ctx2 = ia.map(|x| x.1).or(ctx);
            (ia, resolve_one(b, period, other_year, ctx2))
        }
    }
}

fn classify_undated(toks: &[Tok]) -> DeadlineKind {
    let words: Vec<&str> = toks
        .iter()
        .filter_map(|t| match t {
            Tok::Word(w) => Some(w.as_str()),
            _ => None,
        })
        .collect();
    if (0..toks.len()).any(|i| is_tbc_at(toks, i)) {
        return DeadlineKind::Tbc;
    }
    let only_punct = toks.iter().all(|t| {
        matches!(
            t,
            Tok::Dash | Tok::Dot | Tok::Punct | Tok::Slash | Tok::Comma
        )
    });
    if only_punct
        || words == ["na"]
        || words == ["not", "applicable"]
        || words == ["none"]
        || words == ["nil"]
        || (words.len() <= 3 && words.first() == Some(&"not") && words.contains(&"applicable"))
    {
        return DeadlineKind::NotApplicable;
    }
    if words.iter().any(|w| {
        matches!(
            *w,
            "ongoing" | "continuous" | "continual" | "continuing" | "continually" | "continuously"
        )
    }) || words
        .windows(2)
        .any(|p| p == ["as", "required"] || p == ["as", "needed"] || p == ["in", "progress"])
    {
        return DeadlineKind::Ongoing;
    }
    if words.iter().any(|w| is_recurring_word(w)) {
        return DeadlineKind::Recurring;
    }
    DeadlineKind::Unparsed
}

/// True when the cell is a date / period / ongoing / TBC-ish value (used to
/// find the deadline column by content). Short cells only (<= 80 chars).
pub fn looks_like_deadline(raw: &str) -> bool {
    let c = clean(raw, 200);
    if c.is_empty() || c.chars().count() > 80 {
        return false;
    }
    let text = preprocess(&c);
    let toks = tokenize(&text);
    let words = toks.iter().filter(|t| matches!(t, Tok::Word(_))).count();
    if !atoms(&toks, None).is_empty() {
        // a date with a few words around it, not a sentence that mentions one
        return words <= 6;
    }
    matches!(
        classify_undated(&toks),
        DeadlineKind::Ongoing | DeadlineKind::Tbc | DeadlineKind::Recurring
    ) && words <= 4
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_period;

    fn d(raw: &str, p: &str) -> (Option<String>, Option<String>, DeadlineKind) {
        let p = parse_period(p);
        let r = deadline(raw, p.as_ref());
        (
            r.start.map(|x| x.to_string()),
            r.end.map(|x| x.to_string()),
            r.kind,
        )
    }

    #[test]
    fn kinds() {
        assert_eq!(d("24/02/11", "2011/12").2, DeadlineKind::Day);
        assert_eq!(d("w/c 16th March 2015", "2014/15").2, DeadlineKind::Week);
        assert_eq!(d("Mar-15", "2014/15").2, DeadlineKind::Month);
        assert_eq!(d("Q3", "2014/15").2, DeadlineKind::Quarter);
        assert_eq!(d("Spring 2015", "2014/15").2, DeadlineKind::Season);
        assert_eq!(d("2016", "2014/15").2, DeadlineKind::Year);
        assert_eq!(d("2015/16", "2014/15").2, DeadlineKind::FinancialYear);
        assert_eq!(d("April – December 2014", "2014/15").2, DeadlineKind::Range);
        assert_eq!(d("On-going", "2014/15").2, DeadlineKind::Ongoing);
        assert_eq!(d("Quarterly", "2014/15").2, DeadlineKind::Recurring);
        assert_eq!(d("TBC", "2014/15").2, DeadlineKind::Tbc);
        assert_eq!(d("N/A", "2014/15").2, DeadlineKind::NotApplicable);
        assert_eq!(d("Bid for funding", "2014/15").2, DeadlineKind::Unparsed);
        // Nothing readable outside the brackets: the bracketed date.
        let y = d("Year 1 (2024/25)", "2024/25");
        assert_eq!(
            (y.0.as_deref(), y.1.as_deref()),
            (Some("2024-04-01"), Some("2025-03-31"))
        );
        assert_eq!(
            d("Phase 2 [by March 2026]", "2024/25").1.as_deref(),
            Some("2026-03-31")
        );
        // A readable text outside keeps its reading; a bracket without a date changes nothing.
        assert_eq!(
            d("Ongoing (review March 2015)", "2014/15").2,
            DeadlineKind::Ongoing
        );
        assert_eq!(
            d("Bid for funding (with partners)", "2014/15").2,
            DeadlineKind::Unparsed
        );
        assert_eq!(d("  ", "2014/15").2, DeadlineKind::Empty);
    }

    #[test]
    fn raw_is_kept() {
        assert_eq!(
            deadline("  by <b>May</b> 2013 ", None).raw,
            "  by <b>May</b> 2013 "
        );
    }

    #[test]
    fn general_rules_beyond_the_table() {
        let s = |x: &str| Some(x.to_string());
        assert_eq!(
            d("until 30th June 2016", "-"),
            (None, s("2016-06-30"), DeadlineKind::Day)
        );
        assert_eq!(
            d("From 1 April 2014 to 31 March 2016", "-"),
            (s("2014-04-01"), s("2016-03-31"), DeadlineKind::Range)
        );
        assert_eq!(
            d("Nov – Feb", "2014/15"),
            (s("2014-11-01"), s("2015-02-28"), DeadlineKind::Range)
        );
        assert_eq!(
            d("Dec - Mar 2015", "-"),
            (s("2014-12-01"), s("2015-03-31"), DeadlineKind::Range)
        );
        assert_eq!(
            d("March 16, 2015", "-"),
            (s("2015-03-16"), s("2015-03-16"), DeadlineKind::Day)
        );
        assert_eq!(
            d("by the end of the financial year", "2014/15").1,
            s("2015-03-31")
        );
        assert_eq!(
            d("Start April 2014, complete by March 2016", "-"),
            (s("2014-04-01"), s("2016-03-31"), DeadlineKind::Range)
        );
        assert_eq!(
            d("Q2 2015", "-"),
            (s("2015-07-01"), s("2015-09-30"), DeadlineKind::Quarter)
        );
        assert_eq!(
            d("second quarter", "2014/15"),
            (s("2014-07-01"), s("2014-09-30"), DeadlineKind::Quarter)
        );
        assert_eq!(d("31-03-2016", "-").1, s("2016-03-31"));
        assert_eq!(
            d("Monthly; last meeting Feb 2015", "2014/15"),
            (None, None, DeadlineKind::Recurring)
        );
        assert_eq!(
            d("July 14 – then dates to be confirmed", "2014/15"),
            (None, None, DeadlineKind::Tbc)
        );
        assert_eq!(
            d("July 2011 for concept, roll out by end of year", "2011/12").1,
            s("2011-12-31")
        );
        assert_eq!(
            d("Sept-Dec 2014", "-"),
            (s("2014-09-01"), s("2014-12-31"), DeadlineKind::Range)
        );
        assert_eq!(
            d("Summer/Autumn 2014", "-"),
            (s("2014-06-01"), s("2014-11-30"), DeadlineKind::Range)
        );
        assert_eq!(
            d("14/15 - 15/16", "-"),
            (s("2014-04-01"), s("2016-03-31"), DeadlineKind::Range)
        );
        assert_eq!(
            d("2014/15 - 2016/17", "-"),
            (s("2014-04-01"), s("2017-03-31"), DeadlineKind::Range)
        );
        assert_eq!(d("by year-end", "2014/15").1, s("2015-03-31"));
        assert_eq!(d("3-year programme", "2014/15").2, DeadlineKind::Unparsed);
        assert_eq!(d("24/7 service", "2014/15").2, DeadlineKind::Unparsed);
        assert_eq!(
            d("March 31", "2014/15"),
            (s("2015-03-31"), s("2015-03-31"), DeadlineKind::Day)
        );
        assert_eq!(d("by December 30", "2014/15").1, s("2014-12-30"));
        assert_eq!(d("March 15", "2014/15").1, s("2015-03-31"));
        assert_eq!(
            d("H1 2015/16", "-"),
            (s("2015-04-01"), s("2015-09-30"), DeadlineKind::Range)
        );
        assert_eq!(
            d("H2", "2014/15"),
            (s("2014-10-01"), s("2015-03-31"), DeadlineKind::Range)
        );
        assert_eq!(
            d("first half of 2015", "-"),
            (s("2015-01-01"), s("2015-06-30"), DeadlineKind::Range)
        );
        assert_eq!(
            d("by the second half of the year", "2014/15").1,
            s("2015-03-31")
        );
        assert_eq!(d("31-Mar-15", "-").1, s("2015-03-31"));
        assert_eq!(d("31/Mar/2015", "-").1, s("2015-03-31"));
        assert_eq!(
            d("1 April - 31 March 2015", "-"),
            (s("2014-04-01"), s("2015-03-31"), DeadlineKind::Range)
        );
        assert_eq!(
            d("Sept. 2014", "-"),
            (s("2014-09-01"), s("2014-09-30"), DeadlineKind::Month)
        );
        assert_eq!(d("March '15", "-").1, s("2015-03-31"));
        assert_eq!(d("Winter '14", "-").1, s("2015-02-28"));
        assert_eq!(d("31/03", "2014/15").1, s("2015-03-31"));
        // no period, month alone: no dates but the kind is known
        assert_eq!(d("July", "-"), (None, None, DeadlineKind::Month));
        // "may" the verb is not a month
        assert_eq!(d("Work may slip", "2014/15").2, DeadlineKind::Unparsed);
        assert_eq!(d("by May", "2014/15").1, s("2014-05-31"));
        // quantities are not years
        assert_eq!(
            d("Completion date 61 weeks", "2014/15").2,
            DeadlineKind::Unparsed
        );
        assert_eq!(d("5-19 years", "2014/15").2, DeadlineKind::Unparsed);
    }

    #[test]
    fn looks_like() {
        for s in [
            "Mar-15",
            "31/03/2015",
            "On-going",
            "TBC",
            "Q3 2014/15",
            "by July 2014",
            "Quarterly",
        ] {
            assert!(looks_like_deadline(s), "{s}");
        }
        for s in ["Mandy Ansell", "G", "", "Finalise Primary Care Strategy", "A review of the service will be completed by the beginning of the next financial year 2014-15 with partners"] {
            assert!(!looks_like_deadline(s), "{s}");
        }
    }
}
