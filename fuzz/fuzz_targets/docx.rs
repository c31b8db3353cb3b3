//! The Word (DOCX) front-end, then interpretation.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = plansift_docx::parse(data, &plansift_docx::Limits::default()) {
        let _ = plansift_interpret::interpret(&doc);
    }
});
