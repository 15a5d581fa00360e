//! Training: averaged perceptrons, model selection on dev.
//!
//! Two linear models share the decoder: one scores SHIFT/LEFT/RIGHT, the other
//! labels each arc when it is made. Two ways to train the transition model:
//!
//! - `beam = 1` (greedy), with the arc-hybrid dynamic oracle and exploration
//!   (Goldberg & Nivre 2013): the model is updated whenever the best-scoring
//!   valid transition has a positive cost, towards the best-scoring zero-cost
//!   one; from epoch `explore_from` on, the parser then follows its own
//!   prediction with probability `explore_p`, so it learns to recover from its
//!   mistakes. The label model is trained on arcs whose head is right.
//! - `beam > 1`, a global perceptron (`BeamTrainer`): the beam decodes the
//!   sentence and one max-violation update compares whole transition sequences;
//!   the label model is trained along the gold derivation. On EWT this gained
//!   about 0.8 UAS and 1.0 LAS over greedy training (both with predicted tags).

use crate::beam::{cand_order, expand, keep_best, Cand};
use crate::brown::Brown;
use crate::clusters::{Clusters, WordClasses};
use crate::decode::{allowed_labels, argmax_label, best_valid, predict_label, Buffers};
use crate::eval::{evaluate_with, Score, TagFn};
use crate::features::{label_features, trans_features};
use crate::model::{FloatModel, Model, NL, NT};
use crate::oracle::{projectivize, Gold};
use crate::state::{Scratch, SHIFT};
use crate::Error;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;
use tocsin_core::conllu::{parse_conllu, GoldSentence};
use tocsin_core::{DepRel, Upos, Xpos};

/// Brown template groups used unless told otherwise (see `brown.rs`).
pub const DEFAULT_BROWN_GROUPS: u8 = 0x1f;

/// What and how to train.
#[derive(Clone)]
pub struct TrainConfig {
    /// CoNLL-U training file.
    pub train: PathBuf,
    /// CoNLL-U development file, used to pick the best epoch.
    pub dev: PathBuf,
    pub epochs: usize,
    pub seed: u64,
    /// Independent training runs (seeds `seed`, `seed + 1`, ...) whose weights
    /// are averaged into one model.
    pub runs: usize,
    /// First epoch (0-based) in which the parser follows its own predictions.
    pub explore_from: usize,
    /// Probability of following the prediction when exploring.
    pub explore_p: f64,
    /// Beam width: 1 trains the greedy parser with the dynamic oracle; more
    /// trains a global (structured) perceptron with max-violation updates.
    pub beam: usize,
    /// Beam width for dev scoring and stored in the model as its default;
    /// `None` is `beam`.
    pub decode_beam: Option<usize>,
    /// log2 of the number of rows of the transition and label weight tables.
    pub trans_bits: u32,
    pub label_bits: u32,
    /// Tagger for predicted tags on dev (and on train unless `tag_train` is
    /// false); `None` trains and selects on gold tags.
    pub tagger: Option<Arc<TagFn>>,
    /// Whether `tagger` also tags the training data. False keeps the tags of the
    /// training file, e.g. one whose tags were jackknifed beforehand.
    pub tag_train: bool,
    /// Free text stored in the model (e.g. which tagger made the tags).
    pub note: String,
    /// Word cluster table (`word<TAB>c16<TAB>c256<TAB>c2048`, optionally
    /// gzipped) whose classes become features and are stored in the model;
    /// `None` trains without clusters.
    pub clusters: Option<PathBuf>,
    /// Brown cluster table (`word<TAB>cluster[<TAB>...]`, cased forms, the
    /// bit path first-bit-lowest, optionally gzipped) stored in the model;
    /// `None` trains without Brown clusters.
    pub brown: Option<PathBuf>,
    /// Brown template groups (bit mask of `brown::G_*`; used with `brown`).
    pub brown_groups: u8,
    /// Words of `brown` less frequent than this (`round(10 ln p)`, the third
    /// column) are left out; `None` keeps all.
    pub brown_min_logprob: Option<i32>,
    /// Called after each epoch (the library itself prints nothing).
    pub progress: Option<fn(&EpochReport)>,
}

