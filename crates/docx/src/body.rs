//! The walk over `w:body`: paragraphs, tables and page breaks -> model blocks.

use plansift_model::{collapse_ws, Block, Cell, Prov, Rgb, Row, Table, TableOrigin, TextBlock};
use plansift_office::color::{apply_word_tint_shade, parse_hex, Theme};
use plansift_office::xml::{Element, Node};
use plansift_office::{Error, Limits};

use crate::styles::{num_pr, on_off, outline_level, Numbering, Styles};

/// Widest table grid kept (Word itself allows 63 columns).
const MAX_COLUMNS: usize = 512;

/// Text of one page's part of a paragraph.
#[derive(Debug, Clone, Default)]
struct Seg {
    text: String,
    has_text: bool,
    all_bold: bool,
}

/// A paragraph being read: its text cut into segments by page breaks.
#[derive(Debug, Clone)]
struct ParaAcc {
    segs: Vec<Seg>,
}

impl ParaAcc {
    fn new() -> Self {
        ParaAcc {
            segs: vec![Seg {
                all_bold: true,
                ..Seg::default()
            }],
        }
    }
    fn cur(&mut self) -> &mut Seg {
        self.segs.last_mut().expect("never empty")
    }
    fn push_text(&mut self, t: &str, bold: bool, superscript: bool) {
        if t.is_empty() {
            return;
        }
        let seg = self.cur();
        // `27 <sup>th</sup>` reads as `27th`.
        if superscript && is_ordinal_suffix(t) {
            let trimmed = seg.text.trim_end();
            if trimmed.ends_with(|c: char| c.is_ascii_digit()) {
                let n = trimmed.len();
                seg.text.truncate(n);
            }
        }
        seg.text.push_str(t);
        if t.chars().any(|c| !c.is_whitespace()) {
            seg.has_text = true;
            seg.all_bold &= bold;
        }
    }
    fn page_break(&mut self) {
        self.segs.push(Seg {
            all_bold: true,
            ..Seg::default()
        });
    }
    fn has_text(&self) -> bool {
        self.segs.iter().any(|s| s.has_text)
    }
}

fn is_ordinal_suffix(t: &str) -> bool {
    matches!(
        t.trim().to_ascii_lowercase().as_str(),
        "st" | "nd" | "rd" | "th"
    )
}

/// A cell's content while it is read.
#[derive(Debug, Default)]
struct CellAcc {
    text: String,
    has_text: bool,
    all_bold: bool,
}

impl CellAcc {
    fn add(&mut self, text: &str, has_text: bool, bold: bool) {
        if !has_text {
            return;
        }
        if !self.text.is_empty() {
            self.text.push(' ');
        }
        self.text.push_str(text);
        if !self.has_text {
            self.all_bold = bold;
        } else {
            self.all_bold &= bold;
        }
        self.has_text = true;
    }
}

/// Where page breaks fell in a table row.
#[derive(Debug, Default, Clone, Copy)]
struct RowBreaks {
    text_seen: bool,
    before: bool,
    after: bool,
}

impl RowBreaks {
    fn mark(&mut self) {
        if self.text_seen {
            self.after = true;
        } else {
            self.before = true;
        }
    }
}

pub struct Walker<'a> {
    styles: &'a Styles,
    numbering: Numbering,
    theme: &'a Theme,
    limits: &'a Limits,
    blocks: Vec<Block>,
    page: u32,
    pending_break: bool,
    page_has_content: bool,
    /// Page breaks come from `w:lastRenderedPageBreak` (else from explicit breaks).
    rendered: bool,
    saw_break: bool,
    cells: u64,
}

/// Does the subtree hold a `w:lastRenderedPageBreak`?
fn has_rendered_breaks(root: &Element) -> bool {
    let mut stack = vec![root];
    while let Some(e) = stack.pop() {
        plansift_model::budget::tick("Word");
        if e.name == "lastRenderedPageBreak" {
            return true;
        }
        stack.extend(e.elements());
    }
    false
}

/// The first section's default header part target, from its `w:headerReference`.
pub fn first_header_target(body: &Element, rels: &[(String, String)]) -> Option<String> {
    let sect = body
        .children_named("p")
        .find_map(|p| p.path(&["pPr", "sectPr"]))
        .or_else(|| body.child("sectPr"))?;
    let refs: Vec<&Element> = sect.children_named("headerReference").collect();
    let r = refs
        .iter()
        .find(|r| r.attr("type") == Some("default"))
        .or_else(|| refs.first())?;
    let id = r.attr("id")?;
    rels.iter().find(|(k, _)| k == id).map(|(_, t)| t.clone())
}

