//! Spreadsheet number formats: the text a person sees for a number cell.
//!
//! Covers what plan trackers use: dates (`dd/mm/yyyy`, `mmm-yy`, `mmmm yyyy`, `d mmmm
//! yyyy`, with times), general numbers, fixed decimals, thousands separators, percentages,
//! literal text and currency prefixes. Colour (`[Red]`) and locale (`[$-809]`) codes are
//! dropped; the first section is used for positive numbers, the second (when there is one)
//! for negative ones, the third for zero.

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// The format code of a built-in number format id, in UK conventions (id 14, the short
/// date, follows the reader's locale in Excel; plansift reads UK documents: day first).
pub fn builtin(id: u32) -> Option<&'static str> {
    Some(match id {
        0 => "General",
        1 => "0",
        2 => "0.00",
        3 => "#,##0",
        4 => "#,##0.00",
        9 => "0%",
        10 => "0.00%",
        11 => "0.00E+00",
        14 => "dd/mm/yyyy",
        15 => "d-mmm-yy",
        16 => "d-mmm",
        17 => "mmm-yy",
        18 => "h:mm AM/PM",
        19 => "h:mm:ss AM/PM",
        20 => "h:mm",
        21 => "h:mm:ss",
        22 => "dd/mm/yyyy hh:mm",
        37 => "#,##0 ;(#,##0)",
        38 => "#,##0 ;[Red](#,##0)",
        39 => "#,##0.00;(#,##0.00)",
        40 => "#,##0.00;[Red](#,##0.00)",
        45 => "mm:ss",
        46 => "[h]:mm:ss",
        47 => "mmss.0",
        48 => "##0.0E+0",
        49 => "@",
        _ => return None,
    })
}

/// A calendar date and time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateTime {
    pub year: i32,
    pub month: u32,
    pub day: u32,
    /// 0 = Monday.
    pub weekday: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
}

/// Days from 0001-01-01 (proleptic Gregorian) to a date, and back.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// A serial date (days since the workbook's epoch, fraction = time of day) as a date.
/// `date1904`: the 1904 date system (serial 0 = 1904-01-01); otherwise the 1900 system,
/// with its phantom 29 February 1900 (serial 60). `None` outside years 1900..=9999.
pub fn serial_to_datetime(serial: f64, date1904: bool) -> Option<DateTime> {
    if !serial.is_finite() || !(0.0..3_000_000.0).contains(&serial) {
        return None;
    }
    let mut days = serial.floor() as i64;
    let mut secs = ((serial - serial.floor()) * 86_400.0).round() as i64;
    if secs >= 86_400 {
        days += 1;
        secs -= 86_400;
    }
    let (y, m, d) = if date1904 {
        civil_from_days(days_from_civil(1904, 1, 1) + days)
    } else if days == 60 {
        (1900, 2, 29)
    } else {
        let base = days_from_civil(1899, 12, 31);
        civil_from_days(base + if days > 60 { days - 1 } else { days })
    };
    if !(1900..=9999).contains(&y) {
        return None;
    }
    let epoch_day = days_from_civil(y, m, d);
    // 1970-01-01 was a Thursday (weekday 3 with Monday = 0).
    let weekday = (epoch_day + 3).rem_euclid(7) as u32;
    Some(DateTime {
        year: y as i32,
        month: m,
        day: d,
        weekday,
        hour: (secs / 3600) as u32,
        minute: ((secs / 60) % 60) as u32,
        second: (secs % 60) as u32,
    })
}

/// The serial number of a date (for tests and ODS dates).
pub fn datetime_to_serial(y: i32, m: u32, d: u32, date1904: bool) -> f64 {
    let days = days_from_civil(y as i64, m, d);
    if date1904 {
        (days - days_from_civil(1904, 1, 1)) as f64
    } else {
        let n = days - days_from_civil(1899, 12, 31);
        (if n >= 60 { n + 1 } else { n }) as f64
    }
}

/// Split a format code into sections at `;` outside quotes and escapes.
fn sections(code: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut chars = code.chars();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                quoted = !quoted;
                out.last_mut().expect("never empty").push(c);
            }
            '\\' if !quoted => {
                let cur = out.last_mut().expect("never empty");
                cur.push(c);
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
            }
            ';' if !quoted => out.push(String::new()),
            _ => out.last_mut().expect("never empty").push(c),
        }
    }
    out
}

/// One piece of a format section.
#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Lit(String),
    /// A run of one date/time letter (lower-cased) and its length.
    Date(char, usize),
    AmPm(bool),
    /// Number placeholders and separators (`#,##0.00`).
    Num(String),
    Percent,
    /// `@`: the cell's text.
    Text,
}