impl std::fmt::Debug for TrainConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TrainConfig")
            .field("train", &self.train)
            .field("dev", &self.dev)
            .field("epochs", &self.epochs)
            .field("seed", &self.seed)
            .field("runs", &self.runs)
            .field("explore_from", &self.explore_from)
            .field("explore_p", &self.explore_p)
            .field("beam", &self.beam)
            .field("decode_beam", &self.decode_beam)
            .field("trans_bits", &self.trans_bits)
            .field("label_bits", &self.label_bits)
            .field("tagger", &self.tagger.is_some())
            .field("tag_train", &self.tag_train)
            .field("note", &self.note)
            .field("clusters", &self.clusters)
            .field("brown", &self.brown)
            .field("brown_groups", &self.brown_groups)
            .field("brown_min_logprob", &self.brown_min_logprob)
            .finish_non_exhaustive()
    }
}

impl TrainConfig {
    /// The defaults used for the committed model.
    #[must_use]
    pub fn new(train: impl Into<PathBuf>, dev: impl Into<PathBuf>) -> Self {
        TrainConfig {
            train: train.into(),
            dev: dev.into(),
            epochs: 14,
            seed: 1,
            runs: 2,
            explore_from: 1,
            explore_p: 0.9,
            beam: 8,
            decode_beam: Some(4),
            trans_bits: 21,
            label_bits: 17,
            tagger: None,
            tag_train: true,
            note: String::new(),
            clusters: None,
            brown: None,
            brown_groups: DEFAULT_BROWN_GROUPS,
            brown_min_logprob: None,
            progress: None,
        }
    }
}

/// Dev scores after one epoch.
#[derive(Clone, Debug, PartialEq)]
pub struct EpochReport {
    /// 1-based.
    pub epoch: usize,
    pub dev_uas: f64,
    pub dev_las: f64,
    /// Transitions whose prediction had a positive cost, percent.
    pub train_errors: f64,
    pub seconds: f64,
}

/// What training produced.
#[derive(Clone, Debug)]
pub struct TrainReport {
    pub epochs: Vec<EpochReport>,
    /// 1-based epoch whose (averaged, quantized) weights were written.
    pub best_epoch: usize,
    /// Dev score of the written model.
    pub dev: Score,
    pub train_sentences: usize,
    /// Training trees that needed lifting to become projective.
    pub nonprojective: usize,
    pub model_bytes: usize,
}

/// Reads a CoNLL-U file.
///
/// # Errors
/// The file cannot be read or is malformed (`path:line`).
pub fn read_conllu(path: &Path) -> Result<Vec<GoldSentence>, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    parse_conllu(&text).map_err(|e| Error::Conllu {
        path: path.to_path_buf(),
        line: e.line,
        message: e.message,
    })
}

/// A deterministic generator (SplitMix64).
#[derive(Debug)]
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// One training sentence, tags already chosen.
struct Example {
    words: Vec<String>,
    tags: Vec<(Upos, Xpos)>,
    gold: Gold,
}

/// Averaged perceptron state: weights, and the sum of `step * delta`.
struct Perceptron {
    w: FloatModel,
    acc: FloatModel,
    step: f32,
}

impl Perceptron {
    fn bump_trans(&mut self, feats: &[u32], class: usize, by: f32) {
        let c = self.step * by;
        for &f in feats {
            let i = f as usize * NT + class;
            self.w.trans[i] += by;
            self.acc.trans[i] += c;
        }
    }
    fn bump_label(&mut self, feats: &[u32], class: usize, by: f32) {
        let c = self.step * by;
        for &f in feats {
            let i = f as usize * NL + class;
            self.w.label[i] += by;
            self.acc.label[i] += c;
        }
    }
    /// The averaged weights, written into `out`.
    fn average_into(&self, out: &mut FloatModel) {
        let inv = 1.0 / self.step.max(1.0);
        for (o, (w, a)) in out
            .trans
            .iter_mut()
            .zip(self.w.trans.iter().zip(&self.acc.trans))
        {
            *o = w - a * inv;
        }
        for (o, (w, a)) in out
            .label
            .iter_mut()
            .zip(self.w.label.iter().zip(&self.acc.label))
        {
            *o = w - a * inv;
        }
        out.mask = self.w.mask;
    }
}

