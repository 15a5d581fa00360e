//! The arc-hybrid transition system (Kuhlmann et al. 2011) with the root at the
//! end of the buffer, so that exactly one word ends up attached to the root.
//!
//! Tokens are numbered `0..n`; index `n` is the artificial ROOT (always the last
//! buffer item) and `n + 1` is NULL, a padding token that stands for "no such
//! position" in feature extraction, so every lookup is a plain array access.
//!
//! Transitions: SHIFT moves b0 onto the stack; LEFT pops s0 and makes b0 its
//! head; RIGHT pops s0 and makes s1 its head. A sentence of n words takes
//! exactly 2n transitions.

use crate::clusters::{Classes, WordClasses};
use tocsin_core::{Upos, Xpos};

pub(crate) const SHIFT: usize = 0;
pub(crate) const LEFT: usize = 1;
pub(crate) const RIGHT: usize = 2;

/// Per-thread working memory for one sentence. Reused between sentences so that
/// parsing allocates nothing once the buffers have grown.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    /// Number of real words.
    pub n: u32,
    /// Hash of the lower-cased form (digits folded to 0).
    pub word: Vec<u64>,
    /// Combined XPOS x UPOS tag id.
    pub tag: Vec<u16>,
    pub upos: Vec<u8>,
    /// Hash of the last three characters, lower-cased.
    pub suffix: Vec<u64>,
    /// Word classes (16, 256, 2048 of them), when the model has clusters.
    pub cl: Vec<Classes>,
    /// Whether the model uses word-cluster features.
    pub clustered: bool,
    /// Brown cluster path prefixes of 4 and 6 bits and the full path (0 =
    /// unknown word), when the model has Brown clusters.
    pub brown: Vec<[u32; 3]>,
    /// Brown template groups the model uses (0 = none).
    pub brown_groups: u8,
    /// Number of punctuation marks / verbs before each position (prefix sums),
    /// for "what lies between" features.
    pub punct_before: Vec<u32>,
    pub verbs_before: Vec<u32>,
    /// Assigned head (`NULL` while unattached) and label index.
    pub head: Vec<u32>,
    pub label: Vec<u8>,
    /// Leftmost, second leftmost, rightmost, second rightmost child.
    pub lc1: Vec<u32>,
    pub lc2: Vec<u32>,
    pub rc1: Vec<u32>,
    pub rc2: Vec<u32>,
    /// Number of left and right children (saturating).
    pub vl: Vec<u8>,
    pub vr: Vec<u8>,
    /// Sets of labels of the left and right children (bit per label index).
    pub sl: Vec<u64>,
    pub sr: Vec<u64>,
    pub stack: Vec<u32>,
    /// Front of the buffer; the buffer is `b0..=n`.
    pub b0: u32,
}

/// Hash of a word form for features: lower-cased, ASCII digits folded to `0`.
#[must_use]
pub(crate) fn word_hash(w: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut push = |b: u8| {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    };
    if w.is_ascii() {
        for &b in w.as_bytes() {
            let b = if b.is_ascii_digit() {
                b'0'
            } else {
                b.to_ascii_lowercase()
            };
            push(b);
        }
    } else {
        let mut buf = [0u8; 4];
        for c in w.chars().flat_map(char::to_lowercase) {
            for &b in c.encode_utf8(&mut buf).as_bytes() {
                push(b);
            }
        }
    }
    // Finalise so that short words spread over all bits.
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}

/// The last three characters of a word (all of it if shorter).
fn suffix(w: &str) -> &str {
    match w.char_indices().rev().nth(2) {
        Some((i, _)) => &w[i..],
        None => w,
    }
}

/// The tag id features use: XPOS (Penn tags are finer than UPOS for English),
/// UPOS only when XPOS is missing. (XPOS x UPOS pairs scored the same on dev.)
#[must_use]
pub(crate) fn tag_id(upos: Upos, xpos: Xpos) -> u16 {
    if xpos == Xpos::None {
        64 + upos as u16
    } else {
        xpos as u16
    }
}

