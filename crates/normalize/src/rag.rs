//! RAG (red / amber / green) status cells and fills.
//!
//! Understood forms (any case, surrounding punctuation/brackets/tags ignored,
//! "RAG", "status", "rating" prefixes ignored):
//! - letters and words: `R`/`Red`, `A`/`Amber` (also yellow/orange),
//!   `G`/`Green`, `B`/`Blue` (= complete);
//! - combined ratings of two adjacent colours: `Amber/Green`, `A/G`, `AG`,
//!   `Green/Amber` -> `amber_green`; `Red/Amber`, `R/A` -> `red_amber`
//!   (red with green is contradictory -> not understood);
//! - `Complete`, `Completed`, `Achieved`, `Done`, `Delivered`, `Closed`,
//!   `Implemented` -> `complete`;
//! - progress phrases: `on track`/`on target`/`achieved on time` -> green;
//!   `at risk`, `behind`, `delayed`, `slipping`, `slipped`, `some slippage`,
//!   `under control` -> amber (recoverable concerns); `off track`, `off target`,
//!   `behind schedule`, `overdue`, `not on track`, `not achieved`, `missed`,
//!   `failed` -> red (the worst step of the ladders that use them);
//! - statuses that rate nothing keep a null status: `Not started`, `In progress`,
//!   `Pending`, `On hold`, `Not yet due`, `Superseded` ([`looks_like_status`]);
//! - two versions of one status ("Ar y trywydd / On track", a bilingual cell):
//!   the one that is understood, when only one is.
//!
//! A cell longer than [`MAX_RAG_CHARS`] characters is prose: it is read only
//! when it opens with a rating word followed by a separator
//! (`Green - on track and ...`, `Amber: ...`); otherwise the status is `None`.

use crate::text::clean;
pub use plansift_schema::{Rag, RagSource, RagStatus};

/// Cells longer than this (in characters) are prose unless they open with a clear rating.
pub const MAX_RAG_CHARS: usize = 40;

/// Normalise a RAG cell. `raw` is always kept; `status` is `None` when the
/// value is not understood. At most 200 characters are read.
pub fn rag(raw: &str) -> Rag {
    Rag {
        raw: raw.to_string(),
        status: parse_rag(raw, false),
        source: RagSource::Text,
    }
}

/// True when the cell is a RAG value (for column-role detection by content):
/// a short cell made only of rating vocabulary (`G`, `Amber`, `A/G`,
/// `Complete`, `On track`, ...).
pub fn looks_like_rag(raw: &str) -> bool {
    parse_rag(raw, true).is_some()
}

/// True when the cell is a status: a rating ([`looks_like_rag`]) or a status word that
/// rates nothing ("In progress", "Pending", "On hold", "Superseded", "Not yet due").
pub fn looks_like_status(raw: &str) -> bool {
    if looks_like_rag(raw) {
        return true;
    }
    let c = clean(raw, 200);
    if c.contains(" / ") {
        return c.split(" / ").any(no_rating_status);
    }
    no_rating_status(&c)
}

fn no_rating_status(c: &str) -> bool {
    let c = c.trim();
    if c.is_empty() || c.chars().count() > MAX_RAG_CHARS {
        return false;
    }
    let ws = words_of(c);
    let mut ws: Vec<&str> = ws.iter().map(String::as_str).collect();
    while ws.first().is_some_and(|w| is_prefix_filler(w)) {
        ws.remove(0);
    }
    NO_RATING.contains(&ws.as_slice())
}

