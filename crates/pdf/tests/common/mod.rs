//! Builders for small generated PDFs, shared by the PDF tests.
#![allow(dead_code)]

/// Assemble a PDF from object bodies (object `i + 1` is `objs[i]`), with a
/// correct cross-reference table.
pub fn pdf(objs: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).bytes());
        out.extend(o);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).bytes());
    for off in offsets {
        out.extend(format!("{off:010} 00000 n \n").bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objs.len() + 1
        )
        .bytes(),
    );
    out
}

pub fn stream(dict_extra: &str, data: &[u8]) -> Vec<u8> {
    let mut v = format!("<< /Length {} {dict_extra} >>\nstream\n", data.len()).into_bytes();
    v.extend(data);
    v.extend(b"\nendstream");
    v
}

/// Whether `pdftotext` (poppler-utils) can be run, for the comparisons with
/// poppler. When it cannot, with `CI=true` this panics: the comparison must
/// not pass silently in CI. Otherwise it prints a notice (past the test
/// harness's capture) and the caller skips.
pub fn pdftotext_available(what: &str) -> bool {
    use std::io::Write;
    if std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_ok()
    {
        return true;
    }
    let ci = std::env::var("CI").is_ok_and(|v| v.eq_ignore_ascii_case("true"));
    assert!(
        !ci,
        "{what}: pdftotext (poppler-utils) is not installed and CI=true: the comparison with \
         poppler must run in CI. Install poppler-utils (scripts/test.sh does when it can)."
    );
    let _ = writeln!(
        std::io::stderr(),
        "NOTICE: {what}: pdftotext (poppler-utils) is not installed; skipped \
         (with CI=true this fails)"
    );
    false
}
