//! The lemmatizer: suffix rules checked against a lexicon, plus exception
//! tables, all conditioned on the Penn Treebank tag.
//!
//! Lookup order for a word `w` tagged `x`:
//! 1. the exact-case table `(w, x)` (learned cases such as "American"/JJ or "GOD"/NNP);
//! 2. the lowercase table `(lowercase(w), x)` (irregular forms: "was"/VBD -> "be",
//!    "children"/NNS -> "child", "n't"/RB -> "not", "me"/PRP -> "I");
//! 3. suffix rules for inflected tags (NNS, VBZ, VBD, VBN, VBG, JJR, JJS, RBR, RBS):
//!    each rule proposes candidate stems and the first one found in the lexicon of
//!    that part of speech wins, else a default; other tags keep the lowercased form.
//!
//! Proper nouns (NNP, NNPS) keep the case of the word, as in UD English EWT;
//! names written in lowercase that WordNet capitalises are capitalised ("india").
//!
//! A few rules guard against likely tagging errors or odd spellings: a word
//! tagged NNP but written as the plural of a common noun gets the singular
//! ("Hills" -> "Hill"); stretched words lose their repeated letters ("sooooo" ->
//! "so", whatever the tag); a decimal comma becomes a point ("7,5" -> "7.5").
//! The tables live in `crates/tagger/data/` (see its README for source and
//! licence) and are embedded in the binary.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, OnceLock};
use tocsin_core::{Upos, Xpos};

const LEMMAS: &str = include_str!("../data/lemmas.tsv");
const NOUNS: &str = include_str!("../data/lexicon-noun.txt");
const VERBS: &str = include_str!("../data/lexicon-verb.txt");
const ADJS: &str = include_str!("../data/lexicon-adj.txt");
const NAMES: &str = include_str!("../data/lexicon-name.txt");

/// A fast non-cryptographic hasher for the string tables (FxHash's multiply-rotate
/// over 8-byte chunks); the tables are built from our own data, so hash flooding
/// is no concern.
#[derive(Clone, Copy, Debug, Default)]
struct FastHasher(u64);

impl std::hash::Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut a = [0u8; 8];
            a.copy_from_slice(c);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(a)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }
}

type Fast = std::hash::BuildHasherDefault<FastHasher>;
type Table = HashMap<Box<str>, Vec<(Xpos, Box<str>)>, Fast>;
type WordSet = HashSet<Box<str>, Fast>;

/// The parsed lemma tables and lexicons.
#[derive(Debug, Default)]
pub(crate) struct Tables {
    exact: Table,
    lower: Table,
    nouns: WordSet,
    verbs: WordSet,
    adjs: WordSet,
    /// Lowercased single words WordNet capitalises as nouns ("india", "tehran").
    names: WordSet,
}

fn words(text: &str) -> WordSet {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(Box::from)
        .collect()
}

impl Tables {
    pub(crate) fn parse(lemmas: &str, nouns: &str, verbs: &str, adjs: &str, names: &str) -> Tables {
        let mut t = Tables {
            nouns: words(nouns),
            verbs: words(verbs),
            adjs: words(adjs),
            names: words(names),
            ..Tables::default()
        };
        for line in lemmas.lines() {
            if line.starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(kind), Some(form), Some(x), Some(lemma)) =
                (cols.next(), cols.next(), cols.next(), cols.next())
            else {
                continue;
            };
            let Some(x) = Xpos::parse(x) else { continue };
            let table = match kind {
                "E" => &mut t.exact,
                "L" => &mut t.lower,
                _ => continue,
            };
            table
                .entry(Box::from(form))
                .or_default()
                .push((x, Box::from(lemma)));
        }
        t
    }
}

