//! Beam search decoding: keep the `k` best partial parses (by the sum of their
//! transition scores) instead of one. Arc-hybrid parses of a sentence all take
//! exactly `2n` transitions, so the items of a beam stay in step.
//!
//! Arcs are labelled greedily when they are made (the label model does not add
//! to the beam score). A beam of one is exactly the greedy decoder.

use crate::decode::{decode, predict_label, Buffers};
use crate::features::trans_features;
use crate::model::Scorer;
use crate::state::{Scratch, SHIFT};

/// One way to extend the beam: `parent` item, transition `t`, new total score.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Cand {
    pub score: f32,
    pub parent: u16,
    pub t: u8,
}

/// Best first; ties go to the lower parent, then the lower transition, so that
/// decoding is deterministic and a beam of one matches the greedy decoder.
#[inline]
pub(crate) fn cand_order(a: &Cand, b: &Cand) -> std::cmp::Ordering {
    b.score
        .total_cmp(&a.score)
        .then(a.parent.cmp(&b.parent))
        .then(a.t.cmp(&b.t))
}

/// Reusable beam storage for one decoding thread.
#[derive(Debug, Default)]
pub(crate) struct Beam {
    pub items: Vec<Scratch>,
    pub next: Vec<Scratch>,
    pub score: Vec<f32>,
    pub next_score: Vec<f32>,
    pub cands: Vec<Cand>,
}

impl Beam {
    /// Makes room for `k` items.
    pub fn reserve(&mut self, k: usize) {
        while self.items.len() < k {
            self.items.push(Scratch::default());
            self.next.push(Scratch::default());
        }
    }
}

/// Adds the extensions of item `i` (score `base`) to `cands`.
#[inline]
pub(crate) fn expand<S: Scorer>(
    m: &S,
    s: &Scratch,
    i: usize,
    base: f32,
    buf: &mut Buffers,
    cands: &mut Vec<Cand>,
) {
    let valid = s.valid();
    if valid.count_ones() == 1 {
        cands.push(Cand {
            score: base,
            parent: i as u16,
            t: valid.trailing_zeros() as u8,
        });
        return;
    }
    trans_features(s, m.tbits(), &mut buf.tf);
    let sc = m.trans(&buf.tf);
    for (t, &x) in sc.iter().enumerate() {
        if valid & (1 << t) != 0 {
            cands.push(Cand {
                score: base + x,
                parent: i as u16,
                t: t as u8,
            });
        }
    }
}

/// Parses the sentence loaded in `s` with a beam of `k` items, leaving the
/// best parse's heads and labels in `s`.
pub(crate) fn beam_decode<S: Scorer>(
    m: &S,
    k: usize,
    s: &mut Scratch,
    beam: &mut Beam,
    buf: &mut Buffers,
) {
    if k <= 1 {
        decode(m, s, buf);
        return;
    }
    beam.reserve(k);
    for i in 0..k {
        beam.items[i].copy_from(s);
        beam.next[i].copy_from(s);
    }
    beam.score.clear();
    beam.score.push(0.0);
    while !beam.items[0].terminal() {
        beam.cands.clear();
        for i in 0..beam.score.len() {
            expand(m, &beam.items[i], i, beam.score[i], buf, &mut beam.cands);
        }
        let keep = k.min(beam.cands.len());
        if beam.cands.len() > keep {
            beam.cands.select_nth_unstable_by(keep - 1, cand_order);
            beam.cands.truncate(keep);
        }
        beam.cands.sort_unstable_by(cand_order);
        beam.next_score.clear();
        for (j, c) in beam.cands.iter().enumerate() {
            let (t, p) = (usize::from(c.t), usize::from(c.parent));
            let next = &mut beam.next[j];
            next.copy_state_from(&beam.items[p]);
            let label = if t == SHIFT {
                0
            } else {
                predict_label(m, next, t, buf)
            };
            next.apply(t, label);
            beam.next_score.push(c.score);
        }
        std::mem::swap(&mut beam.items, &mut beam.next);
        std::mem::swap(&mut beam.score, &mut beam.next_score);
    }
    s.copy_state_from(&beam.items[0]);
}
