//! The stable machine-readable codes plansift reports.
//!
//! - [`ErrorCode`]: why a document could not be read at all (`error.code` in the output;
//!   the document then has no actions). The README lists exactly these (a test checks).
//! - [`DiagnosticCode`]: a note or warning on a document that was read (`diagnostics[].code`).
//!
//! `input.encoding` is both: an error when the bytes are not text plansift can decode,
//! and an info diagnostic saying how text that could be decoded was decoded.

use std::fmt;

/// Why a document could not be read (`error.code`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ErrorCode {
    /// The file could not be read (missing, a folder, permissions).
    IoRead,
    /// The file is empty or holds only white space.
    InputEmpty,
    /// The file is binary, not text, and no front-end reads it.
    InputBinary,
    /// The text is neither UTF-8, UTF-16 with a byte-order mark, nor Windows-1252.
    InputEncoding,
    /// The file is larger than plansift reads.
    InputTooLarge,
    /// Not a regular file: a FIFO, a socket or a device (never opened, so never waited on).
    InputNotAFile,
    /// A folder nested deeper below the path given than plansift walks.
    InputTooDeep,
    /// The CSV/TSV export cannot be parsed.
    CsvMalformed,
    /// Named `.pdf`, but not a PDF (no `%PDF-` header).
    PdfNotPdf,
    /// An encrypted PDF the empty password does not open.
    PdfEncrypted,
    /// A PDF too damaged to read.
    PdfMalformed,
    /// A PDF without pages.
    PdfNoPages,
    /// A PDF whose streams decompress to more than plansift allows.
    PdfTooLarge,
    /// Reading the PDF took longer than the time budget.
    PdfTimeout,
    /// This build of plansift has no PDF front-end.
    PdfUnsupported,
    /// A file plansift recognises but does not read (legacy `.doc`, `.odt`, `.xlsb`).
    InputUnsupported,
    /// A JSON export that is not valid JSON.
    JsonMalformed,
    /// A Word or spreadsheet file too damaged to read.
    OfficeMalformed,
    /// A password-protected Word or spreadsheet file.
    OfficeEncrypted,
    /// A Word or spreadsheet file over plansift's limits (a ZIP bomb, too many cells).
    OfficeTooLarge,
    /// A document over a budget other than a PDF's time: an HTML, text, CSV or office
    /// document that took longer than the time budget.
    InputTooComplex,
    /// plansift failed on the file (a bug).
    InternalPanic,
}

impl ErrorCode {
    /// Every error code, in the order the README lists them.
    pub const ALL: [ErrorCode; 22] = [
        ErrorCode::IoRead,
        ErrorCode::InputEmpty,
        ErrorCode::InputBinary,
        ErrorCode::InputEncoding,
        ErrorCode::InputTooLarge,
        ErrorCode::InputNotAFile,
        ErrorCode::InputTooDeep,
        ErrorCode::CsvMalformed,
        ErrorCode::JsonMalformed,
        ErrorCode::PdfNotPdf,
        ErrorCode::PdfEncrypted,
        ErrorCode::PdfMalformed,
        ErrorCode::PdfNoPages,
        ErrorCode::PdfTooLarge,
        ErrorCode::PdfTimeout,
        ErrorCode::PdfUnsupported,
        ErrorCode::InputUnsupported,
        ErrorCode::OfficeMalformed,
        ErrorCode::OfficeEncrypted,
        ErrorCode::OfficeTooLarge,
        ErrorCode::InputTooComplex,
        ErrorCode::InternalPanic,
    ];

