//! Page geometry, computed once from the options: the paper, the text
//! block and the body size every other measure of the style table scales
//! with.

use crate::options::{FontSize, PageSize, PdfOptions};
use crate::typeset::fonts::{Fonts, Style};

/// The body size on A5 paper when the options give none.
const A5_BODY_SIZE: f32 = 10.0;
/// The body size on larger paper when the options give none: Libertinus
/// Serif has a small x-height, so it is set larger than DejaVu was.
const BODY_SIZE: f32 = 11.5;
/// The measure (the text block's width) in body sizes: 27 ems of
/// Libertinus Serif hold 60–70 characters a line (a median of 65 on A4
/// and Letter over the seed and the dev corpus, see `measure` below), on any paper,
/// at any body size; the side margins take the rest…
const MEASURE_EMS: f32 = 27.0;
/// …but at least this many body sizes.
const MIN_MARGIN_SIZES: f32 = 3.0;
/// The top margin: this fraction of the paper's height plus a body size.
const TOP_OF_HEIGHT: f32 = 0.075;
/// The bottom margin: this fraction of the paper's height plus a body size.
const BOTTOM_OF_HEIGHT: f32 = 0.085;

/// Page geometry in points: paper, text block and base font size.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Geometry {
    /// The paper's width.
    pub width: f32,
    /// The paper's height.
    pub height: f32,
    /// The text block's left edge.
    pub left: f32,
    /// The text block's width.
    pub measure: f32,
    /// The text block's top edge, from the paper's top.
    pub top: f32,
    /// The text block's distance from the paper's bottom.
    pub bottom: f32,
    /// The body text's size.
    pub size: f32,
}

impl Geometry {
    /// The geometry `opts` ask for.
    pub(crate) fn new(opts: &PdfOptions) -> Self {
        let (width, height) = opts.page_size.dimensions();
        let size = opts
            .font_size
            .map(FontSize::get)
            .unwrap_or(match opts.page_size {
                PageSize::A5 => A5_BODY_SIZE,
                _ => BODY_SIZE,
            });
        let margin = ((width - size * MEASURE_EMS) / 2.0).max(size * MIN_MARGIN_SIZES);
        Geometry {
            width,
            height,
            left: margin,
            measure: width - 2.0 * margin,
            top: height * TOP_OF_HEIGHT + size,
            bottom: height * BOTTOM_OF_HEIGHT + size,
            size,
        }
    }

    /// The height of the text block.
    pub(crate) fn area(&self) -> f32 {
        self.height - self.top - self.bottom
    }

    /// The text block (left, top, width, height from the top-left corner,
    /// in points), without the running header and footer.
    pub(crate) fn text_area(&self) -> [f32; 4] {
        [self.left, self.top, self.measure, self.area()]
    }
}

/// From the top of a line box `leading` high to the baseline of text of
/// `size` set in it (the primary face's ascender and descender centred).
pub(crate) fn ascent_for(fonts: &Fonts<'_>, size: f32, leading: f32) -> f32 {
    let f = &fonts.faces[fonts.primary(Style::Regular)];
    let asc = f.ascender() * size;
    let desc = -f.descender() * size;
    (leading - (asc + desc)) / 2.0 + asc
}
