//! The front-end for text converted from PDF, then interpretation.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let doc = plansift_text::parse(&text);
    let _ = plansift_interpret::interpret(&doc);
});
