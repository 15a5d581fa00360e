//! The trained model: classes, tag dictionary and sparse feature weights, and
//! its versioned binary format.
//!
//! File layout (all little-endian, the whole file gzip-compressed):
//!
//! ```text
//! magic   8 bytes  "TSNTAGGR"
//! version u32      FORMAT_VERSION
//! classes u32 n, then n x (u8 upos index, u8 xpos index)
//! tagdict u32 n, then n x u64 word hash (sorted), then n x u8 class
//! words   u32 n, then n x u64 lowercase-word hash (sorted), then n x u32 value
//!         (lexicon class bits | word cluster << 4, see `features::cluster_bits`)
//! weights u32 n features, n x u64 key (sorted), n x u8 entry count,
//!         u32 m entries, m x u8 class, m x i16 weight
//! passes  u8 (1 or 2); if 2, a second weights section and an i32 skip margin
//! ```

use crate::Error;
use std::io::Read;
use tocsin_core::{Upos, Xpos};

/// Magic tag at the start of every tagger model.
pub(crate) const MAGIC: &[u8; 8] = b"TSNTAGGR";
/// Version of the layout above; bump it when the layout or the features change.
pub(crate) const FORMAT_VERSION: u32 = 4;

/// An open-addressing map from a 64-bit hash to a `u32`, built once and then
/// only read: 8-byte slots, linear probing, load factor at most one half.
#[derive(Clone, Debug, Default)]
pub(crate) struct HashIndex {
    /// Fingerprint (high 32 bits of the mixed key, never 0) << 32 | value; 0 = empty.
    slots: Vec<u64>,
    mask: usize,
}

impl HashIndex {
    pub(crate) fn build(pairs: impl ExactSizeIterator<Item = (u64, u32)>) -> HashIndex {
        let cap = (pairs.len() * 2).max(16).next_power_of_two();
        let mut slots = vec![0u64; cap];
        let mask = cap - 1;
        for (k, v) in pairs {
            let k = crate::features::mix(k);
            let f = fingerprint(k);
            let mut i = (k as usize) & mask;
            while slots[i] != 0 && slots[i] >> 32 != f {
                i = (i + 1) & mask;
            }
            slots[i] = f << 32 | u64::from(v);
        }
        HashIndex { slots, mask }
    }

    /// The value of key `k`. Keys are told apart by 32 bits beyond the slot
    /// index; a false match (odds about 2^-32) is harmless noise here.
    #[inline]
    pub(crate) fn get(&self, k: u64) -> Option<u32> {
        let k = crate::features::mix(k);
        let f = fingerprint(k);
        let mut i = (k as usize) & self.mask;
        loop {
            let s = *self.slots.get(i)?;
            if s == 0 {
                return None;
            }
            if s >> 32 == f {
                return Some(s as u32);
            }
            i = (i + 1) & self.mask;
        }
    }
}

/// Scores of every class a model can have (classes are `u8`), so that indexing
/// by a class needs no bounds check; only the model's first classes are used.
pub(crate) type Scores = [i32; 256];

/// One weight: a class and its quantized value (4 bytes).
#[derive(Clone, Copy, Debug, Default)]
struct WeightEntry {
    value: i16,
    class: u8,
}

/// Sparse weights: for each feature key, a run of (class, weight) entries.
///
/// Laid out for cache misses, the cost that dominates tagging: one 8-byte slot
/// per feature in an open-addressing table (the key's high 32 bits as a
/// fingerprint, the run's start and length packed beside it), and the runs in
/// one array of 4-byte entries. Looking a feature up touches two cache lines.
/// A fingerprint match on an absent key (odds about 2^-32 per probe) adds a
/// stray row; the model tolerates that as noise.
///
/// Features with a weight for many classes (shapes, tags, flags: few values,
/// each seen everywhere) are also the most frequent, and most of the summing
/// time goes to them; their weights are kept instead as a dense row with one
/// `i16` per class (half the bytes of `i32`, so the rows stay in cache; a run
/// whose summed weights do not fit stays sparse), which the compiler widens
/// and adds with vector instructions. Their slot holds the row number and the
/// length [`DENSE`].
#[derive(Clone, Debug, Default)]
pub(crate) struct Weights {
    slots: Vec<u64>,
    mask: usize,
    entries: Vec<WeightEntry>,
    /// Dense rows of `stride` weights each (the classes, rounded up to a
    /// multiple of 8; the padding is 0).
    dense: Vec<i16>,
    stride: usize,
}

