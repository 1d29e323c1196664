//! Stage 3, export: laid-out pages become PDF objects, written with
//! `pdf-writer`. Pages are packed as soon as they are laid out
//! ([`pack`]); then [`write_pdf`] runs the steps in order: which glyphs
//! each font draws and what they say, the subset fonts with their
//! ToUnicode maps ([`fonts`]), the pages with their content streams
//! ([`content`]) and links ([`pages`]), the structure tree of the tagged
//! PDF ([`structure`]), the outline ([`outline`]), the Info dictionary and
//! XMP ([`meta`], [`xmp`]), the catalog and the file ID.

pub(crate) mod content;
pub(crate) mod fonts;
pub(crate) mod meta;
pub(crate) mod objects;
pub(crate) mod outline;
pub(crate) mod pack;
pub(crate) mod pages;
pub(crate) mod structure;
pub(crate) mod xmp;

use crate::error::Error;
use crate::layout::tags::Tree;
use crate::typeset::fonts::Fonts;
use meta::{DocMeta, MetaRefs};
use objects::Alloc;
use pack::PackedPage;
use pages::PageSetup;
use pdf_writer::Pdf;

/// Writes the document of `pages` (`width` × `height` points), tagged
/// with the structure elements of `trees`, with the file ID `id`; `book`
/// is a book's outline (its title and contents).
#[allow(clippy::too_many_arguments)]
pub(crate) fn write_pdf(
    meta: &DocMeta,
    pages: &[PackedPage],
    trees: &[Tree],
    (width, height): (f32, f32),
    fonts: &Fonts<'_>,
    id: [u8; 16],
    book: Option<&outline::BookOutline<'_>>,
) -> Result<Vec<u8>, Error> {
    let uses = fonts::font_uses(pages, fonts);
    let mut alloc = Alloc(0);
    let catalog_id = alloc.next();
    let pages_id = alloc.next();
    let refs = MetaRefs {
        info: alloc.next(),
        xmp: alloc.next(),
    };
    let mut pdf = Pdf::new();
    pdf.set_version(1, 7);
    let font_refs = fonts::write_fonts(&mut pdf, &mut alloc, fonts, &uses)?;
    let setup = PageSetup {
        fonts,
        uses: &uses,
        font_refs: &font_refs,
        trees,
        parent: pages_id,
        width,
        height,
    };
    let written = pages::write_pages(&mut pdf, &mut alloc, pages, &setup);
    let outline_id = outline::write_outline(
        &mut pdf,
        &mut alloc,
        &written.anchors,
        &written.page_ids,
        height,
        book,
    );
    let lang = meta::catalog_language(meta);
    let struct_root = structure::write_structure(
        &mut pdf,
        &mut alloc,
        &structure::Tagged {
            trees,
            mcids: &written.mcids,
            annots: &written.annots,
            page_ids: &written.page_ids,
            lang: &lang,
        },
    );
    meta::write_info(&mut pdf, &refs, meta);
    xmp::write_xmp(&mut pdf, refs.xmp, meta, &id);
    let cat = meta::CatalogRefs {
        catalog: catalog_id,
        pages: pages_id,
        outline: outline_id,
        structure: struct_root,
    };
    meta::write_catalog(&mut pdf, &cat, &refs, &lang);
    pdf.set_file_id((id.to_vec(), id.to_vec()));
    Ok(pdf.finish())
}