    /// The code as written in the output, e.g. `pdf.encrypted`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorCode::IoRead => "io.read",
            ErrorCode::InputEmpty => "input.empty",
            ErrorCode::InputBinary => "input.binary",
            ErrorCode::InputEncoding => "input.encoding",
            ErrorCode::InputTooLarge => "input.too_large",
            ErrorCode::InputNotAFile => "input.not_a_file",
            ErrorCode::InputTooDeep => "input.too_deep",
            ErrorCode::CsvMalformed => "csv.malformed",
            ErrorCode::JsonMalformed => "json.malformed",
            ErrorCode::PdfNotPdf => "pdf.not_pdf",
            ErrorCode::PdfEncrypted => "pdf.encrypted",
            ErrorCode::PdfMalformed => "pdf.malformed",
            ErrorCode::PdfNoPages => "pdf.no_pages",
            ErrorCode::PdfTooLarge => "pdf.too_large",
            ErrorCode::PdfTimeout => "pdf.timeout",
            ErrorCode::PdfUnsupported => "pdf.unsupported",
            ErrorCode::InputUnsupported => "input.unsupported",
            ErrorCode::OfficeMalformed => "office.malformed",
            ErrorCode::OfficeEncrypted => "office.encrypted",
            ErrorCode::OfficeTooLarge => "office.too_large",
            ErrorCode::InputTooComplex => "input.too_complex",
            ErrorCode::InternalPanic => "internal.panic",
        }
    }

    /// The code written as `s`, if it is one.
    pub fn parse(s: &str) -> Option<ErrorCode> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// With this error the file's format is not known: it is empty, or binary that
    /// no front-end claimed (the output's `source.format` is then null).
    pub const fn format_unknown(self) -> bool {
        matches!(
            self,
            ErrorCode::IoRead
                | ErrorCode::InputEmpty
                | ErrorCode::InputBinary
                | ErrorCode::InputTooLarge
                | ErrorCode::InputNotAFile
                | ErrorCode::InputTooDeep
        )
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<ErrorCode> for String {
    fn from(c: ErrorCode) -> String {
        c.as_str().to_string()
    }
}

/// A note or warning on a document that was read (`diagnostics[].code`).
///
/// The PDF crates and the interpretation stage still write some of these as string
/// literals; the strings are the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DiagnosticCode {
    /// How text was decoded (UTF-16, Windows-1252), or that bad sequences were replaced.
    InputEncoding,
    /// A CSV/TSV export has no record with two or more fields: no table.
    CsvNoTable,
    /// A quoted CSV field is never closed; it runs to the end of the file.
    CsvUnterminatedQuote,
    /// An HTML page with no text and no tables.
    HtmlNoContent,
    /// An HTML table wider than the widest grid kept; the columns beyond were dropped.
    HtmlTableTooWide,
    /// An HTML table with more grid positions than kept; columns were dropped.
    HtmlTableTooLarge,
    /// The PDF's cross-reference table was rebuilt.
    PdfXrefRebuilt,
    /// A damaged page tree (a cycle, a bad node).
    PdfPageTree,
    /// Pages beyond the most read were skipped.
    PdfTooManyPages,
    /// A damaged structure tree (tags) was left out.
    PdfStructTree,
    /// The PDF has no text layer (scanned?).
    PdfNoText,
    /// A page could not be read.
    PdfPage,
    /// A content stream could not be decoded.
    PdfStream,
    /// A bad token in a content stream.
    PdfBadToken,
    /// An operator with operands of the wrong kind or number.
    PdfBadOperands,
    /// A colour space missing from the resources (DeviceGray used instead).
    PdfColorspace,
    /// A font that is missing, could not be read, or text shown with no font.
    PdfFont,
    /// A Form XObject that draws itself.
    PdfFormCycle,
    /// Form XObjects nested deeper than followed.
    PdfFormDepth,
    /// The graphics state stack grew too deep.
    PdfStack,
    /// A page over a cap of the document's budget (operators interpreted, text per
    /// glyph or per page); what was over it was skipped, the rest kept.
    PdfTooComplex,
    /// A document over a cap of its budget (text per document, HTML nesting depth);
    /// what was over it was cut or flattened, the rest kept.
    InputTooComplex,
    /// No plan table found in the document.
    PlanNoPlanTable,
}

impl DiagnosticCode {
    /// Every diagnostic code.
    pub const ALL: [DiagnosticCode; 23] = [
        DiagnosticCode::InputEncoding,
        DiagnosticCode::CsvNoTable,
        DiagnosticCode::CsvUnterminatedQuote,
        DiagnosticCode::HtmlNoContent,
        DiagnosticCode::HtmlTableTooWide,
        DiagnosticCode::HtmlTableTooLarge,
        DiagnosticCode::PdfXrefRebuilt,
        DiagnosticCode::PdfPageTree,
        DiagnosticCode::PdfTooManyPages,
        DiagnosticCode::PdfStructTree,
        DiagnosticCode::PdfNoText,
        DiagnosticCode::PdfPage,
        DiagnosticCode::PdfStream,
        DiagnosticCode::PdfBadToken,
        DiagnosticCode::PdfBadOperands,
        DiagnosticCode::PdfColorspace,
        DiagnosticCode::PdfFont,
        DiagnosticCode::PdfFormCycle,
        DiagnosticCode::PdfFormDepth,
        DiagnosticCode::PdfStack,
        DiagnosticCode::PdfTooComplex,
        DiagnosticCode::InputTooComplex,
        DiagnosticCode::PlanNoPlanTable,
    ];

