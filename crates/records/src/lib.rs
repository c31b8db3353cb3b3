//! Plans that are not tables: repeated records written as text, rebuilt as tables.
//!
//! Minutes, web pages saved as text, Word documents and PDF-to-text converters write plans as
//! runs of paragraphs rather than tables. This pass rewrites such runs of a
//! [`plansift_model::Document`] (whatever front-end made it) into [`Block::Table`]s with
//! [`TableOrigin::Records`], one record per row, so the one interpretation stage reads them
//! like any table: the column roles come from the label words (a header row) and the cells'
//! content, and the plan-or-not decision is the same.
//!
//! Three shapes, all found from repetition in the document, never from a list of labels:
//! 1. **Labelled blocks**: `Label: value` lines, a record starting where a label comes again
//!    (or at a numbered line: "Action 3:", "3. Develop ...", "A12 Develop ..."); a value
//!    continued on the next lines is joined. Records that start with the same label form a
//!    group; a group is a table when it has at least [`MIN_RECORDS`] records and at least two
//!    labels in most of them (a glossary of `Term: definition` lines never repeats a label).
//!    The labels are the header row; a label seen in too few records stays in the value above it.
//!    Headings between records stay where they are (the walker reads them as themes), and
//!    each part of a group between them is a table with the header row repeated.
//! 2. **Minutes action lines**: a single labelled line whose value ends in who and when,
//!    "ACTION: text (JB) by 31 March", "Action: text - Lead: DW - Due: March 2025", is split
//!    into the action, the person and the date (the tail's grammar; labelled parts go to the
//!    person or the date by what the normalisers say they are, keeping their label as header).
//! 3. **One cell per line**: a header of N short label lines, then the cells of each row one
//!    per line (an empty cell a blank line); the cycle length is the one under which each
//!    column's cells are most alike.
//!
//! Provenance: a row's page and line are its record's first line's; its box (and each cell's)
//! is the union of the boxes of the paragraphs it was made from, when they have one.

use std::collections::HashMap;
use std::sync::LazyLock;

use plansift_model::{collapse_ws, Block, Cell, Document, Prov, Row, Table, TableOrigin};
use plansift_normalize::{
    looks_like_deadline, looks_like_person, looks_like_rag, looks_like_status,
};
use regex::Regex;

/// A group of records needs at least this many to be a table.
pub const MIN_RECORDS: usize = 3;
const LABEL_MAX_CHARS: usize = 40;
/// A record has at most this many fields (a longer run of labels is a list, not one record).
const MAX_FIELDS: usize = 64;
/// A record joins one of the last this many groups, or starts its own.
const RECENT_GROUPS: usize = 16;
const LABEL_MAX_WORDS: usize = 5;

// Keys of fields that have no label of their own.
const NUM: &str = "\u{1}num";
const TITLE: &str = "\u{1}title";
const WHO: &str = "\u{1}who";
const WHEN: &str = "\u{1}when";

#[derive(Debug, Clone)]
struct Field {
    key: String,
    /// The label as written (empty for unlabelled parts).
    label: String,
    value: String,
    prov: Prov,
}

#[derive(Debug, Clone, Default)]
struct Record {
    /// The blocks it was made from.
    blocks: Vec<usize>,
    fields: Vec<Field>,
    /// Lines it was made from (labelled and continuation lines).
    lines: usize,
}

impl Record {
    fn has(&self, key: &str) -> bool {
        self.fields.iter().any(|f| f.key == key)
    }
}

enum Item {
    Record(Record),
    Other(usize),
}

static CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[A-Za-z]{0,3}\d{1,3}(?:[.\-/][0-9A-Za-z]{1,3}){0,3}[.)]?$").expect("code regex")
});

static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<num>\d{1,3}(?:\.\d{1,3}){0,3}[.)]|[A-Z]{1,3}\d{1,3}(?:\.\d{1,3}){0,2}[.:)]?)\s+(?P<text>\S.{2,})$",
    )
    .expect("numbered regex")
});

