//! placeholder until the CLI lands
mod registry;
fn main() {
    let _ = registry::WRITERS.len();
}
