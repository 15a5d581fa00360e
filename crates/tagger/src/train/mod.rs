//! Training: an averaged perceptron over the features of `src/features.rs`,
//! trained greedily left to right on UD CoNLL-U data, the epoch chosen on dev.
//!
//! Deterministic for a given seed: sentences are shuffled each epoch with a
//! seeded splitmix64 generator, every table is sorted before it is written,
//! and weights are integers until averaging.

use crate::features::{
    cluster_bits, dynamic_features, right_features, static_features, word_info, WordInfo,
    N_DYNAMIC, N_FEATS, N_FEATS2, N_RIGHT, N_STATIC, START_TAG,
};
use crate::model::{HashIndex, Model, RawModel, RawWeights};
use crate::tagger::{argmax, greedy, right_tags};
use crate::{Error, Tagger};
mod lemmas;

pub use lemmas::{lemma_tables, LemmaTables};

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::path::{Path, PathBuf};
use tocsin_core::conllu::{parse_conllu, GoldSentence};
use tocsin_core::{Upos, Xpos};

/// The committed word clusters, `crates/tagger/data/clusters.tsv.gz`.
pub const DEFAULT_CLUSTERS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/clusters.tsv.gz");

/// The text of a gzipped UTF-8 file.
fn read_gz_text(path: &Path) -> Result<String, Error> {
    use std::io::Read;
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let bytes = std::fs::read(path).map_err(io)?;
    let mut text = String::new();
    flate2::read::GzDecoder::new(&bytes[..])
        .read_to_string(&mut text)
        .map_err(io)?;
    Ok(text)
}

/// Reads a gzipped cluster table: (lowercase-word hash, word-table bits), sorted.
///
/// # Errors
/// The file cannot be read or decompressed, or a line is malformed (`path:line`).
pub(crate) fn read_clusters(path: &Path) -> Result<Vec<(u64, u32)>, Error> {
    let text = read_gz_text(path)?;
    let mut out = Vec::new();
    for (k, line) in text.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let num = |i: usize, max: u32| {
            f.get(i)
                .and_then(|v| v.parse::<u32>().ok())
                .filter(|&v| v < max)
        };
        let (Some(c2048), 5) = (num(3, 2048), f.len()) else {
            return Err(Error::Table {
                path: path.to_path_buf(),
                line: k + 1,
                message: format!(
                    "expected word, c16, c256, c2048 (< 2048) and row separated by tabs, found {line:?}"
                ),
            });
        };
        // The vector row (`f[4]`) is not used: it did not help on dev.
        out.push((crate::features::lower_hash(f[0]), cluster_bits(c2048)));
    }
    out.sort_unstable();
    out.dedup_by_key(|e| e.0);
    Ok(out)
}

/// The committed cased word statistics, `crates/tagger/data/wordstats.tsv.gz`.
pub const DEFAULT_WORDSTATS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/wordstats.tsv.gz");

/// Reads a gzipped word-statistics table (`form<TAB>brown<TAB>round(10 * ln p)`,
/// -999 for no probability): (form key, word-table bits), sorted by key.
///
/// # Errors
/// The file cannot be read or decompressed, or a line is malformed (`path:line`).
pub(crate) fn read_wordstats(path: &Path) -> Result<Vec<(u64, u32)>, Error> {
    use crate::features::{exact_hash, form_bits, form_key, BROWN_MASK};
    let text = read_gz_text(path)?;
    let mut rows: Vec<(&str, u32, Option<f64>)> = Vec::new();
    for (k, line) in text.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let brown = f
            .get(1)
            .and_then(|v| v.parse::<u32>().ok())
            .filter(|&b| b <= BROWN_MASK);
        let prob = f
            .get(2)
            .and_then(|v| v.parse::<i32>().ok())
            .filter(|p| (-999..=0).contains(p));
        let (Some(brown), Some(prob), 3, false) = (brown, prob, f.len(), f[0].is_empty()) else {
            return Err(Error::Table {
                path: path.to_path_buf(),
                line: k + 1,
                message: format!(
                    "expected form, Brown cluster (< 2^20) and 10 x log-probability (-999..=0) separated by tabs, found {line:?}"
                ),
            });
        };
        rows.push((f[0], brown, (prob > -999).then(|| f64::from(prob) / 10.0)));
    }
    let probs: HashMap<&str, f64> = rows.iter().filter_map(|&(w, _, p)| Some((w, p?))).collect();
    let mut out: Vec<(u64, u32)> = rows
        .iter()
        .map(|&(w, brown, p)| {
            let lower = w.to_lowercase();
            let has_upper = lower != w;
            let lp = if has_upper {
                probs.get(lower.as_str()).copied()
            } else {
                None
            };
            (form_key(exact_hash(w)), form_bits(brown, p, lp, has_upper))
        })
        .collect();
    out.sort_unstable();
    out.dedup_by_key(|e| e.0);
    Ok(out)
}

