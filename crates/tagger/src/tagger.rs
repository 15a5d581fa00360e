//! Inference: the [`Tagger`] and its pipeline stage.

use crate::features::{
    dynamic_features, right_features, static_features, word_info, WordInfo, NO_DICT, N_DYNAMIC,
    N_FEATS, N_FEATS2, N_RIGHT, N_STATIC, START_TAG,
};
use crate::model::{Model, Weights};
use crate::{Error, Lemmatizer};
use std::cell::RefCell;
use tocsin_core::{Doc, Layer, Stage, Upos, Xpos};

/// A part-of-speech tagger (averaged perceptron, greedy left to right) that also
/// lemmatizes when used as a pipeline [`Stage`].
///
/// Immutable once loaded and `Send + Sync`: share one between threads. Each
/// thread keeps its own scratch buffers, so tagging allocates nothing once they
/// have grown.
pub struct Tagger {
    model: Model,
    lemmatizer: Lemmatizer,
}

impl std::fmt::Debug for Tagger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tagger")
            .field("classes", &self.model.classes.len())
            .field("features", &self.model.n_features)
            .field("weights", &self.model.n_entries)
            .field("passes", &(1 + usize::from(self.model.weights2.is_some())))
            .finish_non_exhaustive()
    }
}

/// Per-thread buffers reused between sentences.
#[derive(Debug, Default)]
struct Scratch {
    words: Vec<WordInfo>,
    classes: Vec<u8>,
    first: Vec<u8>,
    margins: Vec<i32>,
    first_margins: Vec<i32>,
    scores: Vec<i32>,
    lemma: String,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl Tagger {
    /// Loads a gzip-compressed model (the bytes of a `tagger.bin.gz` file).
    ///
    /// # Errors
    /// The bytes are not gzip, do not start with the tagger's magic tag, were
    /// written by another format version, or are truncated or corrupt.
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, Error> {
        Ok(Tagger {
            model: Model::from_gz(bytes)?,
            lemmatizer: Lemmatizer::embedded(),
        })
    }

    /// Loads the model embedded in `tocsin-data`.
    ///
    /// # Errors
    /// As [`Tagger::from_bytes`]; only a broken build can fail here.
    pub fn embedded() -> Result<Tagger, Error> {
        Tagger::from_bytes(tocsin_data::TAGGER_MODEL)
    }

    /// The lemmatizer used by the pipeline stage.
    #[must_use]
    pub fn lemmatizer(&self) -> &Lemmatizer {
        &self.lemmatizer
    }

    /// Number of (features, weights) in the model, for reports.
    #[must_use]
    pub fn model_size(&self) -> (usize, usize) {
        (self.model.n_features, self.model.n_entries)
    }

    /// Tags one sentence: `out` is cleared and receives one `(Upos, Xpos)` per word.
    pub fn tag(&self, words: &[&str], out: &mut Vec<(Upos, Xpos)>) {
        out.clear();
        SCRATCH.with(|s| match s.try_borrow_mut() {
            Ok(mut s) => self.tag_with(words, &mut s, out),
            // Only reachable if tagging re-entered itself on this thread.
            Err(_) => self.tag_with(words, &mut Scratch::default(), out),
        });
    }

    fn tag_with(&self, words: &[&str], s: &mut Scratch, out: &mut Vec<(Upos, Xpos)>) {
        let m = &self.model;
        s.words.clear();
        s.words.extend(
            words
                .iter()
                .map(|w| word_info(w, &m.lexicon, Some(&m.tagdict))),
        );
        s.scores.clear();
        s.scores.resize(m.classes.len(), 0);
        let w1 = &m.weights;
        greedy(
            w1,
            &s.words,
            None,
            &mut s.classes,
            &mut s.margins,
            &mut s.scores,
        );
        if let Some(w2) = &m.weights2 {
            std::mem::swap(&mut s.classes, &mut s.first);
            std::mem::swap(&mut s.margins, &mut s.first_margins);
            let second = Pass2 {
                first: &s.first,
                margins: &s.first_margins,
                skip: m.skip_margin,
            };
            greedy(
                w2,
                &s.words,
                Some(second),
                &mut s.classes,
                &mut s.margins,
                &mut s.scores,
            );
        }
        out.extend(s.classes.iter().map(|&c| {
            m.classes
                .get(c as usize)
                .copied()
                .unwrap_or((Upos::X, Xpos::None))
        }));
    }

    /// Tags and lemmatizes every sentence of `doc`.
    pub fn tag_doc(&self, doc: &mut Doc) {
        let mut tags = Vec::new();
        let mut lemma = SCRATCH
            .with(|s| s.try_borrow_mut().map(|mut s| std::mem::take(&mut s.lemma)))
            .unwrap_or_default();
        for si in 0..doc.sentences().len() {
            let range = doc.sentences()[si].tokens.clone();
            {
                let words: Vec<&str> = (range.start..range.end)
                    .map(|i| doc.word(i as usize))
                    .collect();
                self.tag(&words, &mut tags);
            }
            for (k, &(u, x)) in tags.iter().enumerate() {
                let i = range.start as usize + k;
                if let Some(t) = doc.tokens_mut().get_mut(i) {
                    t.upos = u;
                    t.xpos = x;
                }
                lemma.clear();
                self.lemmatizer.lemma_into(doc.word(i), u, x, &mut lemma);
                doc.set_lemma(i, &lemma);
            }
        }
        SCRATCH.with(|s| {
            if let Ok(mut s) = s.try_borrow_mut() {
                s.lemma = lemma;
            }
        });
    }
}

/// What the second pass needs from the first.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Pass2<'a> {
    /// The first pass's classes.
    pub first: &'a [u8],
    /// The first pass's margin (best score minus runner-up) per word.
    pub margins: &'a [i32],
    /// Words whose first-pass margin is at least this keep their first-pass class.
    pub skip: i32,
}

