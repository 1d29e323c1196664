use super::*;

fn p(s: &str) -> Parsed {
    parse(s, &ParseOptions::default()).unwrap()
}

#[test]
fn empty_and_blank_inputs_are_errors() {
    assert!(matches!(
        parse("", &ParseOptions::default()),
        Err(Error::Empty)
    ));
    assert!(matches!(
        parse(" \n\u{a0}\n\t\n", &ParseOptions::default()),
        Err(Error::Blank)
    ));
}