/// What to train on and how.
#[derive(Clone, Debug)]
pub struct TrainConfig {
    /// CoNLL-U training file (UD English EWT train).
    pub train: PathBuf,
    /// CoNLL-U development file, used to choose the epoch.
    pub dev: PathBuf,
    /// Maximum number of passes over the training data.
    pub epochs: usize,
    /// Seed of the per-epoch shuffle.
    pub seed: u64,
    /// A word enters the tag dictionary when seen at least this often...
    pub tagdict_min_count: u32,
    /// ...with its most frequent tag at least this share of the time.
    pub tagdict_min_ratio: f64,
    /// Averaged weights whose quantized magnitude is below this are dropped.
    pub min_weight: i16,
    /// 1: one greedy left-to-right pass; 2: add a second pass that also sees the
    /// first pass's tags to the right (more accurate, about half as fast).
    pub passes: u8,
    /// Folds for the jackknifed first-pass tags the second pass trains on.
    pub folds: usize,
    /// Word clusters (`word<TAB>c16<TAB>c256<TAB>c2048<TAB>row`, gzipped; see
    /// `crates/tagger/data/README.md`) stored in the model's word table; `None`
    /// trains without them.
    pub clusters: Option<PathBuf>,
    /// Cased word statistics (`form<TAB>brown<TAB>round(10 * ln p)`, gzipped;
    /// see `crates/tagger/data/README.md`) stored in the model's word table;
    /// `None` trains without them.
    pub wordstats: Option<PathBuf>,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            train: PathBuf::from("../shared/data/ud-english-ewt/en_ewt-ud-train.conllu"),
            dev: PathBuf::from("../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu"),
            epochs: 12,
            seed: 1,
            tagdict_min_count: 20,
            tagdict_min_ratio: 0.995,
            min_weight: 1,
            passes: 2,
            folds: 5,
            clusters: Some(PathBuf::from(DEFAULT_CLUSTERS)),
            wordstats: Some(PathBuf::from(DEFAULT_WORDSTATS)),
        }
    }
}

/// Accuracy on dev after one epoch.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct EpochScore {
    /// 1 for the left-to-right pass, 2 for the pass that also sees right-hand tags.
    pub pass: u8,
    /// 1-based epoch.
    pub epoch: usize,
    pub upos: f64,
    pub xpos: f64,
    /// Weights updated (mistakes) during the epoch.
    pub mistakes: usize,
}

/// What training did.
#[derive(Clone, Debug, Default)]
pub struct TrainReport {
    pub epochs: Vec<EpochScore>,
    /// The epoch whose model was kept (best mean of UPOS and XPOS on dev) in
    /// the last pass trained.
    pub best: EpochScore,
    pub classes: usize,
    pub tagdict_words: usize,
    pub features: usize,
    pub weights: usize,
    /// Size of the gzip-compressed model.
    pub model_bytes: usize,
    /// First-pass margin above which a word skips the second pass.
    pub skip_margin: i32,
    /// Share of the non-dictionary dev words with a margin below `skip_margin`
    /// (which do run the second pass).
    pub second_pass_share: f64,
}

