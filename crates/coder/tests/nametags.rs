//! `NameTags`: words of dictionary actor names become proper nouns, whatever
//! the tagger guessed; adjectives of names ("Russian") and agents stay as tagged.

mod common;

use std::sync::Arc;
use tocsin_coder::NameTags;
use tocsin_core::{Stage, Upos, Xpos};

#[test]
fn actor_names_are_retagged_as_proper_nouns() {
    let dicts = Arc::new(common::load_fixture(common::FIXTURE_DIR));
    // The tagger read "Russia" as a superlative adjective and "Putin" as a verb.
    let conllu = "1\tRussia\trussia\tADJ\tJJS\t_\t4\tamod\t_\t_\n\
                  2\tand\tand\tCCONJ\tCC\t_\t3\tcc\t_\t_\n\
                  3\tPutin\tput\tVERB\tVB\t_\t1\tconj\t_\t_\n\
                  4\ttroops\ttroop\tNOUN\tNNS\t_\t5\tnsubj\t_\t_\n\
                  5\tmassed\tmass\tVERB\tVBD\t_\t0\troot\t_\t_\n\
                  6\tnear\tnear\tADP\tIN\t_\t8\tcase\t_\t_\n\
                  7\tRussian\tRussian\tADJ\tJJ\t_\t8\tamod\t_\t_\n\
                  8\ttowns\ttown\tNOUN\tNNS\t_\t5\tobl\t_\t_\n";
    let mut doc = common::doc_from_conllu(conllu);
    NameTags::new(dicts).annotate(&mut doc);
    let tags: Vec<(Upos, Xpos)> = doc.tokens().iter().map(|t| (t.upos, t.xpos)).collect();
    assert_eq!(tags[0], (Upos::Propn, Xpos::Nnp));
    assert_eq!(doc.lemma(0), "Russia");
    assert_eq!(tags[2], (Upos::Propn, Xpos::Nnp));
    assert_eq!(doc.lemma(2), "Putin");
    // An agent and an adjective of a name keep their tags.
    assert_eq!(tags[3], (Upos::Noun, Xpos::Nns));
    assert_eq!(tags[6], (Upos::Adj, Xpos::Jj));
}
