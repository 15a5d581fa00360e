//! TABARI's shallow reading with TABARI dictionaries: sides by position,
//! patterns under multiword verbs, comma-delimited asides, placeholder
//! actor codes. Fixture: `tests/fixtures/tabari`.

mod common;

use std::path::PathBuf;
use std::sync::Arc;
use tocsin_coder::{Coder, CoderOptions, TabariOptions};
use tocsin_core::Stage;

/// TABARI's options without the minimum sentence length.
fn short() -> TabariOptions {
    TabariOptions {
        minimum_words: 0,
        ..TabariOptions::default()
    }
}

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

/// Codes `words` (`form/UPOS`, `form/UPOS/lemma` or
/// `form/UPOS/lemma/head/relation`), tokens attached to the first verb
/// unless told: TABARI reads little of the parse.
fn code(words: &str, tabari: TabariOptions) -> Vec<String> {
    let conllu = common::conllu_from_words(words);
    let mut doc = tocsin_coder::eval::doc_from_conllu(&conllu, None).unwrap();
    let opts = CoderOptions {
        tabari,
        ..CoderOptions::default()
    };
    Coder::new(dicts(), opts).annotate(&mut doc);
    common::sorted_codings(&doc)
}

#[test]
fn source_before_the_pattern_and_target_after_the_verb() {
    // `URGED * APPLY CONVENTIONS` under SHOULD: Gondor, inside the matched
    // words, is neither side.
    let got = code(
        "Arnor/PROPN urged/VERB/urge Gondor/PROPN should/AUX apply/VERB conventions/NOUN \
         with/ADP Rohan/PROPN ./PUNCT",
        short(),
    );
    assert_eq!(got, ["ARN / ROH / 151"]);
}

#[test]
fn patterns_under_a_multiword_verb_keep_its_words() {
    // `- $ *` under CALLED_ON is `$ * ON`: more specific than the verb line.
    let got = code(
        "Arnor/PROPN called/VERB/call on/ADP Gondor/PROPN ./PUNCT",
        short(),
    );
    assert_eq!(got, ["ARN / GON / 095"]);
}

#[test]
fn comma_delimited_asides_are_dropped() {
    let s = "Arnor/PROPN will/AUX restore/VERB ties/NOUN with/ADP Gxndor/PROPN ,/PUNCT \
             five/NUM years/NOUN after/ADP Rohan/PROPN crowds/NOUN burned/VERB it/PRON ,/PUNCT \
             an/DET official/NOUN said/VERB ./PUNCT";
    assert!(code(s, short()).is_empty());
    let off = TabariOptions::from_settings([("comma", "OFF"), ("minimum_words", "0")]);
    assert_eq!(code(s, off), ["ARN / ROH / 064"]);
    // A clause opened by "that" is a complement, not an aside.
    let s = "Arnor/PROPN will/AUX restore/VERB ties/NOUN ,/PUNCT that/SCONJ Rohan/PROPN \
             knows/VERB ./PUNCT";
    assert_eq!(code(s, short()), ["ARN / ROH / 064"]);
}

#[test]
fn placeholder_actor_codes_stop_the_sentence() {
    let s = "Nasgul/PROPN and/CCONJ Arnor/PROPN will/AUX restore/VERB ties/NOUN with/ADP \
             Gondor/PROPN ./PUNCT";
    assert!(code(s, short()).is_empty());
}

#[test]
fn minimum_words() {
    // TABARI codes no sentence under 8 words by default ("'s" is no word).
    let s = "Arnor/PROPN will/AUX restore/VERB ties/NOUN with/ADP Gondor/PROPN ./PUNCT";
    assert!(code(s, TabariOptions::default()).is_empty());
    assert_eq!(code(s, short()), ["ARN / GON / 064"]);
    let min = TabariOptions::from_settings([("minimum_words", "7")]);
    assert!(code(s, min).is_empty());
    let min = TabariOptions::from_settings([("minimum_words", "6")]);
    assert_eq!(code(s, min), ["ARN / GON / 064"]);
}

#[test]
fn default_actors_fill_an_empty_side() {
    let s = "Fxrnost/PROPN will/AUX restore/VERB ties/NOUN with/ADP Gondor/PROPN ./PUNCT";
    assert!(code(s, short()).is_empty());
    let prior = TabariOptions::from_settings([
        ("default", "SOURCE [DEF] PRIOR TARGET [TGT] AFTER"),
        ("minimum_words", "0"),
    ]);
    assert_eq!(code(s, prior), ["DEF / GON / 064"]);
    // Without PRIOR the first actor after the verb is the source.
    let after = TabariOptions::from_settings([
        ("default", "SOURCE [DEF] TARGET [TGT] AFTER"),
        ("minimum_words", "0"),
    ]);
    assert_eq!(code(s, after), ["GON / TGT / 064"]);
}

#[test]
fn converted_agents_and_agent_plurals() {
    // "Guerrillas": the agent's regular plural; with CONVERT AGENT an agent
    // with no country codes as `~` plus its sectors.
    let s = "Guerrillas/NOUN will/AUX restore/VERB ties/NOUN with/ADP Gondor/PROPN ./PUNCT";
    assert!(code(s, short()).is_empty());
    let conv = TabariOptions::from_settings([("convert_agent", "TRUE"), ("minimum_words", "0")]);
    assert_eq!(code(s, conv), ["~REB / GON / 064"]);
}