/// The colour of a `w:shd`.
fn shd_color(shd: &Element, theme: &Theme) -> Option<Rgb> {
    let val = shd.attr("val").unwrap_or("clear");
    if val == "nil" {
        return None;
    }
    let c = if val == "solid" {
        // A solid pattern is all pattern colour.
        shd.attr("color").and_then(parse_hex).or_else(|| {
            let base = theme.by_name(shd.attr("themeColor")?)?;
            Some(apply_word_tint_shade(
                base,
                shd.attr("themeTint"),
                shd.attr("themeShade"),
            ))
        })
    } else {
        // `w:fill` holds the rendered colour even when a theme fill is named too.
        shd.attr("fill").and_then(parse_hex).or_else(|| {
            let base = theme.by_name(shd.attr("themeFill")?)?;
            Some(apply_word_tint_shade(
                base,
                shd.attr("themeFillTint"),
                shd.attr("themeFillShade"),
            ))
        })
    }?;
    Some(Rgb(c.0, c.1, c.2))
}

fn attr_num(el: Option<&Element>, max: usize) -> usize {
    el.and_then(|e| e.attr("val"))
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(0)
        .min(max)
}

/// Children of a container, looking through `w:sdt` (its `w:sdtContent`) and
/// `w:customXml` wrappers.
fn through_wrappers<'e>(el: &'e Element, out: &mut Vec<&'e Element>, depth: usize) {
    for c in el.elements() {
        match c.name.as_str() {
            "sdt" if depth < 32 => {
                if let Some(content) = c.child("sdtContent") {
                    through_wrappers(content, out, depth + 1);
                }
            }
            "customXml" | "smartTag" if depth < 32 => through_wrappers(c, out, depth + 1),
            _ => out.push(c),
        }
    }
}

impl<'a> Walker<'a> {
    pub fn new(
        styles: &'a Styles,
        numbering: Numbering,
        theme: &'a Theme,
        limits: &'a Limits,
    ) -> Self {
        Walker {
            styles,
            numbering,
            theme,
            limits,
            blocks: Vec::new(),
            page: 1,
            pending_break: false,
            page_has_content: false,
            rendered: false,
            saw_break: false,
            cells: 0,
        }
    }

    pub fn finish(self) -> (Vec<Block>, u32, bool) {
        (self.blocks, self.page, self.saw_break)
    }

    fn request_break(&mut self) {
        self.saw_break = true;
        self.pending_break = true;
    }

    /// Called before content goes on the page: a pending break starts a new page first.
    fn before_content(&mut self) {
        if self.pending_break && self.page_has_content {
            self.page += 1;
            self.blocks.push(Block::PageBreak { page: self.page });
        }
        self.pending_break = false;
        self.page_has_content = true;
    }

    /// A page header's text, as furniture lines.
    pub fn furniture(&mut self, root: &Element) {
        let mut lines = Vec::new();
        self.collect_text_lines(root, &mut lines, 0);
        for l in lines {
            if !l.is_empty()
                && !self
                    .blocks
                    .iter()
                    .any(|b| matches!(b, Block::Furniture(t) if t.text == l))
            {
                self.blocks.push(Block::Furniture(TextBlock {
                    text: l,
                    bold: false,
                    level: 0,
                    prov: Prov::page(1),
                }));
            }
        }
    }

