//! Beam search decoding: keep the `k` best partial parses (by the sum of their
//! transition scores) instead of one. Arc-hybrid parses of a sentence all take
//! exactly `2n` transitions, so the items of a beam stay in step.
//!
//! Arcs are labelled greedily when they are made (the label model does not add
//! to the beam score). A beam of one is exactly the greedy decoder.

use crate::decode::{allowed_labels, argmax_label, decode, Buffers};
use crate::features::{label_features, trans_features};
use crate::model::Scorer;
use crate::state::{Scratch, SHIFT};
use tocsin_core::DepRel;

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

/// Keeps the `k` best candidates, best first (in [`cand_order`]).
pub(crate) fn keep_best(cands: &mut Vec<Cand>, k: usize) {
    let keep = k.min(cands.len());
    if cands.len() > keep {
        cands.select_nth_unstable_by(keep - 1, cand_order);
        cands.truncate(keep);
    }
    cands.sort_unstable_by(cand_order);
}

/// Reusable beam storage for one decoding thread.
#[derive(Debug, Default)]
pub(crate) struct Beam {
    pub items: Vec<Scratch>,
    pub next: Vec<Scratch>,
    pub score: Vec<f32>,
    pub next_score: Vec<f32>,
    pub cands: Vec<Cand>,
    cache: LabelCache,
}

/// Labels already chosen in this sentence, by a hash of the label features:
/// items of a beam often make the same arc in the same context.
#[derive(Debug, Default)]
struct LabelCache {
    slots: Vec<(u64, u8)>,
    filled: usize,
}

const CACHE_SLOTS: usize = 512;

impl LabelCache {
    fn clear(&mut self) {
        self.slots.clear();
        self.slots.resize(CACHE_SLOTS, (0, 0));
        self.filled = 0;
    }

    /// Best label for the arc that transition `t` makes in `s`, remembered.
    fn label<S: Scorer>(&mut self, m: &S, s: &Scratch, t: usize, buf: &mut Buffers) -> u8 {
        let (h, _) = s.arc(t);
        if h == s.n {
            return DepRel::ROOT.index() as u8;
        }
        let nf = label_features(s, t, m.lbits(), &mut buf.lf);
        let mut key: u64 = 0x243f_6a88_85a3_08d3;
        for &f in &buf.lf[..nf] {
            key = (key ^ u64::from(f)).wrapping_mul(0x0100_0000_01b3);
        }
        key |= 1; // 0 marks an empty slot
        let mut i = (key >> 40) as usize % CACHE_SLOTS;
        loop {
            let (k, l) = self.slots[i];
            if k == key {
                return l;
            }
            if k == 0 {
                break;
            }
            i = (i + 1) % CACHE_SLOTS;
        }
        m.labels(&buf.lf[..nf], &mut buf.ls);
        let l = argmax_label(&buf.ls, allowed_labels(m.label_mask()));
        // Keep the table at most half full; forget everything when it fills.
        if self.filled * 2 >= CACHE_SLOTS {
            self.slots.iter_mut().for_each(|e| *e = (0, 0));
            self.filled = 0;
            i = (key >> 40) as usize % CACHE_SLOTS;
            while self.slots[i].0 != 0 {
                i = (i + 1) % CACHE_SLOTS;
            }
        }
        self.slots[i] = (key, l);
        self.filled += 1;
        l
    }
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
    let k = trans_features(s, m.tbits(), &mut buf.tf);
    let sc = m.trans(&buf.tf[..k]);
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

/// Sentences longer than this are parsed greedily: each beam step copies the
/// items' states, which costs time linear in the length of the sentence.
pub(crate) const MAX_BEAM_WORDS: u32 = 256;

/// Parses the sentence loaded in `s` with a beam of `k` items, leaving the
/// best parse's heads and labels in `s`.
pub(crate) fn beam_decode<S: Scorer>(
    m: &S,
    k: usize,
    s: &mut Scratch,
    beam: &mut Beam,
    buf: &mut Buffers,
) {
    if k <= 1 || s.n > MAX_BEAM_WORDS {
        decode(m, s, buf);
        return;
    }
    beam.reserve(k);
    beam.cache.clear();
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
        keep_best(&mut beam.cands, k);
        beam.next_score.clear();
        for (j, c) in beam.cands.iter().enumerate() {
            let (t, p) = (usize::from(c.t), usize::from(c.parent));
            let label = if t == SHIFT {
                0
            } else {
                beam.cache.label(m, &beam.items[p], t, buf)
            };
            let next = &mut beam.next[j];
            next.copy_state_from(&beam.items[p]);
            next.apply(t, label);
            beam.next_score.push(c.score);
        }
        std::mem::swap(&mut beam.items, &mut beam.next);
        std::mem::swap(&mut beam.score, &mut beam.next_score);
    }
    s.copy_state_from(&beam.items[0]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clusters::WordClasses;
    use crate::model::FloatModel;

    /// A small model with pseudo-random weights, so that decisions vary.
    fn noisy_model() -> FloatModel {
        let mut m = FloatModel::new(10, 8);
        let mut x: u64 = 7;
        for w in m.trans.iter_mut().chain(m.label.iter_mut()) {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            *w = ((x >> 40) % 200) as f32 / 100.0 - 1.0;
        }
        m.mask = u64::MAX >> 20;
        m
    }

    fn load(words: &[&str]) -> Scratch {
        let mut s = Scratch::default();
        s.load(
            words.iter().copied(),
            std::iter::empty(),
            &WordClasses::default(),
        );
        s
    }

    #[test]
    fn beam_of_one_is_greedy_and_beams_make_trees() {
        let m = noisy_model();
        let words = [
            "the", "rebels", "said", "on", "monday", "that", "they", "left", ".",
        ];
        let (mut buf, mut beam) = (Buffers::default(), Beam::default());
        let mut greedy = load(&words);
        decode(&m, &mut greedy, &mut buf);
        let mut one = load(&words);
        beam_decode(&m, 1, &mut one, &mut beam, &mut buf);
        assert_eq!(greedy.head, one.head);
        for k in [2, 4, 8] {
            let mut s = load(&words);
            beam_decode(&m, k, &mut s, &mut beam, &mut buf);
            let n = s.n;
            assert!(s.head[..n as usize].iter().all(|&h| h <= n), "k={k}");
            assert_eq!(s.head[..n as usize].iter().filter(|&&h| h == n).count(), 1);
            // Every word reaches the root: no cycles.
            for i in 0..n {
                let (mut x, mut steps) = (i, 0);
                while x != n && steps <= n {
                    x = s.head[x as usize];
                    steps += 1;
                }
                assert_eq!(x, n, "k={k}: word {i} does not reach the root");
            }
            // Same input, same beam: same parse.
            let mut again = load(&words);
            beam_decode(&m, k, &mut again, &mut beam, &mut buf);
            assert_eq!(again.head, s.head);
            assert_eq!(again.label, s.label);
        }
    }
}
