//! Folio's core: the document model, the raw-article parser and the writer
//! interface.
//!
//! Folio's pipeline is **text → [`parse`] → [`Article`] → writer**. This crate
//! holds the first three stages; each output format is its own crate that
//! implements [`Writer`] (`folio-markdown`, `folio-jats`, `folio-epub`,
//! `folio-pdf`); JSON is the model's serde form ([`json`]).
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

pub mod diag;
pub mod error;
pub mod eval;
pub mod json;
pub mod lang;
pub mod links;
pub mod meta;
pub mod model;
pub mod normalize;
pub mod parse;
pub mod textcheck;
pub mod writer;

pub use diag::{Diagnostic, Severity};
pub use error::Error;
pub use model::*;
pub use writer::{DynError, Settings, Writer};
