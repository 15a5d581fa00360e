//! Brown clusters of cased word forms (Koo, Carreras & Collins 2008): each
//! word's leaf in a binary merge tree of words with similar contexts, so that
//! prefixes of the bit path are coarser classes (4 and 6 bits are syntactic
//! ones, the full path nearly semantic).
//!
//! The clusters come from `crates/tagger/data/wordstats.tsv.gz`
//! (`word<TAB>cluster<TAB>logprob`, from MIT `spacy-lookups-data`; see that
//! directory's README), where the path is stored first-bit-lowest: its first
//! `k` bits are the value's `k` low bits, and 0 means no cluster. A word is
//! looked up by its exact form first, then by its lower-cased form (digits
//! folded, as in the other word features). The parser model embeds the table.
//! Format (inside the model file, after the word classes of `clusters.rs`):
//!
//! ```text
//! u32    number of keys n (0 = the model uses no Brown clusters; nothing follows)
//! u8     template groups in use (bit mask, see `features.rs`)
//! n      keys (upper 32 bits of a word hash, non-zero), ascending, as varint gaps
//! n      values, varints: the path, bit 31 set on a lower-cased form whose
//!        cased forms have keys of their own (look those up first)
//! ```
//!
//! Keys of lower-cased forms are the parser's word hash; keys of exact forms
//! are a case-sensitive hash, and only forms whose cluster differs from that
//! of their lower-cased form get one.

use crate::clusters::{key, read_sorted_keys, write_sorted_keys};
use crate::model::{read_varint, write_varint};
use crate::state::word_hash;
use crate::Error;
use std::collections::HashMap;
use std::io::BufRead;
use std::path::Path;

/// Template groups (bits of [`Brown::groups`]).
pub(crate) const G_SINGLE: u8 = 1;
pub(crate) const G_PAIR: u8 = 2;
pub(crate) const G_LABEL: u8 = 4;
pub(crate) const G_CHILD: u8 = 8;
pub(crate) const G_FULL: u8 = 16;
/// Not templates: words without a cluster get a class by their shape
/// (see [`Brown::classes`]) instead of all sharing "none".
pub(crate) const G_SHAPE: u8 = 32;

/// Not templates: a word without a cluster is a class of its own (its
/// hash), so that its cluster features are as unseen as the word is (words
/// missing from the clusters are often names: Putin, Obama, Hamas).
pub(crate) const G_OWN: u8 = 64;

/// Class of a word without a cluster, by shape: lower-case, capitalised,
/// all capitals, with a digit, other. Above any path, which has at most 31 bits.
fn shape_class(w: &str) -> u32 {
    let mut chars = w.chars();
    let first = chars.next().unwrap_or(' ');
    let shape = if w.chars().any(|c| c.is_ascii_digit()) {
        3
    } else if first.is_uppercase() {
        if w.chars().any(char::is_lowercase) {
            1
        } else if w.chars().count() > 1 {
            2
        } else {
            1
        }
    } else if first.is_lowercase() {
        0
    } else {
        4
    };
    0xffff_ff00 | shape
}

/// Word hash -> Brown path, an open-addressing table.
#[derive(Clone, Default)]
pub(crate) struct Brown {
    /// Per slot: key (upper 32 bits; 0 = empty) and value (lower 32 bits:
    /// the path, with [`CASED`] set on a lower-cased form some of whose
    /// cased forms have keys of their own), so one probe reads one word.
    slots: Vec<u64>,
    len: usize,
    /// Which template groups the model uses (0 with an empty table).
    pub groups: u8,
}

/// Flag on the value of a lower-cased form: look up the exact form first.
const CASED: u32 = 1 << 31;

impl std::fmt::Debug for Brown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Brown")
            .field("keys", &self.len)
            .field("groups", &self.groups)
            .finish_non_exhaustive()
    }
}

