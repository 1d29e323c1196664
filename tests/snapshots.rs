//! Snapshots of the JSON and Markdown of every fixture (top-level
//! `snapshots/`, named `<format>__<fixture>`).

mod common;

use common::*;

#[test]
fn json_and_markdown_snapshots() {
    for f in fixtures() {
        let article =
            folio_core::parse::parse_bytes(&std::fs::read(&f).unwrap(), &Default::default())
                .unwrap()
                .article;
        let mut json = Vec::new();
        folio_core::json::write(&article, &mut json).unwrap();
        let mut md = Vec::new();
        folio_markdown::write(&article, &Default::default(), &mut md).unwrap();
        let name = stem(&f);
        insta::with_settings!({
            snapshot_path => concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"),
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, {
            insta::assert_snapshot!(format!("json__{name}"), String::from_utf8(json).unwrap());
            insta::assert_snapshot!(format!("markdown__{name}"), String::from_utf8(md).unwrap());
        });
    }
}
