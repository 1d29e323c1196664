//! Packing: a laid-out page reduced to what the PDF needs, as soon as it
//! is laid out, so a book is not held in memory in its heavy form. Each
//! glyph's text is numbered, and each (glyph, text) use is tallied for
//! the ToUnicode maps.

use crate::layout::book::FrontMatter;
use crate::layout::page::{Anchor, GoTo, Page, Placed, Rule};
use crate::typeset::text::{Color, Glyph, Line, Mark, NodeRef};
use rustc_hash::FxHashMap;
use std::collections::HashSet;

/// A run of glyphs drawn with one text matrix: same face, size and
/// colour. Glyphs the font raises or lowers (marks) stay in the run, each
/// with its own text rise ([`PackedGlyph::rise`]), so that a word is one
/// text run (pdf.js cuts its text items, and poppler its words, where the
/// text matrix moves the baseline).
pub(crate) struct Run {
    pub(crate) face: u16,
    pub(crate) size: f32,
    pub(crate) color: Color,
    /// The line's left edge and baseline (PDF coordinates).
    pub(crate) x0: f32,
    pub(crate) baseline: f32,
    /// Glyphs `start..end` of [`PackedPage::glyphs`].
    pub(crate) start: u32,
    pub(crate) end: u32,
    /// What the glyphs are in the tagged PDF.
    pub(crate) mark: Mark,
}

/// A page reduced to what the PDF needs — glyph ids, texts and positions,
/// rules, links, outline anchors — about 12 bytes a glyph instead of the ~90
/// of a laid-out [`Glyph`]. Articles are packed as soon as they are laid
/// out, so a book is not held in memory in its heavy form.
#[derive(Default)]
pub(crate) struct PackedPage {
    pub(crate) runs: Vec<Run>,
    pub(crate) glyphs: Vec<PackedGlyph>,
    /// (face, glyph) in order of first use on the page.
    pub(crate) seen: Vec<(u16, u16)>,
    /// The distinct cluster texts of the page; [`PackedGlyph::text`] `n`
    /// is `strings[n - 1]`.
    pub(crate) strings: Vec<Box<str>>,
    /// Cluster texts past the 65,534 a `u16` numbers: (glyph index, text).
    /// No real page gets here.
    pub(crate) overflow: Vec<(u32, Box<str>)>,
    /// How often each (face, glyph, text) starts a cluster on the page:
    /// the votes for the glyph's ToUnicode entry.
    pub(crate) tally: Vec<((u16, u16, u16), u32)>,
    pub(crate) rules: Vec<Rule>,
    /// URI links: rectangle (PDF coordinates), target and `Link`
    /// structure element.
    pub(crate) links: Vec<([f32; 4], String, Option<NodeRef>)>,
    pub(crate) gotos: Vec<GoTo>,
    /// The `Link` structure element of each of `gotos`.
    pub(crate) goto_tags: Vec<Option<NodeRef>>,
    pub(crate) anchors: Vec<Anchor>,
}

/// One drawn glyph.
#[derive(Clone, Copy)]
pub(crate) struct PackedGlyph {
    pub(crate) gid: u16,
    /// 0: continues the cluster of the glyph before; `u16::MAX`: the text
    /// is in [`PackedPage::overflow`]; otherwise an index into
    /// [`PackedPage::strings`], plus one.
    pub(crate) text: u16,
    /// x from the line's left edge.
    pub(crate) x: f32,
    /// How far the font raises the glyph over the line's baseline (the
    /// text rise, `Ts`; negative: lowered).
    pub(crate) rise: f32,
}

impl PackedPage {
    /// Packs `page` (of a document `height` points high).
    pub(crate) fn pack(page: Page, height: f32) -> Self {
        let mut p = PackedPage::default();
        p.add(page, height);
        p
    }

    /// The text of glyph `i` (empty for a cluster's later glyphs).
    pub(crate) fn text_of(&self, i: usize) -> &str {
        match self.glyphs[i].text {
            0 => "",
            u16::MAX => self
                .overflow
                .binary_search_by_key(&(i as u32), |(j, _)| *j)
                .map_or("", |k| &self.overflow[k].1),
            n => &self.strings[n as usize - 1],
        }
    }

