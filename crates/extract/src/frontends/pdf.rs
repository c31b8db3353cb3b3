//! PDF files: the adapter over `plansift_pdf` (text layer) and `plansift_pdf_tables`
//! (tables and text blocks from the layout).

use plansift_model::{Document, ErrorCode};
use plansift_schema::Format;

use crate::frontend::{Confidence, FrontEnd, FrontEndError, Input, Sniff};

/// A PDF: `%PDF-` in the leading bytes, or a `.pdf` name (then a file without the
/// header is `pdf.not_pdf`). In a build without the `pdf` feature it still claims PDFs,
/// to say `pdf.unsupported`.
pub struct Pdf;

fn has_signature(bytes: &[u8]) -> bool {
    bytes.windows(5).any(|w| w == b"%PDF-")
}

impl FrontEnd for Pdf {
    fn name(&self) -> &'static str {
        "pdf"
    }

    fn formats(&self) -> &'static [Format] {
        &[Format::Pdf]
    }

    fn sniff(&self, input: &Input<'_>) -> Option<Sniff> {
        if has_signature(input.head()) {
            return Some(Sniff::new(Format::Pdf, Confidence::Magic));
        }
        (input.extension().as_deref() == Some("pdf"))
            .then_some(Sniff::new(Format::Pdf, Confidence::Name))
    }

    fn read(&self, input: &Input<'_>, _format: Format) -> Result<Document, FrontEndError> {
        // The header may start anywhere in the first 1,024 windows of five bytes.
        if !input.bytes().windows(5).take(1024).any(|w| w == b"%PDF-") {
            return Err(FrontEndError::new(
                ErrorCode::PdfNotPdf,
                "named .pdf but the file does not start with a %PDF- header",
            ));
        }
        read_pdf(input.bytes())
    }
}

#[cfg(feature = "pdf")]
fn read_pdf(bytes: &[u8]) -> Result<Document, FrontEndError> {
    let layout = plansift_pdf::parse(bytes, &plansift_pdf::Options::default())
        .map_err(|e| FrontEndError::new(error_code(&e), e.to_string()))?;
    // `to_document` carries the layout's diagnostics and `/Title` into the model:
    // nothing to add here (adding the diagnostics again reported each one twice).
    Ok(plansift_pdf_tables::to_document(&layout))
}

/// The pdf crate's errors as plansift error codes (the same strings, but for
/// `pdf.empty`, which cannot happen here: an empty file is `input.empty` before any
/// front-end is asked).
#[cfg(feature = "pdf")]
fn error_code(e: &plansift_pdf::PdfError) -> ErrorCode {
    use plansift_pdf::PdfError;
    match e {
        PdfError::Encrypted => ErrorCode::PdfEncrypted,
        PdfError::Malformed(_) => ErrorCode::PdfMalformed,
        PdfError::Empty => ErrorCode::InputEmpty,
        PdfError::NoPages => ErrorCode::PdfNoPages,
        PdfError::Timeout(_) => ErrorCode::PdfTimeout,
        PdfError::TooLarge(_) => ErrorCode::PdfTooLarge,
    }
}

#[cfg(not(feature = "pdf"))]
fn read_pdf(_bytes: &[u8]) -> Result<Document, FrontEndError> {
    Err(FrontEndError::new(
        ErrorCode::PdfUnsupported,
        "this build of plansift was made without the PDF front-end",
    ))
}

#[cfg(all(test, feature = "pdf"))]
mod tests {
    use super::*;
    use plansift_pdf::PdfError;
    use std::time::Duration;

    /// Every pdf error keeps its code, but `pdf.empty` (see [`error_code`]).
    #[test]
    fn error_codes_map_to_the_same_strings() {
        for e in [
            PdfError::Encrypted,
            PdfError::Malformed("x".into()),
            PdfError::NoPages,
            PdfError::Timeout(Duration::from_secs(1)),
            PdfError::TooLarge(1),
        ] {
            assert_eq!(error_code(&e).as_str(), e.code(), "{e}");
        }
        assert_eq!(error_code(&PdfError::Empty), ErrorCode::InputEmpty);
    }
}
