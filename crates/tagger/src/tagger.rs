//! Inference: the [`Tagger`] and its pipeline stage.

use crate::features::{
    context_features, dynamic_features, mix, right_features, static_features, word_features,
    word_info, WordInfo, NO_DICT, N_FEATS, N_FEATS2, N_STATIC, N_WORD, START_TAG,
};
use crate::model::{Model, Scores, Weights};
use crate::{Error, Lemmatizer};
use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};
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
    /// Distinguishes this model's entries in the per-thread [`WordCache`]s.
    id: u64,
}

/// Source of [`Tagger::id`]s.
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

fn next_id() -> u64 {
    NEXT_ID.fetch_add(1, Ordering::Relaxed)
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
    lemma: String,
    /// Per-pass caches of the summed word-only feature weights.
    cache: [WordCache; 2],
    /// Per-word [`WordInfo`]s of one model, direct-mapped by a hash of the
    /// word's bytes (`info_keys` holds the hash, 0 = empty).
    info_owner: u64,
    info_keys: Vec<u64>,
    info: Vec<WordInfo>,
    /// Lemmas by (word, XPOS), direct-mapped like `info` (the lemmatizer is
    /// the same for every model).
    lemma_cache: LemmaCache,
}

/// Direct-mapped cache of lemmas by a hash of (word, XPOS); 0 = empty slot.
#[derive(Debug, Default)]
struct LemmaCache {
    keys: Vec<u64>,
    lemmas: Vec<String>,
}

/// FNV-1a over bytes, finished with [`mix`]; never 0.
fn bytes_key(w: &str, salt: u64) -> u64 {
    let h = w.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    mix(h ^ salt.wrapping_mul(0x9e37_79b9_7f4a_7c15)) | 1
}

/// Slots of the per-thread [`WordInfo`] cache: a power of two. A miss costs
/// a word-table and a tag-dictionary lookup, each likely a cache miss.
const INFO_SLOTS: usize = 16384;

/// Slots of the per-thread lemma cache: a power of two. A miss runs the
/// lemmatizer's rules and table lookups; keyed by (word, XPOS), news needs
/// more slots than words (65536 tagged about 2% faster than 16384 on BBC
/// news, for about 2 MB per thread).
const LEMMA_SLOTS: usize = 65536;

/// Slots of a [`WordCache`]: a power of two. News repeats its words, so a few
/// thousand cover most tokens; each slot holds one score per class (8192
/// measured faster than 4096 on news; 16384 no faster again).
const CACHE_SLOTS: usize = 8192;

/// A direct-mapped cache from a word (its exact-form hash) to the summed
/// weights of its [`word_features`] in one pass of one model.
///
/// Those features are a third of a token's and each costs a random memory
/// access, so reusing their sum is the cheapest way to score a frequent word.
/// Integer sums do not depend on order, so cached and uncached scores are
/// identical.
#[derive(Debug, Default)]
pub(crate) struct WordCache {
    /// The (model id, pass) the entries belong to; 0 when empty.
    owner: u64,
    classes: usize,
    keys: Vec<u64>,
    scores: Vec<i32>,
}

/// The [`WordCache`] slot of a word's exact-form key.
#[inline]
fn cache_slot(key: u64) -> usize {
    (mix(key) as usize) & (CACHE_SLOTS - 1)
}

impl WordCache {
    /// Empties the cache unless it already holds entries of `owner` with
    /// `classes` scores per slot.
    fn prepare(&mut self, owner: u64, classes: usize) {
        if self.owner != owner || self.classes != classes {
            self.owner = owner;
            self.classes = classes;
            self.keys = vec![0; CACHE_SLOTS];
            self.scores = vec![0; CACHE_SLOTS * classes];
        }
    }

    /// Loads one value per cache line of the row of `w`, so that its cache
    /// misses overlap those of the token being scored instead of stalling the
    /// next (about 2% faster tagging).
    #[inline]
    fn touch(&self, w: &WordInfo) {
        let n = self.classes;
        let slot = cache_slot(w.exact);
        let mut x = self.keys.get(slot).copied().unwrap_or(0) as i32;
        if let Some(row) = self.scores.get(slot * n..(slot + 1) * n) {
            for v in row.iter().step_by(16) {
                x ^= v;
            }
        }
        std::hint::black_box(x);
    }