/// Case-sensitive hash of a word form (digits kept), for exact-form keys.
#[inline]
pub(crate) fn cased_hash(w: &str) -> u64 {
    let mut h: u64 = 0x84222325_cbf29ce4;
    for &b in w.as_bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

impl Brown {
    /// Whether the table is empty (the model uses no Brown clusters).
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    #[inline]
    fn find(&self, k: u32) -> Option<u32> {
        let mask = self.slots.len() - 1;
        let mut i = k as usize & mask;
        loop {
            let at = self.slots[i];
            let ak = (at >> 32) as u32;
            if ak == k {
                return Some(at as u32);
            }
            if ak == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// The path of word `w` whose (lower-cased) feature hash is `lower`; 0 if
    /// unknown. The exact form's entry wins over the lower-cased form's; most
    /// words need one probe, as their lower-cased form has no cased rival.
    #[inline]
    pub fn get(&self, w: &str, lower: u64) -> u32 {
        if self.len == 0 {
            return 0;
        }
        match self.find(key(lower)) {
            Some(v) if v & CASED == 0 => v,
            Some(v) => self.find(key(cased_hash(w))).unwrap_or(v & !CASED),
            None => self.find(key(cased_hash(w))).unwrap_or(0),
        }
    }

    /// The features' classes of word `w` (lower-cased hash `lower`): path
    /// prefixes of 4 and 6 bits and the full path; if the word has no
    /// cluster, its own class ([`G_OWN`]) or its shape's ([`G_SHAPE`]), or 0.
    #[inline]
    pub fn classes(&self, w: &str, lower: u64) -> [u32; 3] {
        let c = self.get(w, lower);
        if c == 0 && self.groups & G_OWN != 0 {
            // Above any path, which has at most 31 bits.
            return [(lower >> 32) as u32 | CASED; 3];
        }
        if c == 0 && self.groups & G_SHAPE != 0 {
            return [shape_class(w); 3];
        }
        [c & 15, c & 63, c]
    }

    /// Builds the table from (key, value) pairs; the first of equal keys wins.
    fn build(entries: &[(u32, u32)], groups: u8) -> Brown {
        let n = (entries.len() * 2).next_power_of_two().max(16);
        let mut b = Brown {
            slots: vec![0; n],
            len: 0,
            groups,
        };
        for &(k, v) in entries {
            let mut i = k as usize & (n - 1);
            while b.slots[i] != 0 && (b.slots[i] >> 32) as u32 != k {
                i = (i + 1) & (n - 1);
            }
            if b.slots[i] == 0 {
                b.slots[i] = u64::from(k) << 32 | u64::from(v);
                b.len += 1;
            }
        }
        b
    }

    /// Reads `word<TAB>cluster[<TAB>logprob]` lines (gzip-compressed if the
    /// name ends in `.gz`; `#` starts a comment); words with cluster 0 are
    /// skipped, and so are those whose `logprob` (`round(10 ln p)`) is below
    /// `min_logprob` if that is given (rare words cost table space, and so
    /// cache misses, more than they gain). `groups` picks the template groups
    /// (non-zero).
    ///
    /// # Errors
    /// The file cannot be read, or a line is malformed (`path:line`).
    pub fn from_tsv(path: &Path, groups: u8, min_logprob: Option<i32>) -> Result<Brown, Error> {
        let reader = crate::clusters::open_table(path)?;
        let mut words = Vec::new();
        for (no, line) in reader.lines().enumerate() {
            let line = line.map_err(|e| Error::io(path, e))?;
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut cols = line.split('\t');
            let word = cols.next().unwrap_or_default().to_owned();
            let v = cols.next().unwrap_or_default();
            let c: u32 = v
                .trim()
                .parse()
                .ok()
                .filter(|&c| c < CASED)
                .ok_or_else(|| Error::Table {
                    path: path.to_path_buf(),
                    line: no + 1,
                    message: format!("cluster {v:?} is not a number below 2^31"),
                })?;
            if let Some(min) = min_logprob {
                let v = cols.next().unwrap_or_default();
                let lp: i32 = v.trim().parse().map_err(|_| Error::Table {
                    path: path.to_path_buf(),
                    line: no + 1,
                    message: format!("log-probability {v:?} is not a number"),
                })?;
                if lp < min {
                    continue;
                }
            }
            if c != 0 {
                words.push((word, c));
            }
        }
        // Lower-cased forms first (the first of forms that fold alike wins),
        // then the exact forms whose lookup would otherwise go wrong.
        let mut lower: HashMap<u32, u32> = HashMap::new();
        for (w, c) in &words {
            if *w == w.to_lowercase() {
                lower.entry(key(word_hash(w))).or_insert(*c);
            }
        }
        let mut exact: HashMap<u32, u32> = HashMap::new();
        for (w, c) in &words {
            let lk = key(word_hash(w));
            if lower.get(&lk).is_some_and(|l| l & !CASED != *c) {
                lower.entry(lk).and_modify(|l| *l |= CASED);
            }
            if lower.get(&lk).map(|l| l & !CASED) != Some(*c) {
                exact.entry(key(cased_hash(w))).or_insert(*c);
            }
        }
        // Exact keys go in first so that they win a (rare) key collision.
        let mut entries: Vec<(u32, u32)> = exact.into_iter().collect();
        entries.sort_unstable();
        let mut low: Vec<(u32, u32)> = lower.into_iter().collect();
        low.sort_unstable();
        entries.extend(low);
        Ok(Brown::build(&entries, groups.max(1)))
    }

    /// Appends the table in the format of the module docs.
    pub fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&(self.len as u32).to_le_bytes());
        if self.len == 0 {
            return;
        }
        out.push(self.groups);
        let mut pairs: Vec<(u32, u32)> = self
            .slots
            .iter()
            .filter(|&&x| x != 0)
            .map(|&x| ((x >> 32) as u32, x as u32))
            .collect();
        pairs.sort_unstable();
        write_sorted_keys(out, pairs.iter().map(|p| p.0));
        for &(_, v) in &pairs {
            write_varint(out, u64::from(v));
        }
    }

    /// Reads what [`Brown::write`] wrote. `take(n)` yields the next `n` bytes.
    pub fn read<'a>(
        mut take: impl FnMut(usize) -> Result<&'a [u8], Error>,
    ) -> Result<Brown, Error> {
        let corrupt = |m: String| Error::Corrupt(format!("Brown clusters: {m}"));
        let b = take(4)?;
        let n = u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize;
        if n == 0 {
            return Ok(Brown::default());
        }
        if n > 1 << 24 {
            return Err(corrupt(format!("{n} words is too many")));
        }
        let groups = take(1)?[0];
        let keys = read_sorted_keys(n, &mut take, &corrupt)?;
        let mut varint = || {
            read_varint(|| Ok::<u8, Error>(take(1)?[0]))?
                .filter(|&v| v <= u64::from(u32::MAX))
                .ok_or_else(|| corrupt("bad varint".into()))
        };
        let mut entries = Vec::with_capacity(n);
        for k in keys {
            entries.push((k, varint()? as u32));
        }
        Ok(Brown::build(&entries, groups))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write_tsv(name: &str, text: &str) -> std::path::PathBuf {
        crate::clusters::write_temp_table("brown", name, text)
    }

    fn lookup(b: &Brown, w: &str) -> u32 {
        b.get(w, word_hash(w))
    }

    #[test]
    fn exact_form_first_then_lower_case_and_round_trip() {
        let p = write_tsv(
            "ok",
            "Apple\t77\t-100\napple\t12\t-90\nattack\t5477\t-93\nAttack\t5477\t-119\nUS\t40\t-80\nus\t9\t-70\n1990\t33\t-99\nnone\t0\t-50\n",
        );
        let b = Brown::from_tsv(&p, G_SINGLE, None).unwrap();
        let _ = std::fs::remove_file(&p);
        assert_eq!(lookup(&b, "Apple"), 77);
        assert_eq!(lookup(&b, "apple"), 12);
        assert_eq!(
            lookup(&b, "APPLE"),
            12,
            "falls back to the lower-cased form"
        );
        assert_eq!(lookup(&b, "Attack"), 5477);
        assert_eq!(lookup(&b, "US"), 40);
        assert_eq!(lookup(&b, "Us"), 9);
        assert_eq!(lookup(&b, "2024"), 33, "digits fold in the fallback");
        assert_eq!(lookup(&b, "none"), 0);
        assert_eq!(lookup(&b, "zzyzx"), 0);
        // Only "Apple" and "US" need exact keys.
        assert_eq!(b.len, 6);
        assert_eq!(
            b.find(key(word_hash("attack"))),
            Some(5477),
            "no cased rival"
        );
        let mut out = Vec::new();
        b.write(&mut out);
        let mut at = 0;
        let b2 = Brown::read(|n| {
            let s = out.get(at..at + n).ok_or(Error::Corrupt("short".into()));
            at += n;
            s
        })
        .unwrap();
        assert_eq!(at, out.len());
        assert_eq!(b2.groups, G_SINGLE);
        for w in ["Apple", "apple", "APPLE", "US", "Us", "1990", "none", "x"] {
            assert_eq!(lookup(&b2, w), lookup(&b, w), "{w}");
        }
        for cut in 0..out.len() {
            let mut at = 0;
            let r = Brown::read(|n| {
                let s = out[..cut]
                    .get(at..at + n)
                    .ok_or(Error::Corrupt("short".into()));
                at += n;
                s
            });
            assert!(r.is_err(), "cut {cut}");
        }
        assert_eq!(lookup(&Brown::default(), "apple"), 0);
        // Unknown words: one class for all, or one per shape.
        assert_eq!(b.classes("Gondor", word_hash("Gondor")), [0; 3]);
        assert_eq!(
            b.classes("attack", word_hash("attack")),
            [5, 5477 & 63, 5477]
        );
        let mut b = b;
        b.groups |= G_SHAPE;
        let shape = |w: &str| b.classes(w, word_hash(w))[0];
        assert_eq!(shape("attack"), 5);
        assert_ne!(shape("Gondor"), shape("gondor"));
        assert_ne!(shape("Gondor"), shape("GONDOR"));
        assert_eq!(shape("Gondor"), shape("Osgiliath"));
        assert_eq!(shape("B52s"), shape("F16s"));
        b.groups |= G_OWN;
        let own = |w: &str| b.classes(w, word_hash(w))[2];
        assert_eq!(own("attack"), 5477);
        assert_ne!(own("Gondor"), own("Osgiliath"));
        assert_eq!(own("Gondor"), own("GONDOR"));
    }

    #[test]
    fn bad_lines_name_the_line() {
        let p = write_tsv("bad", "a\t1\t2\nb\tx\t3\n");
        let e = Brown::from_tsv(&p, 1, None).unwrap_err().to_string();
        assert!(e.contains(":2:") && e.contains("cluster"), "{e}");
        let p2 = write_tsv("rare", "a\t1\t-20\nb\t2\t-999\nc\t3\n");
        let e = Brown::from_tsv(&p2, 1, Some(-100)).unwrap_err().to_string();
        assert!(e.contains(":3:") && e.contains("log-probability"), "{e}");
        let _ = std::fs::remove_file(&p);
        let _ = std::fs::remove_file(&p2);
    }
}
