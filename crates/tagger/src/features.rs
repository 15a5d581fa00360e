//! Feature extraction, shared by training and inference so the two can never
//! disagree.
//!
//! Every feature is a 64-bit hash of (template, value). Word-level values (the
//! lowercased form, its prefixes and suffixes, its shape) are hashed once per
//! token into a [`WordInfo`], with what the model's word table says of the word
//! (lexicon classes, distributional cluster: one lookup per word, cached per
//! thread by the tagger); the templates then combine those values, so
//! extracting the features of a token allocates nothing and reads each
//! character of the sentence once.

use crate::model::HashIndex;

/// FNV-1a offset basis and prime: a simple, stable string hash.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// Number of features that depend only on the words.
pub(crate) const N_STATIC: usize = N_WORD + N_CONTEXT;
/// Number of features that depend on the tags already predicted to the left.
pub(crate) const N_DYNAMIC: usize = 8;
/// Number of features of the second pass that depend on the first pass's tags
/// to the right.
pub(crate) const N_RIGHT: usize = 10;
/// Total features of one token in the first pass.
pub(crate) const N_FEATS: usize = N_STATIC + N_DYNAMIC;
/// Total features of one token in the second pass.
pub(crate) const N_FEATS2: usize = N_FEATS + N_RIGHT;

/// The tag value used for positions before the sentence start.
pub(crate) const START_TAG: u64 = 0xffff_0001;

