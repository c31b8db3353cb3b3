//! HTML pages.

use plansift_model::Document;
use plansift_schema::Format;

use crate::frontend::{Confidence, FrontEnd, FrontEndError, Input, Sniff};

/// `plansift_html`: `.html`/`.htm`/`.xhtml` by name, or text that starts as HTML.
pub struct Html;

/// Does the text start as an HTML page (a doctype, `<html`, or markup with a table)?
fn looks_html(text: &str) -> bool {
    let head: String = text
        .trim_start()
        .chars()
        .take(1024)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || (head.starts_with('<') && head.contains("<table"))
}

impl FrontEnd for Html {
    fn name(&self) -> &'static str {
        "html"
    }

    fn formats(&self) -> &'static [Format] {
        &[Format::Html]
    }

    fn sniff(&self, input: &Input<'_>) -> Option<Sniff> {
        if matches!(input.extension().as_deref(), Some("html" | "htm" | "xhtml")) {
            return Some(Sniff::new(Format::Html, Confidence::Name));
        }
        input
            .text()
            .is_some_and(looks_html)
            .then_some(Sniff::new(Format::Html, Confidence::Content))
    }

    fn read(&self, input: &Input<'_>, _format: Format) -> Result<Document, FrontEndError> {
        super::read_text(input, |text| Ok(plansift_html::parse(text)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_starts() {
        assert!(looks_html("  <!DOCTYPE html><p>x"));
        assert!(looks_html("<HTML>"));
        assert!(looks_html("<div><table>"));
        assert!(!looks_html("text <table>"));
        assert!(!looks_html("<p>no table"));
    }
}
