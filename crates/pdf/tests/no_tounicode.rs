//! Fonts without a ToUnicode CMap: Unicode from the embedded font program.

fn strip_tounicode(rel: &str) -> (Vec<u8>, Vec<u8>) {
    let path = format!("{}/../../fixtures/pdf/{rel}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).expect("fixture");
    let mut doc = lopdf::Document::load_mem(&bytes).expect("load");
    let mut n = 0;
    for (_, o) in doc.objects.iter_mut() {
        if let lopdf::Object::Dictionary(d) = o {
            if d.remove(b"ToUnicode").is_some() {
                n += 1;
            }
        }
    }
    assert!(n > 0, "{rel}: no ToUnicode to strip");
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("save");
    (bytes, out)
}

fn words(b: &[u8]) -> Vec<String> {
    let l = plansift_pdf::parse(b, &plansift_pdf::Options::default()).expect("parse");
    l.pages
        .iter()
        .flat_map(|p| p.words.iter().map(|w| w.text.clone()))
        .collect()
}

#[test]
fn cid_truetype_without_tounicode_reads_the_font_cmap() {
    let (orig, stripped) = strip_tounicode("chromium/leicestershire-jhws-draft-priorities.pdf");
    let a = words(&orig);
    let b = words(&stripped);
    let same = a.iter().zip(&b).filter(|(x, y)| x == y).count();
    println!(
        "{} of {} words identical ({} vs {})",
        same,
        a.len(),
        a.len(),
        b.len()
    );
    assert!(same as f64 >= 0.95 * a.len() as f64);
}
