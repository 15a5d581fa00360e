//! The embedded gazetteer: GeoNames places, countries, first-level divisions and
//! our hand-written region records, with a folded-name index and a grid for
//! reverse lookup.

use crate::fold::fold_into;
use crate::GeoError;
use std::collections::HashMap;
use std::io::BufRead;
use std::sync::OnceLock;

/// The compact gazetteer built by `scripts/build_gazetteer.py` (gzip TSV).
pub const GAZETTEER_GZ: &[u8] = include_bytes!("../data/gazetteer.tsv.gz");
/// Hand-written region records (Donbas, Crimea, Gaza Strip...).
pub const REGIONS_TSV: &str = include_str!("../data/regions.tsv");
/// Hand-written country aliases (Britain, U.S., Burma...).
pub const COUNTRY_ALIASES_TSV: &str = include_str!("../data/country-aliases.tsv");

/// What kind of place a record is. The order is the preference when a name is
/// shared and nothing else decides: a country name never resolves to a town.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Country,
    Region,
    Admin1,
    City,
    Continent,
}

impl Kind {
    /// The `Location::resolution` value for the kind.
    #[must_use]
    pub fn resolution(self) -> &'static str {
        match self {
            Kind::Country => "country",
            Kind::Admin1 => "admin1",
            Kind::City => "city",
            Kind::Region | Kind::Continent => "place",
        }
    }
}

/// Index of a place in the gazetteer.
pub type PlaceId = u32;

/// A short code stored inline: an ISO 3166-1 alpha-3 country code, a GeoNames
/// admin1 code or feature code. At most [`Code::MAX`] bytes; an empty code
/// means none. Codes are `Copy` and allocate nothing: the gazetteer holds
/// three per record for 174,000 records.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Code([u8; Code::MAX]);

impl Code {
    /// The longest code, in bytes.
    pub const MAX: usize = 8;

    /// The code for `s`, or `None` when it is longer than [`Code::MAX`] bytes
    /// or holds a NUL byte.
    #[must_use]
    pub fn new(s: &str) -> Option<Code> {
        let b = s.as_bytes();
        if b.len() > Code::MAX || b.contains(&0) {
            return None;
        }
        let mut c = [0u8; Code::MAX];
        c[..b.len()].copy_from_slice(b);
        Some(Code(c))
    }

    /// The code as text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        let len = self.0.iter().position(|&b| b == 0).unwrap_or(Code::MAX);
        // The bytes are a whole `&str` of at most `MAX` bytes (see `new`).
        std::str::from_utf8(&self.0[..len]).unwrap_or_default()
    }
}

impl std::ops::Deref for Code {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::fmt::Debug for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.as_str())
    }
}

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// One gazetteer record.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// GeoNames id, 0 when the record has none (admin1 outside the US, regions).
    pub geonameid: u32,
    pub name: Box<str>,
    pub lat: f32,
    pub lon: f32,
    /// ISO 3166-1 alpha-3 code of the country, empty for areas spanning countries.
    pub country: Code,
    /// GeoNames admin1 code (cities and admin1 records), empty otherwise.
    pub admin1: Code,
    pub population: u64,
    /// GeoNames feature code (`PPL`, `PPLC`, `ADM1`, `PCLI`, `CONT`) or `RGN`.
    pub feature: Code,
    pub kind: Kind,
    /// `admin1` or `place` for region records; otherwise derived from the kind.
    pub resolution: &'static str,
}

#[derive(Clone, Copy, Debug)]
struct IndexEntry {
    off: u32,
    len: u32,
    first: u32,
    count: u32,
}

/// Grid cell size for reverse lookup, in degrees.
const CELL: f32 = 1.0;

/// The gazetteer: immutable once loaded, shared by all threads.
pub struct Gazetteer {
    places: Vec<Place>,
    /// Every folded key, concatenated.
    keys: String,
    /// Unique keys in sorted order: (offset, length) into `keys`, and the range
    /// of their records in `ids`.
    index: Vec<IndexEntry>,
    ids: Vec<PlaceId>,
    /// Where the keys starting with each two-byte prefix begin in `index`
    /// (65,537 entries), so a lookup bisects a few dozen keys at most.
    buckets: Vec<u32>,
    /// (key offset, key length, record) while loading; emptied by `finish`.
    pending: Vec<(u32, u32, PlaceId)>,
    by_iso3: HashMap<Code, PlaceId>,
    admin1: HashMap<(Code, Code), PlaceId>,
    grid: HashMap<(i16, i16), Vec<PlaceId>>,
    version: String,
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer")
            .field("version", &self.version)
            .field("places", &self.places.len())
            .field("names", &self.index.len())
            .finish()
    }
}

