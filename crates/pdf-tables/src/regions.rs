//! Region finding: table areas of a page from its ruling lines and the sides of
//! its shaded rectangles. Edges are snapped and joined; their intersections
//! give grids of cells (with row/column spans), and stacks of long horizontal
//! edges with matching ends give row bands whose columns are found later from
//! word alignment.

use crate::build::Span;
use crate::geom::{
    self, cluster_values, find_cells, group_cells, nearest, page_edges, snap_and_join, Edge,
};
use crate::Tolerances;
use plansift_layout::{BBox, PageLayout};
use plansift_model::TableOrigin;

/// A table area found from ruling lines or fills.
#[derive(Debug, Clone)]
pub enum RegionKind {
    /// Cells enclosed by edges on the grid `xs` x `ys`.
    Grid {
        xs: Vec<f32>,
        ys: Vec<f32>,
        spans: Vec<Span>,
    },
    /// Row bands between horizontal edges; columns to be found from alignment.
    Bands { ys: Vec<f32> },
}

#[derive(Debug, Clone)]
pub struct Region {
    pub bbox: BBox,
    pub kind: RegionKind,
    pub origin: TableOrigin,
}

pub fn overlap_frac(a: &BBox, b: &BBox) -> f32 {
    let w = a.x1.min(b.x1) - a.x0.max(b.x0);
    let h = a.bottom.min(b.bottom) - a.top.max(b.top);
    if w <= 0.0 || h <= 0.0 {
        return 0.0;
    }
    let area = (a.width() * a.height()).max(1e-3);
    w * h / area
}

fn region_origin(edges: &[Edge], b: &BBox, tol: &Tolerances) -> TableOrigin {
    let ruled = edges.iter().any(|e| {
        !e.from_fill && {
            let (x, y) = if e.horiz {
                ((e.a + e.b) / 2.0, e.pos)
            } else {
                (e.pos, (e.a + e.b) / 2.0)
            };
            b.contains_point(x, y, tol.region_rule_slack)
        }
    });
    if ruled {
        TableOrigin::Ruled
    } else {
        TableOrigin::Shaded
    }
}

/// Split a group of cells where two tables with different columns touch: at a
/// horizontal line no cell crosses, where neither side's column edges are a
/// subset of the other's.
fn split_stacked(g: Vec<geom::RawCell>, tol: &Tolerances) -> Vec<Vec<geom::RawCell>> {
    let near = tol.grid_align;
    let ys = cluster_values(g.iter().flat_map(|c| [c.top, c.bottom]).collect(), near);
    let subset = |a: &[f32], b: &[f32]| {
        a.iter()
            .all(|x| b.iter().any(|y| (x - y).abs() <= tol.stacked_column_match))
    };
    let mut cuts = Vec::new();
    for &y in ys.iter().skip(1).take(ys.len().saturating_sub(2)) {
        if g.iter().any(|c| c.top < y - near && c.bottom > y + near) {
            continue;
        }
        let above: Vec<f32> = g
            .iter()
            .filter(|c| (c.bottom - y).abs() <= near)
            .flat_map(|c| [c.x0, c.x1])
            .collect();
        let below: Vec<f32> = g
            .iter()
            .filter(|c| (c.top - y).abs() <= near)
            .flat_map(|c| [c.x0, c.x1])
            .collect();
        if !above.is_empty()
            && !below.is_empty()
            && !subset(&above, &below)
            && !subset(&below, &above)
        {
            cuts.push(y);
        }
    }
    if cuts.is_empty() {
        return vec![g];
    }
    let mut parts: Vec<Vec<geom::RawCell>> = vec![Vec::new(); cuts.len() + 1];
    for c in g {
        let cy = (c.top + c.bottom) / 2.0;
        let i = cuts.iter().filter(|&&y| cy > y).count();
        parts[i].push(c);
    }
    parts.into_iter().filter(|p| !p.is_empty()).collect()
}