/// The splitmix64 finaliser: spreads the bits of a value over the whole word.
#[inline]
pub(crate) fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Key of template `t` with value `v`.
#[inline]
fn key(t: u64, v: u64) -> u64 {
    mix(v ^ t.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

/// Key of template `t` with the pair of values `(a, b)`.
#[inline]
fn key2(t: u64, a: u64, b: u64) -> u64 {
    mix(a.rotate_left(23)
        ^ b.wrapping_mul(0xff51_afd7_ed55_8ccd)
        ^ t.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

#[inline]
fn fnv(h: u64, c: char) -> u64 {
    (h ^ u64::from(u32::from(c))).wrapping_mul(FNV_PRIME)
}

#[inline]
fn lower(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

/// The hashed word-level values of one token.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct WordInfo {
    /// The form as written (the tag dictionary's key).
    pub exact: u64,
    /// The lowercased form.
    pub lower: u64,
    /// Lowercased prefixes of 1..=3 characters.
    pub pre: [u64; 3],
    /// Lowercased suffixes of 1..=4 characters.
    pub suf: [u64; 4],
    /// The shape with runs collapsed: "Xx", "d.d", "x-x", ...
    pub shape: u64,
    /// Orthographic flags and a length bucket, packed.
    pub flags: u64,
    /// Lexicon classes of the word and of its likely stems ([`lex_bits`]);
    /// 0 for tag-dictionary words, whose own features are never scored.
    pub lex: u64,
    /// The word's distributional classes ([`CLUSTER_SHIFT`]), looked up for
    /// every word (tag-dictionary words too: their neighbours read them).
    /// Odd: bits 1..=11 the finest cluster (bits above reserved); even: no
    /// classes (0) or a sentence-boundary stand-in.
    pub clus: u32,
    /// Statistics of the form as written ([`form_bits`]): Brown cluster,
    /// unigram log-probability bucket, and how its case compares with the
    /// lowercased form's; 0 when the form is not in the word table, and
    /// [`PAD_FORM`] set for the sentence-boundary stand-ins.
    pub form: u32,
    /// The word's class in the tag dictionary, or [`NO_DICT`].
    pub dict: u8,
}

impl WordInfo {
    /// The word's cluster at one of the granularities 16, 256 and 2048
    /// (`shift` 7, 3 or 0), or a value of its own for words without one.
    #[inline]
    pub(crate) fn cluster(&self, shift: u32) -> u64 {
        if self.clus & 1 == 0 {
            u64::from(self.clus) | 1 << 40
        } else {
            u64::from((self.clus >> 1 & 0x7ff) >> shift)
        }
    }
}

impl WordInfo {
    /// The first `bits` bits of the form's Brown-cluster path (0: no
    /// cluster), or a value of its own for the sentence-boundary stand-ins.
    #[inline]
    pub(crate) fn brown(&self, bits: u32) -> u64 {
        if self.form & PAD_FORM != 0 {
            u64::from(self.form) | 1 << 40
        } else {
            u64::from(self.form & BROWN_MASK & ((1 << bits) - 1))
        }
    }

    /// The form's case evidence: 0 for lowercase or unknown forms, 1..=15 for
    /// `ln p(form) - ln p(lowercased form)` rounded and clamped to -7..=7 (+8),
    /// 16 for a capitalised form whose lowercase is unknown; the boundary
    /// stand-ins have values of their own.
    #[inline]
    pub(crate) fn case(&self) -> u64 {
        u64::from(self.form >> CASE_SHIFT)
    }

    /// The form's log-probability bucket (see [`form_bits`]) with its case evidence.
    #[inline]
    pub(crate) fn freq_case(&self) -> u64 {
        u64::from(self.form >> PROB_SHIFT)
    }
}

/// Bits of [`WordInfo::form`] holding the Brown cluster (the path stored
/// first-bit-lowest, so a prefix of `k` bits is the `k` low bits).
pub(crate) const BROWN_MASK: u32 = (1 << 20) - 1;
/// Where the log-probability bucket starts in [`WordInfo::form`] (5 bits).
pub(crate) const PROB_SHIFT: u32 = 20;
/// Where the case evidence starts in [`WordInfo::form`] (5 bits).
pub(crate) const CASE_SHIFT: u32 = 25;
/// Marks the sentence-boundary stand-ins' [`WordInfo::form`].
pub(crate) const PAD_FORM: u32 = 1 << 31;

/// The word-table value of a form with Brown cluster `brown` (0: none),
/// natural-log unigram probability `logprob` and, for a form with capitals,
/// `lower_logprob`, that of its lowercased form (`None`: unknown).
pub(crate) fn form_bits(
    brown: u32,
    logprob: Option<f64>,
    lower_logprob: Option<f64>,
    has_upper: bool,
) -> u32 {
    let prob = logprob.map_or(0, |p| (-p).round().clamp(1.0, 31.0) as u32);
    let case = match (has_upper, logprob, lower_logprob) {
        (false, _, _) | (true, None, _) => 0,
        (true, Some(_), None) => 16,
        (true, Some(p), Some(l)) => ((p - l).round().clamp(-7.0, 7.0) + 8.0) as u32,
    };
    (brown & BROWN_MASK) | prob << PROB_SHIFT | case << CASE_SHIFT
}

/// Key of a form's entry in the word table: the form's exact hash, salted so
/// that it never meets the lowercase-word keys (a lowercase word's exact and
/// lowercase hashes are equal).
#[inline]
pub(crate) fn form_key(exact: u64) -> u64 {
    exact ^ 0x5a17_f0e5_c0de_d00d
}

/// Hash of a form as written, as [`word_info`] computes it.
pub(crate) fn exact_hash(w: &str) -> u64 {
    w.chars().fold(FNV_OFFSET, fnv)
}

/// [`WordInfo::dict`] of a word outside the tag dictionary (classes stop at 254).
pub(crate) const NO_DICT: u8 = u8::MAX;

/// The model's word table maps a lowercase-word hash to lexicon class bits
/// (`LEX_MASK`) and, above [`CLUSTER_SHIFT`], the word's clusters
/// ([`WordInfo::clus`]).
pub(crate) const LEX_MASK: u32 = 15;
/// Where the clusters start in a word-table value.
pub(crate) const CLUSTER_SHIFT: u32 = 4;

/// The word-table bits of a word with finest cluster `c2048` (< 2048; the
/// coarser ones are its top bits).
pub(crate) fn cluster_bits(c2048: u32) -> u32 {
    (1 | (c2048 & 0x7ff) << 1) << CLUSTER_SHIFT
}

/// Lexicon classes, as stored in the model's lexicon (lowercase-word hash -> bits).
pub(crate) const LEX_NOUN: u32 = 1;
pub(crate) const LEX_VERB: u32 = 2;
pub(crate) const LEX_ADJ: u32 = 4;
/// The word is a name (WordNet writes it capitalised): "Tehran", "Marines".
pub(crate) const LEX_NAME: u32 = 8;

/// Hash of a lowercase word as [`word_info`] computes it (for building the lexicon).
pub(crate) fn lower_hash(w: &str) -> u64 {
    w.chars().fold(FNV_OFFSET, |h, c| fnv(h, lower(c)))
}

/// Lexicon evidence for a word, packed: which classes the word itself has
/// (noun, verb, adjective, name), and whether stripping an inflection (-s, -ed,
/// -ing, -er/-est, -ly) leaves a noun, verb, adjective or name. It lets the tagger guess unseen words ("blogged", "bakeries").
///
/// `prefix[k]` is the hash of the word without its last `k` characters and
/// `tail` the last characters lowercased, last first.
/// `own` is the word's own word-table value.
fn lex_bits(lex: &HashIndex, own: u32, prefix: &[u64; 5], tail: &[char; 4]) -> u64 {
    let get = |h: u64| lex.get(h).unwrap_or(0) & LEX_MASK;
    let has = |h: u64, bit: u32| get(h) & bit != 0;
    let ends = |s: &str| {
        s.chars()
            .rev()
            .zip(tail.iter())
            .filter(|(a, b)| a == *b)
            .count()
            == s.len()
    };
    let own = own & LEX_MASK;
    let mut bits = u64::from(own & (LEX_NOUN | LEX_VERB | LEX_ADJ));
    bits |= u64::from(own & LEX_NAME != 0) << 9;
    if ends("s") {
        bits |= u64::from(has(prefix[1], LEX_NOUN)) << 3;
        bits |= u64::from(has(prefix[1], LEX_VERB)) << 4;
        bits |= u64::from(has(prefix[1], LEX_NAME)) << 10;
    }
    if ends("ed") {
        let v = has(prefix[2], LEX_VERB) || has(prefix[1], LEX_VERB);
        bits |= u64::from(v) << 5;
    }
    if ends("ing") {
        let v = has(prefix[3], LEX_VERB) || has(fnv(prefix[3], 'e'), LEX_VERB);
        bits |= u64::from(v) << 6;
    }
    if ends("er") || ends("est") {
        let k = if ends("er") { 2 } else { 3 };
        let a = has(prefix[k], LEX_ADJ) || has(prefix[k - 1], LEX_ADJ);
        bits |= u64::from(a) << 7;
    }
    if ends("ly") {
        bits |= u64::from(has(prefix[2], LEX_ADJ)) << 8;
    }
    bits
}

/// Stand-ins for the words before the start and after the end of a sentence.
pub(crate) const START_WORD: WordInfo = pad_word(0x5354_4152_5400);
pub(crate) const END_WORD: WordInfo = pad_word(0x454e_4400);

const fn pad_word(v: u64) -> WordInfo {
    WordInfo {
        exact: v,
        lower: v,
        pre: [v; 3],
        suf: [v; 4],
        shape: v,
        flags: v,
        lex: v,
        // Even, so never a cluster (see `WordInfo::clus`).
        clus: (v as u32) & !1,
        form: PAD_FORM | ((v >> 8) as u32 & 0xffff),
        dict: NO_DICT,
    }
}

/// Hashes the word-level values of `w`.
///
/// With `tagdict`, a word found in it gets its class in [`WordInfo::dict`] and
/// skips the lexicon lookups of its stems (its own entry is still read, for
/// its clusters).
pub(crate) fn word_info(w: &str, lex: &HashIndex, tagdict: Option<&HashIndex>) -> WordInfo {
    // Hashes of the lowercased prefix without its last 0..=4 characters.
    let mut prefix = [FNV_OFFSET; 5];
    let mut exact = FNV_OFFSET;
    let mut low = FNV_OFFSET;
    let mut pre = [0u64; 3];
    let mut shape = FNV_OFFSET;
    let mut last_class = '\0';
    let mut n = 0usize;
    let (mut digit, mut hyphen, mut upper, mut lowc, mut period, mut other) =
        (false, false, false, false, false, false);
    let mut first_upper = false;
    for c in w.chars() {
        exact = fnv(exact, c);
        low = fnv(low, lower(c));
        prefix.copy_within(0..4, 1);
        prefix[0] = low;
        if n < 3 {
            pre[n] = low;
        }
        let class = if c.is_ascii_digit() {
            digit = true;
            'd'
        } else if c.is_uppercase() {
            upper = true;
            if n == 0 {
                first_upper = true;
            }
            'X'
        } else if c.is_lowercase() {
            lowc = true;
            'x'
        } else if c.is_alphabetic() {
            lowc = true;
            'a'
        } else {
            match c {
                '-' => hyphen = true,
                '.' => period = true,
                _ => other = true,
            }
            if c.is_ascii() {
                c
            } else {
                'o'
            }
        };
        if class != last_class {
            shape = fnv(shape, class);
            last_class = class;
        }
        n += 1;
    }
    for p in pre.iter_mut().skip(n) {
        *p = low;
    }
    let mut suf = [low; 4];
    let mut h = FNV_OFFSET;
    let mut tail = ['\0'; 4];
    for (k, c) in w.chars().rev().take(4).enumerate() {
        let c = lower(c);
        h = fnv(h, c);
        suf[k] = h;
        tail[k] = c;
    }
    if n < 5 {
        // Stems shorter than one character are never in the lexicon.
        for p in prefix.iter_mut().skip(n.max(1)) {
            *p = 0;
        }
    }
    let dict = tagdict
        .and_then(|t| t.get(exact))
        .map_or(NO_DICT, |c| c.min(u32::from(NO_DICT)) as u8);
    let own = if n > 0 {
        lex.get(prefix[0]).unwrap_or(0)
    } else {
        0
    };
    let lex_value = if n > 0 && dict == NO_DICT {
        lex_bits(lex, own, &prefix, &tail)
    } else {
        0
    };
    let len_bucket: u64 = match n {
        0..=4 => n as u64,
        5..=7 => 5,
        _ => 6,
    };
    let all_upper = upper && !lowc;
    let flags = u64::from(digit)
        | u64::from(hyphen) << 1
        | u64::from(upper) << 2
        | u64::from(all_upper) << 3
        | u64::from(first_upper) << 4
        | u64::from(period) << 5
        | u64::from(other) << 6
        | len_bucket << 8;
    WordInfo {
        exact,
        lower: low,
        pre,
        suf,
        shape,
        flags,
        lex: lex_value,
        clus: own >> CLUSTER_SHIFT,
        form: if n > 0 {
            lex.get(form_key(exact)).unwrap_or(0) & !PAD_FORM
        } else {
            0
        },
        dict,
    }
}

#[inline]
fn at(words: &[WordInfo], i: isize) -> &WordInfo {
    if i < 0 {
        &START_WORD
    } else {
        words.get(i as usize).unwrap_or(&END_WORD)
    }
}

/// Writes the word-only features of token `i` into `out`: those of the word
/// itself ([`word_features`]), then those of its neighbours and position
/// ([`context_features`]). Weights are kept sorted by key, so the order of
/// features does not change a trained model.
pub(crate) fn static_features(words: &[WordInfo], i: usize, out: &mut [u64; N_STATIC]) {
    let (mut w, mut c) = ([0u64; N_WORD], [0u64; N_CONTEXT]);
    word_features(at(words, i as isize), &mut w);
    context_features(words, i, &mut c);
    out[..N_WORD].copy_from_slice(&w);
    out[N_WORD..].copy_from_slice(&c);
}

/// Number of [`static_features`] that depend on the word alone (not on its
/// neighbours or position): their summed weights can be cached per word.
pub(crate) const N_WORD: usize = 22;
/// Number of [`static_features`] that depend on the neighbours or position.
pub(crate) const N_CONTEXT: usize = 18;

/// The subset of [`static_features`] that depends on `w` alone, so the summed
/// weights of a word can be reused wherever it occurs. With
/// [`context_features`] it yields exactly the keys of [`static_features`].
pub(crate) fn word_features(w: &WordInfo, out: &mut [u64; N_WORD]) {
    *out = [
        key(0, 0),
        key(1, w.lower),
        key(2, w.suf[0]),
        key(3, w.suf[1]),
        key(4, w.suf[2]),
        key(5, w.suf[3]),
        key(6, w.pre[0]),
        key(7, w.pre[1]),
        key(8, w.pre[2]),
        key(9, w.shape),
        key(10, w.flags),
        key(22, w.exact),
        key(24, w.lex),
        key2(25, w.lex, w.suf[1]),
        key(60, w.cluster(3)),
        key(61, w.cluster(0)),
        key2(63, w.cluster(0), w.suf[1]),
        key(70, w.brown(4)),
        key(71, w.brown(6)),
        key(72, w.brown(10)),
        key(73, w.brown(20)),
        key(74, w.freq_case()),
    ];
}

/// The rest of [`static_features`]: those that read the neighbours or the position.
pub(crate) fn context_features(words: &[WordInfo], i: usize, out: &mut [u64; N_CONTEXT]) {
    let first = i == 0;
    let i = i as isize;
    let w = at(words, i);
    let (p1, p2) = (at(words, i - 1), at(words, i - 2));
    let (n1, n2) = (at(words, i + 1), at(words, i + 2));
    *out = [
        key(11, p1.lower),
        key(12, p2.lower),
        key(13, n1.lower),
        key(14, n2.lower),
        key(15, p1.suf[2]),
        key(16, n1.suf[2]),
        key2(17, p1.lower, w.lower),
        key2(18, w.lower, n1.lower),
        key(19, p1.shape),
        key(20, n1.shape),
        key2(21, p1.lower, n1.lower),
        key2(23, w.flags, u64::from(first)),
        key2(26, w.shape, p1.shape),
        key(64, p1.cluster(0)),
        key(65, n1.cluster(0)),
        key2(76, w.case(), u64::from(first)),
        key(77, p1.brown(6)),
        key(78, n1.brown(6)),
    ];
}

/// Writes the features of token `i` that depend on the two tags to its left
/// (`t1` is the previous tag, `t2` the one before; [`START_TAG`] before the start).
pub(crate) fn dynamic_features(
    words: &[WordInfo],
    i: usize,
    t1: u64,
    t2: u64,
    out: &mut [u64; N_DYNAMIC],
) {
    let i = i as isize;
    let w = at(words, i);
    let n1 = at(words, i + 1);
    *out = [
        key(30, t1),
        key(31, t2),
        key2(32, t1, t2),
        key2(33, t1, w.lower),
        key2(34, t1, n1.lower),
        key2(35, t1, w.suf[2]),
        key2(36, t1, w.lex),
        key2(37, t1, w.cluster(0)),
    ];
}

/// Writes the second-pass features of token `i`: `r1`, `r2` are the first
/// pass's tags of the next two words ([`START_TAG`] past the end), `r0` its tag
/// for the word itself and `t1` the second pass's previous tag.
pub(crate) fn right_features(
    words: &[WordInfo],
    i: usize,
    [r0, r1, r2, t1]: [u64; 4],
    out: &mut [u64; N_RIGHT],
) {
    let w = at(words, i as isize);
    *out = [
        key(50, r1),
        key(51, r2),
        key2(52, r1, r2),
        key2(53, r1, w.lower),
        key2(54, t1, r1),
        key(55, r0),
        key2(56, r0, w.lower),
        key2(57, r1, w.suf[2]),
        key2(58, key2(59, t1, r1), r2),
        key2(68, r1, w.cluster(0)),
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_changes_exact_but_not_lower() {
        let lex = HashIndex::build([(lower_hash("troop"), LEX_NOUN)].into_iter());
        let a = word_info("Troops", &lex, None);
        let b = word_info("troops", &lex, None);
        assert_eq!(a.lex, 1 << 3);
        assert_ne!(a.exact, b.exact);
        assert_eq!(a.lower, b.lower);
        assert_eq!(a.suf, b.suf);
        assert_ne!(a.shape, b.shape);
    }

    #[test]
    fn clusters_come_from_the_word_table_for_every_word() {
        let table = [
            (lower_hash("monday"), cluster_bits(1234)),
            (lower_hash("troop"), LEX_NOUN | cluster_bits(5)),
        ];
        let lex = HashIndex::build(table.into_iter());
        let dict = HashIndex::build([(word_info("Monday", &lex, None).exact, 3)].into_iter());
        // A tag-dictionary word keeps its clusters (its neighbours read them).
        let m = word_info("Monday", &lex, Some(&dict));
        assert_eq!(m.dict, 3);
        assert_eq!(m.lex, 0);
        assert_eq!(
            (m.cluster(0), m.cluster(3), m.cluster(7)),
            (1234, 1234 / 8, 1234 / 128)
        );
        let t = word_info("troop", &lex, None);
        assert_eq!((t.lex, t.cluster(0)), (1, 5));
        // No cluster, sentence start and end are three values of their own.
        let none = word_info("zzzq", &lex, None).cluster(0);
        let (s, e) = (START_WORD.cluster(0), END_WORD.cluster(0));
        assert!(none != s && s != e && none != e && none >= 2048 && s >= 2048 && e >= 2048);
    }

    #[test]
    fn form_statistics_come_from_salted_exact_keys() {
        // Brown path 1,0,1,1,0,1 stored first-bit-lowest.
        let brown = 0b10_1101;
        let table = [
            (
                form_key(exact_hash("Apple")),
                form_bits(brown, Some(-10.2), Some(-10.8), true),
            ),
            (lower_hash("apple"), LEX_NOUN),
        ];
        let lex = HashIndex::build(table.into_iter());
        let a = word_info("Apple", &lex, None);
        assert_eq!(
            (a.brown(4), a.brown(6), a.brown(20)),
            (0b1101, brown.into(), brown.into())
        );
        // ln p differs by +0.6, rounded to +1, stored as 9; log-prob bucket 10.
        assert_eq!(a.case(), 9);
        assert_eq!(a.freq_case(), 9 << 5 | 10);
        // The lowercase form has a word-table entry but no statistics of its own.
        let b = word_info("apple", &lex, None);
        assert_eq!((b.form, b.lex), (0, 1));
        // Sentence-boundary stand-ins differ from each other and from "no cluster".
        let (s, e) = (START_WORD.brown(6), END_WORD.brown(6));
        assert!(s != e && s != 0 && e != 0);
        // Capitalised forms with an unknown lowercase, and clamping.
        assert_eq!(form_bits(0, Some(-15.8), None, true) >> CASE_SHIFT, 16);
        assert_eq!(
            form_bits(0, Some(-3.0), Some(-19.0), true) >> CASE_SHIFT,
            15
        );
        assert_eq!(form_bits(0, Some(-40.0), None, false) >> PROB_SHIFT, 31);
    }

    #[test]
    fn short_and_odd_words_do_not_panic() {
        for w in ["", "a", "\u{0301}", "ǅ", "🙂🙂🙂🙂🙂", "İstanbul"] {
            let _ = word_info(w, &HashIndex::default(), None);
        }
    }
}