/// Labelled parts inside a minutes line: " - Lead: DW", " / Responsible officer: ...".
static INLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s+[-–—/;|]\s+(?P<label>[A-Z][A-Za-z/()'’ ]{0,30}?)\s*:\s+").expect("inline")
});

/// "text (JB) by 31 March", "text (Jo Bloggs) - April 2025".
static TAIL_WHO_WHEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<text>.*\S)\s*\((?P<who>[^()]{1,60})\)\s*(?:[,;:\-–]\s*)?(?:(?i:by|due|before|deadline|target)?:?\s*(?P<when>[^()]{2,40}))?$",
    )
    .expect("tail regex")
});

/// "text by 31 March (JB)".
static TAIL_WHEN_WHO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<text>.*\S)\s+(?i:by|due|before)\s+(?P<when>[^()]{2,40}?)\s*\((?P<who>[^()]{1,60})\)$")
        .expect("tail regex")
});

/// "text by 31 March" (no one named).
static TAIL_WHEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<text>.*\S)\s+(?i:by|due)\s+(?P<when>.{2,40})$").expect("tail regex")
});

static INITIALS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[A-Z]{2,4}|[A-Z][a-z][A-Z])(?:\s*[/,&]\s*(?:[A-Z]{2,4}|[A-Z][a-z][A-Z]))*$")
        .expect("initials")
});

/// `Label: value` (or `Label 3: value`): the label as written, its number, the value.
fn labelled(s: &str) -> Option<(String, Option<String>, String)> {
    let pos = s.find(':')?;
    let head = s[..pos].trim();
    let rest = s[pos + 1..].trim();
    // a digit on both sides: a time of day or a ratio ("Updated 08:10"), not a label
    let in_number = s[..pos].ends_with(|c: char| c.is_ascii_digit())
        && s[pos + 1..].starts_with(|c: char| c.is_ascii_digit());
    if head.is_empty()
        || in_number
        || rest.starts_with("//")
        || head.chars().count() > LABEL_MAX_CHARS
    {
        return None;
    }
    let mut words: Vec<&str> = head.split_whitespace().collect();
    if words.len() > LABEL_MAX_WORDS {
        return None;
    }
    let mut num = None;
    if words.len() >= 2 {
        let last = words[words.len() - 1];
        if last.chars().any(|c| c.is_ascii_digit()) && CODE.is_match(last) {
            num = Some(last.trim_end_matches(['.', ')']).to_string());
            words.pop();
        }
    }
    let label = words.join(" ");
    if !label.chars().next().is_some_and(|c| c.is_uppercase()) {
        return None;
    }
    let ok = label.chars().all(|c| {
        c.is_alphabetic()
            || matches!(
                c,
                ' ' | '/' | '(' | ')' | '&' | '-' | '\'' | '’' | '?' | ',' | '.'
            )
    });
    if !ok {
        return None;
    }
    Some((label, num, rest.to_string()))
}

fn key_of(label: &str) -> String {
    collapse_ws(&label.to_lowercase())
        .trim_end_matches(['?', ' '])
        .to_string()
}

fn union(a: Option<[f32; 4]>, b: Option<[f32; 4]>) -> Option<[f32; 4]> {
    match (a, b) {
        (Some(a), Some(b)) => Some([
            a[0].min(b[0]),
            a[1].min(b[1]),
            a[2].max(b[2]),
            a[3].max(b[3]),
        ]),
        (a, None) => a,
        (None, b) => b,
    }
}

/// The next line follows the last one with no blank line between (text), or the source has
/// no line numbers (DOCX, PDF paragraphs) and they are on one page.
fn contiguous(last: &Prov, next: &Prov) -> bool {
    last.page == next.page
        && match (last.line, next.line) {
            (Some(a), Some(b)) => b == a + 1,
            (None, None) => true,
            _ => false,
        }
}

fn is_who(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty()
        && (INITIALS.is_match(s) || looks_like_person(s))
        && !looks_like_deadline(s)
        && !looks_like_rag(s)
        && !looks_like_status(s)
}

/// After "(who) by": a date, or a short phrase the grammar says is the when.
fn when_like(s: &str) -> bool {
    looks_like_deadline(s) || s.split_whitespace().count() <= 10
}