    /// Sets the first `classes` of `scores` to the summed word-feature weights
    /// of `w` (and leaves the others alone: no entry of the model touches them).
    fn word_scores(&mut self, weights: &Weights, w: &WordInfo, scores: &mut Scores) {
        let n = self.classes;
        let key = w.exact;
        let slot = cache_slot(key);
        let cached = self.scores.get_mut(slot * n..(slot + 1) * n);
        let mut wf = [0u64; N_WORD];
        match cached {
            Some(row) if key != 0 && n <= scores.len() => {
                if self.keys[slot] == key {
                    scores[..n].copy_from_slice(row);
                } else {
                    word_features(w, &mut wf);
                    scores[..n].fill(0);
                    weights.add_all(&wf, scores);
                    row.copy_from_slice(&scores[..n]);
                    self.keys[slot] = key;
                }
            }
            _ => {
                word_features(w, &mut wf);
                scores.fill(0);
                weights.add_all(&wf, scores);
            }
        }
    }
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
            id: next_id(),
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
        if s.info_owner != self.id {
            s.info_owner = self.id;
            s.info_keys = vec![0; INFO_SLOTS];
            s.info = vec![WordInfo::default(); INFO_SLOTS];
        }
        for w in words {
            // A word's features depend on its bytes only (and the model's
            // tables): reuse them for words seen before.
            let key = bytes_key(w, 0);
            let slot = (key as usize >> 7) & (INFO_SLOTS - 1);
            let info = if s.info_keys[slot] == key {
                s.info[slot]
            } else {
                let info = word_info(w, &m.lexicon, Some(&m.tagdict));
                s.info_keys[slot] = key;
                s.info[slot] = info;
                info
            };
            s.words.push(info);
        }
        let w1 = &m.weights;
        let n = m.classes.len();
        let [cache1, cache2] = &mut s.cache;
        cache1.prepare(self.id * 2, n);
        greedy(
            w1,
            &s.words,
            None,
            &mut s.classes,
            &mut s.margins,
            n,
            Some(cache1),
        );
        if let Some(w2) = &m.weights2 {
            std::mem::swap(&mut s.classes, &mut s.first);
            std::mem::swap(&mut s.margins, &mut s.first_margins);
            let second = Pass2 {
                first: &s.first,
                margins: &s.first_margins,
                skip: m.skip_margin,
            };
            cache2.prepare(self.id * 2 + 1, n);
            greedy(
                w2,
                &s.words,
                Some(second),
                &mut s.classes,
                &mut s.margins,
                n,
                Some(cache2),
            );
        }
        out.extend(s.classes.iter().map(|&c| {
            m.classes
                .get(c as usize)
                .copied()
                .unwrap_or((Upos::X, Xpos::None))
        }));
        finite_verb_rule(words, out);
    }

    /// Tags and lemmatizes every sentence of `doc`.
    pub fn tag_doc(&self, doc: &mut Doc) {
        let mut tags = Vec::new();
        let mut lemma = SCRATCH
            .with(|s| s.try_borrow_mut().map(|mut s| std::mem::take(&mut s.lemma)))
            .unwrap_or_default();
        let mut cache = SCRATCH
            .with(|s| {
                s.try_borrow_mut()
                    .map(|mut s| std::mem::take(&mut s.lemma_cache))
            })
            .unwrap_or_default();
        if cache.keys.len() != LEMMA_SLOTS {
            cache.keys = vec![0; LEMMA_SLOTS];
            cache.lemmas = vec![String::new(); LEMMA_SLOTS];
        }
        for si in 0..doc.sentences().len() {
            if doc.sentences()[si].skip_tag {
                continue;
            }
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
                let word = doc.word(i);
                let key = bytes_key(word, 1 + x as u64);
                let slot = (key as usize >> 7) & (LEMMA_SLOTS - 1);
                if cache.keys[slot] != key {
                    lemma.clear();
                    self.lemmatizer.lemma_into(word, u, x, &mut lemma);
                    cache.keys[slot] = key;
                    cache.lemmas[slot].clone_from(&lemma);
                }
                doc.set_lemma(i, &cache.lemmas[slot]);
            }
        }
        SCRATCH.with(|s| {
            if let Ok(mut s) = s.try_borrow_mut() {
                s.lemma = lemma;
                s.lemma_cache = cache;
            }
        });
    }
}

