//! plansift's HTML front-end.
//!
//! - [`fragment_text`]: plain text of an HTML fragment as found in the cells of text
//!   converted from PDF (tags removed, entities decoded, `<sup>th</sup>` joined to its
//!   number, blocks separated by one space, white space collapsed), with a bold flag.
//! - [`has_markup`]: the cheap check that decides whether a string needs parsing at all.
//! - [`parse`]: a whole HTML page -> [`plansift_model::Document`].
//!
//! # How a page becomes blocks
//! The body is walked in document order. `h1`-`h6` become [`Block::Heading`]s; the
//! text between block boundaries (`p`, `li`, `div`, `br`, ...) outside tables becomes
//! [`Block::Paragraph`]s (a wholly bold paragraph stays a paragraph with `bold = true`;
//! a paragraph written as a Markdown heading, `### Title`, becomes a heading of that level);
//! every `<table>` becomes a dense [`Table`] grid honouring `colspan`/`rowspan` (positions
//! covered by a span are empty cells with `covered = true`; trailing columns empty in every
//! row are dropped; `th` and `thead` cells are `header` and `bold`; fills come from inline
//! `background`/`background-color`, `bgcolor`, the row's colour or a cell's only
//! coloured child element). A table nested in a cell is flattened into that cell's text;
//! a 1x1 table wrapped around other tables, or a `role="presentation"` table, is read
//! as page layout (its cells' content is page flow). A `<caption>` becomes a paragraph
//! before its table.
//!
//! # Pages
//! HTML has no pages, but pages converted from a paged document keep traces of them.
//! A new page starts (a [`Block::PageBreak`] is emitted, only once some content is on
//! the current page) at:
//! - an explicit break: `<hr>`, an inline style `page-break-before/after` or
//!   `break-before/after: page` (Word writes `<br style='page-break-before:always'>`),
//!   the same declared in a `<style>` sheet for a bare tag or class selector, a class
//!   such as `page-break`/`pagebreak`/`new-page`, or a page container
//!   (`class="page"`, pdf2htmlEX's `class="pf"`, `id="page3"`);
//! - a running page header: a heading or short paragraph whose text (digits ignored)
//!   recurs at least three times (or twice, each time right before a table) and that
//!   opens the document or a page. Every occurrence becomes [`Block::Furniture`];
//! - a page number line (`Page 3`, `Page 3 of 9`, `3 of 9`), which becomes
//!   furniture too: before it when such lines open the pages, after it otherwise;
//! - with [`ParseOptions::adjacent_tables_break_pages`] (off by default): two tables
//!   with nothing between them, as a renderer of a paged document leaves a table a
//!   page break cut in two. An empty paragraph or `<br>` between two tables (how
//!   authors keep word processors from merging distinct tables) means no break.
//!
//! # Lines
//! `Prov::line` is the 1-based source line of the element's start tag, found by
//! matching start tags in the source to DOM elements per tag name (see `lines.rs`);
//! elements the parser implied (e.g. `<tbody>`) have no line.

mod color;
mod lines;
mod records;
mod table;

use std::collections::{HashMap, HashSet};

use ego_tree::NodeRef;
use plansift_model::{
    collapse_ws, Block, Diagnostic, DiagnosticCode, Document, Prov, Table, TextBlock,
};
use scraper::node::Element;
use scraper::{Html, Node};

pub use color::parse_color;
/// Moved to [`plansift_textkit::markup`]; re-exported here so existing paths keep working.
pub use plansift_textkit::markup::{fragment_text, has_markup, FragmentText};

use lines::SourceLines;
use plansift_textkit::markup::{
    collect, heading_level, is_block, is_bold_element, is_skipped, style_value, TextAcc,
};
use plansift_textkit::{furniture_key, page_number};

/// One piece of page flow before pagination.
enum Item {
    Text {
        text: String,
        bold: bool,
        level: u8,
        line: Option<u32>,
    },
    Table(Table),
    Break,
    /// An empty paragraph or line break: authors put these between distinct tables.
    Spacer,
}

/// Choices [`parse_with`] offers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ParseOptions {
    /// Start a new page between two tables with nothing between them (see the crate
    /// docs). Off by default: the text front-end does not break pages at the blank
    /// line between two tab-separated tables either, and the same document should give
    /// the same model whichever rendering is read.
    pub adjacent_tables_break_pages: bool,
}