/// Runs at least this long are stored as dense rows: about where adding a
/// whole row of classes costs less than adding the entries one by one. With
/// 256-bit vectors (the x86-64-v3 build) that is a run of about 12 of the
/// default model's 102 classes: 12 measured 3% faster than 24 (the
/// crossover with 128-bit vectors) and than 16, and 8 no faster than 12.
const DENSE_MIN: usize = 12;

/// The run length written in the slot of a feature stored as a dense row.
const DENSE: u32 = 0xff;

/// Most entries a model may hold (the start of a run has 24 bits).
const MAX_ENTRIES: usize = 1 << 24;

/// The dense row (`stride` weights, one per class) of a long `run`, or `None`
/// if the run is short or a class's summed weight does not fit `i16`.
fn dense_row(run: &[WeightEntry], stride: usize) -> Option<Vec<i16>> {
    if run.len() < DENSE_MIN {
        return None;
    }
    let mut row = vec![0i32; stride];
    for e in run {
        *row.get_mut(usize::from(e.class))? += i32::from(e.value);
    }
    row.into_iter().map(|v| i16::try_from(v).ok()).collect()
}

/// The run start (or dense row) and length of a slot.
#[inline]
fn run_of(slot: u64) -> (usize, u32) {
    ((slot & 0xff_ffff) as usize, ((slot >> 24) & 0xff) as u32)
}

#[inline]
fn fingerprint(key: u64) -> u64 {
    match key >> 32 {
        0 => 1,
        f => f,
    }
}

/// Puts the slot of `key` (a run's start and length) into the open-addressing
/// table `slots` (a power of two long, never full).
fn insert(slots: &mut [u64], key: u64, start: u32, len: u32) {
    let mask = slots.len() - 1;
    let mut i = (key as usize) & mask;
    while slots[i] != 0 {
        i = (i + 1) & mask;
    }
    slots[i] = fingerprint(key) << 32 | u64::from(len) << 24 | u64::from(start);
}

/// The slot of `key` in `slots` (see [`insert`]), if there.
#[inline]
fn probe_in(slots: &[u64], mask: usize, key: u64) -> Option<u64> {
    let f = fingerprint(key);
    let mut i = (key as usize) & mask;
    loop {
        let slot = *slots.get(i)?;
        if slot == 0 {
            return None;
        }
        if slot >> 32 == f {
            return Some(slot);
        }
        i = (i + 1) & mask;
    }
}

impl Weights {
    /// Builds the table from (key, run start, run length), keys distinct, for
    /// a model of `n_classes` classes (every entry's class is below it).
    fn build(
        rows: impl ExactSizeIterator<Item = (u64, u32, u8)>,
        entries: Vec<WeightEntry>,
        n_classes: usize,
    ) -> Weights {
        let cap = (rows.len() * 2).max(16).next_power_of_two();
        let mask = cap - 1;
        let mut slots = vec![0u64; cap];
        // A run of DENSE entries would read as a dense row: such models (255
        // classes or more) keep every run sparse.
        let stride = n_classes.div_ceil(8) * 8;
        let dense_ok = n_classes < DENSE as usize;
        let mut dense = Vec::new();
        for (k, start, len) in rows {
            let run = entries.get(start as usize..start as usize + len as usize);
            match run.and_then(|run| dense_row(run, stride)) {
                Some(row) if dense_ok => {
                    let at = dense.len() / stride;
                    dense.extend(row);
                    insert(&mut slots, k, at as u32, DENSE);
                }
                _ => insert(&mut slots, k, start, u32::from(len)),
            }
        }
        // Padding, so that the last run too can be read four entries at a time.
        let mut entries = entries;
        entries.extend([WeightEntry::default(); 3]);
        Weights {
            slots,
            mask,
            entries,
            dense,
            stride,
        }
    }

    /// The dense row `row`, or no weights if there is none.
    #[inline]
    fn dense_row(&self, row: usize) -> &[i16] {
        let at = row * self.stride;
        self.dense.get(at..at + self.stride).unwrap_or(&[])
    }

