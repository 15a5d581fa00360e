//! Word clusters (Koo et al. 2008): distributional word classes at three
//! granularities (16, 256 and 2048 classes, each a refinement of the one
//! before), so that features generalise from the words of the treebank to
//! words with similar contexts elsewhere.
//!
//! The classes come from `crates/tagger/data/clusters.tsv.gz` (hierarchical
//! k-means of CC0 static word vectors; see that directory's README). The
//! parser model embeds what it needs: a table from the feature hash of a word
//! (lower-cased, digits folded) to its finest class, and each fine class's
//! coarser ones. Format (inside the model file, after the info string):
//!
//! ```text
//! u32    number of words (0 = the model uses no clusters; nothing follows)
//! u16    number of fine classes F
//! F x u8 middle class of each fine class, then F x u8 coarse class
//! n      keys (upper 32 bits of the word hash, non-zero), ascending, as varint gaps
//! n x u16 fine class of each key (LE)
//! ```

use crate::brown::Brown;
use crate::model::{read_varint, write_varint};
use crate::state::word_hash;
use crate::Error;
use std::io::{BufRead, BufReader};
use std::path::Path;

/// The word-class tables a model embeds (either may be empty): the k-means
/// classes of this module and the Brown clusters of `brown.rs`.
#[derive(Clone, Debug, Default)]
pub(crate) struct WordClasses {
    pub kmeans: Clusters,
    pub brown: Brown,
}

/// Class id of a word the table does not know.
pub(crate) const UNKNOWN: u16 = 0xffff;

/// The three classes of one word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Classes {
    pub coarse: u16,
    pub mid: u16,
    pub fine: u16,
}

impl Classes {
    pub const UNKNOWN: Classes = Classes::all(UNKNOWN);

    pub const fn all(id: u16) -> Classes {
        Classes {
            coarse: id,
            mid: id,
            fine: id,
        }
    }
}

/// Word hash -> classes, an open-addressing table.
#[derive(Clone, Default)]
pub(crate) struct Clusters {
    /// Key per slot; 0 = empty.
    keys: Vec<u32>,
    fine: Vec<u16>,
    mid_of: Vec<u8>,
    coarse_of: Vec<u8>,
    len: usize,
}

impl std::fmt::Debug for Clusters {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Clusters")
            .field("words", &self.len)
            .field("fine_classes", &self.mid_of.len())
            .finish_non_exhaustive()
    }
}

/// A word table's lines, gunzipped when the file name ends in `.gz`.
pub(crate) fn open_table(path: &Path) -> Result<Box<dyn BufRead>, Error> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    Ok(if path.extension().is_some_and(|e| e == "gz") {
        Box::new(BufReader::new(flate2::read::MultiGzDecoder::new(file)))
    } else {
        Box::new(BufReader::new(file))
    })
}

/// Writes ascending, distinct table keys as varint gaps (what
/// [`read_sorted_keys`] reads).
pub(crate) fn write_sorted_keys(out: &mut Vec<u8>, keys: impl Iterator<Item = u32>) {
    let mut last = 0u32;
    for k in keys {
        write_varint(out, u64::from(k - last));
        last = k;
    }
}

/// Reads `n` keys written by [`write_sorted_keys`]; `corrupt` names the table
/// in the error.
pub(crate) fn read_sorted_keys<'a>(
    n: usize,
    take: &mut impl FnMut(usize) -> Result<&'a [u8], Error>,
    corrupt: &impl Fn(String) -> Error,
) -> Result<Vec<u32>, Error> {
    let mut keys = Vec::with_capacity(n);
    let mut last = 0u64;
    for _ in 0..n {
        let gap = read_varint(|| Ok::<u8, Error>(take(1)?[0]))?
            .ok_or_else(|| corrupt("bad varint".into()))?;
        last = last.saturating_add(gap);
        if gap == 0 || last > u64::from(u32::MAX) {
            return Err(corrupt(format!("key {last} out of order")));
        }
        keys.push(last as u32);
    }
    Ok(keys)
}

/// The table key of a word hash: its upper half, never 0.
#[inline]
pub(crate) fn key(h: u64) -> u32 {
    ((h >> 32) as u32).max(1)
}