#[test]
fn clause_by_clause_with_the_source_carried() {
    let s = "Arnor/PROPN restored/VERB/restore ties/NOUN with/ADP Gondor/PROPN but/CCONJ \
             Rohan/PROPN restored/VERB/restore ties/NOUN with/ADP Arnor/PROPN ./PUNCT";
    assert_eq!(code(s, short()), ["ARN / GON / 064", "ROH / ARN / 064"]);
    let one = TabariOptions::from_settings([("code", "BY SENTENCE"), ("minimum_words", "0")]);
    assert_eq!(code(s, one), ["ARN / GON / 064"]);
    // A clause with no actor before its verb keeps the source before.
    let s = "Arnor/PROPN restored/VERB/restore ties/NOUN with/ADP Gondor/PROPN and/CCONJ \
             restored/VERB/restore ties/NOUN with/ADP Rohan/PROPN ./PUNCT";
    assert_eq!(code(s, short()), ["ARN / GON / 064", "ARN / ROH / 064"]);
}

#[test]
fn verb_forms() {
    // An exact form with an entry of its own wins over the lemma's entry.
    let s = "Arnor/PROPN left/VERB/leave for/ADP Gondor/PROPN ./PUNCT";
    assert_eq!(code(s, short()), ["ARN / GON / 032"]);
    // Forms listed under a verb (`{ MEETING_ }`) take its default code.
    let s = "Arnor/PROPN meeting/NOUN Gondor/PROPN ./PUNCT";
    assert_eq!(code(s, short()), ["ARN / GON / 031"]);
}

#[test]
fn time_phrases_coded_as_discards() {
    let s = "Once/ADV upon/ADP a/DET time/NOUN Arnor/PROPN left/VERB/leave for/ADP \
             Gondor/PROPN ./PUNCT";
    assert!(code(s, short()).is_empty());
}

#[test]
fn whole_words_take_regular_endings() {
    // `DEPART_` and `ROHAN_` are whole words that still take the regular
    // endings ("departs", "departed", "Rohans"); the sides stay on their
    // side of the verb even when the parser attaches a name to it.
    for verb in ["departs", "departed", "departing"] {
        let s = format!("Arnor/PROPN {verb}/NOUN/{verb} from/ADP Rohans/PROPN ./PUNCT");
        assert_eq!(code(&s, short()), ["ARN / ROH / 032"], "{verb}");
    }
    let s = "Arnor/PROPN departx/NOUN from/ADP Rohan/PROPN ./PUNCT";
    assert!(code(s, short()).is_empty());
}

#[test]
fn a_conjunction_joined_to_a_verb_starts_a_clause() {
    // "... but Rohan restored ties": the parser attached "but" to the noun
    // "ties", itself a conjunct of the first verb.
    let s = "Arnor/PROPN/arnor/2/nsubj restored/VERB/restore/0/root ties/NOUN/tie/2/obj \
             with/ADP/with/5/case Gondor/PROPN/gondor/3/nmod but/CCONJ/but/9/cc \
             Rohan/PROPN/rohan/8/nsubj restored/VERB/restore/9/amod ties/NOUN/tie/2/conj \
             with/ADP/with/11/case Arnor/PROPN/arnor/9/nmod ./PUNCT/./2/punct";
    assert_eq!(code(s, short()), ["ARN / GON / 064", "ROH / ARN / 064"]);
}

#[test]
fn source_after_a_target_named_before_the_verb() {
    let s = "Gondor/PROPN was/AUX shot/VERB/shoot dead/ADJ in/ADP Rohan/PROPN ./PUNCT";
    assert_eq!(code(s, short()), ["ROH / GON / 224"]);
}

#[test]
fn the_longest_alternative_wins() {
    let s = "Arnor/PROPN vowed/VERB/vow to/PART resist/VERB to/ADP the/DET end/NOUN of/ADP \
             the/DET earth/NOUN Rohan/PROPN ./PUNCT";
    assert_eq!(code(s, short()), ["ARN / ROH / 115"]);
}

#[test]
fn an_agent_after_a_name_and_pronouns_in_pattern_places() {
    // "Gondor's minister": the agent right after the name adds its sector
    // whatever the parse says.
    let s = "Gondor/PROPN 's/PART minister/NOUN regretted/VERB/regret Rohan/PROPN 's/PART \
             refusal/NOUN ./PUNCT";
    assert_eq!(code(s, short()), ["GONGOV / ROH / 111"]);
    // `- SAID $ *`: "he" stands for the last actor named before it.
    let s = "Gondor/PROPN 's/PART minister/NOUN said/VERB/say he/PRON regretted/VERB/regret \
             Rohan/PROPN 's/PART refusal/NOUN ./PUNCT";
    assert_eq!(code(s, short()), ["GONGOV / ROH / 113"]);
}

#[test]
fn parse_based_drops_are_not_tabaris() {
    // tocsin does not assert "a plan to expel"; TABARI, reading no parse,
    // codes the verb its patterns find.
    let s = "Arnor/PROPN/arnor/2/compound plan/NOUN/plan/0/root to/PART/to/4/mark \
             expel/VERB/expel/2/acl Rohan/PROPN/rohan/4/obj ./PUNCT/./2/punct";
    assert_eq!(code(s, short()), ["ARN / ROH / 200"]);
}
