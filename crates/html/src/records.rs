//! Repeated records rebuilt as tables ([`TableOrigin::Records`]).
//!
//! Many plans published as web pages are not tables: one card per action, a definition list
//! per action, `<strong>Owner:</strong> ...` lines, a small key-value table per action. Such
//! a page repeats one *record* shape, and that repetition is the evidence this module reads:
//!
//! - **Records** are sibling elements of the same signature (tag name and class tokens, colour
//!   tokens aside), at least [`MIN_RECORDS`] of them under one parent, each holding at least two
//!   fields, and sharing at least two field keys between most of them (the same structure).
//!   One `<dl>` or one key-value `<table>` whose labels repeat in cycles is a run of records too.
//! - **Fields** of a record, in document order: `<dt>`/`<dd>` pairs, `<th>`/`<td>` rows of a
//!   key-value table, a bold label ending in a colon (`<strong>Owner:</strong> Jane`), a
//!   `Label: value` line or a two-element pair (`<span>Owner</span><span>Jane</span>`) when the
//!   same label recurs in other records, and otherwise each block of text, keyed by its class
//!   name when it has one (`class="action-owner"` -> "action owner": class tokens split at `-`,
//!   `_` and camelCase, colour words and the record's own class prefix dropped) and by its tag
//!   name when not. A classed inline element that opens a block (`<h3><span class="ref">1.1</span>
//!   Title</h3>`) is a field of its own.
//! - **Badges**: an element whose only sign of a rating is a colour (inline
//!   `background-color`, or a class token naming a CSS colour: `green`, `tooltip_amber`,
//!   `rag-red`, `status--amber`) gives its field that fill, as a table cell's fill.
//!
//! A run of records becomes one table: a header row of the field labels (cells marked
//! `header`), then one row per record, a column per field key. Headings between runs stay
//! headings, so a heading above a group of cards is read as its theme. Whether a table of
//! records is a plan is decided by the interpretation stage, as for any table: a list of
//! contacts, news items or an agenda has no action column and gives no actions.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use ego_tree::{NodeId, NodeRef};
use plansift_model::{collapse_ws, Cell, Prov, Rgb, Row, Table, TableOrigin};
use plansift_textkit::markup::{
    collect, heading_level, is_block, is_bold_element, is_skipped, TextAcc,
};
use scraper::node::Element;
use scraper::{Html, Node};

use crate::color::{element_fill, parse_color};
use crate::lines::SourceLines;

/// Records of one signature a parent must hold before they are read as a table.
pub(crate) const MIN_RECORDS: usize = 3;
/// More fields than this in one record: it is a page section, not a record.
const MAX_FIELDS: usize = 40;
/// More text than this in one record: a page section.
const MAX_RECORD_CHARS: usize = 12_000;
/// A label is short.
const MAX_LABEL_CHARS: usize = 48;
const MAX_LABEL_WORDS: usize = 6;
/// Nesting read inside one record.
const MAX_DEPTH: usize = 24;
/// Columns of a records table.
const MAX_COLUMNS: usize = 48;

/// Records found under one parent: the children they replace, and their table.
pub(crate) struct Run {
    pub nodes: Vec<NodeId>,
    pub table: Table,
}

#[derive(Debug, Clone)]
struct Field {
    key: String,
    label: String,
    text: String,
    fill: Option<Rgb>,
    line: Option<u32>,
    /// A label only taken when it recurs in most records: the fields read without it
    /// otherwise.
    weak: Option<Vec<Field>>,
}

#[derive(Debug)]
struct Record {
    line: Option<u32>,
    fields: Vec<Field>,
}

/// What the whole page says about record classes: a class is a child signature under a
/// parent signature (`div.grid` > `div.col`). A group of one or two cards under its own
/// wrapper (one wrapper per theme) is read as records when its class repeats across the page.
pub(crate) struct Index<'a> {
    lines: &'a SourceLines,
    members: HashMap<(String, String), Vec<NodeRef<'a, Node>>>,
    stats: RefCell<HashMap<(String, String), Option<Stats>>>,
}

/// Statistics of a group of records: how many, in how many each weak label occurs, and
/// whether they share a structure.
#[derive(Clone)]
struct Stats {
    n: usize,
    label_freq: HashMap<String, usize>,
    shared: bool,
    columns: Vec<(String, String)>,
}

impl<'a> Index<'a> {
    pub(crate) fn new(doc: &'a Html, lines: &'a SourceLines) -> Self {
        let mut members: HashMap<(String, String), Vec<NodeRef<'a, Node>>> = HashMap::new();
        for n in doc.tree.root().descendants() {
            let Node::Element(pe) = n.value() else {
                continue;
            };
            let psig = parent_signature(pe);
            for c in n.children() {
                if let Node::Element(ce) = c.value() {
                    if let Some(sig) = signature(ce) {
                        members.entry((psig.clone(), sig)).or_default().push(c);
                    }
                }
            }
        }
        members.retain(|_, v| v.len() >= MIN_RECORDS);
        Index {
            lines,
            members,
            stats: RefCell::new(HashMap::new()),
        }
    }

    /// The statistics of a class over the whole page (`None`: too few records in it).
    fn class_stats(&self, class: &(String, String)) -> Option<Stats> {
        if let Some(s) = self.stats.borrow().get(class) {
            return s.clone();
        }
        let members = self.members.get(class)?;
        let mut recs: Vec<Record> = members
            .iter()
            .filter_map(|m| record(*m, self.lines))
            .collect();
        let stats = (recs.len() >= MIN_RECORDS).then(|| {
            let mut group: Vec<&mut Record> = recs.iter_mut().collect();
            group_stats(&mut group)
        });
        self.stats.borrow_mut().insert(class.clone(), stats.clone());
        stats
    }
}

fn parent_signature(el: &Element) -> String {
    let mut classes: Vec<String> = el
        .attr("class")
        .unwrap_or("")
        .split_ascii_whitespace()
        .map(str::to_ascii_lowercase)
        .collect();
    classes.sort();
    format!("{}.{}", el.name(), classes.join("."))
}