    /// Adds the lines, rules, links and anchors of `page`, drawn after
    /// what the page already holds.
    pub(crate) fn add(&mut self, page: Page, height: f32) {
        let mut lk = Lookup {
            seen: self.seen.iter().copied().collect(),
            ids: self
                .strings
                .iter()
                .enumerate()
                .map(|(i, s)| (s.clone(), i as u16 + 1))
                .collect(),
            tally: self.tally.drain(..).collect(),
        };
        for placed in page.lines {
            let baseline = height - placed.y;
            self.add_links(&placed, baseline);
            self.add_glyphs(&placed.line, placed.x, baseline, &mut lk);
        }
        self.tally = lk.tally.into_iter().collect();
        // Hash order is not deterministic; the votes' order must be.
        self.tally.sort_unstable();
        self.rules.extend(page.rules);
        let n = page.gotos.len();
        let mut tags = page.goto_tags.into_iter().map(Some);
        self.goto_tags.resize(self.gotos.len(), None);
        self.goto_tags.extend((0..n).map(|_| tags.next().flatten()));
        self.gotos.extend(page.gotos);
        self.anchors.extend(page.anchors);
    }

    /// The link areas of a line whose baseline is at `baseline` (PDF
    /// coordinates): from a quarter of the size below it to 85 % above.
    fn add_links(&mut self, placed: &Placed, baseline: f32) {
        let size = placed.line.glyphs.first().map_or(10.0, |g| g.size);
        for l in &placed.line.links {
            self.links.push((
                [
                    placed.x + l.x0,
                    baseline - size * 0.25,
                    placed.x + l.x1,
                    baseline + size * 0.85,
                ],
                l.url.clone(),
                l.tag,
            ));
        }
    }

    /// Adds a line's glyphs as runs of one face, size, colour and mark.
    fn add_glyphs(&mut self, line: &Line, x0: f32, baseline: f32, lk: &mut Lookup) {
        let glyphs = &line.glyphs[..];
        // The text of a cluster whose first glyph was not drawn goes to
        // the cluster's next glyph.
        let mut carry: Option<&str> = None;
        let mut i = 0;
        while i < glyphs.len() {
            let g0 = &glyphs[i];
            let mark = line.mark_of(i);
            // Where the mark changes.
            let mark_end = line
                .marks
                .iter()
                .map(|&(s, _)| s as usize)
                .find(|&s| s > i)
                .unwrap_or(glyphs.len());
            let mut j = i + 1;
            while j < mark_end {
                let g = &glyphs[j];
                if g.face != g0.face || g.size != g0.size || g.color != g0.color {
                    break;
                }
                j += 1;
            }
            let start = self.glyphs.len() as u32;
            for g in &glyphs[i..j] {
                self.add_glyph(g, &mut carry, lk);
            }
            let end = self.glyphs.len() as u32;
            if end > start {
                self.runs.push(Run {
                    face: g0.face as u16,
                    size: g0.size,
                    color: g0.color,
                    x0,
                    baseline,
                    start,
                    end,
                    mark,
                });
            }
            i = j;
        }
    }

    /// Adds one glyph with its text number, and counts its (glyph, text)
    /// use. `carry`: the text of an undrawn glyph of the open cluster.
    fn add_glyph<'g>(&mut self, g: &'g Glyph, carry: &mut Option<&'g str>, lk: &mut Lookup) {
        // Glyph 0 (.notdef) is never drawn: it would show as an empty box.
        // Coverage is checked before layout; this only drops invisible
        // characters a face has no glyph for.
        if g.gid == 0 {
            if !g.text.is_empty() {
                *carry = Some(&g.text);
            }
            return;
        }
        let key = (g.face as u16, g.gid);
        if lk.seen.insert(key) {
            self.seen.push(key);
        }
        let text: &str = if g.text.is_empty() {
            carry.take().unwrap_or("")
        } else {
            *carry = None;
            &g.text
        };
        let id = if text.is_empty() {
            0
        } else if let Some(&id) = lk.ids.get(text) {
            id
        } else if self.strings.len() < usize::from(u16::MAX - 1) {
            self.strings.push(text.into());
            let id = self.strings.len() as u16;
            lk.ids.insert(text.into(), id);
            id
        } else {
            self.overflow.push((self.glyphs.len() as u32, text.into()));
            u16::MAX
        };
        if id != 0 && id != u16::MAX {
            *lk.tally.entry((key.0, key.1, id)).or_default() += 1;
        }
        self.glyphs.push(PackedGlyph {
            gid: g.gid,
            text: id,
            x: g.x,
            rise: g.y,
        });
    }
}