fn examples(sents: &[GoldSentence], tagger: Option<&TagFn>) -> (Vec<Example>, usize) {
    let mut nonproj = 0;
    let mut out = Vec::with_capacity(sents.len());
    for s in sents {
        let words: Vec<String> = s.words.iter().map(|w| w.form.clone()).collect();
        let mut tags = Vec::new();
        match tagger {
            Some(f) => {
                let ws: Vec<&str> = words.iter().map(String::as_str).collect();
                f(&ws, &mut tags);
            }
            None => tags.extend(s.words.iter().map(|w| (w.upos, w.xpos))),
        }
        let mut heads: Vec<u32> = s.words.iter().map(|w| w.head).collect();
        if projectivize(&mut heads) > 0 {
            nonproj += 1;
        }
        let labels: Vec<u8> = s.words.iter().map(|w| w.deprel.index() as u8).collect();
        out.push(Example {
            words,
            tags,
            gold: Gold::new(&heads, &labels),
        });
    }
    (out, nonproj)
}

/// Trains a model, picks the epoch with the best dev LAS, and writes it to `out`.
///
/// # Errors
/// Unreadable or malformed data, no training sentences, or `out` cannot be written.
pub fn train_to_file(cfg: &TrainConfig, out: &Path) -> Result<TrainReport, Error> {
    let train = read_conllu(&cfg.train)?;
    let dev = read_conllu(&cfg.dev)?;
    if train.is_empty() {
        return Err(Error::NoData(cfg.train.clone()));
    }
    let clusters = Arc::new(WordClasses {
        kmeans: match &cfg.clusters {
            Some(p) => Clusters::from_tsv(p)?,
            None => Clusters::default(),
        },
        brown: match &cfg.brown {
            Some(p) => Brown::from_tsv(p, cfg.brown_groups, cfg.brown_min_logprob)?,
            None => Brown::default(),
        },
    });
    let tagger = cfg.tagger.as_deref();
    let (exs, nonprojective) = examples(&train, tagger.filter(|_| cfg.tag_train));
    let mut mask = 0u64;
    for e in &exs {
        for &l in &e.gold.label {
            mask |= 1 << (l & 63);
        }
    }
    // Independent runs over differently shuffled data; their averaged weights
    // are mixed (averaged again) into the model, which lowers the variance that
    // a single perceptron run has (about 0.3 LAS between seeds here).
    let mut runs: Vec<(Perceptron, Rng)> = (0..cfg.runs.max(1) as u64)
        .map(|r| {
            let mut w = FloatModel::new(cfg.trans_bits, cfg.label_bits);
            w.mask = mask;
            w.clusters = Arc::clone(&clusters);
            let p = Perceptron {
                w,
                acc: FloatModel::new(cfg.trans_bits, cfg.label_bits),
                step: 1.0,
            };
            (p, Rng(cfg.seed.wrapping_add(r) ^ 0x7061_7273_6572))
        })
        .collect();
    let mut avg = FloatModel::new(cfg.trans_bits, cfg.label_bits);
    let mut mixed = FloatModel::new(cfg.trans_bits, cfg.label_bits);
    mixed.clusters = Arc::clone(&clusters);
    let mut order: Vec<usize> = (0..exs.len()).collect();
    let mut reports = Vec::new();
    let mut best: Option<(f64, usize, Model, Score)> = None;
    let mut s = Scratch::default();
    let mut buf = Buffers::default();
    let mut in_stack = Vec::new();
    let mut bt = BeamTrainer::default();
    for epoch in 0..cfg.epochs {
        let t0 = Instant::now();
        let explore = epoch >= cfg.explore_from;
        let (mut errors, mut total) = (0usize, 0usize);
        mixed.trans.iter_mut().for_each(|x| *x = 0.0);
        mixed.label.iter_mut().for_each(|x| *x = 0.0);
        mixed.mask = mask;
        for (p, rng) in &mut runs {
            for i in (1..order.len()).rev() {
                order.swap(i, rng.below(i + 1));
            }
            for &i in &order {
                if cfg.beam > 1 {
                    let (e, t) = bt.train(p, &exs[i], cfg.beam, &mut buf);
                    errors += e;
                    total += t;
                    continue;
                }
                let (e, t) = train_sentence(
                    p,
                    &exs[i],
                    explore,
                    cfg,
                    rng,
                    &mut s,
                    &mut buf,
                    &mut in_stack,
                );
                errors += e;
                total += t;
            }
            p.average_into(&mut avg);
            for (m, a) in mixed.trans.iter_mut().zip(&avg.trans) {
                *m += a;
            }
            for (m, a) in mixed.label.iter_mut().zip(&avg.label) {
                *m += a;
            }
        }
        let mut model = Model::from_float(&mixed, String::new());
        let decode_beam = cfg.decode_beam.unwrap_or(cfg.beam).clamp(1, 64);
        model.beam = decode_beam as u8;
        let score = evaluate_with(&model, decode_beam, &dev, tagger);
        let rep = EpochReport {
            epoch: epoch + 1,
            dev_uas: score.uas(),
            dev_las: score.las(),
            train_errors: 100.0 * errors as f64 / total.max(1) as f64,
            seconds: t0.elapsed().as_secs_f64(),
        };
        if let Some(f) = cfg.progress {
            f(&rep);
        }
        if best.as_ref().map_or(true, |b| score.las() > b.0) {
            best = Some((score.las(), epoch + 1, model, score));
        }
        reports.push(rep);
    }
    let Some((_, best_epoch, mut model, dev_score)) = best else {
        return Err(Error::NoData(cfg.train.clone()));
    };
    model.info = format!(
        "tocsin-parser arc-hybrid; beam={} (trained with {}); train={}; sentences={}; epoch {best_epoch} of {}; seed={}; runs={}; tags={}; dev UAS {:.2} LAS {:.2}{}{}",
        cfg.decode_beam.unwrap_or(cfg.beam),
        cfg.beam,
        cfg.train.file_name().map_or_else(String::new, |f| f.to_string_lossy().into_owned()),
        exs.len(),
        cfg.epochs,
        cfg.seed,
        cfg.runs,
        if tagger.is_some() { "predicted" } else { "gold" },
        dev_score.uas(),
        dev_score.las(),
        if cfg.note.is_empty() { "" } else { "; " },
        cfg.note,
    );
    let bytes = model.to_bytes();
    std::fs::write(out, &bytes).map_err(|e| Error::io(out, e))?;
    Ok(TrainReport {
        epochs: reports,
        best_epoch,
        dev: dev_score,
        train_sentences: exs.len(),
        nonprojective,
        model_bytes: bytes.len(),
    })
}