/// The embedded lexicons as (lowercase-word hash, class bits), sorted: the
/// tagger's training copies them into the model (see `features::lex_bits`).
pub(crate) fn lexicon_classes() -> Vec<(u64, u8)> {
    use crate::features::{lower_hash, LEX_ADJ, LEX_NAME, LEX_NOUN, LEX_VERB};
    let mut m: std::collections::BTreeMap<u64, u8> = std::collections::BTreeMap::new();
    for (text, bit) in [
        (NOUNS, LEX_NOUN),
        (VERBS, LEX_VERB),
        (ADJS, LEX_ADJ),
        (NAMES, LEX_NAME),
    ] {
        for w in text.lines().map(str::trim) {
            if !w.is_empty() && !w.starts_with('#') {
                *m.entry(lower_hash(w)).or_default() |= bit as u8;
            }
        }
    }
    m.into_iter().collect()
}

fn tables() -> Arc<Tables> {
    static T: OnceLock<Arc<Tables>> = OnceLock::new();
    T.get_or_init(|| Arc::new(Tables::parse(LEMMAS, NOUNS, VERBS, ADJS, NAMES)))
        .clone()
}

fn lookup<'t>(table: &'t Table, form: &str, x: Xpos) -> Option<&'t str> {
    table
        .get(form)?
        .iter()
        .find(|(tx, _)| *tx == x)
        .map(|(_, l)| &**l)
}

/// A POS-aware English lemmatizer following UD English EWT conventions.
///
/// ```
/// use tocsin_core::{Upos, Xpos};
/// let l = tocsin_tagger::Lemmatizer::embedded();
/// assert_eq!(l.lemma("troops", Upos::Noun, Xpos::Nns), "troop");
/// assert_eq!(l.lemma("was", Upos::Aux, Xpos::Vbd), "be");
/// ```
#[derive(Clone)]
pub struct Lemmatizer {
    tables: Arc<Tables>,
}

impl std::fmt::Debug for Lemmatizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lemmatizer")
            .field("exact", &self.tables.exact.len())
            .field("lower", &self.tables.lower.len())
            .finish_non_exhaustive()
    }
}

impl Default for Lemmatizer {
    fn default() -> Self {
        Lemmatizer::embedded()
    }
}

impl Lemmatizer {
    /// The lemmatizer with the embedded tables (parsed once per process).
    #[must_use]
    pub fn embedded() -> Lemmatizer {
        Lemmatizer { tables: tables() }
    }

    /// A lemmatizer over other tables (used when regenerating them).
    pub(crate) fn with_tables(tables: Tables) -> Lemmatizer {
        Lemmatizer {
            tables: Arc::new(tables),
        }
    }