fn tokenize(sec: &str) -> Vec<Tok> {
    let chars: Vec<char> = sec.chars().collect();
    let mut out = Vec::new();
    let mut lit = String::new();
    let flush = |lit: &mut String, out: &mut Vec<Tok>| {
        if !lit.is_empty() {
            out.push(Tok::Lit(std::mem::take(lit)));
        }
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '"' => {
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    lit.push(chars[i]);
                    i += 1;
                }
                i += 1;
            }
            '\\' => {
                if let Some(&n) = chars.get(i + 1) {
                    lit.push(n);
                }
                i += 2;
            }
            '[' => {
                // [Red], [$-809], [$£-809], [h]
                let end = chars[i..].iter().position(|&x| x == ']').map(|p| i + p);
                let Some(end) = end else {
                    i += 1;
                    continue;
                };
                let inner: String = chars[i + 1..end].iter().collect();
                if let Some(cur) = inner.strip_prefix('$') {
                    let sym = cur.split('-').next().unwrap_or("");
                    lit.push_str(sym);
                } else if inner
                    .chars()
                    .all(|x| matches!(x.to_ascii_lowercase(), 'h' | 'm' | 's'))
                    && !inner.is_empty()
                {
                    flush(&mut lit, &mut out);
                    let ch = inner.chars().next().unwrap_or('h').to_ascii_lowercase();
                    out.push(Tok::Date(ch, inner.len()));
                }
                i = end + 1;
            }
            '_' => {
                // Space the width of the next character.
                lit.push(' ');
                i += 2;
            }
            '*' => i += 2, // repeat-to-fill
            '%' => {
                flush(&mut lit, &mut out);
                out.push(Tok::Percent);
                i += 1;
            }
            '@' => {
                flush(&mut lit, &mut out);
                out.push(Tok::Text);
                i += 1;
            }
            '0' | '#' | '?' | '.' | ',' if is_num_context(&chars, i) => {
                flush(&mut lit, &mut out);
                let mut s = String::new();
                while i < chars.len() && matches!(chars[i], '0' | '#' | '?' | '.' | ',') {
                    s.push(chars[i]);
                    i += 1;
                }
                out.push(Tok::Num(s));
            }
            _ => {
                let lower = c.to_ascii_lowercase();
                let rest: String = chars[i..].iter().collect::<String>().to_ascii_lowercase();
                if rest.starts_with("am/pm") {
                    flush(&mut lit, &mut out);
                    out.push(Tok::AmPm(true));
                    i += 5;
                } else if rest.starts_with("a/p") {
                    flush(&mut lit, &mut out);
                    out.push(Tok::AmPm(false));
                    i += 3;
                } else if matches!(lower, 'y' | 'm' | 'd' | 'h' | 's' | 'e') {
                    flush(&mut lit, &mut out);
                    let mut n = 0;
                    while i < chars.len() && chars[i].to_ascii_lowercase() == lower {
                        n += 1;
                        i += 1;
                    }
                    out.push(Tok::Date(if lower == 'e' { 'y' } else { lower }, n));
                } else {
                    lit.push(c);
                    i += 1;
                }
            }
        }
    }
    flush(&mut lit, &mut out);
    out
}

/// `.` and `,` are number separators only next to placeholders.
fn is_num_context(chars: &[char], i: usize) -> bool {
    match chars[i] {
        '0' | '#' | '?' => true,
        _ => {
            let near = |j: Option<usize>| {
                j.and_then(|j| chars.get(j))
                    .is_some_and(|c| matches!(c, '0' | '#' | '?'))
            };
            near(i.checked_sub(1)) || near(Some(i + 1))
        }
    }
}

fn is_date_section(toks: &[Tok]) -> bool {
    toks.iter().any(|t| matches!(t, Tok::Date(..)))
}

/// Is this a date or time format?
pub fn is_date_format(code: &str) -> bool {
    sections(code)
        .first()
        .is_some_and(|s| is_date_section(&tokenize(s)))
}

/// The text of a number under a format code. `date1904` picks the date system for date
/// formats.
pub fn format_number(v: f64, code: &str, date1904: bool) -> String {
    let code = code.trim();
    if code.is_empty() || code.eq_ignore_ascii_case("general") {
        return general(v);
    }
    let secs = sections(code);
    let (sec, value) = if v < 0.0 && secs.len() > 1 && !secs[1].is_empty() {
        (secs[1].as_str(), -v)
    } else if v == 0.0 && secs.len() > 2 && !secs[2].is_empty() {
        (secs[2].as_str(), v)
    } else {
        (secs[0].as_str(), v)
    };
    if sec.trim().eq_ignore_ascii_case("general") {
        return general(value);
    }
    let toks = tokenize(sec);
    if is_date_section(&toks) {
        return match serial_to_datetime(value, date1904) {
            Some(dt) => format_date(&toks, &dt),
            None => general(v),
        };
    }
    format_plain(value, &toks)
}

