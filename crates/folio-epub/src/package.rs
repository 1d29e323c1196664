//! Packaging: epub-builder lays out the container, package document,
//! manifest, spine and NCX; then the archive is rewritten deterministically.
//!
//! epub-builder 0.8.3 cannot do everything EPUB 3.3 and Ace ask for, so the
//! rewrite also adjusts two of its files (each change is checked, and a
//! missing anchor is an error, not a silently different book):
//!
//! - `content.opf`: `xml:lang` (and `dir`) on `<package>`; a distinct id
//!   for `dc:language` (0.8.3 gives it `epub-creator-0`, the id of the first
//!   `dc:creator` too: EPUBCheck RSC-005); `dc:date` as a plain W3CDTF date,
//!   `dc:publisher` and `dc:source`, which it has no setters for.
//! - `nav.xhtml`: replaced by ours (language, ARIA roles, groups and nested
//!   sections, complete landmarks).
//! - `toc.ncx`: replaced by ours (the same tree as `nav.xhtml`, nested, the
//!   identifier, real depth and title, `playOrder` shared by lines that
//!   lead to the same place).
//!
//! The archive is then written with `mimetype` first and stored, every
//! entry with the same timestamp and permissions, in epub-builder's own
//! (deterministic) order.

use crate::Error;
use crate::cover::CoverImage;
use crate::xhtml::{Lang, Section};
use chrono::{DateTime, Datelike, Timelike, Utc};
use epub_builder::{
    EpubBuilder, EpubContent, EpubVersion, MetadataOpfV3, PageDirection, ReferenceType, TocElement,
    ZipLibrary,
};
use folio_core::meta::Metadata;
use quick_xml::escape::escape;
use std::io::{Cursor, Read, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

/// Publication-level metadata: the core's resolved [`Metadata`] (the same
/// every writer uses) and the language as the XHTML documents mark it.
pub(crate) struct BookMeta {
    pub core: Metadata,
    pub lang: Lang,
}

/// A spine document.
pub(crate) struct Part {
    pub href: String,
    pub bytes: Vec<u8>,
    /// Title in the NCX; `None` keeps the document out of the table of contents.
    pub toc_title: Option<String>,
    pub sections: Vec<Section>,
    pub reftype: Option<ReferenceType>,
}

/// Assembles the publication and writes the final archive to `out`.
pub(crate) fn assemble(
    meta: &BookMeta,
    css: &str,
    cover: &CoverImage,
    parts: Vec<Part>,
    nav: Vec<u8>,
    ncx: Vec<u8>,
    out: &mut impl Write,
) -> Result<(), Error> {
    let uuid = uuid::Uuid::parse_str(&meta.core.identifier)
        .map_err(|e| Error::Internal(format!("identifier is not a UUID: {e}")))?;
    let mut b = EpubBuilder::new(ZipLibrary::new()?)?;
    b.epub_version(EpubVersion::V33);
    b.set_title(meta.core.title.clone());
    b.add_language(meta.lang.tag.clone());
    for c in &meta.core.creators {
        b.add_author(c.clone());
    }
    if meta.lang.rtl {
        b.metadata("direction", "rtl")?;
        b.epub_direction(PageDirection::Rtl);
    }
    b.set_generator("Folio");
    b.set_toc_name("Contents");
    b.set_uuid(uuid);
    b.set_modified_date(meta.core.timestamp);
    if let Some(r) = &meta.core.rights {
        b.set_license(r.clone());
    }
    if let Some(d) = &meta.core.description {
        b.add_description(d.clone());
    }
    for (property, value) in accessibility() {
        b.add_metadata_opf(Box::new(MetadataOpfV3::new(
            property.to_owned(),
            escape(value).into_owned(),
        )));
    }
    b.stylesheet(css.as_bytes())?;
    b.add_cover_image(cover.href, cover.bytes.as_slice(), cover.media_type)?;
    if let Some(svg) = &cover.svg {
        b.add_resource(crate::cover::SVG_HREF, svg.as_slice(), "image/svg+xml")?;
    }
    for part in parts {
        let mut content = EpubContent::new(part.href.clone(), part.bytes.as_slice());
        if let Some(t) = &part.toc_title {
            content = content.title(t.clone());
            for s in &part.sections {
                content = content.child(
                    TocElement::new(format!("{}#{}", part.href, s.id), s.title.clone())
                        .level(1 + i32::from(s.depth)),
                );
            }
        }
        if let Some(r) = part.reftype {
            content = content.reftype(r);
        }
        b.add_content(content)?;
    }
    let mut raw = Vec::new();
    b.generate(&mut raw)?;
    rezip(&raw, meta, &nav, &ncx, out)
}

/// schema.org accessibility metadata (EPUB Accessibility 1.1).
fn accessibility() -> [(&'static str, &'static str); 9] {
    [
        ("schema:accessMode", "textual"),
        ("schema:accessMode", "visual"),
        ("schema:accessModeSufficient", "textual"),
        ("schema:accessibilityFeature", "structuralNavigation"),
        ("schema:accessibilityFeature", "tableOfContents"),
        ("schema:accessibilityFeature", "readingOrder"),
        ("schema:accessibilityFeature", "alternativeText"),
        ("schema:accessibilityHazard", "none"),
        (
            "schema:accessibilitySummary",
            "Reflowable text in logical reading order with a declared language, \
             headings for every section, a table of contents listing every article \
             and section, and a text alternative for the cover image, which is the \
             only image. No hazards.",
        ),
    ]
}

/// Rewrites the archive with fixed timestamps, patching the package
/// document and replacing the navigation document.
fn rezip(
    raw: &[u8],
    meta: &BookMeta,
    nav: &[u8],
    ncx: &[u8],
    out: &mut impl Write,
) -> Result<(), Error> {
    let mut archive = ZipArchive::new(Cursor::new(raw))?;
    let mut zw = ZipWriter::new(Cursor::new(Vec::with_capacity(raw.len())));
    let time = zip_time(meta.core.timestamp);
    let opts = SimpleFileOptions::default()
        .last_modified_time(time)
        .unix_permissions(0o644);
    let mut names: Vec<String> = Vec::with_capacity(archive.len());
    for i in 0..archive.len() {
        names.push(archive.by_index(i)?.name().to_owned());
    }
    // `mimetype` first, whatever the builder did.
    names.sort_by_key(|n| n != "mimetype");
    for name in names {
        let patched = matches!(
            name.as_str(),
            "mimetype" | "OEBPS/content.opf" | "OEBPS/toc.ncx" | "OEBPS/nav.xhtml"
        );
        if !patched {
            // Unchanged: copy the builder's compressed bytes as they are
            // (deflating everything twice was most of an article's cost),
            // with our timestamp and permissions.
            zw.raw_copy_file_touch(archive.by_name(&name)?, time, Some(0o644))?;
            continue;
        }
        let mut data = Vec::new();
        archive.by_name(&name)?.read_to_end(&mut data)?;
        let (method, data) = match name.as_str() {
            "mimetype" => (CompressionMethod::Stored, data),
            "OEBPS/content.opf" => (CompressionMethod::Deflated, patch_opf(data, meta)?),
            "OEBPS/toc.ncx" => (CompressionMethod::Deflated, ncx.to_vec()),
            _ => (CompressionMethod::Deflated, nav.to_vec()),
        };
        zw.start_file(name.as_str(), opts.compression_method(method))?;
        zw.write_all(&data)?;
    }
    let bytes = zw.finish()?.into_inner();
    out.write_all(&bytes)?;
    Ok(())
}

/// The zip timestamp: the publication's modified time, kept inside the range
/// a zip (DOS) time can hold.
fn zip_time(t: DateTime<Utc>) -> zip::DateTime {
    let clamp = |t: DateTime<Utc>| {
        zip::DateTime::from_date_and_time(
            t.year() as u16,
            t.month() as u8,
            t.day() as u8,
            t.hour() as u8,
            t.minute() as u8,
            t.second() as u8,
        )
    };
    if t.year() < 1980 {
        return zip::DateTime::default();
    }
    if t.year() > 2107 {
        return zip::DateTime::from_date_and_time(2107, 12, 31, 23, 59, 58).unwrap_or_default();
    }
    clamp(t).unwrap_or_default()
}

fn replace_once(doc: &mut String, anchor: &str, with: &str) -> Result<(), Error> {
    match doc.find(anchor) {
        Some(at) => {
            doc.replace_range(at..at + anchor.len(), with);
            Ok(())
        }
        None => Err(Error::Internal(format!(
            "epub-builder's package document lacks `{anchor}`"
        ))),
    }
}

fn patch_opf(data: Vec<u8>, meta: &BookMeta) -> Result<Vec<u8>, Error> {
    let opf =
        String::from_utf8(data).map_err(|_| Error::Internal("package is not UTF-8".into()))?;
    // The template leaves blank lines where optional fields were empty.
    let mut opf: String = opf
        .lines()
        .filter(|l| !l.trim().is_empty())
        .flat_map(|l| [l, "\n"])
        .collect();
    let lang = escape(meta.lang.tag.as_str());
    let dir = if meta.lang.rtl { " dir=\"rtl\"" } else { "" };
    replace_once(
        &mut opf,
        "<package version=\"3.0\"",
        &format!("<package xml:lang=\"{lang}\"{dir} version=\"3.0\""),
    )?;
    replace_once(
        &mut opf,
        "<dc:language id=\"epub-creator-0\">",
        "<dc:language id=\"language\">",
    )?;
    let mut extra = String::new();
    if let Some(d) = meta.core.date {
        extra.push_str(&format!(
            "    <dc:date>{}</dc:date>\n",
            d.format("%Y-%m-%d")
        ));
    }
    if let Some(p) = &meta.core.publisher {
        extra.push_str(&format!("    <dc:publisher>{}</dc:publisher>\n", escape(p)));
    }
    if let Some(s) = &meta.core.source {
        extra.push_str(&format!("    <dc:source>{}</dc:source>\n", escape(s)));
    }
    extra.push_str("  </metadata>");
    replace_once(&mut opf, "  </metadata>", &extra)?;
    Ok(opf.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zip_time_is_clamped() {
        let epoch = DateTime::UNIX_EPOCH;
        assert_eq!(zip_time(epoch), zip::DateTime::default());
        let t = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
        let z = zip_time(t);
        assert_eq!((z.year(), z.month(), z.day()), (2023, 11, 14));
    }
}