/// Accuracy of a tagger on gold sentences (gold tokenization).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Accuracy {
    pub tokens: usize,
    pub upos: f64,
    pub xpos: f64,
    /// Lemma accuracy with predicted tags (exact string match).
    pub lemma: f64,
    /// Lemma accuracy with gold tags (the lemmatizer alone).
    pub lemma_gold_tags: f64,
}

/// Reads and parses a CoNLL-U file.
///
/// # Errors
/// The file cannot be read, or a line is malformed (reported as `path:line`).
pub fn read_conllu(path: &Path) -> Result<Vec<GoldSentence>, Error> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse_conllu(&text).map_err(|e| Error::Conllu {
        path: path.to_path_buf(),
        line: e.line,
        message: e.message,
    })
}

/// Tags gold sentences with `tagger` and scores tags and lemmas.
#[must_use]
pub fn evaluate(tagger: &Tagger, gold: &[GoldSentence]) -> Accuracy {
    let (mut n, mut u, mut x, mut l, mut lg) = (0usize, 0usize, 0usize, 0usize, 0usize);
    let mut out = Vec::new();
    for s in gold {
        let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        tagger.tag(&words, &mut out);
        for (w, &(pu, px)) in s.words.iter().zip(&out) {
            n += 1;
            u += usize::from(w.upos == pu);
            x += usize::from(w.xpos == px);
            l += usize::from(tagger.lemmatizer().lemma(&w.form, pu, px) == w.lemma);
            lg += usize::from(tagger.lemmatizer().lemma(&w.form, w.upos, w.xpos) == w.lemma);
        }
    }
    let pct = |k: usize| {
        if n == 0 {
            0.0
        } else {
            100.0 * k as f64 / n as f64
        }
    };
    Accuracy {
        tokens: n,
        upos: pct(u),
        xpos: pct(x),
        lemma: pct(l),
        lemma_gold_tags: pct(lg),
    }
}

/// Trains a model; returns the gzip-compressed model bytes and a report.
///
/// # Errors
/// A data file cannot be read or parsed, or the configuration is unusable.
pub fn train(cfg: &TrainConfig) -> Result<(Vec<u8>, TrainReport), Error> {
    train_with_progress(cfg, &mut |_| {})
}

/// Trains a model and writes it to `out`.
///
/// # Errors
/// As [`train`], or `out` cannot be written.
pub fn train_to_file(cfg: &TrainConfig, out: &Path) -> Result<TrainReport, Error> {
    let (bytes, report) = train(cfg)?;
    std::fs::write(out, bytes).map_err(|source| Error::Io {
        path: out.to_path_buf(),
        source,
    })?;
    Ok(report)
}

/// A hasher for keys that are already well-mixed 64-bit hashes.
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

/// One weight during training, with what averaging needs.
#[derive(Clone, Copy, Debug)]
struct Entry {
    class: u8,
    w: i32,
    /// Sum of `w` over all instances up to `ts`.
    total: i64,
    ts: u32,
}

/// A gold sentence prepared for training.
struct Sent {
    words: Vec<WordInfo>,
    /// The word-only features of every token, `N_STATIC` per token.
    statics: Vec<u64>,
    gold: Vec<u8>,
}

struct Perceptron {
    weights: IdMap<Vec<Entry>>,
    /// Number of instances seen (the averaging clock).
    now: u32,
}

impl Perceptron {
    fn score(&self, feats: &[u64], scores: &mut [i32]) {
        scores.iter_mut().for_each(|s| *s = 0);
        for k in feats {
            if let Some(row) = self.weights.get(k) {
                for e in row {
                    scores[e.class as usize] += e.w;
                }
            }
        }
    }

    fn update(&mut self, feats: &[u64], truth: u8, guess: u8) {
        let now = self.now;
        for &k in feats {
            let row = self.weights.entry(k).or_default();
            for (class, delta) in [(truth, 1), (guess, -1)] {
                let e = match row.iter().position(|e| e.class == class) {
                    Some(p) => &mut row[p],
                    None => {
                        row.push(Entry {
                            class,
                            w: 0,
                            total: 0,
                            ts: now,
                        });
                        let last = row.len() - 1;
                        &mut row[last]
                    }
                };
                e.total += i64::from(e.w) * i64::from(now - e.ts);
                e.ts = now;
                e.w += delta;
            }
        }
    }