/// A whole HTML page -> model Document, with the default [`ParseOptions`].
pub fn parse(html: &str) -> Document {
    parse_with(html, ParseOptions::default())
}

/// A whole HTML page -> model Document.
pub fn parse_with(html: &str, options: ParseOptions) -> Document {
    let budget = plansift_model::budget::limits();
    let max_depth = budget.depth;
    let limited = plansift_textkit::limit_depth(html, max_depth, budget.elements);
    let html = limited.html.as_ref();
    plansift_model::budget::check("HTML");
    let doc = Html::parse_document(html);
    plansift_model::budget::check("HTML");
    let lines = SourceLines::new(html, &doc);
    let record_index = records::Index::new(&doc, &lines);
    let meta_title = title(&doc);
    let mut flow = Flow {
        lines: &lines,
        items: Vec::new(),
        diagnostics: Vec::new(),
        acc: TextAcc::default(),
        para_line: None,
        cur_line: None,
        css: PageCss::from_doc(&doc),
        records: HashMap::new(),
        record_skip: HashSet::new(),
        record_index: &record_index,
    };
    let body = doc
        .tree
        .root()
        .descendants()
        .find(|n| matches!(n.value(), Node::Element(e) if e.name() == "body"));
    if let Some(body) = body {
        flow.walk(body);
    }
    let Flow {
        items,
        mut diagnostics,
        ..
    } = flow;
    // the DOM is several times the page's size: gone before the blocks are made
    drop(lines);
    drop(doc);
    if limited.dropped > 0 {
        diagnostics.push(Diagnostic::warning(
            DiagnosticCode::InputTooComplex,
            format!(
                "elements nested deeper than {max_depth} levels: the tags of {} were dropped \
                 and their text read at that depth",
                limited.dropped
            ),
            None,
        ));
    }
    if let Some(at) = limited.cut_at {
        diagnostics.push(Diagnostic::warning(
            DiagnosticCode::InputTooComplex,
            format!(
                "the page has more than {} elements; it was read up to byte {at}, the rest dropped",
                budget.elements
            ),
            None,
        ));
    }
    let (blocks, pages) = paginate(items, options);
    if blocks.is_empty() {
        diagnostics.push(Diagnostic::warning(
            DiagnosticCode::HtmlNoContent,
            "the HTML page has no text or tables",
            None,
        ));
    }
    Document {
        pages,
        blocks,
        meta_title,
        diagnostics,
    }
}

fn title(doc: &Html) -> Option<String> {
    let t = doc
        .tree
        .root()
        .descendants()
        .find(|n| matches!(n.value(), Node::Element(e) if e.name() == "title"))?;
    let raw: String = t
        .descendants()
        .filter_map(|d| match d.value() {
            Node::Text(t) => Some(&**t),
            _ => None,
        })
        .collect();
    let s = collapse_ws(&raw);
    (!s.is_empty()).then_some(s)
}

struct Flow<'l> {
    lines: &'l SourceLines,
    items: Vec<Item>,
    diagnostics: Vec<Diagnostic>,
    acc: TextAcc,
    /// Line of the paragraph being accumulated.
    para_line: Option<u32>,
    /// Line of the most recently opened element with a known line.
    cur_line: Option<u32>,
    /// Page-break rules of the page's style sheets.
    css: PageCss,
    /// Repeated records found (see `records.rs`): the table at a run's first element, and
    /// the run's other elements, which are skipped.
    records: HashMap<ego_tree::NodeId, Table>,
    record_skip: HashSet<ego_tree::NodeId>,
    record_index: &'l records::Index<'l>,
}

