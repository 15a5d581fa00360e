//! Feature extraction: templates in the style of Zhang & Nivre (2011), adapted
//! to arc-hybrid (the pivots are s1-s0 for RIGHT and s0-b0 for LEFT).
//!
//! A feature is a template number plus up to four values, hashed straight to a
//! row of a weight table (no feature dictionary). Changing any template, its
//! order or the hash changes the meaning of every trained weight: bump
//! `model::FORMAT_VERSION` when you do. The templates of word-cluster models
//! (format version 5) come after the others, so version 4 models, which have
//! no clusters, keep their exact features; those of Brown-cluster models
//! (version 6) come last, in groups the model names (`brown.rs`).

use crate::brown::{G_CHILD, G_FULL, G_LABEL, G_PAIR, G_SINGLE};
use crate::state::{Scratch, LEFT};

/// Number of transition features per configuration without word clusters.
pub(crate) const N_TRANS_BASE: usize = 125;
/// Transition features of word-cluster (k-means) models.
const N_TRANS_KMEANS: usize = 18;
/// Transition features of the Brown groups at most.
const N_TRANS_BROWN: usize = 33;
/// Number of transition features per configuration at most (with clusters).
pub(crate) const N_TRANS: usize = N_TRANS_BASE + N_TRANS_KMEANS + N_TRANS_BROWN;
/// Number of label features per arc without word clusters.
pub(crate) const N_LABEL_BASE: usize = 34;
/// Label features of word-cluster (k-means) models.
const N_LABEL_KMEANS: usize = 12;
/// Number of label features per arc at most (with clusters).
pub(crate) const N_LABEL: usize = N_LABEL_BASE + N_LABEL_KMEANS + 10;

const K0: u64 = 0x9e37_79b9_7f4a_7c15;
const K1: u64 = 0xbf58_476d_1ce4_e5b9;
const K2: u64 = 0x94d0_49bb_1331_11eb;

/// Writes hashed feature rows into a fixed array.
struct Hasher<'a, const N: usize> {
    out: &'a mut [u32; N],
    k: usize,
    shift: u32,
}

impl<const N: usize> Hasher<'_, N> {
    #[inline(always)]
    fn f(&mut self, vals: &[u64]) {
        let mut h = (self.k as u64 + 1).wrapping_mul(K0);
        for &v in vals {
            h = (h ^ v).wrapping_mul(K1);
            h ^= h >> 29;
        }
        self.out[self.k] = (h.wrapping_mul(K2) >> self.shift) as u32;
        self.k += 1;
    }
}

/// Distance bucket: 1, 2, 3, 4, 5-7, 8-12, 13+.
#[inline]
fn bucket(d: u32) -> u64 {
    match d {
        0..=4 => u64::from(d),
        5..=7 => 5,
        8..=12 => 6,
        _ => 7,
    }
}