/// A minutes action line's value split into the action, who and when (and other labelled
/// parts). `None` when it has no who or when.
fn split_minutes(value: &str, prov: Prov) -> Option<Vec<Field>> {
    let v = value.trim().trim_end_matches('.').trim();
    let mut fields = Vec::new();
    // labelled parts first: "text - Lead: DW - Due: March 2025"
    let marks: Vec<(usize, usize, String)> = INLINE
        .captures_iter(v)
        .map(|c| {
            let m = c.get(0).expect("match");
            (m.start(), m.end(), c["label"].trim().to_string())
        })
        .collect();
    let head = marks.first().map_or(v, |m| &v[..m.0]);
    for (i, (_, end, label)) in marks.iter().enumerate() {
        let stop = marks.get(i + 1).map_or(v.len(), |m| m.0);
        let val = v[*end..stop].trim().to_string();
        let key = if looks_like_deadline(&val) {
            WHEN.to_string()
        } else if is_who(&val) {
            WHO.to_string()
        } else {
            key_of(label)
        };
        fields.push(Field {
            key,
            label: label.clone(),
            value: val,
            prov,
        });
    }
    let mut text = head.to_string();
    if !fields.iter().any(|f| f.key == WHO) {
        let caps = TAIL_WHEN_WHO
            .captures(head)
            .filter(|c| is_who(&c["who"]) && when_like(&c["when"]))
            .or_else(|| {
                TAIL_WHO_WHEN.captures(head).filter(|c| {
                    is_who(&c["who"]) && c.name("when").is_none_or(|w| when_like(w.as_str()))
                })
            });
        let caps = caps.or_else(|| {
            TAIL_WHEN.captures(head).filter(|c| {
                looks_like_deadline(&c["when"]) && c["when"].split_whitespace().count() <= 5
            })
        });
        if let Some(c) = caps {
            text = c["text"].trim().to_string();
            if let Some(who) = c.name("who") {
                fields.push(Field {
                    key: WHO.to_string(),
                    label: String::new(),
                    value: who.as_str().trim().to_string(),
                    prov,
                });
            }
            if let Some(w) = c.name("when") {
                if !fields.iter().any(|f| f.key == WHEN) {
                    fields.push(Field {
                        key: WHEN.to_string(),
                        label: String::new(),
                        value: w.as_str().trim().to_string(),
                        prov,
                    });
                }
            }
        }
    }
    if fields.is_empty() || text.split_whitespace().count() < 3 {
        return None;
    }
    fields.insert(
        0,
        Field {
            key: String::new(),
            label: String::new(),
            value: text,
            prov,
        },
    );
    Some(fields)
}

/// Rebuild repeated records in `doc` as tables ([`TableOrigin::Records`]).
pub fn rebuild(doc: &mut Document) {
    labelled_records(doc);
    cell_per_line(doc);
}

/// The next block is a labelled line of another label, right under block `i`, that does not
/// start a record of its own (no number).
fn followed(blocks: &[Block], i: usize, key: &str) -> bool {
    let (Some(Block::Paragraph(p)), Some(Block::Paragraph(n))) = (blocks.get(i), blocks.get(i + 1))
    else {
        return false;
    };
    contiguous(&p.prov, &n.prov)
        && labelled(n.text.trim()).is_some_and(|(l, num, _)| num.is_none() && key_of(&l) != key)
}

/// Labels whose lines are, at least [`MIN_RECORDS`] times and mostly, minutes action lines: a
/// line of their own ending in who and when or holding labelled parts.
fn minutes_keys(blocks: &[Block]) -> std::collections::HashSet<String> {
    let mut seen: HashMap<String, (usize, usize)> = HashMap::new();
    for (i, b) in blocks.iter().enumerate() {
        let Block::Paragraph(p) = b else { continue };
        let Some((label, _, value)) = labelled(p.text.trim()) else {
            continue;
        };
        let key = key_of(&label);
        let split = !followed(blocks, i, &key) && split_minutes(&value, p.prov).is_some();
        let e = seen.entry(key).or_default();
        e.0 += 1;
        e.1 += usize::from(split);
    }
    seen.into_iter()
        .filter(|(_, (n, m))| *m >= MIN_RECORDS && m * 10 >= n * 6)
        .map(|(k, _)| k)
        .collect()
}

