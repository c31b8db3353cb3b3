//! Bounded XML reading on `quick-xml`.
//!
//! - [`parse_tree`]: a small element tree (local names only, namespace prefixes dropped),
//!   with subtrees the caller does not need skipped while parsing, a depth limit and a
//!   node limit. Whitespace-only text is kept only inside `t` elements (`w:t`, `a:t`, the
//!   `t` of a shared string), where spaces are content.
//! - [`Events`]: a pull loop over the events of a large part (a worksheet) that checks the
//!   nesting depth as it goes, for readers that stream.

use std::borrow::Cow;

use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::Reader;

use crate::{Error, Limits};

/// An element: its local name, attributes (local names) and children.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    /// The value of an attribute by local name (`w:val` -> `val`).
    pub fn attr(&self, local: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == local)
            .map(|(_, v)| v.as_str())
    }
    /// Child elements.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|c| match c {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }
    /// The first child element of this local name.
    pub fn child(&self, local: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == local)
    }
    /// Child elements of this local name.
    pub fn children_named<'a>(&'a self, local: &'a str) -> impl Iterator<Item = &'a Element> {
        self.elements().filter(move |e| e.name == local)
    }
    /// Follow a path of child names.
    pub fn path(&self, names: &[&str]) -> Option<&Element> {
        let mut cur = self;
        for n in names {
            cur = cur.child(n)?;
        }
        Some(cur)
    }
    /// All descendant text, concatenated.
    pub fn text(&self) -> String {
        let mut out = String::new();
        self.text_into(&mut out);
        out
    }
    fn text_into(&self, out: &mut String) {
        for c in &self.children {
            match c {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) => e.text_into(out),
            }
        }
    }
}

fn local(name: &str) -> &str {
    match name.rfind(':') {
        Some(p) => &name[p + 1..],
        None => name,
    }
}

fn local_str(name: &str) -> String {
    local(name).to_string()
}

/// The text a general or character reference stands for (`&amp;`, `&#8217;`).
pub fn resolve_ref(r: &BytesRef<'_>) -> Option<Cow<'static, str>> {
    if let Ok(Some(ch)) = r.resolve_char_ref() {
        return Some(Cow::Owned(ch.to_string()));
    }
    let s: &str = r;
    Some(Cow::Borrowed(match s {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => return None,
    }))
}

/// The attributes of a start tag, local names, values unescaped (bad ones skipped).
pub fn attrs_of(e: &BytesStart<'_>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for a in e.attributes().with_checks(false).flatten() {
        let key = local_str(a.key.as_ref());
        let val = a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map(|v| v.into_owned())
            .unwrap_or_else(|_| a.value.to_string());
        out.push((key, val));
    }
    out
}

/// The value of one attribute of a start tag, by local name.
pub fn attr_of(e: &BytesStart<'_>, want: &str) -> Option<String> {
    for a in e.attributes().with_checks(false).flatten() {
        if local(a.key.as_ref()) == want {
            return Some(
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .map(|v| v.into_owned())
                    .unwrap_or_else(|_| a.value.to_string()),
            );
        }
    }
    None
}

/// The local name of a start tag.
pub fn name_of(e: &BytesStart<'_>) -> String {
    local_str(e.name().as_ref())
}

/// Re-encode UTF-16 parts (rare, but allowed) as UTF-8.
fn utf8(xml: &[u8]) -> Cow<'_, [u8]> {
    let utf16 = |be: bool| {
        let units: Vec<u16> = xml[2..]
            .chunks_exact(2)
            .map(|c| {
                if be {
                    u16::from_be_bytes([c[0], c[1]])
                } else {
                    u16::from_le_bytes([c[0], c[1]])
                }
            })
            .collect();
        let s = String::from_utf16_lossy(&units);
        // The declaration still says UTF-16; quick-xml reads the bytes as UTF-8 anyway.
        Cow::Owned(s.into_bytes())
    };
    if xml.starts_with(&[0xFF, 0xFE]) {
        utf16(false)
    } else if xml.starts_with(&[0xFE, 0xFF]) {
        utf16(true)
    } else if xml.starts_with(&[0xEF, 0xBB, 0xBF]) {
        Cow::Borrowed(&xml[3..])
    } else {
        Cow::Borrowed(xml)
    }
}

