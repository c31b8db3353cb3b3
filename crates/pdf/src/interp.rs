//! The content-stream interpreter: graphics and text state, paths and
//! colours, Form XObjects and marked content. It emits positioned glyphs,
//! ruling lines and filled rectangles in device space (points from the page's
//! top-left).

use crate::font::Font;
use crate::lexer::{Lexer, Obj, Token};
use crate::objects::{
    self, as_dict, get, get_array, get_dict, get_name, num, ref_id, resolve, Budget, DecodeError,
};
use lopdf::{Dictionary, Document, Object, ObjectId};
use plansift_layout::{BBox, Fill, Rule};
use plansift_model::{Diagnostic, Level, Prov, Rgb};
use std::collections::HashMap;
use std::time::Instant;

pub type Mat = [f64; 6];

pub const IDENTITY: Mat = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `a` then `b`.
pub fn mul(a: &Mat, b: &Mat) -> Mat {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

pub fn apply(m: &Mat, x: f64, y: f64) -> (f64, f64) {
    (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5])
}

fn apply_delta(m: &Mat, x: f64, y: f64) -> (f64, f64) {
    (x * m[0] + y * m[2], x * m[1] + y * m[3])
}

fn finite(m: &Mat) -> bool {
    m.iter().all(|v| v.is_finite() && v.abs() < 1e9)
}

/// A positioned glyph in device space.
#[derive(Debug, Clone)]
pub struct Glyph {
    /// Range of this glyph's text in [`RawPage::text`].
    pub text: (u32, u32),
    /// Origin (baseline start).
    pub ox: f64,
    pub oy: f64,
    /// Advance vector without character/word spacing.
    pub dx: f64,
    pub dy: f64,
    /// Transformed font size.
    pub size: f64,
    /// 0..=3: text direction (0 = left to right, upright).
    pub rot: u8,
    pub font: u32,
    pub color: Rgb,
    pub mcid: Option<i64>,
    /// Drawn filled and stroked (text rendering mode 2 or 6), as producers
    /// embolden a regular font.
    pub stroked_bold: bool,
    /// The glyph is white space (a word break).
    pub space: bool,
    /// Position of the glyph's code among all codes shown on the page
    /// (dropped ones included): words whose codes are adjacent may merge.
    pub seq: u32,
}

/// Everything the interpreter found on one page.
#[derive(Debug, Default)]
pub struct RawPage {
    /// Codes shown so far (see [`Glyph::seq`]).
    pub seq: u32,
    pub text: String,
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rule>,
    pub fills: Vec<Fill>,
}

#[derive(Debug, Clone)]
enum ColorSpace {
    Gray,
    Rgb,
    Cmyk,
    Lab,
    Indexed {
        base: Box<ColorSpace>,
        hival: usize,
        lookup: Vec<u8>,
    },
    /// Separation/DeviceN: alternate space and, for a Type 2 function, C0/C1/N.
    Tint {
        n: usize,
        alt: Box<ColorSpace>,
        c0: Vec<f64>,
        c1: Vec<f64>,
        exp: f64,
        none: bool,
    },
    Pattern,
}

impl ColorSpace {
    fn components(&self) -> usize {
        match self {
            ColorSpace::Gray | ColorSpace::Indexed { .. } | ColorSpace::Pattern => 1,
            ColorSpace::Rgb | ColorSpace::Lab => 3,
            ColorSpace::Cmyk => 4,
            ColorSpace::Tint { n, .. } => *n,
        }
    }

    fn initial(&self) -> Rgb {
        match self {
            ColorSpace::Indexed { .. } => self.to_rgb(&[0.0]),
            ColorSpace::Tint { .. } => self.to_rgb(&[1.0]),
            ColorSpace::Lab => Rgb(0, 0, 0),
            _ => Rgb(0, 0, 0),
        }
    }

    fn to_rgb(&self, c: &[f64]) -> Rgb {
        let b = |v: f64| (v.clamp(0.0, 1.0) * 255.0).round() as u8;
        let g = |i: usize| c.get(i).copied().unwrap_or(0.0);
        match self {
            ColorSpace::Gray => Rgb(b(g(0)), b(g(0)), b(g(0))),
            ColorSpace::Rgb => Rgb(b(g(0)), b(g(1)), b(g(2))),
            ColorSpace::Cmyk => {
                let k = g(3).clamp(0.0, 1.0);
                Rgb(
                    b((1.0 - g(0)) * (1.0 - k)),
                    b((1.0 - g(1)) * (1.0 - k)),
                    b((1.0 - g(2)) * (1.0 - k)),
                )
            }
            ColorSpace::Lab => {
                let l = (g(0) / 100.0).clamp(0.0, 1.0);
                Rgb(b(l), b(l), b(l))
            }
            ColorSpace::Indexed {
                base,
                hival,
                lookup,
            } => {
                let idx = (g(0).max(0.0) as usize).min(*hival);
                let n = base.components();
                let comps: Vec<f64> = (0..n)
                    .map(|k| lookup.get(idx * n + k).copied().unwrap_or(0) as f64 / 255.0)
                    .collect();
                base.to_rgb(&comps)
            }
            ColorSpace::Tint {
                alt,
                c0,
                c1,
                exp,
                none,
                n,
            } => {
                if *none {
                    return Rgb(255, 255, 255);
                }
                if !c1.is_empty() && c0.len() == c1.len() {
                    let t = g(0).clamp(0.0, 1.0).powf(*exp);
                    let comps: Vec<f64> = c0.iter().zip(c1).map(|(a, b)| a + t * (b - a)).collect();
                    alt.to_rgb(&comps)
                } else {
                    // unknown tint transform: darker with more ink
                    let t = (0..*n).map(g).fold(0.0f64, f64::max).clamp(0.0, 1.0);
                    let v = b(1.0 - t);
                    Rgb(v, v, v)
                }
            }
            ColorSpace::Pattern => Rgb(128, 128, 128),
        }
    }
}

#[derive(Debug, Clone)]
struct GState {
    ctm: Mat,
    fill: Rgb,
    stroke: Rgb,
    fill_cs: ColorSpace,
    stroke_cs: ColorSpace,
    line_width: f64,
    font: Option<u32>,
    font_size: f64,
    char_spacing: f64,
    word_spacing: f64,
    hscale: f64,
    leading: f64,
    rise: f64,
    /// Text rendering mode (Tr).
    render: u8,
    /// Clip as a device-space box [x0, y0, x1, y1].
    clip: [f64; 4],
}

#[derive(Debug, Default)]
struct SubPath {
    pts: Vec<(f64, f64)>,
    /// `curve[i]`: the segment ending at `pts[i]` is a Bézier curve.
    curve: Vec<bool>,
    closed: bool,
}

impl Interp<'_, '_> {
    /// A small filled shape in a saturated colour (see [`MARKER_MAX`]).
    fn marker(&mut self, sp: &SubPath, clip: [f64; 4]) {
        let c = self.gs.fill;
        let (hi, lo) = (c.0.max(c.1).max(c.2), c.0.min(c.1).min(c.2));
        if (hi - lo) < 60 || sp.pts.len() < 3 {
            return;
        }
        let Some(b) = path_bbox(std::slice::from_ref(sp)) else {
            return;
        };
        let b = [
            b[0].max(clip[0]),
            b[1].max(clip[1]),
            b[2].min(clip[2]),
            b[3].min(clip[3]),
        ];
        let (w, h) = (b[2] - b[0], b[3] - b[1]);
        if (3.0..=MARKER_MAX).contains(&w) && (3.0..=MARKER_MAX).contains(&h) {
            self.out.fills.push(Fill {
                bbox: BBox::new(b[0] as f32, b[1] as f32, b[2] as f32, b[3] as f32),
                color: c,
            });
        }
    }
}

