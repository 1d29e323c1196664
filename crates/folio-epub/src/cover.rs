//! Covers: the user's image, checked, or a generated typographic SVG cover.

use crate::Error;
use crate::xhtml::Lang;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use std::io;

/// A cover image ready to be packaged.
#[derive(Debug, Clone)]
pub(crate) struct CoverImage {
    /// File name inside the package (`cover.png`).
    pub href: &'static str,
    /// Media type (`image/png`).
    pub media_type: &'static str,
    /// The image bytes.
    pub bytes: Vec<u8>,
    /// A generated cover's SVG, which the cover page shows (crisp at any
    /// size); `bytes` is then its PNG rendering, the `cover-image` every
    /// reading system (and calibre) can show.
    pub svg: Option<Vec<u8>>,
}

/// Where the generated cover's SVG goes in the package.
pub(crate) const SVG_HREF: &str = "cover.svg";

impl CoverImage {
    /// The image the cover page shows.
    pub fn page_href(&self) -> &'static str {
        if self.svg.is_some() {
            SVG_HREF
        } else {
            self.href
        }
    }
}

/// Renders the generated cover at this many pixels per SVG unit (the SVG is
/// 600 × 900: the PNG is 1200 × 1800).
const RASTER_SCALE: f32 = 2.0;

/// Rasterizes a generated cover with resvg, with the PDF's bundled DejaVu
/// faces loaded from bytes, and for characters they lack (Chinese,
/// Japanese, Korean…) the system faces the PDF writer falls back to
/// ([`crate::cover_fonts`]); never the system's fonts at large, so the PNG
/// depends only on the text and the fonts installed.
fn rasterize(svg: &[u8], fonts: &crate::cover_fonts::Chosen, lang: &str) -> Result<Vec<u8>, Error> {
    use resvg::{tiny_skia, usvg};
    let lang = lang.to_owned();
    let mut opt = usvg::Options {
        font_family: "DejaVu Serif".into(),
        ..Default::default()
    };
    opt.font_resolver.select_fallback =
        Box::new(move |c, exclude, db| crate::cover_fonts::fallback(c, exclude, db, &lang));
    let db = opt.fontdb_mut();
    crate::cover_fonts::load_bundled(db);
    for f in &fonts.files {
        db.load_font_source(usvg::fontdb::Source::Binary(
            f.clone() as std::sync::Arc<dyn AsRef<[u8]> + Send + Sync>
        ));
    }
    db.set_serif_family("DejaVu Serif");
    db.set_sans_serif_family("DejaVu Sans");
    let tree = usvg::Tree::from_data(svg, &opt)
        .map_err(|e| Error::Internal(format!("the generated cover does not parse: {e}")))?;
    let size = tree.size();
    let (w, h) = (
        (size.width() * RASTER_SCALE).round() as u32,
        (size.height() * RASTER_SCALE).round() as u32,
    );
    let mut pixmap = tiny_skia::Pixmap::new(w, h)
        .ok_or_else(|| Error::Internal("the cover has no size".into()))?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(RASTER_SCALE, RASTER_SCALE),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| Error::Internal(format!("cannot encode the cover PNG: {e}")))
}

/// Checks a user-supplied cover image: it must be a PNG, JPEG, GIF or WebP
/// whose header gives a size, or a well-formed SVG document.
pub(crate) fn user_cover(bytes: &[u8]) -> Result<CoverImage, Error> {
    use imagesize::ImageType;
    let bad = |reason: String| Error::Cover(reason);
    if bytes.is_empty() {
        return Err(bad("the file is empty".into()));
    }
    if looks_like_svg(bytes) {
        check_svg(bytes).map_err(bad)?;
        return Ok(CoverImage {
            href: "cover.svg",
            media_type: "image/svg+xml",
            bytes: bytes.to_vec(),
            svg: None,
        });
    }
    let kind = imagesize::image_type(bytes)
        .map_err(|_| bad("not a PNG, JPEG, GIF, WebP or SVG image".into()))?;
    let (href, media_type) = match kind {
        ImageType::Png => ("cover.png", "image/png"),
        ImageType::Jpeg => ("cover.jpg", "image/jpeg"),
        ImageType::Gif => ("cover.gif", "image/gif"),
        ImageType::Webp => ("cover.webp", "image/webp"),
        other => {
            return Err(bad(format!(
                "{other:?} images cannot be EPUB covers (use PNG, JPEG, GIF, WebP or SVG)"
            )));
        }
    };
    let size = imagesize::blob_size(bytes)
        .map_err(|e| bad(format!("the image is damaged or truncated ({e})")))?;
    if size.width == 0 || size.height == 0 {
        return Err(bad("the image has no pixels".into()));
    }
    Ok(CoverImage {
        href,
        media_type,
        bytes: bytes.to_vec(),
        svg: None,
    })
}