    /// The lemma of `word` tagged `upos`/`xpos`; borrows `word` when the lemma
    /// is the word itself.
    #[must_use]
    pub fn lemma<'a>(&self, word: &'a str, upos: Upos, xpos: Xpos) -> Cow<'a, str> {
        let mut out = String::new();
        self.lemma_into(word, upos, xpos, &mut out);
        if out == word {
            Cow::Borrowed(word)
        } else {
            Cow::Owned(out)
        }
    }

    /// Writes the lemma of `word` into `out` (cleared first), reusing its allocation.
    pub fn lemma_into(&self, word: &str, _upos: Upos, xpos: Xpos, out: &mut String) {
        out.clear();
        if let Some(l) = lookup(&self.tables.exact, word, xpos) {
            out.push_str(l);
            return;
        }
        if xpos == Xpos::Add {
            // E-mail and web addresses are their own lemma, case and all.
            out.push_str(word);
            return;
        }
        if matches!(xpos, Xpos::Nns | Xpos::Nnps) {
            if let Some(stem) = word
                .strip_suffix("'s")
                .or_else(|| word.strip_suffix("\u{2019}s"))
                .filter(|s| !s.is_empty())
            {
                // "CD's" -> "CD", "video's" -> "video": an apostrophe plural.
                if stem.bytes().any(|b| b.is_ascii_uppercase()) {
                    out.push_str(stem);
                } else {
                    lowercase_into(stem, out);
                }
                return;
            }
        }
        if xpos == Xpos::Cd && is_decimal_comma(word) {
            // EWT writes the decimal comma of "7,5" as a point: lemma "7.5".
            out.extend(word.chars().map(|c| if c == ',' { '.' } else { c }));
            return;
        }
        if !matches!(xpos, Xpos::Cd | Xpos::Ls) && has_letter_run(word) {
            if let Some(plain) = self.unstretched(word) {
                // "sooooo" -> "so", "VERYYY" -> "very": EWT lemmatizes the plain
                // word. A stretched word is an expressive common word, so a
                // proper-noun tag on it ("Soooo" at the start of a sentence) is
                // not trusted.
                if matches!(xpos, Xpos::Nnp | Xpos::Nnps) {
                    out.push_str(&plain);
                } else {
                    self.lemma_into(&plain, _upos, xpos, out);
                }
                return;
            }
        }
        if xpos == Xpos::Cd && is_grouped_number(word) {
            // EWT writes "200,000" as lemma "200000".
            out.extend(word.chars().filter(|&c| c != ','));
            return;
        }
        if !matches!(xpos, Xpos::Nnp | Xpos::Nnps)
            && word.bytes().any(|b| b.is_ascii_digit())
            && word.bytes().any(|b| b.is_ascii_uppercase())
        {
            // Codes and model numbers keep their case: "Q1", "AS400", "E17".
            out.push_str(word);
            return;
        }
        lowercase_into(word, out);
        if let Some(l) = lookup(&self.tables.lower, out, xpos) {
            out.clear();
            out.push_str(l);
        } else {
            self.rules(xpos, out);
        }
        if matches!(xpos, Xpos::Nnp | Xpos::Nnps) {
            recase(word, out);
            let lower_start = word.chars().next().is_some_and(char::is_lowercase);
            if xpos == Xpos::Nnps && lower_start {
                // EWT capitalizes plural proper nouns written in lowercase ("koreans").
                capitalize(out);
            } else if lower_start
                && out.len() >= 4
                && self.tables.names.contains(out.as_str())
                && !self.tables.verbs.contains(out.as_str())
            {
                // ... and names written in lowercase ("india", "tampa"): those that
                // WordNet capitalises, unless they are also verbs ("frank", "park").
                capitalize(out);
            }
        }
    }

    /// The plain word behind a stretched one ("sooooo" -> "so", "litttle" ->
    /// "little"): runs of three or more equal letters cut to one, else to two,
    /// whichever makes a known word of two letters or more.
    fn unstretched(&self, word: &str) -> Option<String> {
        let t = &*self.tables;
        [1, 2].into_iter().map(|k| squeeze_runs(word, k)).find(|s| {
            s.len() >= 2
                && s.bytes().any(|b| b != s.as_bytes()[0])
                && (t.nouns.contains(s.as_str())
                    || t.verbs.contains(s.as_str())
                    || t.adjs.contains(s.as_str())
                    || t.lower.contains_key(s.as_str()))
        })
    }

    /// Applies the suffix rules of `xpos` to the lowercased word in `w`.
    fn rules(&self, xpos: Xpos, w: &mut String) {
        let t = &*self.tables;
        let cut = match xpos {
            // A plural noun whose singular is unknown is its own lemma
            // ("whereabouts", "feces", "genitals").
            Xpos::Nns => plural(w, &t.nouns).filter(|&(keep, add)| {
                known(&t.nouns, &w[..keep], add) || !t.nouns.contains(w.as_str())
            }),
            Xpos::Nnps => plural(w, &t.nouns),
            Xpos::Nnp => plural_as_name(w, t).or_else(|| comparative_as_name(w, t)),
            Xpos::Vbz => plural(w, &t.verbs),
            Xpos::Vbd | Xpos::Vbn => suffixed(w, "ed", "ied", &t.verbs),
            Xpos::Vbg => suffixed(w, "ing", "ying", &t.verbs),
            Xpos::Jjr | Xpos::Rbr => suffixed(w, "er", "ier", &t.adjs),
            Xpos::Jjs | Xpos::Rbs => suffixed(w, "est", "iest", &t.adjs),
            _ => None,
        };
        if let Some((keep, add)) = cut {
            w.truncate(keep);
            w.push_str(add);
        }
    }
}

