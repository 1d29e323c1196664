//! PDF objects: subset CID fonts with ToUnicode maps, page content with
//! positioned glyphs, link annotations, a nested outline, document info,
//! XMP metadata and a content-derived file identifier.

use crate::error::Error;
use crate::layout::page::{Anchor, GoTo, Page, Rule};
use crate::options::{FontSize, PdfOptions};
use crate::typeset::fonts::Fonts;
use crate::typeset::text::Color;
#[cfg(doc)]
use crate::typeset::text::Glyph;
use chrono::NaiveDate;
use chrono::{DateTime, Datelike, Timelike, Utc};
use folio_core::meta::Metadata;
use folio_core::model::{Article, Collection};
use pdf_writer::types::{
    ActionType, AnnotationType, CidFontType, FontFlags, SystemInfo, UnicodeCmap,
};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use subsetter::GlyphRemapper;

const SYSTEM_INFO: SystemInfo = SystemInfo {
    registry: Str(b"Adobe"),
    ordering: Str(b"Identity"),
    supplement: 0,
};

/// Document-level metadata: from one article or from a collection, as
/// [`Metadata`] resolves it for every writer.
pub(crate) struct DocMeta {
    pub title: String,
    pub creators: Vec<String>,
    pub subject: Option<String>,
    pub language: String,
    pub date: Option<NaiveDate>,
    pub rights: Option<String>,
    pub publisher: Option<String>,
    pub source: Option<String>,
    /// CreationDate and ModDate.
    pub time: chrono::DateTime<chrono::Utc>,
}

impl DocMeta {
    fn from_metadata(m: Metadata) -> Self {
        DocMeta {
            subject: m.description.or(m.subtitle),
            title: m.title,
            creators: m.creators,
            language: m.language.to_string(),
            date: m.date,
            rights: m.rights,
            publisher: m.publisher,
            source: m.source,
            time: m.timestamp,
        }
    }

    pub(crate) fn from_article(a: &Article, source_date_epoch: Option<i64>) -> Self {
        Self::from_metadata(Metadata::of_article(a, source_date_epoch))
    }

    pub(crate) fn from_collection(c: &Collection, source_date_epoch: Option<i64>) -> Self {
        Self::from_metadata(Metadata::of_collection(c, source_date_epoch))
    }
}

/// Space above an outline target: a little air above headings.
fn n_top_pad(level: u8) -> f32 {
    if level <= 1 { 24.0 } else { 4.0 }
}

struct Alloc(i32);

impl Alloc {
    fn next(&mut self) -> Ref {
        self.0 += 1;
        Ref::new(self.0)
    }
}

/// Per-face glyph use: the remapper and each glyph's ToUnicode text.
struct FontUse {
    remapper: GlyphRemapper,
    /// Old glyph id → the text its ToUnicode entry gives.
    text: FxHashMap<u16, Box<str>>,
}

impl FontUse {
    /// What a reader takes glyph `gid` to say.
    fn says(&self, gid: u16) -> &str {
        self.text.get(&gid).map_or("", |t| t)
    }
}

fn deflate(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 6)
}

