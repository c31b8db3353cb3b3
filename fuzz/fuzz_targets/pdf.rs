//! The PDF text layer, then the table stage and interpretation.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(layout) = plansift_pdf::parse(data, &plansift_pdf::Options::default()) {
        let doc = plansift_pdf_tables::to_document(&layout);
        let _ = plansift_interpret::interpret(&doc);
    }
});