/// One pass over one sentence; returns (transition errors, transitions).
#[allow(clippy::too_many_arguments)] // the per-thread buffers travel together
fn train_sentence(
    p: &mut Perceptron,
    ex: &Example,
    explore: bool,
    cfg: &TrainConfig,
    rng: &mut Rng,
    s: &mut Scratch,
    buf: &mut Buffers,
    in_stack: &mut Vec<bool>,
) -> (usize, usize) {
    s.load(
        ex.words.iter().map(String::as_str),
        ex.tags.iter().copied(),
        &p.w.clusters,
    );
    in_stack.clear();
    in_stack.resize(s.n as usize + 2, false);
    let allowed = allowed_labels(p.w.mask);
    let (mut errors, mut total) = (0, 0);
    while !s.terminal() {
        let valid = s.valid();
        let costs = ex.gold.costs(s, in_stack);
        let t = if valid.count_ones() == 1 {
            valid.trailing_zeros() as usize
        } else {
            let k = trans_features(s, p.w.tbits, &mut buf.tf);
            let scores = crate::model::Scorer::trans(&p.w, &buf.tf[..k]);
            let pred = best_valid(scores, valid);
            let zero = (0..3).fold(0u8, |m, t| m | (u8::from(costs[t] == 0) << t));
            // With a projective gold tree some transition is always free; if not
            // (malformed data), fall back to the cheapest.
            let oracle = if zero & valid != 0 {
                best_valid(scores, zero & valid)
            } else {
                (0..3).min_by_key(|&t| costs[t]).unwrap_or(SHIFT)
            };
            total += 1;
            if costs[pred] > 0 {
                errors += 1;
                p.bump_trans(&buf.tf[..k], oracle, 1.0);
                p.bump_trans(&buf.tf[..k], pred, -1.0);
            }
            p.step += 1.0;
            if explore && rng.unit() < cfg.explore_p {
                pred
            } else {
                oracle
            }
        };
        let label = if t == SHIFT {
            0
        } else {
            train_label(p, ex, s, t, allowed, buf)
        };
        if t == SHIFT {
            in_stack[s.b0 as usize] = true;
        } else {
            in_stack[s.s(0) as usize] = false;
        }
        s.apply(t, label);
    }
    (errors, total)
}

