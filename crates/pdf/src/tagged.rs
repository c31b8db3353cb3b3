//! Tables from a tagged PDF's structure tree.
//!
//! Walks `StructTreeRoot` (with `/RoleMap`), and turns each `Table` element
//! into rows (`TR`, directly or under `THead`/`TBody`/`TFoot`) of cells
//! (`TH`/`TD`) listing their marked content as (page, MCID) pairs, taken from
//! integer kids, `MCR` dictionaries and nested elements, with `/Pg`
//! inherited down the tree. `OBJR` kids (annotations) carry no text and are
//! skipped. Depth is bounded and cycles are cut.

use crate::objects::{as_dict, get, get_dict, get_name, num, ref_id, resolve};
use lopdf::{Dictionary, Document, Object, ObjectId};
use plansift_layout::{TaggedCell, TaggedRow, TaggedTable};
use std::collections::{HashMap, HashSet};
use std::time::Instant;

struct Walker<'a> {
    doc: &'a Document,
    pages: &'a HashMap<ObjectId, u32>,
    role_map: Option<&'a Dictionary>,
    max_depth: usize,
    visited: HashSet<ObjectId>,
    deadline: Option<Instant>,
    steps: usize,
    too_deep: bool,
    /// Element -> page from the ParentTree, for elements without /Pg.
    elem_pages: HashMap<ObjectId, u32>,
}

pub fn tables(
    doc: &Document,
    pages: &HashMap<ObjectId, u32>,
    max_depth: usize,
    deadline: Option<Instant>,
) -> Result<Vec<TaggedTable>, String> {
    let Ok(catalog) = doc.catalog() else {
        return Ok(Vec::new());
    };
    let Some(root) = get_dict(doc, catalog, b"StructTreeRoot") else {
        return Ok(Vec::new());
    };
    let mut w = Walker {
        doc,
        pages,
        role_map: get_dict(doc, root, b"RoleMap"),
        max_depth,
        visited: HashSet::new(),
        deadline,
        steps: 0,
        too_deep: false,
        elem_pages: parent_tree_pages(doc, root, pages),
    };
    let mut out = Vec::new();
    if let Ok(k) = root.get(b"K") {
        w.find_tables(k, None, 0, &mut out);
    }
    if w.too_deep {
        return Err(format!(
            "the structure tree is deeper than {max_depth} levels or too large; {} table(s) read",
            out.len()
        ));
    }
    Ok(out)
}

/// Element -> page, from the ParentTree entries of pages with /StructParents.
fn parent_tree_pages(
    doc: &Document,
    root: &Dictionary,
    pages: &HashMap<ObjectId, u32>,
) -> HashMap<ObjectId, u32> {
    let mut out = HashMap::new();
    let mut key_page: HashMap<i64, u32> = HashMap::new();
    for (&pid, &no) in pages {
        if let Some(k) = doc
            .get_dictionary(pid)
            .ok()
            .and_then(|pd| get(doc, pd, b"StructParents"))
            .and_then(num)
        {
            key_page.insert(k as i64, no);
        }
    }
    let Some(tree) = get_dict(doc, root, b"ParentTree") else {
        return out;
    };
    if key_page.is_empty() {
        return out;
    }
    // walk the number tree (bounded)
    let mut stack: Vec<(&Dictionary, usize)> = vec![(tree, 0)];
    let mut seen = HashSet::new();
    let mut steps = 0;
    while let Some((node, depth)) = stack.pop() {
        steps += 1;
        if steps > 100_000 {
            break;
        }
        if let Some(Object::Array(nums)) = get(doc, node, b"Nums") {
            for pair in nums.chunks(2) {
                let (Some(k), Some(v)) =
                    (pair.first().and_then(|o| num(resolve(doc, o))), pair.get(1))
                else {
                    continue;
                };
                let Some(&pg) = key_page.get(&(k as i64)) else {
                    continue;
                };
                if let Object::Array(elems) = resolve(doc, v) {
                    for e in elems {
                        if let Some(id) = ref_id(e) {
                            out.entry(id).or_insert(pg);
                        }
                    }
                }
            }
        }
        if depth < 32 {
            if let Some(Object::Array(kids)) = get(doc, node, b"Kids") {
                for k in kids {
                    if let Some(id) = ref_id(k) {
                        if !seen.insert(id) {
                            continue;
                        }
                    }
                    if let Some(d) = as_dict(resolve(doc, k)) {
                        stack.push((d, depth + 1));
                    }
                }
            }
        }
    }
    out
}

impl<'a> Walker<'a> {
    fn tick(&mut self) -> bool {
        self.steps += 1;
        if self.steps > 2_000_000 {
            self.too_deep = true;
            return false;
        }
        if self.steps.is_multiple_of(4096) && self.deadline.is_some_and(|d| Instant::now() > d) {
            self.too_deep = true;
            return false;
        }
        true
    }