const ROOT_WORD: u64 = 0x5eed_0000_0000_0001;
const NULL_WORD: u64 = 0x5eed_0000_0000_0002;
const ROOT_TAG: u16 = 0xfff0;
const NULL_TAG: u16 = 0xfff1;
const ROOT_CLASS: u16 = 0xfff0;
const NULL_CLASS: u16 = 0xfff1;
/// Brown paths are at most 32 bits long in principle but 18 in the data.
const ROOT_BROWN: u32 = 0xffff_fff0;
const NULL_BROWN: u32 = 0xffff_fff1;

impl Scratch {
    /// The NULL padding token.
    #[inline]
    pub fn null(&self) -> u32 {
        self.n + 1
    }

    /// Loads a sentence: words and tags, in order, and the words' classes from
    /// `classes` (none if its tables are empty). Missing tags count as untagged.
    pub fn load<'a>(
        &mut self,
        words: impl ExactSizeIterator<Item = &'a str>,
        mut tags: impl Iterator<Item = (Upos, Xpos)>,
        classes: &WordClasses,
    ) {
        let clusters = &classes.kmeans;
        let brown = &classes.brown;
        self.brown.clear();
        self.brown_groups = brown.groups;
        let n = words.len();
        self.n = n as u32;
        self.word.clear();
        self.tag.clear();
        self.upos.clear();
        self.suffix.clear();
        self.punct_before.clear();
        self.verbs_before.clear();
        let (mut pc, mut vc) = (0, 0);
        for w in words {
            let (u, x) = tags.next().unwrap_or((Upos::X, Xpos::None));
            let h = word_hash(w);
            self.word.push(h);
            if !brown.is_empty() {
                self.brown.push(brown.classes(w, h));
            }
            self.tag.push(tag_id(u, x));
            self.upos.push(u as u8);
            self.suffix.push(word_hash(suffix(w)));
            self.punct_before.push(pc);
            self.verbs_before.push(vc);
            pc += u32::from(u == Upos::Punct);
            vc += u32::from(u == Upos::Verb);
        }
        self.word.extend([ROOT_WORD, NULL_WORD]);
        self.tag.extend([ROOT_TAG, NULL_TAG]);
        self.upos.extend([0xf0, 0xf1]);
        self.suffix.extend([ROOT_WORD, NULL_WORD]);
        self.punct_before.extend([pc, pc]);
        self.verbs_before.extend([vc, vc]);
        self.cl.clear();
        self.clustered = !clusters.is_empty();
        self.cl
            .extend(self.word[..n].iter().map(|&h| clusters.get(h)));
        self.cl
            .extend([Classes::all(ROOT_CLASS), Classes::all(NULL_CLASS)]);
        if !brown.is_empty() {
            self.brown.extend([[ROOT_BROWN; 3], [NULL_BROWN; 3]]);
        }
        self.reset();
    }

    /// Resets the parse state (keeps the loaded words and tags).
    pub fn reset(&mut self) {
        let len = self.n as usize + 2;
        let null = self.null();
        for v in [
            &mut self.head,
            &mut self.lc1,
            &mut self.lc2,
            &mut self.rc1,
            &mut self.rc2,
        ] {
            v.clear();
            v.resize(len, null);
        }
        for v in [&mut self.label, &mut self.vl, &mut self.vr] {
            v.clear();
            v.resize(len, 0);
        }
        for v in [&mut self.sl, &mut self.sr] {
            v.clear();
            v.resize(len, 0);
        }
        self.stack.clear();
        self.b0 = 0;
    }

    /// Copies the parse state of `o` (same sentence) into `self`, reusing
    /// the allocations.
    pub fn copy_state_from(&mut self, o: &Scratch) {
        self.head.clone_from(&o.head);
        self.label.clone_from(&o.label);
        self.lc1.clone_from(&o.lc1);
        self.lc2.clone_from(&o.lc2);
        self.rc1.clone_from(&o.rc1);
        self.rc2.clone_from(&o.rc2);
        self.vl.clone_from(&o.vl);
        self.vr.clone_from(&o.vr);
        self.sl.clone_from(&o.sl);
        self.sr.clone_from(&o.sr);
        self.stack.clone_from(&o.stack);
        self.b0 = o.b0;
    }

    /// Copies the sentence and the parse state of `o` into `self`.
    pub fn copy_from(&mut self, o: &Scratch) {
        self.n = o.n;
        self.word.clone_from(&o.word);
        self.tag.clone_from(&o.tag);
        self.upos.clone_from(&o.upos);
        self.suffix.clone_from(&o.suffix);
        self.punct_before.clone_from(&o.punct_before);
        self.verbs_before.clone_from(&o.verbs_before);
        self.cl.clone_from(&o.cl);
        self.clustered = o.clustered;
        self.brown.clone_from(&o.brown);
        self.brown_groups = o.brown_groups;
        self.copy_state_from(o);
    }

    /// Whether token `i` is on the stack: before the buffer and unattached.
    #[inline]
    pub fn on_stack(&self, i: u32) -> bool {
        i < self.b0 && self.head[i as usize] == self.null()
    }

    #[inline]
    pub fn terminal(&self) -> bool {
        self.stack.is_empty() && self.b0 >= self.n
    }

    /// Valid transitions as a bit mask (bit t for transition t).
    #[inline]
    pub fn valid(&self) -> u8 {
        let depth = self.stack.len();
        let mut v = 0u8;
        if self.b0 < self.n {
            v |= 1 << SHIFT;
        }
        // LEFT onto the root only for the last word, so there is one root.
        if depth >= 1 && (self.b0 < self.n || depth == 1) {
            v |= 1 << LEFT;
        }
        if depth >= 2 {
            v |= 1 << RIGHT;
        }
        v
    }

    /// The stack item `i` from the top (0 = s0), or NULL.
    #[inline]
    pub fn s(&self, i: usize) -> u32 {
        let d = self.stack.len();
        if i < d {
            self.stack[d - 1 - i]
        } else {
            self.null()
        }
    }

    /// The buffer item `i` from the front (0 = b0), or NULL; ROOT is the last one.
    #[inline]
    pub fn b(&self, i: u32) -> u32 {
        let p = self.b0 + i;
        if p <= self.n {
            p
        } else {
            self.null()
        }
    }

    /// The head and dependent the arc transition `t` would create.
    #[inline]
    pub fn arc(&self, t: usize) -> (u32, u32) {
        if t == LEFT {
            (self.b0, self.s(0))
        } else {
            (self.s(1), self.s(0))
        }
    }

    /// Applies a valid transition; `label` is used by LEFT and RIGHT.
    pub fn apply(&mut self, t: usize, label: u8) {
        if t == SHIFT {
            self.stack.push(self.b0);
            self.b0 += 1;
            return;
        }
        let (h, d) = self.arc(t);
        self.stack.pop();
        self.add_arc(h, d, label);
    }

    fn add_arc(&mut self, h: u32, d: u32, label: u8) {
        let (hu, du) = (h as usize, d as usize);
        let null = self.null();
        self.head[du] = h;
        self.label[du] = label;
        let bit = 1u64 << (label & 63);
        if d < h {
            if self.lc1[hu] == null || d < self.lc1[hu] {
                self.lc2[hu] = self.lc1[hu];
                self.lc1[hu] = d;
            } else if self.lc2[hu] == null || d < self.lc2[hu] {
                self.lc2[hu] = d;
            }
            self.vl[hu] = self.vl[hu].saturating_add(1);
            self.sl[hu] |= bit;
        } else {
            if self.rc1[hu] == null || d > self.rc1[hu] {
                self.rc2[hu] = self.rc1[hu];
                self.rc1[hu] = d;
            } else if self.rc2[hu] == null || d > self.rc2[hu] {
                self.rc2[hu] = d;
            }
            self.vr[hu] = self.vr[hu].saturating_add(1);
            self.sr[hu] |= bit;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_n_transitions_make_a_tree() {
        let mut s = Scratch::default();
        let words = ["a", "b", "c"];
        s.load(
            words.iter().copied(),
            std::iter::empty(),
            &WordClasses::default(),
        );
        let mut steps = 0;
        while !s.terminal() {
            let v = s.valid();
            let t = [SHIFT, RIGHT, LEFT]
                .into_iter()
                .find(|t| v & (1 << t) != 0)
                .unwrap();
            s.apply(t, 2);
            steps += 1;
        }
        assert_eq!(steps, 6);
        assert!(s.head[..3].iter().all(|&h| h <= 3));
        assert_eq!(s.head[..3].iter().filter(|&&h| h == 3).count(), 1);
        assert_eq!(word_hash("The1"), word_hash("the7"));
    }
}