fn looks_like_svg(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let head = String::from_utf8_lossy(head);
    let t = head.trim_start_matches('\u{feff}').trim_start();
    (t.starts_with("<?xml") || t.starts_with("<svg") || t.starts_with("<!--")) && t.contains("<svg")
}

/// Reads the whole SVG: it must be well-formed XML with an `<svg>` root.
fn check_svg(bytes: &[u8]) -> Result<(), String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "the SVG file is not UTF-8".to_owned())?;
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut root: Option<String> = None;
    let mut depth = 0usize;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                if root.is_none() {
                    root = Some(e.local_name().into_inner().to_owned());
                }
                depth += 1;
            }
            Ok(Event::Empty(e)) if root.is_none() => {
                root = Some(e.local_name().into_inner().to_owned());
            }
            Ok(Event::End(_)) => depth = depth.saturating_sub(1),
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => return Err(format!("the SVG is not well-formed XML ({e})")),
        }
    }
    if depth != 0 {
        return Err("the SVG is not well-formed XML (unclosed elements)".into());
    }
    match root.as_deref() {
        Some("svg") => Ok(()),
        _ => Err("the SVG has no <svg> root element".into()),
    }
}

/// What the generated cover shows.
pub(crate) struct CoverText<'a> {
    pub title: &'a str,
    pub subtitle: Option<&'a str>,
    pub authors: Option<String>,
    pub publisher: Option<String>,
    pub date: Option<String>,
}

impl CoverText<'_> {
    /// Every text the cover draws (the publisher as set, in capitals).
    pub fn shown(&self) -> String {
        let mut s = String::from(self.title);
        for t in [
            self.subtitle.map(str::to_owned),
            self.authors.clone(),
            self.publisher.as_deref().map(str::to_uppercase),
            self.date.clone(),
        ]
        .into_iter()
        .flatten()
        {
            s.push('\n');
            s.push_str(&t);
        }
        s
    }

    /// Warnings for characters of the cover no font covers: the PNG cover
    /// cannot draw them (the SVG cover page leaves them to the reading
    /// system's fonts).
    pub fn diagnostics(&self, lang: &Lang) -> Vec<folio_core::Diagnostic> {
        let fonts = crate::cover_fonts::choose(&self.shown(), &lang.tag);
        if fonts.uncovered.is_empty() {
            return Vec::new();
        }
        let list: String = fonts.uncovered.iter().take(12).collect();
        let more = if fonts.uncovered.len() > 12 {
            "…"
        } else {
            ""
        };
        vec![folio_core::Diagnostic::warning(
            None,
            format!(
                "the PNG cover cannot draw {} character(s) of its text ({list}{more}): no bundled or installed font covers them; install one (e.g. fonts-noto-cjk for Chinese, Japanese, Korean, fonts-noto-core for other scripts)",
                fonts.uncovered.len()
            ),
        )]
    }
}

const W: f32 = 600.0;
const MARGIN: f32 = 70.0;