    /// The averaged, quantized, pruned weights, sorted by key.
    fn averaged(&self, min_weight: i16) -> Vec<(u64, Vec<(u8, i16)>)> {
        let now = f64::from(self.now.max(1));
        let avg = |e: &Entry| (e.total + i64::from(e.w) * i64::from(self.now - e.ts)) as f64 / now;
        let max = self
            .weights
            .values()
            .flatten()
            .map(|e| avg(e).abs())
            .fold(0.0f64, f64::max)
            .max(1e-9);
        let scale = 32000.0 / max;
        let mut out: Vec<(u64, Vec<(u8, i16)>)> = self
            .weights
            .iter()
            .filter_map(|(&k, row)| {
                let mut es: Vec<(u8, i16)> = row
                    .iter()
                    .map(|e| (e.class, (avg(e) * scale).round() as i16))
                    .filter(|&(_, q)| q.abs() >= min_weight)
                    .collect();
                es.sort_unstable();
                (!es.is_empty()).then_some((k, es))
            })
            .collect();
        out.sort_unstable_by_key(|(k, _)| *k);
        out
    }
}

/// A small seeded generator (splitmix64) for the epoch shuffle.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        crate::features::mix(self.0)
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

fn class_table(train: &[GoldSentence]) -> Result<Vec<(Upos, Xpos)>, Error> {
    let mut classes: Vec<(Upos, Xpos)> = train
        .iter()
        .flat_map(|s| s.words.iter().map(|w| (w.upos, w.xpos)))
        .collect();
    classes.sort_unstable();
    classes.dedup();
    if classes.is_empty() || classes.len() > 255 {
        return Err(Error::Config(format!(
            "expected 1 to 255 distinct UPOS+XPOS pairs in training data, found {}",
            classes.len()
        )));
    }
    Ok(classes)
}

fn tag_dictionary(sents: &[Sent], cfg: &TrainConfig, n_classes: usize) -> Vec<(u64, u8)> {
    let mut counts: IdMap<Vec<u32>> = IdMap::default();
    for s in sents {
        for (w, &g) in s.words.iter().zip(&s.gold) {
            counts.entry(w.exact).or_insert_with(|| vec![0; n_classes])[g as usize] += 1;
        }
    }
    let mut dict: Vec<(u64, u8)> = counts
        .iter()
        .filter_map(|(&k, c)| {
            let total: u32 = c.iter().sum();
            let best = argmax(&c.iter().map(|&x| x as i32).collect::<Vec<_>>());
            let share = f64::from(c[best as usize]) / f64::from(total);
            (total >= cfg.tagdict_min_count && share >= cfg.tagdict_min_ratio).then_some((k, best))
        })
        .collect();
    dict.sort_unstable();
    dict
}

fn prepare(gold: &[GoldSentence], classes: &[(Upos, Xpos)], lex: &HashIndex) -> Vec<Sent> {
    gold.iter()
        .map(|s| {
            let words: Vec<WordInfo> = s
                .words
                .iter()
                .map(|w| word_info(&w.form, lex, None))
                .collect();
            let gold = s
                .words
                .iter()
                .map(|w| {
                    classes
                        .binary_search(&(w.upos, w.xpos))
                        .map_or(0, |c| c as u8)
                })
                .collect();
            Sent {
                words,
                statics: Vec::new(),
                gold,
            }
        })
        .collect()
}

/// Computes the word-only features of every token of `s` (once its words'
/// tag-dictionary classes are set, as context features read them).
fn fill_statics(s: &mut Sent) {
    s.statics = vec![0u64; s.words.len() * N_STATIC];
    let mut st = [0u64; N_STATIC];
    for i in 0..s.words.len() {
        static_features(&s.words, i, &mut st);
        s.statics[i * N_STATIC..(i + 1) * N_STATIC].copy_from_slice(&st);
    }
}

