//! Small helpers over lopdf objects: bounded reference resolution, typed
//! dictionary look-ups, and stream decoding against a per-document budget.

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};
use std::cell::Cell;

static NULL: Object = Object::Null;

/// Longest chain of indirect references followed before giving up.
pub const MAX_REF_CHAIN: usize = 32;

/// Follow references (bounded); a dangling or too-long chain gives `Null`.
pub fn resolve<'a>(doc: &'a Document, mut o: &'a Object) -> &'a Object {
    for _ in 0..MAX_REF_CHAIN {
        match o {
            Object::Reference(id) => match doc.objects.get(id) {
                Some(next) => o = next,
                None => return &NULL,
            },
            _ => return o,
        }
    }
    &NULL
}

/// The object id an object refers to, if it is a reference.
pub fn ref_id(o: &Object) -> Option<ObjectId> {
    match o {
        Object::Reference(id) => Some(*id),
        _ => None,
    }
}

pub fn get<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let o = resolve(doc, d.get(key).ok()?);
    (!matches!(o, Object::Null)).then_some(o)
}

/// A dictionary value that is a dictionary (or a stream's dictionary).
pub fn get_dict<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
    as_dict(get(doc, d, key)?)
}

pub fn as_dict(o: &Object) -> Option<&Dictionary> {
    match o {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

pub fn num(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) if r.is_finite() => Some(*r as f64),
        _ => None,
    }
}

pub fn get_num(doc: &Document, d: &Dictionary, key: &[u8]) -> Option<f64> {
    num(get(doc, d, key)?)
}

pub fn get_name<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    match get(doc, d, key)? {
        Object::Name(n) => Some(n),
        _ => None,
    }
}

pub fn get_array<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a [Object]> {
    match get(doc, d, key)? {
        Object::Array(a) => Some(a),
        _ => None,
    }
}

/// Numbers of an array (non-numbers resolved through references, others skipped as 0).
pub fn nums(doc: &Document, a: &[Object]) -> Vec<f64> {
    a.iter()
        .map(|o| num(resolve(doc, o)).unwrap_or(0.0))
        .collect()
}

/// Decodes streams against a document-wide budget of decompressed bytes.
pub struct Budget {
    remaining: Cell<usize>,
}

#[derive(Debug)]
pub enum DecodeError {
    /// The document's decompression budget is spent (a decompression bomb).
    Exceeded,
    /// The filter failed; the raw bytes are not usable.
    Failed,
}

impl Budget {
    pub fn new(bytes: usize) -> Self {
        Budget {
            remaining: Cell::new(bytes),
        }
    }

    pub fn decode(&self, s: &Stream) -> Result<Vec<u8>, DecodeError> {
        let remaining = self.remaining.get();
        let has_filter = s.dict.get(b"Filter").is_ok();
        let data = if !has_filter {
            if s.content.len() > remaining {
                return Err(DecodeError::Exceeded);
            }
            s.content.clone()
        } else {
            match s.decompressed_content_with_limit(remaining) {
                Ok(d) => d,
                Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
                    ..
                })) => {
                    self.remaining.set(0);
                    return Err(DecodeError::Exceeded);
                }
                Err(_) => return Err(DecodeError::Failed),
            }
        };
        self.remaining.set(remaining.saturating_sub(data.len()));
        Ok(data)
    }
}