fn pdf_date(t: DateTime<Utc>) -> pdf_writer::Date {
    pdf_writer::Date::new(t.year().clamp(0, 9999) as u16)
        .month(t.month() as u8)
        .day(t.day() as u8)
        .hour(t.hour() as u8)
        .minute(t.minute() as u8)
        .second(t.second() as u8)
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

fn color_rgb(c: Color) -> (f32, f32, f32) {
    match c {
        Color::Black => (0.0, 0.0, 0.0),
        Color::Link => (0.05, 0.2, 0.55),
        Color::Gray => (0.35, 0.35, 0.35),
    }
}

/// A run of glyphs drawn with one text matrix: same face, size, colour
/// and vertical offset.
struct Run {
    face: u16,
    size: f32,
    color: Color,
    /// The line's left edge and baseline (PDF coordinates) plus the run's
    /// vertical offset.
    x0: f32,
    baseline: f32,
    /// Glyphs `start..end` of [`PackedPage::glyphs`].
    start: u32,
    end: u32,
}

/// A page reduced to what the PDF needs — glyph ids, texts and positions,
/// rules, links, outline anchors — about 8 bytes a glyph instead of the ~90
/// of a laid-out [`Glyph`]. Articles are packed as soon as they are laid
/// out, so a book is not held in memory in its heavy form.
#[derive(Default)]
pub(crate) struct PackedPage {
    runs: Vec<Run>,
    glyphs: Vec<PackedGlyph>,
    /// (face, glyph) in order of first use on the page.
    seen: Vec<(u16, u16)>,
    /// The distinct cluster texts of the page; [`PackedGlyph::text`] `n`
    /// is `strings[n - 1]`.
    strings: Vec<Box<str>>,
    /// Cluster texts past the 65,534 a `u16` numbers: (glyph index, text).
    /// No real page gets here.
    overflow: Vec<(u32, Box<str>)>,
    /// How often each (face, glyph, text) starts a cluster on the page:
    /// the votes for the glyph's ToUnicode entry.
    tally: Vec<((u16, u16, u16), u32)>,
    rules: Vec<Rule>,
    /// URI links: rectangle (PDF coordinates) and target.
    links: Vec<([f32; 4], String)>,
    gotos: Vec<GoTo>,
    pub(crate) anchors: Vec<Anchor>,
}

/// One drawn glyph.
#[derive(Clone, Copy)]
struct PackedGlyph {
    gid: u16,
    /// 0: continues the cluster of the glyph before; `u16::MAX`: the text
    /// is in [`PackedPage::overflow`]; otherwise an index into
    /// [`PackedPage::strings`], plus one.
    text: u16,
    /// x from the line's left edge.
    x: f32,
}

impl PackedPage {
    /// Packs `page` (of a document `height` points high).
    pub(crate) fn pack(page: Page, height: f32) -> Self {
        let mut p = PackedPage::default();
        p.add(page, height);
        p
    }

    /// The text of glyph `i` (empty for a cluster's later glyphs).
    fn text_of(&self, i: usize) -> &str {
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
        let mut seen: HashSet<(u16, u16)> = self.seen.iter().copied().collect();
        let mut ids: FxHashMap<Box<str>, u16> = self
            .strings
            .iter()
            .enumerate()
            .map(|(i, s)| (s.clone(), i as u16 + 1))
            .collect();
        let mut tally: FxHashMap<(u16, u16, u16), u32> = self.tally.drain(..).collect();
        for placed in page.lines {
            let baseline = height - placed.y;
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
                ));
            }
            let glyphs = placed.line.glyphs;
            // The text of a cluster whose first glyph was not drawn goes to
            // the cluster's next glyph.
            let mut carry: Option<&str> = None;
            let mut i = 0;
            while i < glyphs.len() {
                let g0 = &glyphs[i];
                let mut j = i + 1;
                while j < glyphs.len() {
                    let g = &glyphs[j];
                    if g.face != g0.face || g.size != g0.size || g.color != g0.color || g.y != g0.y
                    {
                        break;
                    }
                    j += 1;
                }
                let start = self.glyphs.len() as u32;
                for g in &glyphs[i..j] {
                    // Glyph 0 (.notdef) is never drawn: it would show as an
                    // empty box. Coverage is checked before layout; this
                    // only drops invisible characters a face has no glyph
                    // for.
                    if g.gid == 0 {
                        if !g.text.is_empty() {
                            carry = Some(&g.text);
                        }
                        continue;
                    }
                    let key = (g.face as u16, g.gid);
                    if seen.insert(key) {
                        self.seen.push(key);
                    }
                    let text: &str = if g.text.is_empty() {
                        carry.take().unwrap_or("")
                    } else {
                        carry = None;
                        &g.text
                    };
                    let id = if text.is_empty() {
                        0
                    } else if let Some(&id) = ids.get(text) {
                        id
                    } else if self.strings.len() < usize::from(u16::MAX - 1) {
                        self.strings.push(text.into());
                        let id = self.strings.len() as u16;
                        ids.insert(text.into(), id);
                        id
                    } else {
                        self.overflow.push((self.glyphs.len() as u32, text.into()));
                        u16::MAX
                    };
                    if id != 0 && id != u16::MAX {
                        *tally.entry((key.0, key.1, id)).or_default() += 1;
                    }
                    self.glyphs.push(PackedGlyph {
                        gid: g.gid,
                        text: id,
                        x: g.x,
                    });
                }
                let end = self.glyphs.len() as u32;
                if end > start {
                    self.runs.push(Run {
                        face: g0.face as u16,
                        size: g0.size,
                        color: g0.color,
                        x0: placed.x,
                        baseline: baseline + g0.y,
                        start,
                        end,
                    });
                }
                i = j;
            }
        }
        self.tally = tally.into_iter().collect();
        // Hash order is not deterministic; the votes' order must be.
        self.tally.sort_unstable();
        self.rules.extend(page.rules);
        self.gotos.extend(page.gotos);
        self.anchors.extend(page.anchors);
    }
}