/// Groups off in the default optional-content configuration (/D: /OFF, or
/// /BaseState /OFF without /ON).
fn hidden_ocgs(doc: &Document) -> std::collections::HashSet<ObjectId> {
    let mut out = std::collections::HashSet::new();
    let Ok(cat) = doc.catalog() else { return out };
    let Some(ocp) = get_dict(doc, cat, b"OCProperties") else {
        return out;
    };
    let Some(d) = get_dict(doc, ocp, b"D") else {
        return out;
    };
    let ids = |key: &[u8]| -> Vec<ObjectId> {
        get_array(doc, d, key)
            .map(|a| a.iter().filter_map(ref_id).collect())
            .unwrap_or_default()
    };
    if get_name(doc, d, b"BaseState") == Some(b"OFF") {
        let on = ids(b"ON");
        if let Some(all) = get_array(doc, ocp, b"OCGs") {
            out.extend(all.iter().filter_map(ref_id).filter(|g| !on.contains(g)));
        }
    }
    out.extend(ids(b"OFF"));
    out
}

/// Document-wide interpreter context (font cache, budget, diagnostics).
pub struct Ctx<'a> {
    pub doc: &'a Document,
    pub budget: &'a Budget,
    pub deadline: Option<Instant>,
    pub max_form_depth: usize,
    /// Operators interpreted per page at most (Form XObjects included).
    pub max_page_ops: usize,
    pub fonts: Vec<Font>,
    font_keys: HashMap<usize, u32>,
    pub diagnostics: Vec<Diagnostic>,
    diag_counts: HashMap<&'static str, usize>,
    pub timed_out: bool,
    pub bomb: bool,
    /// Characters one glyph may stand for (longer ToUnicode or ActualText is cut).
    pub glyph_chars: usize,
    /// Bytes of text one page may hold (glyphs beyond are dropped).
    pub page_text_bytes: usize,
    /// Glyph text was cut on the page being read (over `glyph_chars`).
    pub glyph_cut: bool,
    /// Glyphs were dropped on the page being read (over `page_text_bytes`).
    pub page_cut: bool,
    /// Decoded Form XObject contents by object id.
    forms: HashMap<ObjectId, std::rc::Rc<Vec<u8>>>,
    /// Optional content groups switched off in the default configuration.
    hidden_ocgs: std::collections::HashSet<ObjectId>,
}

impl<'a> Ctx<'a> {
    pub fn new(
        doc: &'a Document,
        budget: &'a Budget,
        deadline: Option<Instant>,
        max_form_depth: usize,
    ) -> Self {
        Ctx {
            doc,
            budget,
            deadline,
            max_form_depth,
            max_page_ops: usize::MAX,
            fonts: Vec::new(),
            font_keys: HashMap::new(),
            diagnostics: Vec::new(),
            diag_counts: HashMap::new(),
            timed_out: false,
            bomb: false,
            glyph_chars: plansift_model::budget::limits().glyph_chars,
            page_text_bytes: plansift_model::budget::limits().page_chars,
            glyph_cut: false,
            page_cut: false,
            forms: HashMap::new(),
            hidden_ocgs: hidden_ocgs(doc),
        }
    }

    pub fn diag(&mut self, level: Level, code: &'static str, msg: String, page: u32) {
        let n = self.diag_counts.entry(code).or_insert(0);
        *n += 1;
        if *n <= 20 {
            self.diagnostics
                .push(Diagnostic::new(level, code, msg, Some(Prov::page(page))));
        } else if *n == 21 {
            self.diagnostics.push(Diagnostic::new(
                level,
                code,
                format!("more '{code}' diagnostics suppressed"),
                Some(Prov::page(page)),
            ));
        }
    }

    /// An optional-content group or membership dictionary (by reference)
    /// that is off in the default configuration.
    pub fn oc_hidden(&self, o: Option<&Object>) -> bool {
        if self.hidden_ocgs.is_empty() {
            return false;
        }
        let Some(o) = o else { return false };
        if let Some(id) = ref_id(o) {
            if self.hidden_ocgs.contains(&id) {
                return true;
            }
        }
        let Some(d) = as_dict(resolve(self.doc, o)) else {
            return false;
        };
        if get_name(self.doc, d, b"Type") != Some(b"OCMD") {
            return false;
        }
        let groups: Vec<ObjectId> = match d.get(b"OCGs").ok() {
            Some(Object::Array(a)) => a.iter().filter_map(ref_id).collect(),
            Some(o) => ref_id(o).into_iter().collect(),
            None => return false,
        };
        if groups.is_empty() {
            return false;
        }
        let off = |g: &ObjectId| self.hidden_ocgs.contains(g);
        match get_name(self.doc, d, b"P").unwrap_or(b"AnyOn") {
            b"AllOn" => groups.iter().any(off),
            b"AnyOff" => !groups.iter().any(off),
            b"AllOff" => !groups.iter().all(off),
            _ => groups.iter().all(off),
        }
    }

    fn font_index(&mut self, font_obj: &'a Object, page: u32) -> Option<u32> {
        let key = match ref_id(font_obj) {
            Some((n, g)) => ((n as usize) << 16) | g as usize,
            None => font_obj as *const Object as usize | (1usize << 63),
        };
        if let Some(&i) = self.font_keys.get(&key) {
            return Some(i);
        }
        let d = as_dict(resolve(self.doc, font_obj))?;
        let font = Font::load(self.doc, d, self.budget);
        for w in &font.warnings {
            let w = w.clone();
            self.diag(Level::Warning, "pdf.font", w, page);
        }
        let i = self.fonts.len() as u32;
        self.fonts.push(font);
        self.font_keys.insert(key, i);
        Some(i)
    }
}

pub struct Interp<'c, 'a> {
    ctx: &'c mut Ctx<'a>,
    page_no: u32,
    page_w: f64,
    page_h: f64,
    gs: GState,
    stack: Vec<GState>,
    tm: Mat,
    tlm: Mat,
    path: Vec<SubPath>,
    pending_clip: bool,
    /// Marked-content stack: (MCID, hidden optional content).
    mc: Vec<(Option<i64>, bool)>,
    /// The page's base matrix (default user space -> device).
    base: Mat,
    ops: usize,
    too_many_ops: bool,
    /// An open /ActualText span: (marked-content depth, text, first glyph).
    actual: Option<(usize, String, usize)>,
    pub out: RawPage,
    form_stack: Vec<ObjectId>,
}

const MAX_STACK: usize = 256;
const MAX_PATH_POINTS: usize = 1_000_000;

impl<'c, 'a> Interp<'c, 'a> {
    pub fn new(ctx: &'c mut Ctx<'a>, page_no: u32, base: Mat, page_w: f64, page_h: f64) -> Self {
        Interp {
            ctx,
            page_no,
            page_w,
            page_h,
            gs: GState {
                ctm: base,
                fill: Rgb(0, 0, 0),
                stroke: Rgb(0, 0, 0),
                fill_cs: ColorSpace::Gray,
                stroke_cs: ColorSpace::Gray,
                line_width: 1.0,
                font: None,
                font_size: 0.0,
                char_spacing: 0.0,
                word_spacing: 0.0,
                hscale: 1.0,
                leading: 0.0,
                rise: 0.0,
                render: 0,
                clip: [-1.0, -1.0, page_w + 1.0, page_h + 1.0],
            },
            stack: Vec::new(),
            tm: IDENTITY,
            tlm: IDENTITY,
            path: Vec::new(),
            pending_clip: false,
            mc: Vec::new(),
            base,
            ops: 0,
            too_many_ops: false,
            actual: None,
            out: RawPage::default(),
            form_stack: Vec::new(),
        }
    }

    fn diag(&mut self, code: &'static str, msg: String) {
        self.ctx.diag(Level::Warning, code, msg, self.page_no);
    }