/// A full sentence needs a finite verb. When the tagger found none but read a
/// past form as a participle with no auxiliary before it ("Russian troops
/// massed on the border."), the participle is the simple past: a reduced
/// relative needs a main verb to hang on. Only sentences that end in a full
/// stop and start with a capital are treated as full sentences; headlines and
/// fragments are left alone.
fn finite_verb_rule(words: &[&str], tags: &mut [(Upos, Xpos)]) {
    let finite = |x: Xpos| matches!(x, Xpos::Vbd | Xpos::Vbz | Xpos::Vbp | Xpos::Md);
    if tags.len() < 4 || tags.iter().any(|t| finite(t.1)) {
        return;
    }
    let full_stop = words.last().is_some_and(|w| *w == "." || *w == "!");
    let capital = words
        .first()
        .and_then(|w| w.chars().next())
        .is_some_and(char::is_uppercase);
    if !full_stop || !capital {
        return;
    }
    let mut seen_noun = false;
    for (k, t) in tags.iter_mut().enumerate() {
        match t.1 {
            Xpos::Nn | Xpos::Nns | Xpos::Nnp | Xpos::Nnps | Xpos::Prp => seen_noun = true,
            Xpos::Vbn if seen_noun && t.0 == Upos::Verb => {
                let aux = words[..k].iter().any(|w| {
                    let w = w.to_ascii_lowercase();
                    matches!(
                        w.as_str(),
                        "be" | "been"
                            | "being"
                            | "is"
                            | "are"
                            | "was"
                            | "were"
                            | "has"
                            | "have"
                            | "had"
                            | "having"
                            | "get"
                            | "got"
                            | "gets"
                            | "getting"
                    )
                });
                if !aux {
                    t.1 = Xpos::Vbd;
                }
                return;
            }
            _ => {}
        }
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
/// right by the first. With `cache`, the word-only part of each score comes
/// from (and goes to) the cache; the result is the same either way. The model
/// has `n_classes` classes (at most 256).
pub(crate) fn greedy(
    weights: &Weights,
    words: &[WordInfo],
    second: Option<Pass2<'_>>,
    classes: &mut Vec<u8>,
    margins: &mut Vec<i32>,
    n_classes: usize,
    mut cache: Option<&mut WordCache>,
) {
    classes.clear();
    margins.clear();
    let mut scores: Scores = [0; 256];
    let n_classes = n_classes.min(scores.len());
    let mut feats = [0u64; N_FEATS2];
    for i in 0..words.len() {
        let (class, margin) = if words[i].dict != NO_DICT {
            (words[i].dict, i32::MAX)
        } else if let Some(p) = second.filter(|p| p.margins.get(i).is_some_and(|&g| g >= p.skip)) {
            // The first pass was sure: keep its class and save the scoring.
            (p.first.get(i).copied().unwrap_or(0), i32::MAX)
        } else {
            let t1 = prev_tag(classes, i, 1);
            let t2 = prev_tag(classes, i, 2);
            // The features to look up: all of them, or without the word-only
            // ones when the cache supplies their sum.
            let from = match cache.as_deref_mut() {
                Some(c) => {
                    c.word_scores(weights, &words[i], &mut scores);
                    if let Some((ctx, _)) = feats[N_WORD..].split_first_chunk_mut() {
                        context_features(words, i, ctx);
                    }
                    N_WORD
                }
                None => {
                    if let Some((st, _)) = feats.split_first_chunk_mut() {
                        static_features(words, i, st);
                    }
                    scores[..n_classes].fill(0);
                    0
                }
            };
            if let Some((dy, _)) = feats[N_STATIC..].split_first_chunk_mut() {
                dynamic_features(words, i, t1, t2, dy);
            }
            let n = match second {
                Some(p) => {
                    if let Some((rt, _)) = feats[N_FEATS..].split_first_chunk_mut() {
                        right_features(words, i, right_tags(p.first, i, t1), rt);
                    }
                    N_FEATS2
                }
                None => N_FEATS,
            };
            // The next word's cached sums are needed soon: start loading them.
            if let (Some(c), Some(next)) = (cache.as_deref(), words.get(i + 1)) {
                if next.dict == NO_DICT {
                    c.touch(next);
                }
            }
            weights.add_all(&feats[from..n], &mut scores);
            argmax_margin(&scores[..n_classes])
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

/// Index of the highest score (the lowest index wins ties, as in [`argmax`])
/// and its lead over the runner-up (0 on a tie; 0 with fewer than two scores).
///
/// Written as maximum reductions with no data-dependent branch, which the
/// compiler vectorizes: a scan that tracks the best two scores mispredicts
/// often and was a tenth of the tagging time.
#[inline]
fn argmax_margin(scores: &[i32]) -> (u8, i32) {
    let max = |s: &[i32]| s.iter().fold(i32::MIN, |m, &v| m.max(v));
    let top = max(scores);
    let Some(best) = scores.iter().position(|&v| v == top) else {
        return (0, 0);
    };
    if scores.len() < 2 {
        return (0, 0);
    }
    let second = max(&scores[..best]).max(max(&scores[best + 1..]));
    (best as u8, top.saturating_sub(second))
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
            id: next_id(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The best-two scan `argmax_margin` replaced, as the reference.
    fn scan(scores: &[i32]) -> (u8, i32) {
        let Some((&first, rest)) = scores.split_first() else {
            return (0, 0);
        };
        let (mut best, mut top, mut second) = (0usize, first, i32::MIN);
        for (i, &v) in rest.iter().enumerate() {
            if v > top {
                second = top;
                top = v;
                best = i + 1;
            } else if v > second {
                second = v;
            }
        }
        if rest.is_empty() {
            second = top;
        }
        (best as u8, top.saturating_sub(second))
    }

    #[test]
    fn argmax_margin_matches_a_scan_of_the_best_two() {
        let mut cases: Vec<Vec<i32>> = vec![
            vec![],
            vec![5],
            vec![i32::MIN, i32::MIN],
            vec![3, 3],
            vec![1, 7, 7, 2],
            vec![i32::MAX, i32::MIN],
            vec![-4, -9, -4],
        ];
        // Pseudo-random scores with many ties.
        let mut x = 7u64;
        for n in 1..120 {
            let v = (0..n)
                .map(|_| {
                    x = mix(x);
                    (x % 11) as i32 - 5 + if x % 7 == 0 { 1 << 20 } else { 0 }
                })
                .collect();
            cases.push(v);
        }
        for c in &cases {
            assert_eq!(argmax_margin(c), scan(c), "{c:?}");
        }
    }
}
