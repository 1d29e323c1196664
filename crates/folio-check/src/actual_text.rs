//! Makes pdf-extract honour `/ActualText` spans, which it otherwise ignores
//! (it tracks `BDC`/`EMC` but never reads the property list).
//!
//! A conforming reader (pdftotext, Acrobat, pdf.js) replaces the text of
//! every glyph inside `/Span <</ActualText (…)>> BDC … EMC` with the
//! ActualText. [`honour_actual_text`] rewrites a loaded document so that
//! pdf-extract, reading glyphs through their ToUnicode maps, gives the same:
//! the first glyph of each span becomes a fresh code of its font, mapped to
//! the ActualText and as wide as the glyph it replaces, and every later glyph
//! of the span becomes a `TJ` adjustment that moves the pen as far as the
//! glyph did, showing nothing. So all positions stay where they were.

use pdf_extract::content::{Content, Operation};
use pdf_extract::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};
use std::collections::{BTreeMap, HashMap, HashSet};

type Res<T> = Result<T, String>;

/// Rewrites `doc` in place so that pdf-extract gives each ActualText span's
/// text instead of its glyphs' (see the module documentation). Pages with no
/// span are left alone; a page with one gets a new, uncompressed content
/// stream; fonts used at the start of a span get new ToUnicode entries and
/// widths.
///
/// Only Type0 fonts with the Identity-H encoding are handled (the fonts
/// Folio writes); a span over glyphs of any other font, or any structure
/// this does not expect (unbalanced marked content, a font not found, an
/// odd-length string of 2-byte codes…), is an `Err`.
pub(crate) fn honour_actual_text(doc: &mut Document) -> Res<()> {
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    // The pages holding a span, with their decoded content.
    let mut decoded: HashMap<ObjectId, (Vec<Operation>, PageResources)> = HashMap::new();
    let mut with_spans = Vec::new();
    for &page in &pages {
        let bytes = page_content(doc, page)?;
        if !bytes.windows(3).any(|w| w == b"BDC") {
            continue;
        }
        let ops = decode(&bytes, page)?;
        let res = PageResources::of(doc, page)?;
        let mut has_span = false;
        for op in ops.iter().filter(|op| op.operator == "BDC") {
            if span_text(doc, &res, op)
                .map_err(|e| format!("page {page:?}: {e}"))?
                .is_some()
            {
                has_span = true;
                break;
            }
        }
        if has_span {
            with_spans.push(page);
            decoded.insert(page, (ops, res));
        }
    }
    if with_spans.is_empty() {
        return Ok(());
    }

    // The largest code each font shows anywhere, so that a fresh code is
    // one no page uses.
    let mut used: HashMap<ObjectId, u32> = HashMap::new();
    for &page in &pages {
        match decoded.get(&page) {
            Some((ops, res)) => codes_used(ops, res, &mut used),
            None => {
                let ops = decode(&page_content(doc, page)?, page)?;
                let res = PageResources::of(doc, page)?;
                codes_used(&ops, &res, &mut used);
            }
        }
    }

    let mut fonts = Fonts {
        loaded: BTreeMap::new(),
        used,
    };
    let mut new_contents = Vec::new();
    for page in with_spans {
        let Some((ops, res)) = decoded.remove(&page) else {
            continue;
        };
        let ops = rewrite_page(doc, ops, &res, &mut fonts)
            .map_err(|e| format!("ActualText on page {page:?}: {e}"))?;
        if let Some(ops) = ops {
            new_contents.push((page, ops));
        }
    }

    for (page, ops) in new_contents {
        let n = ops.len();
        let bytes = Content { operations: ops }
            .encode()
            .map_err(|e| format!("page {page:?}: re-encoding the content: {e}"))?;
        // What pdf-extract will read must be what was meant.
        match Content::decode(&bytes) {
            Ok(c) if c.operations.len() == n => {}
            _ => {
                return Err(format!(
                    "page {page:?}: the rewritten content does not read back"
                ));
            }
        }
        let id = doc.add_object(Stream::new(Dictionary::new(), bytes));
        doc.get_dictionary_mut(page)
            .map_err(|e| format!("page {page:?}: {e}"))?
            .set("Contents", Object::Reference(id));
    }
    fonts.apply(doc)
}

/// A page's content streams, decompressed and concatenated.
fn page_content(doc: &Document, page: ObjectId) -> Res<Vec<u8>> {
    doc.get_page_content(page)
        .map_err(|e| format!("page {page:?}: content: {e}"))
}

fn decode(bytes: &[u8], page: ObjectId) -> Res<Vec<Operation>> {
    Content::decode(bytes)
        .map(|c| c.operations)
        .map_err(|e| format!("page {page:?}: content does not parse: {e}"))
}

/// The entries of a page's `/Font` and `/Properties` resources (inherited
/// from the page tree as a whole, as pdf-extract reads them).
struct PageResources {
    fonts: BTreeMap<Vec<u8>, Object>,
    properties: BTreeMap<Vec<u8>, Object>,
}

impl PageResources {
    fn of(doc: &Document, page: ObjectId) -> Res<Self> {
        let err = |e: pdf_extract::Error| format!("page {page:?}: resources: {e}");
        let mut node = doc.get_dictionary(page).map_err(err)?;
        let mut resources = None;
        for _ in 0..64 {
            if let Ok(r) = node.get(b"Resources") {
                resources = Some(deref(doc, r)?.as_dict().map_err(err)?);
                break;
            }
            match node.get(b"Parent").and_then(Object::as_reference) {
                Ok(parent) => node = doc.get_dictionary(parent).map_err(err)?,
                Err(_) => break,
            }
        }
        let entries = |key: &[u8]| -> Res<BTreeMap<Vec<u8>, Object>> {
            match resources.and_then(|r| r.get(key).ok()) {
                None => Ok(BTreeMap::new()),
                Some(d) => Ok(deref(doc, d)?
                    .as_dict()
                    .map_err(err)?
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect()),
            }
        };
        Ok(PageResources {
            fonts: entries(b"Font")?,
            properties: entries(b"Properties")?,
        })
    }

    /// The object id of the font resource `name`.
    fn font(&self, name: &[u8]) -> Res<ObjectId> {
        match self.fonts.get(name) {
            Some(Object::Reference(id)) => Ok(*id),
            Some(_) => Err(format!("font /{} is not an indirect object", lossy(name))),
            None => Err(format!("no font /{} in the page resources", lossy(name))),
        }
    }
}

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> Res<&'a Object> {
    doc.dereference(o)
        .map(|(_, o)| o)
        .map_err(|e| format!("dangling reference: {e}"))
}