/// One pass over the training data; returns the number of mistakes. With
/// `right` (the first pass's tags of every sentence) this trains the second pass.
fn epoch(
    p: &mut Perceptron,
    sents: &[Sent],
    order: &[usize],
    dict: &IdMap<u8>,
    n: usize,
    right: Option<&[Vec<u8>]>,
) -> usize {
    let mut mistakes = 0;
    let mut scores = vec![0i32; n];
    let mut feats = [0u64; N_FEATS2];
    let mut dy = [0u64; N_DYNAMIC];
    let mut rt = [0u64; N_RIGHT];
    let mut tags: Vec<u8> = Vec::new();
    for &si in order {
        let s = &sents[si];
        tags.clear();
        for i in 0..s.words.len() {
            if let Some(&c) = dict.get(&s.words[i].exact) {
                tags.push(c);
                continue;
            }
            feats[..N_STATIC].copy_from_slice(&s.statics[i * N_STATIC..(i + 1) * N_STATIC]);
            let t1 = if i >= 1 {
                u64::from(tags[i - 1])
            } else {
                START_TAG
            };
            let t2 = if i >= 2 {
                u64::from(tags[i - 2])
            } else {
                START_TAG
            };
            dynamic_features(&s.words, i, t1, t2, &mut dy);
            feats[N_STATIC..N_FEATS].copy_from_slice(&dy);
            let nf = match right {
                Some(r) => {
                    right_features(&s.words, i, right_tags(&r[si], i, t1), &mut rt);
                    feats[N_FEATS..].copy_from_slice(&rt);
                    N_FEATS2
                }
                None => N_FEATS,
            };
            p.now += 1;
            p.score(&feats[..nf], &mut scores);
            let guess = argmax(&scores);
            if guess != s.gold[i] {
                p.update(&feats[..nf], s.gold[i], guess);
                mistakes += 1;
            }
            tags.push(guess);
        }
    }
    mistakes
}

/// What every training run shares.
struct Setup<'a> {
    cfg: &'a TrainConfig,
    sents: Vec<Sent>,
    dev: Vec<GoldSentence>,
    classes: Vec<(Upos, Xpos)>,
    dict_vec: Vec<(u64, u8)>,
    dict: IdMap<u8>,
    lexicon: Vec<(u64, u32)>,
}

