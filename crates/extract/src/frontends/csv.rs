//! CSV/TSV spreadsheet exports.

use plansift_model::{Document, ErrorCode};
use plansift_schema::Format;

use crate::frontend::{Confidence, FrontEnd, FrontEndError, Input, Sniff};

/// `plansift_csv`: `.csv` (CSV) and `.tsv`/`.tab` (TSV) by name, or text whose records
/// split consistently on a delimiter (TSV when it is a tab).
pub struct Csv;

impl FrontEnd for Csv {
    fn name(&self) -> &'static str {
        "csv"
    }

    fn formats(&self) -> &'static [Format] {
        &[Format::Csv, Format::Tsv]
    }

    fn sniff(&self, input: &Input<'_>) -> Option<Sniff> {
        match input.extension().as_deref() {
            Some("csv") => return Some(Sniff::new(Format::Csv, Confidence::Name)),
            Some("tsv" | "tab") => return Some(Sniff::new(Format::Tsv, Confidence::Name)),
            _ => {}
        }
        let format = match plansift_csv::looks_delimited(input.text()?)? {
            b'\t' => Format::Tsv,
            _ => Format::Csv,
        };
        Some(Sniff::new(format, Confidence::Content))
    }

    /// The delimiter is sniffed again from the text (a `.csv` may hold `;`-separated
    /// records); without one, a tab for TSV and a comma for CSV.
    fn read(&self, input: &Input<'_>, format: Format) -> Result<Document, FrontEndError> {
        super::read_text(input, |text| {
            let delim = plansift_csv::sniff_delimiter(text).unwrap_or(if format == Format::Tsv {
                b'\t'
            } else {
                b','
            });
            plansift_csv::parse(text, delim).map_err(|e| {
                // Over the cells a table may have is a budget, not a damaged file.
                let code = match e {
                    plansift_csv::CsvError::TooLarge { .. } => ErrorCode::InputTooComplex,
                    _ => ErrorCode::CsvMalformed,
                };
                FrontEndError::new(code, e.to_string())
            })
        })
    }
}