fn number(doc: &Document, o: &Object) -> Res<f64> {
    match deref(doc, o)? {
        Object::Integer(i) => Ok(*i as f64),
        Object::Real(r) => Ok(f64::from(*r)),
        o => Err(format!("expected a number, found {o:?}")),
    }
}

/// The ActualText of a `BDC` operation opening a `/Span` that has one
/// (given inline or as a `/Properties` resource).
fn span_text(doc: &Document, res: &PageResources, op: &Operation) -> Res<Option<String>> {
    let [Object::Name(tag), props] = op.operands.as_slice() else {
        return Err(format!("BDC with operands {:?}", op.operands));
    };
    if tag != b"Span" {
        return Ok(None);
    }
    let props = match props {
        Object::Name(n) => match res.properties.get(n) {
            Some(p) => deref(doc, p)?,
            None => return Err(format!("no property list /{} in the resources", lossy(n))),
        },
        p => p,
    };
    let Object::Dictionary(props) = props else {
        return Err(format!("BDC with property list {props:?}"));
    };
    let Ok(text) = props.get(b"ActualText") else {
        return Ok(None);
    };
    let text = deref(doc, text)?;
    let text = pdf_extract::decode_text_string(text)
        .map_err(|e| format!("ActualText {text:?} is not a text string: {e}"))?;
    // lopdf keeps the byte order mark of a UTF-8 text string.
    Ok(Some(
        text.strip_prefix('\u{feff}').unwrap_or(&text).to_owned(),
    ))
}

/// The strings a text-showing operator shows (`Tj`, `TJ`, `'`, `"`).
fn shown_strings(op: &Operation) -> impl Iterator<Item = &[u8]> {
    let items: &[Object] = match (op.operator.as_str(), op.operands.as_slice()) {
        ("TJ", [Object::Array(a)]) => a,
        ("Tj" | "'", [s]) => std::slice::from_ref(s),
        ("\"", [_, _, s]) => std::slice::from_ref(s),
        _ => &[],
    };
    items.iter().filter_map(|o| o.as_str().ok())
}

/// Records, for each font (by object id), the largest 2-byte code `ops`
/// show in it. Lenient: whatever cannot be resolved is skipped.
fn codes_used(ops: &[Operation], res: &PageResources, used: &mut HashMap<ObjectId, u32>) {
    let mut font: Option<ObjectId> = None;
    let mut saved = Vec::new();
    for op in ops {
        match op.operator.as_str() {
            "q" => saved.push(font),
            "Q" => font = saved.pop().unwrap_or(font),
            "Tf" => {
                font = op
                    .operands
                    .first()
                    .and_then(|n| n.as_name().ok())
                    .and_then(|n| res.font(n).ok());
            }
            _ => {
                let Some(id) = font else { continue };
                for s in shown_strings(op) {
                    for c in s.chunks(2) {
                        let code = c.iter().fold(0u32, |a, &b| a << 8 | u32::from(b));
                        let m = used.entry(id).or_default();
                        *m = (*m).max(code);
                    }
                }
            }
        }
    }
}

/// The part of the graphics state the rewrite needs, saved by `q`.
#[derive(Clone)]
struct TextState {
    font: Option<Vec<u8>>,
    size: f64,
    char_spacing: f64,
}

/// An open ActualText span.
struct Span {
    text: String,
    /// Whether a glyph of the span has been met (and given the text).
    placed: bool,
}

/// Rewrites the text-showing operators inside ActualText spans of one
/// page's content; `None` if nothing needed rewriting (spans without glyphs).
fn rewrite_page(
    doc: &Document,
    ops: Vec<Operation>,
    res: &PageResources,
    fonts: &mut Fonts,
) -> Res<Option<Vec<Operation>>> {
    let mut out = Vec::with_capacity(ops.len());
    let mut ts = TextState {
        font: None,
        size: 0.0,
        char_spacing: 0.0,
    };
    let mut saved = Vec::new();
    // One entry per open BMC/BDC: whether it opened the active span.
    let mut marks: Vec<bool> = Vec::new();
    let mut span: Option<Span> = None;
    let mut changed = false;
    let mut inline_image = false;
    for op in ops {
        let operand = |i: usize| {
            op.operands
                .get(i)
                .ok_or_else(|| format!("{} with operands {:?}", op.operator, op.operands))
        };
        match op.operator.as_str() {
            "q" => saved.push(ts.clone()),
            "Q" => ts = saved.pop().unwrap_or(ts),
            "Tf" => {
                let name = operand(0)?
                    .as_name()
                    .map_err(|_| format!("Tf with operands {:?}", op.operands))?;
                ts.font = Some(name.to_vec());
                ts.size = number(doc, operand(1)?)?;
            }
            "Tc" => ts.char_spacing = number(doc, operand(0)?)?,
            "\"" => ts.char_spacing = number(doc, operand(1)?)?,
            "BI" => inline_image = true,
            "BMC" => marks.push(false),
            "BDC" => {
                let opens = match span {
                    // Spans nested in an ActualText span are part of it.
                    Some(_) => false,
                    None => match span_text(doc, res, &op)? {
                        Some(text) => {
                            span = Some(Span {
                                text,
                                placed: false,
                            });
                            true
                        }
                        None => false,
                    },
                };
                marks.push(opens);
            }
            "EMC" => match marks.pop() {
                None => return Err("EMC without a matching BMC or BDC".into()),
                Some(true) => span = None,
                Some(false) => {}
            },
            _ => {}
        }
        if let Some(span) = span.as_mut() {
            if matches!(op.operator.as_str(), "Tj" | "TJ" | "'" | "\"") {
                rewrite_show(doc, op, res, &ts, span, fonts, &mut out)?;
                changed = true;
                continue;
            }
        }
        out.push(op);
    }
    if !marks.is_empty() {
        return Err(format!("{} BMC/BDC without an EMC", marks.len()));
    }
    if !changed {
        return Ok(None);
    }
    if inline_image {
        // lopdf cannot write an inline image back into content.
        return Err("an inline image on a page that needs rewriting".into());
    }
    Ok(Some(out))
}

