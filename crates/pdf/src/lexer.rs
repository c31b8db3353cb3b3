//! A small, lenient tokenizer for PDF content streams (and CMaps, which share
//! the syntax).
//!
//! It never stops at a bad token: anything it cannot read is skipped and
//! counted as an error with its byte offset, and the stream goes on. Nesting of
//! arrays and dictionaries is bounded.

/// An operand of a content-stream operator.
#[derive(Debug, Clone, PartialEq)]
pub enum Obj {
    Num(f64),
    Name(Vec<u8>),
    Str(Vec<u8>),
    Arr(Vec<Obj>),
    Dict(Vec<(Vec<u8>, Obj)>),
    Bool(bool),
    Null,
}

impl Obj {
    pub fn num(&self) -> Option<f64> {
        match self {
            Obj::Num(n) => Some(*n),
            _ => None,
        }
    }
    pub fn name(&self) -> Option<&[u8]> {
        match self {
            Obj::Name(n) => Some(n),
            _ => None,
        }
    }
    pub fn dict_get(&self, key: &[u8]) -> Option<&Obj> {
        match self {
            Obj::Dict(d) => d.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

/// One token at the top level of a stream.
#[derive(Debug, Clone, PartialEq)]
pub enum Token {
    Operand(Obj),
    /// An operator keyword (`Tj`, `re`, `beginbfchar`, ...).
    Op(Vec<u8>),
    /// Inline image data (`BI ... ID data EI`) — its dictionary only.
    InlineImage,
}

/// Maximum nesting of arrays/dictionaries inside one operand.
const MAX_NEST: usize = 32;

pub struct Lexer<'a> {
    buf: &'a [u8],
    pos: usize,
    /// Byte offsets and descriptions of skipped bad tokens.
    pub errors: Vec<(usize, &'static str)>,
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_regular(b: u8) -> bool {
    !is_ws(b) && !is_delim(b)
}

fn hexval(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

impl<'a> Lexer<'a> {
    pub fn new(buf: &'a [u8]) -> Self {
        Lexer {
            buf,
            pos: 0,
            errors: Vec::new(),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.buf.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b) = self.peek() {
            if is_ws(b) {
                self.pos += 1;
            } else if b == b'%' {
                while let Some(c) = self.peek() {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    fn err(&mut self, what: &'static str) {
        if self.errors.len() < 1000 {
            self.errors.push((self.pos, what));
        }
    }

    /// The next token, or `None` at the end of the stream.
    pub fn next_token(&mut self) -> Option<Token> {
        loop {
            self.skip_ws();
            let b = self.peek()?;
            match b {
                b')' | b'>' | b']' | b'}' => {
                    self.err("unbalanced delimiter");
                    self.pos += 1;
                    continue;
                }
                b'{' => {
                    // PostScript procedures (in Type 4 functions, never in page
                    // content); skip as a bad token.
                    self.err("unexpected '{'");
                    self.pos += 1;
                    continue;
                }
                _ => {}
            }
            if is_regular(b) && !(b.is_ascii_digit() || b == b'+' || b == b'-' || b == b'.') {
                let start = self.pos;
                while self.peek().is_some_and(is_regular) {
                    self.pos += 1;
                }
                let word = &self.buf[start..self.pos];
                match word {
                    b"true" => return Some(Token::Operand(Obj::Bool(true))),
                    b"false" => return Some(Token::Operand(Obj::Bool(false))),
                    b"null" => return Some(Token::Operand(Obj::Null)),
                    b"BI" => {
                        self.skip_inline_image();
                        return Some(Token::InlineImage);
                    }
                    _ => return Some(Token::Op(word.to_vec())),
                }
            }
            match self.read_obj(0) {
                Some(o) => return Some(Token::Operand(o)),
                None => continue,
            }
        }
    }

    /// Skip `<dict> ID <data> EI`.
    fn skip_inline_image(&mut self) {
        // the image dictionary, up to the "ID" keyword
        let mut entries: Vec<Obj> = Vec::new();
        loop {
            self.skip_ws();
            let Some(b) = self.peek() else { return };
            if is_regular(b) && !(b.is_ascii_digit() || b == b'+' || b == b'-' || b == b'.') {
                let start = self.pos;
                while self.peek().is_some_and(is_regular) {
                    self.pos += 1;
                }
                match &self.buf[start..self.pos] {
                    b"ID" => {
                        self.pos += 1; // the single white-space byte after ID
                        break;
                    }
                    b"true" => entries.push(Obj::Bool(true)),
                    b"false" => entries.push(Obj::Bool(false)),
                    _ => entries.push(Obj::Null),
                }
                continue;
            }
            let before = self.pos;
            match self.read_obj(0) {
                Some(o) => entries.push(o),
                None if self.pos == before => self.pos += 1,
                None => {}
            }
        }
        let data_start = self.pos.min(self.buf.len());
        // With the data's length known (/L, or the size of unfiltered
        // samples), EI is looked for right after the data; binary data that
        // happens to contain "EI" is then no trap.
        if let Some(len) = inline_image_len(&entries) {
            if let Some(end) = data_start.checked_add(len) {
                let mut i = end;
                while i < self.buf.len() && i < end + 16 && is_ws(self.buf[i]) {
                    i += 1;
                }
                if self.buf.get(i..i + 2) == Some(b"EI") {
                    self.pos = i + 2;
                    return;
                }
            }
        }
        // otherwise: white space + "EI" + white space / delimiter / end
        let mut i = data_start;
        while i + 2 <= self.buf.len() {
            if self.buf[i] == b'E'
                && self.buf.get(i + 1) == Some(&b'I')
                && (i == 0 || is_ws(self.buf[i - 1]))
                && self.buf.get(i + 2).is_none_or(|&c| is_ws(c) || is_delim(c))
            {
                self.pos = i + 2;
                return;
            }
            i += 1;
        }
        self.err("inline image without EI");
        self.pos = self.buf.len();
    }

    /// Read one object at the current position. Returns `None` (after
    /// recording an error and advancing) when the bytes are not an object.
    fn read_obj(&mut self, depth: usize) -> Option<Obj> {
        self.skip_ws();
        let b = self.peek()?;
        match b {
            b'/' => {
                self.pos += 1;
                let start = self.pos;
                while self.peek().is_some_and(is_regular) {
                    self.pos += 1;
                }
                let raw = &self.buf[start..self.pos];
                let mut name = Vec::with_capacity(raw.len());
                let mut i = 0;
                while i < raw.len() {
                    if raw[i] == b'#' && i + 2 < raw.len() + 1 {
                        if let (Some(h), Some(l)) = (
                            raw.get(i + 1).and_then(|&c| hexval(c)),
                            raw.get(i + 2).and_then(|&c| hexval(c)),
                        ) {
                            name.push(h * 16 + l);
                            i += 3;
                            continue;
                        }
                    }
                    name.push(raw[i]);
                    i += 1;
                }
                Some(Obj::Name(name))
            }
            b'(' => Some(Obj::Str(self.read_literal())),
            b'<' => {
                if self.buf.get(self.pos + 1) == Some(&b'<') {
                    self.pos += 2;
                    if depth >= MAX_NEST {
                        self.err("nesting too deep");
                        self.skip_balanced(b"<<", b">>");
                        return Some(Obj::Null);
                    }
                    let mut dict = Vec::new();
                    loop {
                        self.skip_ws();
                        match self.peek() {
                            None => {
                                self.err("unterminated dictionary");
                                return Some(Obj::Dict(dict));
                            }
                            Some(b'>') => {
                                self.pos += 1;
                                if self.peek() == Some(b'>') {
                                    self.pos += 1;
                                }
                                return Some(Obj::Dict(dict));
                            }
                            Some(b'/') => {
                                let key = match self.read_obj(depth + 1) {
                                    Some(Obj::Name(n)) => n,
                                    _ => continue,
                                };
                                self.skip_ws();
                                if self.peek() == Some(b'>') {
                                    dict.push((key, Obj::Null));
                                    continue;
                                }
                                let v = self.read_value(depth + 1).unwrap_or(Obj::Null);
                                dict.push((key, v));
                            }
                            Some(_) => {
                                // a stray value where a key should be
                                if self.read_value(depth + 1).is_none() {
                                    self.err("bad dictionary key");
                                    self.pos += 1;
                                }
                            }
                        }
                    }
                } else {
                    self.pos += 1;
                    let mut out = Vec::new();
                    let mut hi: Option<u8> = None;
                    loop {
                        match self.peek() {
                            None => {
                                self.err("unterminated hex string");
                                break;
                            }
                            Some(b'>') => {
                                self.pos += 1;
                                break;
                            }
                            Some(c) => {
                                if let Some(v) = hexval(c) {
                                    self.pos += 1;
                                    match hi.take() {
                                        Some(h) => out.push(h * 16 + v),
                                        None => hi = Some(v),
                                    }
                                } else if is_ws(c) {
                                    self.pos += 1;
                                } else {
                                    // an unterminated hex string: end it here so
                                    // the rest of the stream is still read
                                    self.err("unterminated hex string");
                                    break;
                                }
                            }
                        }
                    }
                    if let Some(h) = hi {
                        out.push(h * 16);
                    }
                    Some(Obj::Str(out))
                }
            }
            b'[' => {
                self.pos += 1;
                if depth >= MAX_NEST {
                    self.err("nesting too deep");
                    self.skip_balanced(b"[", b"]");
                    return Some(Obj::Null);
                }
                let mut arr = Vec::new();
                loop {
                    self.skip_ws();
                    match self.peek() {
                        None => {
                            self.err("unterminated array");
                            return Some(Obj::Arr(arr));
                        }
                        Some(b']') => {
                            self.pos += 1;
                            return Some(Obj::Arr(arr));
                        }
                        Some(_) => {
                            if let Some(v) = self.read_value(depth + 1) {
                                arr.push(v);
                            }
                        }
                    }
                }
            }
            b'0'..=b'9' | b'+' | b'-' | b'.' => {
                let start = self.pos;
                self.pos += 1;
                while self.peek().is_some_and(|c| {
                    c.is_ascii_digit()
                        || c == b'.'
                        || c == b'-'
                        || c == b'+'
                        || c == b'e'
                        || c == b'E'
                }) {
                    self.pos += 1;
                }
                let s = std::str::from_utf8(&self.buf[start..self.pos]).unwrap_or("");
                match parse_number(s) {
                    Some(v) => Some(Obj::Num(v)),
                    None => {
                        self.err("bad number");
                        None
                    }
                }
            }
            _ => {
                self.err("unexpected byte");
                self.pos += 1;
                None
            }
        }
    }

    /// A value inside an array or dictionary (keywords `true`/`false`/`null`
    /// and `R` references are accepted; other keywords are skipped).
    fn read_value(&mut self, depth: usize) -> Option<Obj> {
        self.skip_ws();
        let b = self.peek()?;
        if b == b')' || b == b'}' || b == b'{' {
            self.err("unbalanced delimiter");
            self.pos += 1;
            return None;
        }
        if is_regular(b) && !(b.is_ascii_digit() || b == b'+' || b == b'-' || b == b'.') {
            let start = self.pos;
            while self.peek().is_some_and(is_regular) {
                self.pos += 1;
            }
            return match &self.buf[start..self.pos] {
                b"true" => Some(Obj::Bool(true)),
                b"false" => Some(Obj::Bool(false)),
                b"null" => Some(Obj::Null),
                b"R" => None,
                _ => {
                    self.err("keyword inside an array or dictionary");
                    None
                }
            };
        }
        self.read_obj(depth)
    }

    fn skip_balanced(&mut self, open: &[u8], close: &[u8]) {
        let mut level = 1usize;
        while self.pos < self.buf.len() && level > 0 {
            let rest = &self.buf[self.pos..];
            if rest.starts_with(close) {
                level -= 1;
                self.pos += close.len();
            } else if rest.starts_with(open) {
                level += 1;
                self.pos += open.len();
            } else {
                self.pos += 1;
            }
        }
    }

    fn read_literal(&mut self) -> Vec<u8> {
        self.pos += 1; // '('
        let mut out = Vec::new();
        let mut level = 1usize;
        while let Some(c) = self.peek() {
            self.pos += 1;
            match c {
                b'(' => {
                    level += 1;
                    out.push(c);
                }
                b')' => {
                    level -= 1;
                    if level == 0 {
                        return out;
                    }
                    out.push(c);
                }
                b'\\' => {
                    let Some(e) = self.peek() else { break };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if self.peek() == Some(b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v: u32 = (e - b'0') as u32;
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        v = v * 8 + (d - b'0') as u32;
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((v & 0xff) as u8);
                        }
                        other => out.push(other),
                    }
                }
                _ => out.push(c),
            }
        }
        self.err("unterminated string");
        out
    }
}

/// The byte length of an inline image's data, when the dictionary says it
/// (/L, /Length) or it is unfiltered and its samples can be counted.
fn inline_image_len(entries: &[Obj]) -> Option<usize> {
    let get = |keys: &[&[u8]]| -> Option<&Obj> {
        entries
            .chunks(2)
            .find(|p| {
                p.first()
                    .and_then(Obj::name)
                    .is_some_and(|k| keys.contains(&k))
            })
            .and_then(|p| p.get(1))
    };
    let num = |keys: &[&[u8]]| {
        get(keys)
            .and_then(Obj::num)
            .filter(|v| *v >= 0.0 && *v < 1e9)
    };
    if let Some(l) = num(&[b"L", b"Length"]) {
        return Some(l as usize);
    }
    if get(&[b"F", b"Filter"]).is_some() {
        return None;
    }
    let w = num(&[b"W", b"Width"])? as usize;
    let h = num(&[b"H", b"Height"])? as usize;
    let mask = matches!(get(&[b"IM", b"ImageMask"]), Some(Obj::Bool(true)));
    let bpc = if mask {
        1
    } else {
        num(&[b"BPC", b"BitsPerComponent"]).unwrap_or(8.0) as usize
    };
    let comps = if mask {
        1
    } else {
        match get(&[b"CS", b"ColorSpace"]) {
            None => 1,
            Some(Obj::Name(n)) => match n.as_slice() {
                b"G" | b"DeviceGray" | b"CalGray" | b"I" | b"Indexed" => 1,
                b"RGB" | b"DeviceRGB" | b"CalRGB" => 3,
                b"CMYK" | b"DeviceCMYK" => 4,
                _ => return None,
            },
            Some(Obj::Arr(a)) => match a.first().and_then(Obj::name) {
                Some(b"I" | b"Indexed") => 1,
                _ => return None,
            },
            _ => return None,
        }
    };
    let row = (w.checked_mul(comps)?.checked_mul(bpc)?).div_ceil(8);
    row.checked_mul(h)
}

fn parse_number(s: &str) -> Option<f64> {
    if let Ok(v) = s.parse::<f64>() {
        return v.is_finite().then_some(v);
    }
    // Lenient forms: "--5", "5-", "1.2.3", "-.": take the longest valid prefix
    // after collapsing repeated signs.
    let t = s.trim_start_matches(['+', '-']);
    let neg = s.len() - t.len() > 0 && s.starts_with('-');
    let mut end = 0;
    let mut dot = false;
    for (i, c) in t.char_indices() {
        if c.is_ascii_digit() {
            end = i + 1;
        } else if c == '.' && !dot {
            dot = true;
            end = i + 1;
        } else {
            break;
        }
    }
    let core = &t[..end];
    if core.is_empty() || core == "." {
        return if s.chars().all(|c| c == '-' || c == '+' || c == '.') {
            Some(0.0)
        } else {
            None
        };
    }
    let v: f64 = core.parse().ok()?;
    Some(if neg { -v } else { v })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &[u8]) -> (Vec<Token>, usize) {
        let mut l = Lexer::new(s);
        let mut v = Vec::new();
        while let Some(t) = l.next_token() {
            v.push(t);
        }
        (v, l.errors.len())
    }

    #[test]
    fn basic_tokens() {
        let (t, e) =
            toks(b"BT /F1 12 Tf 1 0 0 1 72.5 -.5 Tm (a\\(b\\)\\101) Tj [<0041> -250 (x)] TJ ET");
        assert_eq!(e, 0);
        assert_eq!(t[0], Token::Op(b"BT".to_vec()));
        assert_eq!(t[1], Token::Operand(Obj::Name(b"F1".to_vec())));
        assert_eq!(t[9], Token::Operand(Obj::Num(-0.5)));
        assert_eq!(t[11], Token::Operand(Obj::Str(b"a(b)A".to_vec())));
        match &t[13] {
            Token::Operand(Obj::Arr(a)) => assert_eq!(a.len(), 3),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn bad_tokens_are_skipped_not_fatal() {
        let (t, e) = toks(b"q ) 1 0 0 1 0 0 cm } \x01 BT (ok) Tj ET Q");
        assert!(e >= 2);
        assert!(t.contains(&Token::Op(b"Tj".to_vec())));
        assert!(t.contains(&Token::Op(b"Q".to_vec())));
    }

    #[test]
    fn inline_image_skipped() {
        let (t, _) = toks(b"q BI /W 2 /H 2 /BPC 8 /CS /G ID \x00EI\xff\x10 EI Q (x) Tj");
        assert_eq!(t[1], Token::InlineImage);
        assert_eq!(t[2], Token::Op(b"Q".to_vec()));
    }

    #[test]
    fn inline_image_with_ei_inside_its_data() {
        // 2x2 gray samples "EI\n " hold the bytes E, I, newline, space
        let (t, e) = toks(b"q BI /W 2 /H 2 /CS /G /BPC 8 ID EI\n EI Q (x) Tj");
        assert_eq!(e, 0);
        assert_eq!(t[1], Token::InlineImage);
        assert_eq!(t[2], Token::Op(b"Q".to_vec()));
        let (t, _) = toks(b"BI /W 4 /H 1 /L 4 /F /AHx ID EI E EI Q");
        assert_eq!(t[1], Token::Op(b"Q".to_vec()));
    }

    #[test]
    fn deep_nesting_bounded() {
        let mut s = Vec::new();
        s.extend(std::iter::repeat_n(b'[', 10_000));
        s.extend(std::iter::repeat_n(b']', 10_000));
        s.extend(b" TJ");
        let (t, e) = toks(&s);
        assert!(e > 0);
        assert_eq!(t.last(), Some(&Token::Op(b"TJ".to_vec())));
    }

    #[test]
    fn lenient_numbers() {
        assert_eq!(parse_number("--5"), Some(-5.0));
        assert_eq!(parse_number("1.2.3"), Some(1.2));
        assert_eq!(parse_number("-"), Some(0.0));
    }
}
