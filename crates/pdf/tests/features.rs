//! Interpreter features on small generated PDFs: colour spaces, rules and
//! fills, clipping, marked content, Form XObjects, structure trees, page
//! geometry.

use plansift_layout::PdfLayout;
use plansift_model::Rgb;

fn pdf(objs: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
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
    out.extend(format!("trailer\n<< /Size {} /Root 1 0 R /Info << /Title (A \\(test\\) title) >> >>\nstartxref\n{xref}\n%%EOF\n", objs.len() + 1).bytes());
    out
}

fn stream(extra: &str, data: &[u8]) -> Vec<u8> {
    let mut v = format!("<< /Length {} {extra} >>\nstream\n", data.len()).into_bytes();
    v.extend(data);
    v.extend(b"\nendstream");
    v
}

/// Catalog (with `catalog_extra`), one page (object 3) with `resources`,
/// content (object 4), Helvetica (object 5), then `extra` from object 6.
fn page(
    catalog_extra: &str,
    page_extra: &str,
    resources: &str,
    content: &[u8],
    extra: Vec<Vec<u8>>,
) -> PdfLayout {
    let mut objs = vec![
        format!("<< /Type /Catalog /Pages 2 0 R {catalog_extra} >>").into_bytes(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] {page_extra} /Resources << /Font << /F1 5 0 R >> {resources} >> /Contents 4 0 R >>").into_bytes(),
        stream("", content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>".to_vec(),
    ];
    objs.extend(extra);
    plansift_pdf::parse(&pdf(&objs), &plansift_pdf::Options::default()).expect("parse")
}

fn near(a: f32, b: f32) -> bool {
    (a - b).abs() < 0.01
}

#[test]
fn colour_spaces_give_fill_colours() {
    let l = page(
        "",
        "",
        "/ColorSpace << /CS0 [/ICCBased 6 0 R] /CS1 [/Indexed /DeviceRGB 2 <FF0000 00FF00 0000FF>] /CS2 [/Separation /Spot /DeviceCMYK << /FunctionType 2 /Domain [0 1] /C0 [0 0 0 0] /C1 [0 1 1 0] /N 1 >>] >>",
        b"1 0 0 rg 10 10 50 50 re f \
          0 0 0 1 k 70 10 50 50 re f \
          0.5 g 130 10 50 50 re f \
          /CS0 cs 0 0.5 1 sc 190 10 50 50 re f \
          /CS1 cs 1 scn 250 10 50 50 re f \
          /CS2 cs 1 scn 310 10 50 50 re f \
          1 1 1 rg 0 0 600 800 re f",
        vec![stream("/N 3", b"")],
    );
    let p = &l.pages[0];
    let colours: Vec<Rgb> = p.fills.iter().map(|f| f.color).collect();
    assert_eq!(
        colours,
        vec![
            Rgb(255, 0, 0),
            Rgb(0, 0, 0),
            Rgb(128, 128, 128),
            Rgb(0, 128, 255),
            Rgb(0, 255, 0),
            Rgb(255, 0, 0)
        ],
        "the white page background is dropped"
    );
    // PDF y up -> top-left origin
    let f = &p.fills[0];
    assert!(
        near(f.bbox.x0, 10.0)
            && near(f.bbox.top, 740.0)
            && near(f.bbox.x1, 60.0)
            && near(f.bbox.bottom, 790.0),
        "{:?}",
        f.bbox
    );
    assert_eq!(l.title.as_deref(), Some("A (test) title"));
}

#[test]
fn strokes_and_thin_fills_are_rules() {
    let l = page(
        "",
        "",
        "",
        b"q 2 0 0 2 0 0 cm 0 0 1 RG 0.5 w 10 100 m 200 100 l S Q \
          0 1 0 rg 50 50 1 300 re f \
          0 0 0 RG 10 10 m 100 100 l S \
          20 20 100 50 re S \
          q 0 0 100 100 re W n 1 0 0 rg 50 50 200 200 re f Q \
          q 300 300 10 10 re W n Q \
          0 0 1 rg 400 400 m 500 400 l 500 400.8 l 400 400.8 l h f",
        vec![],
    );
    let p = &l.pages[0];
    // the stroked line, scaled by cm: y = 800 - 200, width 1
    let blue = p
        .rules
        .iter()
        .find(|r| r.color == Rgb(0, 0, 255) && r.x1 - r.x0 > 300.0)
        .expect("stroked rule");
    assert!(
        blue.is_horizontal()
            && near(blue.width, 1.0)
            && near(blue.x0, 20.0)
            && near(blue.x1, 400.0)
    );
    assert!(near((blue.top + blue.bottom) / 2.0, 600.0));
    // the thin green rectangle is a vertical rule 1 pt thick
    let green = p
        .rules
        .iter()
        .find(|r| r.color == Rgb(0, 255, 0))
        .expect("thin fill rule");
    assert!(
        !green.is_horizontal()
            && near(green.width, 1.0)
            && near(green.top, 450.0)
            && near(green.bottom, 750.0)
    );
    // the stroked rectangle gives four rules; the diagonal none
    let black: Vec<_> = p.rules.iter().filter(|r| r.color == Rgb(0, 0, 0)).collect();
    assert_eq!(black.len(), 4, "{black:?}");
    // the fill is cut to its clip; the clip path alone paints nothing
    let red: Vec<_> = p
        .fills
        .iter()
        .filter(|f| f.color == Rgb(255, 0, 0))
        .collect();
    assert_eq!(red.len(), 1);
    assert!(near(red[0].bbox.x1, 100.0) && near(red[0].bbox.top, 700.0));
    // a thin polygon (m l l l h) is a rule too
    assert!(p.rules.iter().any(|r| r.color == Rgb(0, 0, 255)
        && r.is_horizontal()
        && near(r.x0, 400.0)
        && near(r.width, 0.8)));
    assert_eq!(p.fills.len(), 1);
}

#[test]
fn marked_content_ids_reach_words() {
    let l = page(
        "",
        "",
        "/Properties << /P0 << /MCID 7 >> >>",
        b"/Span << /MCID 3 >> BDC BT /F1 10 Tf 50 700 Td (Inline) Tj ET EMC \
          /P /P0 BDC BT /F1 10 Tf 50 680 Td (Named) Tj ET /Artifact BMC BT /F1 10 Tf 50 660 Td (Nested) Tj ET EMC EMC \
          BT /F1 10 Tf 50 640 Td (Outside) Tj ET",
        vec![],
    );
    let p = &l.pages[0];
    let by = |t: &str| p.words.iter().find(|w| w.text == t).map(|w| w.mcid);
    assert_eq!(by("Inline"), Some(Some(3)));
    assert_eq!(by("Named"), Some(Some(7)));
    assert_eq!(
        by("Nested"),
        Some(Some(7)),
        "innermost sequence with an MCID"
    );
    assert_eq!(by("Outside"), Some(None));
    assert!(p.words.iter().all(|w| w.bold), "Helvetica-Bold is bold");
}

#[test]
fn form_xobjects_draw_with_their_matrix() {
    let l = page(
        "",
        "",
        "/XObject << /Fm 6 0 R >>",
        b"q 1 0 0 1 100 100 cm /Fm Do Q",
        vec![stream(
            "/Type /XObject /Subtype /Form /BBox [0 0 100 100] /Matrix [2 0 0 2 0 0] /Resources << /Font << /F2 7 0 R >> >>",
            b"0.2 0.4 0.6 rg 0 0 10 10 re f BT /F2 5 Tf 0 20 Td (Formed) Tj ET",
        ), b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>".to_vec()],
    );
    let p = &l.pages[0];
    let f = &p.fills[0];
    assert!(
        near(f.bbox.x0, 100.0) && near(f.bbox.x1, 120.0) && near(f.bbox.bottom, 700.0),
        "{:?}",
        f.bbox
    );
    assert_eq!(f.color, Rgb(51, 102, 153));
    let w = &p.words[0];
    assert_eq!(w.text, "Formed");
    assert!(near(w.size, 10.0) && near(w.bbox.x0, 100.0) && !w.bold);
}

#[test]
fn rotated_pages_turn_coordinates() {
    let l = page(
        "",
        "/Rotate 90",
        "",
        b"0 0 1 rg 10 20 30 5 re f BT /F1 10 Tf 100 700 Td (Turned) Tj ET",
        vec![],
    );
    let p = &l.pages[0];
    assert!(near(p.width, 800.0) && near(p.height, 600.0));
    let f = &p.fills[0];
    // x' = y, y' = x
    assert!(
        near(f.bbox.x0, 20.0)
            && near(f.bbox.x1, 25.0)
            && near(f.bbox.top, 10.0)
            && near(f.bbox.bottom, 40.0),
        "{:?}",
        f.bbox
    );
    // the text now runs downwards
    let w = &p.words[0];
    assert_eq!(w.text, "Turned");
    assert!(w.bbox.height() > w.bbox.width());
}

#[test]
fn structure_tree_tables_with_rolemap_sections_mcr_and_spans() {
    let l = page(
        "/StructTreeRoot 6 0 R /MarkInfo << /Marked true >>",
        "",
        "",
        b"/TD << /MCID 0 >> BDC BT /F1 10 Tf 50 700 Td (Head) Tj ET EMC \
          /TD << /MCID 1 >> BDC BT /F1 10 Tf 50 680 Td (Body) Tj ET EMC \
          /TD << /MCID 2 >> BDC BT /F1 10 Tf 150 680 Td (Cell) Tj ET EMC",
        vec![
            b"<< /Type /StructTreeRoot /K [7 0 R] /RoleMap << /MyTable /Table /Row /TR /HeadCell /TH >> >>".to_vec(),
            b"<< /Type /StructElem /S /Document /P 6 0 R /K [8 0 R] >>".to_vec(),
            b"<< /Type /StructElem /S /MyTable /P 7 0 R /Pg 3 0 R /K [9 0 R 10 0 R] >>".to_vec(),
            b"<< /Type /StructElem /S /THead /P 8 0 R /K [11 0 R] >>".to_vec(),
            b"<< /Type /StructElem /S /TBody /P 8 0 R /K [12 0 R] >>".to_vec(),
            b"<< /Type /StructElem /S /Row /P 9 0 R /K [13 0 R] >>".to_vec(),
            b"<< /Type /StructElem /S /TR /P 10 0 R /K [14 0 R 15 0 R] >>".to_vec(),
            b"<< /Type /StructElem /S /HeadCell /P 11 0 R /A << /O /Table /ColSpan 2 >> /K 0 >>".to_vec(),
            b"<< /Type /StructElem /S /TD /P 12 0 R /K << /Type /MCR /Pg 3 0 R /MCID 1 >> >>".to_vec(),
            b"<< /Type /StructElem /S /TD /P 12 0 R /A [<< /O /Layout >> << /O /Table /RowSpan 3 >>] /K [16 0 R] >>".to_vec(),
            b"<< /Type /StructElem /S /P /P 15 0 R /K [2] >>".to_vec(),
        ],
    );
    assert_eq!(l.tagged_tables.len(), 1);
    let t = &l.tagged_tables[0];
    assert_eq!(t.rows.len(), 2);
    let h = &t.rows[0].cells[0];
    assert!(h.header && h.colspan == 2 && h.rowspan == 1 && h.content == vec![(1, 0)]);
    let b = &t.rows[1].cells;
    assert_eq!(b.len(), 2);
    assert!(!b[0].header && b[0].content == vec![(1, 1)]);
    assert!(b[1].rowspan == 3 && b[1].content == vec![(1, 2)]);
    // the inspector resolves cell text through the MCIDs
    let j = plansift_pdf::inspect_json(&l, Some(1));
    assert_eq!(j["tagged_tables"][0]["rows"][1]["cells"][1]["text"], "Cell");
    let svg = plansift_pdf::inspect_svg(&l, 1);
    assert!(svg.starts_with("<svg") && svg.contains(">Cell</text>"));
}

#[test]
fn text_encodings_and_fonts() {
    // simple font with /Differences through the glyph list; MacRoman base
    let l = page(
        "",
        "",
        "/Font << /F1 5 0 R /F2 6 0 R /F3 7 0 R >>",
        b"BT /F2 10 Tf 50 700 Td (\x01\x02\x03 \x04x) Tj ET BT /F3 10 Tf 50 650 Td (\x8e\xd5s) Tj ET",
        vec![
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding << /Differences [1 /eacute /quoteright /uni20AC 4 /f_f_i] >> >>".to_vec(),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /MacRomanEncoding >>".to_vec(),
        ],
    );
    let texts: Vec<&str> = l.pages[0].words.iter().map(|w| w.text.as_str()).collect();
    assert_eq!(texts, ["é’€", "ffix", "é’s"]);
}

#[test]
fn status_markers_and_shadings_are_fills() {
    // a 10 pt green dot drawn with curves, a black dot, a large red disc,
    // a rectangle filled with a shading pattern, and `sh` inside a clip
    let dot = |cx: f64, cy: f64, r: f64| {
        let k = 0.5523 * r;
        format!(
            "{} {} m {} {} {} {} {} {} c {} {} {} {} {} {} c {} {} {} {} {} {} c {} {} {} {} {} {} c f ",
            cx + r, cy,
            cx + r, cy + k, cx + k, cy + r, cx, cy + r,
            cx - k, cy + r, cx - r, cy + k, cx - r, cy,
            cx - r, cy - k, cx - k, cy - r, cx, cy - r,
            cx + k, cy - r, cx + r, cy - k, cx + r, cy
        )
    };
    let content = format!(
        "0 0.69 0.31 rg {} 0 0 0 rg {} 1 0 0 rg {} /Pattern cs /P0 scn 300 300 100 40 re f q 50 50 80 20 re W n /Sh0 sh Q",
        dot(100.0, 700.0, 5.0),
        dot(150.0, 700.0, 5.0),
        dot(300.0, 600.0, 80.0)
    );
    let l = page(
        "",
        "",
        "/Pattern << /P0 << /PatternType 2 /Shading 6 0 R >> >> /Shading << /Sh0 6 0 R >>",
        content.as_bytes(),
        vec![b"<< /ShadingType 2 /ColorSpace /DeviceRGB /Coords [0 0 1 0] /Function << /FunctionType 2 /Domain [0 1] /C0 [1 0 0] /C1 [1 1 0] /N 1 >> >>".to_vec()],
    );
    let fills = &l.pages[0].fills;
    assert_eq!(fills.len(), 3, "{fills:?}");
    let green = &fills[0];
    assert_eq!(green.color, Rgb(0, 176, 79));
    assert!(
        near(green.bbox.x0, 95.0)
            && near(green.bbox.x1, 105.0)
            && near(green.bbox.top, 95.0)
            && near(green.bbox.bottom, 105.0)
    );
    assert_eq!(fills[1].color, Rgb(255, 128, 0));
    assert!(near(fills[1].bbox.width(), 100.0));
    assert_eq!(fills[2].color, Rgb(255, 128, 0));
    assert!(
        near(fills[2].bbox.x0, 50.0)
            && near(fills[2].bbox.x1, 130.0)
            && near(fills[2].bbox.top, 730.0)
    );
}

#[test]
fn structure_pages_from_the_parent_tree_when_pg_is_missing() {
    let l = page(
        "/StructTreeRoot 6 0 R",
        "/StructParents 0",
        "",
        b"/TD << /MCID 0 >> BDC BT /F1 10 Tf 50 700 Td (Alone) Tj ET EMC",
        vec![
            b"<< /Type /StructTreeRoot /K [7 0 R] /ParentTree << /Kids [<< /Nums [0 [10 0 R]] /Limits [0 0] >>] >> >>".to_vec(),
            b"<< /Type /StructElem /S /Table /P 6 0 R /K [8 0 R] >>".to_vec(),
            b"<< /Type /StructElem /S /TR /P 7 0 R /K [9 0 R] >>".to_vec(),
            b"<< /Type /StructElem /S /TD /P 8 0 R /K [10 0 R] >>".to_vec(),
            b"<< /Type /StructElem /S /P /P 9 0 R /K 0 >>".to_vec(),
        ],
    );
    assert_eq!(l.tagged_tables.len(), 1);
    assert_eq!(l.tagged_tables[0].rows[0].cells[0].content, vec![(1, 0)]);
}
