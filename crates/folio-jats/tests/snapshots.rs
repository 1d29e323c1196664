//! Snapshots pin the JATS of every fixture (`snapshots/jats__<fixture>.snap`,
//! Archiving flavour) and the Publishing flavour of the seed.

mod common;

use common::{article, fixtures, jats};
use folio_jats::{Flavor, JatsOptions};

#[test]
fn every_fixture_is_pinned() {
    let inputs = fixtures();
    assert!(inputs.len() >= 15, "fixtures found: {}", inputs.len());
    insta::with_settings!({
        snapshot_path => concat!(env!("CARGO_MANIFEST_DIR"), "/../../snapshots"),
        prepend_module_to_snapshot => false,
    }, {
        for (stem, path) in &inputs {
            let xml = jats(&article(path), &JatsOptions::default());
            insta::assert_snapshot!(format!("jats__{stem}"), xml);
        }
        let seed = root_seed(&inputs);
        let opts = common::opts(Flavor::Publishing);
        insta::assert_snapshot!("jats-publishing__seed-pyongyang-times", jats(&article(&seed), &opts));
    });
}

fn root_seed(inputs: &[(String, std::path::PathBuf)]) -> std::path::PathBuf {
    inputs
        .iter()
        .find(|(s, _)| s == "seed-pyongyang-times")
        .map(|(_, p)| p.clone())
        .expect("the seed fixture")
}
