//! Weight tables, scoring, and the binary model format.
//!
//! Format (the whole file is gzip-compressed):
//! ```text
//! magic  b"TOCSINDP"
//! u32    format version (LE)
//! u8     log2 rows of the transition table, u8 log2 rows of the label table
//! u64    mask of labels seen in training (bit = DepRel index)
//! u8     beam width the model was trained for (1 = greedy)
//! u32+.. info string (length, UTF-8)
//! ..     word clusters (versions 5 and 6; see `clusters.rs`; 0 words = none)
//! ..     Brown clusters (version 6 only; see `brown.rs`; 0 keys = none)
//! table  transition weights, then label weights; each: u32 number of non-zero
//!        rows, then per row: varint gap from the previous row index, then the row
//!        as i8 (4 values for transitions, 64 for labels)
//! ```
//! Weights are i8 because the tables must stay small to be fast: the parser is
//! bound by memory latency (two random rows per feature), and halving the
//! tables from i16 made it about 1.6 times faster at the same accuracy.

use crate::brown::Brown;
use crate::clusters::{Clusters, WordClasses};
use crate::features::{N_LABEL, N_TRANS};
use crate::Error;
use std::io::{Read, Write};
use std::sync::Arc;

pub(crate) const MAGIC: &[u8; 8] = b"TOCSINDP";
/// Bump when the format, the feature templates or the hash change.
/// Version 5 added word clusters (and their feature templates, which come
/// after those of version 4: a version 4 model, without clusters, still reads
/// and parses exactly as before).
/// Version 6 added Brown clusters (their templates come after those of
/// version 5, so older models keep their exact features).
pub(crate) const FORMAT_VERSION: u32 = 6;
/// Older versions, still read: 5 has no Brown clusters, 4 no word clusters.
const FORMAT_VERSION_NO_BROWN: u32 = 5;
const FORMAT_VERSION_NO_CLUSTERS: u32 = 4;
/// Row width of the transition table (SHIFT, LEFT, RIGHT, padding).
pub(crate) const NT: usize = 4;
/// Row width of the label table (one column per `DepRel` index).
pub(crate) const NL: usize = 64;

/// What the decoder needs from a set of weights: training uses `f32` tables,
/// inference the quantized [`Model`].
pub(crate) trait Scorer {
    fn tbits(&self) -> u32;
    fn lbits(&self) -> u32;
    fn label_mask(&self) -> u64;
    /// Word classes the features use (empty: none).
    fn clusters(&self) -> &WordClasses;
    fn trans(&self, f: &[u32]) -> [f32; 3];
    fn labels(&self, f: &[u32], out: &mut [f32; NL]);
}

/// Float tables, as trained (or averaged).
#[derive(Clone, Debug)]
pub(crate) struct FloatModel {
    pub tbits: u32,
    pub lbits: u32,
    pub mask: u64,
    pub clusters: Arc<WordClasses>,
    pub trans: Vec<f32>,
    pub label: Vec<f32>,
}

impl FloatModel {
    pub fn new(tbits: u32, lbits: u32) -> Self {
        FloatModel {
            tbits,
            lbits,
            mask: 0,
            clusters: Arc::default(),
            trans: vec![0.0; (1usize << tbits) * NT],
            label: vec![0.0; (1usize << lbits) * NL],
        }
    }
}

impl Scorer for FloatModel {
    fn tbits(&self) -> u32 {
        self.tbits
    }
    fn lbits(&self) -> u32 {
        self.lbits
    }
    fn label_mask(&self) -> u64 {
        self.mask
    }
    fn clusters(&self) -> &WordClasses {
        &self.clusters
    }
    #[inline]
    fn trans(&self, f: &[u32]) -> [f32; 3] {
        let mut acc = [0f32; NT];
        for &r in f {
            let row = &self.trans[r as usize * NT..r as usize * NT + NT];
            for (a, w) in acc.iter_mut().zip(row) {
                *a += w;
            }
        }
        [acc[0], acc[1], acc[2]]
    }
    #[inline]
    fn labels(&self, f: &[u32], out: &mut [f32; NL]) {
        *out = [0.0; NL];
        for &r in f {
            let row = &self.label[r as usize * NL..r as usize * NL + NL];
            for (a, w) in out.iter_mut().zip(row) {
                *a += w;
            }
        }
    }
}

/// Quantized tables used for parsing.
#[derive(Clone)]
pub(crate) struct Model {
    pub tbits: u32,
    pub lbits: u32,
    pub mask: u64,
    /// Beam width the model was trained for (1 = greedy).
    pub beam: u8,
    pub info: String,
    /// Word classes for the cluster features (empty: none).
    pub clusters: Arc<WordClasses>,
    pub trans: Vec<i8>,
    /// A row is 64 bytes: one cache line.
    pub label: Vec<i8>,
}

