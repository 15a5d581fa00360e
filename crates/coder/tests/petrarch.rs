//! PETRARCH's dictionary language with PETRARCH dictionaries: pattern lines
//! over verb lines, `$`/`+` at names, `^` skipping a phrase, a target named
//! before the verb, passives without a `by` agent. Fixture:
//! `tests/fixtures/petrarch`.

mod common;

use std::path::PathBuf;
use std::sync::Arc;
use tocsin_coder::{Coder, CoderOptions};
use tocsin_core::Stage;

fn code(words: &str) -> Vec<String> {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/petrarch"
    ));
    let (d, diags) = tocsin_dict::load_petrarch_dir(&dir);
    assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
    let conllu = common::conllu_from_words(words);
    let mut doc = tocsin_coder::eval::doc_from_conllu(&conllu, None).unwrap();
    Coder::new(Arc::new(d), CoderOptions::default()).annotate(&mut doc);
    common::sorted_codings(&doc)
}

#[test]
fn a_pattern_line_beats_a_multiword_verb_line() {
    let s = "Arnor/PROPN/arnor/2/nsubj broke/VERB/break/0/root down/ADP/down/2/compound:prt \
             a/DET/a/5/det treaty/NOUN/treaty/2/obj with/ADP/with/7/case Gondor/PROPN/gondor/5/nmod";
    assert_eq!(code(s), ["ARN / GON / 161"]);
}

#[test]
fn skip_a_phrase_then_a_name() {
    // `- * AT ^ +`: "the Gondor" is skipped, the target is the next name.
    let s = "Arnor/PROPN/arnor/2/nsubj warned/VERB/warn/0/root at/ADP/at/5/case \
             the/DET/the/5/det Gondor/PROPN/gondor/2/obl of/ADP/of/8/case the/DET/the/8/det \
             Prince/PROPN/prince/5/nmod of/ADP/of/12/case Dol/PROPN/dol/12/compound \
             Amroth/PROPN/amroth/8/nmod";
    assert_eq!(code(s), ["ARN / DOL / 162"]);
}

#[test]
fn a_target_before_the_verb_takes_the_source_before_the_pattern() {
    // `- NOTED + *`: the verb's subject is the target.
    let s =
        "Gondor/PROPN/gondor/3/nmod:poss minister/NOUN/minister/3/nsubj noted/VERB/note/0/root \
             that/SCONJ/that/6/mark Rohan/PROPN/rohan/6/nsubj regretted/VERB/regret/3/ccomp \
             Arnor/PROPN/arnor/6/obj";
    assert_eq!(code(s), ["GONGOV / ROH / 115"]);
}

#[test]
fn a_passive_without_its_agent_keeps_its_subject_as_source() {
    let s =
        "Rohan/PROPN/rohan/3/nsubj:pass was/AUX/be/3/aux:pass criticized/VERB/criticize/0/root \
             over/ADP/over/5/case dispute/NOUN/dispute/3/obl with/ADP/with/7/case \
             Arnor/PROPN/arnor/5/nmod";
    assert_eq!(code(s), ["ROH / ARN / 121"]);
    let s =
        "Rohan/PROPN/rohan/3/nsubj:pass was/AUX/be/3/aux:pass criticized/VERB/criticize/0/root \
             by/ADP/by/5/case Arnor/PROPN/arnor/3/obl:agent";
    assert_eq!(code(s), ["ARN / ROH / 121"]);
}

#[test]
fn a_compound_after_the_verb_is_the_target() {
    // `- * WITH %`; the name is read from its last word, not its article.
    let s = "Rohan/PROPN/rohan/2/nsubj agrees/VERB/agree/0/root with/ADP/with/5/case \
             the/DET/the/5/det Arnor/PROPN/arnor/2/obl and/CCONJ/and/7/cc Gondor/PROPN/gondor/5/conj";
    assert_eq!(code(s), ["ROH / ARN / 031", "ROH / GON / 031"]);
}