/// Digits, one comma and one or two digits: a decimal comma ("3,40", "7,5").
fn is_decimal_comma(w: &str) -> bool {
    let Some((int, frac)) = w.split_once(',') else {
        return false;
    };
    !int.is_empty()
        && (1..=2).contains(&frac.len())
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
}

/// Does `w` hold the same letter three times in a row ("sooo", "VERYYY")?
fn has_letter_run(w: &str) -> bool {
    w.as_bytes()
        .windows(3)
        .any(|t| t[0].is_ascii_alphabetic() && t[0] == t[1] && t[1] == t[2])
}

/// `w` lowercased with every run of three or more equal letters cut to `keep`.
fn squeeze_runs(w: &str, keep: usize) -> String {
    let b = w.as_bytes();
    let mut s = String::with_capacity(w.len());
    let mut i = 0;
    while i < b.len() {
        let mut j = i + 1;
        while j < b.len() && b[j] == b[i] {
            j += 1;
        }
        let take = if b[i].is_ascii_alphabetic() && j - i >= 3 {
            keep
        } else {
            j - i
        };
        for _ in 0..take {
            s.push(char::from(b[i].to_ascii_lowercase()));
        }
        i = j;
    }
    s
}

/// Digits with thousands commas and an optional decimal part: "1,200", "3,000.50".
fn is_grouped_number(w: &str) -> bool {
    let int = w.split('.').next().unwrap_or("");
    w.contains(',')
        && w.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && int.bytes().all(|b| b.is_ascii_digit() || b == b',')
        && w.bytes().filter(|&b| b == b'.').count() <= 1
        && w.bytes()
            .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
}

