//! Sizes stated in a sentence: dead, injured, arrested, troops.
//!
//! A number expression ("6", "14,000", "two", "more than 14,000", "tens of
//! thousands of") is tied to the noun it counts and that noun's verb:
//! "killing 6 civilians" → dead 6 (the verb), "more than 14,000 casualties" →
//! dead 14000 (casualties count as dead unless the sentence says injured),
//! "two people were wounded" → injured 2, "tens of thousands of troops" →
//! troops 10000. Vague plurals give their lower bound ("tens of thousands" =
//! 10000, "hundreds" = 100, "dozens" = 24, "thousands" = 1000); "more than N"
//! gives N.

use crate::sent::Sent;
use tocsin_core::Size;

fn unit(w: &str) -> Option<u64> {
    Some(match w {
        "zero" => 0,
        "one" | "a" | "an" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" | "dozen" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

fn scale(w: &str) -> Option<u64> {
    Some(match w {
        "hundred" => 100,
        "thousand" => 1_000,
        "million" => 1_000_000,
        "billion" => 1_000_000_000,
        _ => return None,
    })
}

/// Vague plural counts, as lower bounds.
fn vague(w: &str) -> Option<u64> {
    Some(match w {
        "tens" => 10,
        "dozens" => 24,
        "scores" => 40,
        "hundreds" => 100,
        "thousands" => 1_000,
        "millions" => 1_000_000,
        _ => return None,
    })
}

/// Parses a digit string with optional thousands commas ("14,000", "6").
pub(crate) fn digits(w: &str) -> Option<u64> {
    let t = w.trim_start_matches('+');
    if t.is_empty() || !t.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let parts: Vec<&str> = t.split(',').collect();
    if parts.len() > 1 && parts[1..].iter().any(|p| p.len() != 3) {
        return None;
    }
    parts.concat().parse().ok()
}

/// A number expression starting at `i`: its value and the index after it.
pub(crate) fn number_at(s: &Sent<'_>, i: usize) -> Option<(u64, usize)> {
    let w = s.lower[i].as_str();
    // "tens of thousands of", "hundreds of".
    if let Some(v) = vague(w) {
        let mut val = v;
        let mut j = i + 1;
        while j + 1 < s.n && s.lower[j] == "of" {
            match vague(&s.lower[j + 1]) {
                Some(v2) => {
                    val *= v2;
                    j += 2;
                }
                None => break,
            }
        }
        return Some((val, j));
    }
    let mut total: u64 = 0;
    let mut cur: u64;
    let mut j = i;
    if let Some(v) = digits(w) {
        cur = v;
        j += 1;
    } else if let Some(v) = unit(w).filter(|_| !matches!(w, "a" | "an")) {
        cur = v;
        j += 1;
        // "twenty-one" is one token; "twenty one" two.
        if j < s.n {
            if let Some(u) = unit(&s.lower[j]).filter(|u| *u < 10 && cur >= 20 && cur % 10 == 0) {
                cur += u;
                j += 1;
            }
        }
    } else if let Some((a, b)) = w.split_once('-') {
        let (Some(a), Some(b)) = (unit(a), unit(b)) else {
            return None;
        };
        cur = a + b;
        j += 1;
    } else {
        return None;
    }
    while j < s.n {
        match scale(&s.lower[j]) {
            Some(sc) => {
                cur = cur.saturating_mul(sc);
                if sc >= 1000 {
                    total = total.saturating_add(cur);
                    cur = 0;
                }
                j += 1;
            }
            None => break,
        }
    }
    Some((total + cur, j))
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Dead,
    Injured,
    Arrested,
    Troops,
}

fn noun_kind(l: &str) -> Option<Kind> {
    Some(match l {
        "dead" | "death" | "fatality" | "body" | "corpse" | "casualty" | "deaths"
        | "fatalities" | "casualties" => Kind::Dead,
        "injured" | "wounded" | "injury" | "injuries" => Kind::Injured,
        "arrest" | "arrests" | "detainee" | "detainees" | "prisoner" => Kind::Arrested,
        "troop" | "troops" | "soldier" | "soldiers" | "servicemen" | "serviceman" => Kind::Troops,
        _ => return None,
    })
}

fn verb_kind(l: &str) -> Option<Kind> {
    Some(match l {
        "kill" | "die" | "slay" | "massacre" | "execute" | "behead" | "murder" => Kind::Dead,
        "injure" | "wound" | "hurt" => Kind::Injured,
        "arrest" | "detain" | "jail" | "imprison" | "abduct" | "capture" => Kind::Arrested,
        _ => return None,
    })
}

/// A size stated in the sentence: the number's token, what it counts, its value.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Sighting {
    tok: usize,
    kind: Kind,
    value: u64,
}

/// Every size stated in the sentence.
pub(crate) fn sightings(s: &Sent<'_>) -> Vec<Sighting> {
    let mut out = Vec::new();
    let says_injured = s
        .lemma
        .iter()
        .any(|l| matches!(l.as_str(), "injure" | "injured" | "wound" | "wounded"));
    let mut i = 0;
    while i < s.n {
        let Some((val, next)) = number_at(s, i) else {
            i += 1;
            continue;
        };
        // Skip "more than", "at least", "about": the value stays the stated one.
        // The counted noun: the first noun (or participle) after the number,
        // skipping "of", adjectives and determiners.
        let mut k = next;
        while k < s.n
            && (matches!(s.lower[k].as_str(), "of" | "the" | "other" | "more")
                || s.upos(k) == tocsin_core::Upos::Adj && noun_kind(&s.lower[k]).is_none())
        {
            k += 1;
        }
        let noun = (k < s.n).then_some(k);
        let mut kind = noun.and_then(|k| noun_kind(&s.lower[k]).or_else(|| noun_kind(&s.lemma[k])));
        if kind == Some(Kind::Dead)
            && noun.is_some_and(|k| s.lemma[k] == "casualty")
            && says_injured
        {
            kind = Some(Kind::Injured);
        }
        if kind.is_none() {
            // The verb governing the counted noun (or the number itself).
            let target = noun.filter(|&k| s.upos(k).is_nominal()).unwrap_or(i);
            let mut h = s.head[target];
            if s.head[i] == Some(target) || target == i {
                h = s.head[target];
            }
            if let Some(h) = h {
                kind = verb_kind(&s.lemma[h]);
                // "6 people were killed and 2 wounded": each number with its own verb.
            }
            if kind.is_none() && target != i {
                // "killing 6" with the number as object.
                kind = s.head[i].and_then(|h| verb_kind(&s.lemma[h]));
            }
        }
        if let Some(kind) = kind {
            out.push(Sighting {
                tok: i,
                kind,
                value: val,
            });
        }
        i = next.max(i + 1);
    }
    out
}

/// The sizes of the event whose verb is `v`, among the events of the sentence
/// at `verbs`. A number belongs to the nearest event verb above it ("attacked
/// Ukraine, killing 6 civilians"); a number under no event verb ("two people
/// were wounded when troops attacked") belongs to every event of the sentence.
pub(crate) fn sizes_for(s: &Sent<'_>, seen: &[Sighting], v: usize, verbs: &[usize]) -> Size {
    let mut size = Size::default();
    for x in seen {
        let mut owner = None;
        let mut t = x.tok;
        for _ in 0..=s.n {
            if verbs.contains(&t) {
                owner = Some(t);
                break;
            }
            match s.head[t] {
                Some(h) => t = h,
                None => break,
            }
        }
        if owner.is_some_and(|o| o != v) {
            continue;
        }
        let slot = match x.kind {
            Kind::Dead => &mut size.dead,
            Kind::Injured => &mut size.injured,
            Kind::Arrested => &mut size.arrested,
            Kind::Troops => &mut size.troops,
        };
        if slot.is_none() {
            *slot = Some(x.value);
        }
    }
    size
}

#[cfg(test)]
mod tests {
    use super::digits;

    #[test]
    fn digits_with_commas() {
        assert_eq!(digits("14,000"), Some(14_000));
        assert_eq!(digits("6"), Some(6));
        assert_eq!(digits("1,00"), None);
        assert_eq!(digits("abc"), None);
    }
}
