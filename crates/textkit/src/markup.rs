//! Plain text of HTML: tags removed, entities decoded, blocks separated by one
//! space, `<sup>th</sup>` joined to its number, bold tracked per character.
//!
//! - [`fragment_text`] / [`has_markup`]: HTML fragments inside table cells, as text
//!   converted from PDF and spreadsheet exports carry them (the text and CSV
//!   front-ends use these).
//! - [`TextAcc`], [`collect`] and the element predicates: the DOM text walker the HTML
//!   front-end reads whole pages with (the same rules as for fragments).

use ego_tree::NodeRef;
use plansift_model::collapse_ws;
use scraper::node::Element;
use scraper::{Html, Node};

/// Plain text of an HTML fragment and whether all of it is bold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FragmentText {
    pub text: String,
    /// All non-space text is inside `<b>`/`<strong>`/`<th>`/`<h1-6>` (or a bold inline style).
    pub bold: bool,
}

/// Does the string contain markup or an entity worth parsing: an HTML tag
/// (`<b>`, `</p>`, `<br/>`, `<td class=x>`, Word's `<o:p>`, a comment `<!--`), or an
/// entity `&name;` / `&#123;` / `&#x1F;`? A `<` that does not open a known HTML
/// element (`<5%`, `<www.example.gov.uk>`, `a<b`) is text.
pub fn has_markup(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter().enumerate().any(|(i, &c)| match c {
        b'<' => tag_at(b, i),
        b'&' => entity_at(b, i + 1),
        _ => false,
    })
}

/// Elements worth recognising as tags in text (the rest of a `<...>` is text).
const KNOWN_TAGS: &[&str] = &[
    "a",
    "abbr",
    "acronym",
    "address",
    "area",
    "article",
    "aside",
    "audio",
    "b",
    "base",
    "basefont",
    "bdi",
    "bdo",
    "big",
    "blink",
    "blockquote",
    "body",
    "br",
    "button",
    "canvas",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "dd",
    "del",
    "details",
    "dfn",
    "dir",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "i",
    "iframe",
    "img",
    "input",
    "ins",
    "kbd",
    "label",
    "legend",
    "li",
    "link",
    "main",
    "map",
    "mark",
    "marquee",
    "menu",
    "meta",
    "nav",
    "nobr",
    "noframes",
    "noscript",
    "object",
    "ol",
    "option",
    "p",
    "picture",
    "pre",
    "q",
    "s",
    "samp",
    "script",
    "section",
    "select",
    "small",
    "source",
    "span",
    "strike",
    "strong",
    "style",
    "sub",
    "summary",
    "sup",
    "svg",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "time",
    "title",
    "tr",
    "tt",
    "u",
    "ul",
    "var",
    "wbr",
    "xmp",
];

