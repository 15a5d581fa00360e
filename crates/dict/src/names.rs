//! Name tokens and the longest-match name index.
//!
//! Dictionary names are split the way tocsin's tokenizer splits running text
//! (UD EWT style: `Putin's` → `Putin` `'s`, `U.S.` stays whole, hyphenated
//! words stay whole), then each token is normalized with [`normalize_token`].
//! The coder normalizes its tokens the same way and asks the [`NameIndex`]
//! for the longest name starting at a position.

use crate::model::DateRange;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use tocsin_core::Date;

/// Normalizes one token for name matching: lowercase, curly quotes and
/// apostrophes made straight, common Latin diacritics removed (`Zürich` →
/// `zurich`).
#[must_use]
pub fn normalize_token(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{02BC}' | '`' | '\u{00B4}' => out.push('\''),
            '\u{201C}' | '\u{201D}' | '\u{201E}' => out.push('"'),
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' => out.push('-'),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => match fold_latin(c) {
                Some(s) => out.push_str(s),
                None => out.extend(c.to_lowercase()),
            },
        }
    }
    out
}

/// Strips the diacritic of a Latin letter (lowercased), if it has one.
fn fold_latin(c: char) -> Option<&'static str> {
    Some(match c {
        'À'..='Å' | 'à'..='å' | 'Ā' | 'ā' | 'Ă' | 'ă' | 'Ą' | 'ą' => "a",
        'Æ' | 'æ' => "ae",
        'Ç' | 'ç' | 'Ć' | 'ć' | 'Č' | 'č' => "c",
        'Ď' | 'ď' | 'Đ' | 'đ' => "d",
        'È'..='Ë' | 'è'..='ë' | 'Ē' | 'ē' | 'Ė' | 'ė' | 'Ę' | 'ę' | 'Ě' | 'ě' => "e",
        'Ğ' | 'ğ' => "g",
        'Ì'..='Ï' | 'ì'..='ï' | 'Ī' | 'ī' | 'İ' | 'ı' => "i",
        'Ł' | 'ł' => "l",
        'Ñ' | 'ñ' | 'Ń' | 'ń' | 'Ň' | 'ň' => "n",
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō' | 'ō' | 'Ő' | 'ő' => "o",
        'Œ' | 'œ' => "oe",
        'Ř' | 'ř' => "r",
        'Ś' | 'ś' | 'Ş' | 'ş' | 'Š' | 'š' | 'Ș' | 'ș' => "s",
        'ß' => "ss",
        'Ţ' | 'ţ' | 'Ť' | 'ť' | 'Ț' | 'ț' => "t",
        'Ù'..='Ü' | 'ù'..='ü' | 'Ū' | 'ū' | 'Ů' | 'ů' | 'Ű' | 'ű' => "u",
        'Ý' | 'ý' | 'ÿ' => "y",
        'Ź' | 'ź' | 'Ż' | 'ż' | 'Ž' | 'ž' => "z",
        _ => return None,
    })
}

/// Splits a dictionary name into tokens with tocsin's own tokenizer
/// (`tocsin-text`), so that names split exactly as running text does (the
/// tokens are not normalized).
///
/// ```
/// assert_eq!(tocsin_dict::tokenize_name("Putin's U.S. envoy"), ["Putin", "'s", "U.S.", "envoy"]);
/// assert_eq!(tocsin_dict::tokenize_name("Korea, South"), ["Korea", ",", "South"]);
/// ```
#[must_use]
pub fn tokenize_name(name: &str) -> Vec<String> {
    let mut spans = Vec::new();
    tocsin_text::Segmenter::new().tokenize(name, &mut spans);
    spans
        .iter()
        .filter_map(|s| name.get(s.start as usize..s.end as usize))
        .filter(|t| !t.trim().is_empty())
        .map(str::to_string)
        .collect()
}

/// Tokenizes and normalizes a name: the token sequence stored in the index.
#[must_use]
pub fn name_tokens(name: &str) -> Vec<String> {
    tokenize_name(name)
        .iter()
        .map(|t| normalize_token(t))
        .collect()
}

/// True when every alphabetic word of the name starts with an uppercase letter
/// (`Kremlin`, `White House`), i.e. the name only matches capitalised text by
/// default. Words with no letters (`'s`) and lowercase function words of 3
/// letters or fewer (`of`, `the`) are ignored.
#[must_use]
pub fn is_capitalised_name(name: &str) -> bool {
    let mut any = false;
    for t in tokenize_name(name) {
        let Some(c) = t.chars().find(|c| c.is_alphabetic()) else {
            continue;
        };
        if c.is_uppercase() {
            any = true;
        } else if t.chars().count() > 3 {
            return false;
        }
    }
    any
}

/// What a name refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NameRef {
    /// Index into `Dictionaries::actors`.
    Actor(u32),
    /// Index into `Dictionaries::agents`.
    Agent(u32),
    /// Index into `Dictionaries::discards`.
    Discard(u32),
}

