//! What every step of the export shares: object numbers and stream
//! compression.

use pdf_writer::Ref;

/// Hands out object numbers in order.
pub(crate) struct Alloc(pub i32);

impl Alloc {
    /// The next object number.
    pub(crate) fn next(&mut self) -> Ref {
        self.0 += 1;
        Ref::new(self.0)
    }
}

/// Compresses a stream (zlib, level 6).
pub(crate) fn deflate(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 6)
}