/// Does `b[i]` (a `<`) open a tag, an end tag, a comment or a doctype?
fn tag_at(b: &[u8], i: usize) -> bool {
    let rest = b.get(i + 1..).unwrap_or(&[]);
    if rest.starts_with(b"!--") || rest.starts_with(b"![") {
        return true;
    }
    if rest.len() >= 8 && rest[..8].eq_ignore_ascii_case(b"!doctype") {
        return true;
    }
    let rest = rest.strip_prefix(b"/").unwrap_or(rest);
    let name_len = rest
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    let Some(name) = rest.get(..name_len) else {
        return false;
    };
    if name.first().is_none_or(|c| !c.is_ascii_alphabetic()) {
        return false;
    }
    let mut after = name_len;
    let known = if rest.get(after) == Some(&b':')
        && rest.get(after + 1).is_some_and(u8::is_ascii_alphabetic)
    {
        // a namespaced element, as Word writes `<o:p>`
        after += 1 + rest[after + 1..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        true
    } else {
        KNOWN_TAGS
            .iter()
            .any(|t| t.as_bytes().eq_ignore_ascii_case(name))
    };
    known
        && rest
            .get(after)
            .is_some_and(|&c| c.is_ascii_whitespace() || c == b'>' || c == b'/')
}

/// `s` with every `<` that does not open a tag written as `&lt;`, so the parser
/// keeps it as text.
fn escape_stray_lt(s: &str) -> std::borrow::Cow<'_, str> {
    let b = s.as_bytes();
    if !b
        .iter()
        .enumerate()
        .any(|(i, &c)| c == b'<' && !tag_at(b, i))
    {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut last = 0;
    for (i, &c) in b.iter().enumerate() {
        if c == b'<' && !tag_at(b, i) {
            out.push_str(&s[last..i]);
            out.push_str("&lt;");
            last = i + 1;
        }
    }
    out.push_str(&s[last..]);
    std::borrow::Cow::Owned(out)
}

/// Is `b[start..]` the body of an entity (`amp;`, `#39;`, `#x27;`)?
fn entity_at(b: &[u8], start: usize) -> bool {
    let rest = b.get(start..).unwrap_or(&[]);
    let (digits, hex): (&[u8], bool) = match rest {
        [b'#', b'x' | b'X', tail @ ..] => (tail, true),
        [b'#', tail @ ..] => (tail, false),
        _ => (rest, false),
    };
    let numeric = rest.first() == Some(&b'#');
    for (n, &c) in digits.iter().take(33).enumerate() {
        if c == b';' {
            return n > 0;
        }
        let ok = if numeric {
            if hex {
                c.is_ascii_hexdigit()
            } else {
                c.is_ascii_digit()
            }
        } else {
            c.is_ascii_alphanumeric()
        };
        if !ok {
            return false;
        }
    }
    false
}

/// Plain text of an HTML fragment as found inside a table cell of text converted
/// from PDF. Fast path: without markup only white space is collapsed.
pub fn fragment_text(fragment: &str) -> FragmentText {
    if !has_markup(fragment) {
        return FragmentText {
            text: collapse_ws(fragment),
            bold: false,
        };
    }
    // nesting deeper than the budget's depth is flattened before the parser sees it
    let escaped = escape_stray_lt(fragment);
    let budget = plansift_model::budget::limits();
    let limited = crate::depth::limit_depth(&escaped, budget.depth, budget.elements);
    let html = Html::parse_fragment(&limited.html);
    let mut acc = TextAcc::default();
    collect(&mut acc, html.tree.root(), false);
    acc.finish()
}

/// Text accumulator: raw text with separators, plus bold accounting.
/// [`TextAcc::finish`] collapses white space and decides boldness.
#[derive(Debug, Default)]
pub struct TextAcc {
    buf: String,
    bold_chars: usize,
    total_chars: usize,
}

impl TextAcc {
    pub fn push_text(&mut self, s: &str, bold: bool) {
        let n = s.chars().filter(|c| !is_space(*c)).count();
        self.total_chars += n;
        if bold {
            self.bold_chars += n;
        }
        self.buf.push_str(s);
    }

    /// A block boundary: one space.
    pub fn sep(&mut self) {
        if !self.buf.is_empty() && !self.buf.ends_with(' ') {
            self.buf.push(' ');
        }
    }

    /// Does the text so far (ignoring trailing white space) end with a digit?
    fn ends_with_digit(&self) -> bool {
        self.buf
            .trim_end_matches(is_space)
            .ends_with(|c: char| c.is_ascii_digit())
    }

    /// Append an ordinal suffix directly to the preceding number (`27 ` + `th` -> `27th`).
    fn join_suffix(&mut self, suffix: &str, bold: bool) {
        let keep = self.buf.trim_end_matches(is_space).len();
        self.buf.truncate(keep);
        self.push_text(suffix, bold);
    }

    /// `node` is a `<sup>` holding an ordinal suffix right after a number: join it
    /// to the number (`27 <sup>th</sup>` -> `27th`) and return true.
    pub fn try_join_ordinal(&mut self, node: NodeRef<'_, Node>, bold: bool) -> bool {
        if !self.ends_with_digit() {
            return false;
        }
        let Some((sfx, space_after)) = ordinal_suffix(node) else {
            return false;
        };
        self.join_suffix(&sfx, bold);
        if space_after {
            self.sep();
        }
        true
    }

    pub fn has_text(&self) -> bool {
        self.total_chars > 0
    }

    pub fn finish(self) -> FragmentText {
        FragmentText {
            text: collapse_ws(&self.buf),
            bold: self.total_chars > 0 && self.bold_chars == self.total_chars,
        }
    }

    pub fn take(&mut self) -> FragmentText {
        std::mem::take(self).finish()
    }
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}'
}

/// Elements whose content is never text of the page.
pub fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "template"
            | "head"
            | "title"
            | "noscript"
            | "iframe"
            | "object"
            | "svg"
            | "math"
    )
}

/// Elements that start a new line of text (separated by one space in plain text).
pub fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "br"
            | "hr"
            | "tr"
            | "td"
            | "th"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "caption"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "pre"
            | "section"
            | "article"
            | "aside"
            | "header"
            | "footer"
            | "nav"
            | "main"
            | "figure"
            | "figcaption"
            | "address"
            | "center"
            | "form"
            | "fieldset"
            | "legend"
            | "details"
            | "summary"
            | "option"
    )
}