/// One greedy left-to-right pass: `classes` receives a class per word and
/// `margins` the winning margin (`i32::MAX` for tag-dictionary words). With
/// `second` this is the second pass, which also sees the tags predicted to the
/// right by the first.
pub(crate) fn greedy(
    weights: &Weights,
    words: &[WordInfo],
    second: Option<Pass2<'_>>,
    classes: &mut Vec<u8>,
    margins: &mut Vec<i32>,
    scores: &mut [i32],
) {
    classes.clear();
    margins.clear();
    let mut feats = [0u64; N_FEATS2];
    let mut st = [0u64; N_STATIC];
    let mut dy = [0u64; N_DYNAMIC];
    let mut rt = [0u64; N_RIGHT];
    for i in 0..words.len() {
        let (class, margin) = if words[i].dict != NO_DICT {
            (words[i].dict, i32::MAX)
        } else if let Some(p) = second.filter(|p| p.margins.get(i).is_some_and(|&g| g >= p.skip)) {
            // The first pass was sure: keep its class and save the scoring.
            (p.first.get(i).copied().unwrap_or(0), i32::MAX)
        } else {
            static_features(words, i, &mut st);
            let t1 = prev_tag(classes, i, 1);
            let t2 = prev_tag(classes, i, 2);
            dynamic_features(words, i, t1, t2, &mut dy);
            feats[..N_STATIC].copy_from_slice(&st);
            feats[N_STATIC..N_FEATS].copy_from_slice(&dy);
            let n = match second {
                Some(p) => {
                    right_features(words, i, right_tags(p.first, i, t1), &mut rt);
                    feats[N_FEATS..].copy_from_slice(&rt);
                    N_FEATS2
                }
                None => N_FEATS,
            };
            scores.iter_mut().for_each(|x| *x = 0);
            weights.add_all(&feats[..n], scores);
            argmax_margin(scores)
        };
        classes.push(class);
        margins.push(margin);
    }
}

/// The values [`right_features`] needs: first-pass tags at `i`, `i+1`, `i+2`
/// and the second pass's previous tag `t1`.
#[inline]
pub(crate) fn right_tags(first: &[u8], i: usize, t1: u64) -> [u64; 4] {
    let at = |j: usize| first.get(j).map_or(START_TAG, |&c| u64::from(c));
    [at(i), at(i + 1), at(i + 2), t1]
}

#[inline]
fn prev_tag(classes: &[u8], i: usize, back: usize) -> u64 {
    if i >= back {
        u64::from(classes[i - back])
    } else {
        START_TAG
    }
}

/// Index of the highest score and its lead over the runner-up.
#[inline]
fn argmax_margin(scores: &[i32]) -> (u8, i32) {
    let best = argmax(scores);
    let top = scores.get(best as usize).copied().unwrap_or(0);
    let second = scores
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != best as usize)
        .map(|(_, &v)| v)
        .max()
        .unwrap_or(top);
    (best, top.saturating_sub(second))
}

/// Index of the highest score; the lowest index wins ties, so results are stable.
#[inline]
pub(crate) fn argmax(scores: &[i32]) -> u8 {
    let mut best = 0usize;
    for (i, &v) in scores.iter().enumerate() {
        if v > scores[best] {
            best = i;
        }
    }
    best as u8
}

impl Stage for Tagger {
    fn name(&self) -> &'static str {
        "tag"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Tokens]
    }
    fn provides(&self) -> &'static [Layer] {
        &[Layer::Tags, Layer::Lemmas]
    }
    fn annotate(&self, doc: &mut Doc) {
        self.tag_doc(doc);
    }
}

impl Tagger {
    pub(crate) fn model(&self) -> &Model {
        &self.model
    }

    /// Wraps an already decoded model (used by training to score epochs).
    pub(crate) fn from_model(model: Model) -> Tagger {
        Tagger {
            model,
            lemmatizer: Lemmatizer::embedded(),
        }
    }
}
