//! Shared container code for plansift's Office front-ends (`plansift-docx`, `plansift-sheet`).
//!
//! - [`sniff`]: what an Office file is, from its content: a ZIP holding `word/document.xml`
//!   (DOCX) or `xl/workbook.xml` (XLSX), an ODF package (its `mimetype` entry), or an OLE
//!   compound file told apart by its directory entries (`WordDocument` for a legacy `.doc`,
//!   `Workbook`/`Book` for `.xls`, `EncryptionInfo`/`EncryptedPackage` for a password-protected
//!   OOXML file).
//! - [`Package`]: a ZIP reader that never trusts the sizes in the headers: every entry is
//!   inflated through a counter that stops at the [`Limits`] (entry size, total size,
//!   compression ratio), and the number of entries is checked before the central directory
//!   is read.
//! - [`xml`]: a small element tree built from `quick-xml` events with a depth limit and a
//!   node limit, and a depth-checking event loop for streaming readers.
//! - [`color`]: hex, theme and indexed colours.
//! - [`Error`]: one error type with stable codes (`office.malformed`, `office.encrypted`,
//!   `office.too_large`, `input.unsupported`) and plain-words messages.

pub mod color;
mod ole;
pub mod xml;
mod zipped;

pub use ole::{ole_kind, OleKind};
pub use zipped::Package;

use std::fmt;

/// Resource limits for reading one Office file. The defaults keep one file under a few
/// hundred megabytes of memory and a few seconds of work.
#[derive(Debug, Clone, PartialEq)]
pub struct Limits {
    /// Most ZIP entries a package may have.
    pub max_entries: usize,
    /// Most bytes one ZIP entry may inflate to.
    pub max_entry_bytes: u64,
    /// Most bytes all the entries read from one package may inflate to.
    pub max_total_bytes: u64,
    /// Highest compression ratio (inflated / compressed) allowed for an entry once it has
    /// inflated past [`Limits::ratio_floor_bytes`].
    pub max_ratio: u64,
    /// Entries smaller than this are never refused for their ratio (small XML parts
    /// legitimately compress very well).
    pub ratio_floor_bytes: u64,
    /// Deepest XML element nesting accepted.
    pub max_xml_depth: usize,
    /// Most XML elements kept in one element tree.
    pub max_xml_nodes: usize,
    /// Most cells (grid positions) one document's tables may hold.
    pub max_cells: u64,
    /// Most entries of a workbook's shared-string table.
    pub max_shared_strings: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_entries: 10_000,
            max_entry_bytes: 64 << 20,
            max_total_bytes: 256 << 20,
            max_ratio: 200,
            ratio_floor_bytes: 1 << 20,
            max_xml_depth: 256,
            max_xml_nodes: 3_000_000,
            max_cells: 1_000_000,
            max_shared_strings: 1_000_000,
        }
    }
}

/// Why an Office file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The file is damaged or is not what it claims to be (`office.malformed`).
    Malformed(String),
    /// The file is password-protected (`office.encrypted`).
    Encrypted(String),
    /// The file exceeds a [`Limits`] value: a ZIP bomb, too many entries or cells, XML
    /// nested too deeply (`office.too_large`).
    TooLarge(String),
    /// A format plansift does not read, such as a legacy Word `.doc` (`input.unsupported`).
    Unsupported(String),
}

impl Error {
    /// The stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Malformed(_) => "office.malformed",
            Error::Encrypted(_) => "office.encrypted",
            Error::TooLarge(_) => "office.too_large",
            Error::Unsupported(_) => "input.unsupported",
        }
    }
    /// The reason in plain words.
    pub fn message(&self) -> &str {
        match self {
            Error::Malformed(m)
            | Error::Encrypted(m)
            | Error::TooLarge(m)
            | Error::Unsupported(m) => m,
        }
    }
    pub fn malformed(m: impl Into<String>) -> Self {
        Error::Malformed(m.into())
    }
    pub fn too_large(m: impl Into<String>) -> Self {
        Error::TooLarge(m.into())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for Error {}

/// What an Office file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Word 2007+ (`word/document.xml` in a ZIP).
    Docx,
    /// Excel 2007+ (`xl/workbook.xml` in a ZIP).
    Xlsx,
    /// Excel binary workbook (`xl/workbook.bin`): not read.
    Xlsb,
    /// OpenDocument spreadsheet.
    Ods,
    /// OpenDocument text: not read.
    Odt,
    /// Another OpenDocument type (presentation, drawing...): not read.
    OtherOdf,
    /// Excel 97-2003 (an OLE file with a `Workbook` or `Book` stream).
    Xls,
    /// Word 97-2003 (an OLE file with a `WordDocument` stream): not read.
    Doc,
    /// A password-protected OOXML file (an OLE file with `EncryptionInfo`/`EncryptedPackage`).
    Encrypted,
    /// Another OLE compound file (PowerPoint 97-2003, Outlook message...): not read.
    OtherOle,
}