impl Flow<'_> {
    fn flush(&mut self) {
        if self.acc.has_text() {
            let t = self.acc.take();
            if !t.text.is_empty() {
                let (text, level) = markdown_heading(t.text);
                self.items.push(Item::Text {
                    text,
                    bold: t.bold,
                    level,
                    line: self.para_line,
                });
            }
        } else {
            self.acc = TextAcc::default();
        }
        self.para_line = None;
    }

    fn page_break(&mut self) {
        self.flush();
        self.items.push(Item::Break);
    }

    /// Find the runs of records among `node`'s children (see `records.rs`).
    fn scan_records(&mut self, node: NodeRef<'_, Node>) {
        for run in records::detect(node, self.record_index) {
            let mut ids = run.nodes.into_iter();
            if let Some(first) = ids.next() {
                self.records.insert(first, run.table);
                self.record_skip.extend(ids);
            }
        }
    }

    fn walk(&mut self, root: NodeRef<'_, Node>) {
        let mut bold_depth = 0usize;
        self.scan_records(root);
        // (node, closing, number of items when the element was opened)
        let mut stack: Vec<(NodeRef<'_, Node>, bool, usize)> = Vec::new();
        push_children_flow(&mut stack, root, 0);
        while let Some((node, closing, items_at_open)) = stack.pop() {
            plansift_model::budget::tick("HTML");
            match node.value() {
                Node::Text(t) => {
                    if !self.acc.has_text() && !t.trim().is_empty() {
                        self.para_line = self.cur_line;
                    }
                    self.acc.push_text(t, bold_depth > 0);
                }
                Node::Element(el) => {
                    let name = el.name();
                    if closing {
                        if is_bold_element(el) {
                            bold_depth = bold_depth.saturating_sub(1);
                        }
                        if is_block(name) {
                            let empty = !self.acc.has_text() && self.items.len() == items_at_open;
                            self.flush();
                            if empty && matches!(name, "p" | "div") {
                                self.items.push(Item::Spacer);
                            }
                        }
                        if self.css.breaks_after(el) {
                            self.page_break();
                        }
                        continue;
                    }
                    if is_skipped(name) || self.record_skip.contains(&node.id()) {
                        continue;
                    }
                    if let Some(t) = self.records.remove(&node.id()) {
                        self.flush();
                        self.items.push(Item::Table(t));
                        continue;
                    }
                    if let Some(l) = self.lines.line(node.id()) {
                        self.cur_line = Some(l);
                    }
                    if self.css.breaks_before(el) {
                        self.page_break();
                    }
                    if name == "table" {
                        self.flush();
                        let built = table::build_table(node, self.lines);
                        self.diagnostics.extend(built.diagnostics);
                        if !built.layout_cells.is_empty() {
                            // read the layout cells' content as page flow, in order
                            stack.push((node, true, self.items.len()));
                            for cell in built.layout_cells.iter().rev() {
                                stack.push((*cell, false, 0));
                            }
                            continue;
                        }
                        if let Some((cap, line)) = built.caption {
                            self.items.push(Item::Text {
                                text: cap.text,
                                bold: cap.bold,
                                level: 0,
                                line,
                            });
                        }
                        if let Some(t) = built.table {
                            self.items.push(Item::Table(t));
                        }
                        if self.css.breaks_after(el) {
                            self.page_break();
                        }
                        continue;
                    }
                    if let Some(level) = heading_level(name) {
                        self.flush();
                        let mut acc = TextAcc::default();
                        collect(&mut acc, node, bold_depth > 0);
                        let t = acc.finish();
                        if !t.text.is_empty() {
                            let line = self.lines.line(node.id()).or(self.cur_line);
                            self.items.push(Item::Text {
                                text: t.text,
                                bold: t.bold,
                                level,
                                line,
                            });
                        }
                        if self.css.breaks_after(el) {
                            self.page_break();
                        }
                        continue;
                    }
                    match name {
                        "br" => {
                            let empty = !self.acc.has_text();
                            self.flush();
                            if empty {
                                self.items.push(Item::Spacer);
                            }
                            continue;
                        }
                        "hr" => {
                            self.page_break();
                            continue;
                        }
                        "sup"
                            if self
                                .acc
                                .try_join_ordinal(node, bold_depth > 0 || is_bold_element(el)) =>
                        {
                            continue
                        }
                        _ => {}
                    }
                    if is_block(name) {
                        self.flush();
                    }
                    if is_bold_element(el) {
                        bold_depth += 1;
                    }
                    self.scan_records(node);
                    stack.push((node, true, self.items.len()));
                    push_children_flow(&mut stack, node, 0);
                }
                _ => {}
            }
        }
        self.flush();
    }
}

/// Push the children of `node` so that they pop in document order.
fn push_children_flow<'a>(
    stack: &mut Vec<(NodeRef<'a, Node>, bool, usize)>,
    node: NodeRef<'a, Node>,
    n: usize,
) {
    let start = stack.len();
    for c in node.children() {
        stack.push((c, false, n));
    }
    if let Some(s) = stack.get_mut(start..) {
        s.reverse();
    }
}

