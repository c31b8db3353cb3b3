//! The positioned view of PDF pages that the PDF text layer (`plansift-pdf`)
//! produces and the PDF table finder (`plansift-pdf-tables`) consumes.
//!
//! All coordinates are in PDF points with the origin at the page's **top-left**
//! corner, y growing downwards (as pdfplumber and `pdftotext -bbox` report them).

use plansift_model::{Diagnostic, Rgb};
use serde::Serialize;

/// `x0, top, x1, bottom` in points from the page's top-left.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct BBox {
    pub x0: f32,
    pub top: f32,
    pub x1: f32,
    pub bottom: f32,
}

impl BBox {
    pub fn new(x0: f32, top: f32, x1: f32, bottom: f32) -> Self {
        BBox {
            x0: x0.min(x1),
            top: top.min(bottom),
            x1: x0.max(x1),
            bottom: top.max(bottom),
        }
    }
    pub fn width(&self) -> f32 {
        self.x1 - self.x0
    }
    pub fn height(&self) -> f32 {
        self.bottom - self.top
    }
    pub fn cx(&self) -> f32 {
        (self.x0 + self.x1) / 2.0
    }
    pub fn cy(&self) -> f32 {
        (self.top + self.bottom) / 2.0
    }
    pub fn union(&self, o: &BBox) -> BBox {
        BBox {
            x0: self.x0.min(o.x0),
            top: self.top.min(o.top),
            x1: self.x1.max(o.x1),
            bottom: self.bottom.max(o.bottom),
        }
    }
    /// The point (x, y) lies inside, with a tolerance.
    pub fn contains_point(&self, x: f32, y: f32, tol: f32) -> bool {
        x >= self.x0 - tol && x <= self.x1 + tol && y >= self.top - tol && y <= self.bottom + tol
    }
    pub fn as_array(&self) -> [f32; 4] {
        [self.x0, self.top, self.x1, self.bottom]
    }
}

/// A word: glyphs of one line with no gap wider than a space between them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Word {
    pub text: String,
    pub bbox: BBox,
    /// Font size in points (after the text matrix and CTM).
    pub size: f32,
    /// The font is bold (by name or weight flags).
    pub bold: bool,
    /// Fill colour of the glyphs.
    pub color: Rgb,
    /// Marked-content id of the innermost marked-content sequence with an MCID, if any.
    pub mcid: Option<i64>,
    /// Index into [`PageLayout::lines`] of the line this word belongs to.
    pub line: usize,
}

/// A text line: words sharing a baseline, in reading order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextLine {
    pub bbox: BBox,
    /// Indices into [`PageLayout::words`].
    pub words: Vec<usize>,
}

/// A ruling line segment: a stroked path segment, or a thin filled rectangle.
/// Always axis-aligned here (diagonal strokes are dropped).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Rule {
    pub x0: f32,
    pub top: f32,
    pub x1: f32,
    pub bottom: f32,
    /// Stroke width (or the thickness of the thin rectangle).
    pub width: f32,
    pub color: Rgb,
}

impl Rule {
    pub fn is_horizontal(&self) -> bool {
        (self.bottom - self.top) <= (self.x1 - self.x0)
    }
}

/// A filled rectangle (a shaded cell, a header band, a RAG colour).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Fill {
    pub bbox: BBox,
    pub color: Rgb,
}

/// One page's positioned content.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PageLayout {
    /// 1-based page number.
    pub page: u32,
    pub width: f32,
    pub height: f32,
    pub words: Vec<Word>,
    pub lines: Vec<TextLine>,
    pub rules: Vec<Rule>,
    pub fills: Vec<Fill>,
}

/// A cell of a table from a tagged PDF's structure tree.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TaggedCell {
    /// `TH` rather than `TD`.
    pub header: bool,
    pub colspan: u16,
    pub rowspan: u16,
    /// The marked content that makes up the cell: (1-based page, MCID).
    pub content: Vec<(u32, i64)>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TaggedRow {
    pub cells: Vec<TaggedCell>,
}

/// A `Table` element of the structure tree (it may span pages).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TaggedTable {
    pub rows: Vec<TaggedRow>,
}

/// Everything the text layer knows of one PDF.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PdfLayout {
    pub pages: Vec<PageLayout>,
    /// Tables from the structure tree, in document order (empty for untagged PDFs).
    pub tagged_tables: Vec<TaggedTable>,
    /// `/Title` from the document information dictionary or XMP, if any.
    pub title: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
}
