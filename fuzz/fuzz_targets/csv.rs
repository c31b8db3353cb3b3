//! The CSV/TSV front-end (the first byte picks the delimiter), then interpretation.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&d, rest)) = data.split_first() else {
        return;
    };
    let delimiter = [b',', b'\t', b';', b'|'][d as usize % 4];
    let text = String::from_utf8_lossy(rest);
    if let Ok(doc) = plansift_csv::parse(&text, delimiter) {
        let _ = plansift_interpret::interpret(&doc);
    }
});