/// A typographic cover: title set large in a serif face, subtitle, authors,
/// publisher and date on a paper-coloured page with a rule.
pub(crate) fn generated_cover(t: &CoverText, lang: &Lang) -> Result<CoverImage, Error> {
    let mut w = Writer::new(Vec::with_capacity(4096));
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    nl(&mut w)?;
    let mut svg = BytesStart::new("svg").with_attributes([
        ("xmlns", "http://www.w3.org/2000/svg"),
        ("version", "1.1"),
        ("viewBox", "0 0 600 900"),
        ("width", "600"),
        ("height", "900"),
        ("xml:lang", lang.tag.as_str()),
    ]);
    if lang.rtl {
        svg.push_attribute(("direction", "rtl"));
    }
    w.write_event(Event::Start(svg))?;
    nl(&mut w)?;
    let mut desc = t.title.to_owned();
    if let Some(a) = &t.authors {
        desc.push_str(" — ");
        desc.push_str(a);
    }
    elem(&mut w, "title", &[], &desc)?;
    nl(&mut w)?;
    empty(
        &mut w,
        "rect",
        &[("width", "600"), ("height", "900"), ("fill", "#f5f0e6")],
    )?;
    nl(&mut w)?;
    empty(
        &mut w,
        "rect",
        &[
            ("x", "28"),
            ("y", "28"),
            ("width", "544"),
            ("height", "844"),
            ("fill", "none"),
            ("stroke", "#7b2d26"),
            ("stroke-width", "2"),
        ],
    )?;
    nl(&mut w)?;

    let mut y = 150.0;
    if let Some(p) = &t.publisher {
        let line = fit_line(&p.to_uppercase(), 20.0);
        text(&mut w, &line, y, 20.0, "normal", "#7b2d26", Some("3"))?;
        y += 70.0;
    }
    // Title: the largest size at which it fits in seven lines.
    let (size, lines) = [56.0, 48.0, 40.0, 34.0, 28.0]
        .iter()
        .map(|&s| (s, wrap(t.title, s)))
        .find(|(_, l)| l.len() <= 7)
        .unwrap_or_else(|| {
            let mut l = wrap(t.title, 28.0);
            l.truncate(7);
            if let Some(last) = l.last_mut() {
                last.push('…');
            }
            (28.0, l)
        });
    // Centre the title block (and subtitle) between the publisher line and
    // the author line.
    let subtitle: Vec<String> = t
        .subtitle
        .map(|s| wrap(s, 26.0).into_iter().take(4).collect())
        .unwrap_or_default();
    let block = lines.len() as f32 * size * 1.18
        + if subtitle.is_empty() {
            0.0
        } else {
            10.0 + subtitle.len() as f32 * 26.0 * 1.3
        };
    y = y.max((455.0 - block / 2.0).min(680.0 - block));
    y += size;
    for line in &lines {
        text(&mut w, line, y, size, "bold", "#1d1b18", None)?;
        y += size * 1.18;
    }
    if !subtitle.is_empty() {
        y += 10.0;
        for line in &subtitle {
            text(&mut w, line, y, 26.0, "normal", "#3b3631", None)?;
            y += 26.0 * 1.3;
        }
    }
    let rule_y = format!("{:.0}", (y + 10.0).min(700.0));
    empty(
        &mut w,
        "line",
        &[
            ("x1", "240"),
            ("x2", "360"),
            ("y1", &rule_y),
            ("y2", &rule_y),
            ("stroke", "#7b2d26"),
            ("stroke-width", "2"),
        ],
    )?;
    nl(&mut w)?;
    let mut by = 770.0;
    if let Some(a) = &t.authors {
        let line = fit_line(a, 26.0);
        text(&mut w, &line, by, 26.0, "normal", "#1d1b18", None)?;
        by += 44.0;
    }
    if let Some(d) = &t.date {
        text(&mut w, d, by, 20.0, "normal", "#3b3631", None)?;
    }
    w.write_event(Event::End(BytesEnd::new("svg")))?;
    nl(&mut w)?;
    let svg = w.into_inner();
    let fonts = crate::cover_fonts::choose(&t.shown(), &lang.tag);
    Ok(CoverImage {
        href: "cover.png",
        media_type: "image/png",
        bytes: rasterize(&svg, &fonts, &lang.tag)?,
        svg: Some(svg),
    })
}