/// Heading level of `h1`..`h6`.
pub fn heading_level(name: &str) -> Option<u8> {
    match name {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

/// Does this element make its text bold?
pub fn is_bold_element(el: &Element) -> bool {
    let name = el.name();
    if matches!(name, "b" | "strong" | "th") || heading_level(name).is_some() {
        return true;
    }
    el.attr("style").is_some_and(style_is_bold)
}

/// `font-weight: bold|bolder|600..900` in an inline style.
fn style_is_bold(style: &str) -> bool {
    style_value(style, "font-weight").is_some_and(|v| {
        let v = v.trim().to_ascii_lowercase();
        v.starts_with("bold") || matches!(v.parse::<u32>(), Ok(w) if w >= 600)
    })
}

/// The value of one declaration in an inline `style` attribute (last one wins).
pub fn style_value<'a>(style: &'a str, prop: &str) -> Option<&'a str> {
    let mut found = None;
    for decl in style.split(';') {
        if let Some((k, v)) = decl.split_once(':') {
            if k.trim().eq_ignore_ascii_case(prop) {
                found = Some(v.trim());
            }
        }
    }
    found
}

/// Is this `<sup>`'s text an English ordinal suffix?
/// Returns the suffix and whether the `<sup>`'s text ends in white space.
fn ordinal_suffix(node: NodeRef<'_, Node>) -> Option<(String, bool)> {
    let mut s = String::new();
    for d in node.descendants() {
        if let Node::Text(t) = d.value() {
            s.push_str(t);
            if s.len() > 8 {
                return None;
            }
        }
    }
    let t = collapse_ws(&s);
    let lower = t.to_ascii_lowercase();
    let trailing_space = s.ends_with(is_space);
    matches!(lower.as_str(), "st" | "nd" | "rd" | "th").then_some((t, trailing_space))
}