    /// Run a content stream with the given resources.
    pub fn run(&mut self, content: &[u8], resources: Option<&'a Dictionary>, depth: usize) {
        let mut lx = Lexer::new(content);
        let mut operands: Vec<Obj> = Vec::with_capacity(16);
        let mut reported_errors = 0;
        while let Some(tok) = lx.next_token() {
            if self.ctx.timed_out || self.ctx.bomb {
                return;
            }
            match tok {
                Token::Operand(o) => {
                    if operands.len() >= 4096 {
                        operands.clear();
                        self.diag("pdf.bad_token", "too many operands; dropped".into());
                    }
                    operands.push(o);
                }
                Token::InlineImage => operands.clear(),
                Token::Op(op) => {
                    self.ops += 1;
                    if self.ops > self.ctx.max_page_ops {
                        if !self.too_many_ops {
                            self.too_many_ops = true;
                            self.diag(
                                "pdf.too_complex",
                                format!(
                                    "page has more than {} operators (Form XObjects included); the rest is skipped",
                                    self.ctx.max_page_ops
                                ),
                            );
                        }
                        return;
                    }
                    if self.ops.is_multiple_of(2048) {
                        if let Some(d) = self.ctx.deadline {
                            if Instant::now() > d {
                                self.ctx.timed_out = true;
                                return;
                            }
                        }
                    }
                    self.op(&op, &operands, resources, depth);
                    operands.clear();
                }
            }
            if lx.errors.len() > reported_errors {
                for &(off, what) in &lx.errors[reported_errors..] {
                    self.ctx.diag(
                        Level::Warning,
                        "pdf.bad_token",
                        format!("content stream byte {off}: {what}; skipped"),
                        self.page_no,
                    );
                }
                reported_errors = lx.errors.len();
            }
        }
        if !self.path.is_empty() && depth == 0 {
            self.path.clear();
        }
        if depth == 0 && self.actual.is_some() {
            self.end_actual_text();
        }
    }

    fn nums<const N: usize>(&mut self, op: &[u8], operands: &[Obj]) -> Option<[f64; N]> {
        if operands.len() < N {
            self.diag(
                "pdf.bad_operands",
                format!(
                    "operator {} needs {N} operands",
                    String::from_utf8_lossy(op)
                ),
            );
            return None;
        }
        let mut out = [0.0; N];
        for (k, o) in operands[operands.len() - N..].iter().enumerate() {
            match o.num() {
                Some(v) => out[k] = v,
                None => {
                    self.diag(
                        "pdf.bad_operands",
                        format!(
                            "operator {} has a non-numeric operand",
                            String::from_utf8_lossy(op)
                        ),
                    );
                    return None;
                }
            }
        }
        Some(out)
    }

    /// Run one operator: a dispatch to the method of its family.
    fn op(&mut self, op: &[u8], a: &[Obj], res: Option<&'a Dictionary>, depth: usize) {
        match op {
            b"q" | b"Q" | b"cm" | b"w" | b"gs" => self.graphics_state_op(op, a, res),
            b"m" | b"l" | b"c" | b"v" | b"y" | b"h" | b"re" => self.path_construction_op(op, a),
            b"W" | b"W*" | b"n" | b"S" | b"s" | b"f" | b"F" | b"f*" | b"B" | b"B*" | b"b"
            | b"b*" => self.path_painting_op(op),
            b"g" | b"G" | b"rg" | b"RG" | b"k" | b"K" | b"cs" | b"CS" | b"sc" | b"scn" | b"SC"
            | b"SCN" => self.colour_op(op, a, res),
            b"Tc" | b"Tw" | b"Tz" | b"TL" | b"Ts" | b"Tr" | b"Tf" => self.text_state_op(op, a, res),
            b"BT" | b"ET" | b"Td" | b"TD" | b"Tm" | b"T*" => self.text_position_op(op, a),
            b"Tj" | b"'" | b"\"" | b"TJ" => self.text_show_op(op, a),
            b"BMC" | b"BDC" | b"EMC" => self.marked_content_op(op, a, res, depth),
            b"Do" | b"sh" => self.xobject_op(op, a, res, depth),
            // accepted and ignored
            b"J" | b"j" | b"M" | b"d" | b"ri" | b"i" | b"d0" | b"d1" | b"MP" | b"DP" | b"BX"
            | b"EX" | b"EI" | b"ID" => {}
            other => self.unknown_op(other),
        }
    }

    fn unknown_op(&mut self, op: &[u8]) {
        let name = String::from_utf8_lossy(op).into_owned();
        self.diag(
            "pdf.bad_token",
            format!("unknown operator '{name}'; skipped"),
        );
    }

    /// `q`, `Q`, `cm`, `w`, `gs`: the graphics state stack, the CTM, the line
    /// width and extended graphics states.
    fn graphics_state_op(&mut self, op: &[u8], a: &[Obj], res: Option<&'a Dictionary>) {
        match op {
            b"q" => {
                if self.stack.len() < MAX_STACK {
                    self.stack.push(self.gs.clone());
                } else {
                    self.diag("pdf.stack", "graphics state stack too deep".into());
                }
            }
            b"Q" => {
                if let Some(g) = self.stack.pop() {
                    self.gs = g;
                }
            }
            b"cm" => {
                if let Some(m) = self.nums::<6>(op, a) {
                    let n = mul(&m, &self.gs.ctm);
                    if finite(&n) {
                        self.gs.ctm = n;
                    }
                }
            }
            b"w" => {
                if let Some([w]) = self.nums::<1>(op, a) {
                    self.gs.line_width = w.abs();
                }
            }
            b"gs" => {
                if let Some(name) = a.last().and_then(Obj::name) {
                    self.set_ext_gstate(name, res);
                }
            }
            other => self.unknown_op(other),
        }
    }

    /// `gs`: the line width and font of an ExtGState resource.
    fn set_ext_gstate(&mut self, name: &[u8], res: Option<&'a Dictionary>) {
        let Some(egs) = res
            .and_then(|r| get_dict(self.ctx.doc, r, b"ExtGState"))
            .and_then(|d| get_dict(self.ctx.doc, d, name))
        else {
            return;
        };
        if let Some(lw) = objects::get_num(self.ctx.doc, egs, b"LW") {
            self.gs.line_width = lw.abs();
        }
        if let Some(Object::Array(fa)) = get(self.ctx.doc, egs, b"Font") {
            if let (Some(f), Some(sz)) = (
                fa.first(),
                fa.get(1).and_then(|o| num(resolve(self.ctx.doc, o))),
            ) {
                self.gs.font = self.ctx.font_index(f, self.page_no);
                self.gs.font_size = sz;
            }
        }
    }

    /// `m`, `l`, `c`, `v`, `y`, `h`, `re`: path construction (in device space).
    fn path_construction_op(&mut self, op: &[u8], a: &[Obj]) {
        match op {
            b"m" => {
                if let Some([x, y]) = self.nums::<2>(op, a) {
                    let p = apply(&self.gs.ctm, x, y);
                    if self.path.last().is_some_and(|s| s.pts.len() == 1) {
                        self.path.pop();
                    }
                    self.push_subpath(p);
                }
            }
            b"l" => {
                if let Some([x, y]) = self.nums::<2>(op, a) {
                    let p = apply(&self.gs.ctm, x, y);
                    self.line_to(p, false);
                }
            }
            b"c" | b"v" | b"y" => {
                let n = if op == b"c" { 6 } else { 4 };
                if a.len() >= n {
                    if let (Some(x), Some(y)) = (a[a.len() - 2].num(), a[a.len() - 1].num()) {
                        let p = apply(&self.gs.ctm, x, y);
                        self.line_to(p, true);
                    }
                }
            }
            b"h" => self.close_last(),
            b"re" => {
                if let Some([x, y, w, h]) = self.nums::<4>(op, a) {
                    self.rectangle(x, y, w, h);
                }
            }
            other => self.unknown_op(other),
        }
    }

    /// `re`: a closed four-point subpath.
    fn rectangle(&mut self, x: f64, y: f64, w: f64, h: f64) {
        let m = self.gs.ctm;
        let pts = [
            apply(&m, x, y),
            apply(&m, x + w, y),
            apply(&m, x + w, y + h),
            apply(&m, x, y + h),
        ];
        if self.path.iter().map(|s| s.pts.len()).sum::<usize>() < MAX_PATH_POINTS {
            self.path.push(SubPath {
                pts: pts.to_vec(),
                curve: vec![false; 4],
                closed: true,
            });
        }
    }