/// Width of a character in ems, generously, for a bold serif face (DejaVu
/// Serif Bold is among the widest a reader may substitute).
fn char_em(c: char) -> f32 {
    match c {
        '\u{1100}'..='\u{11FF}'
        | '\u{2E80}'..='\u{9FFF}'
        | '\u{AC00}'..='\u{D7AF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF00}'..='\u{FFEF}' => 1.0,
        'i' | 'l' | 'j' | '.' | ',' | ':' | ';' | '\'' | '!' | '|' => 0.36,
        't' | 'f' | 'r' | 'I' | 'J' => 0.48,
        ' ' => 0.3,
        'm' | 'w' | 'M' | 'W' => 0.95,
        c if c.is_uppercase() => 0.78,
        _ => 0.62,
    }
}

fn width(s: &str, size: f32) -> f32 {
    s.chars().map(char_em).sum::<f32>() * size
}

/// Greedy line breaking at spaces; text without spaces (CJK) breaks between
/// characters; a word too long for a line is broken too.
fn wrap(s: &str, size: f32) -> Vec<String> {
    let max = W - 2.0 * MARGIN;
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    for word in s.split_whitespace() {
        let candidate = if cur.is_empty() {
            word.to_owned()
        } else {
            format!("{cur} {word}")
        };
        if width(&candidate, size) <= max {
            cur = candidate;
            continue;
        }
        if !cur.is_empty() {
            lines.push(std::mem::take(&mut cur));
        }
        for c in word.chars() {
            cur.push(c);
            if width(&cur, size) > max {
                cur.pop();
                lines.push(std::mem::take(&mut cur));
                cur.push(c);
            }
        }
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

/// One line, shortened with an ellipsis if it does not fit.
fn fit_line(s: &str, size: f32) -> String {
    let max = W - 2.0 * MARGIN;
    if width(s, size) <= max {
        return s.to_owned();
    }
    let mut out = String::new();
    for c in s.chars() {
        if width(&out, size) + char_em(c) * size + 0.6 * size > max {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

fn nl(w: &mut Writer<Vec<u8>>) -> io::Result<()> {
    w.write_event(Event::Text(BytesText::from_escaped("\n")))
}

fn elem(w: &mut Writer<Vec<u8>>, tag: &str, attrs: &[(&str, &str)], s: &str) -> io::Result<()> {
    w.write_event(Event::Start(
        BytesStart::new(tag).with_attributes(attrs.iter().copied()),
    ))?;
    w.write_event(Event::Text(BytesText::new(s)))?;
    w.write_event(Event::End(BytesEnd::new(tag)))
}

fn empty(w: &mut Writer<Vec<u8>>, tag: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
    w.write_event(Event::Empty(
        BytesStart::new(tag).with_attributes(attrs.iter().copied()),
    ))
}

fn text(
    w: &mut Writer<Vec<u8>>,
    s: &str,
    y: f32,
    size: f32,
    weight: &str,
    fill: &str,
    spacing: Option<&str>,
) -> io::Result<()> {
    let x = format!("{}", W / 2.0);
    let y = format!("{y:.0}");
    let size = format!("{size:.0}");
    let mut attrs = vec![
        ("x", x.as_str()),
        ("y", y.as_str()),
        ("text-anchor", "middle"),
        ("font-family", "Georgia, 'Times New Roman', serif"),
        ("font-size", size.as_str()),
        ("font-weight", weight),
        ("fill", fill),
    ];
    if let Some(sp) = spacing {
        attrs.push(("letter-spacing", sp));
    }
    elem(w, "text", &attrs, s)?;
    nl(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_images_are_errors() {
        assert!(user_cover(b"").is_err());
        assert!(user_cover(b"hello, not an image").is_err());
        // A PNG signature with a truncated header.
        assert!(user_cover(b"\x89PNG\r\n\x1a\n\0\0").is_err());
        assert!(user_cover(b"<svg xmlns='http://www.w3.org/2000/svg'><g></svg>").is_err());
        assert!(
            user_cover(b"<?xml version='1.0'?><svg xmlns='http://www.w3.org/2000/svg'/>").is_ok()
        );
    }

    #[test]
    fn long_titles_wrap_within_the_margins() {
        let lines = wrap(
            "The quick brown fox jumps over the lazy dog again and again",
            56.0,
        );
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| width(l, 56.0) <= W - 2.0 * MARGIN));
        let cjk = wrap("外国专家中美合作共赢符合国际社会利益中国日报网", 56.0);
        assert!(cjk.len() > 1);
    }
}