fn xml_error(part: &str, e: impl std::fmt::Display) -> Error {
    Error::malformed(format!("the XML part {part} is not well-formed: {e}"))
}

fn too_deep(part: &str, max: usize) -> Error {
    Error::too_large(format!(
        "the XML part {part} nests elements more than {max} deep; plansift refuses such files"
    ))
}

/// Parse a part into an element tree. `skip(local_name)` drops an element and everything
/// inside it. `part` names the part in messages.
pub fn parse_tree(
    xml: &[u8],
    part: &str,
    limits: &Limits,
    skip: &dyn Fn(&str) -> bool,
) -> Result<Element, Error> {
    let xml = utf8(xml);
    let mut reader = Reader::from_reader(&xml[..]);
    reader.config_mut().check_end_names = false;
    // The document node holds the root element.
    let mut stack: Vec<Element> = vec![Element::default()];
    let mut skipping = 0usize;
    let mut nodes = 0usize;
    let push_text = |stack: &mut Vec<Element>, t: &str| {
        let top = stack.last_mut().expect("the document node stays");
        let keep_ws = top.name == "t";
        if t.is_empty() || (!keep_ws && t.trim().is_empty()) {
            return;
        }
        if let Some(Node::Text(prev)) = top.children.last_mut() {
            prev.push_str(t);
        } else {
            top.children.push(Node::Text(t.to_string()));
        }
    };
    loop {
        let ev = reader.read_event().map_err(|e| xml_error(part, e))?;
        match ev {
            Event::Start(e) => {
                if skipping > 0 {
                    skipping += 1;
                    if skipping > limits.max_xml_depth {
                        return Err(too_deep(part, limits.max_xml_depth));
                    }
                    continue;
                }
                let name = name_of(&e);
                if skip(&name) {
                    skipping = 1;
                    if stack.len() + skipping > limits.max_xml_depth {
                        return Err(too_deep(part, limits.max_xml_depth));
                    }
                    continue;
                }
                if stack.len() > limits.max_xml_depth {
                    return Err(too_deep(part, limits.max_xml_depth));
                }
                nodes += 1;
                if nodes > limits.max_xml_nodes {
                    return Err(Error::too_large(format!(
                        "the XML part {part} has more than {} elements",
                        limits.max_xml_nodes
                    )));
                }
                stack.push(Element {
                    name,
                    attrs: attrs_of(&e),
                    children: Vec::new(),
                });
            }
            Event::Empty(e) => {
                if skipping > 0 {
                    continue;
                }
                let name = name_of(&e);
                if skip(&name) {
                    continue;
                }
                nodes += 1;
                if nodes > limits.max_xml_nodes {
                    return Err(Error::too_large(format!(
                        "the XML part {part} has more than {} elements",
                        limits.max_xml_nodes
                    )));
                }
                let el = Element {
                    name,
                    attrs: attrs_of(&e),
                    children: Vec::new(),
                };
                stack
                    .last_mut()
                    .expect("the document node stays")
                    .children
                    .push(Node::Element(el));
            }
            Event::End(_) => {
                if skipping > 0 {
                    skipping -= 1;
                    continue;
                }
                if stack.len() > 1 {
                    let el = stack.pop().expect("checked");
                    stack
                        .last_mut()
                        .expect("checked")
                        .children
                        .push(Node::Element(el));
                }
            }
            Event::Text(t) if skipping == 0 => {
                let s = t.xml10_content();
                push_text(&mut stack, &s);
            }
            Event::CData(t) if skipping == 0 => {
                let s = t.xml10_content();
                push_text(&mut stack, &s);
            }
            Event::GeneralRef(r) if skipping == 0 => {
                if let Some(s) = resolve_ref(&r) {
                    push_text(&mut stack, &s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    // Close elements left open by a truncated part.
    while stack.len() > 1 {
        let el = stack.pop().expect("checked");
        stack
            .last_mut()
            .expect("checked")
            .children
            .push(Node::Element(el));
    }
    let doc = stack.pop().expect("the document node stays");
    doc.children
        .into_iter()
        .find_map(|c| match c {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
        .ok_or_else(|| Error::malformed(format!("the XML part {part} has no root element")))
}

/// A pull loop over a part's events that checks the nesting depth.
pub struct Events<'a> {
    reader: Reader<&'a [u8]>,
    depth: usize,
    max_depth: usize,
    part: String,
}

impl<'a> Events<'a> {
    pub fn new(xml: &'a [u8], part: &str, limits: &Limits) -> Self {
        let start = if xml.starts_with(&[0xEF, 0xBB, 0xBF]) {
            3
        } else {
            0
        };
        let mut reader = Reader::from_reader(&xml[start..]);
        reader.config_mut().check_end_names = false;
        Events {
            reader,
            depth: 0,
            max_depth: limits.max_xml_depth,
            part: part.to_string(),
        }
    }

    /// Current nesting depth (the number of open elements).
    pub fn depth(&self) -> usize {
        self.depth
    }

    /// The next event; `Event::Eof` at the end.
    pub fn next_event(&mut self) -> Result<Event<'a>, Error> {
        let ev = self
            .reader
            .read_event()
            .map_err(|e| xml_error(&self.part, e))?;
        match &ev {
            Event::Start(_) => {
                self.depth += 1;
                if self.depth > self.max_depth {
                    return Err(too_deep(&self.part, self.max_depth));
                }
            }
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
        Ok(ev)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tree_with_skips_and_entities() {
        let xml = br#"<?xml version="1.0"?><w:document xmlns:w="x"><w:body><w:p><w:r><w:t xml:space="preserve"> a &amp; b&#8217;s </w:t></w:r><w:del><w:r><w:delText>gone</w:delText></w:r></w:del></w:p>
        </w:body></w:document>"#;
        let t = parse_tree(xml, "doc", &Limits::default(), &|n| n == "del").unwrap();
        assert_eq!(t.name, "document");
        let p = t.path(&["body", "p"]).unwrap();
        assert_eq!(p.text(), " a & b\u{2019}s ");
        assert_eq!(p.elements().count(), 1);
        let tt = p.path(&["r", "t"]).unwrap();
        assert_eq!(tt.attr("space"), Some("preserve"));
    }

    #[test]
    fn depth_limit() {
        let mut xml = String::new();
        for _ in 0..300 {
            xml.push_str("<a>");
        }
        let e = parse_tree(xml.as_bytes(), "deep", &Limits::default(), &|_| false).unwrap_err();
        assert_eq!(e.code(), "office.too_large");
        let mut ev = Events::new(xml.as_bytes(), "deep", &Limits::default());
        let err = loop {
            match ev.next_event() {
                Ok(Event::Eof) => panic!("no error"),
                Ok(_) => {}
                Err(e) => break e,
            }
        };
        assert_eq!(err.code(), "office.too_large");
    }

    #[test]
    fn node_limit_and_garbage() {
        let limits = Limits {
            max_xml_nodes: 10,
            ..Limits::default()
        };
        let xml = "<r>".to_string() + &"<x/>".repeat(20) + "</r>";
        assert_eq!(
            parse_tree(xml.as_bytes(), "many", &limits, &|_| false)
                .unwrap_err()
                .code(),
            "office.too_large"
        );
        assert!(parse_tree(b"not xml at all", "g", &Limits::default(), &|_| false).is_err());
        // A truncated part still gives its tree.
        let t = parse_tree(b"<r><p><t>x", "cut", &Limits::default(), &|_| false).unwrap();
        assert_eq!(t.text(), "x");
    }
}
