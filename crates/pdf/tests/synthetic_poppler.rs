//! Synthetic PDFs exercising the font and text-state paths the fixtures do
//! not (standard 14 fonts without widths, /Differences with glyph names,
//! Type0 with /W and a ToUnicode CMap, Type3, rotation, crop box, Tz/Ts/Tc/Tw,
//! TJ, `'` and `"`, Form XObjects, rotated text), compared with
//! `pdftotext -bbox` word by word. Where pdftotext is not installed it skips
//! with a notice, or fails when `CI=true`.

mod common;
use common::{pdf, stream};

use std::process::Command;

/// One page: page attributes, resources, content; extra objects from 5 on
/// (object 4 is the content stream).
fn one_page(page_attrs: &str, resources: &str, content: &[u8], extra: Vec<Vec<u8>>) -> Vec<u8> {
    let mut objs = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] {page_attrs} /Resources << {resources} >> /Contents 4 0 R >>").into_bytes(),
        stream("", content),
    ];
    objs.extend(extra);
    pdf(&objs)
}

fn std14_doc() -> Vec<u8> {
    let fonts = [
        "Helvetica",
        "Helvetica-Bold",
        "Times-Roman",
        "Times-Bold",
        "Times-Italic",
        "Courier",
        "Helvetica-Oblique",
    ];
    let mut res = String::from("/Font << ");
    let mut extra = Vec::new();
    for (i, f) in fonts.iter().enumerate() {
        res.push_str(&format!("/F{i} {} 0 R ", 5 + i));
        extra.push(
            format!("<< /Type /Font /Subtype /Type1 /BaseFont /{f} /Encoding /WinAnsiEncoding >>")
                .into_bytes(),
        );
    }
    res.push_str(">>");
    let mut c = Vec::new();
    for i in 0..fonts.len() {
        let y = 740 - i * 90;
        c.extend(format!("BT /F{i} 11 Tf 40 {y} Td (The quick brown fox jumps over the lazy dog; 0123456789.) Tj ET\n").bytes());
        c.extend(format!("BT /F{i} 9 Tf 40 {} Td (\\(a,b\\) [x] {{y}} @#$% &*+-= /|<>?! ~^_ QWERTYUIOP ASDFGHJKL ZXCVBNM) Tj ET\n", y - 20).bytes());
        c.extend(
            format!(
                "BT /F{i} 10 Tf 40 {} Td (caf\\351 \\223quoted\\224 it\\222s \\226 dash) Tj ET\n",
                y - 40
            )
            .bytes(),
        );
        // NBSP breaks words, an unencoded code draws nothing, 0xAD is a hyphen
        c.extend(
            format!(
                "BT /F{i} 10 Tf 300 {} Td (non\\240breaking\\011tab soft\\255hyphen) Tj ET\n",
                y - 40
            )
            .bytes(),
        );
    }
    one_page("", &res, &c, extra)
}

fn differences_doc() -> Vec<u8> {
    let widths: Vec<String> = (32..=255)
        .map(|c| (400 + (c * 37) % 500).to_string())
        .collect();
    let font = format!(
        "<< /Type /Font /Subtype /TrueType /BaseFont /Verdana /FirstChar 32 /LastChar 255 /Widths [{}] /FontDescriptor 6 0 R \
         /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [39 /quoteright 96 /quoteleft 128 /fi /fl /endash /uni2022 /u1F600 /bullet.alt] >> >>",
        widths.join(" ")
    );
    let desc = b"<< /Type /FontDescriptor /FontName /Verdana /Flags 32 /Ascent 1005 /Descent -210 /CapHeight 727 /ItalicAngle 0 /StemV 80 /FontBBox [-50 -207 1447 1000] >>".to_vec();
    let c = b"BT /F1 12 Tf 50 700 Td (It's `quoted' \x80nd \x81ow \x82 \x83 x\x84 \x85) Tj 0 -20 Td (Widths from the table: WWW iii mmm 1234) Tj ET";
    // a non-embedded Arial alias: poppler takes Helvetica's ascent, not the descriptor's
    let arial = format!(
        "<< /Type /Font /Subtype /TrueType /BaseFont /Arial,Bold /FirstChar 32 /LastChar 255 /Widths [{}] /FontDescriptor 8 0 R /Encoding /WinAnsiEncoding >>",
        widths.join(" ")
    );
    let arial_desc = b"<< /Type /FontDescriptor /FontName /Arial,Bold /Flags 32 /Ascent 905 /Descent -212 /CapHeight 716 /ItalicAngle 0 /StemV 80 /FontBBox [-628 -376 2000 1056] >>".to_vec();
    let mut c = c.to_vec();
    c.extend(b" BT /F2 14 Tf 50 500 Td (Arial alias words) Tj ET");
    one_page(
        "",
        "/Font << /F1 5 0 R /F2 7 0 R >>",
        &c,
        vec![font.into_bytes(), desc, arial.into_bytes(), arial_desc],
    )
}