    /// Adds the weights of all `keys` to `scores`.
    ///
    /// Done in phases so that the cache misses of different features overlap:
    /// first every key's home slot is loaded, then each run is located, then the
    /// runs are added: the sparse ones entry by entry, the dense rows four at
    /// a time (so each score is loaded and stored once per four rows).
    /// `scores` has a slot for every possible `u8` class, so adding an entry
    /// needs no bounds check.
    #[inline]
    pub(crate) fn add_all(&self, keys: &[u64], scores: &mut Scores) {
        const MAX: usize = 48;
        for keys in keys.chunks(MAX) {
            let mut slot = [0u64; MAX];
            for (s, &k) in slot.iter_mut().zip(keys) {
                *s = self
                    .slots
                    .get((k as usize) & self.mask)
                    .copied()
                    .unwrap_or(0);
            }
            // The slots found, moved to the front of `slot` (m <= j).
            let mut m = 0;
            for (j, &k) in keys.iter().enumerate() {
                let s = slot[j];
                let found = if s == 0 {
                    None
                } else if s >> 32 == fingerprint(k) {
                    Some(s)
                } else {
                    self.probe(k)
                };
                if let Some(s) = found {
                    slot[m] = s;
                    m += 1;
                }
            }
            // Touch the first value of every run before summing any: the loads
            // are independent, so their cache misses overlap instead of queueing.
            let mut touch = 0i32;
            for &s in &slot[..m] {
                let (start, len) = run_of(s);
                touch ^= if len == DENSE {
                    self.dense
                        .get(start * self.stride)
                        .map_or(0, |&v| i32::from(v))
                } else {
                    self.entries.get(start).map_or(0, |e| i32::from(e.value))
                };
            }
            std::hint::black_box(touch);
            // Sparse runs now; the dense rows, moved to the front of `slot`
            // (d <= i), after.
            let mut d = 0;
            for i in 0..m {
                let (start, len) = run_of(slot[i]);
                if len == DENSE {
                    slot[d] = start as u64;
                    d += 1;
                } else {
                    // Four entries at a time, the ones past the run (the next
                    // run's, or padding) masked out: a loop of one pass for most
                    // runs, where a loop of `len` passes mispredicts its end.
                    let len = len as usize;
                    let Some(run) = self.entries.get(start..start + len.next_multiple_of(4)) else {
                        continue;
                    };
                    for (c, four) in run.chunks_exact(4).enumerate() {
                        for (l, e) in four.iter().enumerate() {
                            let keep = -i32::from(c * 4 + l < len);
                            scores[usize::from(e.class)] += i32::from(e.value) & keep;
                        }
                    }
                }
            }
            let Some(scores) = scores.get_mut(..self.stride) else {
                continue;
            };
            let zero = &[0i16; 256][..self.stride];
            for rows in slot[..d].chunks(4) {
                let row = |k: usize| rows.get(k).map_or(zero, |&r| self.dense_row(r as usize));
                let (a, b, c, e) = (row(0), row(1), row(2), row(3));
                for ((((s, a), b), c), e) in scores.iter_mut().zip(a).zip(b).zip(c).zip(e) {
                    *s += i32::from(*a) + i32::from(*b) + i32::from(*c) + i32::from(*e);
                }
            }
        }
    }

    /// The slot of `key` in the main table, following the probe chain past
    /// its home slot.
    fn probe(&self, key: u64) -> Option<u64> {
        probe_in(&self.slots, self.mask, key)
    }

    /// Adds the weights of feature `key` to `scores`; an unknown feature adds nothing.
    #[cfg(test)]
    pub(crate) fn add(&self, key: u64, scores: &mut [i32]) {
        if self.probe(key).is_some() {
            let mut sum: Scores = [0; 256];
            self.add_all(&[key], &mut sum);
            for (s, v) in scores.iter_mut().zip(sum) {
                *s += v;
            }
        }
    }
}

/// A trained tagger model, in memory.
#[derive(Clone, Debug, Default)]
pub(crate) struct Model {
    pub classes: Vec<(Upos, Xpos)>,
    pub tagdict: HashIndex,
    pub lexicon: HashIndex,
    pub weights: Weights,
    /// Weights of the second pass, which also sees the first pass's tags to the right.
    pub weights2: Option<Weights>,
    /// Words whose first-pass margin is at least this skip the second pass.
    pub skip_margin: i32,
    pub n_features: usize,
    pub n_entries: usize,
}

/// What training hands to [`Model::encode`]: plain sorted tables.
#[derive(Clone, Debug, Default)]
pub(crate) struct RawModel {
    pub classes: Vec<(Upos, Xpos)>,
    /// (word hash, class), sorted by hash.
    pub tagdict: Vec<(u64, u8)>,
    /// (lowercase-word hash, word-table value), sorted by hash.
    pub lexicon: Vec<(u64, u32)>,
    /// (feature key, entries), sorted by key, entries sorted by class.
    pub features: RawWeights,
    /// The second (right-context) pass, if any.
    pub features2: Option<RawWeights>,
    /// See [`Model::skip_margin`].
    pub skip_margin: i32,
}