    /// `W`, `W*` (clip) and the path-painting operators.
    fn path_painting_op(&mut self, op: &[u8]) {
        match op {
            b"W" | b"W*" => self.pending_clip = true,
            b"n" => self.end_path(false, false),
            b"S" => self.end_path(false, true),
            b"s" => {
                self.close_last();
                self.end_path(false, true)
            }
            b"f" | b"F" | b"f*" => self.end_path(true, false),
            b"B" | b"B*" => self.end_path(true, true),
            b"b" | b"b*" => {
                self.close_last();
                self.end_path(true, true)
            }
            other => self.unknown_op(other),
        }
    }

    /// Colour operators: device colours (`g`, `rg`, `k` and their stroking
    /// forms), colour spaces (`cs`, `CS`) and colours in them (`sc`, `scn`...).
    fn colour_op(&mut self, op: &[u8], a: &[Obj], res: Option<&'a Dictionary>) {
        match op {
            b"g" | b"G" | b"rg" | b"RG" | b"k" | b"K" => self.set_device_colour(op, a),
            b"cs" | b"CS" => {
                if let Some(name) = a.last().and_then(Obj::name) {
                    let cs = self.color_space_by_name(name, res);
                    let init = cs.initial();
                    if op == b"cs" {
                        self.gs.fill_cs = cs;
                        self.gs.fill = init;
                    } else {
                        self.gs.stroke_cs = cs;
                        self.gs.stroke = init;
                    }
                }
            }
            b"sc" | b"scn" | b"SC" | b"SCN" => self.set_colour(op, a, res),
            other => self.unknown_op(other),
        }
    }

    /// `g`, `G`, `rg`, `RG`, `k`, `K`: a colour and its device colour space.
    fn set_device_colour(&mut self, op: &[u8], a: &[Obj]) {
        let (cs, n) = match op {
            b"g" | b"G" => (ColorSpace::Gray, 1),
            b"rg" | b"RG" => (ColorSpace::Rgb, 3),
            _ => (ColorSpace::Cmyk, 4),
        };
        let vals: Vec<f64> = a.iter().rev().take(n).rev().filter_map(Obj::num).collect();
        if vals.len() != n {
            self.diag(
                "pdf.bad_operands",
                format!("operator {} needs {n} numbers", String::from_utf8_lossy(op)),
            );
            return;
        }
        let rgb = cs.to_rgb(&vals);
        if op[0].is_ascii_lowercase() {
            self.gs.fill = rgb;
            self.gs.fill_cs = cs;
        } else {
            self.gs.stroke = rgb;
            self.gs.stroke_cs = cs;
        }
    }

    /// `sc`, `scn`, `SC`, `SCN`: a colour in the current colour space (a
    /// shading pattern gives its colour half-way).
    fn set_colour(&mut self, op: &[u8], a: &[Obj], res: Option<&'a Dictionary>) {
        let fill = op[0] == b's';
        let cs = if fill {
            &self.gs.fill_cs
        } else {
            &self.gs.stroke_cs
        };
        let vals: Vec<f64> = a.iter().filter_map(Obj::num).collect();
        let rgb = if matches!(cs, ColorSpace::Pattern) {
            // a shading pattern: its colour half-way
            let doc = self.ctx.doc;
            let pat = a.last().and_then(Obj::name).and_then(|n| {
                res.and_then(|r| get_dict(doc, r, b"Pattern"))
                    .and_then(|p| get_dict(doc, p, n))
            });
            pat.and_then(|p| get_dict(doc, p, b"Shading"))
                .and_then(|sh| self.shading_colour(sh))
                .unwrap_or(Rgb(128, 128, 128))
        } else {
            let n = cs.components();
            let v = if vals.len() >= n {
                &vals[vals.len() - n..]
            } else {
                &vals[..]
            };
            cs.to_rgb(v)
        };
        if fill {
            self.gs.fill = rgb;
        } else {
            self.gs.stroke = rgb;
        }
    }

    /// Text state: `Tc`, `Tw`, `Tz`, `TL`, `Ts`, `Tr`, `Tf`.
    fn text_state_op(&mut self, op: &[u8], a: &[Obj], res: Option<&'a Dictionary>) {
        if op == b"Tf" {
            self.set_font(a, res);
            return;
        }
        let Some([v]) = self.nums::<1>(op, a) else {
            return;
        };
        match op {
            b"Tc" => self.gs.char_spacing = v,
            b"Tw" => self.gs.word_spacing = v,
            b"Tz" => self.gs.hscale = v / 100.0,
            b"TL" => self.gs.leading = v,
            b"Ts" => self.gs.rise = v,
            b"Tr" => self.gs.render = v.clamp(0.0, 7.0) as u8,
            other => self.unknown_op(other),
        }
    }

    /// `Tf`: a font resource and size.
    fn set_font(&mut self, a: &[Obj], res: Option<&'a Dictionary>) {
        let name_size = match a {
            [.., n, s] => n.name().zip(s.num()),
            _ => None,
        };
        let Some((name, size)) = name_size else {
            self.diag("pdf.bad_operands", "Tf needs a font name and a size".into());
            return;
        };
        self.gs.font_size = size;
        let doc = self.ctx.doc;
        let fobj = res
            .and_then(|r| get_dict(doc, r, b"Font"))
            .and_then(|fd| fd.get(name).ok());
        match fobj {
            Some(o) => self.gs.font = self.ctx.font_index(o, self.page_no),
            None => {
                self.gs.font = None;
                self.diag(
                    "pdf.font",
                    format!(
                        "font /{} not found in resources",
                        String::from_utf8_lossy(name)
                    ),
                );
            }
        }
    }

