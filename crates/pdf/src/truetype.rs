//! Just enough of an embedded TrueType font to recover Unicode when a font has
//! no ToUnicode CMap: the `cmap` table (formats 4, 6 and 12), read with bounds
//! checks on every access.

use std::collections::HashMap;

fn u16_at(b: &[u8], o: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*b.get(o)?, *b.get(o + 1)?]))
}

fn u32_at(b: &[u8], o: usize) -> Option<u32> {
    Some(u32::from_be_bytes([
        *b.get(o)?,
        *b.get(o + 1)?,
        *b.get(o + 2)?,
        *b.get(o + 3)?,
    ]))
}

/// The cmap subtables of a font: (platform, encoding) -> code -> glyph id.
pub struct Cmaps {
    pub tables: Vec<((u16, u16), HashMap<u32, u16>)>,
}

impl Cmaps {
    pub fn parse(font: &[u8]) -> Option<Cmaps> {
        let num_tables = u16_at(font, 4)? as usize;
        let mut cmap = None;
        for i in 0..num_tables.min(64) {
            let rec = 12 + i * 16;
            if font.get(rec..rec + 4)? == b"cmap" {
                let off = u32_at(font, rec + 8)? as usize;
                let len = u32_at(font, rec + 12)? as usize;
                cmap = font.get(off..off.checked_add(len)?.min(font.len()));
            }
        }
        let cmap = cmap?;
        let n = u16_at(cmap, 2)? as usize;
        let mut tables = Vec::new();
        for i in 0..n.min(32) {
            let rec = 4 + i * 8;
            let (Some(pid), Some(eid), Some(off)) = (
                u16_at(cmap, rec),
                u16_at(cmap, rec + 2),
                u32_at(cmap, rec + 4),
            ) else {
                break;
            };
            if let Some(map) = cmap.get(off as usize..).and_then(subtable) {
                tables.push(((pid, eid), map));
            }
        }
        Some(Cmaps { tables })
    }

    pub fn get(&self, pid: u16, eid: u16) -> Option<&HashMap<u32, u16>> {
        self.tables
            .iter()
            .find(|(k, _)| *k == (pid, eid))
            .map(|(_, m)| m)
    }

    /// The Unicode cmap ((3,10), (3,1) or a (0,x) one).
    pub fn unicode(&self) -> Option<&HashMap<u32, u16>> {
        self.get(3, 10)
            .or_else(|| self.get(3, 1))
            .or_else(|| self.tables.iter().find(|(k, _)| k.0 == 0).map(|(_, m)| m))
    }

    /// Glyph id -> Unicode, inverting the Unicode cmap (lowest code wins).
    pub fn glyph_to_unicode(&self) -> HashMap<u16, char> {
        let mut out: HashMap<u16, char> = HashMap::new();
        if let Some(m) = self.unicode() {
            let mut pairs: Vec<(u32, u16)> = m.iter().map(|(&c, &g)| (c, g)).collect();
            pairs.sort_unstable();
            for (c, g) in pairs {
                if g == 0 {
                    continue;
                }
                if let Some(ch) = char::from_u32(c) {
                    out.entry(g).or_insert(ch);
                }
            }
        }
        out
    }
}

const MAX_ENTRIES: usize = 200_000;

fn subtable(t: &[u8]) -> Option<HashMap<u32, u16>> {
    let format = u16_at(t, 0)?;
    let mut m = HashMap::new();
    match format {
        4 => {
            let seg_x2 = u16_at(t, 6)? as usize;
            let segs = seg_x2 / 2;
            let ends = 14;
            let starts = ends + seg_x2 + 2;
            let deltas = starts + seg_x2;
            let ranges = deltas + seg_x2;
            for s in 0..segs {
                let end = u16_at(t, ends + 2 * s)? as u32;
                let start = u16_at(t, starts + 2 * s)? as u32;
                let delta = u16_at(t, deltas + 2 * s)?;
                let ro_pos = ranges + 2 * s;
                let ro = u16_at(t, ro_pos)? as usize;
                if start > end || start == 0xFFFF {
                    continue;
                }
                for c in start..=end {
                    if m.len() >= MAX_ENTRIES {
                        return Some(m);
                    }
                    let g = if ro == 0 {
                        (c as u16).wrapping_add(delta)
                    } else {
                        let at = ro_pos + ro + 2 * (c - start) as usize;
                        match u16_at(t, at) {
                            Some(0) | None => 0,
                            Some(g) => g.wrapping_add(delta),
                        }
                    };
                    if g != 0 {
                        m.insert(c, g);
                    }
                }
            }
        }
        6 => {
            let first = u16_at(t, 6)? as u32;
            let count = u16_at(t, 8)? as usize;
            for i in 0..count.min(MAX_ENTRIES) {
                let g = u16_at(t, 10 + 2 * i)?;
                if g != 0 {
                    m.insert(first + i as u32, g);
                }
            }
        }
        12 => {
            let groups = u32_at(t, 12)? as usize;
            for i in 0..groups.min(MAX_ENTRIES) {
                let o = 16 + 12 * i;
                let (start, end, g0) = (u32_at(t, o)?, u32_at(t, o + 4)?, u32_at(t, o + 8)?);
                if end < start {
                    continue;
                }
                for c in start..=end {
                    if m.len() >= MAX_ENTRIES {
                        return Some(m);
                    }
                    let g = g0.wrapping_add(c - start);
                    if g != 0 && g <= 0xFFFF {
                        m.insert(c, g as u16);
                    }
                }
            }
        }
        0 => {
            for c in 0..256usize {
                let g = *t.get(6 + c)? as u16;
                if g != 0 {
                    m.insert(c as u32, g);
                }
            }
        }
        _ => return None,
    }
    Some(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A font with just a cmap table holding one format 4 subtable.
    fn font_with_cmap(sub: &[u8]) -> Vec<u8> {
        let mut cmap = vec![0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12];
        cmap.extend(sub);
        let mut f = vec![0, 1, 0, 0, 0, 1, 0, 16, 0, 0, 0, 0];
        f.extend(b"cmap");
        f.extend([0, 0, 0, 0]);
        f.extend(28u32.to_be_bytes());
        f.extend((cmap.len() as u32).to_be_bytes());
        f.extend(cmap);
        f
    }

    #[test]
    fn format4_roundtrip() {
        // one segment 'A'..'C' -> glyphs 10..12 (delta 10 - 65), plus the end segment
        let delta = (10i32 - 65) as u16;
        let mut sub = Vec::new();
        for v in [4u16, 0, 0, 4, 4, 1, 0] {
            sub.extend(v.to_be_bytes());
        }
        for v in [67u16, 0xFFFF, 0, 65, 0xFFFF, delta, 1, 0, 0] {
            sub.extend(v.to_be_bytes());
        }
        let f = font_with_cmap(&sub);
        let c = Cmaps::parse(&f).expect("cmap");
        let u = c.unicode().expect("unicode cmap");
        assert_eq!(u.get(&66), Some(&11));
        assert_eq!(c.glyph_to_unicode().get(&12), Some(&'C'));
    }

    #[test]
    fn garbage_is_not_a_font() {
        assert!(Cmaps::parse(b"").is_none());
        assert!(Cmaps::parse(&[0, 1, 0, 0, 0xff, 0xff]).is_none());
        let mut junk = vec![0u8; 4096];
        for (i, b) in junk.iter_mut().enumerate() {
            *b = (i * 7919 % 251) as u8;
        }
        let _ = Cmaps::parse(&junk);
    }
}
