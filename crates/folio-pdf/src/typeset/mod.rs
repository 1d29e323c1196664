//! Stage 1, typesetting: from styled text to set lines of positioned
//! glyphs. Fonts are loaded and chosen per character ([`fonts`]), text is
//! shaped ([`shape`], remembered in [`shape_cache`]), a paragraph's spans are collected into boxes, glue
//! and penalties with their hyphenation points ([`collect`], [`hyph`]),
//! broken into lines by Knuth–Plass ([`linebreak`]) and built into lines
//! ([`lines`]); [`para::set`] runs these steps. Nothing here knows about
//! pages: that is [`crate::layout`].

pub(crate) mod collect;
pub(crate) mod fonts;
pub(crate) mod hyph;
pub(crate) mod linebreak;
pub(crate) mod lines;
pub(crate) mod para;
pub(crate) mod shape;
pub(crate) mod shape_cache;
pub(crate) mod text;
