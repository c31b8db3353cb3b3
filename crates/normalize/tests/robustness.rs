//! Random and adversarial inputs: no normaliser panics, and a 100k-character
//! cell is handled fast because each normaliser reads only a bounded prefix.

use plansift_normalize::*;
use proptest::prelude::*;
use std::time::{Duration, Instant};

fn run_all(s: &str) {
    let p = parse_period("2014/15");
    let d = deadline(s, p.as_ref());
    assert_eq!(d.raw, s);
    if let (Some(a), Some(b)) = (d.start, d.end) {
        assert!(a <= b, "start after end for {:?}: {d:?}", truncate(s));
    }
    let d2 = deadline(s, None);
    assert_eq!(d2.raw, s);
    let r = rag(s);
    assert_eq!(r.raw, s);
    let l = lead(s);
    assert_eq!(l.raw, s);
    for person in &l.people {
        assert!(
            !person.name.trim().is_empty(),
            "empty name from {:?}",
            truncate(s)
        );
    }
    let _ = looks_like_deadline(s);
    let _ = looks_like_rag(s);
    let _ = looks_like_person(s);
    let _ = parse_period(s);
    let _ = detect_period([s, s]);
    // serialisable
    let _ = serde_json::to_string(&d).expect("serialise deadline");
    let _ = serde_json::to_string(&l).expect("serialise lead");
}

fn truncate(s: &str) -> String {
    s.chars().take(80).collect()
}

/// Adversarial fragments glued together by proptest.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("by ".to_string()),
        Just("by by by ".to_string()),
        Just("/".to_string()),
        Just("//////".to_string()),
        Just(" - ".to_string()),
        Just("–".to_string()),
        Just("w/c ".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("<sup>".to_string()),
        Just("&amp;".to_string()),
        Just("Q4 ".to_string()),
        Just("quarter ".to_string()),
        Just("winter ".to_string()),
        Just("March ".to_string()),
        Just("May ".to_string()),
        Just("31/02/11".to_string()),
        Just("29.02.2013".to_string()),
        Just("9999-99-99".to_string()),
        Just("2014/15".to_string()),
        Just("99/00".to_string()),
        Just("00/01".to_string()),
        Just("4294967295".to_string()),
        Just("65535".to_string()),
        Just("16th ".to_string()),
        Just("between ".to_string()),
        Just(" and ".to_string()),
        Just("to be confirmed ".to_string()),
        Just("last ".to_string()),
        Just("monthly ".to_string()),
        Just("onwards".to_string()),
        Just("via ".to_string()),
        Just("SMT".to_string()),
        Just("GK/".to_string()),
        Just("MCCUDDEN ".to_string()),
        Just("O'".to_string()),
        Just("Jane Foster-Taylor ".to_string()),
        Just("A/G".to_string()),
        Just("Green ".to_string()),
        Just("😀".to_string()),
        Just("日本語".to_string()),
        Just("مرحبا".to_string()),
        Just("\u{0301}".to_string()),
        Just("\u{200b}".to_string()),
        Just("\t\n".to_string()),
        "[0-9]{1,6}",
        "[[:punct:]]{1,8}",
        "\\PC{0,12}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn random_strings_never_panic(s in "\\PC{0,200}") {
        run_all(&s);
    }

    #[test]
    fn adversarial_fragments_never_panic(parts in prop::collection::vec(fragment(), 0..40)) {
        run_all(&parts.concat());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Very long cells (up to 100k chars) built by repeating a fragment.
    #[test]
    fn long_cells_are_fast(parts in prop::collection::vec(fragment(), 1..6), len in 10_000usize..100_000) {
        let unit = parts.concat();
        let mut s = String::with_capacity(len + 64);
        while s.len() < len && !unit.is_empty() {
            s.push_str(&unit);
        }
        let t = Instant::now();
        run_all(&s);
        prop_assert!(t.elapsed() < Duration::from_secs(2), "took {:?} on {} chars", t.elapsed(), s.len());
    }
}

#[test]
fn fixed_pathological_100k_inputs_are_fast() {
    let inputs = [
        "9".repeat(100_000),
        "!@#$%^&*()_+-=[]{};':\",./<>?\\|`~".repeat(3_200),
        "by ".repeat(33_000),
        "/".repeat(100_000),
        "日本語😀مرحبا Ünïcödé ".repeat(5_000),
        "March 2015 – ".repeat(8_000),
        "(".repeat(50_000) + &")".repeat(50_000),
        "<".repeat(100_000),
        "GK/".repeat(33_000),
        "Jane Smith and ".repeat(7_000),
        "24/02/11 ".repeat(11_000),
    ];
    for s in &inputs {
        let t = Instant::now();
        run_all(s);
        let el = t.elapsed();
        assert!(
            el < Duration::from_secs(1),
            "took {el:?} on {:?}...",
            truncate(s)
        );
    }
}