/// How a name names its entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NameRole {
    /// The canonical name (head or name field).
    Canonical,
    Alias,
    /// `Russian` in `Russian troops`.
    Adjective,
    /// `Russians`: the people; civilians when no agent follows.
    Demonym,
    /// A capital city standing for the government.
    Capital,
    /// A metonym with its own sectors (`Kremlin` → GOV); see `NameTarget::sectors`.
    Metonym,
    /// An agent's singular or alias.
    Agent,
    /// An agent's plural.
    AgentPlural,
    /// A discard phrase.
    Discard,
}

/// One thing a matched name stands for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameTarget {
    pub target: NameRef,
    pub role: NameRole,
    /// Sectors the name adds (metonyms and capitals: `GOV`); empty otherwise.
    pub sectors: Vec<String>,
    /// When the name stands for the target.
    pub dates: DateRange,
    /// Only matches capitalised text.
    pub cased: bool,
}

impl NameTarget {
    /// Whether this target applies to raw (un-normalized) tokens on `date`:
    /// the date is in range and, for cased names, the text is capitalised as a
    /// name is: at least one word starts with an uppercase letter, and every
    /// other alphabetic word is a lowercase particle of names (`of`, `al`,
    /// `de`...). So "us" never matches `US`, "who" never matches `WHO`, and
    /// "car bomb" never matches `CAR`, while "al-Qaeda" and "Bank of England"
    /// match.
    #[must_use]
    pub fn accepts<S: AsRef<str>>(&self, raw: &[S], date: Option<Date>) -> bool {
        self.dates.contains(date) && (!self.cased || cased_text(raw))
    }
}

/// Lowercase words that may sit inside a capitalised name.
const NAME_PARTICLES: &[&str] = &[
    "a", "abu", "ad", "al", "an", "and", "as", "at", "ben", "bin", "by", "da", "de", "del",
    "della", "der", "des", "di", "do", "dos", "du", "e", "el", "en", "et", "for", "ibn", "in",
    "la", "le", "les", "of", "on", "the", "to", "und", "van", "von", "y", "ul", "ur",
];

fn cased_text<S: AsRef<str>>(raw: &[S]) -> bool {
    let mut any_capital = false;
    for t in raw {
        let t = t.as_ref();
        match t.chars().find(|c| c.is_alphabetic()) {
            Some(c) if c.is_uppercase() => any_capital = true,
            Some(_) if NAME_PARTICLES.contains(&t) => {}
            Some(_) => return false,
            None => {}
        }
    }
    any_capital
}

/// One token of an indexed name.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct NameTok {
    /// Normalized text.
    pub text: String,
    /// Matches any token starting with `text` (TABARI stems).
    pub stem: bool,
}

impl NameTok {
    /// A whole-word token.
    #[must_use]
    pub fn word(text: impl Into<String>) -> NameTok {
        NameTok {
            text: text.into(),
            stem: false,
        }
    }