    /// Text objects and positioning: `BT`, `ET`, `Td`, `TD`, `Tm`, `T*`.
    fn text_position_op(&mut self, op: &[u8], a: &[Obj]) {
        match op {
            b"BT" => {
                self.tm = IDENTITY;
                self.tlm = IDENTITY;
            }
            b"ET" => {}
            b"Td" | b"TD" => {
                if let Some([tx, ty]) = self.nums::<2>(op, a) {
                    if op == b"TD" {
                        self.gs.leading = -ty;
                    }
                    self.tlm = mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &self.tlm);
                    self.tm = self.tlm;
                }
            }
            b"Tm" => {
                if let Some(m) = self.nums::<6>(op, a) {
                    if finite(&m) {
                        self.tlm = m;
                        self.tm = m;
                    }
                }
            }
            b"T*" => self.next_line(),
            other => self.unknown_op(other),
        }
    }

    /// Text showing: `Tj`, `'`, `"`, `TJ`.
    fn text_show_op(&mut self, op: &[u8], a: &[Obj]) {
        match op {
            b"Tj" => match a.last() {
                Some(Obj::Str(s)) => self.show(s),
                _ => self.diag("pdf.bad_operands", "Tj needs a string".into()),
            },
            b"'" => {
                self.next_line();
                if let Some(Obj::Str(s)) = a.last() {
                    self.show(s);
                }
            }
            b"\"" => {
                if a.len() >= 3 {
                    if let (Some(aw), Some(ac)) = (a[a.len() - 3].num(), a[a.len() - 2].num()) {
                        self.gs.word_spacing = aw;
                        self.gs.char_spacing = ac;
                    }
                }
                self.next_line();
                if let Some(Obj::Str(s)) = a.last() {
                    self.show(s);
                }
            }
            b"TJ" => match a.last() {
                Some(Obj::Arr(items)) => self.show_array(items),
                _ => self.diag("pdf.bad_operands", "TJ needs an array".into()),
            },
            other => self.unknown_op(other),
        }
    }

    /// `TJ`: strings shown, numbers moving the text position back (in
    /// thousandths of the font size).
    fn show_array(&mut self, items: &[Obj]) {
        for it in items {
            match it {
                Obj::Str(s) => self.show(s),
                Obj::Num(n) => {
                    let tx = -n / 1000.0 * self.gs.font_size * self.gs.hscale;
                    self.tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &self.tm);
                }
                _ => {}
            }
        }
    }

    /// Marked content: `BMC`, `BDC`, `EMC` (MCIDs, hidden optional content,
    /// /ActualText spans).
    fn marked_content_op(
        &mut self,
        op: &[u8],
        a: &[Obj],
        res: Option<&'a Dictionary>,
        depth: usize,
    ) {
        match op {
            b"BMC" => {
                if self.mc.len() < 1024 {
                    self.mc.push((None, false))
                }
            }
            b"BDC" => self.begin_marked_content(a, res, depth),
            b"EMC" => {
                self.mc.pop();
                if self.actual.as_ref().is_some_and(|a| a.0 >= self.mc.len()) {
                    self.end_actual_text();
                }
            }
            other => self.unknown_op(other),
        }
    }

    /// `BDC`: a marked-content sequence with properties.
    fn begin_marked_content(&mut self, a: &[Obj], res: Option<&'a Dictionary>, depth: usize) {
        // MCIDs inside a Form XObject belong to the form's own
        // structure (reached through /Stm), not to the page's: only
        // page-level sequences give words their MCID.
        let mcid = if depth > 0 {
            None
        } else {
            self.marked_content_id(a.last(), res)
        };
        // optional content (/OC /name BDC) that is switched off
        let hidden = a.len() >= 2
            && a[a.len() - 2].name() == Some(b"OC")
            && match a.last() {
                Some(Obj::Name(n)) => {
                    let doc = self.ctx.doc;
                    let raw = res
                        .and_then(|r| get_dict(doc, r, b"Properties"))
                        .and_then(|p| p.get(n).ok());
                    self.ctx.oc_hidden(raw)
                }
                _ => false,
            };
        // /ActualText replaces the text of the glyphs in its span
        if self.actual.is_none() {
            if let Some(t) = self.actual_text(a.last(), res) {
                self.actual = Some((self.mc.len(), t, self.out.glyphs.len()));
            }
        }
        if self.mc.len() < 1024 {
            self.mc.push((mcid, hidden));
        }
    }

    /// The /MCID of `BDC` properties, inline or a /Properties resource.
    fn marked_content_id(&self, props: Option<&Obj>, res: Option<&'a Dictionary>) -> Option<i64> {
        match props {
            Some(d @ Obj::Dict(_)) => d.dict_get(b"MCID").and_then(Obj::num).map(|v| v as i64),
            Some(Obj::Name(n)) => res
                .and_then(|r| get_dict(self.ctx.doc, r, b"Properties"))
                .and_then(|p| get_dict(self.ctx.doc, p, n))
                .and_then(|d| objects::get_num(self.ctx.doc, d, b"MCID"))
                .map(|v| v as i64),
            _ => None,
        }
    }

    /// The /ActualText of `BDC` properties, inline or a /Properties resource.
    fn actual_text(&self, props: Option<&Obj>, res: Option<&'a Dictionary>) -> Option<String> {
        let doc = self.ctx.doc;
        match props {
            Some(d @ Obj::Dict(_)) => match d.dict_get(b"ActualText") {
                Some(Obj::Str(t)) => Some(crate::text_string(t)),
                _ => None,
            },
            Some(Obj::Name(n)) => res
                .and_then(|r| get_dict(doc, r, b"Properties"))
                .and_then(|p| get_dict(doc, p, n))
                .and_then(|d| get(doc, d, b"ActualText"))
                .and_then(|o| o.as_str().ok())
                .map(crate::text_string),
            _ => None,
        }
    }

    /// `Do` (an XObject) and `sh` (a shading over the clip).
    fn xobject_op(&mut self, op: &[u8], a: &[Obj], res: Option<&'a Dictionary>, depth: usize) {
        match op {
            b"Do" => {
                if let Some(name) = a.last().and_then(Obj::name) {
                    self.do_xobject(name, res, depth);
                }
            }
            b"sh" => self.paint_shading(a, res),
            other => self.unknown_op(other),
        }
    }

    /// `sh`: a shading painted over the clip is a fill of its mid colour when
    /// the clip is a shape smaller than the page.
    fn paint_shading(&mut self, a: &[Obj], res: Option<&'a Dictionary>) {
        let doc = self.ctx.doc;
        let sh = a.last().and_then(Obj::name).and_then(|n| {
            res.and_then(|r| get_dict(doc, r, b"Shading"))
                .and_then(|d| get_dict(doc, d, n))
        });
        let c = self.gs.clip;
        let (w, h) = (c[2] - c[0], c[3] - c[1]);
        if w > 0.0
            && h > 0.0
            && w * h < 0.9 * self.page_w * self.page_h
            && !self.mc.iter().any(|m| m.1)
        {
            if let Some(color) = sh.and_then(|d| self.shading_colour(d)) {
                self.out.fills.push(Fill {
                    bbox: BBox::new(c[0] as f32, c[1] as f32, c[2] as f32, c[3] as f32),
                    color,
                });
            }
        }
    }

    /// Close an /ActualText span: its glyphs give way to the replacement
    /// text, one glyph laid over the span from the first glyph's origin to
    /// the last glyph's advance (as poppler does, white space inside it
    /// included).
    fn end_actual_text(&mut self) {
        let Some((_, text, start)) = self.actual.take() else {
            return;
        };
        if start >= self.out.glyphs.len() {
            return;
        }
        let spanned: Vec<Glyph> = self.out.glyphs.drain(start..).collect();
        let (Some(first), Some(last)) = (spanned.first(), spanned.last()) else {
            return;
        };
        let text = crate::font::normalise_text(&text);
        if text.is_empty() {
            return;
        }
        // ActualText stands for the span's glyphs: as much as they may stand for
        let most = self.ctx.glyph_chars.saturating_mul(spanned.len().max(1));
        let text = plansift_model::budget::cut_chars(&text, most).to_string();
        if self.out.text.len() + text.len() > self.ctx.page_text_bytes {
            self.ctx.page_cut = true;
            return;
        }
        let st = self.out.text.len() as u32;
        self.out.text.push_str(&text);
        let en = self.out.text.len() as u32;
        self.out.glyphs.push(Glyph {
            text: (st, en),
            dx: last.ox + last.dx - first.ox,
            dy: last.oy + last.dy - first.oy,
            space: text.chars().all(char::is_whitespace),
            ..first.clone()
        });
    }

    fn push_subpath(&mut self, p: (f64, f64)) {
        if self.path.iter().map(|s| s.pts.len()).sum::<usize>() >= MAX_PATH_POINTS {
            return;
        }
        self.path.push(SubPath {
            pts: vec![p],
            curve: vec![false],
            closed: false,
        });
    }

    fn line_to(&mut self, p: (f64, f64), curve: bool) {
        match self.path.last_mut() {
            Some(s) if !s.closed && s.pts.len() < MAX_PATH_POINTS => {
                s.pts.push(p);
                s.curve.push(curve);
            }
            Some(s) if s.closed => {
                // after h, a new subpath starts at the closed one's start point
                let start = s.pts[0];
                self.push_subpath(start);
                if let Some(s) = self.path.last_mut() {
                    s.pts.push(p);
                    s.curve.push(curve);
                }
            }
            _ => self.push_subpath(p),
        }
    }

    fn close_last(&mut self) {
        if let Some(s) = self.path.last_mut() {
            s.closed = true;
        }
    }

    fn next_line(&mut self) {
        self.tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -self.gs.leading], &self.tlm);
        self.tm = self.tlm;
    }

    /// A shading's colour half-way through its function (Type 2
    /// exponential or Type 3 stitching functions; others unknown).
    fn shading_colour(&mut self, sh: &'a Dictionary) -> Option<Rgb> {
        let doc = self.ctx.doc;
        let cs = self.color_space(sh.get(b"ColorSpace").ok()?, 0);
        let comps = match get(doc, sh, b"Function")? {
            Object::Array(fs) => {
                let mut v = Vec::new();
                for f in fs.iter().take(8) {
                    v.extend(eval_function(doc, as_dict(resolve(doc, f))?, 0.5, 0)?);
                }
                v
            }
            o => eval_function(doc, as_dict(o)?, 0.5, 0)?,
        };
        Some(cs.to_rgb(&comps))
    }

    fn color_space_by_name(&mut self, name: &[u8], res: Option<&'a Dictionary>) -> ColorSpace {
        match name {
            b"DeviceGray" | b"G" | b"CalGray" => return ColorSpace::Gray,
            b"DeviceRGB" | b"RGB" | b"CalRGB" => return ColorSpace::Rgb,
            b"DeviceCMYK" | b"CMYK" => return ColorSpace::Cmyk,
            b"Pattern" => return ColorSpace::Pattern,
            _ => {}
        }
        let doc = self.ctx.doc;
        match res
            .and_then(|r| get_dict(doc, r, b"ColorSpace"))
            .and_then(|d| get(doc, d, name))
        {
            Some(o) => self.color_space(o, 0),
            None => {
                self.diag(
                    "pdf.colorspace",
                    format!(
                        "colour space /{} not found; using DeviceGray",
                        String::from_utf8_lossy(name)
                    ),
                );
                ColorSpace::Gray
            }
        }
    }

    fn color_space(&mut self, o: &Object, depth: usize) -> ColorSpace {
        let doc = self.ctx.doc;
        if depth > 4 {
            return ColorSpace::Gray;
        }
        match resolve(doc, o) {
            Object::Name(n) => match n.as_slice() {
                b"DeviceRGB" | b"CalRGB" => ColorSpace::Rgb,
                b"DeviceCMYK" => ColorSpace::Cmyk,
                b"Pattern" => ColorSpace::Pattern,
                _ => ColorSpace::Gray,
            },
            Object::Array(arr) => {
                let kind = arr
                    .first()
                    .map(|o| resolve(doc, o))
                    .and_then(|o| o.as_name().ok())
                    .unwrap_or(b"");
                match kind {
                    b"ICCBased" => {
                        let n = arr
                            .get(1)
                            .map(|o| resolve(doc, o))
                            .and_then(as_dict)
                            .and_then(|d| objects::get_num(doc, d, b"N"))
                            .unwrap_or(3.0);
                        match n as i64 {
                            1 => ColorSpace::Gray,
                            4 => ColorSpace::Cmyk,
                            _ => ColorSpace::Rgb,
                        }
                    }
                    b"CalRGB" => ColorSpace::Rgb,
                    b"CalGray" => ColorSpace::Gray,
                    b"Lab" => ColorSpace::Lab,
                    b"Pattern" => ColorSpace::Pattern,
                    b"Indexed" | b"I" => {
                        let base = arr
                            .get(1)
                            .map(|b| self.color_space(b, depth + 1))
                            .unwrap_or(ColorSpace::Rgb);
                        let hival = arr
                            .get(2)
                            .and_then(|o| num(resolve(doc, o)))
                            .unwrap_or(0.0)
                            .clamp(0.0, 255.0) as usize;
                        let lookup = match arr.get(3).map(|o| resolve(doc, o)) {
                            Some(Object::String(s, _)) => s.clone(),
                            Some(Object::Stream(s)) => {
                                self.ctx.budget.decode(s).unwrap_or_default()
                            }
                            _ => Vec::new(),
                        };
                        ColorSpace::Indexed {
                            base: Box::new(base),
                            hival,
                            lookup,
                        }
                    }
                    b"Separation" | b"DeviceN" => {
                        let n = if kind == b"DeviceN" {
                            match arr.get(1).map(|o| resolve(doc, o)) {
                                Some(Object::Array(names)) => names.len().max(1),
                                _ => 1,
                            }
                        } else {
                            1
                        };
                        let none = matches!(arr.get(1).map(|o| resolve(doc, o)), Some(Object::Name(x)) if x == b"None");
                        let alt = arr
                            .get(2)
                            .map(|b| self.color_space(b, depth + 1))
                            .unwrap_or(ColorSpace::Gray);
                        let (mut c0, mut c1, mut exp) = (Vec::new(), Vec::new(), 1.0);
                        if n == 1 {
                            if let Some(fd) = arr.get(3).map(|o| resolve(doc, o)).and_then(as_dict)
                            {
                                if objects::get_num(doc, fd, b"FunctionType") == Some(2.0) {
                                    c0 = get_array(doc, fd, b"C0")
                                        .map(|a| objects::nums(doc, a))
                                        .unwrap_or_else(|| vec![0.0]);
                                    c1 = get_array(doc, fd, b"C1")
                                        .map(|a| objects::nums(doc, a))
                                        .unwrap_or_else(|| vec![1.0]);
                                    exp = objects::get_num(doc, fd, b"N").unwrap_or(1.0);
                                }
                            }
                        }
                        ColorSpace::Tint {
                            n,
                            alt: Box::new(alt),
                            c0,
                            c1,
                            exp,
                            none,
                        }
                    }
                    _ => ColorSpace::Rgb,
                }
            }
            _ => ColorSpace::Gray,
        }
    }

    fn show(&mut self, s: &[u8]) {
        let Some(fi) = self.gs.font else {
            if !s.is_empty() {
                self.diag(
                    "pdf.font",
                    "text shown with no font selected; skipped".into(),
                );
            }
            return;
        };
        let fs = self.gs.font_size;
        let th = self.gs.hscale;
        let tc = self.gs.char_spacing;
        let tw = self.gs.word_spacing;
        let rise = self.gs.rise;
        let ctm = self.gs.ctm;
        // stroke-only text shows the stroke colour
        let color = if matches!(self.gs.render, 1 | 5) {
            self.gs.stroke
        } else {
            self.gs.fill
        };
        let stroked_bold = matches!(self.gs.render, 2 | 6) && self.gs.line_width > 0.0;
        let mcid = self.mc.iter().rev().find_map(|m| m.0);
        let visible = !self.mc.iter().any(|m| m.1);
        let (page_w, page_h) = (self.page_w, self.page_h);
        let mut tm = self.tm;
        let out = &mut self.out;
        let (glyph_chars, page_bytes) = (self.ctx.glyph_chars, self.ctx.page_text_bytes);
        let (mut glyph_cut, mut page_cut) = (false, false);
        let Some(font) = self.ctx.fonts.get_mut(fi as usize) else {
            return;
        };
        let size_scale = font.size_scale;
        font.for_each_glyph(s, |g| {
            let m = mul(&tm, &ctm);
            // poppler's transformed font size and text direction
            let fm = [m[0] * fs, m[1] * fs, m[2] * fs, m[3] * fs];
            let size = (fm[2] * fm[2] + fm[3] * fm[3]).sqrt() * size_scale;
            let seq = out.seq;
            out.seq = out.seq.wrapping_add(1);
            let rot = if (fm[0] * fm[3]).abs() > (fm[1] * fm[2]).abs() {
                if fm[0] > 0.0 || fm[3] < 0.0 {
                    0
                } else {
                    2
                }
            } else if fm[2] > 0.0 {
                1
            } else {
                3
            };
            let (ox, oy) = apply(&m, 0.0, rise);
            let (dx, dy) = apply_delta(&m, g.width * fs * th, 0.0);
            let inside = !(ox + dx < 0.0 || ox > page_w || oy + dy < 0.0 || oy > page_h);
            if inside
                && visible
                && ox.is_finite()
                && oy.is_finite()
                && size.is_finite()
                && out.glyphs.len() < 2_000_000
                && !page_cut
            {
                let gt = plansift_model::budget::cut_chars(g.text, glyph_chars);
                glyph_cut |= gt.len() < g.text.len();
                if out.text.len() + gt.len() > page_bytes {
                    page_cut = true;
                    return;
                }
                let start = out.text.len() as u32;
                out.text.push_str(gt);
                let end = out.text.len() as u32;
                let space = gt.chars().all(char::is_whitespace) && !gt.is_empty();
                out.glyphs.push(Glyph {
                    text: (start, end),
                    ox,
                    oy,
                    dx,
                    dy,
                    size,
                    rot,
                    font: fi,
                    color,
                    mcid,
                    stroked_bold,
                    space,
                    seq,
                });
            }
            let adv = (g.width * fs + tc + if g.is_space_code { tw } else { 0.0 }) * th;
            tm = mul(&[1.0, 0.0, 0.0, 1.0, adv, 0.0], &tm);
        });
        self.tm = tm;
        self.ctx.glyph_cut |= glyph_cut;
        self.ctx.page_cut |= page_cut;
    }

    fn do_xobject(&mut self, name: &[u8], res: Option<&'a Dictionary>, depth: usize) {
        let doc = self.ctx.doc;
        let Some(xo_dict) = res.and_then(|r| get_dict(doc, r, b"XObject")) else {
            return;
        };
        let Ok(raw) = xo_dict.get(name) else { return };
        let id = ref_id(raw);
        let Object::Stream(stream) = resolve(doc, raw) else {
            return;
        };
        if get_name(doc, &stream.dict, b"Subtype") != Some(b"Form") {
            return;
        }
        if self.ctx.oc_hidden(stream.dict.get(b"OC").ok()) {
            return;
        }
        let m = get_array(doc, &stream.dict, b"Matrix").map(|a| objects::nums(doc, a));
        let ctm = match m {
            Some(m) if m.len() == 6 => mul(&[m[0], m[1], m[2], m[3], m[4], m[5]], &self.gs.ctm),
            _ => self.gs.ctm,
        };
        self.run_form(id, stream, ctm, res, depth);
    }

    /// Run a form's content with the given CTM (its /Matrix applied).
    fn run_form(
        &mut self,
        id: Option<ObjectId>,
        stream: &'a lopdf::Stream,
        ctm: Mat,
        res: Option<&'a Dictionary>,
        depth: usize,
    ) {
        let doc = self.ctx.doc;
        if depth + 1 > self.ctx.max_form_depth {
            self.diag(
                "pdf.form_depth",
                format!(
                    "Form XObject nesting deeper than {}; skipped",
                    self.ctx.max_form_depth
                ),
            );
            return;
        }
        if let Some(id) = id {
            if self.form_stack.contains(&id) {
                self.diag(
                    "pdf.form_cycle",
                    "Form XObject draws itself; skipped".into(),
                );
                return;
            }
        }
        // a form drawn many times (a logo on every page, a tick box) is
        // decoded once
        let cached = id.and_then(|id| self.ctx.forms.get(&id).cloned());
        let content = match cached {
            Some(c) => c,
            None => match self.ctx.budget.decode(stream) {
                Ok(c) => {
                    let c = std::rc::Rc::new(c);
                    if let Some(id) = id {
                        self.ctx.forms.insert(id, c.clone());
                    }
                    c
                }
                Err(DecodeError::Exceeded) => {
                    self.ctx.bomb = true;
                    return;
                }
                Err(DecodeError::Failed) => {
                    self.diag(
                        "pdf.stream",
                        "a Form XObject's stream could not be decoded; skipped".into(),
                    );
                    return;
                }
            },
        };
        let saved = (
            self.gs.clone(),
            self.stack.len(),
            self.mc.len(),
            std::mem::take(&mut self.path),
        );
        if finite(&ctm) {
            self.gs.ctm = ctm;
        }
        let form_res = get_dict(doc, &stream.dict, b"Resources").or(res);
        if let Some(id) = id {
            self.form_stack.push(id);
        }
        self.run(&content, form_res, depth + 1);
        if id.is_some() {
            self.form_stack.pop();
        }
        self.gs = saved.0;
        self.stack.truncate(saved.1);
        self.mc.truncate(saved.2);
        self.path = saved.3;
    }

    /// Draw the page's annotations' normal appearances (as viewers and
    /// pdftotext do): each appearance form is mapped onto the annotation's
    /// /Rect. Hidden and NoView annotations are skipped.
    pub fn draw_annotations(&mut self, page: &'a Dictionary) {
        let doc = self.ctx.doc;
        let Some(annots) = get_array(doc, page, b"Annots") else {
            return;
        };
        for a in annots.iter().take(10_000) {
            if self.ctx.timed_out || self.ctx.bomb {
                return;
            }
            let Some(ad) = as_dict(resolve(doc, a)) else {
                continue;
            };
            let flags = objects::get_num(doc, ad, b"F").unwrap_or(0.0) as i64;
            if flags & (2 | 32) != 0 || self.ctx.oc_hidden(ad.get(b"OC").ok()) {
                continue;
            }
            let Some(ap) = get_dict(doc, ad, b"AP") else {
                continue;
            };
            let Ok(n_raw) = ap.get(b"N") else { continue };
            let (id, stream) = match resolve(doc, n_raw) {
                Object::Stream(s) => (ref_id(n_raw), s),
                Object::Dictionary(states) => {
                    let Some(state) = get_name(doc, ad, b"AS") else {
                        continue;
                    };
                    let Ok(raw) = states.get(state) else { continue };
                    match resolve(doc, raw) {
                        Object::Stream(s) => (ref_id(raw), s),
                        _ => continue,
                    }
                }
                _ => continue,
            };
            let Some(rect) = get_array(doc, ad, b"Rect").map(|r| objects::nums(doc, r)) else {
                continue;
            };
            let Some(bbox) = get_array(doc, &stream.dict, b"BBox").map(|r| objects::nums(doc, r))
            else {
                continue;
            };
            if rect.len() != 4 || bbox.len() != 4 {
                continue;
            }
            let fm: Mat =
                match get_array(doc, &stream.dict, b"Matrix").map(|a| objects::nums(doc, a)) {
                    Some(m) if m.len() == 6 => [m[0], m[1], m[2], m[3], m[4], m[5]],
                    _ => IDENTITY,
                };
            // the form's bbox after its matrix, then mapped onto /Rect
            let corners = [
                (bbox[0], bbox[1]),
                (bbox[2], bbox[1]),
                (bbox[0], bbox[3]),
                (bbox[2], bbox[3]),
            ]
            .map(|(x, y)| apply(&fm, x, y));
            let bx0 = corners.iter().map(|c| c.0).fold(f64::INFINITY, f64::min);
            let bx1 = corners
                .iter()
                .map(|c| c.0)
                .fold(f64::NEG_INFINITY, f64::max);
            let by0 = corners.iter().map(|c| c.1).fold(f64::INFINITY, f64::min);
            let by1 = corners
                .iter()
                .map(|c| c.1)
                .fold(f64::NEG_INFINITY, f64::max);
            let (rx0, rx1) = (rect[0].min(rect[2]), rect[0].max(rect[2]));
            let (ry0, ry1) = (rect[1].min(rect[3]), rect[1].max(rect[3]));
            if bx1 - bx0 <= 0.0 || by1 - by0 <= 0.0 {
                continue;
            }
            let sx = (rx1 - rx0) / (bx1 - bx0);
            let sy = (ry1 - ry0) / (by1 - by0);
            let a_m: Mat = [sx, 0.0, 0.0, sy, rx0 - bx0 * sx, ry0 - by0 * sy];
            let ctm = mul(&mul(&fm, &a_m), &self.base);
            self.stack.clear();
            self.mc.clear();
            self.tm = IDENTITY;
            self.tlm = IDENTITY;
            self.run_form(id, stream, ctm, None, 0);
        }
    }

    /// Paint (or just end) the current path.
    fn end_path(&mut self, fill: bool, stroke: bool) {
        let path = std::mem::take(&mut self.path);
        if self.mc.iter().any(|m| m.1) {
            return;
        }
        if self.pending_clip {
            self.pending_clip = false;
            if let Some(b) = path_bbox(&path) {
                let c = &mut self.gs.clip;
                *c = [
                    c[0].max(b[0]),
                    c[1].max(b[1]),
                    c[2].min(b[2]),
                    c[3].min(b[3]),
                ];
            }
        }
        let clip = self.gs.clip;
        if clip[0] > clip[2] || clip[1] > clip[3] {
            return;
        }
        if fill {
            for sp in &path {
                let Some(r) = as_rect(sp) else {
                    self.marker(sp, clip);
                    continue;
                };
                let r = [
                    r[0].max(clip[0]),
                    r[1].max(clip[1]),
                    r[2].min(clip[2]),
                    r[3].min(clip[3]),
                ];
                let (w, h) = (r[2] - r[0], r[3] - r[1]);
                if w <= 0.0 || h <= 0.0 || (w < 0.01 && h < 0.01) {
                    continue;
                }
                let color = self.gs.fill;
                if w.min(h) <= THIN_RECT {
                    self.out.rules.push(Rule {
                        x0: r[0] as f32,
                        top: r[1] as f32,
                        x1: r[2] as f32,
                        bottom: r[3] as f32,
                        width: w.min(h) as f32,
                        color,
                    });
                } else {
                    // A white fill covering (almost) the whole page is the page
                    // background, not content: dropped.
                    let white = color.0 >= 250 && color.1 >= 250 && color.2 >= 250;
                    if white && w * h >= 0.9 * self.page_w * self.page_h {
                        continue;
                    }
                    self.out.fills.push(Fill {
                        bbox: BBox::new(r[0] as f32, r[1] as f32, r[2] as f32, r[3] as f32),
                        color,
                    });
                }
            }
        }
        if stroke {
            let m = &self.gs.ctm;
            let scale = (m[0] * m[3] - m[1] * m[2]).abs().sqrt();
            let lw = (self.gs.line_width * scale).max(0.1);
            let color = self.gs.stroke;
            for sp in &path {
                let n = sp.pts.len();
                let mut segs: Vec<((f64, f64), (f64, f64))> = Vec::new();
                for i in 1..n {
                    if !sp.curve[i] {
                        segs.push((sp.pts[i - 1], sp.pts[i]));
                    }
                }
                if sp.closed && n > 2 {
                    segs.push((sp.pts[n - 1], sp.pts[0]));
                }
                for (p, q) in segs {
                    let (dx, dy) = ((q.0 - p.0).abs(), (q.1 - p.1).abs());
                    let half = lw / 2.0;
                    let rect = if dy <= 0.5 && dx > dy {
                        let y = (p.1 + q.1) / 2.0;
                        [p.0.min(q.0), y - half, p.0.max(q.0), y + half]
                    } else if dx <= 0.5 && dy > dx {
                        let x = (p.0 + q.0) / 2.0;
                        [x - half, p.1.min(q.1), x + half, p.1.max(q.1)]
                    } else {
                        continue;
                    };
                    let r = [
                        rect[0].max(clip[0]),
                        rect[1].max(clip[1]),
                        rect[2].min(clip[2]),
                        rect[3].min(clip[3]),
                    ];
                    if r[2] < r[0] || r[3] < r[1] {
                        continue;
                    }
                    self.out.rules.push(Rule {
                        x0: r[0] as f32,
                        top: r[1] as f32,
                        x1: r[2] as f32,
                        bottom: r[3] as f32,
                        width: lw as f32,
                        color,
                    });
                }
            }
        }
    }
}