fn format_date(toks: &[Tok], dt: &DateTime) -> String {
    let twelve = toks.iter().any(|t| matches!(t, Tok::AmPm(_)));
    let mut out = String::new();
    for (i, t) in toks.iter().enumerate() {
        match t {
            Tok::Lit(s) => out.push_str(s),
            Tok::AmPm(long) => {
                let pm = dt.hour >= 12;
                out.push_str(match (long, pm) {
                    (true, false) => "AM",
                    (true, true) => "PM",
                    (false, false) => "A",
                    (false, true) => "P",
                });
            }
            Tok::Date(c, n) => {
                let n = *n;
                match c {
                    'y' => {
                        if n <= 2 {
                            out.push_str(&format!("{:02}", dt.year % 100));
                        } else {
                            out.push_str(&format!("{:04}", dt.year));
                        }
                    }
                    'd' => match n {
                        1 => out.push_str(&dt.day.to_string()),
                        2 => out.push_str(&format!("{:02}", dt.day)),
                        3 => out.push_str(&DAYS[dt.weekday as usize][..3]),
                        _ => out.push_str(DAYS[dt.weekday as usize]),
                    },
                    'h' => {
                        let h = if twelve {
                            (dt.hour + 11) % 12 + 1
                        } else {
                            dt.hour
                        };
                        if n >= 2 {
                            out.push_str(&format!("{h:02}"));
                        } else {
                            out.push_str(&h.to_string());
                        }
                    }
                    's' => {
                        if n >= 2 {
                            out.push_str(&format!("{:02}", dt.second));
                        } else {
                            out.push_str(&dt.second.to_string());
                        }
                    }
                    'm' => {
                        if n <= 2 && is_minutes(toks, i) {
                            if n == 2 {
                                out.push_str(&format!("{:02}", dt.minute));
                            } else {
                                out.push_str(&dt.minute.to_string());
                            }
                        } else {
                            let name = MONTHS[(dt.month as usize).clamp(1, 12) - 1];
                            match n {
                                1 => out.push_str(&dt.month.to_string()),
                                2 => out.push_str(&format!("{:02}", dt.month)),
                                3 => out.push_str(&name[..3]),
                                5 => out.push_str(&name[..1]),
                                _ => out.push_str(name),
                            }
                        }
                    }
                    _ => {}
                }
            }
            Tok::Num(_) | Tok::Percent | Tok::Text => {}
        }
    }
    out
}

/// `m`/`mm` are minutes right after an hour or right before seconds.
fn is_minutes(toks: &[Tok], i: usize) -> bool {
    let prev = toks[..i].iter().rev().find(|t| !matches!(t, Tok::Lit(_)));
    let next = toks[i + 1..].iter().find(|t| !matches!(t, Tok::Lit(_)));
    matches!(prev, Some(Tok::Date('h', _))) || matches!(next, Some(Tok::Date('s', _)))
}

