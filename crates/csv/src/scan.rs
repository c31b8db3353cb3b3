//! A small RFC 4180 record scanner for sniffing: counts the fields of the first
//! records for a candidate delimiter, honouring quoted fields (which may hold
//! delimiters, `""` and line breaks). Parsing proper is done by the `csv` crate.

/// Shape of one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RecordShape {
    /// Number of fields (1 for a line without delimiters).
    pub fields: usize,
    /// Fields holding something other than white space.
    pub nonempty: usize,
    /// 1-based line the record starts on.
    pub line: usize,
    /// Fields after the first that begin with a space (`a, b` prose style).
    pub space_led: usize,
    /// A blank line came right before this record.
    pub blank_before: bool,
    /// The record starts like a Markdown heading (`## Title`).
    pub md_heading: bool,
}

/// Result of scanning a prefix of the text.
#[derive(Debug, Default)]
pub(crate) struct Scan {
    pub records: Vec<RecordShape>,
    /// The text ended inside a quoted field that started on this line.
    pub open_quote_line: Option<usize>,
    /// Quotes in the middle of unquoted fields or after a closing quote: a sign
    /// that the delimiter is not the one the quoting was written for.
    pub stray_quotes: usize,
}

#[derive(Clone, Copy, PartialEq)]
enum State {
    FieldStart,
    Unquoted,
    Quoted,
    /// Just saw a `"` inside a quoted field: either `""` or the closing quote.
    QuoteInQuoted,
    /// After the closing quote, before the delimiter.
    AfterQuoted,
}

/// Scan records of `text` with `delim`, stopping after `max_records` non-blank
/// records or `max_bytes` bytes (whichever comes first; 0 = no limit).
/// Blank lines are not records.
pub(crate) fn scan(text: &str, delim: u8, max_records: usize, max_bytes: usize) -> Scan {
    let mut out = Scan::default();
    let mut state = State::FieldStart;
    let mut line = 1usize;
    let mut rec_line = 1usize;
    let mut quote_line = 1usize;
    let mut fields = 1usize;
    let mut nonempty = 0usize;
    let mut field_has_text = false;
    let mut rec_has_text = false;
    let mut space_led = 0usize;
    let mut blank_before = false;
    let mut rec_start = 0usize;
    let bytes = text.as_bytes();
    let limit = if max_bytes == 0 {
        bytes.len()
    } else {
        bytes.len().min(max_bytes)
    };

    let end_field = |nonempty: &mut usize, field_has_text: &mut bool| {
        if *field_has_text {
            *nonempty += 1;
        }
        *field_has_text = false;
    };

    let mut i = 0;
    while i < limit {
        let mut c = bytes[i];
        i += 1;
        if c == b'\r' && bytes.get(i) != Some(&b'\n') {
            c = b'\n'; // a lone CR (old Mac line end) ends a line
        }
        if state == State::QuoteInQuoted {
            if c == b'"' {
                field_has_text = true;
                state = State::Quoted;
                continue;
            }
            state = State::AfterQuoted;
        }
        match state {
            State::Quoted => {
                if c == b'"' {
                    state = State::QuoteInQuoted;
                } else {
                    if c == b'\n' {
                        line += 1;
                    }
                    if !c.is_ascii_whitespace() {
                        field_has_text = true;
                        rec_has_text = true;
                    }
                }
                continue;
            }
            _ => {
                if c == b'\n' {
                    end_field(&mut nonempty, &mut field_has_text);
                    if rec_has_text || fields > 1 {
                        let md_heading = is_md_heading(bytes.get(rec_start..).unwrap_or(&[]));
                        out.records.push(RecordShape {
                            fields,
                            nonempty,
                            line: rec_line,
                            space_led,
                            blank_before,
                            md_heading,
                        });
                        blank_before = false;
                        if max_records > 0 && out.records.len() >= max_records {
                            return out;
                        }
                    } else {
                        blank_before = true;
                    }
                    line += 1;
                    rec_line = line;
                    rec_start = i;
                    space_led = 0;
                    fields = 1;
                    nonempty = 0;
                    rec_has_text = false;
                    state = State::FieldStart;
                } else if c == delim {
                    end_field(&mut nonempty, &mut field_has_text);
                    fields += 1;
                    state = State::FieldStart;
                } else if c == b' ' && state == State::FieldStart && fields > 1 {
                    space_led += 1;
                    state = State::Unquoted;
                } else if c == b'"' && state == State::FieldStart {
                    state = State::Quoted;
                    quote_line = line;
                } else if c == b'"' {
                    out.stray_quotes += 1;
                    field_has_text = true;
                    rec_has_text = true;
                } else if c == b'\r' {
                    // part of a CRLF line end
                } else {
                    if !c.is_ascii_whitespace() {
                        field_has_text = true;
                        rec_has_text = true;
                    }
                    if state == State::FieldStart {
                        state = State::Unquoted;
                    }
                }
            }
        }
    }
    if limit == bytes.len() {
        if state == State::Quoted {
            out.open_quote_line = Some(quote_line);
        }
        end_field(&mut nonempty, &mut field_has_text);
        if rec_has_text || fields > 1 {
            let md_heading = is_md_heading(bytes.get(rec_start..).unwrap_or(&[]));
            out.records.push(RecordShape {
                fields,
                nonempty,
                line: rec_line,
                space_led,
                blank_before,
                md_heading,
            });
        }
    }
    out
}