impl Kind {
    /// A short name for messages.
    pub fn name(&self) -> &'static str {
        match self {
            Kind::Docx => "a Word document (DOCX)",
            Kind::Xlsx => "an Excel workbook (XLSX)",
            Kind::Xlsb => "an Excel binary workbook (XLSB)",
            Kind::Ods => "an OpenDocument spreadsheet (ODS)",
            Kind::Odt => "an OpenDocument text document (ODT)",
            Kind::OtherOdf => "an OpenDocument file",
            Kind::Xls => "an Excel 97-2003 workbook (XLS)",
            Kind::Doc => "a Word 97-2003 document (DOC)",
            Kind::Encrypted => "a password-protected Office file",
            Kind::OtherOle => "an OLE compound file (not Word or Excel)",
        }
    }

    /// The error for a kind plansift does not read (or cannot: encrypted), if it is one.
    pub fn refusal(&self) -> Option<Error> {
        Some(match self {
            Kind::Docx | Kind::Xlsx | Kind::Ods | Kind::Xls => return None,
            Kind::Encrypted => Error::Encrypted(
                "the Office file is password-protected (encrypted); remove the password \
                 (or save an unprotected copy) and try again"
                    .into(),
            ),
            Kind::Doc => Error::Unsupported(
                "this is a legacy Word 97-2003 document (.doc), which plansift does not read; \
                 save it as DOCX or PDF and try again"
                    .into(),
            ),
            Kind::Odt => Error::Unsupported(
                "this is an OpenDocument text document (.odt), which plansift does not read; \
                 save it as DOCX or PDF and try again"
                    .into(),
            ),
            Kind::Xlsb => Error::Unsupported(
                "this is an Excel binary workbook (.xlsb), which plansift does not read; \
                 save it as XLSX and try again"
                    .into(),
            ),
            Kind::OtherOdf | Kind::OtherOle => Error::Unsupported(format!(
                "this is {}, which plansift does not read",
                self.name()
            )),
        })
    }
}

/// The OLE compound file signature (`.doc`, `.xls`, encrypted OOXML).
pub const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Does the file start like a ZIP archive?
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// What an Office file is, from its content alone; `None` when it is not an Office file
/// (or is a ZIP/OLE file too damaged to tell).
pub fn sniff(bytes: &[u8]) -> Option<Kind> {
    if bytes.starts_with(&OLE_MAGIC) {
        return match ole_kind(bytes) {
            Ok(k) => Some(match k {
                OleKind::Word => Kind::Doc,
                OleKind::Excel => Kind::Xls,
                OleKind::Encrypted => Kind::Encrypted,
                OleKind::Other => Kind::OtherOle,
            }),
            Err(_) => None,
        };
    }
    if !is_zip(bytes) {
        return None;
    }
    let limits = Limits::default();
    let mut pkg = Package::open(bytes, &limits).ok()?;
    zip_kind(&mut pkg)
}

/// What an opened ZIP package holds.
pub fn zip_kind(pkg: &mut Package<'_>) -> Option<Kind> {
    if pkg.has("word/document.xml") {
        return Some(Kind::Docx);
    }
    if pkg.has("xl/workbook.xml") {
        return Some(Kind::Xlsx);
    }
    if pkg.has("xl/workbook.bin") {
        return Some(Kind::Xlsb);
    }
    if pkg.has("mimetype") {
        // The mimetype entry is a few dozen bytes; read at most a little of it.
        let m = pkg.read_small("mimetype", 256).ok().flatten()?;
        let m = String::from_utf8_lossy(&m);
        let m = m.trim();
        return Some(match m {
            "application/vnd.oasis.opendocument.spreadsheet"
            | "application/vnd.oasis.opendocument.spreadsheet-template" => Kind::Ods,
            "application/vnd.oasis.opendocument.text"
            | "application/vnd.oasis.opendocument.text-template" => Kind::Odt,
            m if m.starts_with("application/vnd.oasis.opendocument.") => Kind::OtherOdf,
            _ => return None,
        });
    }
    None
}

