//! Ruling-line geometry: edges from rules and fills, snapped and joined, their
//! intersections, and the cells they enclose (the approach of pdfplumber's
//! lattice table finder).

use crate::Tolerances;
use plansift_layout::{BBox, PageLayout};
use std::collections::HashMap;

/// Pages with more horizontal x vertical edge pairs than this get no grid
/// cells (a guard against pathological pages, not a tolerance).
const MAX_EDGE_PAIRS: usize = 4_000_000;

/// An axis-aligned edge. Horizontal: `pos` is y and `a..b` the x range.
/// Vertical: `pos` is x and `a..b` the y range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Edge {
    pub horiz: bool,
    pub pos: f32,
    pub a: f32,
    pub b: f32,
    /// The edge is the side of a shaded (non-thin) fill rather than a drawn rule.
    pub from_fill: bool,
}

/// Whether a fill is large enough to be a page/slide background rather than a cell.
pub fn is_background(page: &PageLayout, b: &BBox, tol: &Tolerances) -> bool {
    let area = (page.width * page.height).max(1.0);
    b.width() * b.height() > tol.background_fill * area
}

/// All edges of a page: rules, thin fills, and the sides of shaded fills.
pub fn page_edges(page: &PageLayout, tol: &Tolerances) -> Vec<Edge> {
    let thin = tol.thin_fill;
    let mut out = Vec::new();
    let push_rect =
        |x0: f32, top: f32, x1: f32, bottom: f32, from_fill: bool, out: &mut Vec<Edge>| {
            if !(x0.is_finite() && x1.is_finite() && top.is_finite() && bottom.is_finite()) {
                return;
            }
            let w = (x1 - x0).abs();
            let h = (bottom - top).abs();
            let (x0, x1) = (x0.min(x1), x0.max(x1));
            let (top, bottom) = (top.min(bottom), top.max(bottom));
            if w <= thin && h <= thin {
                return;
            }
            if h <= thin {
                out.push(Edge {
                    horiz: true,
                    pos: (top + bottom) / 2.0,
                    a: x0,
                    b: x1,
                    from_fill,
                });
            } else if w <= thin {
                out.push(Edge {
                    horiz: false,
                    pos: (x0 + x1) / 2.0,
                    a: top,
                    b: bottom,
                    from_fill,
                });
            } else {
                out.push(Edge {
                    horiz: true,
                    pos: top,
                    a: x0,
                    b: x1,
                    from_fill,
                });
                out.push(Edge {
                    horiz: true,
                    pos: bottom,
                    a: x0,
                    b: x1,
                    from_fill,
                });
                out.push(Edge {
                    horiz: false,
                    pos: x0,
                    a: top,
                    b: bottom,
                    from_fill,
                });
                out.push(Edge {
                    horiz: false,
                    pos: x1,
                    a: top,
                    b: bottom,
                    from_fill,
                });
            }
        };
    for r in &page.rules {
        let w = r.x1 - r.x0;
        let h = r.bottom - r.top;
        // A rule is a line: collapse it onto its axis whatever its stroke width.
        if w.abs() >= h.abs() {
            let y = (r.top + r.bottom) / 2.0;
            push_rect(r.x0, y, r.x1, y, false, &mut out);
        } else {
            let x = (r.x0 + r.x1) / 2.0;
            push_rect(x, r.top, x, r.bottom, false, &mut out);
        }
    }
    for f in &page.fills {
        let b = f.bbox;
        if is_background(page, &b, tol) {
            continue;
        }
        let is_thin = b.width() <= thin || b.height() <= thin;
        push_rect(b.x0, b.top, b.x1, b.bottom, !is_thin, &mut out);
    }
    out
}

fn cmp(a: f32, b: f32) -> std::cmp::Ordering {
    a.total_cmp(&b)
}