/// The keys of weak labels among fields, and among the fields they stand for.
fn weak_keys<'f>(fields: &'f [Field], out: &mut HashSet<&'f str>) {
    for f in fields {
        if let Some(fb) = &f.weak {
            out.insert(f.key.as_str());
            weak_keys(fb, out);
        }
    }
}

/// In how many records each weak label occurs.
fn weak_label_freq(group: &[&mut Record]) -> HashMap<String, usize> {
    let mut label_freq: HashMap<String, usize> = HashMap::new();
    for r in group {
        let mut keys: HashSet<&str> = HashSet::new();
        weak_keys(&r.fields, &mut keys);
        for k in keys {
            *label_freq.entry(k.to_string()).or_default() += 1;
        }
    }
    label_freq
}

/// Fields with their weak labels kept where the label recurs in most records (`n`), the
/// fields they stand for otherwise.
fn resolve_fields(fields: Vec<Field>, label_freq: &HashMap<String, usize>, n: usize) -> Vec<Field> {
    let mut out = Vec::with_capacity(fields.len());
    for mut f in fields {
        match f.weak.take() {
            // a label recurs in most records; a colon in one action's text does not
            Some(fallback)
                if label_freq.get(&f.key).copied().unwrap_or(0) < 2
                    || label_freq.get(&f.key).copied().unwrap_or(0) * 2 < n =>
            {
                out.extend(resolve_fields(fallback, label_freq, n))
            }
            _ => out.push(f),
        }
    }
    out
}

/// Weak labels resolved over the group (`n` records); fields with one key merged.
fn resolve(group: &mut [&mut Record], label_freq: &HashMap<String, usize>, n: usize) {
    for r in group.iter_mut() {
        r.fields = resolve_fields(std::mem::take(&mut r.fields), label_freq, n);
        merge_same_keys(&mut r.fields);
    }
}

/// Do the records share a structure: two keys or more in most of them?
fn shared_structure(group: &[&mut Record]) -> bool {
    let mut key_freq: HashMap<&str, usize> = HashMap::new();
    for r in group {
        let keys: HashSet<&str> = r.fields.iter().map(|f| f.key.as_str()).collect();
        for k in keys {
            *key_freq.entry(k).or_default() += 1;
        }
    }
    let n = group.len();
    key_freq.values().filter(|&&c| c * 2 >= n && c >= 2).count() >= 2
}

fn group_stats(group: &mut [&mut Record]) -> Stats {
    let label_freq = weak_label_freq(group);
    let n = group.len();
    resolve(group, &label_freq, n);
    Stats {
        n,
        label_freq,
        shared: shared_structure(group),
        columns: column_keys(group.iter().map(|r| &**r)),
    }
}