/// Shapes 1 and 2: labelled blocks and minutes action lines.
fn labelled_records(doc: &mut Document) {
    let blocks = &doc.blocks;
    let mut items: Vec<Item> = Vec::new();
    let mut cur: Option<Record> = None;
    let flush = |cur: &mut Option<Record>, items: &mut Vec<Item>| {
        if let Some(r) = cur.take() {
            items.push(Item::Record(r));
        }
    };
    let minutes_keys = minutes_keys(blocks);
    for (i, b) in blocks.iter().enumerate() {
        let p = match b {
            Block::Paragraph(p) => p,
            _ => {
                flush(&mut cur, &mut items);
                items.push(Item::Other(i));
                continue;
            }
        };
        let text = p.text.trim();
        if let Some((label, num, value)) = labelled(text) {
            let key = key_of(&label);
            // a minutes action line is a record of its own: a line of its own (no other
            // label follows it) whose label starts mostly such lines in the document
            let minutes = if minutes_keys.contains(&key) && !followed(blocks, i, &key) {
                split_minutes(&value, p.prov)
            } else {
                None
            };
            if let Some(mut parts) = minutes {
                flush(&mut cur, &mut items);
                parts[0].key = key;
                parts[0].label = label;
                if let Some(n) = num {
                    parts.insert(
                        0,
                        Field {
                            key: NUM.to_string(),
                            label: String::new(),
                            value: n,
                            prov: p.prov,
                        },
                    );
                }
                items.push(Item::Record(Record {
                    blocks: vec![i],
                    fields: parts,
                    lines: 1,
                }));
                continue;
            }
            let starts = match &cur {
                None => true,
                Some(r) => {
                    r.has(&key)
                        || r.fields.len() >= MAX_FIELDS
                        || (num.is_some() && !r.fields.is_empty())
                        || minutes_keys.contains(&key)
                }
            };
            if starts {
                flush(&mut cur, &mut items);
            }
            let r = cur.get_or_insert_with(Record::default);
            if let Some(n) = num {
                if !r.has(NUM) {
                    r.fields.push(Field {
                        key: NUM.to_string(),
                        label: String::new(),
                        value: n,
                        prov: p.prov,
                    });
                }
            }
            r.fields.push(Field {
                key,
                label,
                value,
                prov: p.prov,
            });
            r.blocks.push(i);
            r.lines += 1;
            continue;
        }
        if let Some(c) = NUMBERED.captures(text) {
            flush(&mut cur, &mut items);
            let num = c["num"].trim_end_matches(['.', ')', ':']).to_string();
            cur = Some(Record {
                blocks: vec![i],
                fields: vec![
                    Field {
                        key: NUM.to_string(),
                        label: String::new(),
                        value: num,
                        prov: p.prov,
                    },
                    Field {
                        key: TITLE.to_string(),
                        label: String::new(),
                        value: c["text"].trim().to_string(),
                        prov: p.prov,
                    },
                ],
                lines: 1,
            });
            continue;
        }
        // a plain line: the rest of the value above it, or text outside records
        if let Some(r) = &mut cur {
            let last = r.fields.last_mut().expect("a record has a field");
            if !p.bold && contiguous(&last.prov, &p.prov) && last.key != NUM {
                if !last.value.is_empty() {
                    last.value.push(' ');
                }
                last.value.push_str(text);
                last.prov = Prov {
                    page: p.prov.page,
                    line: p.prov.line,
                    bbox: union(last.prov.bbox, p.prov.bbox),
                };
                r.blocks.push(i);
                r.lines += 1;
                continue;
            }
        }
        flush(&mut cur, &mut items);
        items.push(Item::Other(i));
    }
    flush(&mut cur, &mut items);

    // groups of records that share their labels (at least two, or all of a small record's)
    let mut group_of: HashMap<usize, usize> = HashMap::new();
    let mut groups: Vec<(std::collections::BTreeSet<String>, Vec<usize>)> = Vec::new();
    for (i, it) in items.iter().enumerate() {
        let Item::Record(r) = it else { continue };
        let keys: std::collections::BTreeSet<String> = r
            .fields
            .iter()
            .filter(|f| f.key != NUM)
            .map(|f| f.key.clone())
            .collect();
        // the most recent groups only (bounded work on long documents)
        let recent = groups.len().saturating_sub(RECENT_GROUPS);
        let best = groups
            .iter()
            .enumerate()
            .skip(recent)
            .map(|(g, (union, _))| (g, keys.intersection(union).count(), keys.is_subset(union)))
            .filter(|&(_, shared, subset)| shared >= 2 || subset && shared >= 1)
            .max_by_key(|&(g, shared, _)| (shared, std::cmp::Reverse(g)));
        let g = match best {
            Some((g, _, _)) => g,
            None => {
                groups.push((Default::default(), Vec::new()));
                groups.len() - 1
            }
        };
        groups[g].0.extend(keys);
        groups[g].1.push(i);
        group_of.insert(i, g);
    }
    for (_, members) in &groups {
        merge_slots(&mut items, members);
    }
    let mut columns_of: HashMap<usize, Vec<(String, String)>> = HashMap::new();
    for (g, (_, members)) in groups.iter().enumerate() {
        if let Some(cols) = columns(members.iter().map(|&i| match &items[i] {
            Item::Record(r) => r,
            Item::Other(_) => unreachable!("records only"),
        })) {
            columns_of.insert(g, cols);
        }
    }
    if columns_of.is_empty() {
        return;
    }

    // the new block list
    let old = std::mem::take(&mut doc.blocks);
    let mut out: Vec<Block> = Vec::with_capacity(old.len());
    let mut table: Option<(usize, Table)> = None;
    let end_table = |table: &mut Option<(usize, Table)>, out: &mut Vec<Block>| {
        if let Some((_, t)) = table.take() {
            out.push(Block::Table(t));
        }
    };
    let mut last_other: Option<usize> = None;
    for (idx, it) in items.into_iter().enumerate() {
        match it {
            Item::Other(i) => {
                end_table(&mut table, &mut out);
                out.push(old[i].clone());
                last_other = Some(i);
                continue;
            }
            Item::Record(r) => {
                let group = group_of[&idx];
                let Some(cols) = columns_of.get(&group) else {
                    end_table(&mut table, &mut out);
                    out.extend(r.blocks.iter().map(|&i| old[i].clone()));
                    continue;
                };
                if table.as_ref().is_some_and(|(g, _)| *g != group) {
                    end_table(&mut table, &mut out);
                }
                let row = record_row(&r, cols);
                // a short line standing alone right above a group's first record is its
                // heading (the walker reads it as the theme)
                if table.is_none() && last_other.is_some_and(|j| r.blocks.first() == Some(&(j + 1)))
                {
                    let j = last_other.expect("checked");
                    if let Block::Paragraph(p) = &old[j] {
                        let alone = j == 0
                            || !matches!(&old[j - 1], Block::Paragraph(q) if contiguous(&q.prov, &p.prov));
                        if alone && heading_like(&p.text) {
                            let mut h = p.clone();
                            h.level = 2;
                            *out.last_mut().expect("pushed") = Block::Heading(h);
                        }
                    }
                }
                let (_, t) = table.get_or_insert_with(|| {
                    (
                        group,
                        Table {
                            rows: header_row(cols, row.prov).into_iter().collect(),
                            origin: TableOrigin::Records,
                            prov: row.prov,
                        },
                    )
                });
                t.rows.push(row);
            }
        }
        last_other = None;
    }
    end_table(&mut table, &mut out);
    doc.blocks = out;
}