impl RawModel {
    /// The uncompressed model bytes.
    pub(crate) fn encode(&self) -> Vec<u8> {
        let mut b = Vec::new();
        b.extend_from_slice(&tocsin_core::header::header(MAGIC, FORMAT_VERSION));
        b.extend_from_slice(&(self.classes.len() as u32).to_le_bytes());
        for (u, x) in &self.classes {
            b.push(*u as u8);
            b.push(*x as u8);
        }
        b.extend_from_slice(&(self.tagdict.len() as u32).to_le_bytes());
        for (k, _) in &self.tagdict {
            b.extend_from_slice(&k.to_le_bytes());
        }
        b.extend(self.tagdict.iter().map(|(_, c)| *c));
        b.extend_from_slice(&(self.lexicon.len() as u32).to_le_bytes());
        for (k, _) in &self.lexicon {
            b.extend_from_slice(&k.to_le_bytes());
        }
        for (_, v) in &self.lexicon {
            b.extend_from_slice(&v.to_le_bytes());
        }
        encode_weights(&self.features, &mut b);
        match &self.features2 {
            Some(f2) => {
                b.push(2);
                encode_weights(f2, &mut b);
                b.extend_from_slice(&self.skip_margin.to_le_bytes());
            }
            None => b.push(1),
        }
        b
    }

    /// The gzip-compressed model bytes, as committed.
    pub(crate) fn encode_gz(&self) -> Vec<u8> {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        // Writing into a Vec cannot fail.
        let _ = enc.write_all(&self.encode());
        enc.finish().unwrap_or_default()
    }
}

/// Type of the sorted (feature key, entries) tables training produces.
pub(crate) type RawWeights = Vec<(u64, Vec<(u8, i16)>)>;

fn encode_weights(features: &RawWeights, b: &mut Vec<u8>) {
    b.extend_from_slice(&(features.len() as u32).to_le_bytes());
    for (k, _) in features {
        b.extend_from_slice(&k.to_le_bytes());
    }
    b.extend(features.iter().map(|(_, e)| e.len() as u8));
    let m: usize = features.iter().map(|(_, e)| e.len()).sum();
    b.extend_from_slice(&(m as u32).to_le_bytes());
    for (_, e) in features {
        b.extend(e.iter().map(|(c, _)| *c));
    }
    for (_, e) in features {
        for (_, v) in e {
            b.extend_from_slice(&v.to_le_bytes());
        }
    }
}

/// A bounds-checked little-endian reader that knows its offset for errors.
struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], Error> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.b.len());
        let Some(end) = end else {
            return Err(self.corrupt(format!("expected {n} more bytes, found end of data")));
        };
        let s = &self.b[self.at..end];
        self.at = end;
        Ok(s)
    }
    fn u32(&mut self) -> Result<u32, Error> {
        let s = self.take(4)?;
        Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
    fn count(&mut self, max: usize) -> Result<usize, Error> {
        let n = self.u32()? as usize;
        if n > max {
            return Err(self.corrupt(format!("count {n} exceeds the {max} bytes left")));
        }
        Ok(n)
    }
    fn corrupt(&self, message: String) -> Error {
        Error::Corrupt {
            offset: self.at,
            message,
        }
    }
}

fn u64_at(s: &[u8], i: usize) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&s[i * 8..i * 8 + 8]);
    u64::from_le_bytes(a)
}

impl Model {
    /// Reads a gzip-compressed model.
    pub(crate) fn from_gz(bytes: &[u8]) -> Result<Model, Error> {
        let mut raw = Vec::with_capacity(bytes.len() * 3);
        flate2::read::GzDecoder::new(bytes)
            .read_to_end(&mut raw)
            .map_err(Error::Decompress)?;
        Model::decode(&raw)
    }