/// Runs of records among the children of `parent`.
pub(crate) fn detect(parent: NodeRef<'_, Node>, index: &Index<'_>) -> Vec<Run> {
    let lines = index.lines;
    let Node::Element(pe) = parent.value() else {
        return Vec::new();
    };
    // children that matter: elements, and text that is not white space (a separator)
    let mut kids: Vec<(NodeRef<'_, Node>, Option<String>)> = Vec::new();
    let mut counts: HashMap<String, usize> = HashMap::new();
    for c in parent.children() {
        match c.value() {
            Node::Element(el) => {
                if is_skipped(el.name()) {
                    continue;
                }
                let sig = signature(el);
                if let Some(s) = &sig {
                    *counts.entry(s.clone()).or_default() += 1;
                }
                kids.push((c, sig));
            }
            Node::Text(t) if !t.trim().is_empty() => kids.push((c, None)),
            _ => {}
        }
    }
    let mut runs = Vec::new();
    // one dl / key-value table holding repeated label cycles
    let mut cycled: HashSet<NodeId> = HashSet::new();
    for (c, _) in &kids {
        if let Some(run) = cycles(*c, lines) {
            cycled.insert(c.id());
            runs.push(run);
        }
    }
    let psig = parent_signature(pe);
    let repeated = |sig: &str| {
        counts.get(sig).copied().unwrap_or(0) >= MIN_RECORDS
            || index.members.contains_key(&(psig.clone(), sig.to_string()))
    };
    if !counts.keys().any(|s| repeated(s)) {
        return runs;
    }
    // records of each signature that repeats
    let mut recs: HashMap<NodeId, Record> = HashMap::new();
    let mut by_sig: HashMap<&str, Vec<NodeId>> = HashMap::new();
    for (c, sig) in &kids {
        let Some(sig) = sig else { continue };
        if !repeated(sig) || cycled.contains(&c.id()) {
            continue;
        }
        if let Some(r) = record(*c, lines) {
            recs.insert(c.id(), r);
            by_sig.entry(sig.as_str()).or_default().push(c.id());
        }
    }
    let mut good: HashSet<NodeId> = HashSet::new();
    for (sig, ids) in &by_sig {
        let members: HashSet<&NodeId> = ids.iter().collect();
        let mut group: Vec<&mut Record> = recs
            .iter_mut()
            .filter(|(id, _)| members.contains(id))
            .map(|(_, r)| r)
            .collect();
        let ok = if ids.len() >= MIN_RECORDS {
            group_stats(&mut group).shared
        } else {
            // a small group: the class's evidence over the page decides
            match index.class_stats(&(psig.clone(), sig.to_string())) {
                Some(st) => {
                    resolve(&mut group, &st.label_freq, st.n);
                    st.shared
                }
                None => false,
            }
        };
        if ok {
            good.extend(ids.iter().copied());
        }
    }
    if good.is_empty() {
        return runs;
    }
    // contiguous runs of good records (elements without text between them are ignored)
    // with the columns of all the parent's records of their signature, so that every run
    // has the same header
    let mut columns: HashMap<&str, Vec<(String, String)>> = HashMap::new();
    for (sig, ids) in &by_sig {
        if ids.first().is_some_and(|id| good.contains(id)) {
            // a class repeated over the page: its columns there
            let keys = match index.class_stats(&(psig.clone(), sig.to_string())) {
                Some(st) if st.shared => st.columns,
                _ => column_keys(ids.iter().filter_map(|id| recs.get(id))),
            };
            columns.insert(sig, keys);
        }
    }
    let mut cur: Vec<NodeId> = Vec::new();
    let mut cur_sig: Option<&str> = None;
    let flush = |cur: &mut Vec<NodeId>,
                 sig: Option<&str>,
                 runs: &mut Vec<Run>,
                 recs: &mut HashMap<NodeId, Record>| {
        if cur.is_empty() {
            return;
        }
        let records: Vec<Record> = cur.iter().filter_map(|id| recs.remove(id)).collect();
        let keys = sig
            .and_then(|s| columns.get(s))
            .cloned()
            .unwrap_or_default();
        if let Some(table) = build_table(&records, &keys) {
            runs.push(Run {
                nodes: std::mem::take(cur),
                table,
            });
        }
        cur.clear();
    };
    for (c, sig) in &kids {
        if good.contains(&c.id()) {
            if cur_sig != sig.as_deref() {
                flush(&mut cur, cur_sig, &mut runs, &mut recs);
            }
            cur_sig = sig.as_deref();
            cur.push(c.id());
        } else if !is_blank(*c) {
            flush(&mut cur, cur_sig, &mut runs, &mut recs);
            cur_sig = None;
        }
    }
    flush(&mut cur, cur_sig, &mut runs, &mut recs);
    runs
}

/// Elements that can be records: block containers and paragraphs (not headings, rows, list
/// wrappers or line breaks).
fn signature(el: &Element) -> Option<String> {
    let name = el.name();
    let container = matches!(
        name,
        "div"
            | "article"
            | "section"
            | "li"
            | "p"
            | "dl"
            | "table"
            | "aside"
            | "details"
            | "blockquote"
            | "figure"
            | "form"
            | "fieldset"
    ) || (!is_block(name) && heading_level(name).is_none() && name != "br");
    if !container {
        return None;
    }
    let mut classes: Vec<String> = el
        .attr("class")
        .unwrap_or("")
        .split_ascii_whitespace()
        .filter(|t| class_colour(t).is_none())
        .map(str::to_ascii_lowercase)
        .collect();
    classes.sort();
    classes.dedup();
    Some(format!("{name}.{}", classes.join(".")))
}

fn is_blank(n: NodeRef<'_, Node>) -> bool {
    match n.value() {
        Node::Text(t) => t.trim().is_empty(),
        Node::Element(_) => !n.descendants().any(|d| match d.value() {
            Node::Text(t) => !t.trim().is_empty(),
            _ => false,
        }),
        _ => true,
    }
}

/// The words of a class token: split at `-`, `_` and camelCase, lower case.
fn class_words(token: &str) -> Vec<String> {
    let mut words = Vec::new();
    for part in token.split(['-', '_']) {
        let mut w = String::new();
        let mut prev_lower = false;
        for ch in part.chars() {
            if ch.is_uppercase() && prev_lower && !w.is_empty() {
                words.push(std::mem::take(&mut w));
            }
            prev_lower = ch.is_lowercase() || ch.is_ascii_digit();
            w.extend(ch.to_lowercase());
        }
        if !w.is_empty() {
            words.push(w);
        }
    }
    words
}

/// A class token that names a colour (`green`, `tooltip_amber`, `rag-red`, `status--amber`),
/// or the state colour of the CSS frameworks dashboards are built with (Bootstrap's
/// `bg-success`, `badge-warning`, `text-danger`: green, amber, red).
fn class_colour(token: &str) -> Option<Rgb> {
    class_words(token)
        .iter()
        .find_map(|w| parse_color(w).or_else(|| state_colour(w)))
}

/// A colour name or a framework state word (left out of labels made from class names).
fn colour_word(word: &str) -> bool {
    parse_color(word).is_some() || state_colour(word).is_some()
}

fn state_colour(word: &str) -> Option<Rgb> {
    parse_color(match word {
        "success" => "green",
        "warning" => "amber",
        "danger" => "red",
        _ => return None,
    })
}

/// The colour an element shows: its own fill, or a colour class token.
fn colour(el: &Element) -> Option<Rgb> {
    element_fill(el).or_else(|| {
        el.attr("class")
            .unwrap_or("")
            .split_ascii_whitespace()
            .find_map(class_colour)
    })
}

/// The label a class attribute gives a field: the words of its class tokens, without colour
/// words, numbers and the record's own class prefix (`action-card__owner` -> "owner").
fn class_label(el: &Element, record_classes: &[String]) -> String {
    let mut words: Vec<String> = Vec::new();
    for token in el.attr("class").unwrap_or("").split_ascii_whitespace() {
        // the record's own class as a prefix (`plan-item__actionText`), in any case
        let mut rest: &str = token;
        // and the BEM block of a record class (`news-list__item` -> `news-list__title`)
        let blocks = record_classes
            .iter()
            .filter_map(|rc| rc.split_once("__").map(|(b, _)| b.to_string()));
        let prefixes: Vec<String> = record_classes.iter().cloned().chain(blocks).collect();
        for rc in &prefixes {
            let n = rc.len();
            if rest.len() > n
                && rest.is_char_boundary(n)
                && rest[..n].eq_ignore_ascii_case(rc)
                && rest[n..].starts_with(['-', '_'])
            {
                rest = rest[n..].trim_start_matches(['-', '_']);
                break;
            }
        }
        if record_classes
            .iter()
            .any(|rc| rc.eq_ignore_ascii_case(rest))
        {
            continue;
        }
        for w in class_words(rest) {
            if w.len() < 2
                || w.bytes().all(|b| b.is_ascii_digit())
                || colour_word(&w)
                || words.contains(&w)
            {
                continue;
            }
            words.push(w);
        }
    }
    // written as a label is ("Action owner"): a header row of lower-case words and capitalised
    // labels would look like a row of values
    let mut label = words.join(" ");
    if let Some(first) = label.get(..1) {
        label = first.to_ascii_uppercase() + &label[1..];
    }
    label
}

fn text_of(node: NodeRef<'_, Node>) -> String {
    let mut acc = TextAcc::default();
    collect(&mut acc, node, false);
    acc.finish().text
}

/// A short text that can be a label.
fn label_like(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty()
        && s.chars().count() <= MAX_LABEL_CHARS
        && s.split_whitespace().count() <= MAX_LABEL_WORDS
        && s.chars().any(char::is_alphabetic)
}

fn clean_label(s: &str) -> String {
    collapse_ws(s.trim().trim_end_matches([':', '-', '–']).trim())
}

fn key_of(label: &str) -> String {
    format!("l:{}", label.to_lowercase())
}

/// `Label: value` split at its first colon, unless that colon is inside a time of day
/// or a ratio ("Updated 08:10", "1:2"): a digit on both sides.
fn split_label(text: &str) -> Option<(&str, &str)> {
    let (l, v) = text.split_once(':')?;
    let digit_both_sides =
        l.ends_with(|c: char| c.is_ascii_digit()) && v.starts_with(|c: char| c.is_ascii_digit());
    (!digit_both_sides).then_some((l, v))
}

/// `Action 3: text`, `Recommendation R12: text`: the label's words, its number and the text.
fn numbered_label(text: &str) -> Option<(String, String, String)> {
    let (l, v) = split_label(text)?;
    let v = v.trim();
    let (words, code) = l.trim().rsplit_once(' ')?;
    let words = words.trim();
    let ok_code = code.chars().count() <= 8
        && code.chars().any(|c| c.is_ascii_digit())
        && code.chars().all(|c| c.is_alphanumeric() || c == '.');
    let ok_words = !words.is_empty()
        && words.split_whitespace().count() <= 3
        && words.chars().next().is_some_and(char::is_uppercase)
        && words
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '-');
    (ok_code && ok_words && !v.is_empty())
        .then(|| (words.to_string(), code.to_string(), v.to_string()))
}

