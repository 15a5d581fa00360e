//! The embedded model: loads, matches its manifest, parses sensibly, clears an
//! accuracy floor on EWT (skipped when `../shared` is absent).

use sha2::{Digest, Sha256};
use tocsin_core::{DepRel, Doc, Span, Stage, Upos, Xpos};
use tocsin_parser::{eval::evaluate, train::read_conllu, write_conllu, Parser};

const MANIFEST: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../data/models/MANIFEST.md");
const EWT_DEV: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu"
);

fn parser() -> Parser {
    Parser::embedded().expect("embedded parser model loads")
}

/// The sha256 of `bytes` is the one the MANIFEST section `name` lists.
fn check_sha(name: &str, bytes: &[u8]) {
    let manifest = std::fs::read_to_string(MANIFEST).expect("manifest readable");
    let section = manifest
        .split("\n## ")
        .find(|s| s.starts_with(name))
        .unwrap_or_else(|| panic!("a {name} section in MANIFEST.md"));
    let sha: String = Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert!(
        section.contains(&format!("**sha256**: `{sha}`")),
        "MANIFEST.md {name} section does not list sha256 {sha}"
    );
}

#[test]
fn embedded_models_match_the_manifest_sha256() {
    check_sha("parser.bin.gz", tocsin_data::PARSER_MODEL);
    check_sha("parser-beam.bin.gz", tocsin_data::PARSER_BEAM_MODEL);
    assert!(!parser().info().is_empty());
    let beam = Parser::embedded_beam().expect("embedded beam model loads");
    assert_eq!(beam.beam(), 4);
    assert_eq!(parser().beam(), 1);
}

/// Parses with the model's own beam width, and checks that greedy decoding
/// agrees on these easy sentences.
fn parse(words: &[&str], tags: &[(Upos, Xpos)]) -> (Vec<u32>, Vec<DepRel>) {
    let (mut h, mut l) = (Vec::new(), Vec::new());
    parser().parse(words, tags, &mut h, &mut l);
    let (mut gh, mut gl) = (Vec::new(), Vec::new());
    parser().with_beam(1).parse(words, tags, &mut gh, &mut gl);
    assert_eq!(
        (&h, &l),
        (&gh, &gl),
        "greedy and beam disagree on {words:?}"
    );
    (h, l)
}

#[test]
fn simple_sentence_parses_sensibly() {
    let words = ["Russian", "troops", "attacked", "the", "city", "."];
    let tags = [
        (Upos::Adj, Xpos::Jj),
        (Upos::Noun, Xpos::Nns),
        (Upos::Verb, Xpos::Vbd),
        (Upos::Det, Xpos::Dt),
        (Upos::Noun, Xpos::Nn),
        (Upos::Punct, Xpos::Period),
    ];
    let (h, l) = parse(&words, &tags);
    let rels: Vec<&str> = l.iter().map(|r| r.as_str()).collect();
    assert_eq!(h, [2, 3, 0, 5, 3, 3], "{rels:?}");
    assert_eq!(rels, ["amod", "nsubj", "root", "det", "obj", "punct"]);
}

#[test]
fn passive_subject_and_agent() {
    let words = ["The", "city", "was", "attacked", "by", "rebels", "."];
    let tags = [
        (Upos::Det, Xpos::Dt),
        (Upos::Noun, Xpos::Nn),
        (Upos::Aux, Xpos::Vbd),
        (Upos::Verb, Xpos::Vbn),
        (Upos::Adp, Xpos::In),
        (Upos::Noun, Xpos::Nns),
        (Upos::Punct, Xpos::Period),
    ];
    let (h, l) = parse(&words, &tags);
    assert_eq!(h[1], 4);
    assert_eq!(l[1].as_str(), "nsubj:pass");
    assert_eq!(l[2].as_str(), "aux:pass");
    assert_eq!(h[5], 4);
    assert!(l[5].as_str().starts_with("obl"), "{}", l[5]);
}

#[test]
fn stage_fills_heads_and_renders_conllu() {
    let p = parser();
    assert_eq!(p.name(), "parse");
    let text = "Rebels fled. Troops advanced.";
    let mut doc = Doc::new(text);
    let toks: &[(u32, u32, Upos, Xpos)] = &[
        (0, 6, Upos::Noun, Xpos::Nns),
        (7, 11, Upos::Verb, Xpos::Vbd),
        (11, 12, Upos::Punct, Xpos::Period),
        (13, 19, Upos::Noun, Xpos::Nns),
        (20, 28, Upos::Verb, Xpos::Vbd),
        (28, 29, Upos::Punct, Xpos::Period),
    ];
    for (i, &(a, b, u, x)) in toks.iter().enumerate() {
        if i % 3 == 0 {
            doc.push_sentence(Span::new(a, a));
        }
        doc.push_token(Span::new(a, b));
        let t = doc.tokens_mut().last_mut().unwrap();
        t.upos = u;
        t.xpos = x;
    }
    p.annotate(&mut doc);
    let heads: Vec<u32> = doc.tokens().iter().map(|t| t.head).collect();
    assert_eq!(heads, [2, 0, 2, 2, 0, 2]);
    let mut out = String::new();
    write_conllu(&doc, &mut out);
    assert!(
        out.contains("1\tRebels\t_\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n"),
        "{out}"
    );
    assert!(
        out.contains("2\tfled\t_\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n"),
        "{out}"
    );
}

#[test]
fn accuracy_floor_on_ewt_dev_with_gold_tags() {
    if !std::path::Path::new(EWT_DEV).exists() {
        eprintln!("skipping: {EWT_DEV} not found (../shared is absent)");
        return;
    }
    let sents = read_conllu(std::path::Path::new(EWT_DEV)).unwrap();
    // (model, UAS floor, LAS floor): the greedy default and the beam model.
    let beam = Parser::embedded_beam().expect("embedded beam model loads");
    for (p, uas, las) in [(parser(), 87.3, 85.1), (beam, 88.8, 86.6)] {
        let score = evaluate(&p, &sents, None);
        eprintln!(
            "EWT dev, gold tags, beam {}: UAS {:.2} LAS {:.2}",
            p.beam(),
            score.uas(),
            score.las()
        );
        assert!(score.uas() > uas && score.las() > las, "{score:?}");
    }
}

#[test]
fn accuracy_floor_on_ewt_dev_with_predicted_tags() {
    if !std::path::Path::new(EWT_DEV).exists() {
        eprintln!("skipping: {EWT_DEV} not found (../shared is absent)");
        return;
    }
    let sents = read_conllu(std::path::Path::new(EWT_DEV)).unwrap();
    let tagger = tocsin_tagger::Tagger::embedded().expect("embedded tagger loads");
    let tag = move |w: &[&str], out: &mut Vec<(Upos, Xpos)>| tagger.tag(w, out);
    let beam = Parser::embedded_beam().expect("embedded beam model loads");
    for (p, uas, las) in [(parser(), 84.6, 81.0), (beam, 85.8, 82.4)] {
        let score = evaluate(&p, &sents, Some(&tag));
        eprintln!(
            "EWT dev, predicted tags ({:.2}), beam {}: UAS {:.2} LAS {:.2}",
            score.tag_accuracy(),
            p.beam(),
            score.uas(),
            score.las()
        );
        assert!(score.uas() > uas && score.las() > las, "{score:?}");
    }
}