/// In a group of minutes lines, a labelled part that never comes with the unlabelled who (or
/// when) of the other lines, and is no rating, is that who (or when) written with a label:
/// "(JB) by April" in some lines, "- Deadline: to be agreed with partners" in others.
fn merge_slots(items: &mut [Item], members: &[usize]) {
    for slot in [WHO, WHEN] {
        let recs = || {
            members.iter().filter_map(|&i| match &items[i] {
                Item::Record(r) => Some(r),
                Item::Other(_) => None,
            })
        };
        if !recs().any(|r| r.has(slot)) {
            continue;
        }
        let mut keys: Vec<String> = recs()
            .flat_map(|r| r.fields.iter().skip(1))
            .filter(|f| !f.label.is_empty() && f.key != WHO && f.key != WHEN && f.key != NUM)
            .map(|f| f.key.clone())
            .collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            let together = recs().any(|r| r.has(slot) && r.has(&k));
            let values: Vec<&str> = recs()
                .flat_map(|r| r.fields.iter().filter(|f| f.key == k))
                .map(|f| f.value.as_str())
                .collect();
            let ratings = values
                .iter()
                .filter(|v| looks_like_rag(v) || looks_like_status(v))
                .count();
            if together || ratings * 2 >= values.len() {
                continue;
            }
            for &i in members {
                if let Item::Record(r) = &mut items[i] {
                    for f in r.fields.iter_mut().filter(|f| f.key == k) {
                        f.key = slot.to_string();
                    }
                }
            }
            break;
        }
    }
}