    /// The code as written in the output, e.g. `csv.no_table`.
    pub const fn as_str(self) -> &'static str {
        match self {
            DiagnosticCode::InputEncoding => "input.encoding",
            DiagnosticCode::CsvNoTable => "csv.no_table",
            DiagnosticCode::CsvUnterminatedQuote => "csv.unterminated_quote",
            DiagnosticCode::HtmlNoContent => "html.no_content",
            DiagnosticCode::HtmlTableTooWide => "html.table_too_wide",
            DiagnosticCode::HtmlTableTooLarge => "html.table_too_large",
            DiagnosticCode::PdfXrefRebuilt => "pdf.xref_rebuilt",
            DiagnosticCode::PdfPageTree => "pdf.page_tree",
            DiagnosticCode::PdfTooManyPages => "pdf.too_many_pages",
            DiagnosticCode::PdfStructTree => "pdf.struct_tree",
            DiagnosticCode::PdfNoText => "pdf.no_text",
            DiagnosticCode::PdfPage => "pdf.page",
            DiagnosticCode::PdfStream => "pdf.stream",
            DiagnosticCode::PdfBadToken => "pdf.bad_token",
            DiagnosticCode::PdfBadOperands => "pdf.bad_operands",
            DiagnosticCode::PdfColorspace => "pdf.colorspace",
            DiagnosticCode::PdfFont => "pdf.font",
            DiagnosticCode::PdfFormCycle => "pdf.form_cycle",
            DiagnosticCode::PdfFormDepth => "pdf.form_depth",
            DiagnosticCode::PdfStack => "pdf.stack",
            DiagnosticCode::PdfTooComplex => "pdf.too_complex",
            DiagnosticCode::InputTooComplex => "input.too_complex",
            DiagnosticCode::PlanNoPlanTable => "plan.no_plan_table",
        }
    }

    /// The code written as `s`, if it is one.
    pub fn parse(s: &str) -> Option<DiagnosticCode> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

impl fmt::Display for DiagnosticCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<DiagnosticCode> for String {
    fn from(c: DiagnosticCode) -> String {
        c.as_str().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const README: &str = include_str!("../../../README.md");

    /// The codes the README's "Error codes in `error.code`:" paragraph lists.
    fn readme_error_codes() -> Vec<String> {
        let start = README
            .find("Error codes in `error.code`:")
            .expect("the README lists the error codes");
        let rest = &README[start + "Error codes in `error.code`:".len()..];
        let para = rest.split("\n\n").next().unwrap_or("");
        para.split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn readme_lists_exactly_the_error_codes() {
        let listed = readme_error_codes();
        let ours: Vec<String> = ErrorCode::ALL.iter().map(|c| c.to_string()).collect();
        assert_eq!(
            listed, ours,
            "README.md's error-code list differs from ErrorCode"
        );
    }

    #[test]
    fn codes_round_trip_and_are_distinct() {
        for c in ErrorCode::ALL {
            assert_eq!(ErrorCode::parse(c.as_str()), Some(c));
        }
        for c in DiagnosticCode::ALL {
            assert_eq!(DiagnosticCode::parse(c.as_str()), Some(c));
        }
        let mut all: Vec<&str> = DiagnosticCode::ALL.iter().map(|c| c.as_str()).collect();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), DiagnosticCode::ALL.len());
        assert_eq!(ErrorCode::parse("pdf.bad_token"), None);
        assert_eq!(DiagnosticCode::parse("io.read"), None);
        assert_eq!(String::from(ErrorCode::PdfUnsupported), "pdf.unsupported");
    }

    #[test]
    fn code_shape() {
        // `area.name`, lower case with underscores, as documented
        for s in ErrorCode::ALL
            .iter()
            .map(|c| c.as_str())
            .chain(DiagnosticCode::ALL.iter().map(|c| c.as_str()))
        {
            let (area, name) = s.split_once('.').expect("area.name");
            assert!(!area.is_empty() && !name.is_empty(), "{s}");
            assert!(
                s.bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'_' || b == b'.'),
                "{s}"
            );
        }
    }
}
