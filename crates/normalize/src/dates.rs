//! Calendar helpers (all total: invalid dates give `None`, never panic).

use chrono::{Datelike, NaiveDate};

/// A valid date or `None`.
pub(crate) fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Last day of month `m` in year `y`.
pub(crate) fn month_end(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m >= 12 {
        (y.checked_add(1)?, 1)
    } else {
        (y, m + 1)
    };
    ymd(ny, nm, 1)?.pred_opt()
}

/// First and last day of month `m` in year `y`.
pub(crate) fn month_bounds(y: i32, m: u32) -> Option<(NaiveDate, NaiveDate)> {
    Some((ymd(y, m, 1)?, month_end(y, m)?))
}

/// UK financial year starting 1 April of `y`.
pub(crate) fn fy_bounds(y: i32) -> Option<(NaiveDate, NaiveDate)> {
    Some((ymd(y, 4, 1)?, ymd(y.checked_add(1)?, 3, 31)?))
}

/// Two-digit years: 00-69 -> 2000-2069, 70-99 -> 1970-1999.
pub(crate) fn expand_two_digit_year(y: i32) -> i32 {
    if y < 70 {
        2000 + y
    } else if y < 100 {
        1900 + y
    } else {
        y
    }
}

pub(crate) fn year_of(d: NaiveDate) -> i32 {
    d.year()
}