/// Transition features of the current configuration, as row indices into a
/// table of `1 << bits` rows; returns how many were written (fewer without
/// word clusters).
#[inline]
pub(crate) fn trans_features(s: &Scratch, bits: u32, out: &mut [u32; N_TRANS]) -> usize {
    let null = s.null();
    let root = s.n;
    let (s0, s1, s2) = (s.s(0) as usize, s.s(1) as usize, s.s(2) as usize);
    let (b0, b1, b2) = (s.b(0) as usize, s.b(1) as usize, s.b(2) as usize);
    let w = |i: usize| s.word[i];
    let t = |i: usize| u64::from(s.tag[i]);
    let u = |i: usize| u64::from(s.upos[i]);
    let l = |i: usize| u64::from(s.label[i]);
    let (s0l, s0l2) = (s.lc1[s0] as usize, s.lc2[s0] as usize);
    let (s0r, s0r2) = (s.rc1[s0] as usize, s.rc2[s0] as usize);
    let (s1l, s1l2) = (s.lc1[s1] as usize, s.lc2[s1] as usize);
    let (s1r, s1r2) = (s.rc1[s1] as usize, s.rc2[s1] as usize);
    let (b0l, b0l2) = (s.lc1[b0] as usize, s.lc2[b0] as usize);
    let d0 = if s0 == null as usize {
        0
    } else if b0 == root as usize {
        9
    } else {
        bucket(b0 as u32 - s0 as u32)
    };
    let d1 = if s1 == null as usize {
        0
    } else {
        bucket(s0 as u32 - s1 as u32)
    };
    let v = |x: &Vec<u8>, i: usize| u64::from(x[i]);
    let mut h = Hasher {
        out,
        k: 0,
        shift: 64 - bits,
    };
    // Single words.
    for p in [s0, s1, b0, b1] {
        h.f(&[w(p)]);
        h.f(&[t(p)]);
        h.f(&[w(p), t(p)]);
    }
    for p in [s2, b2] {
        h.f(&[w(p)]);
        h.f(&[t(p)]);
    }
    // Pairs around the two decision points: s0-b0 (LEFT, SHIFT) and s1-s0 (RIGHT).
    for (a, b) in [(s0, b0), (s1, s0)] {
        h.f(&[w(a), t(a), w(b), t(b)]);
        h.f(&[w(a), t(a), w(b)]);
        h.f(&[w(a), w(b), t(b)]);
        h.f(&[w(a), t(a), t(b)]);
        h.f(&[t(a), w(b), t(b)]);
        h.f(&[w(a), w(b)]);
        h.f(&[t(a), t(b)]);
        h.f(&[u(a), u(b)]);
    }
    h.f(&[t(b0), t(b1)]);
    h.f(&[t(s1), t(b0)]);
    h.f(&[w(s1), w(b0)]);
    h.f(&[w(s1), t(b0)]);
    h.f(&[t(s1), w(b0)]);
    // Triples of tags.
    h.f(&[t(b0), t(b1), t(b2)]);
    h.f(&[t(s0), t(b0), t(b1)]);
    h.f(&[t(s1), t(s0), t(b0)]);
    h.f(&[t(s2), t(s1), t(s0)]);
    h.f(&[t(s2), t(s1), t(b0)]);
    h.f(&[w(s0), t(b0), t(b1)]);
    h.f(&[t(s0), w(b0), t(b1)]);
    h.f(&[t(s1), w(s0), t(b0)]);
    h.f(&[t(s0), t(s0l), t(b0)]);
    h.f(&[t(s0), t(s0r), t(b0)]);
    h.f(&[t(s0), t(b0), t(b0l)]);
    h.f(&[t(s1), t(s1l), t(s0)]);
    h.f(&[t(s1), t(s1r), t(s0)]);
    h.f(&[t(s1), t(s0), t(s0l)]);
    h.f(&[t(s1), t(s0), t(s0r)]);
    // Distance.
    h.f(&[w(s0), d0]);
    h.f(&[t(s0), d0]);
    h.f(&[w(b0), d0]);
    h.f(&[t(b0), d0]);
    h.f(&[w(s0), w(b0), d0]);
    h.f(&[t(s0), t(b0), d0]);
    h.f(&[w(s1), d1]);
    h.f(&[t(s1), d1]);
    h.f(&[w(s0), d1]);
    h.f(&[t(s1), t(s0), d1]);
    h.f(&[w(s1), w(s0), d1]);
    // Valency.
    for (p, x) in [
        (s0, &s.vl),
        (s0, &s.vr),
        (s1, &s.vl),
        (s1, &s.vr),
        (b0, &s.vl),
    ] {
        h.f(&[w(p), v(x, p)]);
        h.f(&[t(p), v(x, p)]);
    }
    // Children: word, tag and label of the outermost two on each side.
    for c in [s0l, s0r, s1l, s1r, b0l] {
        h.f(&[w(c)]);
        h.f(&[t(c)]);
        h.f(&[l(c)]);
    }
    for c in [s0l2, s0r2, s1r2, b0l2] {
        h.f(&[t(c)]);
        h.f(&[l(c)]);
    }
    // Third order.
    h.f(&[t(s0), t(s0l), t(s0l2)]);
    h.f(&[t(s0), t(s0r), t(s0r2)]);
    h.f(&[t(s1), t(s1l), t(s1l2)]);
    h.f(&[t(s1), t(s1r), t(s1r2)]);
    h.f(&[t(b0), t(b0l), t(b0l2)]);
    // Label sets.
    for (p, x) in [
        (s0, &s.sl),
        (s0, &s.sr),
        (s1, &s.sl),
        (s1, &s.sr),
        (b0, &s.sl),
    ] {
        h.f(&[w(p), x[p]]);
        h.f(&[t(p), x[p]]);
    }
    // What lies between the pivots: punctuation and verbs (coordination,
    // parataxis and clause boundaries), and the words right next to them.
    let between = |a: usize, b: usize| -> (u64, u64) {
        if a >= null as usize || b > root as usize {
            return (9, 9);
        }
        let p = s.punct_before[b] - s.punct_before[a + 1].min(s.punct_before[b]);
        let v = s.verbs_before[b] - s.verbs_before[a + 1].min(s.verbs_before[b]);
        (u64::from(p.min(3)), u64::from(v.min(2)))
    };
    let (p0, v0) = between(s0, b0);
    let (p1, v1) = between(s1, s0);
    h.f(&[t(s0), t(b0), p0]);
    h.f(&[t(s0), t(b0), v0]);
    h.f(&[t(s1), t(s0), p1]);
    h.f(&[t(s1), t(s0), v1]);
    h.f(&[t(s1), t(b0), p0, p1]);
    let next = |i: usize| {
        if i >= root as usize {
            null as usize
        } else {
            i + 1
        }
    };
    let prev = |i: usize| {
        if i == 0 || i >= null as usize {
            null as usize
        } else {
            i - 1
        }
    };
    h.f(&[t(s0), t(next(s0)), t(b0)]);
    h.f(&[t(s0), t(prev(b0)), t(b0)]);
    h.f(&[t(prev(s0)), t(s0), t(b0)]);
    h.f(&[t(s1), t(next(s1)), t(s0)]);
    h.f(&[t(s1), t(prev(s0)), t(s0)]);
    // Suffixes generalise over rare words.
    let suf = |i: usize| s.suffix[i];
    h.f(&[suf(s0), t(s0)]);
    h.f(&[suf(b0), t(b0)]);
    h.f(&[suf(s0), t(b0)]);
    h.f(&[t(s0), suf(b0)]);
    debug_assert_eq!(h.k, N_TRANS_BASE);
    if s.clustered {
        kmeans_trans(s, &mut h, [s0, s1, s2, b0], [s0l, s0r, s1r, b0l]);
    }
    let g = s.brown_groups;
    if g == 0 {
        return h.k;
    }
    // Brown clusters (Koo et al. 2008): path prefixes of 4 and 6 bits and the
    // full path, alone and with tags, for the words around the pivots.
    let b4 = |i: usize| u64::from(s.brown[i][0]);
    let b6 = |i: usize| u64::from(s.brown[i][1]);
    let bf = |i: usize| u64::from(s.brown[i][2]);
    if g & G_SINGLE != 0 {
        for p in [s0, s1, b0, b1] {
            h.f(&[b4(p), t(p)]);
            h.f(&[b6(p), t(p)]);
            h.f(&[bf(p)]);
        }
    }
    if g & G_FULL != 0 {
        for p in [s0, s1, b0, b1] {
            h.f(&[bf(p), t(p)]);
        }
        h.f(&[b6(s2)]);
        h.f(&[b6(b2)]);
    }
    if g & G_PAIR != 0 {
        for (a, b) in [(s0, b0), (s1, s0)] {
            h.f(&[b4(a), b4(b)]);
            h.f(&[b6(a), b6(b)]);
            h.f(&[bf(a), t(b)]);
            h.f(&[t(a), bf(b)]);
            h.f(&[b4(a), t(a), b4(b), t(b)]);
        }
    }
    if g & G_CHILD != 0 {
        for c in [s0l, s0r, s1l, s1r, b0l] {
            h.f(&[b6(c)]);
        }
    }
    debug_assert!(h.k <= N_TRANS);
    h.k
}