/// The file identifier: the first half of the content digest, mixed with
/// the options that change the file (different options give a different
/// file, hence a different /ID).
pub(crate) fn file_id(digest: &[u8; 32], opts: &PdfOptions) -> [u8; 16] {
    let mut id = [0u8; 16];
    id.copy_from_slice(&digest[..16]);
    let key = format!(
        "{:?}|{:?}|{:?}",
        opts.page_size,
        opts.font_size.map(FontSize::get),
        opts.fonts
    );
    let mut h: u64 = 0xcbf29ce484222325;
    for b in key.bytes() {
        h = (h ^ b as u64).wrapping_mul(0x100000001b3);
    }
    for (i, b) in h.to_be_bytes().iter().enumerate() {
        id[i] ^= b;
    }
    id
}

/// Writes the document.
#[allow(clippy::too_many_arguments)]
pub(crate) fn write_pdf(
    meta: &DocMeta,
    pages: &[PackedPage],
    width: f32,
    height: f32,
    fonts: &Fonts<'_>,
    id: [u8; 16],
    time: DateTime<Utc>,
    book: Option<&str>,
) -> Result<Vec<u8>, Error> {
    // 1. Which glyphs of which faces are used, and what each says: the
    // text it starts a cluster with most often (ties: the smallest text).
    // Clusters that say something else get an /ActualText span.
    let mut uses: BTreeMap<usize, FontUse> = BTreeMap::new();
    let mut votes: BTreeMap<(u16, u16), BTreeMap<&str, u32>> = BTreeMap::new();
    for page in pages {
        for &(face, gid) in &page.seen {
            let u = uses.entry(face as usize).or_insert_with(|| FontUse {
                remapper: GlyphRemapper::new(),
                text: FxHashMap::default(),
            });
            u.remapper.remap(gid);
        }
        for &((face, gid, id), n) in &page.tally {
            *votes
                .entry((face, gid))
                .or_default()
                .entry(&page.strings[id as usize - 1])
                .or_default() += n;
        }
    }
    for ((face, gid), texts) in votes {
        let mut best: Option<(&str, u32)> = None;
        for (t, n) in texts {
            if best.is_none_or(|(_, m)| n > m) {
                best = Some((t, n));
            }
        }
        if let (Some(u), Some((t, _))) = (uses.get_mut(&(face as usize)), best) {
            u.text.insert(gid, t.into());
        }
    }

    let mut alloc = Alloc(0);
    let catalog_id = alloc.next();
    let pages_id = alloc.next();
    let info_id = alloc.next();
    let meta_id = alloc.next();
    let mut pdf = Pdf::new();
    pdf.set_version(1, 7);

    // 2. Fonts.
    let mut font_refs: BTreeMap<usize, Ref> = BTreeMap::new();
    for (&face_idx, u) in &uses {
        let face = &fonts.faces[face_idx];
        let type0 = alloc.next();
        let cid = alloc.next();
        let desc = alloc.next();
        let file = alloc.next();
        let cmap_ref = alloc.next();
        font_refs.insert(face_idx, type0);
        let subset =
            subsetter::subset(face.data, face.index, &u.remapper).map_err(|e| Error::Font {
                path: face.label.into(),
                message: format!("subsetting failed: {e}"),
            })?;
        // CFF outlines go in as a bare CFF program.
        let raw = ttf_parser::RawFace::parse(&subset, 0).ok();
        let cff = raw.and_then(|r| r.table(ttf_parser::Tag::from_bytes(b"CFF ")));
        let is_cff = cff.is_some();
        let program = deflate(cff.unwrap_or(&subset));
        let mut tag_hash: u32 = 2166136261;
        for g in u.remapper.remapped_gids() {
            for b in g.to_be_bytes() {
                tag_hash = (tag_hash ^ b as u32).wrapping_mul(16777619);
            }
        }
        for b in face.postscript_name().bytes() {
            tag_hash = (tag_hash ^ b as u32).wrapping_mul(16777619);
        }
        let mut tag = String::new();
        let mut h = tag_hash;
        for _ in 0..6 {
            tag.push((b'A' + (h % 26) as u8) as char);
            h /= 26;
        }
        let base = format!("{tag}+{}", face.postscript_name());
        let scale = 1000.0 / face.units_per_em;

        pdf.type0_font(type0)
            .base_font(Name(base.as_bytes()))
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(cid)
            .to_unicode(cmap_ref);

        let widths: Vec<f32> = u
            .remapper
            .remapped_gids()
            .map(|old| {
                face.rb
                    .glyph_hor_advance(ttf_parser::GlyphId(old))
                    .unwrap_or(0) as f32
                    * scale
            })
            .collect();
        let mut cid_font = pdf.cid_font(cid);
        cid_font
            .subtype(if is_cff {
                CidFontType::Type0
            } else {
                CidFontType::Type2
            })
            .base_font(Name(base.as_bytes()))
            .system_info(SYSTEM_INFO)
            .font_descriptor(desc)
            .default_width(0.0);
        cid_font.widths().consecutive(0, widths.iter().copied());
        if !is_cff {
            cid_font.cid_to_gid_map_predefined(Name(b"Identity"));
        }
        cid_font.finish();

        let rb = &face.rb;
        let bbox = rb.global_bounding_box();
        let mut flags = FontFlags::SYMBOLIC;
        if face.serif {
            flags |= FontFlags::SERIF;
        }
        if face.italic {
            flags |= FontFlags::ITALIC;
        }
        if face.mono {
            flags |= FontFlags::FIXED_PITCH;
        }
        let ascent = rb.ascender() as f32 * scale;
        let descent = rb.descender() as f32 * scale;
        let cap = rb
            .capital_height()
            .map(|h| h as f32 * scale)
            .unwrap_or(ascent);
        let weight = rb.weight().to_number();
        let stem_v = 10.0 + 0.244 * (weight as f32 - 50.0);
        let mut d = pdf.font_descriptor(desc);
        d.name(Name(base.as_bytes()))
            .flags(flags)
            .bbox(Rect::new(
                bbox.x_min as f32 * scale,
                bbox.y_min as f32 * scale,
                bbox.x_max as f32 * scale,
                bbox.y_max as f32 * scale,
            ))
            .italic_angle(rb.italic_angle())
            .ascent(ascent)
            .descent(descent)
            .cap_height(cap)
            .stem_v(stem_v);
        if is_cff {
            d.font_file3(file);
        } else {
            d.font_file2(file);
        }
        d.finish();
        let mut stream = pdf.stream(file, &program);
        stream.filter(Filter::FlateDecode);
        if is_cff {
            stream.pair(Name(b"Subtype"), Name(b"CIDFontType0C"));
        }
        stream.finish();

        let mut cmap = UnicodeCmap::new(Name(b"Custom"), SYSTEM_INFO);
        let mut entries: Vec<(u16, &str)> = u
            .text
            .iter()
            .filter_map(|(&old, t)| Some((u.remapper.get(old)?, &**t)))
            .collect();
        entries.sort_unstable();
        for (gid, text) in entries {
            cmap.pair_with_multiple(gid, text.chars());
        }
        let cmap_data = deflate(&cmap.finish());
        pdf.cmap(cmap_ref, &cmap_data).filter(Filter::FlateDecode);
    }

    // 3. Pages.
    let page_ids: Vec<Ref> = pages.iter().map(|_| alloc.next()).collect();
    // Content streams are independent once the glyphs are numbered: build
    // and compress them in parallel.
    let streams: Vec<Vec<u8>> = pages
        .par_iter()
        .map(|page| deflate(&page_content(page, height, fonts, &uses)))
        .collect();
    let mut outline_anchors: Vec<(usize, Anchor)> = Vec::new();
    for (pi, (page, data)) in pages.iter().zip(streams).enumerate() {
        let content_id = alloc.next();
        pdf.stream(content_id, &data).filter(Filter::FlateDecode);
        drop(data);

        // Links.
        let mut annots = Vec::new();
        for (r, url) in &page.links {
            let id = alloc.next();
            annots.push(id);
            let mut a = pdf.annotation(id);
            a.subtype(AnnotationType::Link)
                .rect(Rect::new(r[0], r[1], r[2], r[3]))
                .border(0.0, 0.0, 0.0, None);
            a.action()
                .action_type(ActionType::Uri)
                .uri(Str(url.as_bytes()));
            a.finish();
        }
        // Links within the document (table of contents entries).
        for l in &page.gotos {
            let Some(&target) = page_ids.get(l.page) else {
                continue;
            };
            let id = alloc.next();
            annots.push(id);
            let mut a = pdf.annotation(id);
            a.subtype(AnnotationType::Link)
                .rect(Rect::new(l.x0, height - l.bottom, l.x1, height - l.top))
                .border(0.0, 0.0, 0.0, None);
            a.action()
                .action_type(ActionType::GoTo)
                .destination()
                .page(target)
                .xyz(0.0, height, None);
            a.finish();
        }
        let mut p = pdf.page(page_ids[pi]);
        p.parent(pages_id)
            .media_box(Rect::new(0.0, 0.0, width, height))
            .contents(content_id);
        if !annots.is_empty() {
            p.annotations(annots.iter().copied());
        }
        let mut res = p.resources();
        let mut f = res.fonts();
        for (&face, &r) in &font_refs {
            f.pair(Name(format!("F{face}").as_bytes()), r);
        }
        f.finish();
        res.finish();
        p.finish();
        for a in &page.anchors {
            outline_anchors.push((pi, a.clone()));
        }
    }
    pdf.pages(pages_id)
        .kids(page_ids.iter().copied())
        .count(page_ids.len() as i32);

    // 4. Outline: each article (its title is a level-0 anchor), with its
    // headings nested by level below it.
    let outline_id = alloc.next();
    struct Node {
        id: Ref,
        title: String,
        page: usize,
        y: f32,
        level: u8,
        children: Vec<usize>,
        parent: usize,
    }
    // Node 0 stands for the outline dictionary itself.
    let mut nodes: Vec<Node> = vec![Node {
        id: outline_id,
        title: String::new(),
        page: 0,
        y: 0.0,
        level: 0,
        children: vec![],
        parent: usize::MAX,
    }];
    let mut stack: Vec<usize> = vec![0];
    // A book's outline has one root, the book, over its contents and
    // articles.
    if let Some(title) = book {
        nodes.push(Node {
            id: alloc.next(),
            title: title.to_string(),
            page: 0,
            y: 0.0,
            level: 0,
            children: vec![],
            parent: 0,
        });
        nodes[0].children.push(1);
        stack.push(1);
    }
    let base = stack.len();
    for (page, a) in &outline_anchors {
        let level = a.level.saturating_add(1);
        while stack.len() > base && nodes[*stack.last().expect("stack")].level >= level {
            stack.pop();
        }
        let parent = *stack.last().expect("stack");
        let idx = nodes.len();
        nodes.push(Node {
            id: alloc.next(),
            title: a.title.clone(),
            page: *page,
            y: a.y,
            level,
            children: vec![],
            parent,
        });
        nodes[parent].children.push(idx);
        stack.push(idx);
    }
    fn count(nodes: &[Node], i: usize) -> i32 {
        nodes[i].children.iter().map(|&c| 1 + count(nodes, c)).sum()
    }
    {
        let mut outline = pdf.outline(outline_id);
        if let (Some(&f), Some(&l)) = (nodes[0].children.first(), nodes[0].children.last()) {
            outline.first(nodes[f].id).last(nodes[l].id);
        }
        outline.count(count(&nodes, 0));
    }
    for i in 1..nodes.len() {
        let n = &nodes[i];
        let mut item = pdf.outline_item(n.id);
        item.title(TextStr(&n.title));
        item.parent(nodes[n.parent].id);
        {
            let sib = &nodes[n.parent].children;
            let pos = sib.iter().position(|&s| s == i).unwrap_or(0);
            if pos > 0 {
                item.prev(nodes[sib[pos - 1]].id);
            }
            if pos + 1 < sib.len() {
                item.next(nodes[sib[pos + 1]].id);
            }
        }
        if let (Some(&f), Some(&l)) = (n.children.first(), n.children.last()) {
            item.first(nodes[f].id);
            item.last(nodes[l].id);
            item.count(count(&nodes, i));
        }
        let top = (height - n.y + n_top_pad(n.level)).min(height);
        item.dest().page(page_ids[n.page]).xyz(0.0, top, None);
    }

    // 5. Metadata.
    let authors = meta.creators.join(", ");
    let subject = meta.subject.clone();
    let date = pdf_date(time);
    let producer = concat!("Folio PDF ", env!("CARGO_PKG_VERSION"));
    let mut info = pdf.document_info(info_id);
    info.title(TextStr(&meta.title));
    if !authors.is_empty() {
        info.author(TextStr(&authors));
    }
    if let Some(s) = &subject {
        info.subject(TextStr(s));
    }
    info.creator(TextStr("Folio"))
        .producer(TextStr(producer))
        .creation_date(date)
        .modified_date(date);
    info.finish();

    let xmp = xmp_packet(meta, time, &id, producer);
    pdf.metadata(meta_id, xmp.as_bytes());

    let mut cat = pdf.catalog(catalog_id);
    cat.pages(pages_id).outlines(outline_id).metadata(meta_id);
    cat.page_mode(pdf_writer::types::PageMode::UseOutlines);
    let lang = meta.language.trim();
    if !lang.is_empty() && lang != "und" {
        cat.lang(TextStr(lang));
    }
    cat.viewer_preferences().display_doc_title(true);
    cat.finish();
    pdf.set_file_id((id.to_vec(), id.to_vec()));
    Ok(pdf.finish())
}

