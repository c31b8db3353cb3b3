//! Random soups of tags, entities and text never panic, and always give dense tables
//! and consistent page numbers.

use plansift_model::Block;

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

const TOKENS: &[&str] = &[
    "<table>",
    "</table>",
    "<tr>",
    "</tr>",
    "<td>",
    "</td>",
    "<th>",
    "<td colspan=3>",
    "<td rowspan=0>",
    "<td rowspan=99999 colspan=2>",
    "<thead>",
    "</thead>",
    "<p>",
    "</p>",
    "<b>",
    "</b>",
    "<sup>th</sup>",
    "<sup>",
    "27 ",
    "<br>",
    "<hr>",
    "<h2>Plan</h2>",
    "<div style='page-break-before:always'>",
    "</div>",
    "<ul><li>",
    "</li>",
    "&amp;",
    "&nbsp;",
    "&#8217;",
    "&#xFFFFFF;",
    "&bogus;",
    "<",
    ">",
    "\"",
    "'",
    "Page 2 of 9",
    "text ",
    "\n",
    "<!--",
    "-->",
    "<caption>",
    "<td bgcolor=red>",
    "<td style='background:rgb(1,2'>",
    "<style>h2{page-break-before:always}</style>",
    "<table role=presentation>",
    "<o:p>",
    "\u{0}",
    "é",
    "<5%",
];

/// Cases per run; `GARBAGE_ITER=100000 cargo test --release --test garbage` hunts longer.
fn iterations(default: usize) -> usize {
    std::env::var("GARBAGE_ITER")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn random_html_soup() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..iterations(300) {
        let n = (rng.next() % 200) as usize;
        let src: String = (0..n).map(|_| rng.pick(TOKENS)).collect();
        let options = plansift_html::ParseOptions {
            adjacent_tables_break_pages: rng.next().is_multiple_of(2),
        };
        let doc = plansift_html::parse_with(&src, options);
        assert!(doc.pages >= 1);
        let mut page = 1;
        for b in &doc.blocks {
            match b {
                Block::PageBreak { page: p } => {
                    assert_eq!(*p, page + 1);
                    page = *p;
                }
                Block::Table(t) => {
                    let w = t.columns();
                    assert!(t.rows.iter().all(|r| r.cells.len() == w), "{src:?}");
                    assert_eq!(t.prov.page, page);
                }
                Block::Heading(t) | Block::Paragraph(t) | Block::Furniture(t) => {
                    assert_eq!(t.prov.page, page);
                    assert!(!t.text.is_empty() && t.text.trim() == t.text);
                }
            }
        }
        assert_eq!(page, doc.pages);
        let f = plansift_html::fragment_text(&src);
        assert_eq!(f.text.trim(), f.text);
    }
}
