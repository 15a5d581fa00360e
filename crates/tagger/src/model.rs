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
//! weights u32 n features, n x u64 key (sorted), n x u8 entry count,
//!         u32 m entries, m x u8 class, m x i16 weight
//! ```

use crate::Error;
use std::io::Read;
use tocsin_core::{Upos, Xpos};

/// Magic tag at the start of every tagger model.
pub(crate) const MAGIC: &[u8; 8] = b"TSNTAGGR";
/// Version of the layout above; bump it when the layout or the features change.
pub(crate) const FORMAT_VERSION: u32 = 1;

/// An open-addressing map from a 64-bit hash to a `u32`, built once and then
/// only read. Linear probing, load factor at most one half.
#[derive(Clone, Debug, Default)]
pub(crate) struct HashIndex {
    slots: Vec<(u64, u32)>,
    mask: usize,
}

/// Key 0 marks an empty slot, so a real key 0 is stored as 1.
#[inline]
fn nonzero(k: u64) -> u64 {
    if k == 0 {
        1
    } else {
        k
    }
}

impl HashIndex {
    pub(crate) fn build(pairs: impl ExactSizeIterator<Item = (u64, u32)>) -> HashIndex {
        let cap = (pairs.len() * 2).max(16).next_power_of_two();
        let mut slots = vec![(0u64, 0u32); cap];
        let mask = cap - 1;
        for (k, v) in pairs {
            let k = nonzero(k);
            let mut i = (k as usize) & mask;
            while slots[i].0 != 0 && slots[i].0 != k {
                i = (i + 1) & mask;
            }
            slots[i] = (k, v);
        }
        HashIndex { slots, mask }
    }

    #[inline]
    pub(crate) fn get(&self, k: u64) -> Option<u32> {
        let k = nonzero(k);
        let mut i = (k as usize) & self.mask;
        loop {
            let (sk, sv) = *self.slots.get(i)?;
            if sk == k {
                return Some(sv);
            }
            if sk == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }
}

/// Sparse weights: for each feature key, a run of (class, weight) entries.
#[derive(Clone, Debug, Default)]
pub(crate) struct Weights {
    index: HashIndex,
    offsets: Vec<u32>,
    classes: Vec<u8>,
    values: Vec<i16>,
}

impl Weights {
    /// Adds the weights of feature `key` to `scores`; an unknown feature adds nothing.
    #[inline]
    pub(crate) fn add(&self, key: u64, scores: &mut [i32]) {
        let Some(row) = self.index.get(key) else {
            return;
        };
        let row = row as usize;
        let (Some(&a), Some(&b)) = (self.offsets.get(row), self.offsets.get(row + 1)) else {
            return;
        };
        let (a, b) = (a as usize, b as usize);
        for (&c, &v) in self.classes[a..b].iter().zip(&self.values[a..b]) {
            if let Some(s) = scores.get_mut(c as usize) {
                *s += i32::from(v);
            }
        }
    }
}

/// A trained tagger model, in memory.
#[derive(Clone, Debug, Default)]
pub(crate) struct Model {
    pub classes: Vec<(Upos, Xpos)>,
    pub tagdict: HashIndex,
    pub weights: Weights,
    pub n_features: usize,
    pub n_entries: usize,
}

/// What training hands to [`Model::encode`]: plain sorted tables.
#[derive(Clone, Debug, Default)]
pub(crate) struct RawModel {
    pub classes: Vec<(Upos, Xpos)>,
    /// (word hash, class), sorted by hash.
    pub tagdict: Vec<(u64, u8)>,
    /// (feature key, entries), sorted by key, entries sorted by class.
    pub features: Vec<(u64, Vec<(u8, i16)>)>,
}

impl RawModel {
    /// The uncompressed model bytes.
    pub(crate) fn encode(&self) -> Vec<u8> {
        let mut b = Vec::new();
        b.extend_from_slice(MAGIC);
        b.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
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
        b.extend_from_slice(&(self.features.len() as u32).to_le_bytes());
        for (k, _) in &self.features {
            b.extend_from_slice(&k.to_le_bytes());
        }
        b.extend(self.features.iter().map(|(_, e)| e.len() as u8));
        let m: usize = self.features.iter().map(|(_, e)| e.len()).sum();
        b.extend_from_slice(&(m as u32).to_le_bytes());
        for (_, e) in &self.features {
            b.extend(e.iter().map(|(c, _)| *c));
        }
        for (_, e) in &self.features {
            for (_, v) in e {
                b.extend_from_slice(&v.to_le_bytes());
            }
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
        let mut r = Reader { b, at: 0 };
        let magic = r.take(8).map_err(|_| Error::BadMagic {
            expected: String::from_utf8_lossy(MAGIC).into_owned(),
            found: String::from_utf8_lossy(b).chars().take(8).collect(),
        })?;
        if magic != MAGIC {
            return Err(Error::BadMagic {
                expected: String::from_utf8_lossy(MAGIC).into_owned(),
                found: String::from_utf8_lossy(magic).into_owned(),
            });
        }
        let version = r.u32()?;
        if version != FORMAT_VERSION {
            return Err(Error::Version {
                expected: FORMAT_VERSION,
                found: version,
            });
        }
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
        let nf = r.count(b.len())?;
        let keys = r.take(nf * 8)?;
        let counts = r.take(nf)?;
        let m = r.count(b.len())?;
        let mut offsets = Vec::with_capacity(nf + 1);
        let mut total = 0u32;
        offsets.push(0);
        for &c in counts {
            total += u32::from(c);
            offsets.push(total);
        }
        if total as usize != m {
            return Err(r.corrupt(format!("expected {total} weight entries, found {m}")));
        }
        let cls = r.take(m)?.to_vec();
        if let Some(c) = cls.iter().find(|&&c| c as usize >= classes.len()) {
            return Err(r.corrupt(format!("weight class {c} out of range")));
        }
        let vb = r.take(m * 2)?;
        let values = vb
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect();
        let index = HashIndex::build((0..nf).map(|i| (u64_at(keys, i), i as u32)));
        Ok(Model {
            classes,
            tagdict,
            weights: Weights {
                index,
                offsets,
                classes: cls,
                values,
            },
            n_features: nf,
            n_entries: m,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> RawModel {
        RawModel {
            classes: vec![(Upos::Noun, Xpos::Nn), (Upos::Verb, Xpos::Vb)],
            tagdict: vec![(7, 1)],
            features: vec![(3, vec![(0, 5), (1, -2)]), (9, vec![(1, 4)])],
        }
    }

    #[test]
    fn round_trips() {
        let m = Model::from_gz(&tiny().encode_gz()).unwrap();
        assert_eq!(m.classes.len(), 2);
        assert_eq!(m.tagdict.get(7), Some(1));
        assert_eq!(m.tagdict.get(8), None);
        let mut s = vec![0; 2];
        m.weights.add(3, &mut s);
        m.weights.add(9, &mut s);
        m.weights.add(10, &mut s);
        assert_eq!(s, vec![5, 2]);
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
