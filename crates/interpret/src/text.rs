//! Small text predicates shared by the interpretation rules.

use std::sync::LazyLock;

use regex::Regex;

/// The first alphabetic character is lower-case and the text starts with a letter
/// (a line or page wrap: "people and families").
pub fn starts_lower(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_lowercase())
}

/// Starts like the rest of a sentence: a lower-case letter, or `(`, `,`, `;`, `&`, `)`.
pub fn continues(s: &str) -> bool {
    starts_lower(s) || s.starts_with(['(', ',', ';', '&', ')'])
}

/// Words of three or more letters.
pub fn real_words(s: &str) -> usize {
    s.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 3)
        .count()
}

pub fn starts_upper_or_digit(s: &str) -> bool {
    s.chars().next().is_some_and(|c| {
        c.is_uppercase() || c.is_ascii_digit() || c == '"' || c == '\'' || c == '‘' || c == '“'
    })
}

/// Ends like a finished sentence or list (`.`, `!`, `?`, `;`, a closing bracket or quote after one).
pub fn ends_sentence(s: &str) -> bool {
    let t = s
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ')' | '"' | '\'' | '’' | '”'));
    t.ends_with(['.', '!', '?', ';'])
}

/// More `(` than `)`: the text was cut inside brackets.
pub fn unbalanced(s: &str) -> bool {
    s.matches('(').count() > s.matches(')').count()
}

/// A list item: `1.`, `2)`, `a)`, `(iv)`, a bullet.
pub fn list_item(s: &str) -> bool {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:\d{1,3}[.)]\s|\(?[a-z]\)\s|\(?[ivx]{1,4}\)\s)").expect("list regex")
    });
    // numbered items, or the shared bullets (glyphs, and dashes or stars opening an item)
    RE.is_match(s)
        || s.starts_with(plansift_textkit::BULLETS)
        || s.starts_with(plansift_textkit::DASH_BULLETS)
}

/// A number or code leading a text as its label, and the text after it:
/// "1) - Launch x" -> ("1", "Launch x"), "2.3 Review x" -> ("2.3", "Review x"),
/// "(iv) Agree x" -> ("iv", "Agree x"). A bare number that starts a sentence ("10 new
/// homes") is not a label: it needs a `)`, a `.` after it or inside it, or a dash.
pub fn leading_number(s: &str) -> Option<(&str, &str)> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\(?((?:\d{1,3}(?:\.\d{1,3}){1,3}|\d{1,3}|[a-z]|[ivx]{1,4}))(?:\)\s*[-–]?|\.\s*[-–]?|\s+[-–]|)\s+(\S.*)$")
            .expect("leading number regex")
    });
    let c = RE.captures(s.trim())?;
    let (num, rest) = (c.get(1)?.as_str(), c.get(2)?.as_str());
    // "1.2 Review" is labelled by its dots; "3 Review" is not a label
    let whole = c.get(0)?.as_str();
    let after = &whole[num.len() + usize::from(whole.starts_with('(')).min(1)..];
    let marked = num.contains('.')
        || after.starts_with([')', '.'])
        || after.trim_start().starts_with(['-', '–']);
    (marked && starts_upper_or_digit(rest)).then_some((num, rest))
}

/// Strip leading bullets and list dashes ("• Expansion of ..." -> "Expansion of ...").
pub fn strip_bullet(s: &str) -> &str {
    plansift_textkit::strip_bullet(s)
}

/// Join the cells of a row that a converter cut mid-word ("Maxim" + "ising" -> "Maximising").
pub fn join_cells<'a>(cells: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for c in cells {
        let c = c.trim();
        if c.is_empty() {
            continue;
        }
        if !out.is_empty() {
            let mid_word = out.chars().last().is_some_and(|l| l.is_lowercase()) && starts_lower(c);
            if !mid_word {
                out.push(' ');
            }
        }
        out.push_str(c);
    }
    out
}

/// The first sentence: up to a `.`, `!` or `?` followed by a space and an upper-case letter.
pub fn first_sentence(s: &str) -> &str {
    let bytes: Vec<(usize, char)> = s.char_indices().collect();
    for w in bytes.windows(3) {
        if matches!(w[0].1, '.' | '!' | '?') && w[1].1 == ' ' && w[2].1.is_uppercase() {
            // "Dr. Smith", "e.g. The": skip abbreviations of one or two letters
            let before = &s[..w[0].0];
            let last_word = before.rsplit(' ').next().unwrap_or("");
            if last_word.chars().count() <= 2
                && last_word.chars().all(|c| c.is_alphabetic())
                && last_word.chars().next().is_some_and(|c| c.is_uppercase())
            {
                continue;
            }
            return &s[..w[0].0 + 1];
        }
    }
    s
}

/// A row that introduces measures rather than actions ("We will measure success by:").
pub fn measures_intro(s: &str) -> bool {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:we (?:will )?measure\b|measured by\b|(?:key )?performance (?:indicators?|measures?)\b|how (?:we will|will we) (?:know|measure)\b|success (?:measures?|criteria)\b|(?-i:M)easures?:?$|(?-i:I)ndicators?:?$)")
            .expect("measures regex")
    });
    RE.is_match(s.trim())
}