/// Excel's General format: integers as integers, others with up to 10 significant digits.
pub fn general(v: f64) -> String {
    if !v.is_finite() {
        return v.to_string();
    }
    if v.fract() == 0.0 && v.abs() < 1e15 {
        return format!("{}", v as i64);
    }
    let a = v.abs();
    if !(1e-9..1e15).contains(&a) {
        return format!("{v:E}");
    }
    let digits = 10i32 - (a.log10().floor() as i32 + 1);
    let decimals = digits.clamp(0, 15) as usize;
    let s = format!("{v:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

fn format_plain(v: f64, toks: &[Tok]) -> String {
    let percent = toks.iter().any(|t| matches!(t, Tok::Percent));
    let v = if percent { v * 100.0 } else { v };
    let mut out = String::new();
    let mut number_done = false;
    for t in toks {
        match t {
            Tok::Lit(s) => out.push_str(s),
            Tok::Percent => out.push('%'),
            Tok::Text => out.push_str(&general(v)),
            Tok::Num(pat) if !number_done => {
                number_done = true;
                out.push_str(&format_with_pattern(v, pat));
            }
            Tok::Num(_) | Tok::Date(..) | Tok::AmPm(_) => {}
        }
    }
    if !number_done && !toks.iter().any(|t| matches!(t, Tok::Text)) && out.trim().is_empty() {
        return general(v);
    }
    out
}

fn format_with_pattern(v: f64, pat: &str) -> String {
    let (int_pat, frac_pat) = match pat.find('.') {
        Some(p) => (&pat[..p], &pat[p + 1..]),
        None => (pat, ""),
    };
    let decimals = frac_pat
        .chars()
        .filter(|c| matches!(c, '0' | '#' | '?'))
        .count()
        .min(15);
    let min_decimals = frac_pat.chars().filter(|&c| c == '0').count().min(decimals);
    let thousands = int_pat.contains(',') && int_pat.trim_end_matches(',').contains(',');
    // Trailing commas scale by 1000 each.
    let scale = int_pat.len() - int_pat.trim_end_matches(',').len();
    let v = v / 1000f64.powi(scale as i32);
    let min_int = int_pat.chars().filter(|&c| c == '0').count();
    let neg = v < 0.0;
    let s = format!("{:.*}", decimals, v.abs());
    let (ip, fp) = match s.find('.') {
        Some(p) => (s[..p].to_string(), s[p + 1..].to_string()),
        None => (s.clone(), String::new()),
    };
    let mut ip = ip.trim_start_matches('0').to_string();
    while ip.len() < min_int {
        ip.insert(0, '0');
    }
    if thousands && ip.len() > 3 {
        let mut grouped = String::new();
        for (i, ch) in ip.chars().enumerate() {
            if i > 0 && (ip.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(ch);
        }
        ip = grouped;
    }
    let mut fp = fp;
    while fp.len() > min_decimals && fp.ends_with('0') {
        fp.pop();
    }
    let mut out = String::new();
    if neg && (ip.chars().any(|c| c != '0') || fp.chars().any(|c| c != '0')) {
        out.push('-');
    }
    out.push_str(&ip);
    if !fp.is_empty() {
        out.push('.');
        out.push_str(&fp);
    }
    if out.is_empty() {
        out.push('0');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(y: i32, m: u32, d: u32) -> f64 {
        datetime_to_serial(y, m, d, false)
    }

    #[test]
    fn serials_round_trip() {
        assert_eq!(s(2014, 4, 1), 41730.0);
        assert_eq!(s(1900, 3, 1), 61.0);
        let dt = serial_to_datetime(41730.0, false).unwrap();
        assert_eq!((dt.year, dt.month, dt.day), (2014, 4, 1));
        assert_eq!(dt.weekday, 1); // a Tuesday
        let dt = serial_to_datetime(60.0, false).unwrap();
        assert_eq!((dt.year, dt.month, dt.day), (1900, 2, 29));
        // 1904 system: 1462 days fewer.
        let dt = serial_to_datetime(41730.0 - 1462.0, true).unwrap();
        assert_eq!((dt.year, dt.month, dt.day), (2014, 4, 1));
        assert_eq!(serial_to_datetime(-1.0, false), None);
        assert_eq!(serial_to_datetime(f64::NAN, false), None);
    }

    #[test]
    fn date_formats() {
        let v = s(2014, 4, 1);
        assert_eq!(format_number(v, "dd/mm/yyyy", false), "01/04/2014");
        assert_eq!(format_number(v, "mmm-yy", false), "Apr-14");
        assert_eq!(format_number(v, "MMM\\-YY", false), "Apr-14");
        assert_eq!(format_number(v, "mmmm yyyy", false), "April 2014");
        assert_eq!(format_number(v, "mmmm\\ yy", false), "April 14");
        assert_eq!(
            format_number(v, "[$-809]d mmmm yyyy;@", false),
            "1 April 2014"
        );
        assert_eq!(format_number(v, "dddd d mmm", false), "Tuesday 1 Apr");
        assert_eq!(
            format_number(v + 0.5, "dd/mm/yy hh:mm", false),
            "01/04/14 12:00"
        );
        assert_eq!(format_number(v + 0.75, "h:mm AM/PM", false), "6:00 PM");
        assert_eq!(format_number(v, "mmmmm", false), "A");
        assert!(is_date_format("mmm-yy"));
        assert!(!is_date_format("0.00"));
        assert!(!is_date_format("\"m\"0"));
    }

    #[test]
    fn number_formats() {
        assert_eq!(format_number(1234.5, "General", false), "1234.5");
        assert_eq!(format_number(3.0, "General", false), "3");
        assert_eq!(format_number(1234.567, "#,##0.00", false), "1,234.57");
        assert_eq!(format_number(0.256, "0%", false), "26%");
        assert_eq!(format_number(0.5, "0.0%", false), "50.0%");
        assert_eq!(format_number(-5.0, "0;(0)", false), "(5)");
        assert_eq!(format_number(12.0, "\"£\"#,##0", false), "£12");
        assert_eq!(format_number(12.0, "[$£-809]#,##0.00", false), "£12.00");
        assert_eq!(format_number(7.0, "0", false), "7");
        assert_eq!(format_number(0.1 + 0.2, "General", false), "0.3");
        assert_eq!(general(1.0 / 3.0), "0.3333333333");
    }
}