/// The clusters of `page` whose glyphs do not say their text: (first
/// glyph, end, text). A reader shows the text of a glyph's ToUnicode
/// entry, one entry a glyph, so a glyph drawn for different texts — "a"
/// alone and as the base of "a\u{31f}", a reordered Indic vowel sign, a
/// ligature standing for "fi" and for "ﬁ" — says the right thing only in
/// its most common use. The others get an `/ActualText` span, which
/// readers take instead of the glyphs' own text.
fn actual_text_spans<'p>(
    page: &'p PackedPage,
    uses: &BTreeMap<usize, FontUse>,
) -> Vec<(u32, u32, &'p str)> {
    let mut spans = Vec::new();
    // The open cluster: first glyph, text, whether it needs a span.
    let mut cur: Option<(u32, &str, bool)> = None;
    for run in &page.runs {
        let u = &uses[&(run.face as usize)];
        for gi in run.start..run.end {
            let g = page.glyphs[gi as usize];
            let says = u.says(g.gid);
            if g.text == 0 {
                // A later glyph of the cluster must say nothing.
                if let Some(c) = cur.as_mut() {
                    c.2 |= !says.is_empty();
                }
                continue;
            }
            if let Some((start, text, true)) = cur {
                spans.push((start, gi, text));
            }
            let text = page.text_of(gi as usize);
            cur = Some((gi, text, says != text));
        }
    }
    if let Some((start, text, true)) = cur {
        spans.push((start, page.glyphs.len() as u32, text));
    }
    spans
}

