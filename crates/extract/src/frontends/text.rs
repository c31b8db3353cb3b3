//! Text converted from PDF (and any text no other front-end claims).

use plansift_model::Document;
use plansift_schema::Format;

use crate::frontend::{Confidence, FrontEnd, FrontEndError, Input, Sniff};

/// `plansift_text`: `.txt`/`.text`/`.md` by name, and the fallback for anything else.
pub struct Text;

impl FrontEnd for Text {
    fn name(&self) -> &'static str {
        "text"
    }

    fn formats(&self) -> &'static [Format] {
        &[Format::Text]
    }

    fn sniff(&self, input: &Input<'_>) -> Option<Sniff> {
        let by_name = matches!(input.extension().as_deref(), Some("txt" | "text" | "md"));
        Some(Sniff::new(
            Format::Text,
            if by_name {
                Confidence::Name
            } else {
                Confidence::Fallback
            },
        ))
    }

    fn read(&self, input: &Input<'_>, _format: Format) -> Result<Document, FrontEndError> {
        super::read_text(input, |text| Ok(plansift_text::parse(text)))
    }
}
