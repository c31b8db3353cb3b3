//! Word and spreadsheet files: the adapter over `plansift_docx` (DOCX) and
//! `plansift_sheet` (XLSX, XLS, ODS), sniffed by content (the ZIP's parts, the ODF
//! `mimetype`, the OLE directory of `.xls`/`.doc`), else by extension.

use plansift_model::{Document, ErrorCode};
use plansift_office::Kind;
use plansift_schema::Format;

use crate::frontend::{Confidence, FrontEnd, FrontEndError, Input, Sniff};

/// DOCX, XLSX, XLS and ODS; legacy `.doc`, `.odt`, `.xlsb` and encrypted files get a
/// clear error from the crates.
pub struct Office;

fn kind_by_name(ext: Option<&str>) -> Option<Kind> {
    Some(match ext? {
        "docx" | "docm" | "dotx" => Kind::Docx,
        "xlsx" | "xlsm" | "xltx" => Kind::Xlsx,
        "xlsb" => Kind::Xlsb,
        "xls" => Kind::Xls,
        "ods" => Kind::Ods,
        "doc" => Kind::Doc,
        "odt" => Kind::Odt,
        _ => return None,
    })
}

/// The output format of a kind (Word-like files are reported as DOCX).
fn format_of(kind: Kind, ext: Option<&str>) -> Option<Format> {
    Some(match kind {
        Kind::Docx | Kind::Doc | Kind::Odt => Format::Docx,
        Kind::Xlsx | Kind::Xlsb => Format::Xlsx,
        Kind::Xls => Format::Xls,
        Kind::Ods => Format::Ods,
        // an encrypted OOXML file: Word or Excel by its name, else a spreadsheet
        Kind::Encrypted => match ext {
            Some("docx" | "docm" | "doc") => Format::Docx,
            _ => Format::Xlsx,
        },
        _ => return None,
    })
}

fn error_code(e: &plansift_office::Error) -> ErrorCode {
    ErrorCode::parse(e.code()).unwrap_or(ErrorCode::OfficeMalformed)
}

impl FrontEnd for Office {
    fn name(&self) -> &'static str {
        "office"
    }

    fn formats(&self) -> &'static [Format] {
        &[Format::Docx, Format::Xlsx, Format::Xls, Format::Ods]
    }

    fn sniff(&self, input: &Input<'_>) -> Option<Sniff> {
        let ext = input.extension();
        if let Some(kind) = plansift_office::sniff(input.bytes()) {
            return format_of(kind, ext.as_deref()).map(|f| Sniff::new(f, Confidence::Magic));
        }
        let kind = kind_by_name(ext.as_deref())?;
        format_of(kind, ext.as_deref()).map(|f| Sniff::new(f, Confidence::Name))
    }

    fn read(&self, input: &Input<'_>, format: Format) -> Result<Document, FrontEndError> {
        // the document budget's nesting depth for the XML
        let limits = plansift_office::Limits {
            max_xml_depth: plansift_model::budget::limits().depth,
            ..Default::default()
        };
        let result = match format {
            Format::Docx => plansift_docx::parse(input.bytes(), &limits),
            _ => plansift_sheet::parse(input.bytes(), &limits),
        };
        result.map_err(|e| FrontEndError::new(error_code(&e), e.message().to_string()))
    }
}
