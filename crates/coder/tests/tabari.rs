//! TABARI's shallow reading with TABARI dictionaries: sides by position,
//! patterns under multiword verbs, comma-delimited asides, placeholder
//! actor codes. Fixture: `tests/fixtures/tabari`.

use std::path::PathBuf;
use std::sync::Arc;
use tocsin_coder::eval::coding_of;
use tocsin_coder::{Coder, CoderOptions, TabariOptions};
use tocsin_core::Stage;

fn dicts() -> Arc<tocsin_dict::Dictionaries> {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/tabari"
    ));
    let (d, diags) = tocsin_dict::load_tabari_files(&[
        dir.join("mini.actors"),
        dir.join("mini.agents"),
        dir.join("mini.verbs"),
    ]);
    assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
    Arc::new(d)
}

/// Codes `words` (`form/UPOS` or `form/UPOS/lemma`), every token attached to
/// the first verb: TABARI reads no parse, so none is needed.
fn code(words: &str, tabari: TabariOptions) -> Vec<String> {
    let toks: Vec<Vec<&str>> = words
        .split_whitespace()
        .map(|w| w.split('/').collect())
        .collect();
    let root = toks.iter().position(|t| t[1] == "VERB").unwrap_or(0) + 1;
    let mut conllu = String::new();
    for (i, t) in toks.iter().enumerate() {
        let lemma = t
            .get(2)
            .map_or_else(|| t[0].to_lowercase(), |l| l.to_string());
        let (head, rel) = if i + 1 == root {
            (0, "root")
        } else {
            (root, "dep")
        };
        conllu += &format!(
            "{}\t{}\t{lemma}\t{}\t_\t_\t{head}\t{rel}\t_\t_\n",
            i + 1,
            t[0],
            t[1]
        );
    }
    let mut doc = tocsin_coder::eval::doc_from_conllu(&conllu, None).unwrap();
    let opts = CoderOptions {
        tabari,
        ..CoderOptions::default()
    };
    Coder::new(dicts(), opts).annotate(&mut doc);
    let mut out: Vec<String> = doc
        .events
        .iter()
        .map(|e| coding_of(e).to_string())
        .collect();
    out.sort();
    out
}

#[test]
fn source_before_the_pattern_and_target_after_the_verb() {
    // `URGED * APPLY CONVENTIONS` under SHOULD: Gondor, inside the matched
    // words, is neither side.
    let got = code(
        "Arnor/PROPN urged/VERB/urge Gondor/PROPN should/AUX apply/VERB conventions/NOUN \
         with/ADP Rohan/PROPN ./PUNCT",
        TabariOptions::default(),
    );
    assert_eq!(got, ["ARN / ROH / 151"]);
}

#[test]
fn patterns_under_a_multiword_verb_keep_its_words() {
    // `- $ *` under CALLED_ON is `$ * ON`: more specific than the verb line.
    let got = code(
        "Arnor/PROPN called/VERB/call on/ADP Gondor/PROPN ./PUNCT",
        TabariOptions::default(),
    );
    assert_eq!(got, ["ARN / GON / 095"]);
}

#[test]
fn comma_delimited_asides_are_dropped() {
    let s = "Arnor/PROPN will/AUX restore/VERB ties/NOUN with/ADP Gxndor/PROPN ,/PUNCT \
             five/NUM years/NOUN after/ADP Rohan/PROPN crowds/NOUN burned/VERB it/PRON ,/PUNCT \
             an/DET official/NOUN said/VERB ./PUNCT";
    assert!(code(s, TabariOptions::default()).is_empty());
    let off = TabariOptions::from_settings([("comma", "OFF")]);
    assert_eq!(code(s, off), ["ARN / ROH / 064"]);
    // A clause opened by "that" is a complement, not an aside.
    let s = "Arnor/PROPN will/AUX restore/VERB ties/NOUN ,/PUNCT that/SCONJ Rohan/PROPN \
             knows/VERB ./PUNCT";
    assert_eq!(code(s, TabariOptions::default()), ["ARN / ROH / 064"]);
}

#[test]
fn placeholder_actor_codes_stop_the_sentence() {
    let s = "Nasgul/PROPN and/CCONJ Arnor/PROPN will/AUX restore/VERB ties/NOUN with/ADP \
             Gondor/PROPN ./PUNCT";
    assert!(code(s, TabariOptions::default()).is_empty());
}

#[test]
fn minimum_words() {
    let s = "Arnor/PROPN will/AUX restore/VERB ties/NOUN with/ADP Gondor/PROPN ./PUNCT";
    assert_eq!(code(s, TabariOptions::default()), ["ARN / GON / 064"]);
    let min = TabariOptions::from_settings([("minimum_words", "8")]);
    assert!(code(s, min).is_empty());
}

#[test]
fn default_actors_fill_an_empty_side() {
    let s = "Fxrnost/PROPN will/AUX restore/VERB ties/NOUN with/ADP Gondor/PROPN ./PUNCT";
    assert!(code(s, TabariOptions::default()).is_empty());
    let prior =
        TabariOptions::from_settings([("default", "SOURCE [DEF] PRIOR TARGET [TGT] AFTER")]);
    assert_eq!(code(s, prior), ["DEF / GON / 064"]);
    // Without PRIOR the first actor after the verb is the source.
    let after = TabariOptions::from_settings([("default", "SOURCE [DEF] TARGET [TGT] AFTER")]);
    assert_eq!(code(s, after), ["GON / TGT / 064"]);
}

#[test]
fn converted_agents_and_agent_plurals() {
    // "Guerrillas": the agent's regular plural; with CONVERT AGENT an agent
    // with no country codes as `~` plus its sectors.
    let s = "Guerrillas/NOUN will/AUX restore/VERB ties/NOUN with/ADP Gondor/PROPN ./PUNCT";
    assert!(code(s, TabariOptions::default()).is_empty());
    let conv = TabariOptions::from_settings([("convert_agent", "TRUE")]);
    assert_eq!(code(s, conv), ["~REB / GON / 064"]);
}