/// Pages converted through Markdown keep `### Title` paragraphs: a heading of that level.
fn markdown_heading(text: String) -> (String, u8) {
    let hashes = text.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && text.as_bytes().get(hashes) == Some(&b' ') {
        let rest = text.get(hashes + 1..).unwrap_or("").trim().to_string();
        if !rest.is_empty() {
            return (rest, hashes as u8);
        }
    }
    (text, 0)
}

fn class_tokens(el: &Element) -> impl Iterator<Item = String> + '_ {
    el.attr("class")
        .unwrap_or("")
        .split_ascii_whitespace()
        .map(|c| c.to_ascii_lowercase())
}

fn style_breaks(el: &Element, props: [&str; 2]) -> bool {
    el.attr("style")
        .is_some_and(|style| decls_break(style, props))
}

/// Do these declarations ask for a page break (`page-break-before: always`, `break-after: page`)?
fn decls_break(style: &str, props: [&str; 2]) -> bool {
    props.iter().any(|p| {
        style_value(style, p).is_some_and(|v| {
            let v = v
                .trim()
                .trim_end_matches("!important")
                .trim()
                .to_ascii_lowercase();
            matches!(
                v.as_str(),
                "always" | "page" | "left" | "right" | "recto" | "verso"
            )
        })
    })
}

/// Does a new page start at this element?
fn breaks_before(el: &Element) -> bool {
    if style_breaks(el, ["page-break-before", "break-before"]) {
        return true;
    }
    if class_tokens(el).any(|c| {
        matches!(
            c.as_str(),
            "page-break"
                | "pagebreak"
                | "page-break-before"
                | "new-page"
                | "newpage"
                | "page"
                | "pf"
                | "pdf-page"
        )
    }) {
        return true;
    }
    // page containers: id="page3", "page-3", "page_3", "page3-div", pdf2htmlEX "pf3"
    el.id().is_some_and(|id| {
        let id = id.to_ascii_lowercase();
        let rest = id
            .strip_prefix("page")
            .or_else(|| id.strip_prefix("pf"))
            .unwrap_or("");
        let rest = rest.trim_start_matches(['-', '_']);
        let digits = rest.bytes().take_while(u8::is_ascii_hexdigit).count();
        digits > 0 && rest.bytes().take(digits).any(|b| b.is_ascii_digit()) && {
            let tail = &rest[digits..];
            tail.is_empty() || tail == "-div"
        }
    })
}

/// Does a new page start after this element?
fn breaks_after(el: &Element) -> bool {
    style_breaks(el, ["page-break-after", "break-after"])
        || class_tokens(el).any(|c| c == "page-break-after")
}

/// Page-break rules from the page's `<style>` sheets, for bare tag and class selectors
/// (`h1 { page-break-before: always }`, `.pb { break-after: page }`, also inside `@media`).
#[derive(Default)]
struct PageCss {
    /// `tag` or `.class` keys whose elements start a new page.
    before: HashSet<String>,
    /// ... or end the current one.
    after: HashSet<String>,
}

impl PageCss {
    fn from_doc(doc: &Html) -> Self {
        let mut css = PageCss::default();
        for n in doc.tree.root().descendants() {
            if matches!(n.value(), Node::Element(e) if e.name() == "style") {
                let text: String = n
                    .children()
                    .filter_map(|c| match c.value() {
                        Node::Text(t) => Some(&**t),
                        _ => None,
                    })
                    .collect();
                css.add_sheet(&text);
            }
        }
        css
    }