fn words_of(s: &str) -> Vec<String> {
    s.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn is_prefix_filler(w: &str) -> bool {
    matches!(
        w,
        "rag" | "status" | "rating" | "overall" | "current" | "brag" | "rag_status"
    )
}

#[derive(Clone, Copy, PartialEq)]
enum Colour {
    R,
    A,
    G,
    B,
}

fn colour_word(w: &str) -> Option<Colour> {
    Some(match w {
        "red" => Colour::R,
        "amber" | "yellow" | "orange" => Colour::A,
        "green" => Colour::G,
        "blue" => Colour::B,
        _ => return None,
    })
}

fn colour_letters(w: &str) -> Option<Vec<Colour>> {
    if w.is_empty() || w.len() > 2 {
        return None;
    }
    w.chars()
        .map(|c| match c {
            'r' => Some(Colour::R),
            'a' => Some(Colour::A),
            'g' => Some(Colour::G),
            'b' => Some(Colour::B),
            _ => None,
        })
        .collect()
}

fn combine(cs: &[Colour]) -> Option<RagStatus> {
    let has = |c: Colour| cs.contains(&c);
    if cs.is_empty() || cs.len() > 2 {
        return None;
    }
    if has(Colour::B) {
        return if cs.iter().all(|c| *c == Colour::B) {
            Some(RagStatus::Complete)
        } else {
            None
        };
    }
    match (has(Colour::R), has(Colour::A), has(Colour::G)) {
        (true, false, false) => Some(RagStatus::Red),
        (false, true, false) => Some(RagStatus::Amber),
        (false, false, true) => Some(RagStatus::Green),
        (true, true, false) => Some(RagStatus::RedAmber),
        (false, true, true) => Some(RagStatus::AmberGreen),
        _ => None,
    }
}

/// A status phrase made of the whole word list.
///
/// The vocabularies are those UK public bodies use in plan updates and action logs besides
/// the colours: "on track / at risk / off track"; "achieved / on target / under control /
/// behind schedule" (key action plan progress reports); "complete / in progress / not
/// started / overdue" (trackers); BRAG's blue for complete. A few are statuses without a
/// rating (see [`NO_RATING`]).
fn phrase_status(ws: &[&str]) -> Option<RagStatus> {
    use RagStatus::*;
    Some(match ws {
        ["complete"]
        | ["completed"]
        | ["achieved"]
        | ["done"]
        | ["delivered"]
        | ["closed"]
        | ["finished"]
        | ["met"]
        | ["implemented"]
        | ["fully", "implemented"]
        | ["fully", "achieved"]
        | ["fully", "complete"]
        | ["fully", "completed"]
        | ["completed", "on", "time"]
        | ["action", "complete"]
        | ["action", "completed"]
        | ["action", "closed"] => Complete,
        ["on", "track"]
        | ["on", "target"]
        | ["on", "schedule"]
        | ["on", "course"]
        | ["achieved", "on", "time"]
        | ["achieved", "or", "on", "target"]
        | ["in", "progress", "on", "track"]
        | ["progressing", "well"]
        | ["good", "progress"] => Green,
        ["at", "risk"]
        | ["behind"]
        | ["slightly", "behind"]
        | ["slightly", "behind", "schedule"]
        | ["delayed"]
        | ["minor", "delay"]
        | ["slipping"]
        | ["some", "slippage"]
        | ["minor", "slippage"]
        | ["slippage"]
        | ["slipped"]
        | ["some", "concerns"]
        | ["some", "issues"]
        | ["under", "control"]
        | ["partially", "achieved"]
        | ["partly", "achieved"]
        | ["partially", "implemented"]
        | ["partially", "complete"]
        | ["partially", "completed"] => Amber,
        ["off", "track"]
        | ["off", "target"]
        | ["not", "on", "track"]
        | ["not", "achieved"]
        | ["missed"]
        | ["failed"]
        | ["not", "met"]
        | ["overdue"]
        | ["behind", "schedule"]
        | ["significantly", "behind"]
        | ["significantly", "behind", "schedule"]
        | ["significant", "slippage"]
        | ["significant", "delay"]
        | ["serious", "concern"]
        | ["serious", "concerns"]
        | ["not", "implemented"] => Red,
        _ => return None,
    })
}

/// Statuses that say where an action stands without rating it: `raw` is kept, the status
/// is null, but a column of them is a status column.
const NO_RATING: &[&[&str]] = &[
    // not started rates nothing yet (public bodies leave it grey or uncoloured)
    &["not", "started"],
    &["not", "yet", "started"],
    &["yet", "to", "start"],
    &["yet", "to", "commence"],
    &["not", "begun"],
    &["not", "commenced"],
    &["not", "yet", "commenced"],
    &["in", "progress"],
    &["ongoing"],
    &["on", "going"],
    &["open"],
    &["pending"],
    &["on", "hold"],
    &["incomplete"],
    &["not", "complete"],
    &["not", "completed"],
    &["superseded"],
    &["deferred"],
    &["withdrawn"],
    &["cancelled"],
    &["canceled"],
    &["not", "due"],
    &["not", "yet", "due"],
    &["outstanding"],
    &["live"],
    &["active"],
    &["proposed", "for", "closure"],
    &["propose", "to", "close"],
    &["carried", "forward"],
    &["rolled", "forward"],
    &["transferred"],
    &["merged"],
    &["under", "review"],
    &["no", "longer", "required"],
    &["n", "a"],
];

/// Status from a short word list: colours (words or letters) and/or a phrase.
fn status_of_words(ws: &[&str], strict: bool) -> Option<RagStatus> {
    let ws: Vec<&str> = {
        let mut v = ws.to_vec();
        while v.first().is_some_and(|w| is_prefix_filler(w)) {
            v.remove(0);
        }
        v
    };
    if ws.is_empty() {
        return None;
    }
    // Only colours (as words, or letters when every token is a letter code).
    let all_words: Option<Vec<Colour>> = ws.iter().map(|w| colour_word(w)).collect();
    if let Some(cs) = all_words {
        return combine(&cs);
    }
    let letters: Option<Vec<Colour>> = ws
        .iter()
        .filter(|w| **w != "to")
        .map(|w| colour_letters(w))
        .collect::<Option<Vec<_>>>()
        .map(|v| v.into_iter().flatten().collect());
    if let Some(cs) = letters {
        return combine(&cs);
    }
    if let Some(s) = phrase_status(&ws) {
        return Some(s);
    }
    // Colour words (or one letter code) followed by a status phrase / words:
    // "Green - on track", "G (on track)", "Amber to Green" .
    let lead: Vec<Colour> = ws.iter().map_while(|w| colour_word(w)).collect();
    let n = lead.len();
    if n > 0 {
        let rest = ws.get(n..).unwrap_or(&[]);
        if rest.first() == Some(&"to") {
            let tail: Option<Vec<Colour>> = rest
                .get(1..)
                .unwrap_or(&[])
                .iter()
                .map(|w| colour_word(w))
                .collect();
            if let Some(t) = tail {
                let mut all = lead.clone();
                all.extend(t);
                return combine(&all);
            }
        }
        if !strict || phrase_status(rest).is_some() {
            return combine(&lead);
        }
    }
    if let Some(cs) = colour_letters(ws[0]) {
        if ws.len() > 1 && phrase_status(&ws[1..]).is_some() {
            return combine(&cs);
        }
    }
    None
}

fn parse_rag(raw: &str, strict: bool) -> Option<RagStatus> {
    let c = clean(raw, 200);
    if c.is_empty() {
        return None;
    }
    // "Ar y trywydd / On track": the parts, when the whole is not understood and the
    // understood parts agree
    if c.contains(" / ") {
        if let Some(s) = parse_whole(&c, strict) {
            return Some(s);
        }
        let found: Vec<RagStatus> = c
            .split(" / ")
            .filter_map(|p| parse_whole(p, strict))
            .collect();
        return (found.len() == 1 || found.windows(2).all(|w| w[0] == w[1]))
            .then(|| found.first().copied())
            .flatten();
    }
    parse_whole(&c, strict)
}

fn parse_whole(c: &str, strict: bool) -> Option<RagStatus> {
    let c = c.trim();
    if c.is_empty() {
        return None;
    }
    if c.chars().count() > MAX_RAG_CHARS {
        if strict {
            return None;
        }
        // Prose: only a leading rating word followed by a separator.
        let head_end = c
            .find([':', '-', '–', '—', '.', ';', '\n'])
            .filter(|i| *i <= 30)?;
        let head = c.get(..head_end)?;
        let ws = words_of(head);
        let ws: Vec<&str> = ws.iter().map(String::as_str).collect();
        if ws.iter().any(|w| w.len() <= 2) && ws.len() > 1 {
            return None;
        }
        return status_of_words(&ws, true);
    }
    let ws = words_of(c);
    let ws: Vec<&str> = ws.iter().map(String::as_str).collect();
    if ws.len() > 6 {
        return None;
    }
    status_of_words(&ws, strict)
}

/// RAG status from a cell's fill colour. `raw` becomes `#RRGGBB`.
///
/// Only clear, saturated fills count: red (hue within 15° of 0°), amber
/// (orange to yellow, 20°-62°), green (70°-170°), bright blue (190°-250°,
/// value at least 0.6) = complete; dark navy header bands are not ratings.
/// White, grey, black and pale tints (saturation below 0.45 or value below
/// 0.35, e.g. header shading or Excel's pale "good/bad" styles) give `None`.
pub fn rag_from_colour(r: u8, g: u8, b: u8) -> Option<Rag> {
    let (rf, gf, bf) = (r as f32 / 255.0, g as f32 / 255.0, b as f32 / 255.0);
    let max = rf.max(gf).max(bf);
    let min = rf.min(gf).min(bf);
    let delta = max - min;
    if max < 0.35 || max <= 0.0 {
        return None;
    }
    let sat = delta / max;
    if sat < 0.45 || delta < 0.2 {
        return None;
    }
    let mut hue = if max == rf {
        60.0 * ((gf - bf) / delta)
    } else if max == gf {
        60.0 * ((bf - rf) / delta + 2.0)
    } else {
        60.0 * ((rf - gf) / delta + 4.0)
    };
    if hue < 0.0 {
        hue += 360.0;
    }
    let status = if !(15.0..345.0).contains(&hue) {
        RagStatus::Red
    } else if (20.0..=62.0).contains(&hue) {
        RagStatus::Amber
    } else if (70.0..=170.0).contains(&hue) {
        RagStatus::Green
    } else if (190.0..=250.0).contains(&hue) && max >= 0.6 {
        // bright blue only: dark navy is header shading, not "complete"
        RagStatus::Complete
    } else {
        return None;
    };
    Some(Rag {
        raw: format!("#{r:02X}{g:02X}{b:02X}"),
        status: Some(status),
        source: RagSource::Colour,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use RagStatus::*;

    fn st(s: &str) -> Option<RagStatus> {
        rag(s).status
    }

    #[test]
    fn letters_and_words_any_case() {
        for (s, want) in [
            ("G", Green),
            ("g", Green),
            ("Green", Green),
            ("GREEN", Green),
            ("R", Red),
            ("red", Red),
            ("A", Amber),
            ("Amber", Amber),
            ("AMBER", Amber),
        ] {
            assert_eq!(st(s), Some(want), "{s}");
        }
    }

    #[test]
    fn html_and_punctuation() {
        assert_eq!(st("<b>G</b>"), Some(Green));
        assert_eq!(st("G "), Some(Green));
        assert_eq!(st("(G)"), Some(Green));
        assert_eq!(st("[A]"), Some(Amber));
        assert_eq!(st("<p>Red</p>"), Some(Red));
        assert_eq!(st("G."), Some(Green));
        assert_eq!(st("RAG: G"), Some(Green));
        assert_eq!(st("Status: Amber"), Some(Amber));
    }

    #[test]
    fn combined_ratings() {
        assert_eq!(st("Amber/Green"), Some(AmberGreen));
        assert_eq!(st("A/G"), Some(AmberGreen));
        assert_eq!(st("AG"), Some(AmberGreen));
        assert_eq!(st("Green/Amber"), Some(AmberGreen));
        assert_eq!(st("Green / Amber"), Some(AmberGreen));
        assert_eq!(st("Amber-Green"), Some(AmberGreen));
        assert_eq!(st("Red/Amber"), Some(RedAmber));
        assert_eq!(st("R/A"), Some(RedAmber));
        assert_eq!(st("Amber to Green"), Some(AmberGreen));
        assert_eq!(st("Red/Green"), None);
    }

    #[test]
    fn complete_and_not_started() {
        for s in [
            "Blue",
            "B",
            "Complete",
            "Completed",
            "COMPLETED",
            "Achieved",
        ] {
            assert_eq!(st(s), Some(Complete), "{s}");
        }
        assert_eq!(st("Not started"), None);
        assert_eq!(st("Not yet started"), None);
        assert!(looks_like_status("Not started"));
        assert_eq!(st("Closed"), Some(Complete));
        assert_eq!(st("Fully implemented"), Some(Complete));
    }

    #[test]
    fn status_vocabularies() {
        assert_eq!(st("Some slippage"), Some(Amber));
        assert_eq!(st("Delayed"), Some(Amber));
        assert_eq!(st("Under control"), Some(Amber));
        assert_eq!(st("Overdue"), Some(Red));
        assert_eq!(st("Achieved or on target"), Some(Green));
        for s in [
            "In progress",
            "Incomplete",
            "Pending",
            "On hold",
            "Not yet due",
            "Superseded",
        ] {
            assert_eq!(st(s), None, "{s}");
            assert!(looks_like_status(s), "{s}");
            assert!(!looks_like_rag(s), "{s}");
        }
        for s in [
            "Green",
            "On track",
            "Complete",
            "Mewn perygl / At risk",
            "Ar waith / In progress",
        ] {
            assert!(looks_like_status(s), "{s}");
        }
        assert_eq!(st("Ar y trywydd / On track"), Some(Green));
        assert_eq!(st("Cwblhawyd / Complete"), Some(Complete));
        assert_eq!(st("Green / Red"), None);
        for s in ["Mandy Ansell", "Open the new centre", "March 2015", ""] {
            assert!(!looks_like_status(s), "{s}");
        }
    }

    #[test]
    fn progress_phrases() {
        assert_eq!(st("On track"), Some(Green));
        assert_eq!(st("on target"), Some(Green));
        assert_eq!(st("Off track"), Some(Red));
        assert_eq!(st("At risk"), Some(Amber));
        assert_eq!(st("Behind schedule"), Some(Red));
        assert_eq!(st("Slipped"), Some(Amber));
        assert_eq!(st("Green - on track"), Some(Green));
        assert_eq!(st("G (on track)"), Some(Green));
    }

    #[test]
    fn prose_is_not_a_rating() {
        let prose = "Green spaces are being improved across the borough with new planting";
        assert_eq!(st(prose), None);
        assert_eq!(
            st("The scheme is progressing well and remains green overall for now"),
            None
        );
        assert_eq!(st("A new approach"), None);
        assert_eq!(st(""), None);
        assert_eq!(st("Mandy Ansell"), None);
        // A long cell that opens with a clear rating
        assert_eq!(
            st("Amber: the project has slipped by two months due to procurement"),
            Some(Amber)
        );
    }

    #[test]
    fn raw_always_kept() {
        let r = rag("  (G) ");
        assert_eq!(r.raw, "  (G) ");
        assert_eq!(r.source, RagSource::Text);
        assert_eq!(rag("whatever").raw, "whatever");
        assert_eq!(rag("whatever").status, None);
    }

    #[test]
    fn looks_like_rag_is_strict() {
        for s in [
            "G",
            "Amber",
            "A/G",
            "Complete",
            "On track",
            "<b>R</b>",
            "Green - on track",
        ] {
            assert!(looks_like_rag(s), "{s}");
        }
        for s in [
            "",
            "Mandy Ansell",
            "Green spaces",
            "A new approach",
            "March 2015",
            "Amber: the project has slipped by two months",
        ] {
            assert!(!looks_like_rag(s), "{s}");
        }
    }

    #[test]
    fn colours() {
        let c = |r, g, b| rag_from_colour(r, g, b).and_then(|x| x.status);
        assert_eq!(c(255, 0, 0), Some(Red));
        assert_eq!(c(192, 0, 0), Some(Red));
        assert_eq!(c(255, 192, 0), Some(Amber));
        assert_eq!(c(255, 153, 0), Some(Amber));
        assert_eq!(c(255, 255, 0), Some(Amber));
        assert_eq!(c(0, 176, 80), Some(Green));
        assert_eq!(c(146, 208, 80), Some(Green));
        assert_eq!(c(0, 128, 0), Some(Green));
        assert_eq!(c(0, 112, 192), Some(Complete));
        assert_eq!(c(255, 255, 255), None);
        assert_eq!(c(217, 217, 217), None);
        assert_eq!(c(0, 0, 0), None);
        assert_eq!(c(255, 199, 206), None); // pale red tint
        assert_eq!(c(198, 239, 206), None); // pale green tint
        assert_eq!(c(220, 230, 241), None); // pale blue header shading
        assert_eq!(c(238, 243, 250), None); // banded row fill
        assert_eq!(c(31, 78, 121), None); // dark navy header band
        assert_eq!(c(68, 68, 68), None); // dark grey
        assert_eq!(
            rag_from_colour(0, 176, 80).map(|r| r.raw),
            Some("#00B050".to_string())
        );
        assert_eq!(
            rag_from_colour(0, 176, 80).map(|r| r.source),
            Some(RagSource::Colour)
        );
    }
}