/// Evaluate a Type 2 or Type 3 function at `t` of its domain (0..1).
fn eval_function(doc: &Document, f: &Dictionary, t: f64, depth: usize) -> Option<Vec<f64>> {
    if depth > 4 {
        return None;
    }
    let domain = get_array(doc, f, b"Domain")
        .map(|a| objects::nums(doc, a))
        .filter(|d| d.len() >= 2)
        .unwrap_or_else(|| vec![0.0, 1.0]);
    let x = domain[0] + t * (domain[1] - domain[0]);
    match objects::get_num(doc, f, b"FunctionType")? as i64 {
        2 => {
            let c0 = get_array(doc, f, b"C0")
                .map(|a| objects::nums(doc, a))
                .unwrap_or_else(|| vec![0.0]);
            let c1 = get_array(doc, f, b"C1")
                .map(|a| objects::nums(doc, a))
                .unwrap_or_else(|| vec![1.0]);
            let n = objects::get_num(doc, f, b"N").unwrap_or(1.0);
            let k = if domain[1] != domain[0] {
                (x - domain[0]) / (domain[1] - domain[0])
            } else {
                0.0
            };
            let k = k.clamp(0.0, 1.0).powf(n);
            Some(c0.iter().zip(&c1).map(|(a, b)| a + k * (b - a)).collect())
        }
        3 => {
            let fs = get_array(doc, f, b"Functions")?;
            let bounds = get_array(doc, f, b"Bounds")
                .map(|a| objects::nums(doc, a))
                .unwrap_or_default();
            let i = bounds
                .iter()
                .take_while(|&&b| x >= b)
                .count()
                .min(fs.len().saturating_sub(1));
            let lo = if i == 0 { domain[0] } else { bounds[i - 1] };
            let hi = bounds.get(i).copied().unwrap_or(domain[1]);
            let sub = as_dict(resolve(doc, fs.get(i)?))?;
            let enc = get_array(doc, f, b"Encode")
                .map(|a| objects::nums(doc, a))
                .unwrap_or_default();
            let (e0, e1) = (
                enc.get(2 * i).copied().unwrap_or(0.0),
                enc.get(2 * i + 1).copied().unwrap_or(1.0),
            );
            let u = if hi > lo { (x - lo) / (hi - lo) } else { 0.0 };
            // the sub-function's own domain is assumed 0..1 after encoding
            let te = (e0 + u * (e1 - e0)).clamp(0.0, 1.0);
            eval_function(doc, sub, te, depth + 1)
        }
        _ => None,
    }
}