    fn add_sheet(&mut self, sheet: &str) {
        // drop comments
        let mut clean = String::with_capacity(sheet.len());
        let mut rest = sheet;
        while let Some(i) = rest.find("/*") {
            clean.push_str(&rest[..i]);
            rest = rest[i + 2..]
                .split_once("*/")
                .map_or("", |(_, after)| after);
        }
        clean.push_str(rest);
        for rule in clean.split('}') {
            let Some((selectors, decls)) = rule.rsplit_once('{') else {
                continue;
            };
            // inside `@media print { sel { ... } }` keep only the innermost selector list
            let selectors = selectors.rsplit('{').next().unwrap_or("");
            let before = decls_break(decls, ["page-break-before", "break-before"]);
            let after = decls_break(decls, ["page-break-after", "break-after"]);
            if !before && !after {
                continue;
            }
            for sel in selectors.split(',') {
                let Some(compound) = sel.split_whitespace().last() else {
                    continue;
                };
                let compound = compound.trim_start_matches('>').to_ascii_lowercase();
                let key = match compound.split_once('.') {
                    Some((_, class)) if !class.is_empty() => format!(".{class}"),
                    Some(_) => continue,
                    None => compound,
                };
                let plain = key
                    .trim_start_matches('.')
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
                if !plain || key.is_empty() || matches!(key.as_str(), "html" | "body") {
                    continue;
                }
                if before {
                    self.before.insert(key.clone());
                }
                if after {
                    self.after.insert(key);
                }
            }
        }
    }

    fn matches(set: &HashSet<String>, el: &Element) -> bool {
        !set.is_empty()
            && (set.contains(el.name()) || class_tokens(el).any(|c| set.contains(&format!(".{c}"))))
    }

    fn breaks_before(&self, el: &Element) -> bool {
        breaks_before(el) || Self::matches(&self.before, el)
    }

    fn breaks_after(&self, el: &Element) -> bool {
        breaks_after(el) || Self::matches(&self.after, el)
    }
}

/// A page-number line as the HTML front-end takes one: labelled or with a page count
/// (`Page 3`, `3 of 9`, `3/9`); a bare number may be anything in a page's flow.
fn is_page_number(text: &str) -> bool {
    page_number(text).is_some_and(|p| p.is_explicit())
}

