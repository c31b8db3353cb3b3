//! Ruling lines, fills and the structure tree on the fixture PDFs.

use plansift_layout::{PageLayout, PdfLayout, Word};
use plansift_model::Rgb;
use std::collections::HashSet;

fn load(rel: &str) -> PdfLayout {
    let path = format!("{}/../../fixtures/pdf/{rel}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    plansift_pdf::parse(&bytes, &plansift_pdf::Options::default())
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

const DOCS: [&str; 4] = [
    "bromley-portfolio-half-year-2013-14",
    "cheshire-east-service-plans-2011-12",
    "leicestershire-jhws-draft-priorities",
    "thurrock-jhws-delivery-2014-15",
];

/// The word is boxed by ruling lines: left, right, and above or below (a row
/// cut by a page break loses one of them).
fn enclosed(p: &PageLayout, w: &Word) -> bool {
    let b = &w.bbox;
    let (cx, cy) = (b.cx(), b.cy());
    let h = |r: &&plansift_layout::Rule| r.is_horizontal() && r.x0 <= cx && r.x1 >= cx;
    let v = |r: &&plansift_layout::Rule| !r.is_horizontal() && r.top <= cy && r.bottom >= cy;
    let above = p.rules.iter().filter(h).any(|r| r.bottom <= b.top + 1.0);
    let below = p.rules.iter().filter(h).any(|r| r.top >= b.bottom - 1.0);
    let left = p.rules.iter().filter(v).any(|r| r.x1 <= b.x0 + 1.0);
    let right = p.rules.iter().filter(v).any(|r| r.x0 >= b.x1 - 1.0);
    (above || below) && left && right
}

#[test]
fn chromium_table_words_are_boxed_by_rules() {
    for d in DOCS {
        let l = load(&format!("chromium/{d}.pdf"));
        let cells: HashSet<(u32, i64)> = l
            .tagged_tables
            .iter()
            .flat_map(|t| t.rows.iter())
            .flat_map(|r| r.cells.iter())
            .flat_map(|c| c.content.iter().copied())
            .collect();
        let mut n = 0;
        let mut boxed = 0;
        for p in &l.pages {
            for w in &p.words {
                if w.mcid.is_some_and(|m| cells.contains(&(p.page, m))) {
                    n += 1;
                    boxed += enclosed(p, w) as usize;
                }
            }
        }
        assert!(n > 100, "{d}: only {n} words in tagged cells");
        assert_eq!(
            boxed,
            n,
            "{d}: {} of {n} table words are not boxed by rules",
            n - boxed
        );
    }
}

/// Render a page with poppler (`pdftoppm -gray -r 72`) as (width, height, pixels).
fn render(rel: &str, page: u32) -> Option<(usize, usize, Vec<u8>)> {
    render_as(rel, page, true)
}

/// Render a page (gray PGM or colour PPM) at 72 dpi.
fn render_as(rel: &str, page: u32, gray: bool) -> Option<(usize, usize, Vec<u8>)> {
    let path = format!("{}/../../fixtures/pdf/{rel}", env!("CARGO_MANIFEST_DIR"));
    let (f, l) = (page.to_string(), page.to_string());
    let mut args: Vec<&str> = if gray { vec!["-gray"] } else { vec![] };
    args.extend(["-r", "72", "-f", &f, "-l", &l, &path]);
    let out = std::process::Command::new("pdftoppm")
        .args(&args)
        .output()
        .ok()?;
    let b = out.stdout;
    // binary PGM: "P5\n<w> <h>\n<max>\n<pixels>"
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 && i < b.len() {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let st = i;
        while i < b.len() && !b[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(String::from_utf8_lossy(&b[st..i]).into_owned());
    }
    let channels = match fields.first().map(String::as_str) {
        Some("P5") => 1,
        Some("P6") => 3,
        _ => return None,
    };
    let w: usize = fields[1].parse().ok()?;
    let h: usize = fields[2].parse().ok()?;
    let px = b.get(i + 1..i + 1 + w * h * channels)?.to_vec();
    Some((w, h, px))
}

/// The intervals, joined across gaps of up to 2 pt (where a crossing rule
/// fills the gap), cover `[a, b]` give or take 3 pt at each end (the run
/// goes on through a crossing rule's thickness).
fn covers(mut spans: Vec<(f32, f32)>, a: f32, b: f32) -> bool {
    spans.sort_by(|p, q| p.0.total_cmp(&q.0));
    let mut merged: Vec<(f32, f32)> = Vec::new();
    for (s, e) in spans {
        match merged.last_mut() {
            Some(m) if s <= m.1 + 2.0 => m.1 = m.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged.iter().any(|&(s, e)| s <= a + 3.0 && e >= b - 3.0)
}

/// Every long dark horizontal or vertical run of pixels in poppler's
/// rendering (a drawn line: text never makes runs this long at 72 dpi) is
/// covered by a found rule.
fn all_drawn_lines_found(rel: &str) {
    let l = load(rel);
    if render(rel, 1).is_none() {
        println!("NOTICE: pdftoppm not installed; skipping the rendering check for {rel}");
        return;
    }
    const RUN: usize = 24;
    for p in &l.pages {
        let Some((w, h, px)) = render(rel, p.page) else {
            panic!("{rel}: render p{}", p.page)
        };
        // glyph pixels are not lines: mask the word boxes
        let mut text = vec![false; w * h];
        for wd in &p.words {
            let b = &wd.bbox;
            for y in (b.top.max(0.0) as usize)..(b.bottom.ceil().max(0.0) as usize).min(h) {
                for x in (b.x0.max(0.0) as usize)..(b.x1.ceil().max(0.0) as usize).min(w) {
                    text[y * w + x] = true;
                }
            }
        }
        let dark = |x: usize, y: usize| px[y * w + x] < 170 && !text[y * w + x];
        let mut missed = Vec::new();
        for y in 0..h {
            let mut x = 0;
            while x < w {
                if !dark(x, y) {
                    x += 1;
                    continue;
                }
                let st = x;
                while x < w && dark(x, y) {
                    x += 1;
                }
                if x - st >= RUN {
                    let (x0, x1, yc) = (st as f32, x as f32, y as f32 + 0.5);
                    let spans: Vec<(f32, f32)> = p
                        .rules
                        .iter()
                        .filter(|r| r.is_horizontal() && r.top - 1.5 <= yc && r.bottom + 1.5 >= yc)
                        .map(|r| (r.x0, r.x1))
                        .collect();
                    let covered = covers(spans, x0, x1);
                    if !covered {
                        missed.push(format!("h y={y} x={st}..{x}"));
                    }
                }
            }
        }
        for x in 0..w {
            let mut y = 0;
            while y < h {
                if !dark(x, y) {
                    y += 1;
                    continue;
                }
                let st = y;
                while y < h && dark(x, y) {
                    y += 1;
                }
                if y - st >= RUN {
                    let (y0, y1, xc) = (st as f32, y as f32, x as f32 + 0.5);
                    let spans: Vec<(f32, f32)> = p
                        .rules
                        .iter()
                        .filter(|r| !r.is_horizontal() && r.x0 - 1.5 <= xc && r.x1 + 1.5 >= xc)
                        .map(|r| (r.top, r.bottom))
                        .collect();
                    let covered = covers(spans, y0, y1);
                    if !covered {
                        missed.push(format!("v x={x} y={st}..{y}"));
                    }
                }
            }
        }
        assert!(
            missed.is_empty(),
            "{rel} p{}: drawn lines without a rule: {:?}",
            p.page,
            &missed[..missed.len().min(8)]
        );
    }
}

#[test]
fn every_drawn_line_is_a_rule_libreoffice_and_chromium() {
    for d in DOCS {
        all_drawn_lines_found(&format!("libreoffice/{d}.pdf"));
        all_drawn_lines_found(&format!("chromium/{d}.pdf"));
        all_drawn_lines_found(&format!("hrules/{d}.pdf"));
    }
}

#[test]
fn hrules_have_row_rules_and_only_the_outline_vertically() {
    // hrules: horizontal rules between rows; the only vertical lines are the
    // table's outline (two x positions per page), never column separators
    for d in DOCS {
        let l = load(&format!("hrules/{d}.pdf"));
        let mut h = 0;
        for p in &l.pages {
            h += p.rules.iter().filter(|r| r.is_horizontal()).count();
            let xs: HashSet<i32> = p
                .rules
                .iter()
                .filter(|r| !r.is_horizontal())
                .map(|r| r.x0.round() as i32)
                .collect();
            assert!(xs.len() <= 2, "{d} p{}: vertical rules at {xs:?}", p.page);
        }
        assert!(h > 10 * l.pages.len() / 2, "{d}: only {h} horizontal rules");
    }
}

fn is_green(c: Rgb) -> bool {
    c.1 as i32 > c.0 as i32 + 60 && c.1 as i32 > c.2 as i32 + 40
}
fn is_amber(c: Rgb) -> bool {
    c.0 > 200 && (120..=220).contains(&c.1) && c.2 < 90
}
fn is_red(c: Rgb) -> bool {
    c.0 > 180 && c.1 < 90 && c.2 < 90
}

#[test]
fn rag_fills_have_their_colours() {
    let mut seen = [false; 3];
    for d in [
        "bromley-portfolio-half-year-2013-14",
        "thurrock-jhws-delivery-2014-15",
    ] {
        let l = load(&format!("ragcolour/{d}.pdf"));
        let fills: Vec<_> = l.pages.iter().flat_map(|p| p.fills.iter()).collect();
        assert!(!fills.is_empty(), "{d}: no fills");
        for f in &fills {
            let c = f.color;
            assert!(
                is_green(c) || is_amber(c) || is_red(c),
                "{d}: fill {} is not a RAG colour",
                c.hex()
            );
            seen[0] |= is_green(c);
            seen[1] |= is_amber(c);
            seen[2] |= is_red(c);
            // a RAG cell is a real cell, not a hairline
            assert!(f.bbox.width() > 5.0 && f.bbox.height() > 5.0);
        }
    }
    assert_eq!(
        seen,
        [true, true, true],
        "green, amber and red fills all found"
    );
}

#[test]
fn shaded_bands_and_header_fill() {
    for d in DOCS {
        let l = load(&format!("shaded/{d}.pdf"));
        let mut colours: HashSet<String> = HashSet::new();
        let mut white_words = 0;
        for p in &l.pages {
            for f in &p.fills {
                colours.insert(f.color.hex());
            }
            // white text sits on a dark fill (the header band)
            for w in p.words.iter().filter(|w| w.color == Rgb(255, 255, 255)) {
                white_words += 1;
                let on_dark = p.fills.iter().any(|f| {
                    let lum = f.color.0 as u32 + f.color.1 as u32 + f.color.2 as u32;
                    lum < 300 && f.bbox.contains_point(w.bbox.cx(), w.bbox.cy(), 0.5)
                });
                assert!(
                    on_dark,
                    "{d} p{}: white word '{}' not on a dark fill",
                    p.page, w.text
                );
            }
        }
        assert!(colours.len() >= 3, "{d}: fill colours {colours:?}");
        assert!(white_words > 0, "{d}: no header text in white");
    }
}

#[test]
fn tagged_tables_cover_the_table_text() {
    for d in DOCS {
        let l = load(&format!("chromium/{d}.pdf"));
        assert!(!l.tagged_tables.is_empty(), "{d}: no tagged tables");
        let pages_with_tables: HashSet<u32> = l
            .tagged_tables
            .iter()
            .flat_map(|t| t.rows.iter())
            .flat_map(|r| r.cells.iter())
            .flat_map(|c| c.content.iter().map(|x| x.0))
            .collect();
        assert!(
            pages_with_tables.len() * 2 >= l.pages.len(),
            "{d}: tables on {pages_with_tables:?}"
        );
        for t in &l.tagged_tables {
            for r in &t.rows {
                assert!(!r.cells.is_empty());
                for c in &r.cells {
                    assert!(c.colspan >= 1 && c.rowspan >= 1);
                    // every cell's marked content resolves to at least one word
                    let n = c
                        .content
                        .iter()
                        .filter(|&&(pg, m)| {
                            l.pages
                                .iter()
                                .any(|p| p.page == pg && p.words.iter().any(|w| w.mcid == Some(m)))
                        })
                        .count();
                    assert!(
                        n > 0 || c.content.is_empty(),
                        "{d}: cell {:?} has no words",
                        c.content
                    );
                }
            }
        }
        // untagged renderings have no tagged tables
        let plain = load(&format!("plain/{d}.pdf"));
        assert!(plain.tagged_tables.is_empty());
    }
}

#[test]
fn lines_index_words_consistently() {
    for folder in ["chromium", "libreoffice", "shaded"] {
        for d in DOCS {
            let l = load(&format!("{folder}/{d}.pdf"));
            assert!(l.title.is_some(), "{folder}/{d}: no title");
            for p in &l.pages {
                let mut seen = vec![false; p.words.len()];
                for (li, line) in p.lines.iter().enumerate() {
                    for &wi in &line.words {
                        assert_eq!(p.words[wi].line, li);
                        assert!(!seen[wi]);
                        seen[wi] = true;
                    }
                    // words of a line run left to right on one baseline
                    for pair in line.words.windows(2) {
                        let (a, b) = (&p.words[pair[0]], &p.words[pair[1]]);
                        assert!(a.bbox.x0 <= b.bbox.x0);
                        assert!((a.bbox.bottom - b.bbox.bottom).abs() < a.size.max(b.size) * 0.5);
                    }
                }
                assert!(
                    seen.iter().all(|&s| s),
                    "{folder}/{d} p{}: a word in no line",
                    p.page
                );
            }
        }
    }
}

/// Every painted area of poppler's colour rendering (away from text, rules
/// and anti-aliased edges) lies in a found fill of its colour, and every
/// fill's inside is painted in the fill's colour.
fn all_painted_areas_are_fills(rel: &str) {
    let l = load(rel);
    if render_as(rel, 1, false).is_none() {
        println!("NOTICE: pdftoppm not installed; skipping the rendering check for {rel}");
        return;
    }
    let mut total_painted = 0;
    for p in &l.pages {
        let Some((w, h, px)) = render_as(rel, p.page, false) else {
            panic!("{rel}: render p{}", p.page)
        };
        let mut masked = vec![false; w * h];
        let mut mask = |x0: f32, y0: f32, x1: f32, y1: f32, pad: f32| {
            let (x0, y0) = ((x0 - pad).max(0.0) as usize, (y0 - pad).max(0.0) as usize);
            let (x1, y1) = (
                ((x1 + pad).ceil().max(0.0) as usize).min(w),
                ((y1 + pad).ceil().max(0.0) as usize).min(h),
            );
            for y in y0..y1 {
                for x in x0..x1 {
                    masked[y * w + x] = true;
                }
            }
        };
        for wd in &p.words {
            mask(wd.bbox.x0, wd.bbox.top, wd.bbox.x1, wd.bbox.bottom, 1.0);
        }
        for r in &p.rules {
            mask(r.x0, r.top, r.x1, r.bottom, 1.5);
        }
        // pixels near a fill's edge are anti-aliased
        for f in &p.fills {
            let b = &f.bbox;
            mask(b.x0, b.top, b.x1, b.top, 1.5);
            mask(b.x0, b.bottom, b.x1, b.bottom, 1.5);
            mask(b.x0, b.top, b.x0, b.bottom, 1.5);
            mask(b.x1, b.top, b.x1, b.bottom, 1.5);
        }
        let close = |c: Rgb, q: &[u8]| {
            (c.0 as i32 - q[0] as i32).abs() <= 24
                && (c.1 as i32 - q[1] as i32).abs() <= 24
                && (c.2 as i32 - q[2] as i32).abs() <= 24
        };
        let mut missed = Vec::new();
        let mut painted = 0usize;
        for y in 0..h {
            for x in 0..w {
                let i = y * w + x;
                let q = &px[i * 3..i * 3 + 3];
                if masked[i] || q.iter().all(|&c| c >= 245) {
                    continue;
                }
                painted += 1;
                let (cx, cy) = (x as f32 + 0.5, y as f32 + 0.5);
                // the last fill drawn over the pixel shows
                let top = p
                    .fills
                    .iter()
                    .rev()
                    .find(|f| f.bbox.contains_point(cx, cy, 0.0));
                if !top.is_some_and(|f| close(f.color, q)) {
                    missed.push((x, y, q.to_vec(), top.map(|f| f.color.hex())));
                }
            }
        }
        total_painted += painted;
        assert!(
            missed.is_empty(),
            "{rel} p{}: {} of {painted} painted pixels not in a fill of their colour, e.g. {:?}",
            p.page,
            missed.len(),
            &missed[..missed.len().min(5)]
        );
        for f in &p.fills {
            let (cx, cy) = (f.bbox.cx() as usize, f.bbox.cy() as usize);
            let i = cy.min(h - 1) * w + cx.min(w - 1);
            if masked[i] {
                continue;
            }
            // the fill is not covered by a later one at its centre
            let top = p
                .fills
                .iter()
                .rev()
                .find(|g| g.bbox.contains_point(f.bbox.cx(), f.bbox.cy(), 0.0));
            if top.is_some_and(|g| std::ptr::eq(g, f)) {
                assert!(
                    close(f.color, &px[i * 3..i * 3 + 3]),
                    "{rel} p{}: fill {:?} {} rendered as {:?}",
                    p.page,
                    f.bbox,
                    f.color.hex(),
                    &px[i * 3..i * 3 + 3]
                );
            }
        }
    }
    println!("{rel}: {total_painted} painted pixels, all in fills of their colour");
    assert!(
        total_painted > 500,
        "{rel}: the check saw almost no painted area"
    );
}

#[test]
fn every_fill_found_with_its_colour_shaded_and_ragcolour() {
    for d in DOCS {
        all_painted_areas_are_fills(&format!("shaded/{d}.pdf"));
    }
    for d in [
        "bromley-portfolio-half-year-2013-14",
        "thurrock-jhws-delivery-2014-15",
    ] {
        all_painted_areas_are_fills(&format!("ragcolour/{d}.pdf"));
    }
}
