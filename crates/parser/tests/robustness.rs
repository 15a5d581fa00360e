//! Whatever the input, the parser returns a well-formed tree: one head per word,
//! exactly one root, no cycles, in linear time on very long sentences.

use proptest::prelude::*;
use tocsin_core::{DepRel, Upos, Xpos};
use tocsin_parser::Parser;

fn parser() -> &'static Parser {
    static P: std::sync::OnceLock<Parser> = std::sync::OnceLock::new();
    P.get_or_init(|| Parser::embedded().expect("embedded model loads"))
}

/// Checks the CoNLL-U tree invariants; returns a description of the first breach.
fn check_tree(heads: &[u32], labels: &[DepRel], n: usize) -> Result<(), String> {
    if heads.len() != n || labels.len() != n {
        return Err(format!(
            "{} heads, {} labels for {n} words",
            heads.len(),
            labels.len()
        ));
    }
    let roots = heads.iter().filter(|&&h| h == 0).count();
    if n > 0 && roots != 1 {
        return Err(format!("{roots} roots"));
    }
    for (i, (&h, &l)) in heads.iter().zip(labels).enumerate() {
        if h as usize > n || h as usize == i + 1 {
            return Err(format!("word {} has head {h}", i + 1));
        }
        if (h == 0) != (l == DepRel::ROOT) || l == DepRel::NONE {
            return Err(format!("word {} head {h} label {l}", i + 1));
        }
        // Walk up: must reach the root within n steps.
        let (mut k, mut steps) = (i + 1, 0);
        while k != 0 {
            k = heads[k - 1] as usize;
            steps += 1;
            if steps > n {
                return Err(format!("cycle through word {}", i + 1));
            }
        }
    }
    Ok(())
}

fn parse(words: &[&str], tags: &[(Upos, Xpos)]) -> (Vec<u32>, Vec<DepRel>) {
    let (mut h, mut l) = (Vec::new(), Vec::new());
    parser().parse(words, tags, &mut h, &mut l);
    (h, l)
}

#[test]
fn empty_and_untagged_input() {
    let (h, l) = parse(&[], &[]);
    assert!(h.is_empty() && l.is_empty());
    // No tags at all, and fewer tags than words.
    let words = ["a", "b", "c"];
    let (h, l) = parse(&words, &[]);
    check_tree(&h, &l, 3).unwrap();
    let (h, l) = parse(&words, &[(Upos::Punct, Xpos::None)]);
    check_tree(&h, &l, 3).unwrap();
    let (h, l) = parse(&["x"], &[(Upos::X, Xpos::None)]);
    assert_eq!((h, l), (vec![0], vec![DepRel::ROOT]));
}

#[test]
fn five_thousand_word_sentence() {
    let words: Vec<String> = (0..5000).map(|i| format!("w{}", i % 97)).collect();
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let tags: Vec<(Upos, Xpos)> = (0..5000)
        .map(|i| match i % 5 {
            0 => (Upos::Det, Xpos::Dt),
            1 => (Upos::Noun, Xpos::Nn),
            2 => (Upos::Verb, Xpos::Vbd),
            3 => (Upos::Punct, Xpos::Comma),
            _ => (Upos::Adp, Xpos::In),
        })
        .collect();
    let (h, l) = parse(&words, &tags);
    check_tree(&h, &l, 5000).unwrap();
    // Long but still under the beam's length limit.
    let (h, l) = parse(&words[..250], &tags[..250]);
    check_tree(&h, &l, 250).unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn random_input_gives_a_tree(
        words in proptest::collection::vec("[a-zA-Z0-9.,é]{0,6}", 0..40),
        tags in proptest::collection::vec((0..Upos::ALL.len(), 0..Xpos::ALL.len()), 0..45),
    ) {
        let w: Vec<&str> = words.iter().map(String::as_str).collect();
        let t: Vec<(Upos, Xpos)> = tags.iter().map(|&(u, x)| (Upos::ALL[u], Xpos::ALL[x])).collect();
        let (h, l) = parse(&w, &t);
        prop_assert!(check_tree(&h, &l, w.len()).is_ok(), "{:?}", check_tree(&h, &l, w.len()));
    }
}