fn cell_of(lat: f32, lon: f32) -> (i16, i16) {
    ((lat / CELL).floor() as i16, (lon / CELL).floor() as i16)
}

fn malformed(path: &str, line: usize, msg: impl Into<String>) -> GeoError {
    GeoError::Malformed {
        path: path.to_string(),
        line,
        message: msg.into(),
    }
}

impl Gazetteer {
    /// The embedded gazetteer, decoded once per process.
    ///
    /// # Errors
    /// The embedded data does not decode (a build problem).
    pub fn embedded() -> Result<&'static Gazetteer, GeoError> {
        static CELL: OnceLock<Result<Gazetteer, GeoError>> = OnceLock::new();
        CELL.get_or_init(|| Gazetteer::from_parts(GAZETTEER_GZ, REGIONS_TSV, COUNTRY_ALIASES_TSV))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Builds a gazetteer from the gzip TSV, the region records and the country
    /// aliases (the formats of the files in `crates/geo/data`).
    ///
    /// # Errors
    /// A file is malformed; the error names the file and line.
    pub fn from_parts(gz: &[u8], regions: &str, aliases: &str) -> Result<Gazetteer, GeoError> {
        let mut g = Gazetteer {
            places: Vec::new(),
            keys: String::new(),
            index: Vec::new(),
            ids: Vec::new(),
            buckets: Vec::new(),
            pending: Vec::new(),
            by_iso3: HashMap::new(),
            admin1: HashMap::new(),
            grid: HashMap::new(),
            version: String::new(),
        };
        // The rows are streamed twice rather than inflated into one 12 MB
        // string. The first pass sizes the tables (grown by doubling, they
        // would leave their outgrown copies behind as free but resident
        // heap) and reads the country rows, so that cities can name their
        // ISO3 code whatever the order of the rows.
        let (mut rows, mut names, mut bytes) = (regions.lines().count(), aliases.len() / 4, 0);
        let mut iso2_to_3: HashMap<String, Code> = HashMap::new();
        gz_lines(gz, |_, line| {
            rows += 1;
            names += 1 + line.bytes().filter(|&b| b == b'|').count();
            bytes += line.len();
            if line.starts_with("C\t") {
                let f: Vec<&str> = line.split('\t').collect();
                if let (Some(iso2), Some(iso3)) = (f.get(5), f.get(6).and_then(|c| Code::new(c))) {
                    iso2_to_3.insert((*iso2).to_string(), iso3);
                }
            }
            Ok(())
        })?;
        g.places.reserve_exact(rows);
        g.pending.reserve_exact(names);
        g.keys.reserve(bytes / 2);
        let mut key = String::new();
        gz_lines(gz, |n, line| {
            if n == 1 {
                if !line.starts_with("#tocsin-gazetteer\t1") {
                    return Err(GeoError::Version {
                        expected: "#tocsin-gazetteer 1".into(),
                        found: line.chars().take(40).collect(),
                    });
                }
                g.version = line.trim_start_matches('#').replace('\t', " ");
                return Ok(());
            }
            g.load_row(line, n, &iso2_to_3, &mut key)
        })?;
        g.load_regions(regions, &mut key)?;
        g.load_aliases(aliases, &mut key)?;
        g.finish();
        Ok(g)
    }

