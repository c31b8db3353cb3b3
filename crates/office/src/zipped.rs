//! A ZIP package read within [`Limits`].

use std::collections::HashMap;
use std::io::{Cursor, Read};

use zip::result::ZipError;
use zip::ZipArchive;

use crate::{Error, Limits};

/// An opened ZIP package (OOXML or ODF). Entries are inflated through a counter that
/// enforces the limits as the bytes come out, whatever the headers claim.
pub struct Package<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
    limits: Limits,
    file_len: u64,
    /// Entry names, lower-cased, to their index (OOXML part names are case-insensitive).
    index: HashMap<String, usize>,
    /// Bytes inflated so far from this package.
    inflated: u64,
}

/// The smallest central-directory record (46 bytes): the central directory's size bounds
/// the number of entries it can hold.
const CD_RECORD: u64 = 46;

/// Read the end-of-central-directory record(s) to count the entries before `zip` builds
/// its index of them (which costs memory per entry).
fn declared_entries(bytes: &[u8]) -> Option<(u64, u64)> {
    let tail_start = bytes.len().saturating_sub(22 + 65_535);
    let tail = &bytes[tail_start..];
    let pos = tail.windows(4).rposition(|w| w == b"PK\x05\x06")?;
    let eocd = &tail[pos..];
    if eocd.len() < 22 {
        return None;
    }
    let u16le = |b: &[u8]| u16::from_le_bytes([b[0], b[1]]) as u64;
    let u32le = |b: &[u8]| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as u64;
    let mut entries = u16le(&eocd[10..12]);
    let mut cd_size = u32le(&eocd[12..16]);
    if entries == 0xFFFF || cd_size == 0xFFFF_FFFF {
        // ZIP64: the zip64 end record sits before its locator, just before the EOCD.
        let abs = tail_start + pos;
        let search_from = abs.saturating_sub(20 + 56 + 65_535);
        let region = &bytes[search_from..abs];
        if let Some(p) = region.windows(4).rposition(|w| w == b"PK\x06\x06") {
            let r = &region[p..];
            if r.len() >= 56 {
                let u64le =
                    |b: &[u8]| u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]);
                entries = u64le(&r[32..40]);
                cd_size = u64le(&r[40..48]);
            }
        }
    }
    Some((entries, cd_size))
}

fn zip_error(e: ZipError) -> Error {
    match e {
        ZipError::UnsupportedArchive(m) if m.to_ascii_lowercase().contains("password") => {
            Error::Encrypted(
                "the ZIP package is password-protected; remove the password and try again".into(),
            )
        }
        ZipError::InvalidPassword => Error::Encrypted(
            "the ZIP package is password-protected; remove the password and try again".into(),
        ),
        ZipError::UnsupportedArchive(m) => Error::malformed(format!(
            "the ZIP package uses a feature plansift does not read: {m}"
        )),
        ZipError::CompressionMethodNotSupported(m) => Error::malformed(format!(
            "the ZIP package uses compression method {m}, which Office files do not use"
        )),
        ZipError::InvalidArchive(m) => Error::malformed(format!(
            "the ZIP package is damaged ({m}); the file may be truncated"
        )),
        other => Error::malformed(format!("the ZIP package cannot be read: {other}")),
    }
}

impl<'a> Package<'a> {
    /// Open a ZIP package, refusing one with more entries than the limit.
    pub fn open(bytes: &'a [u8], limits: &Limits) -> Result<Self, Error> {
        if let Some((entries, cd_size)) = declared_entries(bytes) {
            let max = limits.max_entries as u64;
            if entries > max || cd_size / CD_RECORD > max {
                return Err(Error::too_large(format!(
                    "the ZIP package declares {} entries; plansift reads packages of up to {max}",
                    entries.max(cd_size / CD_RECORD)
                )));
            }
        }
        let archive = ZipArchive::new(Cursor::new(bytes)).map_err(zip_error)?;
        if archive.len() > limits.max_entries {
            return Err(Error::too_large(format!(
                "the ZIP package has {} entries; plansift reads packages of up to {}",
                archive.len(),
                limits.max_entries
            )));
        }
        let mut index = HashMap::new();
        for (i, name) in archive.file_names_raw().enumerate() {
            let name = String::from_utf8_lossy(name).replace('\\', "/");
            let name = name.trim_start_matches('/').to_ascii_lowercase();
            index.entry(name).or_insert(i);
        }
        Ok(Package {
            archive,
            limits: limits.clone(),
            file_len: bytes.len() as u64,
            index,
            inflated: 0,
        })
    }