/// Labels the arc `t` makes; learns from it when its head is right.
fn train_label(
    p: &mut Perceptron,
    ex: &Example,
    s: &Scratch,
    t: usize,
    allowed: u64,
    buf: &mut Buffers,
) -> u8 {
    let (h, d) = s.arc(t);
    if h == s.n {
        return DepRel::ROOT.index() as u8;
    }
    let k = label_features(s, t, p.w.lbits, &mut buf.lf);
    crate::model::Scorer::labels(&p.w, &buf.lf[..k], &mut buf.ls);
    let pred = argmax_label(&buf.ls, allowed);
    if ex.gold.head[d as usize] != h {
        return pred;
    }
    let gold = ex.gold.label[d as usize];
    if pred != gold && allowed & (1 << (gold & 63)) != 0 {
        p.bump_label(&buf.lf[..k], gold as usize, 1.0);
        p.bump_label(&buf.lf[..k], pred as usize, -1.0);
    }
    gold
}

/// One step of a beam item during training: how it was reached.
#[derive(Clone, Copy, Debug)]
struct Node {
    parent: u16,
    t: u8,
    label: u8,
    /// Every transition so far had zero cost (the gold tree is still reachable).
    ok: bool,
}

/// The label a training arc gets: gold when the head is right (so that label
/// features see gold labels along good derivations), predicted otherwise.
fn arc_label(p: &Perceptron, ex: &Example, s: &Scratch, t: usize, buf: &mut Buffers) -> u8 {
    if t == SHIFT {
        return 0;
    }
    let (h, d) = s.arc(t);
    if h == s.n {
        DepRel::ROOT.index() as u8
    } else if ex.gold.head[d as usize] == h {
        ex.gold.label[d as usize]
    } else {
        predict_label(&p.w, s, t, buf)
    }
}

/// Global training with a beam (Zhang & Clark 2008; Huang et al. 2012): decode
/// with the beam; the "gold" derivation is the best-scoring zero-cost item in
/// the beam, and once none is left, the last one extended by its best zero-cost
/// transitions. The update is made at the step where the best item (which is
/// wrong) outscores the gold derivation by the most (max-violation).
#[derive(Debug, Default)]
struct BeamTrainer {
    items: Vec<Scratch>,
    next: Vec<Scratch>,
    score: Vec<f32>,
    next_score: Vec<f32>,
    ok: Vec<bool>,
    cands: Vec<Cand>,
    /// `hist[j][i]`: how item `i` was reached after `j + 1` transitions.
    hist: Vec<Vec<Node>>,
    /// The gold state once it fell off the beam, and its transitions so far.
    gold: Scratch,
    gold_seq: Vec<(u8, u8)>,
    best_seq: Vec<(u8, u8)>,
    replay: Scratch,
    replay2: Scratch,
    ext: Vec<Cand>,
}