/// Rounds i16 weights to i8 (dividing by 256). Training quantizes through i16
/// first so that the committed model is reproduced bit for bit.
fn narrow(t: &[i16]) -> Vec<i8> {
    t.iter()
        .map(|&x| ((i32::from(x) + 128).div_euclid(256)).clamp(-128, 127) as i8)
        .collect()
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Model")
            .field("tbits", &self.tbits)
            .field("lbits", &self.lbits)
            .field("info", &self.info)
            .field("clusters", &self.clusters)
            .finish_non_exhaustive()
    }
}

impl Scorer for Model {
    fn tbits(&self) -> u32 {
        self.tbits
    }
    fn lbits(&self) -> u32 {
        self.lbits
    }
    fn label_mask(&self) -> u64 {
        self.mask
    }
    fn clusters(&self) -> &WordClasses {
        &self.clusters
    }
    #[inline]
    fn trans(&self, f: &[u32]) -> [f32; 3] {
        // As in `labels`: i16 sums cannot overflow.
        const _: () = assert!(N_TRANS * 128 <= i16::MAX as usize);
        let mut acc = [0i16; NT];
        for &r in f {
            let row = &self.trans[r as usize * NT..r as usize * NT + NT];
            for (a, &w) in acc.iter_mut().zip(row) {
                *a += i16::from(w);
            }
        }
        [f32::from(acc[0]), f32::from(acc[1]), f32::from(acc[2])]
    }
    #[inline]
    fn labels(&self, f: &[u32], out: &mut [f32; NL]) {
        // i16 sums cannot overflow (at most N_LABEL rows of |w| <= 128) and
        // vectorise twice as wide as i32 ones.
        const _: () = assert!(N_LABEL * 128 <= i16::MAX as usize);
        let mut acc = [0i16; NL];
        for &r in f {
            let row = &self.label[r as usize * NL..r as usize * NL + NL];
            for (a, &w) in acc.iter_mut().zip(row) {
                *a += i16::from(w);
            }
        }
        for (o, a) in out.iter_mut().zip(acc) {
            *o = f32::from(a);
        }
    }
}

/// Scales a table to i16 so that its largest weight maps to `i16::MAX`.
fn quantize(w: &[f32]) -> Vec<i16> {
    let max = w.iter().fold(0f32, |m, x| m.max(x.abs()));
    let scale = if max > 0.0 { 32767.0 / max } else { 0.0 };
    w.iter().map(|x| (x * scale).round() as i16).collect()
}

impl Model {
    pub fn from_float(f: &FloatModel, info: String) -> Model {
        Model {
            tbits: f.tbits,
            lbits: f.lbits,
            mask: f.mask,
            beam: 1,
            info,
            clusters: Arc::clone(&f.clusters),
            trans: narrow(&quantize(&f.trans)),
            label: narrow(&quantize(&f.label)),
        }
    }

    /// Serialises and gzips the model.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut raw = Vec::new();
        // The oldest version that holds the model, so that older recipes
        // still reproduce their files bit for bit.
        let c = &self.clusters;
        let version = if !c.brown.is_empty() {
            FORMAT_VERSION
        } else if !c.kmeans.is_empty() {
            FORMAT_VERSION_NO_BROWN
        } else {
            FORMAT_VERSION_NO_CLUSTERS
        };
        raw.extend_from_slice(&tocsin_core::header::header(MAGIC, version));
        raw.push(self.tbits as u8);
        raw.push(self.lbits as u8);
        raw.extend_from_slice(&self.mask.to_le_bytes());
        raw.push(self.beam);
        raw.extend_from_slice(&(self.info.len() as u32).to_le_bytes());
        raw.extend_from_slice(self.info.as_bytes());
        if version >= FORMAT_VERSION_NO_BROWN {
            c.kmeans.write(&mut raw);
        }
        if version >= FORMAT_VERSION {
            c.brown.write(&mut raw);
        }
        write_table(&mut raw, &self.trans, NT);
        write_table(&mut raw, &self.label, NL);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        // Writing into a Vec cannot fail.
        let _ = gz.write_all(&raw);
        gz.finish().unwrap_or_default()
    }

    /// Reads a model written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, Error> {
        let mut raw = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_end(&mut raw)
            .map_err(|e| Error::Corrupt(format!("not a gzip stream: {e}")))?;
        let split = |v| tocsin_core::header::split_header(&raw, MAGIC, v);
        let (body, with_clusters, with_brown) = match split(FORMAT_VERSION) {
            Ok(b) => (b, true, true),
            Err(e) => match (
                split(FORMAT_VERSION_NO_BROWN),
                split(FORMAT_VERSION_NO_CLUSTERS),
            ) {
                (Ok(b), _) => (b, true, false),
                (_, Ok(b)) => (b, false, false),
                _ => return Err(e.into()),
            },
        };
        let mut r = Reader { buf: body, at: 0 };
        let tbits = u32::from(r.take(1)?[0]);
        let lbits = u32::from(r.take(1)?[0]);
        if !(4..=28).contains(&tbits) || !(4..=26).contains(&lbits) {
            return Err(Error::Corrupt(format!(
                "table sizes 2^{tbits} and 2^{lbits} out of range"
            )));
        }
        let mask = u64::from_le_bytes(r.array()?);
        let beam = r.take(1)?[0].max(1);
        let len = r.u32()? as usize;
        let info = String::from_utf8_lossy(r.take(len)?).into_owned();
        let kmeans = if with_clusters {
            Clusters::read(|n| r.take(n))?
        } else {
            Clusters::default()
        };
        let brown = if with_brown {
            Brown::read(|n| r.take(n))?
        } else {
            Brown::default()
        };
        let trans = read_table(&mut r, 1 << tbits, NT)?;
        let label = read_table(&mut r, 1 << lbits, NL)?;
        Ok(Model {
            tbits,
            lbits,
            mask,
            beam,
            info,
            clusters: Arc::new(WordClasses { kmeans, brown }),
            trans,
            label,
        })
    }
}

