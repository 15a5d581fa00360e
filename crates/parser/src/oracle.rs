//! The dynamic oracle for arc-hybrid (Goldberg & Nivre 2013) and the
//! projectivisation of training trees it needs.
//!
//! Arc-hybrid is arc-decomposable, so the cost of a transition is simply the
//! number of gold arcs it makes unreachable; a transition is correct when its cost
//! is zero. The costs are exact for projective gold trees, which is why training
//! trees are projectivised first by lifting (Nivre & Nilsson 2005, without the
//! pseudo-projective label encoding: the parser never produces crossing arcs).

use crate::state::{Scratch, LEFT, RIGHT, SHIFT};

/// A gold tree in parser indexing: token `i` has head `head[i]`, the root is `n`.
#[derive(Clone, Debug, Default)]
pub(crate) struct Gold {
    pub head: Vec<u32>,
    pub label: Vec<u8>,
    /// Children of each token (and of the root at `n`), CSR style.
    child_start: Vec<u32>,
    children: Vec<u32>,
}

impl Gold {
    /// From CoNLL-U heads (1-based, 0 = root) and label indices.
    pub fn new(heads: &[u32], labels: &[u8]) -> Gold {
        let n = heads.len() as u32;
        let head: Vec<u32> = heads
            .iter()
            .map(|&h| if h == 0 || h > n { n } else { h - 1 })
            .collect();
        let mut count = vec![0u32; n as usize + 2];
        for &h in &head {
            count[h as usize + 1] += 1;
        }
        for i in 1..count.len() {
            count[i] += count[i - 1];
        }
        let mut fill = count.clone();
        let mut children = vec![0u32; head.len()];
        for (d, &h) in head.iter().enumerate() {
            children[fill[h as usize] as usize] = d as u32;
            fill[h as usize] += 1;
        }
        Gold {
            head,
            label: labels.to_vec(),
            child_start: count,
            children,
        }
    }

    fn children(&self, h: u32) -> &[u32] {
        let h = h as usize;
        &self.children[self.child_start[h] as usize..self.child_start[h + 1] as usize]
    }

    /// Cost of each transition in configuration `s` (`u32::MAX` when invalid).
    pub fn costs_of(&self, s: &Scratch) -> [u32; 3] {
        self.costs_with(s, |i| s.on_stack(i))
    }

    /// Cost of each transition in configuration `s` (`u32::MAX` when invalid).
    /// `in_stack[i]` tells whether token `i` is on the stack.
    pub fn costs(&self, s: &Scratch, in_stack: &[bool]) -> [u32; 3] {
        self.costs_with(s, |i| in_stack.get(i as usize).copied().unwrap_or(false))
    }

    /// The arc-hybrid dynamic oracle's costs, with `on_stack` telling whether a
    /// token is on the stack.
    #[inline]
    fn costs_with(&self, s: &Scratch, on_stack: impl Fn(u32) -> bool) -> [u32; 3] {
        let valid = s.valid();
        let mut c = [u32::MAX; 3];
        let (s0, s1, b0) = (s.s(0), s.s(1), s.b0);
        let in_buffer_children = |x: u32| self.children(x).iter().filter(|&&d| d >= b0).count();
        if valid & (1 << SHIFT) != 0 {
            let h = self.head[b0 as usize];
            let mut k = u32::from(h != s0 && h < s.n && on_stack(h));
            k += self.children(b0).iter().filter(|&&d| on_stack(d)).count() as u32;
            c[SHIFT] = k;
        }
        if valid & (1 << LEFT) != 0 {
            let h = self.head[s0 as usize];
            let lost_head = h != b0 && (h == s1 || h > b0);
            c[LEFT] = u32::from(lost_head) + in_buffer_children(s0) as u32;
        }
        if valid & (1 << RIGHT) != 0 {
            let h = self.head[s0 as usize];
            let lost_head = h != s1 && h >= b0;
            c[RIGHT] = u32::from(lost_head) + in_buffer_children(s0) as u32;
        }
        c
    }
}

/// Lifts non-projective arcs (shortest first) until the tree is projective.
/// `heads` are CoNLL-U heads: 1-based, 0 = root. Returns the number of lifts.
pub(crate) fn projectivize(heads: &mut [u32]) -> usize {
    let n = heads.len();
    let mut lifts = 0;
    // Each lift shortens no arc and moves a word closer to the root, so this
    // terminates; the bound guards against malformed (cyclic) input.
    while lifts < n * n {
        let Some(d) = shortest_nonprojective(heads) else {
            break;
        };
        let h = heads[d] as usize;
        heads[d] = if h == 0 { 0 } else { heads[h - 1] };
        lifts += 1;
    }
    lifts
}

/// True when `h` (1-based, 0 = root) dominates word `k` (1-based).
fn dominates(heads: &[u32], h: usize, mut k: usize) -> bool {
    if h == 0 {
        return true;
    }
    for _ in 0..=heads.len() {
        if k == h {
            return true;
        }
        if k == 0 {
            return false;
        }
        k = heads[k - 1] as usize;
    }
    false
}

/// The dependent (0-based) of the shortest non-projective arc, if any.
fn shortest_nonprojective(heads: &[u32]) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (i, &h) in heads.iter().enumerate() {
        let (d, h) = (i + 1, h as usize);
        if h == 0 {
            continue;
        }
        let (lo, hi) = (d.min(h), d.max(h));
        if best.is_some_and(|(len, _)| hi - lo >= len) {
            continue;
        }
        if (lo + 1..hi).any(|k| !dominates(heads, h, k)) {
            best = Some((hi - lo, i));
        }
    }
    best.map(|(_, i)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifts_crossing_arcs() {
        // 1 <- 3, 2 <- 4 crosses 3 -> 1? Tree: 3 root, 1 head 3, 4 head 3, 2 head 4.
        // Arc 4 -> 2 spans word 3, which 4 does not dominate: non-projective.
        let mut h = vec![3, 4, 0, 3];
        assert_eq!(projectivize(&mut h), 1);
        assert_eq!(h, vec![3, 3, 0, 3]);
        let mut p = vec![2, 0, 2];
        assert_eq!(projectivize(&mut p), 0);
    }

    #[test]
    fn oracle_reaches_the_gold_tree() {
        let heads = [2, 0, 4, 2, 2];
        let gold = Gold::new(&heads, &[1, 1, 1, 1, 1]);
        let mut s = Scratch::default();
        let w = ["a", "b", "c", "d", "e"];
        s.load(
            w.iter().copied(),
            std::iter::empty(),
            &crate::clusters::WordClasses::default(),
        );
        let mut in_stack = vec![false; 7];
        while !s.terminal() {
            let c = gold.costs(&s, &in_stack);
            assert_eq!(c, gold.costs_of(&s));
            let t = (0..3).find(|&t| c[t] == 0).unwrap();
            if t == SHIFT {
                in_stack[s.b0 as usize] = true;
            } else {
                in_stack[s.s(0) as usize] = false;
            }
            s.apply(t, 2);
        }
        assert_eq!(&s.head[..5], &gold.head[..]);
    }
}
