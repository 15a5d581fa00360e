//! Inference: the [`Tagger`] and its pipeline stage.

use crate::features::{
    dynamic_features, right_features, static_features, word_info, WordInfo, N_DYNAMIC, N_FEATS,
    N_FEATS2, N_RIGHT, N_STATIC, START_TAG,
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
#[derive(Debug)]
pub struct Tagger {
    model: Model,
    lemmatizer: Lemmatizer,
}

/// Per-thread buffers reused between sentences.
#[derive(Debug, Default)]
struct Scratch {
    words: Vec<WordInfo>,
    classes: Vec<u8>,
    first: Vec<u8>,
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
        s.words
            .extend(words.iter().map(|w| word_info(w, &m.lexicon)));
        s.scores.clear();
        s.scores.resize(m.classes.len(), 0);
        greedy(m, &m.weights, &s.words, None, &mut s.classes, &mut s.scores);
        if let Some(w2) = &m.weights2 {
            std::mem::swap(&mut s.classes, &mut s.first);
            greedy(
                m,
                w2,
                &s.words,
                Some(&s.first),
                &mut s.classes,
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

/// One greedy left-to-right pass: `classes` receives a class per word. With
/// `first` (the first pass's classes) this is the second pass, which also sees
/// the tags predicted to the right.
pub(crate) fn greedy(
    m: &Model,
    weights: &Weights,
    words: &[WordInfo],
    first: Option<&[u8]>,
    classes: &mut Vec<u8>,
    scores: &mut [i32],
) {
    classes.clear();
    let mut feats = [0u64; N_FEATS2];
    let mut st = [0u64; N_STATIC];
    let mut dy = [0u64; N_DYNAMIC];
    let mut rt = [0u64; N_RIGHT];
    for i in 0..words.len() {
        let class = if let Some(c) = m.tagdict.get(words[i].exact) {
            c as u8
        } else {
            static_features(words, i, &mut st);
            let t1 = prev_tag(classes, i, 1);
            let t2 = prev_tag(classes, i, 2);
            dynamic_features(words, i, t1, t2, &mut dy);
            feats[..N_STATIC].copy_from_slice(&st);
            feats[N_STATIC..N_FEATS].copy_from_slice(&dy);
            let n = match first {
                Some(f) => {
                    right_features(words, i, right_tags(f, i, t1), &mut rt);
                    feats[N_FEATS..].copy_from_slice(&rt);
                    N_FEATS2
                }
                None => N_FEATS,
            };
            scores.iter_mut().for_each(|x| *x = 0);
            weights.add_all(&feats[..n], scores);
            argmax(scores)
        };
        classes.push(class);
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
    /// Wraps an already decoded model (used by training to score epochs).
    pub(crate) fn from_model(model: Model) -> Tagger {
        Tagger {
            model,
            lemmatizer: Lemmatizer::embedded(),
        }
    }
}