    /// Reads uncompressed model bytes.
    pub(crate) fn decode(b: &[u8]) -> Result<Model, Error> {
        let b = tocsin_core::header::split_header(b, MAGIC, FORMAT_VERSION)?;
        let mut r = Reader { b, at: 0 };
        let n = r.count(b.len())?;
        let mut classes = Vec::with_capacity(n);
        for _ in 0..n {
            let s = r.take(2)?;
            let (Some(u), Some(x)) = (Upos::from_index(s[0].into()), Xpos::from_index(s[1].into()))
            else {
                return Err(r.corrupt(format!("unknown tag indices {} {}", s[0], s[1])));
            };
            classes.push((u, x));
        }
        let n = r.count(b.len())?;
        let keys = r.take(n * 8)?;
        let vals = r.take(n)?;
        if let Some(c) = vals.iter().find(|&&c| c as usize >= classes.len()) {
            return Err(r.corrupt(format!("tag dictionary class {c} out of range")));
        }
        let tagdict = HashIndex::build((0..n).map(|i| (u64_at(keys, i), u32::from(vals[i]))));
        let n = r.count(b.len())?;
        let keys = r.take(n * 8)?;
        let vals = r.take(n * 4)?;
        let lexicon = HashIndex::build((0..n).map(|i| {
            let v = u32::from_le_bytes([
                vals[i * 4],
                vals[i * 4 + 1],
                vals[i * 4 + 2],
                vals[i * 4 + 3],
            ]);
            (u64_at(keys, i), v)
        }));
        let (weights, nf, m) = decode_weights(&mut r, classes.len())?;
        let (weights2, skip_margin, nf, m) = match r.take(1)?[0] {
            1 => (None, i32::MAX, nf, m),
            2 => {
                let (w, nf2, m2) = decode_weights(&mut r, classes.len())?;
                let s = r.take(4)?;
                let skip = i32::from_le_bytes([s[0], s[1], s[2], s[3]]);
                (Some(w), skip, nf + nf2, m + m2)
            }
            p => return Err(r.corrupt(format!("expected 1 or 2 passes, found {p}"))),
        };
        if r.at != b.len() {
            return Err(r.corrupt(format!(
                "{} bytes after the end of the model",
                b.len() - r.at
            )));
        }
        Ok(Model {
            classes,
            tagdict,
            lexicon,
            weights,
            weights2,
            skip_margin,
            n_features: nf,
            n_entries: m,
        })
    }
}