fn write_table(out: &mut Vec<u8>, t: &[i8], width: usize) {
    let rows: Vec<usize> = (0..t.len() / width)
        .filter(|&i| t[i * width..(i + 1) * width].iter().any(|&x| x != 0))
        .collect();
    out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
    let mut last = 0usize;
    for i in rows {
        write_varint(out, (i - last) as u64);
        last = i;
        out.extend(t[i * width..(i + 1) * width].iter().map(|&x| x as u8));
    }
}

/// Appends `v` as a LEB128 varint (7 bits a byte, high bit = more follow).
pub(crate) fn write_varint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

/// Reads a varint written by [`write_varint`], one byte from `next` at a
/// time; `None` if it runs past 35 bits (a corrupt file).
pub(crate) fn read_varint<E>(mut next: impl FnMut() -> Result<u8, E>) -> Result<Option<u64>, E> {
    let (mut v, mut shift) = (0u64, 0);
    loop {
        let b = next()?;
        v |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Ok(Some(v));
        }
        shift += 7;
        if shift > 35 {
            return Ok(None);
        }
    }
}

fn read_table(r: &mut Reader<'_>, rows: usize, width: usize) -> Result<Vec<i8>, Error> {
    let mut t = vec![0i8; rows * width];
    let count = r.u32()? as usize;
    let mut at = 0usize;
    for _ in 0..count {
        let gap = read_varint(|| Ok::<u8, Error>(r.take(1)?[0]))?
            .ok_or_else(|| Error::Corrupt("bad varint in a weight table".into()))?;
        at = at.saturating_add(usize::try_from(gap).unwrap_or(usize::MAX));
        if at >= rows {
            return Err(Error::Corrupt(format!("row {at} beyond table of {rows}")));
        }
        let vals = r.take(width)?;
        for (dst, &c) in t[at * width..(at + 1) * width].iter_mut().zip(vals) {
            *dst = c as i8;
        }
    }
    Ok(t)
}

struct Reader<'a> {
    buf: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], Error> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.buf.len());
        let Some(end) = end else {
            return Err(Error::Corrupt(format!(
                "truncated at byte {} (wanted {n} more)",
                self.at
            )));
        };
        let s = &self.buf[self.at..end];
        self.at = end;
        Ok(s)
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N], Error> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }
    fn u32(&mut self) -> Result<u32, Error> {
        Ok(u32::from_le_bytes(self.array()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Model {
        let mut f = FloatModel::new(6, 5);
        f.trans[5] = 1.5;
        f.trans[17] = -3.0;
        f.label[64 * 3 + 7] = 2.0;
        f.mask = 0b1110;
        Model::from_float(&f, "test".into())
    }

    #[test]
    fn round_trips_and_rejects_other_versions() {
        let m = tiny();
        let b = m.to_bytes();
        let m2 = Model::from_bytes(&b).unwrap();
        assert_eq!(m2.trans, m.trans);
        assert_eq!(m2.label, m.label);
        assert_eq!(m2.info, "test");
        // Rewrite the version field.
        let mut raw = Vec::new();
        flate2::read::GzDecoder::new(&b[..])
            .read_to_end(&mut raw)
            .unwrap();
        raw[8..12].copy_from_slice(&99u32.to_le_bytes());
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&raw).unwrap();
        let e = Model::from_bytes(&gz.finish().unwrap()).unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.contains("99") && msg.contains(&FORMAT_VERSION.to_string()),
            "{msg}"
        );
        assert!(Model::from_bytes(b"junk").is_err());
        assert!(Model::from_bytes(&b[..b.len() / 2]).is_err());
    }
}