/// Packs the pages of `pages` (of a document `height` points high).
pub(crate) fn pack_all(pages: Vec<Page>, height: f32) -> Vec<PackedPage> {
    pages
        .into_iter()
        .map(|p| PackedPage::pack(p, height))
        .collect()
}

/// The document's pages in order: a book's title page and contents
/// (`front`, packed here), then the articles' packed pages; one empty page
/// when there is nothing else.
pub(crate) fn assemble(
    front: Option<FrontMatter>,
    articles: Vec<Vec<PackedPage>>,
    height: f32,
) -> Vec<PackedPage> {
    let mut pages: Vec<PackedPage> = Vec::new();
    if let Some(f) = front {
        pages.push(PackedPage::pack(f.title_page, height));
        pages.extend(pack_all(f.contents, height));
    }
    for a in articles {
        pages.extend(a);
    }
    if pages.is_empty() {
        pages.push(PackedPage::default());
    }
    pages
}

/// Adds `extra[i]` (the running heads) over page `i` of `pages`.
pub(crate) fn add_all(pages: &mut [PackedPage], extra: Vec<Page>, height: f32) {
    for (p, d) in pages.iter_mut().zip(extra) {
        p.add(d, height);
    }
}

/// What packing looks up while it adds a page: the (face, glyph) pairs
/// seen, the number of each text, the (face, glyph, text) tally.
struct Lookup {
    seen: HashSet<(u16, u16)>,
    ids: FxHashMap<Box<str>, u16>,
    tally: FxHashMap<(u16, u16, u16), u32>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::typeset::text::{GlyphText, Line};

    fn glyph(gid: u16, text: &str) -> Glyph {
        Glyph {
            face: 0,
            gid,
            size: 10.0,
            x: 0.0,
            y: 0.0,
            advance: 5.0,
            text: GlyphText::from(text),
            color: Color::Black,
        }
    }

    fn page(glyphs: Vec<Glyph>) -> Page {
        Page {
            lines: vec![Placed {
                line: Line {
                    glyphs,
                    links: vec![],
                    width: 0.0,
                    hyphenated: false,
                    ratio: 0.0,
                    marks: vec![],
                },
                x: 0.0,
                y: 0.0,
                info: None,
            }],
            rules: vec![],
            anchors: vec![],
            gotos: vec![],
            goto_tags: vec![],
        }
    }

    #[test]
    fn every_glyph_keeps_its_text_past_the_numbered_texts() {
        // More distinct cluster texts than a u16 numbers: the rest go to
        // the overflow list, and each glyph still reads back its own.
        let n = 70_000u32;
        let p = PackedPage::pack(
            page(
                (0..n)
                    .map(|i| glyph(1 + (i % 9) as u16, &i.to_string()))
                    .collect(),
            ),
            800.0,
        );
        assert_eq!(p.glyphs.len(), n as usize);
        assert!(!p.overflow.is_empty());
        for i in (0..n as usize).step_by(997).chain([65_533, 65_534, 69_999]) {
            assert_eq!(p.text_of(i), i.to_string());
        }
    }

    #[test]
    fn an_undrawn_first_glyph_passes_its_text_on() {
        // .notdef is not drawn; its cluster's next glyph carries the text,
        // and the tally counts each (glyph, text) start.
        let p = PackedPage::pack(
            page(vec![
                glyph(3, "a"),
                glyph(0, "x\u{301}"),
                glyph(7, ""),
                glyph(3, "a"),
                glyph(0, "\u{200b}"),
                glyph(3, "b"),
            ]),
            800.0,
        );
        let texts: Vec<&str> = (0..p.glyphs.len()).map(|i| p.text_of(i)).collect();
        assert_eq!(texts, ["a", "x\u{301}", "a", "b"]);
        assert_eq!(
            p.tally,
            [((0, 3, 1), 2), ((0, 3, 3), 1), ((0, 7, 2), 1)],
            "{:?}",
            p.strings
        );
    }
}