/// Snap edges of one orientation whose positions are within `tol` to their mean,
/// then join collinear overlapping/touching segments.
pub fn snap_and_join(edges: &[Edge], tol: &Tolerances) -> Vec<Edge> {
    let mut out = Vec::new();
    for horiz in [true, false] {
        let mut es: Vec<Edge> = edges.iter().copied().filter(|e| e.horiz == horiz).collect();
        es.sort_by(|a, b| cmp(a.pos, b.pos));
        // cluster by consecutive distance
        let mut i = 0;
        while i < es.len() {
            let mut j = i + 1;
            while j < es.len()
                && es[j].pos - es[j - 1].pos <= tol.edge_snap
                && es[j].pos - es[i].pos <= tol.edge_snap_span
            {
                j += 1;
            }
            let mean = es[i..j].iter().map(|e| e.pos).sum::<f32>() / (j - i) as f32;
            let mut group: Vec<Edge> = es[i..j].iter().map(|e| Edge { pos: mean, ..*e }).collect();
            group.sort_by(|a, b| cmp(a.a, b.a));
            let mut cur: Option<Edge> = None;
            for e in group {
                match cur.as_mut() {
                    Some(c) if e.a <= c.b + tol.edge_join => {
                        c.b = c.b.max(e.b);
                        c.from_fill = c.from_fill && e.from_fill;
                    }
                    _ => {
                        if let Some(c) = cur.take() {
                            out.push(c);
                        }
                        cur = Some(e);
                    }
                }
            }
            if let Some(c) = cur {
                out.push(c);
            }
            i = j;
        }
    }
    out.retain(|e| e.b - e.a >= tol.min_edge);
    out
}

/// A cell found from intersections: `x0, top, x1, bottom`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RawCell {
    pub x0: f32,
    pub top: f32,
    pub x1: f32,
    pub bottom: f32,
}

#[derive(Default)]
struct Point {
    h: Vec<usize>,
    v: Vec<usize>,
}

fn key(x: f32, y: f32) -> (u32, u32) {
    (x.to_bits(), y.to_bits())
}

fn share(a: &[usize], b: &[usize]) -> bool {
    a.iter().any(|x| b.contains(x))
}

/// Cells enclosed by edges: for each intersection, the smallest rectangle whose
/// four corners are intersections connected along edges.
pub fn find_cells(edges: &[Edge], tol: &Tolerances) -> Vec<RawCell> {
    let meet = tol.edge_meet;
    let hs: Vec<(usize, &Edge)> = edges.iter().enumerate().filter(|(_, e)| e.horiz).collect();
    let vs: Vec<(usize, &Edge)> = edges.iter().enumerate().filter(|(_, e)| !e.horiz).collect();
    if hs.len() * vs.len() > MAX_EDGE_PAIRS {
        return Vec::new();
    }
    let mut pts: HashMap<(u32, u32), Point> = HashMap::new();
    let mut coords: Vec<(f32, f32)> = Vec::new();
    for &(vi, v) in &vs {
        for &(hi, h) in &hs {
            if v.a - meet <= h.pos
                && h.pos <= v.b + meet
                && h.a - meet <= v.pos
                && v.pos <= h.b + meet
            {
                let k = key(v.pos, h.pos);
                let p = pts.entry(k).or_insert_with(|| {
                    coords.push((v.pos, h.pos));
                    Point::default()
                });
                p.h.push(hi);
                p.v.push(vi);
            }
        }
    }
    coords.sort_by(|a, b| cmp(a.1, b.1).then(cmp(a.0, b.0)));
    // index by x and by y
    let mut by_x: HashMap<u32, Vec<f32>> = HashMap::new();
    let mut by_y: HashMap<u32, Vec<f32>> = HashMap::new();
    for &(x, y) in &coords {
        by_x.entry(x.to_bits()).or_default().push(y);
        by_y.entry(y.to_bits()).or_default().push(x);
    }
    let mut cells = Vec::new();
    for &(x, y) in &coords {
        let Some(p) = pts.get(&key(x, y)) else {
            continue;
        };
        let below: Vec<f32> = by_x
            .get(&x.to_bits())
            .map(|ys| ys.iter().copied().filter(|&y2| y2 > y).collect())
            .unwrap_or_default();
        let right: Vec<f32> = by_y
            .get(&y.to_bits())
            .map(|xs| xs.iter().copied().filter(|&x2| x2 > x).collect())
            .unwrap_or_default();
        'outer: for &by in &below {
            let Some(pb) = pts.get(&key(x, by)) else {
                continue;
            };
            if !share(&p.v, &pb.v) {
                continue;
            }
            for &rx in &right {
                let Some(pr) = pts.get(&key(rx, y)) else {
                    continue;
                };
                if !share(&p.h, &pr.h) {
                    continue;
                }
                let Some(pbr) = pts.get(&key(rx, by)) else {
                    continue;
                };
                if share(&pbr.h, &pb.h) && share(&pbr.v, &pr.v) {
                    cells.push(RawCell {
                        x0: x,
                        top: y,
                        x1: rx,
                        bottom: by,
                    });
                    break 'outer;
                }
            }
        }
    }
    cells
}