#[test]
fn a_name_and_the_agent_after_it() {
    let s = "Rohan/PROPN/rohan/2/nsubj criticized/VERB/criticize/0/root the/DET/the/6/det \
             Gondor/PROPN/gondor/6/compound opposition/NOUN/opposition/6/compound \
             group/NOUN/group/2/obj";
    assert_eq!(code(s), ["ROH / GONMOP / 121"]);
}

#[test]
fn the_first_actor_anywhere_in_the_subject() {
    let s = "Resumption/NOUN/resumption/9/nsubj of/ADP/of/3/case ties/NOUN/tie/1/nmod \
             between/ADP/between/5/case Arnor/PROPN/arnor/3/nmod and/CCONJ/and/7/cc \
             Gondor/PROPN/gondor/5/conj may/AUX/may/9/aux spur/VERB/spur/0/root \
             reconciliation/NOUN/reconciliation/9/obj with/ADP/with/12/case \
             Rohan/PROPN/rohan/10/nmod";
    assert_eq!(code(s), ["ARN / ROH / 081", "GON / ROH / 081"]);
}

#[test]
fn the_actor_before_a_pattern_whose_subject_the_parse_lost() {
    let s = "Arnor/PROPN/arnor/3/nsubj is/AUX/be/3/aux inching/VERB/inch/0/root \
             nearer/ADV/nearer/3/advmod to/ADP/to/6/case accord/VERB/accord/3/obl \
             with/ADP/with/8/case Gondor/PROPN/gondor/6/obl";
    assert_eq!(code(s), ["ARN / GON / 083"]);
}

#[test]
fn a_name_written_with_underscores_in_the_text() {
    let s = "Arnor/PROPN/arnor/2/nsubj warned/VERB/warn/0/root the/DET/the/4/det \
             Prince/PROPN/prince/2/obj of/ADP/of/6/case Dol_Amroth/PROPN/dol_amroth/4/nmod";
    assert_eq!(code(s), ["ARN / DOL / 160"]);
}

#[test]
fn an_agent_with_no_country_codes_as_unknown() {
    let s = "Clerics/NOUN/cleric/2/nsubj criticized/VERB/criticize/0/root Rohan/PROPN/rohan/2/obj";
    assert_eq!(code(s), ["---REL / ROH / 121"]);
}

#[test]
fn pattern_words_match_as_written() {
    // `- * RESOLUTION` holds for "resolution", not for "resolutions".
    let s = "Arnor/PROPN/arnor/2/nsubj regretted/VERB/regret/0/root the/DET/the/4/det \
             resolution/NOUN/resolution/2/obj of/ADP/of/6/case Rohan/PROPN/rohan/4/nmod";
    assert_eq!(code(s), ["ARN / ROH / 113"]);
    let s = "Arnor/PROPN/arnor/2/nsubj regretted/VERB/regret/0/root the/DET/the/4/det \
             resolutions/NOUN/resolution/2/obj of/ADP/of/6/case Rohan/PROPN/rohan/4/nmod";
    assert_eq!(code(s), ["ARN / ROH / 111"]);
}

#[test]
fn the_verb_phrase_runs_on_in_the_text_but_not_into_asides() {
    // The parser hung "Gondor" outside the verb's phrase.
    let s = "Arnor/PROPN/arnor/2/nsubj restored/VERB/restore/0/root ties/NOUN/tie/2/obj \
             with/ADP/with/5/case Gondor/PROPN/gondor/0/dep";
    assert_eq!(code(s), ["ARN / GON / 064"]);
    // ", after Rohan ," is a comma-delimited aside.
    let s = "Arnor/PROPN/arnor/2/nsubj restored/VERB/restore/0/root ties/NOUN/tie/2/obj \
             ,/PUNCT/,/6/punct after/ADP/after/6/case Rohan/PROPN/rohan/0/dep ,/PUNCT/,/6/punct \
             officials/NOUN/official/0/dep";
    assert!(code(s).is_empty());
}