/// A filled non-rectangular shape this small (points, both sides) in a
/// saturated colour is kept as a fill of its bounding box: status markers
/// such as RAG dots and arrows.
pub const MARKER_MAX: f64 = 40.0;

/// A filled rectangle thinner than this (points) in one dimension is a rule.
pub const THIN_RECT: f64 = 2.0;

fn path_bbox(path: &[SubPath]) -> Option<[f64; 4]> {
    let mut it = path.iter().flat_map(|s| s.pts.iter());
    let first = it.next()?;
    let mut b = [first.0, first.1, first.0, first.1];
    for p in it {
        b = [b[0].min(p.0), b[1].min(p.1), b[2].max(p.0), b[3].max(p.1)];
    }
    Some(b)
}

/// The device-space box of an axis-aligned rectangular subpath.
fn as_rect(sp: &SubPath) -> Option<[f64; 4]> {
    let mut pts: Vec<(f64, f64)> = sp.pts.clone();
    if sp.curve.iter().any(|&c| c) {
        return None;
    }
    if pts.len() == 5 && (pts[4].0 - pts[0].0).abs() < 0.01 && (pts[4].1 - pts[0].1).abs() < 0.01 {
        pts.pop();
    }
    if pts.len() != 4 {
        return None;
    }
    let tol = 0.01;
    let axis = |a: (f64, f64), b: (f64, f64)| (a.0 - b.0).abs() < tol || (a.1 - b.1).abs() < tol;
    for i in 0..4 {
        if !axis(pts[i], pts[(i + 1) % 4]) {
            return None;
        }
    }
    let xs = pts.iter().map(|p| p.0);
    let ys = pts.iter().map(|p| p.1);
    let x0 = xs.clone().fold(f64::INFINITY, f64::min);
    let x1 = xs.fold(f64::NEG_INFINITY, f64::max);
    let y0 = ys.clone().fold(f64::INFINITY, f64::min);
    let y1 = ys.fold(f64::NEG_INFINITY, f64::max);
    Some([x0, y0, x1, y1])
}