impl Clusters {
    /// Whether the table is empty (the model uses no clusters).
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The classes of the word whose feature hash is `h`.
    #[inline]
    pub fn get(&self, h: u64) -> Classes {
        if self.len == 0 {
            return Classes::UNKNOWN;
        }
        let k = key(h);
        let mask = self.keys.len() - 1;
        let mut i = k as usize & mask;
        loop {
            let at = self.keys[i];
            if at == k {
                let f = self.fine[i];
                return Classes {
                    coarse: u16::from(self.coarse_of[usize::from(f)]),
                    mid: u16::from(self.mid_of[usize::from(f)]),
                    fine: f,
                };
            }
            if at == 0 {
                return Classes::UNKNOWN;
            }
            i = (i + 1) & mask;
        }
    }

    /// Builds the table from distinct (key, fine class) pairs. A key is half of
    /// a well-mixed hash, so its low bits pick its slot.
    fn build(entries: &[(u32, u16)], mid_of: Vec<u8>, coarse_of: Vec<u8>) -> Clusters {
        let slots = (entries.len() * 2).next_power_of_two().max(16);
        let mut c = Clusters {
            keys: vec![0; slots],
            fine: vec![0; slots],
            mid_of,
            coarse_of,
            len: 0,
        };
        for &(k, f) in entries {
            let mut i = k as usize & (slots - 1);
            while c.keys[i] != 0 && c.keys[i] != k {
                i = (i + 1) & (slots - 1);
            }
            if c.keys[i] == 0 {
                c.keys[i] = k;
                c.fine[i] = f;
                c.len += 1;
            }
        }
        c
    }

    /// Reads `word<TAB>c16<TAB>c256<TAB>c2048[<TAB>...]` lines (gzip-compressed
    /// if the name ends in `.gz`; `#` starts a comment). Words that hash alike
    /// (digits are folded) keep the class of the first.
    ///
    /// # Errors
    /// The file cannot be read, or a line is malformed (`path:line`), or a fine
    /// class sits in two coarser ones.
    pub fn from_tsv(path: &Path) -> Result<Clusters, Error> {
        let reader = open_table(path)?;
        let bad = |line: usize, message: String| Error::Table {
            path: path.to_path_buf(),
            line,
            message,
        };
        let mut mid_of = vec![0u8; 2048];
        let mut coarse_of = vec![0u8; 2048];
        let mut set = vec![false; 2048];
        let mut seen = std::collections::HashSet::new();
        let mut entries = Vec::new();
        for (no, line) in reader.lines().enumerate() {
            let line = line.map_err(|e| Error::io(path, e))?;
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut cols = line.split('\t');
            let word = cols.next().unwrap_or_default();
            let mut num = |what: &str, max: usize| -> Result<usize, Error> {
                let v = cols
                    .next()
                    .ok_or_else(|| bad(no + 1, format!("missing column {what}")))?;
                v.trim()
                    .parse::<usize>()
                    .ok()
                    .filter(|&x| x < max)
                    .ok_or_else(|| bad(no + 1, format!("{what} {v:?} is not a number below {max}")))
            };
            let coarse = num("c16", 256)?;
            let mid = num("c256", 256)?;
            let fine = num("c2048", 2048)?;
            let known = (mid_of[fine], coarse_of[fine]);
            if set[fine] && known != (mid as u8, coarse as u8) {
                return Err(bad(
                    no + 1,
                    format!(
                        "class {fine} is in classes {mid}/{coarse} here and {}/{} before",
                        known.0, known.1
                    ),
                ));
            }
            set[fine] = true;
            mid_of[fine] = mid as u8;
            coarse_of[fine] = coarse as u8;
            let k = key(word_hash(word));
            if seen.insert(k) {
                entries.push((k, fine as u16));
            }
        }
        let n = set.iter().rposition(|&b| b).map_or(0, |i| i + 1);
        mid_of.truncate(n);
        coarse_of.truncate(n);
        Ok(Clusters::build(&entries, mid_of, coarse_of))
    }