/// `w` lowercased into `out`.
fn lowercase_into(w: &str, out: &mut String) {
    if w.is_ascii() {
        out.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
}

/// Gives `lemma` the case of `word` where their letters agree ("Americans" ->
/// "american" -> "American").
fn recase(word: &str, lemma: &mut String) {
    if word.is_ascii() && lemma.is_ascii() {
        let wb = word.as_bytes();
        // Safe on ASCII: each byte is a char.
        let mut bytes = std::mem::take(lemma).into_bytes();
        for (b, &o) in bytes.iter_mut().zip(wb) {
            if o.to_ascii_lowercase() == *b {
                *b = o;
            }
        }
        *lemma = String::from_utf8(bytes).unwrap_or_default();
        return;
    }
    let mut s = String::with_capacity(lemma.len());
    let mut wc = word.chars();
    for c in lemma.chars() {
        match wc.next() {
            Some(o) if o.to_lowercase().eq(std::iter::once(c)) => s.push(o),
            _ => s.push(c),
        }
    }
    *lemma = s;
}

/// Uppercases the first character of `s`.
fn capitalize(s: &mut String) {
    if let Some(c) = s.chars().next() {
        let up: String = c.to_uppercase().collect();
        s.replace_range(..c.len_utf8(), &up);
    }
}

/// Is `base + add` in `lex`? (No allocation for words up to 64 bytes.)
fn known(lex: &WordSet, base: &str, add: &str) -> bool {
    let mut buf = [0u8; 64];
    let n = base.len() + add.len();
    if n > buf.len() {
        return false;
    }
    buf[..base.len()].copy_from_slice(base.as_bytes());
    buf[base.len()..n].copy_from_slice(add.as_bytes());
    std::str::from_utf8(&buf[..n]).is_ok_and(|s| lex.contains(s))
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Ends in consonant-vowel-consonant (not w, x, y): where English doubles the
/// final consonant before a suffix ("stop" -> "stopped") or where a dropped
/// silent e is likely ("hop-ing" is "hope", since "hop" makes "hopping").
fn cvc(s: &[u8]) -> bool {
    let n = s.len();
    n >= 3
        && !is_vowel(s[n - 1])
        && !matches!(s[n - 1], b'w' | b'x' | b'y')
        && is_vowel(s[n - 2])
        && !is_vowel(s[n - 3])
}

/// Plural or third-person -s: returns (bytes to keep, text to add).
fn plural(w: &str, lex: &WordSet) -> Option<(usize, &'static str)> {
    let b = w.as_bytes();
    let n = b.len();
    if w.ends_with("men") && n > 3 {
        return Some((n - 2, "an"));
    }
    if n < 3 || !w.ends_with('s') || w.ends_with("ss") {
        return None;
    }
    if w.ends_with("us") || w.ends_with("is") {
        // "gurus" -> "guru", but "status", "analysis" stay.
        return (known(lex, &w[..n - 1], "") && !known(lex, w, "")).then_some((n - 1, ""));
    }
    if w.ends_with("ies") && n > 4 {
        if known(lex, &w[..n - 1], "") {
            return Some((n - 1, ""));
        }
        return Some((n - 3, "y"));
    }
    if w.ends_with("ves") && !known(lex, &w[..n - 1], "") {
        if known(lex, &w[..n - 3], "f") {
            return Some((n - 3, "f"));
        }
        if known(lex, &w[..n - 3], "fe") {
            return Some((n - 3, "fe"));
        }
    }
    if w.ends_with("es") {
        let stem = &w[..n - 2];
        let e_known = known(lex, &w[..n - 1], "");
        // "heroes" -> "hero", but "foes" -> "foe" and "toes" -> "toe": where
        // both stems are words, the one in -o is a clipping or a particle.
        let sibilant = ["s", "x", "z", "ch", "sh"]
            .iter()
            .any(|e| stem.ends_with(e))
            || (stem.ends_with('o') && !e_known);
        let stem_known = known(lex, stem, "");
        if sibilant && (stem_known || !e_known) && !stem.ends_with("ss") {
            // "buses" -> "bus", "boxes" -> "box"; but "houses" -> "house" below.
            if stem_known || !stem.ends_with('s') {
                return Some((n - 2, ""));
            }
        }
        if stem.ends_with("ss") {
            return Some((n - 2, ""));
        }
    }
    Some((n - 1, ""))
}

/// A word tagged as a singular proper noun but written as the plural of a
/// common noun ("Hills", "Books", "Buses": the plural names of EWT, NNPS, whose
/// lemma is the singular): the singular, when it is a known noun while the
/// word itself is neither a known noun ("news", "arms") nor a known name
/// ("Texas", "Hayes"). Only -s plurals: "Carmen" is no plural of "carman".
fn plural_as_name(w: &str, t: &Tables) -> Option<(usize, &'static str)> {
    if !w.ends_with('s') || w.len() < 4 || t.nouns.contains(w) || t.names.contains(w) {
        return None;
    }
    let (keep, add) = plural(w, &t.nouns)?;
    known(&t.nouns, &w[..keep], add).then_some((keep, add))
}

/// A comparative or superlative adjective in a name ("Greater London",
/// "Higher Education"): EWT gives the plain adjective ("Great", "High"), when
/// it is a known adjective while the word itself is neither a known noun
/// ("Center", "Hunter") nor a known name.
fn comparative_as_name(w: &str, t: &Tables) -> Option<(usize, &'static str)> {
    // Only plain -er/-est: the -ier/-iest path reads surnames such as
    // "Fortier" as "forty".
    if t.nouns.contains(w) || t.names.contains(w) || w.ends_with("ier") || w.ends_with("iest") {
        return None;
    }
    ["er", "est"]
        .into_iter()
        .filter_map(|suffix| suffixed(w, suffix, suffix, &t.adjs))
        .find(|&(keep, add)| known(&t.adjs, &w[..keep], add))
}

/// Removes `suffix` (-ed, -ing, -er, -est) or `i_suffix` (-ied, ... -> y):
/// returns (bytes to keep, text to add).
fn suffixed(w: &str, suffix: &str, i_suffix: &str, lex: &WordSet) -> Option<(usize, &'static str)> {
    let n = w.len();
    if !w.ends_with(suffix) || n < suffix.len() + 2 {
        return None;
    }
    let k = n - suffix.len();
    let stem = &w[..k];
    let sb = stem.as_bytes();
    if w.ends_with(i_suffix) && i_suffix.starts_with('i') && n > i_suffix.len() + 1 {
        // "carried" -> "carry", "happier" -> "happy"; not "died" -> "dy".
        if !known(lex, stem, "") && !known(lex, stem, "e") {
            return Some((n - i_suffix.len(), "y"));
        }
    }
    let plain = known(lex, stem, "");
    let with_e = known(lex, stem, "e");
    let doubled = sb.len() >= 2
        && sb[sb.len() - 1] == sb[sb.len() - 2]
        && sb[sb.len() - 1].is_ascii_alphabetic()
        && !is_vowel(sb[sb.len() - 1]);
    if plain && with_e {
        return Some(if cvc(sb) { (k, "e") } else { (k, "") });
    }
    if plain {
        return Some((k, ""));
    }
    if with_e {
        return Some((k, "e"));
    }
    if doubled && known(lex, &stem[..k - 1], "") {
        return Some((k - 1, ""));
    }
    // Unknown word: undouble "blogged" but not "called"/"passed"/"buzzed".
    if doubled && !matches!(sb[sb.len() - 1], b'l' | b's' | b'z') {
        return Some((k - 1, ""));
    }
    if suffix == "ed" || suffix == "ing" {
        // "googled", "solved", "argued", "forced", "judged": stems that cannot end a word.
        let last2 = &sb[sb.len().saturating_sub(2)..];
        let needs_e = matches!(sb[sb.len() - 1], b'v' | b'u' | b'c')
            || (last2.len() == 2
                && !is_vowel(last2[0])
                && matches!(last2[1], b'l' | b'g')
                && last2[0] != b'l'
                && last2[0] != b'n');
        if needs_e {
            return Some((k, "e"));
        }
    }
    Some((k, ""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(word: &str, upos: Upos, xpos: Xpos, want: &str) {
        let l = Lemmatizer::embedded();
        assert_eq!(l.lemma(word, upos, xpos), want, "{word}/{xpos}");
    }

    #[test]
    fn regular_inflections() {
        check("troops", Upos::Noun, Xpos::Nns, "troop");
        check("massed", Upos::Verb, Xpos::Vbd, "mass");
        check("boxes", Upos::Noun, Xpos::Nns, "box");
        check("cities", Upos::Noun, Xpos::Nns, "city");
        check("stopped", Upos::Verb, Xpos::Vbd, "stop");
        check("hoping", Upos::Verb, Xpos::Vbg, "hope");
        check("walking", Upos::Verb, Xpos::Vbg, "walk");
        check("Troops", Upos::Noun, Xpos::Nns, "troop");
        check("Americans", Upos::Propn, Xpos::Nnps, "American");
        check("Russia", Upos::Propn, Xpos::Nnp, "Russia");
    }

    #[test]
    fn calendar_abbreviations_in_full() {
        check("Aug", Upos::Propn, Xpos::Nnp, "August");
        check("Jul.", Upos::Propn, Xpos::Nnp, "July");
        check("Thurs", Upos::Propn, Xpos::Nnp, "Thursday");
    }

    #[test]
    fn comparative_in_a_name() {
        check("Greater", Upos::Propn, Xpos::Nnp, "Great");
        check("Higher", Upos::Propn, Xpos::Nnp, "High");
        // Known nouns and names stay.
        check("Center", Upos::Propn, Xpos::Nnp, "Center");
        check("Hunter", Upos::Propn, Xpos::Nnp, "Hunter");
        check("Forest", Upos::Propn, Xpos::Nnp, "Forest");
    }

    #[test]
    fn plural_only_nouns_stay() {
        check("feces", Upos::Noun, Xpos::Nns, "feces");
        check("surroundings", Upos::Noun, Xpos::Nns, "surroundings");
        // Unknown plurals still lose their -s.
        check("blorgs", Upos::Noun, Xpos::Nns, "blorg");
    }

    #[test]
    fn plurals_in_oes() {
        check("heroes", Upos::Noun, Xpos::Nns, "hero");
        check("potatoes", Upos::Noun, Xpos::Nns, "potato");
        check("foes", Upos::Noun, Xpos::Nns, "foe");
        check("toes", Upos::Noun, Xpos::Nns, "toe");
        check("canoes", Upos::Noun, Xpos::Nns, "canoe");
        check("goes", Upos::Verb, Xpos::Vbz, "go");
    }

    #[test]
    fn decimal_comma_becomes_a_point() {
        check("7,5", Upos::Num, Xpos::Cd, "7.5");
        check("3,40", Upos::Num, Xpos::Cd, "3.40");
        check("3,000", Upos::Num, Xpos::Cd, "3000");
        check("1,200,000", Upos::Num, Xpos::Cd, "1200000");
    }

    #[test]
    fn stretched_words_lose_their_repeats() {
        check("sooooo", Upos::Adv, Xpos::Rb, "so");
        check("litttle", Upos::Adj, Xpos::Jj, "little");
        check("prettty", Upos::Adv, Xpos::Rb, "pretty");
        // A proper-noun tag on a stretched word is not trusted.
        check("VERYYY", Upos::Propn, Xpos::Nnp, "very");
        // Inflection still applies to the plain word.
        check("loooove", Upos::Verb, Xpos::Vb, "love");
        // Roman numerals, unknown words and one-letter runs stay.
        check("III", Upos::Num, Xpos::Cd, "III");
        check("mmmm", Upos::Intj, Xpos::Uh, "mmmm");
        check("zzzyx", Upos::Noun, Xpos::Nn, "zzzyx");
    }

    #[test]
    fn lowercase_names_are_capitalised() {
        check("india", Upos::Propn, Xpos::Nnp, "India");
        check("tampa", Upos::Propn, Xpos::Nnp, "Tampa");
        // Not verbs ("frank"), not short words ("al" of "al Qaeda").
        check("frank", Upos::Propn, Xpos::Nnp, "frank");
        check("al", Upos::Propn, Xpos::Nnp, "al");
        check("kerfuffle", Upos::Propn, Xpos::Nnp, "kerfuffle");
    }

    #[test]
    fn plural_common_noun_tagged_as_name() {
        check("Hills", Upos::Propn, Xpos::Nnp, "Hill");
        check("Cabs", Upos::Propn, Xpos::Nnp, "Cab");
        // Known names and nouns that end in -s stay.
        check("Texas", Upos::Propn, Xpos::Nnp, "Texas");
        check("News", Upos::Propn, Xpos::Nnp, "News");
        check("Carmen", Upos::Propn, Xpos::Nnp, "Carmen");
    }

    #[test]
    fn capitalised_adjectives_keep_their_case() {
        check("Andean", Upos::Adj, Xpos::Jj, "Andean");
        check("mediterranean", Upos::Adj, Xpos::Jj, "Mediterranean");
        check("Federal", Upos::Adj, Xpos::Jj, "federal");
    }

    #[test]
    fn no_panic_on_odd_words() {
        let l = Lemmatizer::embedded();
        for w in [
            "", "s", "es", "ed", "ing", "ïes", "🙂ing", "ǅed", "ßes", "İes", "ééé", "aaa", "ǅǅǅs",
            ",5", "5,", "1,,2", "sss", "İİİ",
        ] {
            for x in Xpos::ALL {
                let _ = l.lemma(w, Upos::X, *x);
            }
        }
    }
}