/// The title in a package's `docProps/core.xml` (`dc:title`), white space collapsed.
pub fn core_title(pkg: &mut Package<'_>, limits: &Limits) -> Result<Option<String>, Error> {
    let Some(x) = pkg.read("docProps/core.xml")? else {
        return Ok(None);
    };
    let Ok(root) = xml::parse_tree(&x, "docProps/core.xml", limits, &|_| false) else {
        return Ok(None);
    };
    Ok(root
        .child("title")
        .map(|t| t.text().split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty()))
}

/// The main part of an OOXML package named by `_rels/.rels` (the `officeDocument`
/// relationship), if it exists in the package.
pub fn main_part(pkg: &mut Package<'_>, limits: &Limits) -> Result<Option<String>, Error> {
    let Some(rels) = pkg.read("_rels/.rels")? else {
        return Ok(None);
    };
    let Ok(root) = xml::parse_tree(&rels, "_rels/.rels", limits, &|_| false) else {
        return Ok(None);
    };
    for r in root.children_named("Relationship") {
        if r.attr("Type").unwrap_or("").ends_with("/officeDocument") {
            if let Some(t) = r.attr("Target") {
                let t = t.trim_start_matches('/').to_string();
                if pkg.has(&t) {
                    return Ok(Some(t));
                }
            }
        }
    }
    Ok(None)
}

/// The relationships part of a part: `word/document.xml` -> `word/_rels/document.xml.rels`.
pub fn rels_path(part: &str) -> String {
    match part.rfind('/') {
        Some(p) => format!("{}/_rels/{}.rels", &part[..p], &part[p + 1..]),
        None => format!("_rels/{part}.rels"),
    }
}

/// A relationship target relative to the part that names it.
pub fn resolve_target(part: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_string();
    }
    let mut parts: Vec<&str> = match part.rfind('/') {
        Some(p) => part[..p].split('/').collect(),
        None => Vec::new(),
    };
    for seg in target.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// Relationship id -> target, from a `.rels` part (empty when the part is missing).
pub fn read_rels(
    pkg: &mut Package<'_>,
    path: &str,
    limits: &Limits,
) -> Result<Vec<(String, String)>, Error> {
    let Some(x) = pkg.read(path)? else {
        return Ok(Vec::new());
    };
    let root = xml::parse_tree(&x, path, limits, &|_| false)?;
    Ok(root
        .children_named("Relationship")
        .filter_map(|r| Some((r.attr("Id")?.to_string(), r.attr("Target")?.to_string())))
        .collect())
}

#[cfg(test)]
mod tests {
    #[test]
    fn targets() {
        assert_eq!(
            rels_path("word/document.xml"),
            "word/_rels/document.xml.rels"
        );
        assert_eq!(
            resolve_target("word/document.xml", "header1.xml"),
            "word/header1.xml"
        );
        assert_eq!(resolve_target("word/document.xml", "../x/h.xml"), "x/h.xml");
        assert_eq!(
            resolve_target("xl/workbook.xml", "/xl/worksheets/s.xml"),
            "xl/worksheets/s.xml"
        );
    }

    use super::*;

    #[test]
    fn error_codes() {
        assert_eq!(Error::malformed("x").code(), "office.malformed");
        assert_eq!(Error::too_large("x").code(), "office.too_large");
        assert_eq!(Error::Encrypted("x".into()).code(), "office.encrypted");
        assert_eq!(Error::Unsupported("x".into()).code(), "input.unsupported");
        assert_eq!(Error::malformed("why").to_string(), "why");
    }

    #[test]
    fn not_office() {
        assert_eq!(sniff(b""), None);
        assert_eq!(sniff(b"%PDF-1.4"), None);
        assert_eq!(sniff(b"PK\x03\x04 truncated"), None);
        assert_eq!(sniff(&OLE_MAGIC), None);
    }

    #[test]
    fn refusals() {
        assert!(Kind::Docx.refusal().is_none());
        let e = Kind::Doc.refusal().unwrap();
        assert_eq!(e.code(), "input.unsupported");
        assert!(e.message().contains("DOCX or PDF"));
        assert_eq!(
            Kind::Encrypted.refusal().unwrap().code(),
            "office.encrypted"
        );
    }
}