    fn matches(&self, token: &str) -> bool {
        if self.stem {
            token.starts_with(self.text.as_str())
        } else {
            token == self.text
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Entry {
    /// Tokens after the first.
    rest: Vec<NameTok>,
    targets: Vec<NameTarget>,
}

/// Names as normalized token sequences, looked up by longest match.
///
/// ```
/// use tocsin_dict::{name_tokens, NameIndex, NameRef, NameRole, NameTarget, DateRange};
/// let mut idx = NameIndex::default();
/// let t = NameTarget { target: NameRef::Actor(0), role: NameRole::Canonical, sectors: vec![],
///                      dates: DateRange::ALWAYS, cased: false };
/// idx.insert_words(&name_tokens("United States"), t);
/// let text = name_tokens("the United States said");
/// assert_eq!(idx.longest_match(&text, 1).map(|(n, _)| n), Some(2));
/// assert!(idx.longest_match(&text, 0).is_none());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameIndex {
    /// First token (exact) → entries, longest first.
    exact: HashMap<String, Vec<Entry>>,
    /// First token is a stem → entries, longest first.
    stems: HashMap<String, Vec<Entry>>,
    len: usize,
}

impl NameIndex {
    /// Adds a name given as whole-word normalized tokens.
    pub fn insert_words(&mut self, tokens: &[String], target: NameTarget) {
        let toks: Vec<NameTok> = tokens.iter().map(|t| NameTok::word(t.clone())).collect();
        self.insert(&toks, target);
    }

    /// Adds a name. Empty names are ignored. The same token sequence given
    /// twice keeps one entry with both targets.
    pub fn insert(&mut self, tokens: &[NameTok], target: NameTarget) {
        let Some((first, rest)) = tokens.split_first() else {
            return;
        };
        let map = if first.stem {
            &mut self.stems
        } else {
            &mut self.exact
        };
        let list = map.entry(first.text.clone()).or_default();
        if let Some(e) = list.iter_mut().find(|e| e.rest == rest) {
            if !e.targets.contains(&target) {
                e.targets.push(target);
            }
            return;
        }
        self.len += 1;
        let pos = list
            .iter()
            .position(|e| e.rest.len() < rest.len())
            .unwrap_or(list.len());
        list.insert(
            pos,
            Entry {
                rest: rest.to_vec(),
                targets: vec![target],
            },
        );
    }

    /// Number of distinct names.
    #[must_use]
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when no name is indexed.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Every match starting at `at`, longest first: `(token count, targets)`.
    /// `norm` holds normalized tokens ([`normalize_token`]).
    pub fn matches<S: AsRef<str>>(
        &self,
        norm: &[S],
        at: usize,
    ) -> std::vec::IntoIter<(usize, &[NameTarget])> {
        let first = norm.get(at).map_or("", AsRef::as_ref);
        let exact = self.exact.get(first).into_iter().flatten();
        let stems = (!self.stems.is_empty() && !first.is_empty())
            .then(|| {
                first
                    .char_indices()
                    .map(|(i, c)| &first[..i + c.len_utf8()])
                    .filter_map(|p| self.stems.get(p))
                    .flatten()
            })
            .into_iter()
            .flatten();
        let mut found: Vec<(usize, &[NameTarget])> = exact
            .chain(stems)
            .filter(|e| rest_matches(&e.rest, norm, at + 1))
            .map(|e| (e.rest.len() + 1, &e.targets[..]))
            .collect();
        found.sort_by_key(|f| std::cmp::Reverse(f.0));
        found.into_iter()
    }

    /// The longest name starting at `at` (no case or date filtering).
    #[must_use]
    pub fn longest_match<S: AsRef<str>>(
        &self,
        norm: &[S],
        at: usize,
    ) -> Option<(usize, &[NameTarget])> {
        let first = norm.get(at)?.as_ref();
        if self.stems.is_empty() {
            // Entries are sorted longest first: the first hit is the longest.
            return self
                .exact
                .get(first)?
                .iter()
                .find(|e| rest_matches(&e.rest, norm, at + 1))
                .map(|e| (e.rest.len() + 1, &e.targets[..]));
        }
        self.matches(norm, at).next()
    }

    /// The longest name starting at `at` with at least one target accepting
    /// the raw tokens (case rule) and the date; returns its length and the
    /// accepted targets.
    ///
    /// When the token at `at` is `the` and a longer name starts right after
    /// it, that one wins and the returned length includes `the`: in "the
    /// United Nations Security Council", `the United Nations` (an alias)
    /// loses to `United Nations Security Council`.
    #[must_use]
    pub fn lookup<S: AsRef<str>, R: AsRef<str>>(
        &self,
        norm: &[S],
        raw: &[R],
        at: usize,
        date: Option<Date>,
    ) -> Option<(usize, Vec<&NameTarget>)> {
        let here = self.lookup_at(norm, raw, at, date);
        if norm.get(at).is_some_and(|t| t.as_ref() == "the") {
            if let Some((n, t)) = self.lookup_at(norm, raw, at + 1, date) {
                if here.as_ref().map_or(true, |h| h.0 < n + 1) {
                    return Some((n + 1, t));
                }
            }
        }
        here
    }

    fn lookup_at<'s, S: AsRef<str>, R: AsRef<str>>(
        &'s self,
        norm: &[S],
        raw: &[R],
        at: usize,
        date: Option<Date>,
    ) -> Option<(usize, Vec<&'s NameTarget>)> {
        let accept = |n: usize, targets: &'_ [NameTarget]| {
            let span = raw.get(at..at + n).unwrap_or(&[]);
            targets.iter().any(|t| t.accepts(span, date))
        };
        let pick = |n: usize, targets: &'s [NameTarget]| {
            let span = raw.get(at..at + n).unwrap_or(&[]);
            (
                n,
                targets
                    .iter()
                    .filter(|t| t.accepts(span, date))
                    .collect::<Vec<_>>(),
            )
        };
        if self.stems.is_empty() {
            // Fast path (no allocation until a match): entries are sorted
            // longest first.
            let first = norm.get(at)?.as_ref();
            return self
                .exact
                .get(first)?
                .iter()
                .filter(|e| rest_matches(&e.rest, norm, at + 1))
                .find(|e| accept(e.rest.len() + 1, &e.targets))
                .map(|e| pick(e.rest.len() + 1, &e.targets));
        }
        self.matches(norm, at)
            .find(|(n, targets)| accept(*n, targets))
            .map(|(n, targets)| pick(n, targets))
    }

    /// Every indexed name: `(tokens, targets)`, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (Vec<NameTok>, &[NameTarget])> + '_ {
        let exact = self.exact.iter().map(|(k, v)| (k, false, v));
        let stems = self.stems.iter().map(|(k, v)| (k, true, v));
        exact.chain(stems).flat_map(|(k, stem, v)| {
            v.iter().map(move |e| {
                let mut toks = vec![NameTok {
                    text: k.clone(),
                    stem,
                }];
                toks.extend(e.rest.iter().cloned());
                (toks, &e.targets[..])
            })
        })
    }
}