/// The columns (key, header label) of a group of records, or `None` when the group is no
/// table: too few records, or fewer than two labels in most of them.
fn columns<'a>(records: impl Iterator<Item = &'a Record>) -> Option<Vec<(String, String)>> {
    let records: Vec<&Record> = records.collect();
    let n = records.len();
    if n < MIN_RECORDS {
        return None;
    }
    let mut count: HashMap<&str, usize> = HashMap::new();
    let mut pos: HashMap<&str, f64> = HashMap::new();
    let mut label: HashMap<&str, &str> = HashMap::new();
    for r in &records {
        let mut seen = std::collections::HashSet::new();
        let len = r.fields.len().max(1) as f64;
        for (j, f) in r.fields.iter().enumerate() {
            if seen.insert(f.key.as_str()) {
                *count.entry(&f.key).or_default() += 1;
                *pos.entry(&f.key).or_default() += j as f64 / len;
                if !f.label.is_empty() {
                    label.entry(&f.key).or_insert(&f.label);
                }
            }
        }
    }
    // a number is no field: a numbered list is no table
    let common = count
        .iter()
        .filter(|(&k, &c)| k != NUM && c * 10 >= n * 6)
        .count();
    if common < 2 {
        return None;
    }
    let mut keys: Vec<(&str, f64)> = count
        .iter()
        .filter(|(_, &c)| c >= 2 && c * 5 >= n)
        .map(|(&k, &c)| (k, if k == NUM { -1.0 } else { pos[k] / c as f64 }))
        .collect();
    keys.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(b.0)));
    Some(
        keys.into_iter()
            .map(|(k, _)| {
                (
                    k.to_string(),
                    label.get(k).copied().unwrap_or("").to_string(),
                )
            })
            .collect(),
    )
}

fn header_row(cols: &[(String, String)], prov: Prov) -> Option<Row> {
    if cols.iter().all(|(_, l)| l.is_empty()) {
        return None;
    }
    Some(Row {
        cells: cols
            .iter()
            .map(|(_, l)| {
                let mut c = Cell::new(l.clone(), prov);
                c.header = !l.is_empty();
                c.bold = !l.is_empty();
                c
            })
            .collect(),
        prov,
    })
}

