//! Normalisers for plan table cells: deadlines, the plan's period, RAG
//! ratings and leads. Every format's interpretation stage calls these on raw
//! cell text; each returns a typed value that keeps the raw text.
//!
//! All normalisers are total (never panic) and bounded: they read only a
//! prefix of very long cells (see [`MAX_DEADLINE_CHARS`] and the notes on each
//! function), so a 100k-character cell costs no more than a short one.

mod dates;
mod deadline;
mod period;
mod text;

pub use deadline::{deadline, looks_like_deadline, Deadline, DeadlineKind, MAX_DEADLINE_CHARS};
pub use period::{detect_period, parse_period, Period};
mod lead;
mod rag;

pub use lead::{lead, looks_like_person, Lead, Person, PersonKind, MAX_LEAD_CHARS};
pub use rag::{
    looks_like_rag, looks_like_status, rag, rag_from_colour, Rag, RagSource, RagStatus,
    MAX_RAG_CHARS,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_snake_case_and_iso_dates() {
        let p = parse_period("2014/15");
        let d = deadline("Throughout 14/15", p.as_ref());
        let v = serde_json::to_value(&d).expect("json");
        assert_eq!(v["start"], "2014-04-01");
        assert_eq!(v["end"], "2015-03-31");
        assert_eq!(v["kind"], "financial_year");
        assert_eq!(
            serde_json::to_value(DeadlineKind::NotApplicable).expect("json"),
            "not_applicable"
        );
        let r = serde_json::to_value(rag("A/G")).expect("json");
        assert_eq!(r["status"], "amber_green");
        assert_eq!(r["source"], "text");
        let l = serde_json::to_value(lead("GK/MW")).expect("json");
        assert_eq!(l["people"][0]["kind"], "initials");
        let pv = serde_json::to_value(&p).expect("json");
        assert_eq!(pv["start"], "2014-04-01");
    }

    #[test]
    fn schema_has_descriptions() {
        let s = serde_json::to_value(schemars::schema_for!(Deadline)).expect("schema");
        let text = s.to_string();
        assert!(text.contains("The cell text exactly as given"), "{text}");
        assert!(text.contains("\"format\":\"date\""), "{text}");
        assert!(text.contains("financial_year"), "{text}");
        let s = serde_json::to_value(schemars::schema_for!(Lead))
            .expect("schema")
            .to_string();
        assert!(s.contains("Clinical Quality Review Group"), "{s}");
    }
}