    /// Entry names (lower-cased, no leading `/`), in no particular order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.index.keys().map(|s| s.as_str())
    }

    /// Is there an entry of this name (case-insensitive)?
    pub fn has(&self, name: &str) -> bool {
        self.index
            .contains_key(&name.trim_start_matches('/').to_ascii_lowercase())
    }

    /// Bytes inflated from this package so far.
    pub fn inflated(&self) -> u64 {
        self.inflated
    }

    /// Inflate an entry whole, within the limits. `Ok(None)` when there is no such entry.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, Error> {
        self.read_limited(name, self.limits.max_entry_bytes, true)
    }

    /// Inflate at most `max` bytes of a small entry (such as ODF's `mimetype`); a longer
    /// entry is cut, not refused.
    pub fn read_small(&mut self, name: &str, max: u64) -> Result<Option<Vec<u8>>, Error> {
        self.read_limited(name, max, false)
    }

    /// Inflate every entry once, counting and discarding the bytes, so a later reader that
    /// does its own inflating (calamine) only meets entries within the limits.
    pub fn check_all(&mut self) -> Result<(), Error> {
        for i in 0..self.archive.len() {
            self.inflate(i, self.limits.max_entry_bytes, true, &mut std::io::sink())?;
        }
        // The total bounds one reading of the package; what is read after this check is
        // counted afresh.
        self.inflated = 0;
        Ok(())
    }

    fn read_limited(
        &mut self,
        name: &str,
        max: u64,
        strict: bool,
    ) -> Result<Option<Vec<u8>>, Error> {
        let key = name.trim_start_matches('/').to_ascii_lowercase();
        let Some(&i) = self.index.get(&key) else {
            return Ok(None);
        };
        let mut out = Vec::new();
        self.inflate(i, max, strict, &mut out)?;
        Ok(Some(out))
    }

    fn inflate(
        &mut self,
        i: usize,
        max: u64,
        strict: bool,
        out: &mut dyn std::io::Write,
    ) -> Result<u64, Error> {
        let limits = self.limits.clone();
        let file_len = self.file_len;
        let already = self.inflated;
        {
            let raw = self.archive.by_index_raw(i).map_err(zip_error)?;
            if raw.encrypted() {
                return Err(Error::Encrypted(
                    "the ZIP package is password-protected; remove the password and try again"
                        .into(),
                ));
            }
        }
        let mut entry = self.archive.by_index(i).map_err(zip_error)?;
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        if entry.is_dir() {
            return Ok(0);
        }
        let compressed = entry.compressed_size().clamp(1, file_len.max(1));
        let mut buf = vec![0u8; 64 * 1024];
        let mut got: u64 = 0;
        loop {
            let n = match entry.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    return Err(Error::malformed(format!(
                        "the ZIP entry {name} cannot be inflated ({e}); the file is damaged"
                    )))
                }
            };
            got += n as u64;
            if got > max {
                if !strict {
                    let keep = n - (got - max) as usize;
                    out.write_all(&buf[..keep]).ok();
                    got = max;
                    break;
                }
                return Err(Error::too_large(format!(
                    "the ZIP entry {name} inflates to more than {max} bytes (a ZIP bomb?)"
                )));
            }
            if already + got > limits.max_total_bytes {
                return Err(Error::too_large(format!(
                    "the ZIP package inflates to more than {} bytes in all (a ZIP bomb?)",
                    limits.max_total_bytes
                )));
            }
            if got > limits.ratio_floor_bytes && got / compressed > limits.max_ratio {
                return Err(Error::too_large(format!(
                    "the ZIP entry {name} inflates more than {}:1 from {compressed} compressed bytes \
                     (a ZIP bomb?)",
                    limits.max_ratio
                )));
            }
            out.write_all(&buf[..n]).map_err(|e| {
                Error::malformed(format!("the ZIP entry {name} cannot be kept: {e}"))
            })?;
        }
        drop(entry);
        self.inflated += got;
        Ok(got)
    }
}
