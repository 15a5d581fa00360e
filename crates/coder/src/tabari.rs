//! TABARI's shallow reading, used with TABARI dictionaries only: the
//! settings of its `.options` file that change what a sentence says
//! (comma-delimited clauses, default actors, converted agents, minimum
//! sentence length).

use crate::sent::Sent;
use tocsin_core::Upos;

/// Word-count limits of the comma-delimited clauses TABARI drops before
/// coding ("Arnor restored ties with Gondor, five years after crowds burned
/// its embassy, an official said": the clause between the commas and the
/// one after the last comma are asides). A clause is dropped when its word
/// count lies in `min..=max`; `min > max` keeps every clause of that kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CommaLimits {
    /// Between two commas (TABARI `MIN`, `MAX`).
    pub internal: (usize, usize),
    /// After the last comma (`EMIN`, `EMAX`).
    pub end: (usize, usize),
    /// Before the first comma (`BMIN`, `BMAX`).
    pub begin: (usize, usize),
}

impl CommaLimits {
    /// PETRARCH's defaults: internal and final clauses of 2 to 8 words, no
    /// initial clause.
    pub const PETRARCH: CommaLimits = CommaLimits {
        internal: (2, 8),
        end: (2, 8),
        begin: (255, 0),
    };

    /// Reads PETRARCH's `comma_min`, `comma_max`, `comma_emin`,
    /// `comma_emax`, `comma_bmin`, `comma_bmax` settings over `self`.
    #[must_use]
    pub fn with_petrarch_settings<'a>(
        mut self,
        settings: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Self {
        for (k, v) in settings {
            if let (Some(name), Ok(n)) = (k.strip_prefix("comma_"), v.trim().parse()) {
                self.set(name, n);
            }
        }
        self
    }

    /// Sets one limit by its name, case-insensitively: `min`, `max` (internal
    /// clauses), `emin`, `emax` (final), `bmin`, `bmax` (initial). Other names
    /// are ignored.
    fn set(&mut self, name: &str, n: usize) {
        match name.to_ascii_lowercase().as_str() {
            "min" => self.internal.0 = n,
            "max" => self.internal.1 = n,
            "emin" => self.end.0 = n,
            "emax" => self.end.1 = n,
            "bmin" => self.begin.0 = n,
            "bmax" => self.begin.1 = n,
            _ => {}
        }
    }
}

impl Default for CommaLimits {
    /// TABARI's defaults: internal and final clauses of 2 to 10 words, no
    /// initial clause.
    fn default() -> Self {
        CommaLimits {
            internal: (2, 10),
            end: (2, 10),
            begin: (255, 0),
        }
    }
}

/// A default actor for a side left empty (`DEFAULT: SOURCE [X] PRIOR`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DefaultActor {
    pub code: String,
    /// `PRIOR` (source) or `AFTER` (target): only when no actor at all
    /// stands on that side of the verb.
    pub only_when_none: bool,
}

/// How many events TABARI codes in a sentence (`SET: CODE BY CLAUSE`,
/// `SET: CODE BY SENTENCE`, `SET: CODE ALL`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CodeBy {
    /// The first verb of each clause; clauses are split at the
    /// conjunctions that join verbs ("... or assail Arnor, but Dagolath
    /// promised aid").
    #[default]
    Clause,
    /// The first verb of the sentence.
    Sentence,
    /// Every verb.
    All,
}

/// Settings of TABARI's `.options` file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TabariOptions {
    /// How many events a sentence gives.
    pub code_by: CodeBy,
    /// Comma-delimited clauses to drop; `None` with `COMMA: OFF`.
    pub comma: Option<CommaLimits>,
    /// `DEFAULT: SOURCE [X]`.
    pub default_source: Option<DefaultActor>,
    /// `DEFAULT: TARGET [X]`.
    pub default_target: Option<DefaultActor>,
    /// `SET: CONVERT AGENT = TRUE`: an agent with no country codes as
    /// `~CODE` ("the Muslims" → `~MOS`).
    pub convert_agent: bool,
    /// `SET: MINIMUM WORDS = n`: shorter sentences are not coded (TABARI's
    /// default is 8; a clitic such as "'s" is not a word).
    pub minimum_words: usize,
}

impl Default for TabariOptions {
    fn default() -> Self {
        TabariOptions {
            code_by: CodeBy::Clause,
            comma: Some(CommaLimits::default()),
            default_source: None,
            default_target: None,
            convert_agent: false,
            minimum_words: 8,
        }
    }
}

impl TabariOptions {
    /// Reads the options TABARI files set, keys lowercase with `_` for
    /// spaces (`comma` = `MIN = 4 MAX = 6`, `default` = `SOURCE [X] PRIOR`,
    /// `convert_agent` = `TRUE`, `minimum_words` = `5`). Unknown keys and
    /// malformed values leave the defaults.
    #[must_use]
    pub fn from_settings<'a>(settings: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut o = TabariOptions::default();
        for (k, v) in settings {
            let v = v.trim();
            match k {
                "comma" => o.comma = comma_setting(o.comma, v),
                "default" => {
                    if v.eq_ignore_ascii_case("off") {
                        o.default_source = None;
                        o.default_target = None;
                    } else {
                        let (src, tgt) = default_setting(v);
                        o.default_source = src;
                        o.default_target = tgt;
                    }
                }
                "code" => {
                    let v = v.to_ascii_uppercase();
                    o.code_by = match v.split_whitespace().last() {
                        Some("SENTENCE") => CodeBy::Sentence,
                        Some("ALL") => CodeBy::All,
                        _ => CodeBy::Clause,
                    };
                }
                "convert_agent" => o.convert_agent = v.eq_ignore_ascii_case("true"),
                "minimum_words" => o.minimum_words = v.parse().unwrap_or(0),
                _ => {}
            }
        }
        o
    }
}