/// Group cells that share a corner into tables.
pub fn group_cells(cells: &[RawCell]) -> Vec<Vec<RawCell>> {
    let n = cells.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    let mut corner_owner: HashMap<(u32, u32), usize> = HashMap::new();
    for (i, c) in cells.iter().enumerate() {
        for (x, y) in [
            (c.x0, c.top),
            (c.x1, c.top),
            (c.x0, c.bottom),
            (c.x1, c.bottom),
        ] {
            match corner_owner.get(&key(x, y)) {
                Some(&j) => {
                    let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                    if a != b {
                        parent[a] = b;
                    }
                }
                None => {
                    corner_owner.insert(key(x, y), i);
                }
            }
        }
    }
    let mut groups: HashMap<usize, Vec<RawCell>> = HashMap::new();
    let mut order = Vec::new();
    for (i, &cell) in cells.iter().enumerate() {
        let r = find(&mut parent, i);
        if !groups.contains_key(&r) {
            order.push(r);
        }
        groups.entry(r).or_default().push(cell);
    }
    order
        .into_iter()
        .filter_map(|r| groups.remove(&r))
        .collect()
}

/// Cluster sorted values: consecutive values within `tol` collapse to their mean.
pub fn cluster_values(mut vals: Vec<f32>, tol: f32) -> Vec<f32> {
    vals.retain(|v| v.is_finite());
    vals.sort_by(|a, b| cmp(*a, *b));
    let mut out: Vec<f32> = Vec::new();
    let mut acc: Vec<f32> = Vec::new();
    for v in vals {
        if let Some(&last) = acc.last() {
            if v - last > tol {
                out.push(acc.iter().sum::<f32>() / acc.len() as f32);
                acc.clear();
            }
        }
        acc.push(v);
    }
    if !acc.is_empty() {
        out.push(acc.iter().sum::<f32>() / acc.len() as f32);
    }
    out
}

/// Index of the value in `grid` nearest to `v`.
pub fn nearest(grid: &[f32], v: f32) -> usize {
    let mut best = 0;
    let mut bd = f32::INFINITY;
    for (i, g) in grid.iter().enumerate() {
        let d = (g - v).abs();
        if d < bd {
            bd = d;
            best = i;
        }
    }
    best
}

/// Close grids cut open by a page break: where several vertical edges
/// end (or start) at the same height and no horizontal edge joins them there,
/// add one.
pub fn close_open_grids(edges: &[Edge], tol: &Tolerances) -> Vec<Edge> {
    let mut out = edges.to_vec();
    let vs: Vec<&Edge> = edges.iter().filter(|e| !e.horiz).collect();
    for bottom in [true, false] {
        let mut ends: Vec<(f32, f32)> = vs
            .iter()
            .map(|v| (if bottom { v.b } else { v.a }, v.pos))
            .collect();
        ends.sort_by(|a, b| cmp(a.0, b.0));
        let mut i = 0;
        while i < ends.len() {
            let mut j = i + 1;
            while j < ends.len() && ends[j].0 - ends[j - 1].0 <= tol.edge_snap {
                j += 1;
            }
            if j - i >= tol.open_grid_min_edges {
                let y = ends[i..j].iter().map(|e| e.0).sum::<f32>() / (j - i) as f32;
                let x0 = ends[i..j].iter().map(|e| e.1).fold(f32::INFINITY, f32::min);
                let x1 = ends[i..j]
                    .iter()
                    .map(|e| e.1)
                    .fold(f32::NEG_INFINITY, f32::max);
                let covered = edges.iter().any(|h| {
                    h.horiz
                        && (h.pos - y).abs() <= tol.edge_meet
                        && h.a <= x0 + tol.edge_meet
                        && h.b >= x1 - tol.edge_meet
                });
                if !covered && x1 - x0 >= tol.min_edge {
                    out.push(Edge {
                        horiz: true,
                        pos: y,
                        a: x0,
                        b: x1,
                        from_fill: false,
                    });
                }
            }
            i = j;
        }
    }
    snap_and_join(&out, tol)
}