/// `Label: value` in plain text: the label, when it is one (a numbered label is
/// [`numbered_label`]'s).
fn colon_label(text: &str) -> Option<(String, String)> {
    if numbered_label(text).is_some() {
        return None;
    }
    let (l, v) = split_label(text)?;
    let v = v.trim();
    let first = l.trim().chars().next()?;
    (label_like(l) && first.is_uppercase() && !v.is_empty() && !l.contains(['(', '/', '.']))
        .then(|| (clean_label(l), v.to_string()))
}

struct Builder<'a> {
    lines: &'a SourceLines,
    record_classes: Vec<String>,
    fields: Vec<Field>,
    chars: usize,
    valid: bool,
}

/// The record an element holds, if it is one.
fn record(node: NodeRef<'_, Node>, lines: &SourceLines) -> Option<Record> {
    let Node::Element(el) = node.value() else {
        return None;
    };
    let record_classes: Vec<String> = el
        .attr("class")
        .unwrap_or("")
        .split_ascii_whitespace()
        .map(str::to_ascii_lowercase)
        .collect();
    let mut b = Builder {
        lines,
        record_classes,
        fields: Vec::new(),
        chars: 0,
        valid: true,
    };
    let line = lines.line(node.id());
    // the record's own colour (a card with a `rag-green` class)
    if let Some(fill) = colour(el) {
        let label = el
            .attr("class")
            .unwrap_or("")
            .split_ascii_whitespace()
            .find(|t| class_colour(t).is_some())
            .map(|t| {
                class_words(t)
                    .into_iter()
                    .filter(|w| !colour_word(w) && w.len() > 1)
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default();
        b.fields.push(Field {
            key: format!("c:{label}#colour"),
            label,
            text: String::new(),
            fill: Some(fill),
            line,
            weak: None,
        });
    }
    if el.name() == "table" {
        b.table(node);
    } else if el.name() == "dl" {
        b.dl(node);
    } else {
        b.element(node, 0);
    }
    if !b.valid || b.fields.len() > MAX_FIELDS || b.chars > MAX_RECORD_CHARS {
        return None;
    }
    // two labels alike in one record (or two class names, each twice): it holds records
    // of its own
    let mut seen: HashSet<&str> = HashSet::new();
    let mut classed_twice: HashSet<&str> = HashSet::new();
    for f in &b.fields {
        if !seen.insert(f.key.as_str()) {
            if f.key.starts_with("l:") {
                return None;
            }
            if f.key.starts_with("c:") {
                classed_twice.insert(f.key.as_str());
            }
        }
    }
    if classed_twice.len() >= 2 {
        return None;
    }
    // fields with content, a weak label counted as the fields it stands for when they are more
    let has = |f: &Field| !f.text.is_empty() || f.fill.is_some();
    let filled: usize = b
        .fields
        .iter()
        .map(|f| {
            let own = usize::from(has(f));
            f.weak
                .as_ref()
                .map_or(own, |fb| own.max(fb.iter().filter(|g| has(g)).count()))
        })
        .sum();
    (filled >= 2).then_some(Record {
        line,
        fields: b.fields,
    })
}

/// Fields with the same key in one record (two unlabelled paragraphs) are one field.
fn merge_same_keys(fields: &mut Vec<Field>) {
    let mut out: Vec<Field> = Vec::with_capacity(fields.len());
    for f in fields.drain(..) {
        if let Some(prev) = out.iter_mut().find(|p| p.key == f.key) {
            if !f.text.is_empty() {
                if !prev.text.is_empty() {
                    prev.text.push(' ');
                }
                prev.text.push_str(&f.text);
            }
            prev.fill = prev.fill.or(f.fill);
        } else {
            out.push(f);
        }
    }
    *fields = out;
}

/// A field being gathered from inline content.
#[derive(Default)]
struct Seg {
    label: Option<String>,
    acc: TextAcc,
    fill: Option<Rgb>,
    line: Option<u32>,
    /// Key and label of a classed inline element that is a field of its own.
    classed: Option<String>,
}

impl Builder<'_> {
    fn push(&mut self, f: Field) {
        self.chars += f.text.len();
        // `Action 3: Review ...` in an unlabelled field: the number and the text, under a
        // label without the number, when the label recurs
        if f.weak.is_none() && !f.key.starts_with("l:") {
            if let Some((words, code, rest)) = numbered_label(&f.text) {
                let no = format!("{words} no.");
                self.fields.push(Field {
                    key: key_of(&no),
                    label: no,
                    text: code,
                    fill: None,
                    line: f.line,
                    weak: Some(vec![f.clone()]),
                });
                self.fields.push(Field {
                    key: key_of(&words),
                    label: words,
                    text: rest,
                    fill: f.fill,
                    line: f.line,
                    weak: Some(Vec::new()),
                });
                return;
            }
        }
        self.fields.push(f);
    }

    /// The key and label of an unlabelled field in `el`.
    fn plain_key(&self, el: &Element) -> (String, String) {
        let cl = class_label(el, &self.record_classes);
        if cl.is_empty() {
            (format!("t:{}", el.name()), String::new())
        } else {
            (format!("c:{cl}"), cl)
        }
    }

    fn element(&mut self, node: NodeRef<'_, Node>, depth: usize) {
        if depth > MAX_DEPTH {
            self.valid = false;
            return;
        }
        let Node::Element(el) = node.value() else {
            return;
        };
        match el.name() {
            "dl" => return self.dl(node),
            "table" => return self.table(node),
            _ => {}
        }
        if self.pair(node, el, depth) {
            return;
        }
        self.children(node, el, depth);
    }

    /// The fields of an element's children: blocks, and runs of inline content between them.
    fn children(&mut self, node: NodeRef<'_, Node>, el: &Element, depth: usize) {
        // runs of inline content between block children
        let mut inline: Vec<NodeRef<'_, Node>> = Vec::new();
        for c in node.children() {
            let block = match c.value() {
                Node::Element(e) => {
                    if is_skipped(e.name()) {
                        continue;
                    }
                    is_block(e.name()) && e.name() != "br"
                }
                _ => false,
            };
            if block {
                if !inline.is_empty() {
                    self.inline(el, &std::mem::take(&mut inline));
                }
                self.element(c, depth + 1);
                if !self.valid {
                    return;
                }
            } else {
                inline.push(c);
            }
        }
        if !inline.is_empty() {
            self.inline(el, &inline);
        }
    }

    /// `<div><span>Owner</span><span>Jane</span></div>`: a label and its value.
    fn pair(&mut self, node: NodeRef<'_, Node>, el: &Element, depth: usize) -> bool {
        let mut elems = Vec::new();
        for c in node.children() {
            match c.value() {
                Node::Element(e) if !is_skipped(e.name()) => elems.push(c),
                Node::Text(t) if !t.trim().is_empty() => return false,
                _ => {}
            }
        }
        let [first, second] = elems[..] else {
            return false;
        };
        let (Node::Element(fe), Node::Element(se)) = (first.value(), second.value()) else {
            return false;
        };
        if heading_level(fe.name()).is_some()
            || first
                .children()
                .any(|c| matches!(c.value(), Node::Element(e) if is_block(e.name())))
            || matches!(se.name(), "dl" | "table" | "ul" | "ol")
        {
            return false;
        }
        let label = text_of(first);
        let value = text_of(second);
        // (an empty value is still a field: `<span>Due</span><span></span>`)
        if !label_like(&label) {
            return false;
        }
        let strong = label.trim_end().ends_with(':')
            || is_bold_element(fe)
            || matches!(fe.name(), "label" | "dt" | "th");
        let label = clean_label(&label);
        let fill = colour(se).or_else(|| badge_below(second));
        // without the label: the two elements read as fields of their own
        let weak = (!strong).then(|| {
            let (saved, chars) = (std::mem::take(&mut self.fields), self.chars);
            self.children(node, el, depth + 1);
            self.chars = chars;
            std::mem::replace(&mut self.fields, saved)
        });
        self.push(Field {
            key: key_of(&label),
            label,
            text: value,
            fill,
            line: self.lines.line(second.id()).or(self.lines.line(node.id())),
            weak,
        });
        true
    }

    /// Inline content of `parent`: fields split at bold labels ending in a colon and at line
    /// breaks; a classed element that opens a field is a field of its own.
    fn inline(&mut self, parent: &Element, nodes: &[NodeRef<'_, Node>]) {
        let mut segs: Vec<Seg> = Vec::new();
        let mut cur = Seg::default();
        let mut strip_colon = false;
        for (i, n) in nodes.iter().enumerate() {
            match n.value() {
                Node::Text(t) => {
                    let mut s: &str = t;
                    if strip_colon {
                        let trimmed = s.trim_start();
                        if let Some(r) = trimmed.strip_prefix(':') {
                            s = r;
                        }
                        if !trimmed.is_empty() {
                            strip_colon = false;
                        }
                    }
                    cur.acc.push_text(s, false);
                }
                Node::Element(e) => {
                    let name = e.name();
                    if is_skipped(name) {
                        continue;
                    }
                    if name == "br" {
                        segs.push(std::mem::take(&mut cur));
                        continue;
                    }
                    let text = text_of(*n);
                    let next_colon = nodes.get(i + 1).is_some_and(
                        |nx| matches!(nx.value(), Node::Text(t) if t.trim_start().starts_with(':')),
                    );
                    let labelish = (is_bold_element(e) || name == "label")
                        && label_like(&text)
                        && (text.trim_end().ends_with(':') || next_colon);
                    if labelish {
                        segs.push(std::mem::take(&mut cur));
                        cur.label = Some(clean_label(&text));
                        cur.line = self.lines.line(n.id());
                        strip_colon = next_colon;
                        continue;
                    }
                    let fill = colour(e).or_else(|| badge_below(*n));
                    let cl = class_label(e, &self.record_classes);
                    if !cur.acc.has_text() && cur.label.is_some() {
                        // the value of a label: `<b>Status:</b> <span class="rag-green">On track</span>`
                        collect(&mut cur.acc, *n, false);
                        cur.fill = cur.fill.or(fill);
                        continue;
                    }
                    if (!cl.is_empty() || fill.is_some())
                        && !cur.acc.has_text()
                        && text.chars().count() <= MAX_LABEL_CHARS
                    {
                        // a classed element opening the field, or a colour badge
                        segs.push(std::mem::take(&mut cur));
                        segs.push(Seg {
                            acc: {
                                let mut a = TextAcc::default();
                                a.push_text(&text, false);
                                a
                            },
                            fill,
                            line: self.lines.line(n.id()),
                            classed: Some(cl),
                            ..Seg::default()
                        });
                        continue;
                    }
                    if cur.line.is_none() {
                        cur.line = self.lines.line(n.id());
                    }
                    cur.fill = cur
                        .fill
                        .or(fill.filter(|_| text.chars().count() <= MAX_LABEL_CHARS));
                    collect(&mut cur.acc, *n, false);
                }
                _ => {}
            }
        }
        segs.push(cur);
        let (pk, pl) = self.plain_key(parent);
        // unlabelled segments of one block stay one field (lines of one paragraph)
        let mut plain: Option<Field> = None;
        for s in segs {
            let text = s.acc.finish().text;
            if text.is_empty() && s.fill.is_none() && s.label.is_none() {
                continue;
            }
            if let Some(label) = s.label {
                if let Some(p) = plain.take() {
                    self.push(p);
                }
                self.push(Field {
                    key: key_of(&label),
                    label,
                    text,
                    fill: s.fill,
                    line: s.line,
                    weak: None,
                });
            } else if let Some(cl) = s.classed {
                if let Some(p) = plain.take() {
                    self.push(p);
                }
                let (key, label) = if cl.is_empty() {
                    // a badge with no name of its own is the field of the block holding it
                    (pk.clone(), pl.clone())
                } else {
                    (format!("c:{cl}"), cl)
                };
                self.push(Field {
                    key,
                    label,
                    text,
                    fill: s.fill,
                    line: s.line,
                    weak: None,
                });
            } else if let Some((label, value)) = colon_label(&text) {
                if let Some(p) = plain.take() {
                    self.push(p);
                }
                self.push(Field {
                    key: key_of(&label),
                    label,
                    text: value,
                    fill: s.fill,
                    line: s.line,
                    weak: Some(vec![Field {
                        key: pk.clone(),
                        label: pl.clone(),
                        text,
                        fill: s.fill,
                        line: s.line,
                        weak: None,
                    }]),
                });
            } else {
                match &mut plain {
                    Some(p) => {
                        p.text.push(' ');
                        p.text.push_str(&text);
                        p.fill = p.fill.or(s.fill);
                    }
                    None => {
                        plain = Some(Field {
                            key: pk.clone(),
                            label: pl.clone(),
                            text,
                            fill: s.fill,
                            line: s.line,
                            weak: None,
                        })
                    }
                }
            }
        }
        if let Some(p) = plain {
            self.push(p);
        }
    }

    /// `<dt>`/`<dd>` pairs, in order, through wrapper elements (`govuk-summary-list__row`).
    fn dl(&mut self, node: NodeRef<'_, Node>) {
        for (label, dd, line) in dl_pairs(node, self.lines) {
            let text = text_of(dd);
            let fill = match dd.value() {
                Node::Element(e) => colour(e).or_else(|| badge_below(dd)),
                _ => None,
            };
            let (key, label) = match label {
                Some(l) => (key_of(&l), l),
                None => ("t:dd".to_string(), String::new()),
            };
            self.push(Field {
                key,
                label,
                text,
                fill,
                line,
                weak: None,
            });
        }
    }

    /// Rows of a key-value table: `<th>` (or a bold or short first cell) and its value. A
    /// table with wider rows is no record.
    fn table(&mut self, node: NodeRef<'_, Node>) {
        match kv_rows(node, self.lines) {
            Some(rows) => {
                for f in rows {
                    self.push(f);
                }
            }
            None => self.valid = false,
        }
    }
}

/// The colour of a badge inside an element (its first coloured descendant with little text).
fn badge_below(node: NodeRef<'_, Node>) -> Option<Rgb> {
    node.descendants()
        .skip(1)
        .take(12)
        .find_map(|d| match d.value() {
            Node::Element(e) => colour(e).filter(|_| text_of(d).chars().count() <= MAX_LABEL_CHARS),
            _ => None,
        })
}

/// `(label, dd, line)` of a definition list.
fn dl_pairs<'a>(
    node: NodeRef<'a, Node>,
    lines: &SourceLines,
) -> Vec<(Option<String>, NodeRef<'a, Node>, Option<u32>)> {
    let mut out = Vec::new();
    let mut label: Option<String> = None;
    let mut label_line = None;
    let mut pending_dt = false;
    let mut stack: Vec<NodeRef<'a, Node>> = node.children().collect();
    stack.reverse();
    while let Some(n) = stack.pop() {
        let Node::Element(e) = n.value() else {
            continue;
        };
        match e.name() {
            "dt" => {
                let t = clean_label(&text_of(n));
                label = Some(match (pending_dt, label.take()) {
                    (true, Some(prev)) if !prev.is_empty() => format!("{prev} {t}"),
                    _ => t,
                });
                label_line = lines.line(n.id());
                pending_dt = true;
            }
            "dd" => {
                let line = lines.line(n.id()).or(label_line);
                out.push((label.clone().filter(|l| !l.is_empty()), n, line));
                pending_dt = false;
            }
            "dl" => {}
            _ => {
                let mut kids: Vec<_> = n.children().collect();
                kids.reverse();
                stack.extend(kids);
            }
        }
    }
    out
}

/// The fields of a key-value table, or `None` when it is not one.
fn kv_rows(node: NodeRef<'_, Node>, lines: &SourceLines) -> Option<Vec<Field>> {
    let mut out = Vec::new();
    for tr in node.descendants() {
        let Node::Element(e) = tr.value() else {
            continue;
        };
        if e.name() == "caption" {
            let t = text_of(tr);
            if !t.is_empty() {
                out.push(Field {
                    key: "t:caption".into(),
                    label: String::new(),
                    text: t,
                    fill: None,
                    line: lines.line(tr.id()),
                    weak: None,
                });
            }
            continue;
        }
        if e.name() != "tr" {
            continue;
        }
        // rows of a nested table belong to the cell that holds it
        if tr
            .ancestors()
            .take_while(|a| a.id() != node.id())
            .any(|a| matches!(a.value(), Node::Element(x) if x.name() == "table"))
        {
            continue;
        }
        let cells: Vec<_> = tr
            .children()
            .filter(|c| matches!(c.value(), Node::Element(x) if matches!(x.name(), "td" | "th")))
            .collect();
        let texts: Vec<String> = cells.iter().map(|c| text_of(*c)).collect();
        let fills: Vec<Option<Rgb>> = cells
            .iter()
            .map(|c| match c.value() {
                Node::Element(x) => colour(x).or_else(|| badge_below(*c)),
                _ => None,
            })
            .collect();
        let nonempty = texts.iter().filter(|t| !t.is_empty()).count();
        if nonempty == 0 && fills.iter().all(Option::is_none) {
            continue;
        }
        let line = lines.line(tr.id());
        match cells.len() {
            1 => out.push(Field {
                key: "t:title".into(),
                label: String::new(),
                text: texts[0].clone(),
                fill: fills[0],
                line,
                weak: None,
            }),
            2 => {
                let Node::Element(first) = cells[0].value() else {
                    return None;
                };
                let marked = first.name() == "th" || is_bold_element(first);
                if !label_like(&texts[0]) || !(marked || texts[0].trim_end().ends_with(':')) {
                    return None;
                }
                let label = clean_label(&texts[0]);
                out.push(Field {
                    key: key_of(&label),
                    label,
                    text: texts[1].clone(),
                    fill: fills[1],
                    line,
                    weak: None,
                });
            }
            _ => return None,
        }
    }
    Some(out)
}

/// One `<dl>` or key-value `<table>` whose labels repeat in cycles: a run of records, a new
/// one at each label already seen in the current one.
fn cycles(node: NodeRef<'_, Node>, lines: &SourceLines) -> Option<Run> {
    let Node::Element(el) = node.value() else {
        return None;
    };
    let fields: Vec<Field> = match el.name() {
        "dl" => dl_pairs(node, lines)
            .into_iter()
            .map(|(label, dd, line)| {
                let label = label.unwrap_or_default();
                Field {
                    key: key_of(&label),
                    label,
                    text: text_of(dd),
                    fill: match dd.value() {
                        Node::Element(e) => colour(e).or_else(|| badge_below(dd)),
                        _ => None,
                    },
                    line,
                    weak: None,
                }
            })
            .collect(),
        "table" => kv_rows(node, lines)?,
        _ => return None,
    };
    let mut records: Vec<Record> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for f in fields {
        if seen.contains(&f.key) || records.is_empty() {
            seen.clear();
            records.push(Record {
                line: f.line,
                fields: Vec::new(),
            });
        }
        seen.insert(f.key.clone());
        if let Some(r) = records.last_mut() {
            r.fields.push(f);
        }
    }
    if records.len() < MIN_RECORDS {
        return None;
    }
    let mut freq: HashMap<&str, usize> = HashMap::new();
    for r in &records {
        for f in &r.fields {
            *freq.entry(f.key.as_str()).or_default() += 1;
        }
    }
    let n = records.len();
    if freq.values().filter(|&&c| c * 2 >= n && c >= 2).count() < 2 {
        return None;
    }
    let table = build_table(&records, &column_keys(records.iter()))?;
    Some(Run {
        nodes: vec![node.id()],
        table,
    })
}

/// The columns of records: their keys in record order (a key first met in a later record
/// goes after the key that precedes it there), without keys empty in every record.
fn column_keys<'r>(records: impl Iterator<Item = &'r Record> + Clone) -> Vec<(String, String)> {
    let mut keys: Vec<(&str, &str)> = Vec::new();
    for r in records.clone() {
        let mut at = 0;
        for f in &r.fields {
            match keys.iter().position(|(k, _)| *k == f.key) {
                Some(p) => at = p + 1,
                None => {
                    keys.insert(at, (f.key.as_str(), f.label.as_str()));
                    at += 1;
                }
            }
        }
    }
    keys.retain(|(k, _)| {
        records.clone().any(|r| {
            r.fields
                .iter()
                .any(|f| f.key == *k && (!f.text.is_empty() || f.fill.is_some()))
        })
    });
    keys.into_iter()
        .map(|(k, l)| (k.to_string(), l.to_string()))
        .collect()
}