    fn collect_text_lines(&mut self, el: &Element, out: &mut Vec<String>, depth: usize) {
        if depth > self.limits.max_xml_depth {
            return;
        }
        for c in el.elements() {
            if c.name == "p" {
                let acc = self.paragraph_acc(c);
                let t: String = acc
                    .segs
                    .iter()
                    .map(|s| s.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                out.push(collapse_ws(&t));
            } else {
                self.collect_text_lines(c, out, depth + 1);
            }
        }
    }

    pub fn body(&mut self, body: &Element) -> Result<(), Error> {
        self.rendered = has_rendered_breaks(body);
        self.blocks_of(body, 0)
    }

    fn blocks_of(&mut self, el: &Element, depth: usize) -> Result<(), Error> {
        let mut items = Vec::new();
        through_wrappers(el, &mut items, 0);
        for c in items {
            match c.name.as_str() {
                "p" => self.paragraph(c),
                "tbl" => self.table(c, depth)?,
                _ => {}
            }
        }
        Ok(())
    }

    /// Explicit-break mode: a paragraph's `pageBreakBefore` (direct or from its style).
    fn para_break_before(&self, p: &Element) -> bool {
        if self.rendered {
            return false;
        }
        let ppr = p.child("pPr");
        if let Some(b) = ppr.and_then(|x| x.child("pageBreakBefore")) {
            return on_off(b);
        }
        self.styles.page_break_before(para_style(p))
    }

    /// Explicit-break mode: a section break after this paragraph starts a new page.
    fn para_section_break(&self, p: &Element) -> bool {
        if self.rendered {
            return false;
        }
        let Some(sect) = p.path(&["pPr", "sectPr"]) else {
            return false;
        };
        !matches!(
            sect.child("type").and_then(|t| t.attr("val")),
            Some("continuous") | Some("nextColumn")
        )
    }

    fn heading_level(&self, p: &Element) -> u8 {
        if let Some(o) = p
            .path(&["pPr", "outlineLvl"])
            .and_then(|o| o.attr("val"))
            .and_then(|v| v.trim().parse::<u8>().ok())
        {
            return outline_level(o);
        }
        self.styles.heading_level(para_style(p))
    }

    /// Read a paragraph's runs (with its list label) into segments.
    fn paragraph_acc(&mut self, p: &Element) -> ParaAcc {
        let mut acc = ParaAcc::new();
        let style = para_style(p);
        let num = p
            .child("pPr")
            .and_then(num_pr)
            .or_else(|| self.styles.numbering(style));
        if let Some((id, lvl)) = num {
            let has_runs = p.elements().any(|c| c.name != "pPr");
            if has_runs {
                if let Some(label) = self.numbering.next_label(&id, lvl.unwrap_or(0)) {
                    let bold = self.styles.bold(style, None);
                    acc.push_text(&label, bold, false);
                    acc.push_text(" ", bold, false);
                }
            }
        }
        self.inline(p, style, &mut acc, 0);
        acc
    }

    fn inline(&self, el: &Element, style: Option<&str>, acc: &mut ParaAcc, depth: usize) {
        if depth > 64 {
            return;
        }
        for c in el.elements() {
            match c.name.as_str() {
                "pPr" | "rPr" | "del" | "moveFrom" | "sdtPr" => {}
                "r" => self.run(c, style, acc),
                "sdt" => {
                    if let Some(content) = c.child("sdtContent") {
                        self.inline(content, style, acc, depth + 1);
                    }
                }
                _ => self.inline(c, style, acc, depth + 1),
            }
        }
    }

    fn run(&self, r: &Element, style: Option<&str>, acc: &mut ParaAcc) {
        let rpr = r.child("rPr");
        let char_style = rpr
            .and_then(|x| x.child("rStyle"))
            .and_then(|s| s.attr("val"));
        let bold = match rpr.and_then(|x| x.child("b")) {
            Some(b) => on_off(b),
            None => self.styles.bold(style, char_style),
        };
        let superscript = rpr.is_some_and(|x| {
            x.child("vertAlign").and_then(|v| v.attr("val")) == Some("superscript")
                || x.child("position")
                    .and_then(|v| v.attr("val"))
                    .and_then(|v| v.trim().parse::<i32>().ok())
                    .is_some_and(|v| v > 0)
        });
        let hidden = rpr.and_then(|x| x.child("vanish")).is_some_and(on_off);
        for c in r.elements() {
            match c.name.as_str() {
                "t" if !hidden => {
                    for n in &c.children {
                        if let Node::Text(t) = n {
                            acc.push_text(t, bold, superscript);
                        }
                    }
                }
                "tab" | "ptab" => acc.push_text("\t", bold, false),
                "cr" => acc.push_text(" ", bold, false),
                "noBreakHyphen" => acc.push_text("-", bold, false),
                "br" => {
                    if c.attr("type") == Some("page") {
                        if !self.rendered {
                            acc.page_break();
                        }
                    } else {
                        acc.push_text(" ", bold, false);
                    }
                }
                "lastRenderedPageBreak" if self.rendered => acc.page_break(),
                _ => {}
            }
        }
    }

    fn paragraph(&mut self, p: &Element) {
        if self.para_break_before(p) {
            self.request_break();
        }
        let level = self.heading_level(p);
        let acc = self.paragraph_acc(p);
        for (i, seg) in acc.segs.iter().enumerate() {
            if i > 0 {
                self.request_break();
            }
            if !seg.has_text {
                continue;
            }
            let text = collapse_ws(&seg.text);
            self.before_content();
            let tb = TextBlock {
                text,
                bold: seg.all_bold,
                level,
                prov: Prov::page(self.page),
            };
            self.blocks.push(if level > 0 {
                Block::Heading(tb)
            } else {
                Block::Paragraph(tb)
            });
        }
        if self.para_section_break(p) {
            self.request_break();
        }
    }

    /// The text of a table nested in a cell: its rows' cells in order, spaces between.
    fn flatten_table(&mut self, tbl: &Element, cell: &mut CellAcc, depth: usize) {
        if depth > 32 {
            return;
        }
        let mut rows = Vec::new();
        through_wrappers(tbl, &mut rows, 0);
        for tr in rows.into_iter().filter(|r| r.name == "tr") {
            let mut tcs = Vec::new();
            through_wrappers(tr, &mut tcs, 0);
            for tc in tcs.into_iter().filter(|c| c.name == "tc") {
                let mut items = Vec::new();
                through_wrappers(tc, &mut items, 0);
                for it in items {
                    match it.name.as_str() {
                        "p" => {
                            let acc = self.paragraph_acc(it);
                            let (t, has, bold) = joined(&acc);
                            cell.add(&t, has, bold);
                        }
                        "tbl" => self.flatten_table(it, cell, depth + 1),
                        _ => {}
                    }
                }
            }
        }
    }

    fn cell_content(&mut self, tc: &Element, breaks: &mut RowBreaks) -> CellAcc {
        let mut cell = CellAcc {
            all_bold: true,
            ..CellAcc::default()
        };
        let mut items = Vec::new();
        through_wrappers(tc, &mut items, 0);
        for it in items {
            match it.name.as_str() {
                "p" => {
                    if self.para_break_before(it) {
                        breaks.mark();
                    }
                    let acc = self.paragraph_acc(it);
                    for (i, seg) in acc.segs.iter().enumerate() {
                        if i > 0 {
                            breaks.mark();
                        }
                        if seg.has_text {
                            breaks.text_seen = true;
                        }
                    }
                    let (t, has, bold) = joined(&acc);
                    cell.add(&t, has, bold);
                }
                "tbl" => {
                    self.flatten_table(it, &mut cell, 0);
                    if cell.has_text {
                        breaks.text_seen = true;
                    }
                }
                _ => {}
            }
        }
        cell
    }

    fn count_cells(&mut self, n: usize) -> Result<(), Error> {
        self.cells += n as u64;
        if self.cells > self.limits.max_cells {
            return Err(Error::too_large(format!(
                "the Word document's tables have more than {} cells",
                self.limits.max_cells
            )));
        }
        Ok(())
    }

    fn table(&mut self, tbl: &Element, _depth: usize) -> Result<(), Error> {
        let grid = tbl
            .child("tblGrid")
            .map(|g| g.children_named("gridCol").count())
            .unwrap_or(0)
            .min(MAX_COLUMNS);
        let table_fill = tbl
            .path(&["tblPr", "shd"])
            .and_then(|s| shd_color(s, self.theme));
        let mut trs = Vec::new();
        through_wrappers(tbl, &mut trs, 0);
        let trs: Vec<&Element> = trs.into_iter().filter(|r| r.name == "tr").collect();

        let mut rows: Vec<Row> = Vec::new();
        // Per grid column: the (row, column) of the cell a vertical merge started at.
        let mut vorigin: Vec<Option<(usize, usize)>> = Vec::new();
        let mut table_started = false;
        for tr in trs {
            let trpr = tr.child("trPr");
            if trpr.is_some_and(|t| t.child("del").is_some()) {
                continue; // a tracked deleted row
            }
            let header = trpr.and_then(|t| t.child("tblHeader")).is_some_and(on_off);
            let before = attr_num(trpr.and_then(|t| t.child("gridBefore")), MAX_COLUMNS);
            let after = attr_num(trpr.and_then(|t| t.child("gridAfter")), MAX_COLUMNS);
            let mut tcs = Vec::new();
            through_wrappers(tr, &mut tcs, 0);
            let tcs: Vec<&Element> = tcs.into_iter().filter(|c| c.name == "tc").collect();

            let mut breaks = RowBreaks::default();
            // (cell, span, vmerge: None | Some(restart?))
            let mut read: Vec<(Cell, usize, Option<bool>)> = Vec::new();
            for tc in &tcs {
                let tcpr = tc.child("tcPr");
                let span = attr_num(tcpr.and_then(|t| t.child("gridSpan")), MAX_COLUMNS).max(1);
                let vmerge = tcpr
                    .and_then(|t| t.child("vMerge"))
                    .map(|v| matches!(v.attr("val"), Some("restart")));
                let content = self.cell_content(tc, &mut breaks);
                let fill = tcpr
                    .and_then(|t| t.child("shd"))
                    .and_then(|s| shd_color(s, self.theme))
                    .or_else(|| {
                        tc.child("p")
                            .and_then(|p| p.path(&["pPr", "shd"]))
                            .and_then(|s| shd_color(s, self.theme))
                    })
                    .or(table_fill);
                let mut cell = Cell::new(collapse_ws(&content.text), Prov::default());
                cell.bold = content.has_text && content.all_bold;
                cell.header = header;
                cell.fill = fill;
                cell.colspan = span as u16;
                read.push((cell, span, vmerge));
            }

            // A break before the row's text starts a new page (and table piece) here.
            if breaks.before {
                self.request_break();
            }
            if self.pending_break && table_started {
                self.flush_table(&mut rows);
                vorigin.clear();
                table_started = false;
            }
            if !table_started {
                self.before_content();
                table_started = true;
            }
            let page = self.page;
            let r = rows.len();
            let mut cells: Vec<Cell> = Vec::new();
            for _ in 0..before {
                cells.push(Cell::new("", Prov::page(page)));
            }
            for (mut cell, span, vmerge) in read {
                let col = cells.len();
                if col >= MAX_COLUMNS {
                    break;
                }
                let span = span.min(MAX_COLUMNS - col);
                if vorigin.len() < col + span {
                    vorigin.resize(col + span, None);
                }
                cell.prov = Prov::page(page);
                match vmerge {
                    Some(false) if vorigin[col].is_some() => {
                        // Continues the merge above: covered positions.
                        let (r0, c0) = vorigin[col].expect("checked");
                        if let Some(origin) = rows.get_mut(r0).and_then(|row| row.cells.get_mut(c0))
                        {
                            origin.rowspan = origin.rowspan.saturating_add(1);
                        }
                        for _ in 0..span {
                            let mut cov = Cell::new("", Prov::page(page));
                            cov.covered = true;
                            cov.header = header;
                            cells.push(cov);
                        }
                        continue;
                    }
                    Some(true) => {
                        for v in vorigin.iter_mut().skip(col).take(span) {
                            *v = Some((r, col));
                        }
                    }
                    _ => {
                        for v in vorigin.iter_mut().skip(col).take(span) {
                            *v = None;
                        }
                    }
                }
                cell.colspan = span as u16;
                let header_flag = cell.header;
                cells.push(cell);
                for _ in 1..span {
                    let mut cov = Cell::new("", Prov::page(page));
                    cov.covered = true;
                    cov.header = header_flag;
                    cells.push(cov);
                }
            }
            for _ in 0..after {
                if cells.len() >= MAX_COLUMNS {
                    break;
                }
                cells.push(Cell::new("", Prov::page(page)));
            }
            self.count_cells(cells.len().max(grid))?;
            rows.push(Row {
                cells,
                prov: Prov::page(page),
            });
            if breaks.after {
                self.request_break();
            }
        }
        self.flush_table(&mut rows);
        let _ = grid;
        Ok(())
    }

    /// Emit the rows read so far as one table (padded to a dense grid).
    fn flush_table(&mut self, rows: &mut Vec<Row>) {
        if rows.is_empty() {
            return;
        }
        let mut rows = std::mem::take(rows);
        let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
        for r in &mut rows {
            let page = r.prov.page;
            while r.cells.len() < width {
                r.cells.push(Cell::new("", Prov::page(page)));
            }
        }
        // Trailing grid columns empty in every row carry nothing.
        let mut keep = width;
        while keep > 0
            && rows.iter().all(|r| {
                let c = &r.cells[keep - 1];
                c.is_empty() && !c.covered && c.fill.is_none()
            })
        {
            keep -= 1;
        }
        for r in &mut rows {
            r.cells.truncate(keep);
        }
        if keep == 0 {
            return;
        }
        let prov = rows[0].prov;
        self.blocks.push(Block::Table(Table {
            rows,
            origin: TableOrigin::Markup,
            prov,
        }));
    }
}

fn para_style(p: &Element) -> Option<&str> {
    p.path(&["pPr", "pStyle"]).and_then(|s| s.attr("val"))
}

/// A whole paragraph's text (page segments joined), whether it has text, whether all bold.
fn joined(acc: &ParaAcc) -> (String, bool, bool) {
    let text: Vec<&str> = acc.segs.iter().map(|s| s.text.as_str()).collect();
    let has = acc.has_text();
    let bold = acc.segs.iter().filter(|s| s.has_text).all(|s| s.all_bold);
    (collapse_ws(&text.join(" ")), has, bold)
}