/// One element of a `TJ` array.
enum TjItem {
    Glyphs(Vec<u8>),
    Adjust(f32),
}

/// Writes `items` (and the glyph codes in `buf`) as one `TJ`.
fn show_tj(content: &mut Content, items: &mut Vec<TjItem>, buf: &mut Vec<u8>) {
    if !buf.is_empty() {
        items.push(TjItem::Glyphs(std::mem::take(buf)));
    }
    if items.is_empty() {
        return;
    }
    let mut show = content.show_positioned();
    let mut tj = show.items();
    for item in items.drain(..) {
        match item {
            TjItem::Glyphs(codes) => {
                tj.show(Str(&codes));
            }
            TjItem::Adjust(a) => {
                tj.adjust(a);
            }
        }
    }
    tj.finish();
    show.finish();
}

/// The content stream of a page: rules, then the glyph runs.
fn page_content(
    page: &PackedPage,
    height: f32,
    fonts: &Fonts<'_>,
    uses: &BTreeMap<usize, FontUse>,
) -> Vec<u8> {
    let mut content = Content::new();
    for r in &page.rules {
        content.set_stroke_gray(0.45);
        content.set_line_width(r.width);
        content.move_to(r.x0, height - r.y);
        content.line_to(r.x1, height - r.y);
        content.stroke();
    }
    let spans = actual_text_spans(page, uses);
    let mut spans = spans.iter().peekable();
    // The end of the open span.
    let mut open: Option<u32> = None;
    content.begin_text();
    let mut cur_font: Option<(u16, f32)> = None;
    let mut cur_color = Color::Black;
    let mut items: Vec<TjItem> = Vec::new();
    let mut buf: Vec<u8> = Vec::new();
    for run in &page.runs {
        let Some(first) = page.glyphs.get(run.start as usize) else {
            continue;
        };
        let first_x = first.x;
        if cur_font != Some((run.face, run.size)) {
            content.set_font(Name(format!("F{}", run.face).as_bytes()), run.size);
            cur_font = Some((run.face, run.size));
        }
        if cur_color != run.color {
            let (r, g, b) = color_rgb(run.color);
            content.set_fill_rgb(r, g, b);
            cur_color = run.color;
        }
        content.set_text_matrix([1.0, 0.0, 0.0, 1.0, run.x0 + first_x, run.baseline]);
        let face = &fonts.faces[run.face as usize];
        let scale = 1000.0 / face.units_per_em;
        let remap = &uses[&(run.face as usize)].remapper;
        // `pen` follows where the viewer's pen is, so the adjustments
        // (rounded to a tenth of a thousandth of an em, and left out below
        // half of one: float noise) never let errors add up along a line.
        let mut pen = first_x;
        for gi in run.start..run.end {
            // A `TJ` cannot hold marked content: spans cut it.
            if open == Some(gi) {
                show_tj(&mut content, &mut items, &mut buf);
                content.end_marked_content();
                open = None;
            }
            if let Some(&&(start, end, text)) = spans.peek() {
                if start == gi {
                    show_tj(&mut content, &mut items, &mut buf);
                    content
                        .begin_marked_content_with_properties(Name(b"Span"))
                        .properties()
                        .actual_text(TextStr(text));
                    open = Some(end);
                    spans.next();
                }
            }
            let PackedGlyph { gid, x, .. } = page.glyphs[gi as usize];
            let adj = ((x - pen) * 10_000.0 / run.size).round() / 10.0;
            if adj.abs() >= 0.5 {
                if !buf.is_empty() {
                    items.push(TjItem::Glyphs(std::mem::take(&mut buf)));
                }
                items.push(TjItem::Adjust(-adj));
                pen += adj * run.size / 1000.0;
            }
            let new = remap.get(gid).unwrap_or(0);
            buf.extend_from_slice(&new.to_be_bytes());
            let w = face
                .rb
                .glyph_hor_advance(ttf_parser::GlyphId(gid))
                .unwrap_or(0) as f32
                * scale;
            pen += w * run.size / 1000.0;
        }
        show_tj(&mut content, &mut items, &mut buf);
    }
    if open.is_some() {
        content.end_marked_content();
    }
    content.end_text();
    content.finish().to_vec()
}