fn type0_doc() -> Vec<u8> {
    // codes 0x0001.. map to "Hello World, type zero!" via ToUnicode
    let text = "Hello World, type zero! 0123 caf\u{e9} \u{2013} \u{201c}x\u{201d}";
    let chars: Vec<char> = text.chars().collect();
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Adobe-Identity-UCS def /CMapType 2 def\n\
         1 begincodespacerange <0000> <FFFF> endcodespacerange\n",
    );
    cmap.push_str(&format!("{} beginbfchar\n", chars.len()));
    for (i, ch) in chars.iter().enumerate() {
        cmap.push_str(&format!("<{:04X}> <{:04X}>\n", i + 1, *ch as u32));
    }
    cmap.push_str("endbfchar endcmap CMapName currentdict /CMap defineresource pop end end");
    let mut hex = String::new();
    for i in 0..chars.len() {
        hex.push_str(&format!("{:04X}", i + 1));
    }
    // /W in both forms: a list for codes 1..=10, a range for 11..=40
    let list: Vec<String> = (1..=10).map(|i| (450 + i * 20).to_string()).collect();
    let font = b"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Foo-Bold /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 8 0 R >>".to_vec();
    let cid = format!(
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Foo-Bold /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> \
         /FontDescriptor 7 0 R /DW 1000 /W [1 [{}] 11 40 575] /CIDToGIDMap /Identity >>",
        list.join(" ")
    );
    let desc = b"<< /Type /FontDescriptor /FontName /ABCDEF+Foo-Bold /Flags 4 /Ascent 890 /Descent -240 /CapHeight 700 /ItalicAngle 0 /StemV 80 /FontBBox [-100 -240 1100 890] >>".to_vec();
    let c = format!(
        "BT /F1 14 Tf 60 650 Td <{hex}> Tj ET BT /F1 10 Tf 60 600 Td [<{}> -2000 <{}>] TJ ET",
        &hex[..20],
        &hex[20..48]
    );
    one_page(
        "",
        "/Font << /F1 5 0 R >>",
        c.as_bytes(),
        vec![font, cid.into_bytes(), desc, stream("", cmap.as_bytes())],
    )
}

fn type3_doc() -> Vec<u8> {
    let font = b"<< /Type /Font /Subtype /Type3 /FontBBox [0 -200 1000 800] /FontMatrix [0.001 0 0 0.001 0 0] \
        /CharProcs << /A 6 0 R /B 6 0 R /C 6 0 R /m 6 0 R /space 6 0 R >> \
        /Encoding << /Type /Encoding /Differences [32 /space 65 /A /B /C 109 /m] >> /FirstChar 32 /LastChar 109 \
        /Widths [250 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 700 650 600 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 900] \
        /Resources << >> >>"
        .to_vec();
    let proc_ = stream("", b"500 0 d0 0 0 400 600 re f");
    one_page(
        "",
        "/Font << /F1 5 0 R >>",
        b"BT /F1 20 Tf 72 600 Td (ABC mmm CAB) Tj ET",
        vec![font, proc_],
    )
}

fn state_doc() -> Vec<u8> {
    let c = b"BT /F1 12 Tf 14 TL 60 700 Td (Plain words here) Tj T* (Next line by T*) Tj \
              (Third via quote) ' 3 1 (Fourth via dquote) \" ET \
              BT /F1 12 Tf 60 600 Td 80 Tz (Squeezed horizontally) Tj 100 Tz 0 -20 Td 5 Ts (Risen text) Tj 0 Ts \
              0 -20 Td 1.5 Tc (Spaced out) Tj 0 Tc 0 -20 Td 6 Tw (Word spaced words) Tj 0 Tw \
              0 -20 Td [(Kern)-120(ed) -3000 (Gap)] TJ ET \
              q 2 0 0 2 0 0 cm BT /F1 8 Tf 30 200 Td (Scaled by cm) Tj ET Q \
              BT /F1 12 Tf 0 1 -1 0 500 300 Tm (Rotated ninety) Tj ET \
              BT /F1 12 Tf -1 0 0 -1 400 150 Tm (Upside down) Tj ET \
              BT /F1 12 Tf 0 -1 1 0 550 500 Tm (Rotated back) Tj ET \
              /Fm Do";
    let form = stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 300 300] /Matrix [1.5 0 0 1.5 100 50] /Resources << /Font << /F1 5 0 R >> >>",
        b"BT /F1 10 Tf 10 10 Td (Inside a form) Tj ET",
    );
    one_page(
        "",
        "/Font << /F1 5 0 R >> /XObject << /Fm 6 0 R >>",
        c,
        vec![
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
            form,
        ],
    )
}

