//! Source line numbers of DOM elements.
//!
//! html5ever does not record where an element came from, so the source is scanned
//! for start tags (outside comments, `<script>`, `<style>`, `<textarea>` and `<title>`
//! contents), per tag name, in order. When the source holds exactly as many start
//! tags of a name as the DOM holds elements of that name, the k-th element in
//! document order is the k-th start tag. When the numbers differ (the parser implied
//! or dropped some of them, as it does for `<tbody>` or a stray `</p>`), elements of
//! that name get no line.

use std::collections::HashMap;

use ego_tree::NodeId;
use scraper::{Html, Node};

pub(crate) struct SourceLines {
    lines: HashMap<NodeId, u32>,
}

impl SourceLines {
    pub(crate) fn new(source: &str, doc: &Html) -> Self {
        let line_starts: Vec<usize> = std::iter::once(0)
            .chain(
                source
                    .bytes()
                    .enumerate()
                    .filter(|(_, b)| *b == b'\n')
                    .map(|(i, _)| i + 1),
            )
            .collect();
        let tags = start_tags(source);
        let mut dom: HashMap<&str, Vec<NodeId>> = HashMap::new();
        for node in doc.tree.root().descendants() {
            if let Node::Element(el) = node.value() {
                dom.entry(el.name()).or_default().push(node.id());
            }
        }
        let mut lines = HashMap::new();
        for (name, ids) in dom {
            let Some(offsets) = tags.get(name) else {
                continue;
            };
            if offsets.len() != ids.len() {
                continue;
            }
            for (id, &off) in ids.iter().zip(offsets) {
                let line = line_starts.partition_point(|&s| s <= off);
                lines.insert(*id, u32::try_from(line).unwrap_or(u32::MAX));
            }
        }
        SourceLines { lines }
    }

    /// 1-based source line of the element's start tag, when known.
    pub(crate) fn line(&self, id: NodeId) -> Option<u32> {
        self.lines.get(&id).copied()
    }
}

/// Byte offsets of start tags, by lower-case tag name.
fn start_tags(source: &str) -> HashMap<String, Vec<usize>> {
    let b = source.as_bytes();
    let mut out: HashMap<String, Vec<usize>> = HashMap::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        if b[i..].starts_with(b"<!--") {
            i = find(b, i + 4, b"-->").map_or(b.len(), |p| p + 3);
            continue;
        }
        let start = i;
        let mut j = i + 1;
        while j < b.len() && b[j].is_ascii_alphanumeric() {
            j += 1;
        }
        if j == i + 1 || !b[i + 1].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let boundary = b
            .get(j)
            .is_none_or(|c| c.is_ascii_whitespace() || *c == b'>' || *c == b'/');
        if !boundary {
            i = j;
            continue;
        }
        let name = source.get(i + 1..j).unwrap_or("").to_ascii_lowercase();
        i = j;
        if matches!(
            name.as_str(),
            "script" | "style" | "textarea" | "title" | "xmp"
        ) {
            // raw text: skip to the closing tag
            let close = format!("</{name}");
            i = find_ci(b, i, close.as_bytes()).unwrap_or(b.len());
        }
        out.entry(name).or_default().push(start);
    }
    out
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let rest = hay.get(from..)?;
    rest.windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

fn find_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let rest = hay.get(from..)?;
    rest.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| p + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_of_rows_and_cells() {
        let src = "<html><body>\n<!-- <tr> not a row -->\n<table>\n<tr><td>a</td>\n<td>b</td></tr>\n<tr><td>c</td><td>d</td></tr>\n</table><script>if (a<tr) {}</script>\n</body></html>";
        let doc = Html::parse_document(src);
        let lines = SourceLines::new(src, &doc);
        let mut tr_lines = Vec::new();
        let mut td_lines = Vec::new();
        for n in doc.tree.root().descendants() {
            if let Node::Element(el) = n.value() {
                match el.name() {
                    "tr" => tr_lines.push(lines.line(n.id())),
                    "td" => td_lines.push(lines.line(n.id())),
                    "tbody" => assert_eq!(lines.line(n.id()), None),
                    _ => {}
                }
            }
        }
        assert_eq!(tr_lines, vec![Some(4), Some(6)]);
        assert_eq!(td_lines, vec![Some(4), Some(5), Some(6), Some(6)]);
    }
}
