//! JSON exports: arrays of records, each a table (`plansift_json`).

use plansift_model::{Document, ErrorCode};
use plansift_schema::Format;

use crate::frontend::{Confidence, FrontEnd, FrontEndError, Input, Sniff};

/// `.json` by name, or text that opens and closes like JSON.
pub struct Json;

impl FrontEnd for Json {
    fn name(&self) -> &'static str {
        "json"
    }

    fn formats(&self) -> &'static [Format] {
        &[Format::Json]
    }

    fn sniff(&self, input: &Input<'_>) -> Option<Sniff> {
        if matches!(input.extension().as_deref(), Some("json") | Some("jsonl")) {
            return Some(Sniff::new(Format::Json, Confidence::Name));
        }
        plansift_json::looks_json(input.text()?)
            .then_some(Sniff::new(Format::Json, Confidence::Content))
    }

    fn read(&self, input: &Input<'_>, _format: Format) -> Result<Document, FrontEndError> {
        super::read_text(input, |text| {
            plansift_json::parse(text)
                .map_err(|e| FrontEndError::new(ErrorCode::JsonMalformed, e.to_string()))
        })
    }
}
