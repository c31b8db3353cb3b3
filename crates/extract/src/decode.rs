//! Bytes to text: UTF-8 (with or without BOM), UTF-16 with a BOM, or Windows-1252.

use std::fmt;

use plansift_model::{Diagnostic, DiagnosticCode, ErrorCode, Level};

/// Why bytes are not text plansift can read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// NUL or other control bytes: not a text file.
    Binary { offset: usize },
    /// Not UTF-8, and bytes that Windows-1252 does not define.
    Encoding { byte: u8, offset: usize },
    /// More text than the document budget's characters per document: not decoded.
    TooLong { bytes: usize, limit: usize },
}

impl DecodeError {
    pub fn code(&self) -> ErrorCode {
        match self {
            DecodeError::Binary { .. } => ErrorCode::InputBinary,
            DecodeError::Encoding { .. } => ErrorCode::InputEncoding,
            DecodeError::TooLong { .. } => ErrorCode::InputTooComplex,
        }
    }
}

impl std::error::Error for DecodeError {}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Binary { offset } => write!(
                f,
                "a binary file, not text (control byte at offset {offset}); plansift reads text, HTML, CSV/TSV and PDF files"
            ),
            DecodeError::Encoding { byte, offset } => write!(
                f,
                "the text is neither UTF-8 nor Windows-1252 (byte 0x{byte:02X} at offset {offset} is undefined in Windows-1252); convert it to UTF-8"
            ),
            DecodeError::TooLong { bytes, limit } => write!(
                f,
                "the text is {bytes} bytes; plansift reads text, HTML, CSV and JSON documents of up to {limit} bytes (the budget's characters per document)"
            ),
        }
    }
}

fn control(b: u8) -> bool {
    b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)
}

/// UTF-16LE or BE when the first 64 KiB (at least 8 bytes) look like it: at least a third
/// of the code units have a NUL high byte, on one side only.
fn bomless_utf16(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(65536) & !1];
    if head.len() < 8 {
        return None;
    }
    let units = head.len() / 2;
    let even = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let (lots, few) = (units / 3, units / 50);
    if odd >= lots && even <= few {
        Some(encoding_rs::UTF_16LE)
    } else if even >= lots && odd <= few {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Refuse to decode more text than the budget's characters per document (checked before
/// the text is allocated; the parsers take several times its size).
fn too_long(len: usize) -> Result<(), DecodeError> {
    let limit = plansift_model::budget::limits().document_chars;
    if len > limit {
        return Err(DecodeError::TooLong { bytes: len, limit });
    }
    Ok(())
}

/// Decode a text file. Returns the text and notes on how it was decoded.
pub fn decode_text(bytes: &[u8]) -> Result<(String, Vec<Diagnostic>), DecodeError> {
    let mut notes = Vec::new();
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return decode_text(rest);
    }
    for (bom, enc) in [
        (&b"\xFF\xFE"[..], encoding_rs::UTF_16LE),
        (&b"\xFE\xFF"[..], encoding_rs::UTF_16BE),
    ] {
        if bytes.starts_with(bom) {
            too_long(bytes.len() / 2)?;
            let (text, _, had_errors) = enc.decode(bytes);
            if had_errors {
                notes.push(Diagnostic::warning(
                    DiagnosticCode::InputEncoding,
                    format!("invalid {} sequences replaced with U+FFFD", enc.name()),
                    None,
                ));
            } else {
                notes.push(Diagnostic::new(
                    Level::Info,
                    DiagnosticCode::InputEncoding,
                    format!("decoded as {}", enc.name()),
                    None,
                ));
            }
            return Ok((text.into_owned(), notes));
        }
    }
    // UTF-16 without a byte-order mark: NUL bytes in every other position (the high
    // bytes of Latin text), and decoded text that is text.
    if let Some(enc) = bomless_utf16(bytes) {
        too_long(bytes.len() / 2)?;
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        let controls = text
            .chars()
            .take(65536)
            .filter(|&c| (c as u32) < 0x20 && control(c as u8))
            .count();
        if !had_errors && controls * 100 <= text.chars().take(65536).count().max(1) {
            notes.push(Diagnostic::new(
                Level::Info,
                DiagnosticCode::InputEncoding,
                format!(
                    "no byte-order mark; NUL bytes in every other position: decoded as {}",
                    enc.name()
                ),
                None,
            ));
            return Ok((text.into_owned(), notes));
        }
    }
    // Binary: a NUL anywhere in the first 64 KiB, or many control bytes.
    let head = &bytes[..bytes.len().min(65536)];
    if let Some(offset) = head.iter().position(|&b| b == 0) {
        return Err(DecodeError::Binary { offset });
    }
    let controls = head.iter().filter(|&&b| control(b)).count();
    if controls * 100 > head.len().max(1) {
        let offset = head.iter().position(|&b| control(b)).unwrap_or(0);
        return Err(DecodeError::Binary { offset });
    }
    too_long(bytes.len())?;
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_string(), notes)),
        Err(e) => {
            let offset = e.valid_up_to();
            if let Some(off) = bytes
                .iter()
                .position(|&b| matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D))
            {
                return Err(DecodeError::Encoding {
                    byte: bytes[off],
                    offset: off,
                });
            }
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            notes.push(Diagnostic::new(
                Level::Info,
                DiagnosticCode::InputEncoding,
                format!("not UTF-8 (invalid byte at offset {offset}): decoded as Windows-1252"),
                None,
            ));
            Ok((text.into_owned(), notes))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_and_cp1252() {
        assert_eq!(decode_text(b"\xEF\xBB\xBFabc").unwrap().0, "abc");
        let (t, notes) = decode_text(b"Caf\xE9 \x93quoted\x94 \x96 dash").unwrap();
        assert_eq!(t, "Café “quoted” – dash");
        assert_eq!(notes[0].code, "input.encoding");
    }

    #[test]
    fn utf16_without_bom() {
        let text = "Action: review the plan\nLead: Head of Service\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        for (bytes, name) in [(le, "UTF-16LE"), (be, "UTF-16BE")] {
            let (got, notes) = decode_text(&bytes).unwrap();
            assert_eq!(got, text);
            assert!(notes[0].message.contains(name), "{}", notes[0].message);
        }
        // Binary with NULs spread on both sides stays binary.
        let bin: Vec<u8> = (0..4096u32)
            .map(|i| if i % 3 == 0 { 0 } else { (i * 7) as u8 })
            .collect();
        assert!(matches!(decode_text(&bin), Err(DecodeError::Binary { .. })));
    }

    #[test]
    fn utf16_with_bom() {
        let mut b = vec![0xFF, 0xFE];
        for u in "Lead\tDeadline".encode_utf16() {
            b.extend(u.to_le_bytes());
        }
        assert_eq!(decode_text(&b).unwrap().0, "Lead\tDeadline");
    }

    #[test]
    fn binary_and_undefined_bytes() {
        assert_eq!(
            decode_text(b"ab\0cd").unwrap_err(),
            DecodeError::Binary { offset: 2 }
        );
        let e = decode_text(b"abc \x81 def").unwrap_err();
        assert_eq!(e.code(), ErrorCode::InputEncoding);
        assert!(e.to_string().contains("0x81"));
    }
}