impl Setup<'_> {
    fn raw(&self, features: RawWeights, features2: Option<RawWeights>) -> RawModel {
        RawModel {
            classes: self.classes.clone(),
            tagdict: self.dict_vec.clone(),
            lexicon: self.lexicon.clone(),
            features,
            features2,
            skip_margin: i32::MAX,
        }
    }

    /// Chooses the first-pass margin above which words skip the second pass:
    /// the lowest (fastest) candidate whose dev score stays within 0.04 points
    /// (UPOS + XPOS) of running the second pass on every word.
    fn tune_skip(&self, raw: &mut RawModel, report: &mut TrainReport) -> Result<(), Error> {
        let model = Model::decode(&raw.encode())?;
        let tagger = Tagger::from_model(model);
        let full = evaluate(&tagger, &self.dev);
        let m = tagger.model();
        let mut margins = Vec::new();
        let (mut classes, mut ms) = (Vec::new(), Vec::new());
        for s in &self.dev {
            let words: Vec<WordInfo> = s
                .words
                .iter()
                .map(|w| word_info(&w.form, &m.lexicon, Some(&m.tagdict)))
                .collect();
            greedy(
                &m.weights,
                &words,
                None,
                &mut classes,
                &mut ms,
                self.classes.len(),
                None,
            );
            margins.extend(ms.iter().copied().filter(|&g| g != i32::MAX));
        }
        margins.sort_unstable();
        let mut best = (i32::MAX, 1.0);
        for q in [0.95, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1] {
            let Some(&thr) = margins.get((margins.len() as f64 * q) as usize) else {
                continue;
            };
            raw.skip_margin = thr.max(1);
            let acc = evaluate(
                &Tagger::from_model(Model::decode(&raw.encode())?),
                &self.dev,
            );
            if acc.upos + acc.xpos + 0.04 >= full.upos + full.xpos {
                best = (raw.skip_margin, q);
            } else {
                break;
            }
        }
        raw.skip_margin = best.0;
        report.skip_margin = best.0;
        report.second_pass_share = best.1;
        Ok(())
    }

    fn new_perceptron() -> Perceptron {
        Perceptron {
            weights: IdMap::default(),
            now: 0,
        }
    }

    /// Trains one pass on the sentences in `subset` for `epochs` epochs, without
    /// evaluation; returns the averaged weights.
    fn train_quiet(&self, subset: &[usize], epochs: usize, seed: u64) -> RawWeights {
        let mut p = Setup::new_perceptron();
        let mut order = subset.to_vec();
        let mut rng = SplitMix(seed);
        for _ in 0..epochs {
            rng.shuffle(&mut order);
            epoch(
                &mut p,
                &self.sents,
                &order,
                &self.dict,
                self.classes.len(),
                None,
            );
        }
        p.averaged(self.cfg.min_weight)
    }

    /// First-pass tags of every training sentence, each predicted by a model
    /// that did not see it (jackknifing), so the second pass learns from tags as
    /// noisy as it will get on new text.
    fn jackknife(&self, epochs: usize) -> Result<Vec<Vec<u8>>, Error> {
        let folds = self.cfg.folds.max(2);
        let mut out = vec![Vec::new(); self.sents.len()];
        for k in 0..folds {
            let subset: Vec<usize> = (0..self.sents.len()).filter(|i| i % folds != k).collect();
            let w = self.train_quiet(&subset, epochs, self.cfg.seed.wrapping_add(k as u64 + 1));
            let model = Model::decode(&self.raw(w, None).encode())?;
            let mut margins = Vec::new();
            for si in (0..self.sents.len()).filter(|i| i % folds == k) {
                let words = &self.sents[si].words;
                let w1 = &model.weights;
                greedy(
                    w1,
                    words,
                    None,
                    &mut out[si],
                    &mut margins,
                    self.classes.len(),
                    None,
                );
            }
        }
        Ok(out)
    }
}

/// Trains as [`train`], calling `progress` after each epoch with its dev score.
///
/// # Errors
/// As [`train`].
pub fn train_with_progress(
    cfg: &TrainConfig,
    progress: &mut dyn FnMut(&EpochScore),
) -> Result<(Vec<u8>, TrainReport), Error> {
    if cfg.epochs == 0 {
        return Err(Error::Config("expected at least 1 epoch, found 0".into()));
    }
    let train_gold = read_conllu(&cfg.train)?;
    let dev = read_conllu(&cfg.dev)?;
    let (raw, report) = train_sentences(cfg, &train_gold, dev, progress)?;
    Ok(finish(&raw, report))
}

