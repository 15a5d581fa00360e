//! The validation suites in ../shared parse: record counts and expected
//! codings. (Scoring them needs the NLP pipeline; see examples/eval.rs.)

use tocsin_coder::eval::{read_petrarch, read_tabari};

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/eval");

fn read(rel: &str) -> Option<String> {
    let p = format!("{SHARED}/{rel}");
    match std::fs::read_to_string(&p) {
        Ok(t) => Some(t),
        Err(e) => {
            eprintln!("skipping: {p} is not readable ({e})");
            None
        }
    }
}

#[test]
fn petrarch_unit_records() {
    let Some(x) = read("petrarch-unit/PETR.UnitTest.records.xml") else {
        return;
    };
    let r = read_petrarch(&x).unwrap();
    // 285 <Sentence> elements, minus the categories not in <Include>
    // (AGENTS, COMPOUNDx) and minus commented-out ones.
    assert!(r.len() > 250, "{} records", r.len());
    assert!(r.iter().any(|r| !r.options.require_dyad));
    assert!(r.iter().any(|r| r.noevents));
    assert!(r.iter().any(|r| r.error.is_some()));
    assert!(r.iter().all(|r| !r.text.is_empty()));
    let demo = r.iter().find(|r| r.id == "DEMO-02").unwrap();
    assert_eq!(demo.expected.len(), 2);
}

#[test]
fn petr2_gsr_records() {
    let Some(x) = read("petr2-gsr/PETR2_GSR_validation.xml") else {
        return;
    };
    let r = read_petrarch(&x).unwrap();
    assert!(r.len() > 70, "{} records", r.len());
    assert!(r.iter().filter(|r| r.conllu.is_some()).count() > 60);
}

#[test]
fn tabari_validate_records() {
    let (Some(t), Some(o)) = (
        read("tabari-validate/Validate.text"),
        read("tabari-validate/Validate.options"),
    ) else {
        return;
    };
    let r = read_tabari(&t, &o).unwrap();
    assert!(r.len() > 300, "{} records", r.len());
    assert!(r.iter().any(|r| r.id == "DEMO-04" && r.expected.len() == 2));
}