/// XML-escapes `s` for the XMP packet (quick-xml's escaping); control
/// characters XML cannot carry are dropped first.
fn xml_escape(s: &str) -> String {
    let clean: String = s
        .chars()
        .filter(|&c| {
            ((c as u32) >= 0x20 || matches!(c, '\t' | '\n' | '\r'))
                && !matches!(c, '\u{FFFE}' | '\u{FFFF}')
        })
        .collect();
    quick_xml::escape::escape(clean.as_str()).into_owned()
}

fn xmp_packet(meta: &DocMeta, time: DateTime<Utc>, id: &[u8; 16], producer: &str) -> String {
    let ts = time.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let uuid = {
        let mut d = [0u8; 32];
        d[..16].copy_from_slice(id);
        d[16..].copy_from_slice(id);
        folio_core::meta::uuid(&d)
    };
    let lang = if meta.language.trim().is_empty() {
        "und"
    } else {
        meta.language.trim()
    };
    let mut x = String::new();
    x.push_str("<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n");
    x.push_str("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");
    x.push_str("<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\">\n");
    let _ = writeln!(
        x,
        "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:title>",
        xml_escape(&meta.title)
    );
    let creators = &meta.creators;
    if !creators.is_empty() {
        x.push_str("<dc:creator><rdf:Seq>");
        for c in creators {
            let _ = write!(x, "<rdf:li>{}</rdf:li>", xml_escape(c));
        }
        x.push_str("</rdf:Seq></dc:creator>\n");
    }
    if let Some(s) = &meta.subject {
        let _ = writeln!(
            x,
            "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:description>",
            xml_escape(s)
        );
    }
    let _ = writeln!(
        x,
        "<dc:language><rdf:Bag><rdf:li>{}</rdf:li></rdf:Bag></dc:language>",
        xml_escape(lang)
    );
    if let Some(d) = meta.date {
        let _ = writeln!(
            x,
            "<dc:date><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:date>",
            d.format("%Y-%m-%d")
        );
    }
    if let Some(r) = &meta.rights {
        let _ = writeln!(
            x,
            "<dc:rights><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:rights>",
            xml_escape(r)
        );
    }
    if let Some(p) = &meta.publisher {
        let _ = writeln!(
            x,
            "<dc:publisher><rdf:Bag><rdf:li>{}</rdf:li></rdf:Bag></dc:publisher>",
            xml_escape(p)
        );
    }
    if let Some(u) = &meta.source {
        let _ = writeln!(x, "<dc:source>{}</dc:source>", xml_escape(u));
    }
    x.push_str("<dc:format>application/pdf</dc:format>\n");
    let _ = writeln!(x, "<xmp:CreateDate>{ts}</xmp:CreateDate>");
    let _ = writeln!(x, "<xmp:ModifyDate>{ts}</xmp:ModifyDate>");
    let _ = writeln!(x, "<xmp:MetadataDate>{ts}</xmp:MetadataDate>");
    x.push_str("<xmp:CreatorTool>Folio</xmp:CreatorTool>\n");
    let _ = writeln!(x, "<pdf:Producer>{}</pdf:Producer>", xml_escape(producer));
    let _ = writeln!(x, "<xmpMM:DocumentID>uuid:{uuid}</xmpMM:DocumentID>");
    let _ = writeln!(x, "<xmpMM:InstanceID>uuid:{uuid}</xmpMM:InstanceID>");
    x.push_str("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
    x
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::page::Placed;
    use crate::typeset::text::{Glyph, GlyphText, Line};

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
                },
                x: 0.0,
                y: 0.0,
                info: None,
            }],
            rules: vec![],
            anchors: vec![],
            gotos: vec![],
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
