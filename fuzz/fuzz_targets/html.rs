//! The HTML front-end (depth pre-scan, parser, tables), then interpretation.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let doc = plansift_html::parse(&text);
    let _ = plansift_interpret::interpret(&doc);
});