/// Rewrites one text-showing operator inside `span` into a `TJ` (after the
/// line move and spacing `'` and `"` imply), pushing the result to `out`.
fn rewrite_show(
    doc: &Document,
    op: Operation,
    res: &PageResources,
    ts: &TextState,
    span: &mut Span,
    fonts: &mut Fonts,
    out: &mut Vec<Operation>,
) -> Res<()> {
    let bad = || format!("{} with operands {:?}", op.operator, op.operands);
    let items: Vec<Object> = match (op.operator.as_str(), op.operands.as_slice()) {
        ("TJ", [Object::Array(a)]) => a.clone(),
        ("Tj", [s @ Object::String(..)]) => vec![s.clone()],
        ("'", [s @ Object::String(..)]) => {
            out.push(Operation::new("T*", vec![]));
            vec![s.clone()]
        }
        ("\"", [aw, ac, s @ Object::String(..)]) => {
            out.push(Operation::new("Tw", vec![aw.clone()]));
            out.push(Operation::new("Tc", vec![ac.clone()]));
            out.push(Operation::new("T*", vec![]));
            vec![s.clone()]
        }
        _ => return Err(bad()),
    };
    let mut shown = Vec::with_capacity(items.len());
    let mut buf: Vec<u8> = Vec::new();
    let flush = |buf: &mut Vec<u8>, shown: &mut Vec<Object>| {
        if !buf.is_empty() {
            shown.push(Object::String(
                std::mem::take(buf),
                StringFormat::Hexadecimal,
            ));
        }
    };
    for item in items {
        let bytes = match item {
            Object::Integer(_) | Object::Real(_) => {
                flush(&mut buf, &mut shown);
                shown.push(item);
                continue;
            }
            Object::String(bytes, _) => bytes,
            _ => return Err(bad()),
        };
        if bytes.is_empty() {
            continue;
        }
        let name = ts
            .font
            .as_deref()
            .ok_or("text shown before any Tf".to_string())?;
        let font = fonts.get(doc, res.font(name)?)?;
        if bytes.len() % 2 != 0 {
            return Err(format!(
                "{} shows {} bytes in a font of 2-byte codes",
                op.operator,
                bytes.len()
            ));
        }
        for c in bytes.chunks(2) {
            let code = u32::from(u16::from_be_bytes([c[0], c[1]]));
            let width = font.widths.of(code).clone();
            if !span.placed && !span.text.is_empty() {
                let fresh = font.fresh_code(&span.text, &width)?;
                buf.extend_from_slice(&fresh.to_be_bytes());
            } else {
                if let Some(n) = advance(&width, ts)? {
                    flush(&mut buf, &mut shown);
                    shown.push(n);
                }
            }
            span.placed = true;
        }
    }
    flush(&mut buf, &mut shown);
    out.push(Operation::new("TJ", vec![Object::Array(shown)]));
    Ok(())
}

/// The `TJ` number that moves the pen as far as a glyph of `width` would:
/// a glyph advances by `(w0 · Tfs + Tc) · Th`, a number `n` by
/// `−n/1000 · Tfs · Th` (no character spacing; word spacing never applies
/// to 2-byte codes).
/// `None` for no move at all.
fn advance(width: &Width, ts: &TextState) -> Res<Option<Object>> {
    if ts.char_spacing == 0.0 {
        return Ok(match width.object {
            _ if width.value == 0.0 => None,
            Object::Integer(i) => Some(Object::Integer(-i)),
            _ => Some(Object::Real(-(width.value as f32))),
        });
    }
    if ts.size == 0.0 {
        return Err("character spacing with a font size of 0".into());
    }
    let n = -(width.value + 1000.0 * ts.char_spacing / ts.size);
    if !n.is_finite() {
        return Err(format!("glyph advance {n}"));
    }
    Ok((n != 0.0).then_some(Object::Real(n as f32)))
}

/// A glyph width in thousandths of an em, and the object that gave it (to
/// be written back as it was).
#[derive(Clone, Debug)]
struct Width {
    value: f64,
    object: Object,
}

impl Width {
    fn new(doc: &Document, o: &Object) -> Res<Self> {
        let object = deref(doc, o)?.clone();
        let value = number(doc, &object)?;
        if !value.is_finite() {
            return Err(format!("width {value}"));
        }
        Ok(Width { value, object })
    }
}

/// A CIDFont's widths: `/DW` and the `/W` array.
struct Widths {
    default: Width,
    single: HashMap<u32, Width>,
    ranges: Vec<(u32, u32, Width)>,
    /// The largest CID the array gives a width.
    max: u32,
}

impl Widths {
    fn read(doc: &Document, cid_font: &Dictionary) -> Res<Self> {
        let default = match cid_font.get(b"DW") {
            Ok(dw) => Width::new(doc, dw)?,
            Err(_) => Width {
                value: 1000.0,
                object: Object::Integer(1000),
            },
        };
        let mut w = Widths {
            default,
            single: HashMap::new(),
            ranges: Vec::new(),
            max: 0,
        };
        let Ok(array) = cid_font.get(b"W") else {
            return Ok(w);
        };
        let array = deref(doc, array)?
            .as_array()
            .map_err(|_| "/W is not an array".to_string())?;
        let cid = |o: &Object| -> Res<u32> {
            match deref(doc, o)? {
                Object::Integer(i) if (0..=0xFFFF).contains(i) => Ok(*i as u32),
                o => Err(format!("/W: expected a CID, found {o:?}")),
            }
        };
        let mut i = 0;
        while i < array.len() {
            let first = cid(&array[i])?;
            match array.get(i + 1).map(|o| deref(doc, o)).transpose()? {
                Some(Object::Array(ws)) => {
                    for (k, o) in ws.iter().enumerate() {
                        let c = first + k as u32;
                        let width = Width::new(doc, o)?;
                        if !w.ranges.iter().any(|(a, b, _)| (*a..=*b).contains(&c)) {
                            w.single.entry(c).or_insert(width);
                        }
                        w.max = w.max.max(c);
                    }
                    i += 2;
                }
                Some(last) => {
                    let last = cid(last)?;
                    let width = array
                        .get(i + 2)
                        .ok_or("/W ends inside a range".to_string())?;
                    w.ranges.push((first, last, Width::new(doc, width)?));
                    w.max = w.max.max(last);
                    i += 3;
                }
                None => return Err("/W ends after a CID".into()),
            }
        }
        Ok(w)
    }

    /// The width of `cid` (the first entry given wins).
    fn of(&self, cid: u32) -> &Width {
        self.single
            .get(&cid)
            .or_else(|| {
                self.ranges
                    .iter()
                    .find(|(a, b, _)| (*a..=*b).contains(&cid))
                    .map(|(_, _, w)| w)
            })
            .unwrap_or(&self.default)
    }
}