/// Trains on parsed sentences; returns the model tables and the report.
fn train_sentences(
    cfg: &TrainConfig,
    train_gold: &[GoldSentence],
    dev: Vec<GoldSentence>,
    progress: &mut dyn FnMut(&EpochScore),
) -> Result<(RawModel, TrainReport), Error> {
    let classes = class_table(train_gold)?;
    // The model's word table: lexicon classes of the lemmatizer's lexicons
    // and the words' clusters.
    let mut table: std::collections::BTreeMap<u64, u32> = crate::lemma::lexicon_classes()
        .into_iter()
        .map(|(k, v)| (k, u32::from(v)))
        .collect();
    if let Some(path) = &cfg.clusters {
        for (k, bits) in read_clusters(path)? {
            *table.entry(k).or_default() |= bits;
        }
    }
    if let Some(path) = &cfg.wordstats {
        table.extend(read_wordstats(path)?);
    }
    let lexicon: Vec<(u64, u32)> = table.into_iter().collect();
    let lex_index = HashIndex::build(lexicon.iter().copied());
    let mut sents = prepare(train_gold, &classes, &lex_index);
    let dict_vec = tag_dictionary(&sents, cfg, classes.len());
    let dict: IdMap<u8> = dict_vec.iter().copied().collect();
    // As at inference, dictionary words carry their class (see `word_info`).
    for w in sents.iter_mut().flat_map(|s| s.words.iter_mut()) {
        if let Some(&c) = dict.get(&w.exact) {
            w.dict = c;
            w.lex = 0;
        }
    }
    sents.iter_mut().for_each(fill_statics);
    let setup = Setup {
        cfg,
        dict,
        sents,
        dev,
        classes,
        dict_vec,
        lexicon,
    };
    let mut report = TrainReport {
        classes: setup.classes.len(),
        tagdict_words: setup.dict_vec.len(),
        ..TrainReport::default()
    };
    // Pass 1, epoch chosen on dev.
    let (first, best1) = run_pass(&setup, None, None, &mut report, progress)?;
    if cfg.passes < 2 {
        return Ok((setup.raw(first, None), report));
    }
    // Pass 2 on jackknifed first-pass tags.
    let right = setup.jackknife(best1)?;
    let (second, _) = run_pass(&setup, Some(&right), Some(&first), &mut report, progress)?;
    let mut raw = setup.raw(first, Some(second));
    setup.tune_skip(&mut raw, &mut report)?;
    Ok((raw, report))
}

/// Predicted tags for every sentence of `cfg.train`, each from a tagger that
/// never saw it: sentence `i` is tagged by a tagger trained (as `cfg` says,
/// epochs chosen on `cfg.dev`) on the sentences whose index differs from `i`
/// modulo `folds`. A parser trained on these tags sees tags as noisy as the
/// tagger's output on new text. `progress` is called with each finished fold.
///
/// # Errors
/// As [`train`]; also `folds < 2`.
pub fn jackknife_tags(
    cfg: &TrainConfig,
    folds: usize,
    progress: &mut dyn FnMut(usize),
) -> Result<Vec<Vec<(Upos, Xpos)>>, Error> {
    if folds < 2 {
        return Err(Error::Config(format!(
            "expected at least 2 folds, found {folds}"
        )));
    }
    let gold = read_conllu(&cfg.train)?;
    let dev = read_conllu(&cfg.dev)?;
    let mut out = vec![Vec::new(); gold.len()];
    for k in 0..folds {
        let part: Vec<GoldSentence> = gold
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds != k)
            .map(|(_, s)| s.clone())
            .collect();
        let (raw, _) = train_sentences(cfg, &part, dev.clone(), &mut |_| {})?;
        let tagger = Tagger::from_model(Model::decode(&raw.encode())?);
        for (i, s) in gold.iter().enumerate().filter(|(i, _)| i % folds == k) {
            let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            tagger.tag(&words, &mut out[i]);
        }
        progress(k + 1);
    }
    Ok(out)
}

fn finish(raw: &RawModel, mut report: TrainReport) -> (Vec<u8>, TrainReport) {
    let bytes = raw.encode_gz();
    report.features = raw.features.len() + raw.features2.as_ref().map_or(0, Vec::len);
    report.weights = raw
        .features
        .iter()
        .chain(raw.features2.iter().flatten())
        .map(|(_, e)| e.len())
        .sum();
    report.model_bytes = bytes.len();
    (bytes, report)
}