    /// Sorts the loaded keys into the lookup index. The index is a sorted array
    /// searched by bisection: no allocation per key, half the memory of a hash map
    /// of boxed strings, and a few hundred nanoseconds a lookup.
    fn finish(&mut self) {
        let keys = &self.keys;
        let key = |e: &(u32, u32, PlaceId)| &keys[e.0 as usize..(e.0 + e.1) as usize];
        let mut pending = std::mem::take(&mut self.pending);
        self.index.reserve_exact(pending.len());
        self.ids.reserve_exact(pending.len());
        pending.sort_unstable_by(|a, b| key(a).cmp(key(b)).then(a.2.cmp(&b.2)));
        for e in &pending {
            let same = self
                .index
                .last()
                .is_some_and(|l| &keys[l.off as usize..(l.off + l.len) as usize] == key(e));
            if same {
                if self.ids.last() == Some(&e.2) {
                    continue;
                }
                self.ids.push(e.2);
                if let Some(l) = self.index.last_mut() {
                    l.count += 1;
                }
            } else {
                self.index.push(IndexEntry {
                    off: e.0,
                    len: e.1,
                    first: self.ids.len() as u32,
                    count: 1,
                });
                self.ids.push(e.2);
            }
        }
        let mut buckets = vec![0u32; 65_537];
        let mut next = 0usize;
        for (i, e) in self.index.iter().enumerate() {
            let code = prefix_code(&self.keys[e.off as usize..(e.off + e.len) as usize]);
            while next <= code {
                buckets[next] = i as u32;
                next += 1;
            }
        }
        for b in buckets.iter_mut().skip(next) {
            *b = self.index.len() as u32;
        }
        self.buckets = buckets;
    }

    fn load_row(
        &mut self,
        line: &str,
        n: usize,
        iso2_to_3: &HashMap<String, Code>,
        key: &mut String,
    ) -> Result<(), GeoError> {
        let f: Vec<&str> = line.split('\t').collect();
        let bad = |m: &str| malformed("gazetteer.tsv.gz", n, m);
        if f.len() != 10 {
            return Err(bad("expected 10 tab-separated fields"));
        }
        let kind = match f[0] {
            "C" => Kind::Country,
            "A" => Kind::Admin1,
            "P" => Kind::City,
            "K" => Kind::Continent,
            _ => return Err(bad("expected kind C, A, P or K")),
        };
        let num = |s: &str, what: &str| -> Result<f64, GeoError> {
            s.parse::<f64>()
                .map_err(|_| bad(&format!("bad {what} {s:?}")))
        };
        let code = |s: &str, what: &str| {
            Code::new(s)
                .ok_or_else(|| bad(&format!("{what} {s:?} longer than {} bytes", Code::MAX)))
        };
        let country = match kind {
            Kind::Country => code(f[6], "country code")?,
            Kind::Continent => Code::default(),
            _ => match iso2_to_3.get(f[5]) {
                Some(&c) => c,
                None => code(f[5], "country code")?,
            },
        };
        let place = Place {
            geonameid: f[1].parse().map_err(|_| bad("bad geonameid"))?,
            name: f[2].into(),
            lat: num(f[3], "latitude")? as f32,
            lon: num(f[4], "longitude")? as f32,
            admin1: if matches!(kind, Kind::City | Kind::Admin1) {
                code(f[6], "admin1 code")?
            } else {
                Code::default()
            },
            country,
            population: num(f[7], "population")? as u64,
            feature: code(f[8], "feature code")?,
            kind,
            resolution: kind.resolution(),
        };
        let aliases = f[9];
        self.push(place, aliases.split('|'), key);
        Ok(())
    }