/// The transition templates of word-cluster (k-means) models.
#[inline]
fn kmeans_trans<const N: usize>(
    s: &Scratch,
    h: &mut Hasher<'_, N>,
    [s0, s1, s2, b0]: [usize; 4],
    [s0l, s0r, s1r, b0l]: [usize; 4],
) {
    let w = |i: usize| s.word[i];
    let t = |i: usize| u64::from(s.tag[i]);
    let l = |i: usize| u64::from(s.label[i]);
    // Version 5 templates, used by models with word clusters (Koo et al.
    // 2008), whose classes stand in for rare words. (Plain cluster templates
    // for s0, s1, b0, b1 and their pairs, as in Koo et al., did not help on
    // EWT dev: the word and tag templates above already cover them.)
    let cm = |i: usize| u64::from(s.cl[i].mid);
    let cf = |i: usize| u64::from(s.cl[i].fine);
    // Attachment of a phrase with a function word child (a preposition under
    // its object, a conjunction under its conjunct) to s0 or b0 (LEFT/SHIFT)
    // or to s1 (RIGHT): the words of the candidate head and of the function
    // word, the classes of the candidate head and of the phrase's head.
    let wb0l = w(b0l);
    let ws0l = w(s0l);
    h.f(&[w(s0), wb0l]);
    h.f(&[w(s1), wb0l]);
    h.f(&[w(s0), wb0l, cm(b0)]);
    h.f(&[cf(s0), wb0l, cf(b0)]);
    h.f(&[t(s0), wb0l, t(b0)]);
    h.f(&[w(s1), ws0l]);
    h.f(&[w(s1), ws0l, cm(s0)]);
    h.f(&[cf(s1), ws0l, cf(s0)]);
    h.f(&[t(s1), ws0l, t(s0)]);
    h.f(&[w(s2), ws0l]);
    h.f(&[t(s1), t(s0), l(s0l)]);
    h.f(&[t(s0), t(b0), l(b0l)]);
    h.f(&[w(s0), w(s0r), w(b0l)]);
    h.f(&[wb0l, w(b0)]);
    h.f(&[ws0l, w(s0)]);
    h.f(&[w(s1r), ws0l]);
    h.f(&[cf(s1r), ws0l, cf(s0)]);
    h.f(&[w(s0r), wb0l]);
    debug_assert_eq!(h.k, N_TRANS_BASE + N_TRANS_KMEANS);
}