/// Reads one weights section; returns it with its feature and entry counts.
fn decode_weights(r: &mut Reader<'_>, n_classes: usize) -> Result<(Weights, usize, usize), Error> {
    let left = r.b.len();
    let nf = r.count(left)?;
    let keys = r.take(nf * 8)?;
    let counts = r.take(nf)?;
    let m = r.count(left)?;
    let total: usize = counts.iter().map(|&c| usize::from(c)).sum();
    if total != m || m > MAX_ENTRIES {
        return Err(r.corrupt(format!(
            "expected {total} weight entries (at most {MAX_ENTRIES}), found {m}"
        )));
    }
    let cls = r.take(m)?;
    if let Some(c) = cls.iter().find(|&&c| c as usize >= n_classes) {
        return Err(r.corrupt(format!("weight class {c} out of range")));
    }
    let vb = r.take(m * 2)?;
    let entries = cls
        .iter()
        .zip(vb.chunks_exact(2))
        .map(|(&class, v)| WeightEntry {
            value: i16::from_le_bytes([v[0], v[1]]),
            class,
        })
        .collect();
    let mut start = 0u32;
    let rows = (0..nf).map(|i| {
        let row = (u64_at(keys, i), start, counts[i]);
        start += u32::from(counts[i]);
        row
    });
    Ok((Weights::build(rows, entries, n_classes), nf, m))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A one-pass model of `classes` with the weights `features`, through
    /// the byte format.
    fn one_pass_model(classes: Vec<(Upos, Xpos)>, features: RawWeights) -> Model {
        let raw = RawModel {
            classes,
            features,
            ..RawModel::default()
        };
        Model::decode(&raw.encode()).unwrap()
    }

    fn tiny() -> RawModel {
        RawModel {
            classes: vec![(Upos::Noun, Xpos::Nn), (Upos::Verb, Xpos::Vb)],
            tagdict: vec![(7, 1)],
            lexicon: vec![(5, 3)],
            features: vec![(3, vec![(0, 5), (1, -2)]), (9, vec![(1, 4)])],
            features2: Some(vec![(4, vec![(1, 1)])]),
            skip_margin: 7,
        }
    }

    #[test]
    fn round_trips() {
        let m = Model::from_gz(&tiny().encode_gz()).unwrap();
        assert_eq!(m.classes.len(), 2);
        assert_eq!(m.tagdict.get(7), Some(1));
        assert_eq!(m.tagdict.get(8), None);
        assert_eq!(m.lexicon.get(5), Some(3));
        assert_eq!(m.skip_margin, 7);
        let mut s = vec![0; 2];
        m.weights.add(3, &mut s);
        m.weights.add(9, &mut s);
        m.weights.add(10, &mut s);
        assert_eq!(s, vec![5, 2]);
    }

    #[test]
    fn long_runs_stored_dense_add_the_same() {
        // 30 classes; features 100..106 have a weight for every class (dense
        // rows: more than one group of four), feature 9 for two (a sparse run).
        let classes = vec![(Upos::Noun, Xpos::Nn); 30];
        let long = |f: i16| -> Vec<(u8, i16)> {
            (0..30u8).map(|c| (c, i16::from(c) * 3 - 40 + f)).collect()
        };
        // Keys are hashes: their high bits tell them apart.
        let key = |k: u64| crate::features::mix(k);
        let mut features: RawWeights = (0..6).map(|f| (key(100 + f as u64), long(f))).collect();
        features.push((key(9), vec![(1, 4), (29, -7)]));
        features.sort_by_key(|f| f.0);
        let m = one_pass_model(classes, features.clone());
        assert_eq!(m.weights.dense.len(), 6 * 32);
        let keys = [105, 9, 100, 101, 12, 102, 103, 104].map(key);
        let mut one_by_one = [0; 30];
        for (k, run) in &features {
            if keys.contains(k) {
                for (c, v) in run {
                    one_by_one[usize::from(*c)] += i32::from(*v);
                }
            }
        }
        let mut all: Scores = [0; 256];
        m.weights.add_all(&keys, &mut all);
        assert_eq!(all[..30], one_by_one[..]);
        assert!(all[30..].iter().all(|&v| v == 0));
    }

    #[test]
    fn long_runs_too_large_for_i16_stay_sparse_and_add_the_same() {
        // Class 3 appears twice in each run: its summed weight overflows
        // `i16` in feature 1 (kept sparse) but not in feature 2 (dense).
        let classes = vec![(Upos::Noun, Xpos::Nn); 30];
        let run = |v: i16| -> Vec<(u8, i16)> {
            let mut r: Vec<(u8, i16)> = (0..30u8).map(|c| (c, v)).collect();
            r.push((3, v));
            r.sort_by_key(|e| e.0);
            r
        };
        let key = |k: u64| crate::features::mix(k);
        let mut features: RawWeights = vec![(key(1), run(30_000)), (key(2), run(-7))];
        features.sort_by_key(|f| f.0);
        let m = one_pass_model(classes, features);
        assert_eq!(m.weights.dense.len(), 32);
        let mut all: Scores = [0; 256];
        m.weights.add_all(&[key(1), key(2)], &mut all);
        assert_eq!(all[3], 60_000 - 14);
        assert_eq!(all[0], 30_000 - 7);
        assert_eq!(all[29], 30_000 - 7);
        assert!(all[30..].iter().all(|&v| v == 0));
    }

    #[test]
    fn sparse_runs_of_every_length_add_only_their_own_entries() {
        // Runs of 1 to 9 entries side by side: summing four entries at a time
        // reads past each run's end, into the next run or the padding.
        let classes = vec![(Upos::Noun, Xpos::Nn); 12];
        let key = |k: u64| crate::features::mix(k);
        let run = |len: u8| -> Vec<(u8, i16)> {
            (0..len)
                .map(|c| (c, i16::from(len) * 10 + i16::from(c)))
                .collect()
        };
        let mut features: RawWeights = (1..=9u8).map(|len| (key(len.into()), run(len))).collect();
        features.sort_by_key(|f| f.0);
        let m = one_pass_model(classes, features.clone());
        for (k, run) in &features {
            let mut want = [0; 256];
            for (c, v) in run {
                want[usize::from(*c)] += i32::from(*v);
            }
            let mut got: Scores = [0; 256];
            m.weights.add_all(&[*k], &mut got);
            assert_eq!(got, want, "run of {}", run.len());
        }
    }

    #[test]
    fn other_version_is_named() {
        let mut b = tiny().encode();
        b[8] = 99;
        let e = Model::decode(&b).unwrap_err().to_string();
        assert!(
            e.contains("99") && e.contains(&FORMAT_VERSION.to_string()),
            "{e}"
        );
    }

    #[test]
    fn truncation_and_garbage_are_errors() {
        let b = tiny().encode();
        for n in 0..b.len() {
            assert!(Model::decode(&b[..n]).is_err(), "prefix {n}");
        }
        assert!(Model::from_gz(b"not gzip").is_err());
    }
}