impl BeamTrainer {
    /// The transitions leading to item `i` after `steps` transitions.
    fn trace(hist: &[Vec<Node>], mut i: usize, steps: usize, out: &mut Vec<(u8, u8)>) {
        out.clear();
        for j in (0..steps).rev() {
            let n = hist[j][i];
            out.push((n.t, n.label));
            i = usize::from(n.parent);
        }
        out.reverse();
    }

    /// Trains on one sentence; returns (1 if the beam went wrong, 1).
    fn train(
        &mut self,
        p: &mut Perceptron,
        ex: &Example,
        k: usize,
        buf: &mut Buffers,
    ) -> (usize, usize) {
        while self.items.len() < k {
            self.items.push(Scratch::default());
            self.next.push(Scratch::default());
        }
        self.items[0].load(
            ex.words.iter().map(String::as_str),
            ex.tags.iter().copied(),
            &p.w.clusters,
        );
        for i in 1..k {
            let (a, b) = self.items.split_at_mut(i);
            b[0].copy_from(&a[0]);
        }
        for i in 0..k {
            self.next[i].copy_from(&self.items[0]);
        }
        let steps = 2 * self.items[0].n as usize;
        while self.hist.len() < steps {
            self.hist.push(Vec::new());
        }
        self.score.clear();
        self.score.push(0.0);
        self.ok.clear();
        self.ok.push(true);
        // The gold derivation: the best zero-cost item while one is in the
        // beam; after it fell off, `self.gold` (transitions in `gold_seq`).
        let mut gold_idx: Option<usize> = Some(0);
        let mut gold_score = 0f32;
        // (violation, steps) of the worst step so far.
        let mut worst: Option<(f32, usize)> = None;
        for j in 0..steps {
            self.cands.clear();
            for i in 0..self.score.len() {
                expand(&p.w, &self.items[i], i, self.score[i], buf, &mut self.cands);
            }
            // The gold item's best zero-cost extension, before the beam is cut.
            let mut gold_ext: Option<Cand> = None;
            if let Some(g) = gold_idx {
                let costs = ex.gold.costs_of(&self.items[g]);
                for c in &self.cands {
                    if usize::from(c.parent) == g
                        && costs[usize::from(c.t)] == 0
                        && gold_ext.map_or(true, |b| cand_order(c, &b).is_lt())
                    {
                        gold_ext = Some(*c);
                    }
                }
            }
            keep_best(&mut self.cands, k);
            self.next_score.clear();
            let hist = &mut self.hist[j];
            hist.clear();
            for (ci, c) in self.cands.iter().enumerate() {
                let (t, par) = (usize::from(c.t), usize::from(c.parent));
                let ok = self.ok[par] && ex.gold.costs_of(&self.items[par])[t] == 0;
                let next = &mut self.next[ci];
                next.copy_state_from(&self.items[par]);
                let label = arc_label(p, ex, next, t, buf);
                next.apply(t, label);
                self.next_score.push(c.score);
                hist.push(Node {
                    parent: c.parent,
                    t: c.t,
                    label,
                    ok,
                });
            }
            std::mem::swap(&mut self.items, &mut self.next);
            std::mem::swap(&mut self.score, &mut self.next_score);
            self.ok.clear();
            self.ok.extend(self.hist[j].iter().map(|h| h.ok));
            match gold_idx {
                Some(g) => {
                    if let Some(b) = self.ok.iter().position(|&o| o) {
                        gold_idx = Some(b);
                        gold_score = self.score[b];
                    } else {
                        // Fell off: rebuild the gold state from the item it was.
                        Self::trace(&self.hist, g, j, &mut self.gold_seq);
                        self.gold.copy_from(&self.items[0]);
                        self.gold.reset();
                        for &(t, l) in &self.gold_seq {
                            self.gold.apply(usize::from(t), l);
                        }
                        let ext = gold_ext.unwrap_or(Cand {
                            score: gold_score,
                            parent: 0,
                            t: SHIFT as u8,
                        });
                        let t = usize::from(ext.t);
                        let label = arc_label(p, ex, &self.gold, t, buf);
                        self.gold.apply(t, label);
                        self.gold_seq.push((ext.t, label));
                        gold_score = ext.score;
                        gold_idx = None;
                    }
                }
                None => {
                    let costs = ex.gold.costs_of(&self.gold);
                    self.ext.clear();
                    expand(&p.w, &self.gold, 0, gold_score, buf, &mut self.ext);
                    let best = self
                        .ext
                        .iter()
                        .filter(|c| costs[usize::from(c.t)] == 0)
                        .min_by(|a, b| cand_order(a, b))
                        .or_else(|| self.ext.iter().min_by_key(|c| costs[usize::from(c.t)]))
                        .copied();
                    if let Some(b) = best {
                        let t = usize::from(b.t);
                        let label = arc_label(p, ex, &self.gold, t, buf);
                        self.gold.apply(t, label);
                        self.gold_seq.push((b.t, label));
                        gold_score = b.score;
                    }
                }
            }
            if !self.ok[0] {
                let v = self.score[0] - gold_score;
                if worst.map_or(true, |(w, _)| v > w) {
                    worst = Some((v, j + 1));
                }
            }
        }
        if let Some(g) = gold_idx {
            Self::trace(&self.hist, g, steps, &mut self.gold_seq);
        }
        let wrong = usize::from(worst.is_some());
        if let Some((_, at)) = worst {
            Self::trace(&self.hist, 0, at, &mut self.best_seq);
            self.update(p, at);
        }
        self.train_labels(p, ex, buf);
        p.step += 1.0;
        (wrong, 1)
    }

