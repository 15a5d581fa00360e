//! Evaluation of event locations against a gold set (the event-location-dev
//! format: one JSON object a line with `text`, `verb {start,end,text}` and
//! `locations [{start,end,text}]`, an empty list meaning "no location").
//!
//! An item is right when the place chosen for the gold verb
//! ([`Geolocator::locate_verb`]) matches one of the gold strings (folded, or one
//! containing the other word for word), or when there is no gold place and none
//! is chosen.
//!
//! Some items of that set carry token indices where character offsets belong
//! (their location text is empty or one or two characters); such a location is
//! recovered by reading its offsets as inclusive token indices over a simple
//! tokenization, and the report counts those items apart.

use crate::fold::fold;
use crate::locate::verb_token;
use crate::Geolocator;
use serde::{Deserialize, Serialize};
use tocsin_core::{Doc, Span};

#[derive(Deserialize)]
struct GoldSpan {
    start: usize,
    end: usize,
    #[serde(default)]
    text: String,
}

#[derive(Deserialize)]
struct GoldItem {
    text: String,
    verb: GoldSpan,
    #[serde(default)]
    locations: Vec<GoldSpan>,
    #[serde(default)]
    source: String,
}

/// One item that went wrong, for error analysis.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct GeoMiss {
    pub line: usize,
    pub class: String,
    pub verb: String,
    pub gold: Vec<String>,
    pub predicted: Option<String>,
    pub reason: String,
    pub text: String,
}

/// Counts of a location evaluation.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct GeoReport {
    /// Share of items right.
    pub accuracy: f64,
    pub items: usize,
    pub correct: usize,
    /// Items with no gold place: right when nothing was chosen.
    pub gold_none: usize,
    pub gold_none_correct: usize,
    /// Items with a gold place.
    pub gold_place: usize,
    pub gold_place_correct: usize,
    /// A place chosen where the gold has none.
    pub false_alarms: usize,
    /// No place chosen where the gold has one.
    pub misses: usize,
    /// Another place chosen than the gold one.
    pub wrong_place: usize,
    /// Items whose gold place was recovered from token indices, and how many of
    /// them are right.
    pub recovered: usize,
    pub recovered_correct: usize,
    /// Accuracy without the recovered items.
    pub accuracy_clean: f64,
    /// Lines that did not parse or whose verb was not found.
    pub skipped: usize,
    /// Per rule that chose a place (`verb-pp`, `sentence-nearest`...): items
    /// right and wrong.
    pub by_rule: std::collections::BTreeMap<String, (usize, usize)>,
    /// Up to `max_misses` wrong items.
    pub misses_sample: Vec<GeoMiss>,
}

/// Evaluates `geo` on a JSONL gold set, running `process` (text -> tagged and
/// parsed Doc) on each sentence.
pub fn eval_locations(
    jsonl: &str,
    geo: &Geolocator,
    process: &mut dyn FnMut(&str) -> Doc,
    max_misses: usize,
) -> GeoReport {
    let mut r = GeoReport::default();
    for (n, line) in jsonl.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let Ok(item) = serde_json::from_str::<GoldItem>(line) else {
            r.skipped += 1;
            continue;
        };
        let _ = &item.source;
        let mut recovered = false;
        let gold: Vec<String> = item
            .locations
            .iter()
            .filter_map(|g| {
                if g.text.trim().chars().count() >= 3 {
                    Some(g.text.clone())
                } else {
                    recovered = true;
                    recover_by_tokens(&item.text, g.start, g.end)
                }
            })
            .collect();
        let doc = process(&item.text);
        let vspan = Span::new(item.verb.start as u32, item.verb.end as u32);
        let found =
            (0..doc.sentences().len()).find_map(|s| verb_token(&doc, s, vspan).map(|t| (s, t)));
        let Some((s, t)) = found else {
            r.skipped += 1;
            continue;
        };
        let loc = geo.locate_verb(&doc, s, t);
        let predicted = loc.as_ref().map(|l| match l.span {
            Some(sp) => doc.span_text(sp).to_string(),
            None => l.name.clone(),
        });
        r.items += 1;
        if recovered {
            r.recovered += 1;
        }
        let ok = match (&predicted, gold.is_empty()) {
            (None, true) => {
                r.gold_none += 1;
                r.gold_none_correct += 1;
                true
            }
            (Some(_), true) => {
                r.gold_none += 1;
                r.false_alarms += 1;
                false
            }
            (None, false) => {
                r.gold_place += 1;
                r.misses += 1;
                false
            }
            (Some(p), false) => {
                r.gold_place += 1;
                let hit = gold.iter().any(|g| same_place(p, g));
                if hit {
                    r.gold_place_correct += 1;
                } else {
                    r.wrong_place += 1;
                }
                hit
            }
        };
        if let Some(l) = &loc {
            let rule: String = l
                .reason
                .split([':', ' '])
                .next()
                .unwrap_or_default()
                .to_string();
            let e = r.by_rule.entry(rule).or_default();
            if ok {
                e.0 += 1;
            } else {
                e.1 += 1;
            }
        }
        if ok {
            r.correct += 1;
            if recovered {
                r.recovered_correct += 1;
            }
        } else if r.misses_sample.len() < max_misses {
            let class = match (&predicted, gold.is_empty()) {
                (Some(_), true) => "false-alarm",
                (None, false) => "miss",
                _ => "wrong-place",
            };
            r.misses_sample.push(GeoMiss {
                line: n + 1,
                class: class.into(),
                verb: item.verb.text.clone(),
                gold,
                predicted,
                reason: loc.map(|l| l.reason).unwrap_or_default(),
                text: item.text.trim().to_string(),
            });
        }
    }
    r.accuracy = ratio(r.correct, r.items);
    r.accuracy_clean = ratio(r.correct - r.recovered_correct, r.items - r.recovered);
    r
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Folded equality, or one name containing the other word for word
/// (`Aleppo` in `Aleppo City`).
fn same_place(pred: &str, gold: &str) -> bool {
    let (p, g) = (fold(pred), fold(gold));
    if p.is_empty() || g.is_empty() {
        return false;
    }
    p == g || contains_words(&p, &g) || contains_words(&g, &p)
}