/// One record as a row under `cols`; a field with no column of its own joins the value
/// before it ("Label: value").
fn record_row(r: &Record, cols: &[(String, String)]) -> Row {
    let first = r.fields.first().map(|f| f.prov).unwrap_or_default();
    let mut cells: Vec<Cell> = cols.iter().map(|_| Cell::new("", first)).collect();
    let mut bbox = None;
    let mut last: Option<usize> = None;
    for f in &r.fields {
        bbox = union(bbox, f.prov.bbox);
        match cols.iter().position(|(k, _)| *k == f.key) {
            Some(j) => {
                let c = &mut cells[j];
                if c.text.is_empty() {
                    c.text = f.value.clone();
                    c.prov = f.prov;
                } else {
                    c.text = format!("{} {}", c.text, f.value);
                    c.prov.bbox = union(c.prov.bbox, f.prov.bbox);
                }
                last = Some(j);
            }
            None => {
                if let Some(j) = last {
                    let c = &mut cells[j];
                    let part = if f.label.is_empty() {
                        f.value.clone()
                    } else {
                        format!("{}: {}", f.label, f.value)
                    };
                    c.text = collapse_ws(&format!("{} {}", c.text, part));
                    c.prov.bbox = union(c.prov.bbox, f.prov.bbox);
                }
            }
        }
    }
    Row {
        cells,
        prov: Prov { bbox, ..first },
    }
}

/// A line that can head a group of records: a few words, no label, no sentence.
fn heading_like(s: &str) -> bool {
    let s = s.trim();
    let words = s.split_whitespace().count();
    (1..=12).contains(&words)
        && s.chars().count() <= 100
        && s.chars().next().is_some_and(|c| c.is_uppercase())
        && !s.contains(':')
        && !s.ends_with(['.', ',', ';'])
        && s.chars().any(|c| c.is_alphabetic())
}

/// A short label line of a one-cell-per-line header: a few words, no digits, no sentence.
fn header_like(s: &str) -> bool {
    let s = s.trim();
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty() || words.len() > 4 || s.chars().count() > 32 {
        return false;
    }
    if !s.chars().next().is_some_and(|c| c.is_uppercase()) || s.contains(':') {
        return false;
    }
    if s.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    // "No." and "Ref no." end in a full stop; a sentence does not fit in four short words
    if s.ends_with('.') && words.last().is_some_and(|w| w.chars().count() > 3) {
        return false;
    }
    !s.ends_with([',', ';'])
}

/// The kind of a cell, to tell the right cycle from a wrong one.
fn kind(s: &str) -> u8 {
    let w = s.split_whitespace().count();
    if s.trim().is_empty() {
        0
    } else if looks_like_deadline(s) {
        1
    } else if w <= 4 {
        2
    } else {
        3
    }
}

/// A one-cell-per-line table holds at most this many lines (a longer run is cut there).
const MAX_CYCLE_LINES: usize = 12_000;
/// The cycle of one-cell-per-line text is judged on this many records.
const SAMPLE_RECORDS: usize = 40;

/// Shape 3: one cell per line.
fn cell_per_line(doc: &mut Document) {
    let mut i = 0;
    while i < doc.blocks.len() {
        // a run of paragraphs on one page
        let start = i;
        let mut end = i;
        while end < doc.blocks.len() && matches!(doc.blocks[end], Block::Paragraph(_)) {
            end += 1;
        }
        if end - start < 4 * 2 {
            i = end.max(i + 1);
            continue;
        }
        match find_cycle(&doc.blocks[start..end]) {
            Some((from, to, table)) => {
                let (from, to) = (start + from, start + to);
                doc.blocks.splice(from..to, [Block::Table(table)]);
                i = from + 1;
            }
            None => i = end,
        }
    }
}