/// Append the plain text of `root` (itself included) to `acc`, without recursion.
/// `bold` says whether `root` sits inside a bold context already.
pub fn collect(acc: &mut TextAcc, root: NodeRef<'_, Node>, bold: bool) {
    let mut bold_depth: usize = usize::from(bold);
    // (node, closing)
    let mut stack: Vec<(NodeRef<'_, Node>, bool)> = vec![(root, false)];
    while let Some((node, closing)) = stack.pop() {
        match node.value() {
            Node::Text(t) => acc.push_text(t, bold_depth > 0),
            Node::Element(el) => {
                let name = el.name();
                if closing {
                    if is_bold_element(el) {
                        bold_depth = bold_depth.saturating_sub(1);
                    }
                    if is_block(name) {
                        acc.sep();
                    }
                    continue;
                }
                if is_skipped(name) {
                    continue;
                }
                if name == "br" || name == "hr" {
                    acc.sep();
                    continue;
                }
                let el_bold = is_bold_element(el);
                if name == "sup" && acc.try_join_ordinal(node, bold_depth > 0 || el_bold) {
                    continue;
                }
                if is_block(name) {
                    acc.sep();
                }
                if el_bold {
                    bold_depth += 1;
                }
                stack.push((node, true));
                push_children(&mut stack, node);
            }
            Node::Document | Node::Fragment => push_children(&mut stack, node),
            _ => {}
        }
    }
}

/// Push the children of `node` so that they pop in document order.
fn push_children<'a>(stack: &mut Vec<(NodeRef<'a, Node>, bool)>, node: NodeRef<'a, Node>) {
    let start = stack.len();
    for c in node.children() {
        stack.push((c, false));
    }
    if let Some(s) = stack.get_mut(start..) {
        s.reverse();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ft(s: &str) -> (String, bool) {
        let f = fragment_text(s);
        (f.text, f.bold)
    }

    #[test]
    fn markup_detection() {
        assert!(has_markup("a <b>b</b>"));
        assert!(has_markup("x</p>"));
        assert!(has_markup("Tom &amp; Jerry"));
        assert!(has_markup("it&#8217;s"));
        assert!(has_markup("it&#x2019;s"));
        assert!(has_markup("<!-- c -->"));
        assert!(!has_markup("a < b and c > d"));
        assert!(!has_markup(
            "see <www.example.gov.uk> and <https://x.org/a>"
        ));
        assert!(!has_markup("unclosed <b"));
        assert!(has_markup("Word<o:p></o:p>"));
        assert!(has_markup("<BR>"));
        assert!(has_markup("<td class=x>"));
        assert!(has_markup("<!DOCTYPE html>"));
        assert!(!has_markup("x<5"));
        assert!(!has_markup("AT&T and R&D fine"));
        // syntactically an entity: worth a parse, which leaves unknown names as written
        assert!(has_markup("R&D; x"));
        assert_eq!(fragment_text("R&D; x").text, "R&D; x");
        assert!(!has_markup("&;"));
        assert!(!has_markup(""));
    }

    #[test]
    fn stray_angle_brackets_stay_text() {
        assert_eq!(
            ft("<b>Target</b> <5% by <www.example.gov.uk> &amp; a<b").0,
            "Target <5% by <www.example.gov.uk> & a<b"
        );
        assert_eq!(ft("x<o:p></o:p>y").0, "xy");
    }

    #[test]
    fn plain_text_only_collapses() {
        assert_eq!(
            ft("  Mandy\u{a0} Ansell \n"),
            ("Mandy Ansell".into(), false)
        );
    }

    #[test]
    fn sup_ordinal_joins_to_number() {
        assert_eq!(
            ft("Decision at the May 27 <sup>th</sup> CCG Board.").0,
            "Decision at the May 27th CCG Board."
        );
        assert_eq!(
            ft("commence 1<sup>st</sup> November").0,
            "commence 1st November"
        );
        assert_eq!(ft("the 3 <sup> rd </sup>sector").0, "the 3rd sector");
        assert_eq!(ft("<p>2<sup>nd</sup> Phase</p>").0, "2nd Phase");
        // a footnote marker is not an ordinal: kept as written
        assert_eq!(ft("rate <sup>1</sup> rose").0, "rate 1 rose");
        // an ordinal suffix after a word is left alone
        assert_eq!(ft("the <sup>th</sup> x").0, "the th x");
    }

    #[test]
    fn inline_tags_keep_spaces() {
        assert_eq!(ft("Primary <b>Care</b>"), ("Primary Care".into(), false));
        assert_eq!(
            ft("Expansion of <u>Family Lifestyle Club</u> (FLiC)").0,
            "Expansion of Family Lifestyle Club (FLiC)"
        );
        assert_eq!(ft("un<i>break</i>able").0, "unbreakable");
    }

    #[test]
    fn entities_decoded() {
        assert_eq!(ft("Health &amp; Wellbeing").0, "Health & Wellbeing");
        assert_eq!(ft("Thurrock&#8217;s&nbsp;plan").0, "Thurrock\u{2019}s plan");
        assert_eq!(ft("a &lt;b&gt; c").0, "a <b> c");
    }

    #[test]
    fn blocks_and_lists_separated_by_one_space() {
        assert_eq!(ft("<p>One.</p><p>Two.</p>").0, "One. Two.");
        assert_eq!(
            ft("<ul><li>• First</li><li>• Second</li></ul>").0,
            "• First • Second"
        );
        assert_eq!(
            ft("line one<br>line two<br/>three").0,
            "line one line two three"
        );
        assert_eq!(ft("<div>a</div><div>b</div>").0, "a b");
        // an unclosed list as cut out of a page
        assert_eq!(
            ft("<ul style=\"list-style-type: none\"> <li>• a</li> <li>• b").0,
            "• a • b"
        );
    }

    #[test]
    fn bold_when_all_text_bold() {
        assert_eq!(ft("<b>Objective</b>"), ("Objective".into(), true));
        assert_eq!(ft(" <strong>RAG</strong> "), ("RAG".into(), true));
        assert_eq!(ft("<b>Lead</b>:"), ("Lead:".into(), false));
        assert_eq!(ft("<p><b>A</b></p> <p><b>B</b></p>"), ("A B".into(), true));
        assert_eq!(
            ft("<span style=\"font-weight: 700\">X</span>"),
            ("X".into(), true)
        );
        assert_eq!(ft("<h3>Heading</h3>"), ("Heading".into(), true));
        assert_eq!(ft("<b></b>"), ("".into(), false));
    }

    #[test]
    fn scripts_and_styles_dropped() {
        assert_eq!(
            ft("a<script>var x=1;</script> b<style>p{}</style>").0,
            "a b"
        );
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let deep = "<b>".repeat(50_000) + "x" + &"</b>".repeat(50_000);
        assert_eq!(ft(&deep), ("x".into(), true));
        let divs = "<div>".repeat(20_000) + "y";
        assert_eq!(ft(&divs).0, "y");
    }
}