    /// Kids of an element (or of the root): one object or an array.
    fn kids(&self, k: &'a Object) -> Vec<&'a Object> {
        match resolve(self.doc, k) {
            Object::Array(a) => a.iter().collect(),
            _ => vec![k],
        }
    }

    /// The element's standard type, through the role map.
    fn role(&self, e: &'a Dictionary) -> Vec<u8> {
        let mut s: Vec<u8> = get_name(self.doc, e, b"S").unwrap_or(b"").to_vec();
        if let Some(rm) = self.role_map {
            for _ in 0..8 {
                if matches!(
                    s.as_slice(),
                    b"Table" | b"TR" | b"TH" | b"TD" | b"THead" | b"TBody" | b"TFoot"
                ) {
                    break;
                }
                match get_name(self.doc, rm, &s) {
                    Some(n) if n != s.as_slice() => s = n.to_vec(),
                    _ => break,
                }
            }
        }
        s
    }

    fn page_of(&self, e: &Dictionary, inherited: Option<u32>) -> Option<u32> {
        e.get(b"Pg")
            .ok()
            .and_then(ref_id)
            .and_then(|id| self.pages.get(&id).copied())
            .or(inherited)
    }

    /// Enter an element once (cycle guard). Returns its dictionary.
    fn enter(&mut self, o: &'a Object, depth: usize) -> Option<&'a Dictionary> {
        if depth > self.max_depth {
            self.too_deep = true;
            return None;
        }
        if !self.tick() {
            return None;
        }
        if let Some(id) = ref_id(o) {
            if !self.visited.insert(id) {
                return None;
            }
        }
        let d = as_dict(resolve(self.doc, o))?;
        d.has(b"S").then_some(d)
    }

    fn find_tables(
        &mut self,
        k: &'a Object,
        pg: Option<u32>,
        depth: usize,
        out: &mut Vec<TaggedTable>,
    ) {
        for kid in self.kids(k) {
            let Some(e) = self.enter(kid, depth) else {
                continue;
            };
            let pg = self.page_of(e, pg);
            if self.role(e) == b"Table" {
                out.push(self.table(e, pg, depth + 1));
            } else if let Ok(kk) = e.get(b"K") {
                self.find_tables(kk, pg, depth + 1, out);
            }
        }
    }

    fn table(&mut self, t: &'a Dictionary, pg: Option<u32>, depth: usize) -> TaggedTable {
        let mut rows = Vec::new();
        if let Ok(k) = t.get(b"K") {
            self.rows(k, pg, depth, &mut rows);
        }
        TaggedTable { rows }
    }

    fn rows(&mut self, k: &'a Object, pg: Option<u32>, depth: usize, rows: &mut Vec<TaggedRow>) {
        for kid in self.kids(k) {
            let Some(e) = self.enter(kid, depth) else {
                continue;
            };
            let pg = self.page_of(e, pg);
            let role = self.role(e);
            match role.as_slice() {
                b"TR" => {
                    let mut cells = Vec::new();
                    if let Ok(kk) = e.get(b"K") {
                        for c in self.kids(kk) {
                            let Some(ce) = self.enter(c, depth + 1) else {
                                continue;
                            };
                            let cpg = self.page_of(ce, pg);
                            let r = self.role(ce);
                            if r != b"TH" && r != b"TD" {
                                continue;
                            }
                            let (colspan, rowspan) = self.spans(ce);
                            let mut content = Vec::new();
                            if let Ok(ck) = ce.get(b"K") {
                                self.content(ck, ref_id(c), cpg, depth + 2, &mut content);
                            }
                            cells.push(TaggedCell {
                                header: r == b"TH",
                                colspan,
                                rowspan,
                                content,
                            });
                        }
                    }
                    rows.push(TaggedRow { cells });
                }
                b"Table" => {} // nested table: not flattened into this one
                _ => {
                    // THead / TBody / TFoot and other wrappers
                    if let Ok(kk) = e.get(b"K") {
                        self.rows(kk, pg, depth + 1, rows);
                    }
                }
            }
        }
    }

    fn spans(&self, e: &Dictionary) -> (u16, u16) {
        let (mut cs, mut rs) = (1u16, 1u16);
        let attrs: Vec<&Object> = match e.get(b"A").ok().map(|o| resolve(self.doc, o)) {
            Some(Object::Array(a)) => a.iter().collect(),
            Some(o) => vec![o],
            None => Vec::new(),
        };
        for a in attrs {
            if let Some(d) = as_dict(resolve(self.doc, a)) {
                if let Some(v) = get(self.doc, d, b"ColSpan").and_then(num) {
                    cs = v.clamp(1.0, 1000.0) as u16;
                }
                if let Some(v) = get(self.doc, d, b"RowSpan").and_then(num) {
                    rs = v.clamp(1.0, 1000.0) as u16;
                }
            }
        }
        (cs, rs)
    }

    /// Marked content of an element's kids `k`; `owner` is the element.
    fn content(
        &mut self,
        k: &'a Object,
        owner: Option<ObjectId>,
        pg: Option<u32>,
        depth: usize,
        out: &mut Vec<(u32, i64)>,
    ) {
        if depth > self.max_depth {
            self.too_deep = true;
            return;
        }
        for kid in self.kids(k) {
            if !self.tick() {
                return;
            }
            match resolve(self.doc, kid) {
                Object::Integer(m) => {
                    // no /Pg up the tree: the page whose ParentTree entry
                    // lists the element
                    let p = pg.or_else(|| owner.and_then(|id| self.elem_pages.get(&id).copied()));
                    if let Some(p) = p {
                        out.push((p, *m));
                    }
                }
                o => {
                    let Some(d) = as_dict(o) else { continue };
                    let ty = get_name(self.doc, d, b"Type");
                    if ty == Some(b"MCR") && d.has(b"Stm") {
                        // marked content inside a Form XObject: its MCIDs
                        // are the form's own and are not on the page's words
                        continue;
                    } else if ty == Some(b"MCR") {
                        let p = self.page_of(d, pg);
                        if let (Some(p), Some(m)) = (p, get(self.doc, d, b"MCID").and_then(num)) {
                            out.push((p, m as i64));
                        }
                    } else if ty == Some(b"OBJR") {
                        continue;
                    } else if d.has(b"S") {
                        if let Some(id) = ref_id(kid) {
                            if !self.visited.insert(id) {
                                continue;
                            }
                        }
                        let p = self.page_of(d, pg);
                        if let Ok(kk) = d.get(b"K") {
                            self.content(kk, ref_id(kid), p, depth + 1, out);
                        }
                    }
                }
            }
        }
    }
}
