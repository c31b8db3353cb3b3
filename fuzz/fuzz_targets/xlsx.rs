//! The spreadsheet front-end (XLSX, XLS, ODS), then interpretation.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = plansift_sheet::parse(data, &plansift_sheet::Limits::default()) {
        let _ = plansift_interpret::interpret(&doc);
    }
});