    /// Appends the table in the format of the module docs.
    pub fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&(self.len as u32).to_le_bytes());
        if self.len == 0 {
            return;
        }
        out.extend_from_slice(&(self.mid_of.len() as u16).to_le_bytes());
        out.extend_from_slice(&self.mid_of);
        out.extend_from_slice(&self.coarse_of);
        let mut pairs: Vec<(u32, u16)> = self
            .keys
            .iter()
            .zip(&self.fine)
            .filter(|(&k, _)| k != 0)
            .map(|(&k, &f)| (k, f))
            .collect();
        pairs.sort_unstable();
        write_sorted_keys(out, pairs.iter().map(|p| p.0));
        for &(_, f) in &pairs {
            out.extend_from_slice(&f.to_le_bytes());
        }
    }

    /// Reads what [`Clusters::write`] wrote. `take(n)` yields the next `n` bytes.
    pub fn read<'a>(
        mut take: impl FnMut(usize) -> Result<&'a [u8], Error>,
    ) -> Result<Clusters, Error> {
        let corrupt = |m: String| Error::Corrupt(format!("word clusters: {m}"));
        let b = take(4)?;
        let n = u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize;
        if n == 0 {
            return Ok(Clusters::default());
        }
        if n > 1 << 24 {
            return Err(corrupt(format!("{n} words is too many")));
        }
        let b = take(2)?;
        let classes = usize::from(u16::from_le_bytes([b[0], b[1]]));
        let mid_of = take(classes)?.to_vec();
        let coarse_of = take(classes)?.to_vec();
        let keys = read_sorted_keys(n, &mut take, &corrupt)?;
        let fine = take(2 * n)?;
        let mut entries = Vec::with_capacity(n);
        for (i, &k) in keys.iter().enumerate() {
            let f = u16::from_le_bytes([fine[2 * i], fine[2 * i + 1]]);
            if usize::from(f) >= classes {
                return Err(corrupt(format!("class {f} of {classes}")));
            }
            entries.push((k, f));
        }
        Ok(Clusters::build(&entries, mid_of, coarse_of))
    }
}

/// Writes `text` to a temporary `.tsv` file named after `table` and `name`.
#[cfg(test)]
pub(crate) fn write_temp_table(table: &str, name: &str, text: &str) -> std::path::PathBuf {
    let p = std::env::temp_dir().join(format!(
        "tocsin-parser-{table}-{}-{name}.tsv",
        std::process::id()
    ));
    std::fs::write(&p, text).unwrap();
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write_tsv(name: &str, text: &str) -> std::path::PathBuf {
        write_temp_table("clusters", name, text)
    }

    #[test]
    fn reads_looks_up_and_round_trips() {
        let p = write_tsv(
            "ok",
            "# word\tc16\tc256\tc2048\trow\nattack\t3\t40\t700\t5\nstrike\t3\t40\t700\t6\npeace\t1\t17\t139\t7\n1990\t2\t5\t9\t8\n",
        );
        let c = Clusters::from_tsv(&p).unwrap();
        let _ = std::fs::remove_file(&p);
        let want = Classes {
            coarse: 3,
            mid: 40,
            fine: 700,
        };
        // Lookups go through the parser's word hash: case and digits fold.
        assert_eq!(c.get(word_hash("Attack")), want);
        assert_eq!(c.get(word_hash("STRIKE")), want);
        assert_eq!(c.get(word_hash("2024")).fine, 9);
        assert_eq!(c.get(word_hash("zzyzx")), Classes::UNKNOWN);
        let mut out = Vec::new();
        c.write(&mut out);
        let mut at = 0;
        let c2 = Clusters::read(|n| {
            let s = out.get(at..at + n).ok_or(Error::Corrupt("short".into()));
            at += n;
            s
        })
        .unwrap();
        assert_eq!(at, out.len());
        for w in ["attack", "strike", "peace", "1990", "zzyzx"] {
            assert_eq!(c2.get(word_hash(w)), c.get(word_hash(w)), "{w}");
        }
        // Truncated tables are errors, not panics.
        for cut in 0..out.len() {
            let mut at = 0;
            let r = Clusters::read(|n| {
                let s = out[..cut]
                    .get(at..at + n)
                    .ok_or(Error::Corrupt("short".into()));
                at += n;
                s
            });
            assert!(r.is_err(), "cut {cut}");
        }
        assert!(Clusters::default().get(word_hash("attack")) == Classes::UNKNOWN);
    }

    #[test]
    fn bad_lines_name_the_line() {
        let p = write_tsv("bad", "a\t1\t2\t3\nb\t1\tx\t3\n");
        let e = Clusters::from_tsv(&p).unwrap_err().to_string();
        let _ = std::fs::remove_file(&p);
        assert!(e.contains(":2:") && e.contains("c256"), "{e}");
        let p = write_tsv("inconsistent", "a\t1\t2\t3\nb\t1\t4\t3\n");
        let e = Clusters::from_tsv(&p).unwrap_err().to_string();
        let _ = std::fs::remove_file(&p);
        assert!(e.contains(":2:") && e.contains("class 3"), "{e}");
    }
}