fn rotated_page_doc(rot: u32) -> Vec<u8> {
    let c = b"BT /F1 12 Tf 100 700 Td (Top left-ish text) Tj 300 -400 Td (Middle words) Tj ET BT /F1 9 Tf 60 80 Td (Bottom) Tj ET";
    one_page(
        &format!("/Rotate {rot} /CropBox [40 50 560 760]"),
        "/Font << /F1 5 0 R >>",
        c,
        vec![b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>".to_vec()],
    )
}

fn annotations_and_layers_doc() -> Vec<u8> {
    let content = b"BT /F1 12 Tf 50 700 Td (Page text) Tj ET /OC /oc1 BDC BT /F1 12 Tf 50 650 Td (Hidden layer) Tj ET EMC \
                    /OC /oc2 BDC BT /F1 12 Tf 50 620 Td (Visible layer) Tj ET EMC";
    let objs = vec![
        b"<< /Type /Catalog /Pages 2 0 R /OCProperties << /OCGs [8 0 R 11 0 R] /D << /OFF [8 0 R] >> >> >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> /Properties << /oc1 8 0 R /oc2 11 0 R >> >> /Contents 4 0 R /Annots [6 0 R 9 0 R 10 0 R] >>".to_vec(),
        stream("", content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
        b"<< /Type /Annot /Subtype /FreeText /Rect [100 500 300 540] /Contents (Note) /AP << /N 7 0 R >> >>".to_vec(),
        stream("/Type /XObject /Subtype /Form /BBox [0 0 200 40] /Resources << /Font << /F1 5 0 R >> >>", b"BT /F1 10 Tf 5 10 Td (Annotation words) Tj ET"),
        b"<< /Type /OCG /Name (Layer) >>".to_vec(),
        b"<< /Type /Annot /Subtype /FreeText /F 2 /Rect [100 400 300 440] /AP << /N 7 0 R >> >>".to_vec(),
        b"<< /Type /Annot /Subtype /Widget /Rect [300 300 500 320] /AS /On /AP << /N << /On 12 0 R /Off 7 0 R >> >> >>".to_vec(),
        b"<< /Type /OCG /Name (Shown) >>".to_vec(),
        stream("/Type /XObject /Subtype /Form /BBox [0 0 100 10] /Matrix [1 0 0 1 0 0] /Resources << /Font << /F1 5 0 R >> >>", b"BT /F1 8 Tf 2 2 Td (Checked state) Tj ET"),
    ];
    pdf(&objs)
}

/// Odd text states: negative size, skew, a glyph drawn back over another,
/// zero scaling, Tm scaling, text running off the page, invisible text,
/// mirrored text, TJ gaps either side of 0.1 em, big overlaps, fake bold.
fn probes_doc() -> Vec<u8> {
    let c = b"BT /F1 -12 Tf 50 700 Td (Negative size) Tj ET \
        BT /F1 12 Tf 1 0 0.3 1 50 650 Tm (Skewed italic text) Tj ET \
        BT /F1 12 Tf 50 600 Td [(caf) (e) 556 (\\302)] TJ ( next) Tj ET \
        BT /F1 12 Tf 0 Tz 50 550 Td (Zero scale) Tj 100 Tz ET \
        BT /F1 1 Tf 12 0 0 12 50 500 Tm (Scaled by Tm) Tj ET \
        BT /F1 12 Tf -20 450 Td (Offpage start) Tj 600 0 Td (right edge text) Tj ET \
        BT 3 Tr /F1 12 Tf 50 400 Td (Invisible words) Tj 0 Tr ET \
        BT /F1 12 Tf -1 0 0 1 300 350 Tm (Mirrored) Tj ET \
        BT /F1 12 Tf 50 300 Td [(Tight)-90(kern)] TJ [(Wide)-110(kern)] TJ ET \
        BT /F1 12 Tf 50 250 Td [(Over)400(lap)] TJ [(Big)3000(back)] TJ ET \
        BT /F1 12 Tf 50 200 Td (Bold) Tj ET BT /F1 12 Tf 50.3 200 Td (Bold) Tj ET \
        BT /F2 12 Tf 300 700 Td [(cafe) 0 (\\001)] TJ ( x) Tj ET BT /F2 12 Tf 300 650 Td [(cafe) 333 (\\002)] TJ ( y) Tj ET \
        BT /F2 12 Tf 300 600 Td [(nai) 400 (\\003) (ve)] TJ ET BT /F2 12 Tf 300 550 Td [(\\002) -333 (e) (t\\351)] TJ ET \
        BT /F1 12 Tf 50 150 Td (pre) Tj /Span << /ActualText (fix) >> BDC (\\223) Tj EMC (post) Tj ( and) Tj /Span << /ActualText (two words) >> BDC ( XY) Tj EMC ET";
    one_page(
        "",
        "/Font << /F1 5 0 R /F2 6 0 R >>",
        c,
        vec![
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_vec(),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /BaseEncoding /WinAnsiEncoding /Differences [1 /uni0301 2 /acute 3 /dieresis] >> >>".to_vec(),
        ],
    )
}

struct PWord {
    text: String,
    b: [f64; 4],
}

fn poppler(bytes: &[u8], name: &str) -> Option<Vec<PWord>> {
    let dir = std::env::temp_dir().join(format!("plansift-pdf-synth-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok()?;
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, bytes).ok()?;
    let out = Command::new("pdftotext")
        .arg("-bbox")
        .arg(&path)
        .arg("-")
        .output()
        .ok()?;
    let s = String::from_utf8_lossy(&out.stdout);
    let re = regex::Regex::new(
        r#"<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">(.*?)</word>"#,
    )
    .unwrap();
    Some(
        re.captures_iter(&s)
            .map(|c| {
                let f = |i: usize| c[i].parse::<f64>().unwrap_or(0.0);
                PWord {
                    text: c[5]
                        .replace("&lt;", "<")
                        .replace("&gt;", ">")
                        .replace("&quot;", "\"")
                        .replace("&apos;", "'")
                        .replace("&amp;", "&"),
                    b: [f(1), f(2), f(3), f(4)],
                }
            })
            .collect(),
    )
}

#[test]
fn synthetic_pdfs_match_pdftotext() {
    if !common::pdftotext_available("synthetic_pdfs_match_pdftotext") {
        return;
    }
    let docs: Vec<(&str, Vec<u8>)> = vec![
        ("std14", std14_doc()),
        ("differences", differences_doc()),
        ("type0", type0_doc()),
        ("type3", type3_doc()),
        ("state", state_doc()),
        ("rot0", rotated_page_doc(0)),
        ("rot90", rotated_page_doc(90)),
        ("rot180", rotated_page_doc(180)),
        ("rot270", rotated_page_doc(270)),
        ("annotations", annotations_and_layers_doc()),
        ("probes", probes_doc()),
        (
            "mediabox-origin",
            one_page(
                "/MediaBox [100 100 712 892] /Rotate 90",
                "/Font << /F1 5 0 R >>",
                b"BT /F1 12 Tf 150 750 Td (Origin shifted) Tj ET",
                vec![b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec()],
            ),
        ),
    ];
    let mut problems = Vec::new();
    for (name, bytes) in &docs {
        let theirs = poppler(bytes, name).expect("pdftotext ran");
        let ours = plansift_pdf::parse(bytes, &plansift_pdf::Options::default())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let words: Vec<&plansift_layout::Word> =
            ours.pages.iter().flat_map(|p| p.words.iter()).collect();
        let mut used = vec![false; words.len()];
        for pw in &theirs {
            let found = words
                .iter()
                .enumerate()
                .filter(|(i, w)| !used[*i] && w.text == pw.text)
                .min_by(|a, b| {
                    let d = |w: &plansift_layout::Word| {
                        (w.bbox.x0 as f64 - pw.b[0]).abs() + (w.bbox.top as f64 - pw.b[1]).abs()
                    };
                    d(a.1).total_cmp(&d(b.1))
                });
            match found {
                None => problems.push(format!(
                    "{name}: poppler word {:?} {:?} not found",
                    pw.text, pw.b
                )),
                Some((i, w)) => {
                    used[i] = true;
                    let ob = [
                        w.bbox.x0 as f64,
                        w.bbox.top as f64,
                        w.bbox.x1 as f64,
                        w.bbox.bottom as f64,
                    ];
                    let off = ob
                        .iter()
                        .zip(&pw.b)
                        .map(|(a, b)| (a - b).abs())
                        .fold(0.0, f64::max);
                    if off > 1.0 {
                        problems.push(format!(
                            "{name}: {:?} ours {:?} poppler {:?}",
                            pw.text,
                            ob.map(|v| (v * 10.0).round() / 10.0),
                            pw.b.map(|v| (v * 10.0).round() / 10.0)
                        ));
                    }
                }
            }
        }
        for (i, w) in words.iter().enumerate() {
            if !used[i] {
                problems.push(format!(
                    "{name}: our word {:?} {:?} not in poppler's output",
                    w.text,
                    w.bbox.as_array()
                ));
            }
        }
    }
    let _ = std::fs::remove_dir_all(
        std::env::temp_dir().join(format!("plansift-pdf-synth-{}", std::process::id())),
    );
    for p in &problems {
        println!("{p}");
    }
    assert!(
        problems.is_empty(),
        "{} difference(s) from pdftotext",
        problems.len()
    );
}
