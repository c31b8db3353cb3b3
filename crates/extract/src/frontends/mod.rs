//! The front-end adapters: each wraps one front-end crate in the [`FrontEnd`] shape.
//!
//! [`FrontEnd`]: crate::FrontEnd

mod csv;
mod html;
mod json;
mod office;
mod pdf;
mod text;

pub use self::csv::Csv;
pub use self::html::Html;
pub use self::json::Json;
pub use self::office::Office;
pub use self::pdf::Pdf;
pub use self::text::Text;

use plansift_model::{Diagnostic, Document};

use crate::frontend::{FrontEndError, Input};

/// Decode `input` as text, parse it with `parse`, and put the decoding notes before
/// the front-end's own diagnostics.
fn read_text(
    input: &Input<'_>,
    parse: impl FnOnce(&str) -> Result<Document, FrontEndError>,
) -> Result<Document, FrontEndError> {
    let (text, notes) = input.decoded().map_err(FrontEndError::from)?;
    let mut model = parse(text)?;
    let mut all: Vec<Diagnostic> = notes.to_vec();
    all.append(&mut model.diagnostics);
    model.diagnostics = all;
    Ok(model)
}
