//! Splitting inside one word run, as EWT does: at hyphens (except after
//! prefixes and inside phone numbers, ZIP codes and dashed dates), between a
//! number and its unit, and before a clitic.

use crate::lexicon::is_hyphen_prefix;
use crate::tokenize::push;
use tocsin_core::Span;

/// Emits `text[s..e]`, splitting at hyphens where EWT does.
pub(crate) fn hyphenated(text: &str, s: usize, e: usize, out: &mut Vec<Span>) {
    let b = text.as_bytes();
    let w = &b[s..e];
    if memchr::memchr(b'-', w).is_none() || is_phone(w) {
        clitics(text, s, e, out);
        return;
    }
    let mut part = s; // start of the token being built
    let mut seg = s; // start of the current hyphen-free segment
    while let Some(off) = memchr::memchr(b'-', &b[seg..e]) {
        let h = seg + off;
        if is_hyphen_prefix(&text[seg..h]) {
            seg = h + 1;
            continue;
        }
        push(out, part, h);
        push(out, h, h + 1);
        part = h + 1;
        seg = h + 1;
    }
    clitics(text, part, e, out);
}

/// Hyphenated codes EWT keeps whole: phone numbers ("713-853-3989", "646-8420",
/// "1-800-553-3119"), ZIP+4 codes ("20006-3700") and dates ("01-Feb-02").
fn is_phone(w: &[u8]) -> bool {
    let digits = |g: &[u8]| !g.is_empty() && g.iter().all(u8::is_ascii_digit);
    let mut parts = w.split(|&c| c == b'-');
    let first = parts.next().unwrap_or_default();
    if !digits(first) {
        return false;
    }
    let (mut n, mut last, mut all_digits, mut month) = (1, first, true, false);
    for (i, g) in parts.enumerate() {
        n += 1;
        last = g;
        if !digits(g) {
            all_digits = false;
            month = i == 0 && std::str::from_utf8(g).is_ok_and(crate::lexicon::is_month);
        }
    }
    if !all_digits {
        // "01-Feb-02"
        return month && n == 3 && first.len() <= 2 && digits(last);
    }
    let (f, l) = (first.len(), last.len());
    n >= 2 && l == 4 && (f == 3 || f == 5 && n == 2 || f == 1 && n >= 3)
}

/// Emits `text[s..e]`, splitting a number from its unit or a final clitic off.
fn clitics(text: &str, s: usize, e: usize, out: &mut Vec<Span>) {
    if let Some(k) = unit_split(&text.as_bytes()[s..e]) {
        push(out, s, s + k);
        push(out, s + k, e);
        return;
    }
    match clitic_split(&text[s..e]) {
        Some(k) => {
            push(out, s, s + k);
            push(out, s + k, e);
        }
        None => push(out, s, e),
    }
}

/// "10am", "5m", "81K": EWT splits a number from a unit after it.
fn unit_split(w: &[u8]) -> Option<usize> {
    if !w.first()?.is_ascii_digit() {
        return None;
    }
    let mut k = 0;
    while k < w.len()
        && (w[k].is_ascii_digit()
            || matches!(w[k], b'.' | b',') && w.get(k + 1).is_some_and(u8::is_ascii_digit))
    {
        k += 1;
    }
    let unit = &w[k..];
    if unit.is_empty() || unit.len() > 5 {
        return None;
    }
    UNITS
        .iter()
        .any(|u| unit.eq_ignore_ascii_case(u.as_bytes()))
        .then_some(k)
}

/// Units and multipliers that EWT splits from a number before them ("10am",
/// "$1m", "5kg"). Other letters stay ("5th", "1990s", "3G", "4x4").
const UNITS: &[&str] = &[
    "am", "b", "bbl", "bn", "cm", "ft", "gb", "ghz", "ha", "hr", "hrs", "hz", "k", "kb", "kg",
    "km", "kmh", "kph", "kw", "kwh", "lb", "lbs", "m", "mb", "mg", "mhz", "mi", "min", "mins",
    "ml", "mm", "mmbtu", "mph", "mw", "oz", "pm", "sec", "secs", "tb", "tn", "yd", "yds",
];

/// Words written without an apostrophe that EWT splits, and where.
const FUSED: &[(&str, usize)] = &[
    ("arent", 3),
    ("cannot", 3),
    ("cant", 2),
    ("couldnt", 5),
    ("didnt", 3),
    ("doesnt", 4),
    ("dont", 2),
    ("gonna", 3),
    ("gotta", 3),
    ("hadnt", 3),
    ("hasnt", 3),
    ("havent", 4),
    ("isnt", 2),
    ("shouldnt", 6),
    ("wanna", 3),
    ("wasnt", 3),
    ("werent", 4),
    ("wont", 2),
    ("wouldnt", 5),
];

/// Byte offset inside `w` where a clitic starts, if `w` ends with one.
fn clitic_split(w: &str) -> Option<usize> {
    let b = w.as_bytes();
    let n = b.len();
    if n < 3 {
        return None;
    }
    if n <= 8 {
        let mut buf = [0u8; 8];
        for (d, c) in buf.iter_mut().zip(b) {
            *d = c.to_ascii_lowercase();
        }
        let l = &buf[..n];
        if let Some(&(_, k)) = FUSED.iter().find(|(f, _)| f.as_bytes() == l) {
            return Some(k);
        }
    }
    // The last apostrophe, straight or curly, and the byte after it.
    let straight = memchr::memrchr(b'\'', b).map(|p| (p, p + 1));
    let curly = if memchr::memchr(0xE2, b).is_some() {
        w.rfind('\u{2019}').map(|p| (p, p + 3))
    } else {
        None
    };
    let (apos, after) = match (straight, curly) {
        (Some(x), Some(y)) => x.max(y),
        (Some(x), None) | (None, Some(x)) => x,
        (None, None) => return None,
    };
    if apos == 0 {
        return None;
    }
    let tail = &b[after..];
    if tail.eq_ignore_ascii_case(b"t") {
        // "don't" -> "do" + "n't", "can't" -> "ca" + "n't", "won't" -> "wo" + "n't".
        return (apos >= 2 && b[apos - 1].eq_ignore_ascii_case(&b'n')).then_some(apos - 1);
    }
    // "80's", "1590's": decades keep their "'s" in EWT.
    if tail == b"s" && b[..apos].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let clitic = [&b"s"[..], b"m", b"d", b"re", b"ve", b"ll"]
        .iter()
        .any(|c| tail.eq_ignore_ascii_case(c));
    clitic.then_some(apos)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clitic_offsets() {
        assert_eq!(clitic_split("don't"), Some(2));
        assert_eq!(clitic_split("can’t"), Some(2));
        assert_eq!(clitic_split("Bush's"), Some(4));
        assert_eq!(clitic_split("it’s"), Some(2));
        assert_eq!(clitic_split("O'Brien"), None);
        assert_eq!(clitic_split("cannot"), Some(3));
    }
}
