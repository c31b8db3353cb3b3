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
pub use rag::{looks_like_rag, rag, rag_from_colour, Rag, RagSource, RagStatus, MAX_RAG_CHARS};