fn paginate(items: Vec<Item>, options: ParseOptions) -> (Vec<Block>, u32) {
    // Running headers: recurring texts that open the document or a page.
    let keys: Vec<Option<String>> = items
        .iter()
        .map(|it| match it {
            Item::Text { text, .. } if text.chars().count() <= 200 => Some(furniture_key(text)),
            _ => None,
        })
        .collect();
    // Page-number lines (of the same texts).
    let numbers: Vec<bool> = items
        .iter()
        .map(|it| match it {
            Item::Text { text, .. } if text.chars().count() <= 200 => is_page_number(text),
            _ => false,
        })
        .collect();
    let mut counts: HashMap<&str, (usize, bool)> = HashMap::new();
    for (i, k) in keys.iter().enumerate() {
        if let Some(k) = k {
            let next = items
                .get(i + 1..)
                .unwrap_or(&[])
                .iter()
                .find(|it| !matches!(it, Item::Spacer));
            let before_table = matches!(next, Some(Item::Table(_)));
            let e = counts.entry(k.as_str()).or_insert((0, true));
            e.0 += 1;
            e.1 &= before_table;
        }
    }
    let mut anchors: HashSet<&str> = HashSet::new();
    let mut at_page_start = true;
    for (item, key) in items.iter().zip(&keys) {
        match item {
            Item::Break => at_page_start = true,
            Item::Spacer => {}
            _ => {
                if at_page_start {
                    if let Some(k) = key {
                        anchors.insert(k.as_str());
                    }
                }
                at_page_start = false;
            }
        }
    }
    let running = |k: &str| -> bool {
        let Some(&(n, all_before_table)) = counts.get(k) else {
            return false;
        };
        anchors.contains(k)
            && k.chars().any(char::is_alphabetic)
            && (n >= 3 || (n >= 2 && all_before_table))
    };
    let first_number = numbers.iter().position(|&n| n);
    let first_content = items
        .iter()
        .zip(&keys)
        .zip(&numbers)
        .position(|((it, k), &number)| match it {
            Item::Table(_) => true,
            Item::Text { .. } => !number && k.as_deref().is_none_or(|k| !running(k)),
            Item::Break | Item::Spacer => false,
        })
        .unwrap_or(usize::MAX);
    let numbers_open_pages = first_number.is_some_and(|i| i < first_content);

    let mut blocks = Vec::new();
    let mut page = 1u32;
    let mut has_content = false;
    let mut pending = false;
    let mut prev_table = false;
    let new_page =
        |blocks: &mut Vec<Block>, page: &mut u32, has_content: &mut bool, pending: &mut bool| {
            if *has_content {
                *page += 1;
                blocks.push(Block::PageBreak { page: *page });
                *has_content = false;
            }
            *pending = false;
        };
    for ((item, key), number) in items.into_iter().zip(keys.iter()).zip(numbers) {
        match item {
            Item::Spacer => prev_table = false,
            Item::Break => {
                new_page(&mut blocks, &mut page, &mut has_content, &mut pending);
                prev_table = false;
            }
            Item::Text {
                text,
                bold,
                level,
                line,
            } => {
                let prov = line.map_or(Prov::page(page), |l| Prov::line(page, l));
                let key = key.as_deref().unwrap_or("");
                if !key.is_empty() && running(key) {
                    new_page(&mut blocks, &mut page, &mut has_content, &mut pending);
                    let prov = Prov { page, ..prov };
                    blocks.push(Block::Furniture(TextBlock {
                        text,
                        bold,
                        level: 0,
                        prov,
                    }));
                } else if number {
                    if numbers_open_pages || pending {
                        new_page(&mut blocks, &mut page, &mut has_content, &mut pending);
                    }
                    let prov = Prov { page, ..prov };
                    blocks.push(Block::Furniture(TextBlock {
                        text,
                        bold,
                        level: 0,
                        prov,
                    }));
                    pending = !numbers_open_pages;
                } else {
                    if pending {
                        new_page(&mut blocks, &mut page, &mut has_content, &mut pending);
                    }
                    let prov = Prov { page, ..prov };
                    let tb = TextBlock {
                        text,
                        bold,
                        level,
                        prov,
                    };
                    blocks.push(if level > 0 {
                        Block::Heading(tb)
                    } else {
                        Block::Paragraph(tb)
                    });
                    has_content = true;
                }
                prev_table = false;
            }
            Item::Table(mut t) => {
                if pending || (prev_table && options.adjacent_tables_break_pages) {
                    new_page(&mut blocks, &mut page, &mut has_content, &mut pending);
                }
                t.prov.page = page;
                for r in &mut t.rows {
                    r.prov.page = page;
                    for c in &mut r.cells {
                        c.prov.page = page;
                    }
                }
                blocks.push(Block::Table(t));
                has_content = true;
                prev_table = true;
            }
        }
    }
    // A break with nothing after it opens no page.
    while let Some(Block::PageBreak { .. }) = blocks.last() {
        blocks.pop();
        page = page.saturating_sub(1).max(1);
    }
    (blocks, page)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline(doc: &Document) -> Vec<String> {
        doc.blocks
            .iter()
            .map(|b| match b {
                Block::Heading(t) => format!("H{}:{}", t.level, t.text),
                Block::Paragraph(t) => format!("P{}:{}", if t.bold { "b" } else { "" }, t.text),
                Block::Furniture(t) => format!("F:{}", t.text),
                Block::PageBreak { page } => format!("--{page}"),
                Block::Table(t) => format!("T{}x{}@{}", t.rows.len(), t.columns(), t.prov.page),
            })
            .collect()
    }

    #[test]
    fn flow_blocks_in_document_order() {
        let doc = parse(
            "<html><head><title> My  Plan </title><style>p{}</style></head><body>\n\
             <h1>Action Plan 2014/15</h1>\n<p>Intro &amp; scope.</p><p><b>Priority 1</b></p>\n\
             <div>Loose text<br>after break</div><ul><li>First</li><li>Second<ul><li>Nested</li></ul></li></ul>\n\
             <p>### Successes</p><table><tr><td>a</td></tr></table>tail text\n</body></html>",
        );
        assert_eq!(doc.meta_title.as_deref(), Some("My Plan"));
        assert_eq!(doc.pages, 1);
        assert_eq!(
            outline(&doc),
            vec![
                "H1:Action Plan 2014/15",
                "P:Intro & scope.",
                "Pb:Priority 1",
                "P:Loose text",
                "P:after break",
                "P:First",
                "P:Second",
                "P:Nested",
                "H3:Successes",
                "T1x1@1",
                "P:tail text",
            ]
        );
        let Block::Paragraph(p) = &doc.blocks[1] else {
            panic!("paragraph expected")
        };
        assert_eq!(p.prov, Prov::line(1, 3));
        assert!(doc.diagnostics.is_empty());
    }

    #[test]
    fn explicit_page_breaks() {
        let doc = parse(
            "<body><p>One</p><div style=\"page-break-before: always\"></div><p>Two</p><hr>\
             <table><tr><td>x</td></tr></table><p style='break-after:page'>Three</p><p>Four</p>\
             <hr><hr></body>",
        );
        assert_eq!(
            outline(&doc),
            vec!["P:One", "--2", "P:Two", "--3", "T1x1@3", "P:Three", "--4", "P:Four"]
        );
        assert_eq!(doc.pages, 4);
    }

    #[test]
    fn page_containers() {
        let doc = parse(
            "<body><div id=\"page1-div\"><p>A</p></div><div id=\"page2-div\"><p>B</p></div>\
             <div class=\"pf\" id=\"pf3\"><p>C</p></div></body>",
        );
        assert_eq!(outline(&doc), vec!["P:A", "--2", "P:B", "--3", "P:C"]);
    }

    #[test]
    fn running_headers_become_furniture_and_pages() {
        let head = "<h2>Delivery Plan 2014/15</h2>";
        let t = "<table><tr><td>r</td><td>s</td></tr></table>";
        let src = format!(
            "<body>{head}<h3>Measures</h3>{t}{head}<p>Notes</p>{t}{head}<h3>Measures</h3>{t}<h3>Measures</h3>{t}</body>"
        );
        let doc = parse(&src);
        assert_eq!(
            outline(&doc),
            vec![
                "F:Delivery Plan 2014/15",
                "H3:Measures",
                "T1x2@1",
                "--2",
                "F:Delivery Plan 2014/15",
                "P:Notes",
                "T1x2@2",
                "--3",
                "F:Delivery Plan 2014/15",
                "H3:Measures",
                "T1x2@3",
                "H3:Measures",
                "T1x2@3",
            ]
        );
        assert_eq!(doc.pages, 3);
    }

    #[test]
    fn adjacent_tables_are_split_by_a_page_break() {
        let t = "<table><tr><td>r</td></tr></table>";
        let src = format!("<body><p>Plan</p>{t}\n{t}</body>");
        assert_eq!(outline(&parse(&src)), vec!["P:Plan", "T1x1@1", "T1x1@1"]);
        let on = ParseOptions {
            adjacent_tables_break_pages: true,
        };
        let doc = parse_with(
            &format!("<body><p>Plan</p>{t}\n{t}<p>Measures</p>{t}{t}</body>"),
            on,
        );
        assert_eq!(
            outline(&doc),
            vec![
                "P:Plan",
                "T1x1@1",
                "--2",
                "T1x1@2",
                "P:Measures",
                "T1x1@2",
                "--3",
                "T1x1@3"
            ]
        );
        let Some(Block::Table(last)) = doc.blocks.last() else {
            panic!("table expected")
        };
        assert!(last
            .rows
            .iter()
            .flat_map(|r| &r.cells)
            .all(|c| c.prov.page == 3));
    }

    #[test]
    fn page_number_footers() {
        let doc = parse("<body><p>A</p><p>Page 1 of 2</p><p>B</p><p>Page 2 of 2</p></body>");
        assert_eq!(
            outline(&doc),
            vec!["P:A", "F:Page 1 of 2", "--2", "P:B", "F:Page 2 of 2"]
        );
        let doc = parse("<body><p>Page 1</p><p>A</p><p>Page 2</p><p>B</p></body>");
        assert_eq!(
            outline(&doc),
            vec!["F:Page 1", "P:A", "--2", "F:Page 2", "P:B"]
        );
    }

    #[test]
    fn layout_wrapper_table_is_read_as_flow() {
        let doc = parse(
            "<body><table><tr><td><h2>Plan</h2><table><tr><td>a</td><td>b</td></tr></table><p>after</p></td></tr></table></body>",
        );
        assert_eq!(outline(&doc), vec!["H2:Plan", "T1x2@1", "P:after"]);
    }

    #[test]
    fn layout_tables_by_role_and_wrappers() {
        let doc = parse(
            "<body><table role=presentation><tr><td><p>Logo</p></td><td><p>Council</p></td></tr></table>\
             <table><tr><td><p>Menu</p><table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table></td></tr></table></body>",
        );
        assert_eq!(
            outline(&doc),
            vec!["P:Logo", "P:Council", "P:Menu", "T2x2@1"]
        );
    }

    #[test]
    fn stylesheet_page_break_rules() {
        let doc = parse(
            "<html><head><style>/* print */ @media print { .pb { page-break-after: always } }\
             h1 { break-before: page; color: red } td.x, div > .newsheet { page-break-before:always }</style></head>\
             <body><h1>Plan</h1><p>One</p><div class='pb'></div><p>Two</p><h1>Annex</h1>\
             <p class='NewSheet'>Three</p></body></html>",
        );
        assert_eq!(
            outline(&doc),
            vec!["H1:Plan", "P:One", "--2", "P:Two", "--3", "H1:Annex", "--4", "P:Three"]
        );
    }

    #[test]
    fn empty_paragraphs_between_tables_mean_distinct_tables() {
        let t = "<table><tr><td>r</td><td>s</td></tr></table>";
        let on = ParseOptions {
            adjacent_tables_break_pages: true,
        };
        let doc = parse_with(
            &format!("<body>{t}<p class=MsoNormal>&nbsp;</p>{t}<br>{t}\n{t}</body>"),
            on,
        );
        assert_eq!(
            outline(&doc),
            vec!["T1x2@1", "T1x2@1", "T1x2@1", "--2", "T1x2@2"]
        );
    }

    #[test]
    fn word_style_html() {
        let doc = parse(
            "<html><body lang=EN-GB><div class=WordSection1>\
             <p class=MsoNormal><b><span style='font-size:14.0pt'>Housing Action Plan 2019/20<o:p></o:p></span></b></p>\
             <table class=MsoTableGrid border=1><tr style='mso-yfti-irow:0'>\
             <td style='background:#D9D9D9'><p class=MsoNormal><b>Action<o:p></o:p></b></p></td>\
             <td style='background:#D9D9D9'><p class=MsoNormal><b>RAG</b></p></td></tr>\
             <tr><td><p class=MsoNormal><![if !supportLists]>·&nbsp;&nbsp;<![endif]>Review the allocations policy</p>\
             <p class=MsoNormal>by 31<sup>st</sup> March</p></td><td style='background:#92D050'><p class=MsoNormal>&nbsp;</p></td></tr></table>\
             <br clear=all style='mso-special-character:line-break;page-break-before:always'>\
             <p class=MsoNormal>Appendix</p></div></body></html>",
        );
        assert_eq!(
            outline(&doc),
            vec![
                "Pb:Housing Action Plan 2019/20",
                "T2x2@1",
                "--2",
                "P:Appendix"
            ]
        );
        let Block::Table(t) = &doc.blocks[1] else {
            panic!("table expected")
        };
        assert_eq!(t.rows[0].cells[0].text, "Action");
        assert!(t.rows[0].cells[0].bold && !t.rows[0].cells[0].header);
        assert_eq!(
            t.rows[0].cells[0].fill,
            Some(plansift_model::Rgb(0xD9, 0xD9, 0xD9))
        );
        assert_eq!(
            t.rows[1].cells[0].text,
            "· Review the allocations policy by 31st March"
        );
        assert_eq!(
            t.rows[1].cells[1].fill,
            Some(plansift_model::Rgb(0x92, 0xD0, 0x50))
        );
    }

    #[test]
    fn caption_precedes_table() {
        let doc = parse(
            "<body><table><caption>Table 1: Actions</caption><tr><th>Ref</th></tr></table></body>",
        );
        assert_eq!(outline(&doc), vec!["P:Table 1: Actions", "T1x1@1"]);
    }

    #[test]
    fn bad_input_does_not_panic() {
        for src in [
            "",
            "<<<>>>",
            "</td></tr></table>",
            "<table><tr><td rowspan=0 colspan=-3>x",
            "<td>a<td>b",
            "\u{feff}<p>bom</p>",
            "<p>\0\u{1}</p>",
        ] {
            let doc = parse(src);
            assert!(doc.pages >= 1);
        }
        let doc = parse("");
        assert_eq!(
            doc.diagnostics.first().map(|d| d.code.as_str()),
            Some("html.no_content")
        );
        let deep = "<div>".repeat(5_000) + "<table><tr><td>x</td></tr></table>";
        assert_eq!(outline(&parse(&deep)), vec!["T1x1@1"]);
    }
}
