//! The JSON-export front-end, then interpretation.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(doc) = plansift_json::parse(&text) {
        let _ = plansift_interpret::interpret(&doc);
    }
});
