//! Attachment scores against gold trees (gold tokens; gold or predicted tags).

use crate::beam::{beam_decode, Beam};
use crate::decode::Buffers;
use crate::model::Scorer;
use crate::state::Scratch;
use crate::Parser;
use tocsin_core::conllu::GoldSentence;
use tocsin_core::{DepRel, Upos, Xpos};

/// A tagger as the parser sees it: words of one sentence in, tags out.
pub type TagFn = dyn Fn(&[&str], &mut Vec<(Upos, Xpos)>) + Send + Sync;

/// Scores for one gold relation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LabelScore {
    pub label: DepRel,
    /// Gold words with this relation.
    pub gold: usize,
    /// Words the parser gave this relation.
    pub predicted: usize,
    /// Gold words with this relation whose head is right.
    pub head_correct: usize,
    /// Gold words with this relation whose head and relation are right.
    pub correct: usize,
}

impl LabelScore {
    /// Labelled recall: share of the gold words with this relation parsed right.
    #[must_use]
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }
    /// Labelled precision.
    #[must_use]
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }
}

/// Unlabelled and labelled attachment scores over all words (punctuation
/// included, as in the CoNLL 2018 shared task).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Score {
    pub words: usize,
    pub head_correct: usize,
    pub both_correct: usize,
    /// Tags agreeing with gold (UPOS and XPOS both), to report tagger quality.
    pub tags_correct: usize,
    /// One entry per `DepRel` index.
    pub per_label: Vec<LabelScore>,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

impl Score {
    /// Unlabelled attachment score, percent.
    #[must_use]
    pub fn uas(&self) -> f64 {
        ratio(self.head_correct, self.words)
    }
    /// Labelled attachment score, percent.
    #[must_use]
    pub fn las(&self) -> f64 {
        ratio(self.both_correct, self.words)
    }
    /// Tag accuracy (UPOS and XPOS), percent.
    #[must_use]
    pub fn tag_accuracy(&self) -> f64 {
        ratio(self.tags_correct, self.words)
    }
    /// Relations with at least `min_gold` gold words, worst labelled recall first.
    #[must_use]
    pub fn worst_labels(&self, min_gold: usize) -> Vec<LabelScore> {
        let mut v: Vec<LabelScore> = self
            .per_label
            .iter()
            .copied()
            .filter(|l| l.gold >= min_gold)
            .collect();
        v.sort_by(|a, b| a.recall().total_cmp(&b.recall()));
        v
    }
}

/// Parses every sentence with its gold words and either gold tags (`tagger` is
/// `None`) or the tags `tagger` predicts, and scores the trees.
#[must_use]
pub fn evaluate(parser: &Parser, sents: &[GoldSentence], tagger: Option<&TagFn>) -> Score {
    evaluate_with(&parser.model, parser.beam, sents, tagger)
}

pub(crate) fn evaluate_with<S: Scorer>(
    m: &S,
    beam: usize,
    sents: &[GoldSentence],
    tagger: Option<&TagFn>,
) -> Score {
    let mut score = Score {
        per_label: (0..DepRel::count())
            .map(|i| LabelScore {
                label: DepRel::from_index(i).unwrap_or_default(),
                ..LabelScore::default()
            })
            .collect(),
        ..Score::default()
    };
    let mut s = Scratch::default();
    let mut buf = Buffers::default();
    let mut bm = Beam::default();
    let mut tags = Vec::new();
    let mut words = Vec::new();
    for sent in sents {
        words.clear();
        words.extend(sent.words.iter().map(|w| w.form.as_str()));
        tags.clear();
        match tagger {
            Some(f) => f(&words, &mut tags),
            None => tags.extend(sent.words.iter().map(|w| (w.upos, w.xpos))),
        }
        s.load(words.iter().copied(), tags.iter().copied(), m.clusters());
        beam_decode(m, beam, &mut s, &mut bm, &mut buf);
        let n = s.n;
        for (i, g) in sent.words.iter().enumerate() {
            let h = if s.head[i] == n { 0 } else { s.head[i] + 1 };
            let l = s.label[i] as usize;
            score.words += 1;
            if tags.get(i) == Some(&(g.upos, g.xpos)) {
                score.tags_correct += 1;
            }
            let gl = g.deprel.index();
            if let Some(p) = score.per_label.get_mut(l) {
                p.predicted += 1;
            }
            let entry = &mut score.per_label[gl.min(DepRel::count() - 1)];
            entry.gold += 1;
            if h == g.head {
                score.head_correct += 1;
                entry.head_correct += 1;
                if l == gl {
                    score.both_correct += 1;
                    entry.correct += 1;
                }
            }
        }
    }
    score
}
