//! Cell fill colours from inline styles and `bgcolor` attributes.

use plansift_model::Rgb;
use scraper::node::Element;

/// The background colour an element declares itself: inline `background-color`,
/// the colour inside an inline `background` shorthand, or the `bgcolor` attribute.
pub(crate) fn element_fill(el: &Element) -> Option<Rgb> {
    if let Some(style) = el.attr("style") {
        // The later declaration wins, whichever of the two properties it is.
        let mut found: Option<Option<Rgb>> = None;
        for decl in style.split(';') {
            if let Some((k, v)) = decl.split_once(':') {
                let k = k.trim();
                if k.eq_ignore_ascii_case("background-color") {
                    found = Some(parse_color(v));
                } else if k.eq_ignore_ascii_case("background") {
                    found = Some(css_tokens(v).into_iter().find_map(parse_color));
                }
            }
        }
        if let Some(f) = found {
            return f;
        }
    }
    let bg = el.attr("bgcolor")?;
    parse_color(bg).or_else(|| parse_hex_digits(bg.trim()))
}

/// Split a CSS value into tokens at white space outside parentheses.
fn css_tokens(v: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start: Option<usize> = None;
    for (i, c) in v.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if c.is_whitespace() && depth == 0 {
            if let Some(s) = start.take() {
                out.push(&v[s..i]);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push(&v[s..]);
    }
    out
}

/// Parse one CSS colour: `#rgb`, `#rrggbb`, `#rgba`, `#rrggbbaa`, `rgb()`/`rgba()`,
/// or a colour name (CSS names commonly used in reports, plus `amber`).
/// Fully transparent colours and keywords like `transparent`/`inherit` give `None`.
pub fn parse_color(s: &str) -> Option<Rgb> {
    let s = s.trim().trim_end_matches("!important").trim();
    if let Some(hex) = s.strip_prefix('#') {
        return parse_hex_digits(hex);
    }
    let lower = s.to_ascii_lowercase();
    if let Some(args) = lower
        .strip_prefix("rgba(")
        .or_else(|| lower.strip_prefix("rgb("))
    {
        return parse_rgb_args(args.strip_suffix(')')?);
    }
    named(&lower)
}

fn parse_hex_digits(hex: &str) -> Option<Rgb> {
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let nib = |i: usize| -> Option<u8> { u8::from_str_radix(hex.get(i..i + 1)?, 16).ok() };
    let byte = |i: usize| -> Option<u8> { u8::from_str_radix(hex.get(i..i + 2)?, 16).ok() };
    match hex.len() {
        3 | 4 => {
            if hex.len() == 4 && nib(3)? == 0 {
                return None;
            }
            Some(Rgb(nib(0)? * 17, nib(1)? * 17, nib(2)? * 17))
        }
        6 | 8 => {
            if hex.len() == 8 && byte(6)? == 0 {
                return None;
            }
            Some(Rgb(byte(0)?, byte(2)?, byte(4)?))
        }
        _ => None,
    }
}

fn parse_rgb_args(args: &str) -> Option<Rgb> {
    // `r, g, b[, a]` or `r g b [/ a]`
    let (colour, alpha) = match args.split_once('/') {
        Some((c, a)) => (c, Some(a)),
        None => (args, None),
    };
    let parts: Vec<&str> = colour
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect();
    let alpha = alpha.or_else(|| parts.get(3).copied());
    if parts.len() < 3 {
        return None;
    }
    if let Some(a) = alpha {
        let a = a.trim();
        let v = match a.strip_suffix('%') {
            Some(p) => p.trim().parse::<f32>().ok()? / 100.0,
            None => a.parse::<f32>().ok()?,
        };
        if v <= 0.0 {
            return None;
        }
    }
    let chan = |p: &str| -> Option<u8> {
        let v = match p.strip_suffix('%') {
            Some(pct) => pct.parse::<f32>().ok()? * 2.55,
            None => p.parse::<f32>().ok()?,
        };
        if !v.is_finite() {
            return None;
        }
        Some(v.round().clamp(0.0, 255.0) as u8)
    };
    Some(Rgb(
        chan(parts.first()?)?,
        chan(parts.get(1)?)?,
        chan(parts.get(2)?)?,
    ))
}

fn named(name: &str) -> Option<Rgb> {
    let rgb = match name {
        "red" => (255, 0, 0),
        "darkred" => (139, 0, 0),
        "firebrick" => (178, 34, 34),
        "crimson" => (220, 20, 60),
        "tomato" => (255, 99, 71),
        "salmon" => (250, 128, 114),
        "lightcoral" => (240, 128, 128),
        "pink" => (255, 192, 203),
        "amber" => (255, 191, 0),
        "orange" => (255, 165, 0),
        "darkorange" => (255, 140, 0),
        "gold" => (255, 215, 0),
        "yellow" => (255, 255, 0),
        "lightyellow" => (255, 255, 224),
        "khaki" => (240, 230, 140),
        "green" => (0, 128, 0),
        "darkgreen" => (0, 100, 0),
        "lime" => (0, 255, 0),
        "limegreen" => (50, 205, 50),
        "lightgreen" => (144, 238, 144),
        "palegreen" => (152, 251, 152),
        "forestgreen" => (34, 139, 34),
        "seagreen" => (46, 139, 87),
        "mediumseagreen" => (60, 179, 113),
        "olive" => (128, 128, 0),
        "teal" => (0, 128, 128),
        "aqua" | "cyan" => (0, 255, 255),
        "blue" => (0, 0, 255),
        "navy" => (0, 0, 128),
        "lightblue" => (173, 216, 230),
        "skyblue" => (135, 206, 235),
        "steelblue" => (70, 130, 180),
        "purple" => (128, 0, 128),
        "fuchsia" | "magenta" => (255, 0, 255),
        "maroon" => (128, 0, 0),
        "brown" => (165, 42, 42),
        "white" => (255, 255, 255),
        "whitesmoke" => (245, 245, 245),
        "black" => (0, 0, 0),
        "gray" | "grey" => (128, 128, 128),
        "silver" => (192, 192, 192),
        "lightgray" | "lightgrey" => (211, 211, 211),
        "gainsboro" => (220, 220, 220),
        "darkgray" | "darkgrey" => (169, 169, 169),
        "dimgray" | "dimgrey" => (105, 105, 105),
        _ => return None,
    };
    Some(Rgb(rgb.0, rgb.1, rgb.2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    #[test]
    fn hex_rgb_and_names() {
        assert_eq!(parse_color("#00B050"), Some(Rgb(0, 176, 80)));
        assert_eq!(parse_color(" #f00 "), Some(Rgb(255, 0, 0)));
        assert_eq!(parse_color("#ffc000ff"), Some(Rgb(255, 192, 0)));
        assert_eq!(parse_color("#ffc00000"), None);
        assert_eq!(parse_color("rgb(255, 192, 0)"), Some(Rgb(255, 192, 0)));
        assert_eq!(parse_color("RGB(100%,0%,0%)"), Some(Rgb(255, 0, 0)));
        assert_eq!(parse_color("rgba(0,176,80,0.5)"), Some(Rgb(0, 176, 80)));
        assert_eq!(parse_color("rgba(0,176,80,0)"), None);
        assert_eq!(parse_color("rgb(0 176 80 / 50%)"), Some(Rgb(0, 176, 80)));
        assert_eq!(parse_color("Amber"), Some(Rgb(255, 191, 0)));
        assert_eq!(parse_color("green !important"), Some(Rgb(0, 128, 0)));
        assert_eq!(parse_color("transparent"), None);
        assert_eq!(parse_color("#12"), None);
        assert_eq!(parse_color("#gggggg"), None);
        assert_eq!(parse_color("rgb(1,2)"), None);
        assert_eq!(parse_color("rgb(nan,2,3)"), None);
    }

    fn fill_of(html: &str) -> Option<Rgb> {
        let doc = Html::parse_fragment(html);
        let el = doc
            .root_element()
            .descendent_elements()
            .find(|e| e.value().name() == "span")?;
        element_fill(el.value())
    }

    #[test]
    fn element_fills() {
        assert_eq!(
            fill_of("<span style='background-color: #FF0000'>x</span>"),
            Some(Rgb(255, 0, 0))
        );
        assert_eq!(
            fill_of("<span style='color:blue; background: url(\"a b.png\") no-repeat rgb(0, 176, 80)'>x</span>"),
            Some(Rgb(0, 176, 80))
        );
        assert_eq!(fill_of("<span style='background: none'>x</span>"), None);
        assert_eq!(
            fill_of("<span bgcolor='yellow'>x</span>"),
            Some(Rgb(255, 255, 0))
        );
        assert_eq!(
            fill_of("<span bgcolor='00b050'>x</span>"),
            Some(Rgb(0, 176, 80))
        );
        assert_eq!(fill_of("<span style='color: red'>x</span>"), None);
        // the later declaration wins
        assert_eq!(
            fill_of("<span style='background:red;background-color:green'>x</span>"),
            Some(Rgb(0, 128, 0))
        );
    }
}