/// Features for labelling the arc that transition `tr` (LEFT or RIGHT) makes;
/// returns how many were written.
#[inline]
pub(crate) fn label_features(s: &Scratch, tr: usize, bits: u32, out: &mut [u32; N_LABEL]) -> usize {
    let null = s.null() as usize;
    let (h, d) = s.arc(tr);
    let (h, d) = (h as usize, d as usize);
    let dir = u64::from(tr == LEFT);
    let w = |i: usize| s.word[i];
    let t = |i: usize| u64::from(s.tag[i]);
    let u = |i: usize| u64::from(s.upos[i]);
    let l = |i: usize| u64::from(s.label[i]);
    let prev = |i: usize| if i == 0 { null } else { i - 1 };
    let next = |i: usize| (i + 1).min(null);
    let dist = bucket(h.abs_diff(d) as u32);
    let b0 = s.b(0) as usize;
    let (dl, dr) = (s.lc1[d] as usize, s.rc1[d] as usize);
    let mut x = Hasher {
        out,
        k: 0,
        shift: 64 - bits,
    };
    x.f(&[w(d)]);
    x.f(&[t(d)]);
    x.f(&[w(d), t(d)]);
    x.f(&[w(h)]);
    x.f(&[t(h)]);
    x.f(&[w(h), t(h)]);
    x.f(&[t(h), t(d)]);
    x.f(&[w(h), t(d)]);
    x.f(&[t(h), w(d)]);
    x.f(&[w(h), w(d)]);
    x.f(&[t(h), t(d), dir, dist]);
    x.f(&[t(d), dir]);
    x.f(&[w(d), dir]);
    x.f(&[w(h), dir]);
    x.f(&[u(h), u(d), dir]);
    x.f(&[t(d), s.sl[d]]);
    x.f(&[t(d), s.sr[d]]);
    x.f(&[t(d), l(dl)]);
    x.f(&[t(d), l(dr)]);
    x.f(&[t(d), t(dl)]);
    x.f(&[t(d), t(dr)]);
    x.f(&[w(d), w(dl)]);
    x.f(&[t(h), s.sl[h], dir]);
    x.f(&[t(h), s.sr[h], dir]);
    x.f(&[t(h), t(d), s.sl[h], dir]);
    x.f(&[t(d), t(prev(d))]);
    x.f(&[t(d), t(next(d))]);
    x.f(&[t(h), t(prev(h))]);
    x.f(&[t(h), t(next(h))]);
    x.f(&[t(d), t(b0), dir]);
    x.f(&[w(d), w(h), dir]);
    x.f(&[t(h), t(d), t(dl), l(dl)]);
    x.f(&[w(h), t(d), dir]);
    x.f(&[t(h), w(d), dir]);
    debug_assert_eq!(x.k, N_LABEL_BASE);
    if s.clustered {
        kmeans_label(s, &mut x, h, d, dl, dir);
    }
    if s.brown_groups & G_LABEL != 0 {
        let b4 = |i: usize| u64::from(s.brown[i][0]);
        let b6 = |i: usize| u64::from(s.brown[i][1]);
        let bf = |i: usize| u64::from(s.brown[i][2]);
        x.f(&[b4(d), t(d)]);
        x.f(&[b6(d)]);
        x.f(&[bf(d)]);
        x.f(&[b4(h), t(h)]);
        x.f(&[b6(h)]);
        x.f(&[bf(h)]);
        x.f(&[b4(h), b4(d), dir]);
        x.f(&[b6(h), b6(d), dir]);
        x.f(&[bf(h), t(d), dir]);
        x.f(&[t(h), bf(d), dir]);
    }
    debug_assert!(x.k <= N_LABEL);
    x.k
}