/// Records -> a table with these columns: a header row of the labels (when any), one row per
/// record.
fn build_table(records: &[Record], keys: &[(String, String)]) -> Option<Table> {
    if keys.len() < 2 || keys.len() > MAX_COLUMNS {
        return None;
    }
    let first_line = records.iter().find_map(|r| r.line);
    let top = first_line.map_or(Prov::page(1), |l| Prov::line(1, l));
    let mut rows = Vec::with_capacity(records.len() + 1);
    if keys.iter().any(|(_, l)| !l.is_empty()) {
        rows.push(Row {
            cells: keys
                .iter()
                .map(|(_, l)| Cell {
                    header: true,
                    bold: !l.is_empty(),
                    ..Cell::new(l.clone(), top)
                })
                .collect(),
            prov: top,
        });
    }
    for r in records {
        let prov = r.line.map_or(Prov::page(1), |l| Prov::line(1, l));
        let cells = keys
            .iter()
            .map(|(k, _)| match r.fields.iter().find(|f| f.key == *k) {
                Some(f) => Cell {
                    fill: f.fill,
                    ..Cell::new(f.text.clone(), f.line.map_or(prov, |l| Prov::line(1, l)))
                },
                None => Cell::new("", prov),
            })
            .collect();
        rows.push(Row { cells, prov });
    }
    Some(Table {
        rows,
        origin: TableOrigin::Records,
        prov: top,
    })
}