fn comma_setting(cur: Option<CommaLimits>, v: &str) -> Option<CommaLimits> {
    if v.eq_ignore_ascii_case("off") {
        return None;
    }
    let mut c = cur.unwrap_or_default();
    let toks: Vec<&str> = v
        .split(|ch: char| ch.is_whitespace() || ch == '=')
        .filter(|t| !t.is_empty())
        .collect();
    for pair in toks.windows(2) {
        if let Ok(n) = pair[1].parse() {
            c.set(pair[0], n);
        }
    }
    Some(c)
}

/// `SOURCE [DEFSRC] PRIOR TARGET [DEFTAR] AFTER`.
fn default_setting(v: &str) -> (Option<DefaultActor>, Option<DefaultActor>) {
    let upper = v.to_ascii_uppercase();
    let side = |name: &str, cond: &str| -> Option<DefaultActor> {
        let at = upper.find(name)?;
        let rest = &v[at + name.len()..];
        let open = rest.find('[')?;
        let close = rest[open..].find(']')? + open;
        let code = rest[open + 1..close].trim().to_string();
        let after = rest[close + 1..].trim_start().to_ascii_uppercase();
        Some(DefaultActor {
            code,
            only_when_none: after.starts_with(cond),
        })
    };
    (side("SOURCE", "PRIOR"), side("TARGET", "AFTER"))
}

/// The clause of each token, numbered from 0: a coordinating conjunction
/// starts a new clause ("Gondor accepts ... or assail Arnor ... but Dagolath
/// promised aid") unless it joins nominals ("Elrond and Gondor"). With `CodeBy::Sentence` the sentence is one
/// clause.
pub(crate) fn clauses(s: &Sent<'_>, by: CodeBy) -> Vec<usize> {
    let mut out = vec![0; s.n];
    if by == CodeBy::Sentence {
        return out;
    }
    let mut k = 0;
    for (i, slot) in out.iter_mut().enumerate() {
        let nominal = |t: usize| {
            matches!(
                s.upos(t),
                Upos::Noun | Upos::Propn | Upos::Pron | Upos::Adj | Upos::Num
            )
        };
        // The conjunct after the conjunction, and what it is joined to
        // ("... or assail Arnor but Dagolath promised aid": "aid" is
        // joined to the verb "assail").
        let joins_nominals = s.head[i]
            .is_some_and(|h| nominal(h) && (s.rel(h) != "conj" || s.head[h].map_or(true, nominal)));
        let joins_verbs = s.upos(i) == Upos::Cconj && !joins_nominals;
        if joins_verbs {
            k += 1;
        }
        *slot = k;
    }
    out
}

/// Tokens of `s` inside the comma-delimited clauses TABARI drops.
pub(crate) fn dropped_clauses(s: &Sent<'_>, limits: &CommaLimits) -> Vec<bool> {
    let mut out = vec![false; s.n];
    let commas: Vec<usize> = (0..s.n).filter(|&i| s.lower[i] == ",").collect();
    if commas.is_empty() {
        return out;
    }
    let words = |a: usize, b: usize| {
        (a..b)
            .filter(|&i| s.lower[i].chars().any(char::is_alphanumeric))
            .count()
    };
    let within = |n: usize, (lo, hi): (usize, usize)| lo <= n && n <= hi;
    // ", that Calimehtar attacked Gandalf": a complement clause, not an aside.
    let complement = |c: usize| s.lower.get(c + 1).is_some_and(|w| w == "that");
    let mut drop = |a: usize, b: usize| {
        for x in out.iter_mut().take(b).skip(a) {
            *x = true;
        }
    };
    let first = commas[0];
    if within(words(0, first), limits.begin) {
        drop(0, first + 1);
    }
    for w in commas.windows(2) {
        if within(words(w[0] + 1, w[1]), limits.internal) && !complement(w[0]) {
            drop(w[0], w[1]);
        }
    }
    let last = commas[commas.len() - 1];
    if within(words(last + 1, s.n), limits.end) && !complement(last) {
        drop(last, s.n);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_settings() {
        let o = TabariOptions::from_settings([
            (
                "comma",
                "MIN = 4 MAX = 6 EMIN = 3 EMAX = 6 BMIN = 3 BMAX = 8",
            ),
            ("default", "SOURCE [DEFSRC] PRIOR TARGET [DEFTAR]"),
            ("convert_agent", "TRUE"),
        ]);
        assert_eq!(
            o.comma,
            Some(CommaLimits {
                internal: (4, 6),
                end: (3, 6),
                begin: (3, 8)
            })
        );
        let src = o.default_source.unwrap();
        assert_eq!((src.code.as_str(), src.only_when_none), ("DEFSRC", true));
        let tgt = o.default_target.unwrap();
        assert_eq!((tgt.code.as_str(), tgt.only_when_none), ("DEFTAR", false));
        assert!(o.convert_agent);
        let o = TabariOptions::from_settings([("comma", "OFF"), ("default", "OFF")]);
        assert!(o.comma.is_none() && o.default_source.is_none());
    }
}