/// Trains one pass for up to `cfg.epochs` epochs, scoring the whole tagger on
/// dev after each; returns the best epoch's weights and its number.
fn run_pass(
    setup: &Setup<'_>,
    right: Option<&[Vec<u8>]>,
    first: Option<&RawWeights>,
    report: &mut TrainReport,
    progress: &mut dyn FnMut(&EpochScore),
) -> Result<(RawWeights, usize), Error> {
    let pass = if right.is_some() { 2 } else { 1 };
    let mut p = Setup::new_perceptron();
    let mut order: Vec<usize> = (0..setup.sents.len()).collect();
    let mut rng = SplitMix(setup.cfg.seed.wrapping_mul(u64::from(pass)));
    let mut best: Option<(RawWeights, usize)> = None;
    let mut best_score = f64::MIN;
    for ep in 1..=setup.cfg.epochs {
        rng.shuffle(&mut order);
        let mistakes = epoch(
            &mut p,
            &setup.sents,
            &order,
            &setup.dict,
            setup.classes.len(),
            right,
        );
        let w = p.averaged(setup.cfg.min_weight);
        let raw = match first {
            Some(f) => setup.raw(f.clone(), Some(w)),
            None => setup.raw(w, None),
        };
        let acc = evaluate(
            &Tagger::from_model(Model::decode(&raw.encode())?),
            &setup.dev,
        );
        let score = EpochScore {
            pass,
            epoch: ep,
            upos: acc.upos,
            xpos: acc.xpos,
            mistakes,
        };
        progress(&score);
        report.epochs.push(score);
        if acc.upos + acc.xpos > best_score {
            best_score = acc.upos + acc.xpos;
            report.best = score;
            let w = if first.is_some() {
                raw.features2.unwrap_or_default()
            } else {
                raw.features
            };
            best = Some((w, ep));
        }
    }
    best.ok_or_else(|| Error::Config("no epoch was trained".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes `text` gzipped to `dir/name` (creating `dir`) and returns the path.
    fn write_gz(dir: &Path, name: &str, text: &str) -> PathBuf {
        use std::io::Write;
        std::fs::create_dir_all(dir).unwrap();
        let path = dir.join(name);
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(text.as_bytes()).unwrap();
        std::fs::write(&path, enc.finish().unwrap()).unwrap();
        path
    }

    #[test]
    fn cluster_table_is_read_and_bad_lines_are_located() {
        let dir = std::env::temp_dir().join(format!("tocsin-clusters-{}", std::process::id()));
        let write = |name: &str, text: &str| write_gz(&dir, name, text);
        let good = write(
            "good.tsv.gz",
            "# word\tc16\tc256\tc2048\trow\nmonday\t9\t154\t1234\t77\n",
        );
        let t = read_clusters(&good).unwrap();
        assert_eq!(
            t,
            vec![(crate::features::lower_hash("monday"), cluster_bits(1234))]
        );
        let bad = write(
            "bad.tsv.gz",
            "monday\t9\t154\t1234\t77\ntuesday\t9\t154\t4096\t1\n",
        );
        let e = read_clusters(&bad).unwrap_err().to_string();
        assert!(e.contains("bad.tsv.gz:2:"), "{e}");
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn word_statistics_are_read_with_case_evidence_and_bad_lines_located() {
        use crate::features::{exact_hash, form_bits, form_key};
        let dir = std::env::temp_dir().join(format!("tocsin-wordstats-{}", std::process::id()));
        let write = |name: &str, text: &str| write_gz(&dir, name, text);
        let good = write(
            "good.tsv.gz",
            "Apple\t294\t-102\napple\t633\t-108\nKyiv\t0\t-158\nzzz\t5\t-999\n",
        );
        let mut t = read_wordstats(&good).unwrap();
        t.sort_unstable();
        let mut want = vec![
            // Capitalised, and its lowercase is known: 0.6 nats more likely.
            (
                form_key(exact_hash("Apple")),
                form_bits(294, Some(-10.2), Some(-10.8), true),
            ),
            (
                form_key(exact_hash("apple")),
                form_bits(633, Some(-10.8), None, false),
            ),
            // Capitalised, lowercase unknown.
            (
                form_key(exact_hash("Kyiv")),
                form_bits(0, Some(-15.8), None, true),
            ),
            // No probability.
            (form_key(exact_hash("zzz")), form_bits(5, None, None, false)),
        ];
        want.sort_unstable();
        assert_eq!(t, want);
        let bad = write("bad.tsv.gz", "apple\t633\t-108\nApple\t294\n");
        let e = read_wordstats(&bad).unwrap_err().to_string();
        assert!(e.contains("bad.tsv.gz:2:"), "{e}");
        std::fs::remove_dir_all(&dir).ok();
    }
}