#[cfg(test)]
mod tests {
    use super::{class_colour, colon_label, numbered_label};
    use crate::parse;
    use plansift_model::{Block, Rgb, Table, TableOrigin};

    fn tables(src: &str) -> Vec<Table> {
        parse(src)
            .blocks
            .into_iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .collect()
    }

    fn grid(t: &Table) -> Vec<Vec<String>> {
        t.rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.text.clone()).collect())
            .collect()
    }

    #[test]
    fn cards_with_labels_become_rows_under_their_heading() {
        let card = |r: &str, t: &str, who: &str, due: &str| {
            format!(
                "<div class=\"action-card\"><h3><span class=\"ref\">{r}</span> {t}</h3>\
                 <dl><dt>Lead</dt><dd>{who}</dd><dt>Timescale</dt><dd>{due}</dd></dl>\
                 <p><strong>Progress:</strong> Started.</p></div>"
            )
        };
        let src = format!(
            "<body><h2>Priority 1: Homes</h2>{}{}<h2>Priority 2: Jobs</h2>{}</body>",
            card("1.1", "Build homes", "Head of Housing", "March 2025"),
            card("1.2", "Buy land", "Estates Manager", "June 2025"),
            card("2.1", "Open a hub", "Economy Lead", "2026"),
        );
        let doc = parse(&src);
        let kinds: Vec<&str> = doc
            .blocks
            .iter()
            .map(|b| match b {
                Block::Heading(_) => "H",
                Block::Table(_) => "T",
                _ => "?",
            })
            .collect();
        assert_eq!(kinds, vec!["H", "T", "H", "T"]);
        let ts = tables(&src);
        assert_eq!(ts[0].origin, TableOrigin::Records);
        assert_eq!(
            grid(&ts[0]),
            vec![
                vec!["Ref", "", "Lead", "Timescale", "Progress"],
                vec![
                    "1.1",
                    "Build homes",
                    "Head of Housing",
                    "March 2025",
                    "Started."
                ],
                vec![
                    "1.2",
                    "Buy land",
                    "Estates Manager",
                    "June 2025",
                    "Started."
                ],
            ]
        );
        assert!(ts[0].rows[0].cells.iter().all(|c| c.header));
        // the one card under the second heading has the same columns
        assert_eq!(grid(&ts[1])[0], grid(&ts[0])[0]);
    }

    #[test]
    fn class_names_and_colour_badges() {
        let card = |t: &str, badge: &str| {
            format!(
                "<div class=\"item\"><div class=\"item__actionText\">{t}</div>\
                 <div class=\"action-owner\">J Smith</div>{badge}</div>"
            )
        };
        let src = format!(
            "<body>{}{}{}{}</body>",
            card("Do one", "<span class=\"rag rag-green\"></span>"),
            card("Do two", "<span class=\"tooltip_amber\"></span>"),
            card(
                "Do three",
                "<span style=\"background-color:#FF0000\"></span>"
            ),
            card("Do four", "<span class=\"status status--red\"></span>"),
        );
        let ts = tables(&src);
        assert_eq!(ts.len(), 1);
        let g = grid(&ts[0]);
        assert_eq!(g[0][..2], ["Action text", "Action owner"]);
        let fills: Vec<Option<Rgb>> = ts[0].rows[1..]
            .iter()
            .map(|r| r.cells.iter().find_map(|c| c.fill))
            .collect();
        assert!(fills.iter().all(Option::is_some), "{fills:?}");
        assert_eq!(fills[2], Some(Rgb(255, 0, 0)));
    }

    #[test]
    fn one_definition_list_with_repeated_terms() {
        let mut dl = String::from("<dl>");
        for i in 1..=3 {
            dl.push_str(&format!(
                "<dt>Action</dt><dd>Task {i}</dd><dt>Owner</dt><dd>P{i}</dd><dt>Due</dt><dd>201{i}</dd>"
            ));
        }
        dl.push_str("</dl>");
        let ts = tables(&format!("<body><p>Plan</p>{dl}</body>"));
        assert_eq!(ts.len(), 1);
        assert_eq!(grid(&ts[0]).len(), 4);
        assert_eq!(grid(&ts[0])[3], vec!["Task 3", "P3", "2013"]);
    }

    #[test]
    fn key_value_tables_per_action() {
        let t = |a: &str| {
            format!("<table><tr><th>Action</th><td>{a}</td></tr><tr><th>Lead</th><td>X</td></tr></table>")
        };
        let src = format!("<body>{}{}{}</body>", t("A"), t("B"), t("C"));
        let ts = tables(&src);
        assert_eq!(ts.len(), 1);
        assert_eq!(ts[0].origin, TableOrigin::Records);
        assert_eq!(grid(&ts[0])[0], vec!["Action", "Lead"]);
        // ordinary tables side by side stay tables
        let wide = "<table><tr><th>A</th><th>B</th><th>C</th></tr><tr><td>1</td><td>2</td><td>3</td></tr></table>";
        let ts = tables(&format!("<body>{wide}{wide}{wide}</body>"));
        assert!(ts.iter().all(|t| t.origin == TableOrigin::Markup));
    }

    #[test]
    fn framework_state_classes_are_colours() {
        assert_eq!(class_colour("bg-success"), class_colour("green"));
        assert!(class_colour("green").is_some());
        assert!(class_colour("badge-warning").is_some());
        assert!(class_colour("text-danger").is_some());
        assert_eq!(class_colour("card-body"), None);
    }

    #[test]
    fn a_time_of_day_is_no_label() {
        assert_eq!(numbered_label("Updated 08:10"), None);
        assert_eq!(colon_label("Updated 08:10"), None);
        assert_eq!(
            colon_label("Updated: 08:10"),
            Some(("Updated".to_string(), "08:10".to_string()))
        );
    }

    #[test]
    fn numbered_labels_give_a_number_and_a_text() {
        let sec = |i: u32, t: &str| {
            format!(
                "<div class=\"accordion__section\"><h2><span class=\"accordion__button\">Action {i}: {t}</span></h2>\
                 <dl class=\"summary-list\"><dt>Target date</dt><dd>March 202{i}</dd></dl></div>"
            )
        };
        let src = format!(
            "<body>{}{}{}</body>",
            sec(1, "Do a"),
            sec(2, "Do b"),
            sec(3, "Do c")
        );
        let g = grid(&tables(&src)[0]);
        assert_eq!(g[0], vec!["Action no.", "Action", "Target date"]);
        assert_eq!(g[2], vec!["2", "Do b", "March 2022"]);
    }

    #[test]
    fn menus_and_plain_lists_are_no_records() {
        let src = "<body><nav><ul><li><a>Home</a></li><li><a>Bins</a></li><li><a>Housing</a></li></ul></nav>\
                   <ul><li>First point</li><li>Second point</li><li>Third point</li></ul>\
                   <p>One.</p><p>Two.</p><p>Three.</p></body>";
        assert!(tables(src).is_empty());
        // a colon inside one text is no label
        let card = |t: &str| {
            format!("<div class=\"c\"><p class=\"title\">{t}</p><p class=\"owner\">X</p></div>")
        };
        let src = format!(
            "<body>{}{}{}</body>",
            card("Food: grow more"),
            card("Walk more"),
            card("Cycle more")
        );
        let ts = tables(&src);
        assert_eq!(grid(&ts[0])[1][0], "Food: grow more");
    }
}
