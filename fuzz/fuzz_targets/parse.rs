//! The parser never panics and never loses a word of its input.
#![no_main]

#[path = "common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Some((article, _)) = common::article(data) {
        // The model serializes (the JSON output) and reads back equal.
        let json = serde_json::to_string(&article).unwrap();
        let back: folio_core::Article = serde_json::from_str(&json).unwrap();
        assert_eq!(serde_json::to_string(&back).unwrap(), json);
    }
});