    /// +1 for the transition features of the gold derivation's first `at`
    /// transitions, -1 for those of the best item's, skipping their common prefix.
    fn update(&mut self, p: &mut Perceptron, at: usize) {
        let gold = &self.gold_seq[..at];
        let best = &self.best_seq[..at];
        let common = gold.iter().zip(best).take_while(|(a, b)| a == b).count();
        self.replay.copy_from(&self.items[0]);
        self.replay.reset();
        for &(t, l) in &gold[..common] {
            self.replay.apply(usize::from(t), l);
        }
        self.replay2.copy_from(&self.replay);
        let mut f = [0u32; crate::features::N_TRANS];
        for (s, seq, by) in [
            (&mut self.replay, &gold[common..], 1.0),
            (&mut self.replay2, &best[common..], -1.0),
        ] {
            for &(t, l) in seq {
                if s.valid().count_ones() > 1 {
                    let k = trans_features(s, p.w.tbits, &mut f);
                    p.bump_trans(&f[..k], usize::from(t), by);
                }
                s.apply(usize::from(t), l);
            }
        }
    }

    /// Trains the label model along the gold derivation.
    fn train_labels(&mut self, p: &mut Perceptron, ex: &Example, buf: &mut Buffers) {
        let allowed = allowed_labels(p.w.mask);
        self.replay.copy_from(&self.items[0]);
        self.replay.reset();
        for &(t, l) in &self.gold_seq {
            let t = usize::from(t);
            if t != SHIFT {
                let (h, d) = self.replay.arc(t);
                if h != self.replay.n && ex.gold.head[d as usize] == h {
                    let k = label_features(&self.replay, t, p.w.lbits, &mut buf.lf);
                    crate::model::Scorer::labels(&p.w, &buf.lf[..k], &mut buf.ls);
                    let pred = argmax_label(&buf.ls, allowed);
                    let gold = ex.gold.label[d as usize];
                    if pred != gold && allowed & (1 << (gold & 63)) != 0 {
                        p.bump_label(&buf.lf[..k], gold as usize, 1.0);
                        p.bump_label(&buf.lf[..k], pred as usize, -1.0);
                    }
                }
            }
            self.replay.apply(t, l);
        }
    }
}
