//! Properties: the coder never panics, whatever the parse (cycles, heads out
//! of range, odd relations), and every event points into its sentence.

mod common;

use proptest::prelude::*;
use std::sync::Arc;
use tocsin_coder::{Coder, CoderOptions};
use tocsin_core::{DepRel, Doc, Span, Stage, Upos};

const WORDS: &[&str] = &[
    "Russia",
    "Ukraine",
    "Russian",
    "troops",
    "attacked",
    "attack",
    "not",
    "n't",
    "said",
    "to",
    "meet",
    "refused",
    "threatened",
    "by",
    "on",
    "with",
    "and",
    "'s",
    "foreign",
    "minister",
    "6",
    "killing",
    "civilians",
    "Tuesday",
    "if",
    "will",
    "?",
    ".",
    ",",
    "Biden",
    "Putin",
    "talks",
    "held",
    "tens",
    "of",
    "thousands",
    "invasion",
    "the",
    "along",
];

fn build(words: &[(usize, usize, u32, usize)]) -> Doc {
    let text: Vec<&str> = words.iter().map(|w| WORDS[w.0 % WORDS.len()]).collect();
    let body = text.join(" ");
    let mut doc = Doc::new(&body);
    let mut at = 0u32;
    let n = words.len() as u32;
    for (k, (w, upos, head, rel)) in words.iter().enumerate() {
        let form = WORDS[w % WORDS.len()];
        // Two sentences when long enough, to exercise the context.
        if k == 0 || k == words.len() / 2 {
            doc.push_sentence(Span::new(at, at));
        }
        let span = Span::new(at, at + form.len() as u32);
        doc.push_token(span);
        at = span.end + 1;
        let lemma = match form {
            "attacked" => "attack",
            "refused" => "refuse",
            "threatened" => "threaten",
            "held" => "hold",
            "said" => "say",
            f => f,
        };
        doc.set_lemma(k, lemma);
        let t = &mut doc.tokens_mut()[k];
        t.upos = Upos::from_index(*upos % Upos::ALL.len()).unwrap_or(Upos::X);
        t.head = *head % (n + 2);
        t.deprel = DepRel::from_index(*rel % DepRel::count()).unwrap_or(DepRel::NONE);
    }
    doc
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn never_panics_and_spans_stay_inside(
        words in proptest::collection::vec((0usize..100, 0usize..20, 0u32..20, 0usize..80), 1..24),
        require_dyad in any::<bool>(),
    ) {
        let dicts = Arc::new(common::load_fixture(common::FIXTURE_DIR));
        let coder = Coder::new(dicts, CoderOptions { require_dyad, ..CoderOptions::default() });
        let mut doc = build(&words);
        coder.annotate(&mut doc);
        for e in &doc.events {
            let s = &doc.sentences()[e.sentence as usize];
            prop_assert!(s.span.contains(e.verb));
            prop_assert!(s.span.contains(e.actor.span) || e.actor.source != tocsin_core::ActorSource::Text);
        }
        for i in 0..doc.sentences().len() {
            let _ = coder.explain(&doc, i);
        }
    }
}