fn rest_matches<S: AsRef<str>>(rest: &[NameTok], norm: &[S], from: usize) -> bool {
    rest.len() <= norm.len().saturating_sub(from)
        && rest
            .iter()
            .zip(&norm[from..])
            .all(|(p, t)| p.matches(t.as_ref()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizes_like_running_text() {
        assert_eq!(tokenize_name("Putin's"), ["Putin", "'s"]);
        assert_eq!(tokenize_name("the U.S."), ["the", "U.S."]);
        assert_eq!(tokenize_name("Joseph R. Biden"), ["Joseph", "R.", "Biden"]);
        // tocsin's tokenizer splits hyphens; names follow it.
        assert_eq!(tokenize_name("al-Qaeda"), ["al", "-", "Qaeda"]);
        assert_eq!(tokenize_name("Ministers'"), ["Ministers", "'"]);
        assert_eq!(tokenize_name("(Hamas)"), ["(", "Hamas", ")"]);
        assert_eq!(tokenize_name("Inc."), ["Inc."]);
    }

    #[test]
    fn normalizes_case_quotes_and_accents() {
        assert_eq!(normalize_token("Zürich"), "zurich");
        assert_eq!(normalize_token("\u{2019}S"), "'s");
        assert_eq!(normalize_token("Côte"), "cote");
        assert_eq!(normalize_token("ΑΘΗΝΑ"), "αθηνα");
    }

    #[test]
    fn cased_names_need_capitalised_text() {
        assert!(!cased_text(&["us"]));
        assert!(!cased_text(&["who"]));
        assert!(!cased_text(&["car"]));
        assert!(cased_text(&["US"]));
        assert!(cased_text(&["al", "-", "Qaeda"]));
        assert!(cased_text(&["Bank", "of", "England"]));
        assert!(!cased_text(&["of"]));
        assert!(cased_text(&["RUSSIA"]));
    }

    #[test]
    fn capitalised_names() {
        assert!(is_capitalised_name("Kremlin"));
        assert!(is_capitalised_name("Prince of Wales"));
        assert!(!is_capitalised_name("troops"));
        assert!(!is_capitalised_name("foreign Minister"));
    }

    fn target(i: u32) -> NameTarget {
        NameTarget {
            target: NameRef::Actor(i),
            role: NameRole::Alias,
            sectors: vec![],
            dates: DateRange::ALWAYS,
            cased: false,
        }
    }

    #[test]
    fn longest_match_and_stems() {
        let mut idx = NameIndex::default();
        idx.insert_words(&name_tokens("Korea"), target(0));
        idx.insert_words(&name_tokens("South Korea"), target(1));
        idx.insert_words(&name_tokens("South"), target(2));
        let text = name_tokens("South Korea and Korea");
        assert_eq!(idx.longest_match(&text, 0).unwrap().0, 2);
        assert_eq!(
            idx.longest_match(&text, 3).unwrap().1[0].target,
            NameRef::Actor(0)
        );
        assert!(idx.longest_match(&text, 2).is_none());
        idx.insert(
            &[NameTok {
                text: "argentin".into(),
                stem: true,
            }],
            target(3),
        );
        let text = name_tokens("Argentina");
        assert_eq!(
            idx.longest_match(&text, 0).unwrap().1[0].target,
            NameRef::Actor(3)
        );
        assert_eq!(idx.len(), 4);
    }

    #[test]
    fn a_longer_name_after_the_wins() {
        let mut idx = NameIndex::default();
        idx.insert_words(&name_tokens("the United Nations"), target(0));
        idx.insert_words(&name_tokens("United Nations Security Council"), target(1));
        let raw = ["the", "United", "Nations", "Security", "Council", "met"];
        let norm: Vec<String> = raw.iter().map(|t| normalize_token(t)).collect();
        let (n, t) = idx.lookup(&norm, &raw, 0, None).unwrap();
        assert_eq!((n, t[0].target), (5, NameRef::Actor(1)));
        let (n, t) = idx.lookup(&norm[..3], &raw[..3], 0, None).unwrap();
        assert_eq!((n, t[0].target), (3, NameRef::Actor(0)));
    }

    #[test]
    fn cased_names_need_capitals() {
        let mut idx = NameIndex::default();
        let mut t = target(0);
        t.cased = true;
        idx.insert_words(&name_tokens("Kremlin"), t);
        let raw = ["the", "kremlin"];
        let norm = name_tokens("the kremlin");
        assert!(idx.lookup(&norm, &raw, 1, None).is_none());
        assert!(idx.lookup(&norm, &["the", "Kremlin"], 1, None).is_some());
    }
}