/// A reference code such as `ABC001`, `DEF004`, `GHIJ001.2`, `A1.3`.
pub fn is_ref_code(s: &str) -> bool {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[A-Z][A-Z0-9]{0,9}\d{1,4}(?:[./-]\d{1,3})*$").expect("ref code regex")
    });
    RE.is_match(s.trim())
}

/// The text and each part of it that starts a new sentence ("... template. SHAW004 ...").
pub fn sentence_starts(s: &str) -> impl Iterator<Item = &str> {
    let starts = s.char_indices().filter_map(move |(i, c)| {
        let before = &s[..i];
        (i > 0 && (c.is_uppercase() || c.is_ascii_digit()) && before.ends_with(". ")).then_some(i)
    });
    std::iter::once(0).chain(starts).map(move |i| s[i..].trim())
}

/// "Executive Nurse) Special focus on ..." -> ("Executive Nurse)", "Special focus on ..."):
/// the closing part of a bracket left open, and what follows it.
pub fn split_closing_tail(s: &str) -> Option<(String, String)> {
    let close = s.find(')')?;
    if s[..close].contains('(') {
        return None;
    }
    let (tail, rest) = s.split_at(close + 1);
    let rest = rest.trim();
    starts_upper_or_digit(rest).then(|| (tail.trim().to_string(), rest.to_string()))
}

/// "ABC001 *To maintain ...*" -> ("ABC001", "To maintain ..."): a reference code and its
/// description (emphasis marks around it dropped).
pub fn ref_description(s: &str) -> Option<(&str, &str)> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^([A-Z][A-Z0-9]{1,9}\d{1,4}(?:[./-]\d{1,3})*)\s+[*_]*\s*(.{10,}?)\s*[*_]*$")
            .expect("ref regex")
    });
    let c = RE.captures(s.trim())?;
    Some((c.get(1)?.as_str(), c.get(2)?.as_str()))
}

/// The parent of a hierarchical reference: `ABC001.1` -> `ABC001`, `2.3.1` -> `2.3`.
pub fn parent_ref(r: &str) -> Option<&str> {
    let cut = r.rfind(['.', '/', '-'])?;
    let parent = &r[..cut];
    (!parent.is_empty()).then_some(parent)
}

/// A paragraph that is only a page number ("12", "Page 3 of 10", "- 4 -").
pub fn page_number(s: &str) -> bool {
    plansift_textkit::page_number(s).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn predicates() {
        assert!(starts_lower("people and families"));
        assert!(!starts_lower("People"));
        assert!(unbalanced("Review Group (attended by"));
        assert!(list_item("10. Increased focus"));
        assert!(list_item("• Paediatric"));
        assert!(!list_item("Improve the Quality"));
        assert_eq!(strip_bullet("• Expansion of X"), "Expansion of X");
        assert_eq!(
            leading_number("1) - Launch a scheme"),
            Some(("1", "Launch a scheme"))
        );
        assert_eq!(
            leading_number("2.3 Review the pathway"),
            Some(("2.3", "Review the pathway"))
        );
        assert_eq!(
            leading_number("(iv) Agree the plan"),
            Some(("iv", "Agree the plan"))
        );
        assert_eq!(leading_number("4. Train staff"), Some(("4", "Train staff")));
        assert_eq!(leading_number("10 new homes by March"), None);
        assert_eq!(leading_number("2014/15 budget agreed"), None);
        assert_eq!(
            join_cells([
                "Priority Outcome 2 Maxim",
                "ising Independe",
                "nce and reducing",
                "",
                "November"
            ]),
            "Priority Outcome 2 Maximising Independence and reducing November"
        );
        assert_eq!(
            first_sentence("Priority Outcome 1 Ensuring care. As at the end of May."),
            "Priority Outcome 1 Ensuring care."
        );
        assert!(measures_intro("We will measure success by:"));
        assert!(!measures_intro("Measure the impact of X on Y"));
        assert!(measures_intro("Measures:") && measures_intro("Measures"));
        assert!(!measures_intro("measure"));
        assert_eq!(
            ref_description("SCAR001 *To maintain and develop a workforce*"),
            Some(("SCAR001", "To maintain and develop a workforce"))
        );
        assert_eq!(parent_ref("SCAR001.10"), Some("SCAR001"));
        assert_eq!(parent_ref("SCAR001"), None);
        assert!(page_number("Page 3 of 12"));
        assert!(is_ref_code("SHAW004") && is_ref_code("SCAR001.10") && !is_ref_code("Ongoing"));
        let segs: Vec<&str> =
            sentence_starts("Each risk will need a template. SHAW004 *Increase the numbers*")
                .collect();
        assert_eq!(
            ref_description(segs[1]),
            Some(("SHAW004", "Increase the numbers"))
        );
        assert_eq!(
            split_closing_tail("Executive Nurse) Special focus on x"),
            Some((
                "Executive Nurse)".to_string(),
                "Special focus on x".to_string()
            ))
        );
        assert!(!page_number("3 year ambition"));
    }
}