/// `# Title` .. `###### Title`
fn is_md_heading(rest: &[u8]) -> bool {
    let hashes = rest.iter().take_while(|&&b| b == b'#').count();
    (1..=6).contains(&hashes) && rest.get(hashes) == Some(&b' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_headings_and_gaps_marked() {
        let s = scan("## Plan\n\na, b\tc\n\n\nx,y\n", b',', 0, 0);
        let got: Vec<(bool, bool, usize)> = s
            .records
            .iter()
            .map(|r| (r.md_heading, r.blank_before, r.space_led))
            .collect();
        assert_eq!(
            got,
            vec![(true, false, 0), (false, true, 1), (false, true, 0)]
        );
    }

    fn shapes(text: &str, d: u8) -> Vec<(usize, usize, usize)> {
        scan(text, d, 0, 0)
            .records
            .iter()
            .map(|r| (r.fields, r.nonempty, r.line))
            .collect()
    }

    #[test]
    fn quoted_fields_hold_delimiters_quotes_and_newlines() {
        let t = "Title\n\nRef,Action,Lead\r\n1,\"Plan, agree\nand \"\"sign\"\" off\",Ann\r\n2,,\n";
        assert_eq!(
            shapes(t, b','),
            vec![(1, 1, 1), (3, 3, 3), (3, 3, 4), (3, 1, 6)]
        );
        assert_eq!(scan(t, b',', 0, 0).open_quote_line, None);
    }

    #[test]
    fn unterminated_quote_reported() {
        let s = scan("a,b\n1,\"open\nmore\n", b',', 0, 0);
        assert_eq!(s.open_quote_line, Some(2));
        assert_eq!(s.records.len(), 2);
    }

    #[test]
    fn stray_quotes_counted() {
        assert_eq!(scan("x;\"a,b\"\n", b',', 0, 0).stray_quotes, 2);
        assert_eq!(scan("x;\"a,b\"\n", b';', 0, 0).stray_quotes, 0);
        assert_eq!(scan("\"a\"b,c\n", b',', 0, 0).stray_quotes, 0);
    }

    #[test]
    fn lone_cr_line_ends() {
        assert_eq!(
            shapes("a,b\r1,2\r\r3,4", b','),
            vec![(2, 2, 1), (2, 2, 2), (2, 2, 4)]
        );
    }

    #[test]
    fn limits() {
        let t = "a,b\n".repeat(100);
        assert_eq!(scan(&t, b',', 20, 0).records.len(), 20);
        assert_eq!(scan(&t, b',', 0, 40).records.len(), 10);
    }
}
