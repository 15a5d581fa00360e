//! `Coder::explain` shows the parse, the mentions, every pattern tried and
//! the events.

mod common;

use expect_test::expect;
use std::sync::Arc;
use tocsin_coder::{Coder, CoderOptions};

#[test]
fn explain_shows_parse_rules_and_events() {
    let dicts = Arc::new(common::load_fixture(common::FIXTURE_DIR));
    let coder = Coder::new(dicts, CoderOptions::default());
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/golden/threaten-to.conllu"
    ))
    .unwrap();
    let doc = common::doc_from_conllu(&text);
    expect![[r#"
        sentence 0: Russia threatened to invade Ukraine.
          1	Russia	russia	PROPN	NNP	2	nsubj
          2	threatened	threaten	VERB	VBD	0	root
          3	to	to	PART	TO	4	mark
          4	invade	invade	VERB	VB	2	xcomp
          5	Ukraine	ukraine	PROPN	NNP	4	obj
          6	.	.	PUNCT	.	2	punct
          mention 1..1 Actor { id: 0, role: Canonical, sectors: [] } "Russia"
          mention 5..5 Actor { id: 1, role: Canonical, sectors: [] } "Ukraine"
          token 2 "threatened": verbs/13-threaten.txt:1 `verb threaten | 130` (specificity 0)
            best: sources [RUS] targets [] code 130 -> 130
          token 4 "invade": verbs/19-fight.txt:2 `verb invade | 192` (specificity 0)
            best: sources [RUS] targets [UKR] code 192 -> 138
          EVENT RUS -> UKR 138 "invade" verbs/19-fight.txt:2 negated=false via `verb invade | 192 => derive threat | 19 | 138 (modality.txt:13; threat modality.txt:3)`
    "#]]
    .assert_eq(&coder.explain(&doc, 0));
    assert!(coder.explain(&doc, 7).starts_with("no sentence 7"));
}
