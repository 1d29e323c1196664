//! Folio's core: the document model, the raw-article parser and the
//! metadata every writer shares.
//!
//! Folio's pipeline is **text → [`parse`] → [`Article`] → writer**. This crate
//! holds the first stages; each output format is its own crate with one
//! entry point and one options type (`folio-markdown`, `folio-jats`,
//! `folio-epub`, `folio-pdf`), JSON is the model's serde form ([`json`]),
//! and `folio-driver` puts the writers behind one registry for front ends.
//!
//! ```
//! use folio_core::{parse, Block};
//!
//! let text = "DPRK-Russia friendship\n\nMarch 17, 2023\n\nFirst paragraph.\n\n\n2023 © All rights reserved. www.example.kp";
//! let parsed = parse::parse(text, &parse::ParseOptions::default()).unwrap();
//! let article = parsed.article;
//! assert_eq!(article.title, "DPRK-Russia friendship");
//! assert_eq!(article.date.unwrap().to_string(), "2023-03-17");
//! assert!(matches!(article.body[0], Block::Paragraph { .. }));
//! assert_eq!(article.copyright.unwrap().year, Some(2023));
//! ```

pub mod contents;
pub mod diag;
pub mod error;
pub mod json;
pub mod labels;
pub mod lang;
pub mod links;
pub mod meta;
pub mod model;
pub mod normalize;
pub mod parse;
pub mod read;
pub mod script;

pub use diag::{Diagnostic, Hint, Severity};
pub use error::Error;
pub use lang::Language;
pub use meta::Metadata;
pub use model::*;