/// In a run of paragraphs, a header of N label lines and at least [`MIN_RECORDS`] cycles of
/// N cells after it: the blocks it spans and the table.
fn find_cycle(run: &[Block]) -> Option<(usize, usize, Table)> {
    let paras: Vec<&plansift_model::TextBlock> = run
        .iter()
        .map(|b| match b {
            Block::Paragraph(p) => p,
            _ => unreachable!("a run of paragraphs"),
        })
        .collect();
    // the slot of each line: its line number where there is one (a blank line is an empty
    // cell), else its position
    let slot = |k: usize| -> i64 {
        match (paras[k].prov.line, paras[0].prov.line) {
            (Some(l), Some(f)) => l as i64 - f as i64,
            _ => k as i64,
        }
    };
    let mut s = 0;
    while s < paras.len() {
        // the longest run of label lines on consecutive slots from s
        let mut k = 0;
        while s + k < paras.len()
            && header_like(&paras[s + k].text)
            && (k == 0 || slot(s + k) == slot(s + k - 1) + 1)
            && paras[s..s + k].iter().all(|p| p.text != paras[s + k].text)
            && paras[s + k].prov.page == paras[s].prov.page
        {
            k += 1;
        }
        let mut best: Option<(f64, usize, usize)> = None; // (score, n, body end)
        for n in (2..=k.min(12)).rev() {
            let body0 = s + n;
            if body0 >= paras.len() || slot(body0) != slot(body0 - 1) + 1 {
                continue;
            }
            let base = slot(body0);
            // the body: lines on the same page with no gap as long as a whole record
            let mut e = body0;
            while e < paras.len()
                && e - body0 < MAX_CYCLE_LINES
                && paras[e].prov.page == paras[s].prov.page
                && (e == body0 || slot(e) - slot(e - 1) <= n as i64)
            {
                e += 1;
            }
            let records = ((slot(e - 1) - base) as usize) / n + 1;
            if records < MIN_RECORDS {
                continue;
            }
            // the cells of the first records (a sample bounds the work on long runs)
            let sample = records.min(SAMPLE_RECORDS);
            let mut grid: Vec<Vec<&str>> = vec![vec![""; n]; sample];
            for (q, p) in paras.iter().enumerate().take(e).skip(body0) {
                let off = (slot(q) - base) as usize;
                if off / n >= sample {
                    break;
                }
                grid[off / n][off % n] = p.text.as_str();
            }
            let records = sample;
            // each column's cells alike, most columns filled in most records
            let mut score = 0.0;
            let mut filled_cols = 0;
            for j in 0..n {
                let mut counts = [0usize; 4];
                for row in &grid {
                    counts[kind(row[j]) as usize] += 1;
                }
                let nonempty = records - counts[0];
                if nonempty * 10 >= records * 8 {
                    filled_cols += 1;
                }
                score +=
                    counts[1..].iter().max().copied().unwrap_or(0) as f64 / nonempty.max(1) as f64;
            }
            score /= n as f64;
            if filled_cols < 2 || score < 0.75 {
                continue;
            }
            if best.is_none_or(|(b, _, _)| score > b + 1e-9) {
                best = Some((score, n, e));
            }
        }
        if let Some((_, n, e)) = best {
            let hprov = paras[s].prov;
            let mut rows = vec![Row {
                cells: paras[s..s + n]
                    .iter()
                    .map(|p| {
                        let mut c = Cell::new(p.text.trim(), p.prov);
                        c.header = true;
                        c.bold = true;
                        c
                    })
                    .collect(),
                prov: hprov,
            }];
            let base = slot(s + n);
            let records = ((slot(e - 1) - base) as usize) / n + 1;
            let mut grid: Vec<(Vec<Cell>, Option<Prov>)> = (0..records)
                .map(|_| ((0..n).map(|_| Cell::new("", hprov)).collect(), None))
                .collect();
            for (q, p) in paras.iter().enumerate().take(e).skip(s + n) {
                let off = (slot(q) - base) as usize;
                let (cells, prov) = &mut grid[off / n];
                cells[off % n] = Cell::new(p.text.trim(), p.prov);
                *prov = Some(match *prov {
                    None => p.prov,
                    Some(pr) => Prov {
                        bbox: union(pr.bbox, p.prov.bbox),
                        ..pr
                    },
                });
            }
            for (mut cells, prov) in grid {
                let prov = prov.unwrap_or(hprov);
                // a repeated header line (a new page's) is no record
                if cells
                    .iter()
                    .zip(&rows[0].cells)
                    .all(|(a, b)| a.text == b.text)
                {
                    continue;
                }
                for c in cells.iter_mut().filter(|c| c.is_empty()) {
                    c.prov = prov;
                }
                rows.push(Row { cells, prov });
            }
            let table = Table {
                rows,
                origin: TableOrigin::Records,
                prov: hprov,
            };
            return Some((s, e, table));
        }
        s += k.max(1);
    }
    None
}

#[cfg(test)]
mod tests;