/// The label templates of word-cluster (k-means) models.
#[inline]
fn kmeans_label<const N: usize>(
    s: &Scratch,
    x: &mut Hasher<'_, N>,
    h: usize,
    d: usize,
    dl: usize,
    dir: u64,
) {
    let w = |i: usize| s.word[i];
    let t = |i: usize| u64::from(s.tag[i]);
    let cm = |i: usize| u64::from(s.cl[i].mid);
    let cf = |i: usize| u64::from(s.cl[i].fine);
    x.f(&[cf(d)]);
    x.f(&[cf(h)]);
    x.f(&[cf(h), cf(d), dir]);
    x.f(&[cm(h), cm(d), dir]);
    x.f(&[cf(h), t(d), dir]);
    x.f(&[t(h), cf(d), dir]);
    x.f(&[t(d), cm(dl)]);
    // The function word under the dependent (a preposition, a conjunction)
    // with the head: obl against nmod, advcl against xcomp, conj.
    x.f(&[t(h), w(dl), dir]);
    x.f(&[w(h), w(dl)]);
    x.f(&[t(h), t(d), w(dl)]);
    x.f(&[cf(d), w(dl)]);
    x.f(&[cf(h), w(dl), cf(d)]);
    debug_assert_eq!(x.k, N_LABEL_BASE + N_LABEL_KMEANS);
}
