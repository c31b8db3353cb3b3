//! OLE compound files: legacy `.doc`/`.xls` and encrypted OOXML packages.

use std::io::Cursor;
use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::Error;

/// What an OLE compound file holds, from its root directory entry names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OleKind {
    /// `WordDocument`: Word 97-2003.
    Word,
    /// `Workbook` or `Book`: Excel 97-2003 (or Excel 5/95).
    Excel,
    /// `EncryptionInfo` + `EncryptedPackage`: a password-protected OOXML file.
    Encrypted,
    /// Something else (PowerPoint, Outlook, ...).
    Other,
}

/// Tell the kind of an OLE compound file by its root storage's entry names.
pub fn ole_kind(bytes: &[u8]) -> Result<OleKind, Error> {
    let names = catch_unwind(AssertUnwindSafe(|| -> std::io::Result<Vec<String>> {
        let cf = cfb::CompoundFile::open(Cursor::new(bytes))?;
        Ok(cf
            .read_root_storage()
            .map(|e| e.name().to_string())
            .collect())
    }));
    let names = match names {
        Ok(Ok(n)) => n,
        Ok(Err(e)) => {
            return Err(Error::malformed(format!(
                "the OLE compound file (legacy Office format) is damaged: {e}"
            )))
        }
        Err(_) => {
            return Err(Error::malformed(
                "the OLE compound file (legacy Office format) is damaged",
            ))
        }
    };
    let has = |n: &str| names.iter().any(|x| x.eq_ignore_ascii_case(n));
    Ok(if has("EncryptedPackage") || has("EncryptionInfo") {
        OleKind::Encrypted
    } else if has("WordDocument") {
        OleKind::Word
    } else if has("Workbook") || has("Book") {
        OleKind::Excel
    } else {
        OleKind::Other
    })
}