fn contains_words(hay: &str, needle: &str) -> bool {
    let h = format!(" {hay} ");
    h.contains(&format!(" {needle} "))
}

/// Reads `start..=end` as token indices over a tokenization close to the one the
/// set was made with: words (with inner `.`, `,`, `:` between alphanumerics, as in
/// `10,000` and `U.S.`), `'s`-style clitics, single punctuation marks, and runs of
/// whitespace other than one space after a token.
fn recover_by_tokens(text: &str, start: usize, end: usize) -> Option<String> {
    let mut toks: Vec<(usize, usize)> = Vec::new();
    let b: Vec<(usize, char)> = text.char_indices().collect();
    let at = |j: usize| b.get(j).map_or(text.len(), |x| x.0);
    let alnum = |j: usize| b.get(j).is_some_and(|x| x.1.is_alphanumeric());
    let mut i = 0;
    while i < b.len() {
        let c = b[i].1;
        let mut j = i + 1;
        if c.is_alphanumeric() {
            while j < b.len() {
                let d = b[j].1;
                if d.is_alphanumeric()
                    || (matches!(d, '.' | ',' | ':')
                        && alnum(j + 1)
                        && alnum(j - 1)
                        && !d.is_whitespace())
                {
                    j += 1;
                } else {
                    break;
                }
            }
            // "U.S." keeps its final period.
            if b.get(j).is_some_and(|x| x.1 == '.') && text[at(i)..at(j)].contains('.') {
                j += 1;
            }
        } else if (c == '\'' || c == '\u{2019}') && alnum(i + 1) && i > 0 && alnum(i - 1) {
            while alnum(j) {
                j += 1;
            }
        } else if c.is_whitespace() {
            while j < b.len() && b[j].1.is_whitespace() {
                j += 1;
            }
            if &text[at(i)..at(j)] == " " && i > 0 {
                i = j;
                continue;
            }
        }
        toks.push((at(i), at(j)));
        i = j;
    }
    let (a, _) = *toks.get(start)?;
    let (_, z) = *toks.get(end.max(start))?;
    Some(text[a..z].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_indices_recover_the_place() {
        let t = "In the northern city of Mosul, gunmen shot dead an officer.";
        assert_eq!(recover_by_tokens(t, 5, 5).as_deref(), Some("Mosul"));
        assert_eq!(recover_by_tokens(t, 500, 500), None);
    }

    #[test]
    fn names_match_word_for_word() {
        assert!(same_place("Aleppo", "Aleppo City"));
        assert!(same_place("Dnipró", "Dnipro"));
        assert!(!same_place("Aleppo", "Aleppon"));
        assert!(!same_place("", "x"));
    }
}