    fn push<'a>(&mut self, place: Place, aliases: impl Iterator<Item = &'a str>, key: &mut String) {
        let id = self.places.len() as PlaceId;
        fold_into(&place.name, key);
        self.add_key(key, id);
        for a in aliases {
            fold_into(a, key);
            self.add_key(key, id);
        }
        match place.kind {
            Kind::Country => {
                self.by_iso3.insert(place.country, id);
            }
            Kind::Admin1 => {
                self.admin1.insert((place.country, place.admin1), id);
            }
            Kind::City => self
                .grid
                .entry(cell_of(place.lat, place.lon))
                .or_default()
                .push(id),
            _ => {}
        }
        self.places.push(place);
    }

    fn add_key(&mut self, key: &str, id: PlaceId) {
        if key.is_empty() {
            return;
        }
        // Drop a leading article so "the Donbas" and "Donbas" share a key.
        let k = key.strip_prefix("the ").unwrap_or(key);
        let off = self.keys.len() as u32;
        self.keys.push_str(k);
        self.pending.push((off, k.len() as u32, id));
    }

    fn load_regions(&mut self, text: &str, key: &mut String) -> Result<(), GeoError> {
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let bad = |m: &str| malformed("crates/geo/data/regions.tsv", n + 1, m);
            if f.len() != 7 {
                return Err(bad("expected 7 tab-separated fields"));
            }
            let lat: f32 = f[2].parse().map_err(|_| bad("bad latitude"))?;
            let lon: f32 = f[3].parse().map_err(|_| bad("bad longitude"))?;
            let resolution = match f[5] {
                "admin1" => "admin1",
                "place" => "place",
                _ => return Err(bad("resolution must be admin1 or place")),
            };
            let country = f[4].trim();
            let country = Code::new(country).ok_or_else(|| {
                bad(&format!(
                    "country code {country:?} longer than {} bytes",
                    Code::MAX
                ))
            })?;
            let place = Place {
                geonameid: 0,
                name: f[0].into(),
                lat,
                lon,
                country,
                admin1: Code::default(),
                population: 0,
                feature: Code::new("RGN").unwrap_or_default(),
                kind: Kind::Region,
                resolution,
            };
            self.push(place, f[1].split('|'), key);
        }
        Ok(())
    }

    fn load_aliases(&mut self, text: &str, key: &mut String) -> Result<(), GeoError> {
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let bad = |m: &str| malformed("crates/geo/data/country-aliases.tsv", n + 1, m);
            let (iso3, al) = line
                .split_once('\t')
                .ok_or_else(|| bad("expected ISO3<TAB>aliases"))?;
            let id = *Code::new(iso3)
                .and_then(|c| self.by_iso3.get(&c))
                .ok_or_else(|| bad(&format!("unknown country {iso3}")))?;
            for a in al.split('|') {
                fold_into(a, key);
                let k = key.clone();
                self.add_key(&k, id);
            }
        }
        Ok(())
    }

    /// Version line of the embedded data (sources and their versions).
    #[must_use]
    pub fn version(&self) -> &str {
        &self.version
    }

    /// Number of records.
    #[must_use]
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// True when the gazetteer holds no record.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// The record `id`. Ids come from this gazetteer's own lookups.
    #[must_use]
    pub fn place(&self, id: PlaceId) -> &Place {
        &self.places[id as usize]
    }

    /// Records whose name or alias folds to the same key as `name`, in id order.
    /// Allocates nothing when `buf` has room: pass a reused buffer in hot loops.
    #[must_use]
    pub fn lookup_with<'a>(&'a self, name: &str, buf: &mut String) -> &'a [PlaceId] {
        fold_into(name, buf);
        self.lookup_folded(buf)
    }

    /// Like [`Gazetteer::lookup_with`], allocating its own buffer.
    #[must_use]
    pub fn lookup(&self, name: &str) -> &[PlaceId] {
        let mut buf = String::new();
        self.lookup_with(name, &mut buf)
    }

    /// Records under an already folded key.
    #[must_use]
    pub fn lookup_folded(&self, key: &str) -> &[PlaceId] {
        let k = key.strip_prefix("the ").unwrap_or(key);
        let keys = &self.keys;
        let code = prefix_code(k);
        let (lo, hi) = match (self.buckets.get(code), self.buckets.get(code + 1)) {
            (Some(&a), Some(&b)) => (a as usize, b as usize),
            _ => (0, self.index.len()),
        };
        let Some(slice) = self.index.get(lo..hi) else {
            return &[];
        };
        match slice.binary_search_by(|e| keys[e.off as usize..(e.off + e.len) as usize].cmp(k)) {
            Ok(i) => {
                let e = slice[i];
                &self.ids[e.first as usize..(e.first + e.count) as usize]
            }
            Err(_) => &[],
        }
    }

    /// The best record for a name with no context: a country, then a region
    /// record, then the most populous place (a first-level division counts as
    /// 30 times smaller, since its population is the sum of its places').
    #[must_use]
    pub fn best(&self, name: &str) -> Option<PlaceId> {
        let ids = self.lookup(name);
        for kind in [Kind::Country, Kind::Region] {
            if let Some(&id) = ids.iter().find(|&&id| self.place(id).kind == kind) {
                return Some(id);
            }
        }
        ids.iter().copied().max_by(|&a, &b| {
            self.prior(a)
                .partial_cmp(&self.prior(b))
                .unwrap_or(std::cmp::Ordering::Equal)
        })
    }

    /// Context-free weight of a record: log10 of its population, less for
    /// first-level divisions and continents.
    #[must_use]
    pub fn prior(&self, id: PlaceId) -> f32 {
        let p = self.place(id);
        let s = ((p.population + 1) as f32).log10();
        match p.kind {
            Kind::Admin1 => s - 1.5,
            Kind::Continent => s - 2.0,
            _ => s,
        }
    }

    /// The country record for an ISO3 code.
    #[must_use]
    pub fn country(&self, iso3: &str) -> Option<PlaceId> {
        self.by_iso3.get(&Code::new(iso3)?).copied()
    }

    /// The first-level division of a city (or the admin1 record itself).
    #[must_use]
    pub fn admin1_of(&self, id: PlaceId) -> Option<PlaceId> {
        let p = self.place(id);
        if p.kind == Kind::Admin1 {
            return Some(id);
        }
        if p.admin1.is_empty() {
            return None;
        }
        self.admin1.get(&(p.country, p.admin1)).copied()
    }

    /// The nearest populated place to a point, searching the grid cells around it.
    #[must_use]
    pub fn nearest(&self, lat: f64, lon: f64) -> Option<PlaceId> {
        if !lat.is_finite() || !lon.is_finite() {
            return None;
        }
        let (lat, lon) = (lat.clamp(-90.0, 90.0) as f32, lon as f32);
        let (cy, cx) = cell_of(lat, lon);
        let mut best: Option<(f32, PlaceId)> = None;
        // Widen the ring until something is found and one more ring has been seen
        // (a closer place may sit just across a cell border).
        for r in 0i16..=60 {
            for dy in -r..=r {
                for dx in -r..=r {
                    if dy.abs() != r && dx.abs() != r {
                        continue;
                    }
                    let x = (cx + dx + 180).rem_euclid(360) - 180;
                    let Some(ids) = self.grid.get(&(cy + dy, x)) else {
                        continue;
                    };
                    for &id in ids {
                        let p = self.place(id);
                        let d = distance_km(lat, lon, p.lat, p.lon);
                        if best.map_or(true, |(bd, _)| d < bd) {
                            best = Some((d, id));
                        }
                    }
                }
            }
            if let Some((d, _)) = best {
                // A cell of ring r+1 is at least r cells away; a degree of
                // longitude shrinks with the cosine of the latitude.
                let reach = f32::from(r) * 111.0 * lat.to_radians().cos().max(0.05);
                if d < reach {
                    break;
                }
            }
        }
        best.map(|(_, id)| id)
    }
}

/// Calls `f` with each line (1-based number, without its line break) of the
/// gzip-compressed text `gz`, reading it in pieces.
fn gz_lines(
    gz: &[u8],
    mut f: impl FnMut(usize, &str) -> Result<(), GeoError>,
) -> Result<(), GeoError> {
    let mut reader = std::io::BufReader::new(flate2::read::GzDecoder::new(gz));
    let mut line = String::new();
    for n in 1.. {
        line.clear();
        match reader.read_line(&mut line) {
            Ok(0) => break,
            Ok(_) => f(n, line.trim_end_matches(['\n', '\r']))?,
            Err(e) => return Err(malformed("gazetteer.tsv.gz", n, format!("gzip: {e}"))),
        }
    }
    Ok(())
}

/// The first two bytes of a key as a number (a missing byte counts as 0), which
/// orders keys the way their bytes do.
fn prefix_code(k: &str) -> usize {
    let b = k.as_bytes();
    (usize::from(b.first().copied().unwrap_or(0)) << 8)
        | usize::from(b.get(1).copied().unwrap_or(0))
}

/// Great-circle distance in kilometres.
#[must_use]
pub fn distance_km(lat1: f32, lon1: f32, lat2: f32, lon2: f32) -> f32 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().min(1.0).asin()
}