/// The largest source code a ToUnicode CMap maps (`bfchar` and `bfrange`).
fn cmap_max_code(cmap: &[u8]) -> Res<u32> {
    #[derive(PartialEq)]
    enum Tok<'a> {
        Hex(u32),
        Word(&'a [u8]),
        Other,
    }
    let mut toks = Vec::new();
    let mut i = 0;
    while i < cmap.len() {
        let c = cmap[i];
        match c {
            b'%' => {
                while i < cmap.len() && !matches!(cmap[i], b'\n' | b'\r') {
                    i += 1;
                }
            }
            b'(' => {
                let mut depth = 0;
                while i < cmap.len() {
                    match cmap[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                toks.push(Tok::Other);
                i += 1;
            }
            b'<' if cmap.get(i + 1) == Some(&b'<') => {
                toks.push(Tok::Other);
                i += 2;
            }
            b'<' => {
                let end = cmap[i..]
                    .iter()
                    .position(|&b| b == b'>')
                    .ok_or("ToUnicode: unterminated hex string".to_string())?;
                let hex: Vec<u8> = cmap[i + 1..i + end]
                    .iter()
                    .copied()
                    .filter(|b| !b.is_ascii_whitespace())
                    .collect();
                let hex = std::str::from_utf8(&hex).unwrap_or("?");
                // Source codes are at most 4 bytes; longer strings are
                // destinations, never read as codes.
                toks.push(Tok::Hex(
                    u32::from_str_radix(hex.get(..8).unwrap_or(hex), 16).unwrap_or(0),
                ));
                i += end + 1;
            }
            b'>' | b'[' | b']' | b'{' | b'}' | b'/' => {
                toks.push(Tok::Other);
                i += 1;
            }
            c if c.is_ascii_whitespace() => i += 1,
            _ => {
                let start = i;
                while i < cmap.len()
                    && !cmap[i].is_ascii_whitespace()
                    && !b"()<>[]{}/%".contains(&cmap[i])
                {
                    i += 1;
                }
                toks.push(Tok::Word(&cmap[start..i]));
            }
        }
    }
    let mut max = 0;
    let mut k = 0;
    while k < toks.len() {
        let (group, end): (usize, &[u8]) = match toks[k] {
            Tok::Word(b"beginbfchar") => (2, b"endbfchar"),
            Tok::Word(b"beginbfrange") => (3, b"endbfrange"),
            _ => {
                k += 1;
                continue;
            }
        };
        k += 1;
        // Entries: source codes (the hex strings at the group's first
        // positions; a bfrange's array destination is skipped whole).
        let mut pos = 0;
        let mut in_array = false;
        while k < toks.len() && toks[k] != Tok::Word(end) {
            match &toks[k] {
                Tok::Other if !in_array && group == 3 && pos % 3 == 2 => in_array = true,
                Tok::Other if in_array => {
                    in_array = false;
                    pos += 1;
                }
                _ if in_array => {}
                Tok::Hex(v) => {
                    if pos % group < group - 1 {
                        max = max.max(*v);
                    }
                    pos += 1;
                }
                _ => return Err("ToUnicode: unexpected token in a bf block".into()),
            }
            k += 1;
        }
    }
    Ok(max)
}

/// A Type0 font being given fresh codes.
struct Font {
    descendant: ObjectId,
    to_unicode: Option<ObjectId>,
    widths: Widths,
    next: u32,
    /// New codes, their text and width, in the order given.
    added: Vec<(u32, String, Object)>,
    reuse: HashMap<(String, u64), u32>,
}

impl Font {
    fn load(doc: &Document, id: ObjectId, used: u32) -> Res<Self> {
        let dict = doc
            .get_dictionary(id)
            .map_err(|e| format!("font {id:?}: {e}"))?;
        let name = |key: &[u8]| -> Res<Vec<u8>> {
            match dict.get(key).map(|o| deref(doc, o)) {
                Ok(Ok(Object::Name(n))) => Ok(n.clone()),
                Ok(Ok(o)) => Ok(format!("a {}", o.enum_variant()).into_bytes()),
                Ok(Err(e)) => Err(e),
                Err(_) => Ok(b"(none)".to_vec()),
            }
        };
        let subtype = name(b"Subtype")?;
        if subtype != b"Type0" {
            return Err(format!(
                "an ActualText span shows glyphs of font {id:?}, of subtype {}: only Type0 fonts are handled",
                lossy(&subtype)
            ));
        }
        let encoding = name(b"Encoding")?;
        if encoding != b"Identity-H" {
            return Err(format!(
                "font {id:?} has encoding {}: only Identity-H is handled",
                lossy(&encoding)
            ));
        }
        let descendant = dict
            .get(b"DescendantFonts")
            .map_err(|_| format!("font {id:?} has no /DescendantFonts"))
            .and_then(|o| deref(doc, o))?
            .as_array()
            .ok()
            .and_then(|a| a.first())
            .and_then(|o| o.as_reference().ok())
            .ok_or(format!(
                "font {id:?}: /DescendantFonts is not an array of a reference"
            ))?;
        let cid_font = doc
            .get_dictionary(descendant)
            .map_err(|e| format!("font {id:?}: descendant: {e}"))?;
        let widths = Widths::read(doc, cid_font).map_err(|e| format!("font {id:?}: {e}"))?;
        let (to_unicode, mapped) = match dict.get(b"ToUnicode") {
            Err(_) => (None, 0),
            Ok(Object::Reference(tu)) => {
                let cmap = doc
                    .get_object(*tu)
                    .and_then(Object::as_stream)
                    .map_err(|e| format!("font {id:?}: ToUnicode: {e}"))?
                    .get_plain_content()
                    .map_err(|e| format!("font {id:?}: ToUnicode: {e}"))?;
                let max = cmap_max_code(&cmap).map_err(|e| format!("font {id:?}: {e}"))?;
                (Some(*tu), max)
            }
            Ok(o) => return Err(format!("font {id:?}: ToUnicode {o:?}")),
        };
        Ok(Font {
            descendant,
            to_unicode,
            next: widths.max.max(mapped).max(used) + 1,
            widths,
            added: Vec::new(),
            reuse: HashMap::new(),
        })
    }

    /// A code of this font, unused so far, whose text is `text` and whose
    /// width is `width` (one per distinct pair).
    fn fresh_code(&mut self, text: &str, width: &Width) -> Res<u16> {
        let key = (text.to_owned(), width.value.to_bits());
        if let Some(&c) = self.reuse.get(&key) {
            return Ok(c as u16);
        }
        let code = self.next;
        if code > 0xFFFF {
            return Err("no free 2-byte code left in the font".into());
        }
        self.next += 1;
        self.reuse.insert(key, code);
        self.added
            .push((code, text.to_owned(), width.object.clone()));
        Ok(code as u16)
    }
}

/// The fonts met inside spans, by object id.
struct Fonts {
    loaded: BTreeMap<ObjectId, Font>,
    /// The largest code each font shows in the page contents.
    used: HashMap<ObjectId, u32>,
}

impl Fonts {
    fn get(&mut self, doc: &Document, id: ObjectId) -> Res<&mut Font> {
        use std::collections::btree_map::Entry;
        Ok(match self.loaded.entry(id) {
            Entry::Occupied(e) => e.into_mut(),
            Entry::Vacant(e) => {
                let used = self.used.get(&id).copied().unwrap_or(0);
                e.insert(Font::load(doc, id, used)?)
            }
        })
    }

    /// Writes the fresh codes into the fonts: a `bfchar` block in each
    /// ToUnicode CMap (stored uncompressed; created if the font had none)
    /// and `c [w]` entries in the descendant's `/W`.
    fn apply(self, doc: &mut Document) -> Res<()> {
        let mut touched = HashSet::new();
        for (id, font) in self.loaded {
            if font.added.is_empty() {
                continue;
            }
            let mut block = String::new();
            for chunk in font.added.chunks(100) {
                block.push_str(&format!("{} beginbfchar\n", chunk.len()));
                for (code, text, _) in chunk {
                    let hex: String = text.encode_utf16().map(|u| format!("{u:04X}")).collect();
                    block.push_str(&format!("<{code:04X}> <{hex}>\n"));
                }
                block.push_str("endbfchar\n");
            }
            let cmap_id = match font.to_unicode {
                Some(tu) => tu,
                None => {
                    let tu = doc.add_object(Stream::new(Dictionary::new(), EMPTY_CMAP.to_vec()));
                    doc.get_dictionary_mut(id)
                        .map_err(|e| format!("font {id:?}: {e}"))?
                        .set("ToUnicode", Object::Reference(tu));
                    tu
                }
            };
            if !touched.insert(cmap_id) {
                return Err(format!(
                    "ToUnicode {cmap_id:?} is shared by fonts given new codes"
                ));
            }
            let stream = doc
                .get_object_mut(cmap_id)
                .and_then(Object::as_stream_mut)
                .map_err(|e| format!("font {id:?}: ToUnicode: {e}"))?;
            let mut cmap = stream
                .get_plain_content()
                .map_err(|e| format!("font {id:?}: ToUnicode: {e}"))?;
            let at = cmap
                .windows(7)
                .rposition(|w| w == b"endcmap")
                .ok_or(format!("font {id:?}: ToUnicode has no endcmap"))?;
            cmap.splice(at..at, block.into_bytes());
            stream.set_plain_content(cmap);

            if !touched.insert(font.descendant) {
                return Err(format!(
                    "descendant font {:?} is shared by fonts given new codes",
                    font.descendant
                ));
            }
            let entries = font
                .added
                .into_iter()
                .flat_map(|(code, _, w)| [Object::Integer(code.into()), Object::Array(vec![w])]);
            let cid_font = doc
                .get_dictionary_mut(font.descendant)
                .map_err(|e| format!("font {id:?}: descendant: {e}"))?;
            match cid_font.get_mut(b"W") {
                Err(_) => cid_font.set("W", Object::Array(entries.collect())),
                Ok(Object::Array(w)) => w.extend(entries),
                Ok(Object::Reference(w_id)) => {
                    let w_id = *w_id;
                    if !touched.insert(w_id) {
                        return Err(format!("/W {w_id:?} is shared by fonts given new codes"));
                    }
                    doc.get_object_mut(w_id)
                        .and_then(Object::as_array_mut)
                        .map_err(|e| format!("font {id:?}: /W: {e}"))?
                        .extend(entries);
                }
                Ok(o) => return Err(format!("font {id:?}: /W is {o:?}")),
            }
        }
        Ok(())
    }
}

/// A ToUnicode CMap with no mappings, for a Type0 font that had none.
const EMPTY_CMAP: &[u8] = b"/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
endcmap
CMapName currentdict /CMap defineresource pop
end
end
";

#[cfg(test)]
mod tests {
    use super::*;
    use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
    use pdf_writer::{Content as Writer, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

    const INFO: SystemInfo = SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"Identity"),
        supplement: 0,
    };

    /// A glyph of the test fonts without text (a combining mark), width 0.
    const MARK: u16 = 0x100;
    /// A glyph whose ToUnicode says "ı".
    const DOTLESS_I: u16 = 0x101;
    /// A glyph without text but with a width (part of a reordered cluster).
    const BLANK: u16 = 0x103;

    /// Font `F1` (letters 500 wide) and `F2` (letters 600 wide): Type0,
    /// Identity-H, no font program (pdf-extract reads only the ToUnicode
    /// map and the widths). Codes 0x20–0x7E are printable ASCII, then
    /// [`MARK`], [`DOTLESS_I`], 0x102 "ﬁ" and [`BLANK`].
    fn fonts(pdf: &mut Pdf, ids: &mut impl FnMut() -> Ref) -> [Ref; 2] {
        [500.0, 600.0].map(|letter| {
            let [type0, cid, desc, cmap] = [ids(), ids(), ids(), ids()];
            pdf.type0_font(type0)
                .base_font(Name(b"Test"))
                .encoding_predefined(Name(b"Identity-H"))
                .descendant_font(cid)
                .to_unicode(cmap);
            let mut c = pdf.cid_font(cid);
            c.subtype(CidFontType::Type2)
                .base_font(Name(b"Test"))
                .system_info(INFO)
                .font_descriptor(desc)
                .cid_to_gid_map_predefined(Name(b"Identity"));
            let mut w = c.widths();
            w.consecutive(0x20, [250.0]);
            w.consecutive(0x21, [letter; 94]);
            w.consecutive(MARK, [0.0, 278.0, 556.0, 300.0]);
            w.finish();
            c.finish();
            pdf.font_descriptor(desc)
                .name(Name(b"Test"))
                .flags(FontFlags::SYMBOLIC)
                .bbox(Rect::new(0.0, -200.0, 1000.0, 800.0))
                .italic_angle(0.0)
                .ascent(800.0)
                .descent(-200.0)
                .cap_height(700.0)
                .stem_v(80.0);
            let mut map = UnicodeCmap::new(Name(b"Custom"), INFO);
            for c in b' '..=b'~' {
                map.pair(u16::from(c), char::from(c));
            }
            map.pair(DOTLESS_I, 'ı');
            map.pair(0x102, 'ﬁ');
            pdf.cmap(cmap, &map.finish());
            type0
        })
    }

    /// A one-page PDF showing `content` with fonts `F1` and `F2`; the
    /// resources (fonts and a property list `/MC0` with ActualText "yx")
    /// are on the page, or inherited from the page tree.
    fn pdf_with(content: &[u8], inherited: bool) -> Vec<u8> {
        let mut next = 0;
        let mut ids = || {
            next += 1;
            Ref::new(next)
        };
        let [catalog, pages, page, contents] = [ids(), ids(), ids(), ids()];
        let mut pdf = Pdf::new();
        let [f1, f2] = fonts(&mut pdf, &mut ids);
        pdf.catalog(catalog).pages(pages);
        let resources = |mut r: pdf_writer::writers::Resources| {
            r.fonts().pair(Name(b"F1"), f1).pair(Name(b"F2"), f2);
            r.properties()
                .insert(Name(b"MC0"))
                .actual_text(TextStr("yx"));
        };
        let mut p = pdf.pages(pages);
        p.kids([page]).count(1);
        if inherited {
            resources(p.resources());
        }
        p.finish();
        let mut p = pdf.page(page);
        p.parent(pages)
            .media_box(Rect::new(0.0, 0.0, 612.0, 792.0))
            .contents(contents);
        if !inherited {
            resources(p.resources());
        }
        p.finish();
        pdf.stream(contents, content);
        pdf.finish()
    }

    fn pdf(content: &[u8]) -> Vec<u8> {
        pdf_with(content, false)
    }

    /// The codes of printable ASCII `s` in the test fonts, as a hex string.
    fn t(s: &str) -> String {
        let hex: String = s.bytes().map(|b| format!("{b:04X}")).collect();
        format!("<{hex}>")
    }

    fn load(bytes: &[u8]) -> Document {
        Document::load_mem(bytes).unwrap()
    }

    fn rewritten(bytes: &[u8]) -> Document {
        let mut doc = load(bytes);
        honour_actual_text(&mut doc).unwrap();
        doc
    }

    fn text(doc: &Document) -> String {
        let mut s = String::new();
        pdf_extract::output_doc(doc, &mut pdf_extract::PlainTextOutput::new(&mut s)).unwrap();
        s
    }

    /// Every glyph pdf-extract meets: its text and origin.
    #[derive(Default)]
    struct Glyphs(Vec<(String, f64, f64)>);

    impl pdf_extract::OutputDev for Glyphs {
        fn begin_page(
            &mut self,
            _: u32,
            _: &pdf_extract::MediaBox,
            _: Option<(f64, f64, f64, f64)>,
        ) -> Result<(), pdf_extract::OutputError> {
            Ok(())
        }
        fn end_page(&mut self) -> Result<(), pdf_extract::OutputError> {
            Ok(())
        }
        fn output_character(
            &mut self,
            trm: &pdf_extract::Transform,
            _: f64,
            _: f64,
            _: f64,
            char: &str,
        ) -> Result<(), pdf_extract::OutputError> {
            self.0.push((char.to_owned(), trm.m31, trm.m32));
            Ok(())
        }
        fn begin_word(&mut self) -> Result<(), pdf_extract::OutputError> {
            Ok(())
        }
        fn end_word(&mut self) -> Result<(), pdf_extract::OutputError> {
            Ok(())
        }
        fn end_line(&mut self) -> Result<(), pdf_extract::OutputError> {
            Ok(())
        }
    }

    fn glyphs(doc: &Document) -> Vec<(String, f64, f64)> {
        let mut g = Glyphs::default();
        pdf_extract::output_doc(doc, &mut g).unwrap();
        g.0
    }

    /// The page's (only) content, decoded.
    fn content(doc: &Document) -> String {
        let page = doc.get_pages()[&1];
        String::from_utf8_lossy(&doc.get_page_content(page).unwrap()).into_owned()
    }

    /// The ToUnicode CMap of font `n` (0 or 1), decompressed.
    fn cmap(doc: &Document, n: usize) -> String {
        let mut cmaps: Vec<_> = doc
            .objects
            .values()
            .filter_map(|o| o.as_dict().ok())
            .filter(|d| d.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0"))
            .map(|d| d.get(b"ToUnicode").unwrap().as_reference().unwrap())
            .collect();
        cmaps.sort();
        let s = doc.get_object(cmaps[n]).unwrap().as_stream().unwrap();
        String::from_utf8(s.get_plain_content().unwrap()).unwrap()
    }

    /// The combining mark case, with content as pdf-writer writes it.
    fn combining_mark() -> Vec<u8> {
        let mut c = Writer::new();
        c.begin_text();
        c.set_font(Name(b"F1"), 12.0);
        c.next_line(72.0, 700.0);
        c.show(Str(&[0, b'x']));
        c.begin_marked_content_with_properties(Name(b"Span"))
            .properties()
            .actual_text(TextStr("a\u{31f}"));
        c.show_positioned().items().show(Str(&[0, b'a', 1, 0]));
        c.end_marked_content();
        c.show_positioned()
            .items()
            .show(Str(&[0, b'y']))
            .adjust(-250.0)
            .show(Str(&[0, b'z']));
        c.end_text();
        pdf(&c.finish())
    }

    #[test]
    fn a_span_over_a_letter_and_a_mark_gives_its_actual_text() {
        let bytes = combining_mark();
        // The span's glyphs say "a" and nothing.
        assert_eq!(text(&load(&bytes)).trim(), "xay z");
        assert_eq!(text(&rewritten(&bytes)).trim(), "xa\u{31f}y z");
    }

    #[test]
    fn raw_pdf_extract_ignores_actual_text() {
        // What makes the rewrite needed: pdf-extract alone gives the glyphs'
        // text, so the oracle would report "a\u{31f}" lost.
        let raw = text(&load(&combining_mark()));
        assert!(raw.contains("xay"), "{raw:?}");
        assert!(!raw.contains('\u{31f}'), "{raw:?}");
        let rewritten = text(&rewritten(&combining_mark()));
        assert!(!rewritten.contains("xay"), "{rewritten:?}");
    }

    #[test]
    fn only_glyphs_inside_a_span_get_its_text() {
        let i = |code: u16| format!("<{code:04X}>");
        let c = format!(
            "BT /F1 12 Tf 72 700 Td [{}] TJ \
             /Span <</ActualText <FEFF00690301>>> BDC [{}{}] TJ EMC \
             [-300 {} -300 {}] TJ ET",
            t("k"),
            i(DOTLESS_I),
            i(MARK),
            i(DOTLESS_I),
            t("k")
        );
        let bytes = pdf(c.as_bytes());
        assert_eq!(text(&load(&bytes)).trim(), "kı ı k");
        let doc = rewritten(&bytes);
        assert_eq!(text(&doc).trim(), "ki\u{301} ı k");
        // The fresh code is the one after the largest the font knows
        // (0x103 in /W), mapped to the ActualText.
        // (No zero adjustment for the mark, of width 0.)
        assert!(content(&doc).contains("[<0104>] TJ"), "{}", content(&doc));
        assert!(cmap(&doc, 0).contains("<0104> <00690301>"));
    }

    #[test]
    fn a_span_may_cross_text_matrix_and_font_changes_and_hold_nested_marked_content() {
        // A reordered cluster: "x" (F1) then, after a new text matrix, font
        // and colour, "y" (F2) and a blank glyph, shown for "yx". Nested
        // marked content (with an ActualText of its own, which the outer
        // span overrides) does not end the span; its end does.
        let c = format!(
            "BT /F1 12 Tf 1 0 0 1 72 700 Tm \
             /Span <</ActualText (yx)>> BDC {x} Tj \
             /F2 10 Tf 1 0 0 1 84 700 Tm 1 0 0 rg \
             /P BMC /Span <</ActualText (zz)>> BDC [{y}] TJ EMC EMC <{blank:04X}> Tj \
             EMC /F1 12 Tf 1 0 0 1 120 700 Tm {after} Tj ET",
            x = t("x"),
            y = t("y"),
            blank = BLANK,
            after = t("after"),
        );
        let bytes = pdf(c.as_bytes());
        assert_eq!(text(&load(&bytes)).trim(), "x y after");
        let doc = rewritten(&bytes);
        assert_eq!(text(&doc).trim(), "yx after");
        // The fresh code is F1's (the font of the first glyph), F2 is as it was.
        assert!(cmap(&doc, 0).contains("<0104> <00790078>"));
        assert!(!cmap(&doc, 1).contains("beginbfchar\n<0104>"));
        assert_eq!(cmap(&doc, 1), cmap(&load(&bytes), 1));
    }

    #[test]
    fn positions_after_a_span_are_unchanged() {
        // Character spacing, horizontal scaling and kerning in and around
        // a span of three glyphs over two TJ, one with a width of 300.
        let c = format!(
            "BT /F1 12 Tf 0.5 Tc 90 Tz 72 700 Td [{}] TJ \
             /Span <</ActualText <FEFF0061031F>>> BDC [{} -20 <{MARK:04X}>] TJ \
             /F2 12 Tf [<{BLANK:04X}>] TJ EMC \
             [{} -400 {}] TJ 1 0 0 1 72 680 Tm {} Tj ET",
            t("x"),
            t("a"),
            t("y"),
            t("next"),
            t("line")
        );
        let bytes = pdf(c.as_bytes());
        let before = glyphs(&load(&bytes));
        let after = glyphs(&rewritten(&bytes));
        // Three glyphs became one, the rest are where they were.
        assert_eq!(before.len(), after.len() + 2);
        assert_eq!(after[1].0, "a\u{31f}");
        assert_eq!(
            &after[..2].iter().map(|g| (g.1, g.2)).collect::<Vec<_>>(),
            &[(before[0].1, before[0].2), (before[1].1, before[1].2)]
        );
        for (b, a) in before[4..].iter().zip(&after[2..]) {
            assert_eq!(a.0, b.0);
            assert!(
                (a.1 - b.1).abs() < 1e-3 && (a.2 - b.2).abs() < 1e-3,
                "{a:?} moved from {b:?}"
            );
        }
        // So the words after the span are still apart, not glued.
        let words: Vec<String> = text(&rewritten(&bytes))
            .split_whitespace()
            .map(str::to_owned)
            .collect();
        assert!(
            words.ends_with(&["y".into(), "next".into(), "line".into()]),
            "{words:?}"
        );
    }

    #[test]
    fn tj_quote_and_an_empty_actual_text() {
        // `Tj` and `'` inside spans; an empty ActualText shows nothing.
        let c = format!(
            "BT /F1 12 Tf 14 TL 72 700 Td /Span <</ActualText (fi)>> BDC {} Tj EMC [-300] TJ \
             /Span <</ActualText ()>> BDC {} Tj EMC [-300 {}] TJ \
             /Span <</ActualText (ok)>> BDC {} ' EMC ET",
            t("f"),
            t("gone"),
            t("kept"),
            t("no")
        );
        let bytes = pdf(c.as_bytes());
        let before = glyphs(&load(&bytes));
        // pdf-extract ignores `'`; the rewrite turns it into T* and TJ.
        assert_eq!(text(&load(&bytes)).trim(), "f gone kept");
        let doc = rewritten(&bytes);
        assert_eq!(text(&doc).trim(), "fi kept\nok");
        let after = glyphs(&doc);
        let kept = |g: &[(String, f64, f64)]| g.iter().find(|g| g.0 == "k").unwrap().1;
        assert_eq!(kept(&before), kept(&after));
    }

    #[test]
    fn fresh_codes_are_unused_and_shared_by_equal_spans() {
        // Code 0x200 is in neither /W nor the ToUnicode map, but shown.
        let c = format!(
            "BT /F1 12 Tf 72 700 Td [<0200>] TJ \
             /Span <</ActualText (one)>> BDC [{}] TJ EMC \
             /Span <</ActualText (one)>> BDC [{}] TJ EMC \
             /Span <</ActualText (one)>> BDC [<{MARK:04X}>] TJ EMC \
             /Span <</ActualText (two)>> BDC [{}] TJ EMC ET",
            t("a"),
            t("b"),
            t("c")
        );
        let doc = rewritten(&pdf(c.as_bytes()));
        let content = content(&doc);
        assert_eq!(content.matches("[<0201>] TJ").count(), 2, "{content}");
        assert!(content.contains("[<0202>] TJ"), "{content}");
        assert!(content.contains("[<0203>] TJ"), "{content}");
        let map = cmap(&doc, 0);
        assert!(map.contains("3 beginbfchar\n<0201> <006F006E0065>\n<0202> <006F006E0065>\n<0203> <00740077006F>\nendbfchar\nendcmap"), "{map}");
        let w = doc
            .objects
            .values()
            .filter_map(|o| o.as_dict().ok())
            .find(|d| d.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"CIDFontType2"))
            .unwrap()
            .get(b"W")
            .unwrap()
            .as_array()
            .unwrap()
            .clone();
        let tail: Vec<f32> = w[w.len() - 6..]
            .iter()
            .map(|o| match o {
                Object::Array(a) => a[0].as_float().unwrap(),
                o => o.as_float().unwrap(),
            })
            .collect();
        assert_eq!(tail, [513.0, 500.0, 514.0, 0.0, 515.0, 500.0]);
    }

    #[test]
    fn named_property_lists_and_inherited_resources() {
        let c = format!(
            "BT /F1 12 Tf 72 700 Td /Span /MC0 BDC [{}] TJ EMC ET",
            t("xy")
        );
        for inherited in [false, true] {
            let bytes = pdf_with(c.as_bytes(), inherited);
            assert_eq!(text(&load(&bytes)).trim(), "xy");
            assert_eq!(text(&rewritten(&bytes)).trim(), "yx");
        }
    }

    #[test]
    fn compressed_cmaps_are_read_and_stored_plain() {
        let mut doc = load(&combining_mark());
        let ids: Vec<ObjectId> = doc.objects.keys().copied().collect();
        for id in ids {
            let s = doc.get_object_mut(id).unwrap();
            if let Ok(s) = s.as_stream_mut() {
                if s.content.windows(7).any(|w| w == b"endcmap") {
                    s.compress().unwrap();
                    assert!(s.is_compressed());
                }
            }
        }
        honour_actual_text(&mut doc).unwrap();
        assert_eq!(text(&doc).trim(), "xa\u{31f}y z");
        // And the document still saves and reads back the same.
        let mut saved = Vec::new();
        doc.save_to(&mut saved).unwrap();
        assert_eq!(text(&load(&saved)).trim(), "xa\u{31f}y z");
    }

    #[test]
    fn unexpected_structure_is_an_error() {
        let span = |inner: &str| format!("/Span <</ActualText (q)>> BDC {inner} EMC");
        let a = format!("{} Tj", t("a"));
        for (content, error) in [
            (format!("BT /F1 12 Tf {} EMC ET", span(&a)), "EMC without"),
            (
                format!("BT /F1 12 Tf /P BMC {} ET", span(&a)),
                "without an EMC",
            ),
            (
                format!("BT /F1 12 Tf {} ET", span("<006100> Tj")),
                "3 bytes",
            ),
            (format!("BT {} ET", span(&a)), "before any Tf"),
            (format!("BT /F9 12 Tf {} ET", span(&a)), "no font /F9"),
            (
                format!("BT /F1 12 Tf {} ET", span("5 Tj")),
                "Tj with operands",
            ),
            ("/Span /MC9 BDC EMC".to_owned(), "no property list /MC9"),
            (
                "/Span <</ActualText 5>> BDC EMC".to_owned(),
                "not a text string",
            ),
        ] {
            let content = format!("{} Tj ", t("a")) + &content;
            let mut doc = load(&pdf(content.as_bytes()));
            match honour_actual_text(&mut doc) {
                Err(e) => assert!(e.contains(error), "{content}: {e}"),
                Ok(()) => panic!("{content}: no error"),
            }
        }
        // A span over a simple font's glyphs.
        let mut doc = load(&pdf(format!(
            "BT /F1 12 Tf {} ET",
            span("/F3 12 Tf (a) Tj")
        )
        .as_bytes()));
        let page = doc.get_pages()[&1];
        let mut helvetica = Dictionary::new();
        helvetica.set("Type", Object::Name(b"Font".to_vec()));
        helvetica.set("Subtype", Object::Name(b"Type1".to_vec()));
        helvetica.set("BaseFont", Object::Name(b"Helvetica".to_vec()));
        let helvetica = doc.add_object(helvetica);
        let res = doc
            .get_dictionary(page)
            .unwrap()
            .get(b"Resources")
            .unwrap()
            .as_dict()
            .unwrap()
            .clone();
        let mut fonts = res.get(b"Font").unwrap().as_dict().unwrap().clone();
        fonts.set("F3", Object::Reference(helvetica));
        let mut res = res;
        res.set("Font", fonts);
        doc.get_dictionary_mut(page).unwrap().set("Resources", res);
        let e = honour_actual_text(&mut doc).unwrap_err();
        assert!(e.contains("subtype Type1"), "{e}");
    }

    #[test]
    fn pages_without_spans_are_left_alone() {
        let c = format!(
            "BT /F1 12 Tf 72 700 Td /P <</MCID 0>> BDC [{}] TJ EMC ET",
            t("a")
        );
        let bytes = pdf(c.as_bytes());
        let mut doc = load(&bytes);
        let before = doc.objects.len();
        honour_actual_text(&mut doc).unwrap();
        assert_eq!(doc.objects.len(), before);
        assert_eq!(content(&doc), c);
    }

    #[test]
    fn the_pdf_oracle_reads_actual_text() {
        let article = folio_core::parse::parse("Title\n\nxa\u{31f}y next\n", &Default::default())
            .unwrap()
            .article;
        let page = |span: &str| {
            let c = format!(
                "BT /F1 12 Tf 72 700 Td {} Tj 0 -20 Td {} Tj {span} BDC [{}{MARK:04X}>] TJ EMC [{} -300 {}] TJ ET",
                t("Title"),
                t("x"),
                t("a").trim_end_matches('>'),
                t("y"),
                t("next"),
            );
            pdf(c.as_bytes())
        };
        let area = [72.0, 72.0, 468.0, 648.0];
        let with = page("/Span <</ActualText <FEFF0061031F>>>");
        assert_eq!(crate::pdf(&article, &with, area), Ok(()));
        // The same glyphs without the ActualText lose the mark.
        let without = page("/P <</MCID 0>>");
        let e = crate::pdf(&article, &without, area).unwrap_err();
        assert!(e.contains("lost a word: word 1"), "{e}");
    }

    #[test]
    fn cmap_max_code_reads_bfchar_and_bfrange_sources_only() {
        let cmap = b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS (x\\) 0300)) >> def
            % <FFFF> in a comment
            2 beginbfchar <0003> <FFFE> <0010><0041> endbfchar
            2 beginbfrange
            <0020> <0030> [<FFFD> <00660069>]
            <0040><0042><FFFC>
            endbfrange endcmap";
        assert_eq!(cmap_max_code(cmap), Ok(0x42));
        assert_eq!(cmap_max_code(EMPTY_CMAP), Ok(0));
        assert!(cmap_max_code(b"1 beginbfchar <0001> <0041 endcmap").is_err());
    }

    #[test]
    fn widths_read_both_forms_of_w() {
        let doc = Document::new();
        let mut cid_font = Dictionary::new();
        cid_font.set("DW", 50);
        cid_font.set(
            "W",
            Object::Array(vec![
                1.into(),
                Object::Array(vec![100.into(), Object::Real(200.5)]),
                10.into(),
                20.into(),
                300.into(),
                15.into(),
                Object::Array(vec![999.into()]),
            ]),
        );
        let w = Widths::read(&doc, &cid_font).unwrap();
        let of = |c| w.of(c).value;
        assert_eq!(
            [of(1), of(2), of(3), of(10), of(15), of(20), of(21)],
            [100.0, 200.5, 50.0, 300.0, 300.0, 300.0, 50.0]
        );
        assert_eq!(w.max, 20);
        cid_font.set("W", Object::Array(vec![1.into(), 2.into()]));
        assert!(Widths::read(&doc, &cid_font).is_err());
    }
}
