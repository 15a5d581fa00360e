//! Greedy decoding: score the valid transitions, take the best, label arcs as
//! they are made.

use crate::features::{label_features, trans_features, N_LABEL, N_TRANS};
use crate::model::{Scorer, NL};
use crate::state::{Scratch, SHIFT};
use tocsin_core::DepRel;

/// Reusable feature buffers for one decoding thread.
#[derive(Debug)]
pub(crate) struct Buffers {
    pub tf: [u32; N_TRANS],
    pub lf: [u32; N_LABEL],
    pub ls: [f32; NL],
}

impl Default for Buffers {
    fn default() -> Self {
        Buffers {
            tf: [0; N_TRANS],
            lf: [0; N_LABEL],
            ls: [0.0; NL],
        }
    }
}

/// The best valid transition under `scores`.
#[inline]
pub(crate) fn best_valid(scores: [f32; 3], valid: u8) -> usize {
    let mut best = usize::MAX;
    let mut bs = f32::NEG_INFINITY;
    for (t, &sc) in scores.iter().enumerate() {
        if valid & (1 << t) != 0 && (best == usize::MAX || sc > bs) {
            best = t;
            bs = sc;
        }
    }
    best
}

/// The labels an arc to a word (not the root) may take: those seen in training,
/// without `_` and `root`.
#[inline]
pub(crate) fn allowed_labels(mask: u64) -> u64 {
    let m = mask & !1 & !(1 << DepRel::ROOT.index());
    if m == 0 {
        1 << DepRel::parse("dep").index()
    } else {
        m
    }
}

/// Best label for the arc that transition `t` makes.
#[inline]
pub(crate) fn predict_label<S: Scorer>(m: &S, s: &Scratch, t: usize, buf: &mut Buffers) -> u8 {
    let (h, _) = s.arc(t);
    if h == s.n {
        return DepRel::ROOT.index() as u8;
    }
    let k = label_features(s, t, m.lbits(), &mut buf.lf);
    m.labels(&buf.lf[..k], &mut buf.ls);
    argmax_label(&buf.ls, allowed_labels(m.label_mask()))
}

/// Highest scoring label among the bits of `allowed`.
#[inline]
pub(crate) fn argmax_label(scores: &[f32; NL], allowed: u64) -> u8 {
    let mut best = allowed.trailing_zeros() as usize;
    let mut rest = allowed;
    while rest != 0 {
        let i = rest.trailing_zeros() as usize;
        rest &= rest - 1;
        if scores[i] > scores[best] {
            best = i;
        }
    }
    best as u8
}

/// Parses the sentence loaded in `s`, leaving heads and labels in it.
pub(crate) fn decode<S: Scorer>(m: &S, s: &mut Scratch, buf: &mut Buffers) {
    while !s.terminal() {
        let valid = s.valid();
        let t = if valid.count_ones() == 1 {
            valid.trailing_zeros() as usize
        } else {
            let k = trans_features(s, m.tbits(), &mut buf.tf);
            best_valid(m.trans(&buf.tf[..k]), valid)
        };
        let label = if t == SHIFT {
            0
        } else {
            predict_label(m, s, t, buf)
        };
        s.apply(t, label);
    }
}