/// Table regions of a page from its edges.
pub fn find_regions(page: &PageLayout, exclude: &[BBox], tol: &Tolerances) -> Vec<Region> {
    let edges = geom::close_open_grids(&snap_and_join(&page_edges(page, tol), tol), tol);
    let overlaps = |a: &BBox, b: &BBox| overlap_frac(a, b) > tol.region_overlap;
    let mut out: Vec<Region> = Vec::new();
    let groups: Vec<Vec<geom::RawCell>> = group_cells(&find_cells(&edges, tol))
        .into_iter()
        .flat_map(|g| split_stacked(g, tol))
        .collect();
    for g in groups {
        let xs = cluster_values(
            g.iter().flat_map(|c| [c.x0, c.x1]).collect(),
            tol.grid_align,
        );
        let ys = cluster_values(
            g.iter().flat_map(|c| [c.top, c.bottom]).collect(),
            tol.grid_align,
        );
        if xs.len() < 2 || ys.len() < 2 {
            continue;
        }
        let bbox = BBox::new(xs[0], ys[0], xs[xs.len() - 1], ys[ys.len() - 1]);
        if exclude
            .iter()
            .any(|e| overlaps(&bbox, e) || overlaps(e, &bbox))
        {
            continue;
        }
        let origin = region_origin(&edges, &bbox, tol);
        if xs.len() >= 3 {
            let spans = g
                .iter()
                .map(|c| Span {
                    r0: nearest(&ys, c.top),
                    r1: nearest(&ys, c.bottom),
                    c0: nearest(&xs, c.x0),
                    c1: nearest(&xs, c.x1),
                })
                .collect();
            out.push(Region {
                bbox,
                kind: RegionKind::Grid { xs, ys, spans },
                origin,
            });
        }
        // one-column groups (boxes, banded rows) are handled as stacks of horizontal edges below
    }
    // stacks of long horizontal edges with matching ends (rules, fill bands)
    let min_len = (tol.band_min_rule_frac * page.width).max(tol.band_min_rule);
    let mut hs: Vec<&Edge> = edges
        .iter()
        .filter(|e| e.horiz && e.b - e.a >= min_len)
        .filter(|e| {
            !out.iter().any(|r| {
                r.bbox
                    .contains_point((e.a + e.b) / 2.0, e.pos, tol.region_rule_slack)
            })
        })
        .collect();
    hs.sort_by(|a, b| a.pos.total_cmp(&b.pos));
    let mut groups: Vec<Vec<&Edge>> = Vec::new();
    for e in hs {
        match groups.iter_mut().find(|g| {
            g.first().is_some_and(|f| {
                (f.a - e.a).abs() <= tol.band_end_match && (f.b - e.b).abs() <= tol.band_end_match
            })
        }) {
            Some(g) => g.push(e),
            None => groups.push(vec![e]),
        }
    }
    for g in groups {
        let (Some(first), Some(last)) = (g.first(), g.last()) else {
            continue;
        };
        let (ga, gb) = (first.a, first.b);
        let side = tol.band_side_match;
        let sides: Vec<&Edge> = edges
            .iter()
            .filter(|v| {
                !v.horiz
                    && ((v.pos - ga).abs() <= side || (v.pos - gb).abs() <= side)
                    && v.b >= first.pos - side
                    && v.a <= last.pos + side
            })
            .collect();
        let mut ys: Vec<f32> = g.iter().map(|e| e.pos).collect();
        for v in &sides {
            ys.push(v.a);
            ys.push(v.b);
        }
        let ys = cluster_values(ys, tol.band_cluster);
        // with side borders, a band they do not reach separates two tables
        let mut parts: Vec<Vec<f32>> = vec![Vec::new()];
        for (i, &y) in ys.iter().enumerate() {
            if let Some(cur) = parts.last_mut() {
                cur.push(y);
            }
            if let Some(&ny) = ys.get(i + 1) {
                let mid = (y + ny) / 2.0;
                if !sides.is_empty() && !sides.iter().any(|v| v.a <= mid && v.b >= mid) {
                    parts.push(Vec::new());
                }
            }
        }
        for ys in parts {
            if ys.len() < 2 {
                continue;
            }
            let bbox = BBox::new(ga, ys[0], gb, ys[ys.len() - 1]);
            if exclude
                .iter()
                .any(|e| overlaps(&bbox, e) || overlaps(e, &bbox))
            {
                continue;
            }
            if out.iter().any(|r| overlaps(&bbox, &r.bbox)) {
                continue;
            }
            let origin = region_origin(&edges, &bbox, tol);
            out.push(Region {
                bbox,
                kind: RegionKind::Bands { ys },
                origin,
            });
        }
    }
    out.sort_by(|a, b| a.bbox.top.total_cmp(&b.bbox.top));
    if tracing::enabled!(tracing::Level::DEBUG) {
        for r in &out {
            tracing::debug!("page {} region {:?} {:?}", page.page, r.bbox, r.kind);
        }
    }
    out
}
