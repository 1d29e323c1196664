//! `folio formats`: the registered writers.
use crate::args::*;
use crate::exit::OK as EXIT_OK;
use folio_driver::WRITERS;

pub(crate) fn formats(a: FormatsArgs) -> u8 {
    if a.plain {
        for w in WRITERS {
            outln!("{} {}", w.name(), w.extensions()[0]);
        }
        return EXIT_OK;
    }
    outln!(
        "{:<10} {:<18} {:<11} description",
        "name",
        "extensions",
        "collections"
    );
    for w in WRITERS {
        outln!(
            "{:<10} {:<18} {:<11} {}",
            w.name(),
            w.extensions().join(", "),
            if w.supports_collections() {
                "yes"
            } else {
                "no"
            },
            w.description()
        );
    }
    EXIT_OK
}
