//! Lines of the tocsin language: comments, `KIND HEAD | field | key: value`,
//! and the small value grammars (dates, ranges, codes, sectors, term lists).

use crate::model::DateRange;
use tocsin_core::Date;

/// Sector (role) codes the language accepts.
pub const SECTORS: &[&str] = &[
    "AGR", "BUS", "COP", "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "GOV", "HLH", "HRI", "IGO",
    "IMG", "INS", "JUD", "LAB", "LEG", "MED", "MIL", "MNC", "MOD", "NGO", "OPP", "PTY", "RAD",
    "REB", "REF", "REL", "SEP", "SPY", "UAF",
];

/// CAMEO regional and transnational codes accepted wherever a country is.
pub const REGIONS: &[&str] = &[
    "AFR", "ASA", "BLK", "BFR", "CAS", "CAU", "CFR", "CRB", "EAF", "EEU", "EIN", "EUR", "IGO",
    "IMG", "LAM", "MEA", "MDT", "NAF", "NAM", "NGO", "PGS", "SAF", "SAM", "SAS", "SCN", "SEA",
    "WAF", "WST", "MNC", "UNK",
];

/// One field of an entry: `key: value`, or a bare value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field<'a> {
    pub key: Option<&'a str>,
    pub value: &'a str,
}

/// An entry line split into keyword, head and fields.
#[derive(Clone, Debug)]
pub struct RawEntry<'a> {
    pub keyword: &'a str,
    pub head: &'a str,
    pub fields: Vec<Field<'a>>,
    /// The line without its comment, trimmed.
    pub text: &'a str,
}

/// Removes a `#` comment and surrounding whitespace.
#[must_use]
pub fn strip_comment(line: &str) -> &str {
    line.split_once('#').map_or(line, |(a, _)| a).trim()
}

/// Splits a (comment-free, non-empty) line into an entry.
///
/// # Errors
/// A message saying what was expected and found.
pub fn split_entry(text: &str) -> Result<RawEntry<'_>, String> {
    let mut parts = text.split('|').map(str::trim);
    let first = parts.next().unwrap_or("");
    let (keyword, head) = match first.split_once(char::is_whitespace) {
        Some((k, h)) => (k, h.trim()),
        None => (first, ""),
    };
    let mut fields = Vec::new();
    for (i, p) in parts.enumerate() {
        if p.is_empty() {
            return Err(format!(
                "expected a field after `|` number {}, found an empty field",
                i + 1
            ));
        }
        fields.push(parse_field(p));
    }
    Ok(RawEntry {
        keyword,
        head,
        fields,
        text,
    })
}

fn parse_field(p: &str) -> Field<'_> {
    if let Some((k, v)) = p.split_once(':') {
        let k = k.trim();
        if !k.is_empty() && k.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
            return Field {
                key: Some(k),
                value: v.trim(),
            };
        }
    }
    Field {
        key: None,
        value: p,
    }
}

/// Splits a `;` list, trimming items and dropping empty ones.
pub fn list(value: &str) -> impl Iterator<Item = &str> {
    value.split(';').map(str::trim).filter(|s| !s.is_empty())
}

/// Parses an ISO date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`).
///
/// # Errors
/// A message naming the bad text.
pub fn parse_date(s: &str) -> Result<Date, String> {
    let ok_shape =
        matches!(s.len(), 4 | 7 | 10) && s.bytes().all(|b| b.is_ascii_digit() || b == b'-');
    match Date::parse(s) {
        Some(d) if ok_shape => Ok(d),
        _ => Err(format!(
            "expected a date YYYY, YYYY-MM or YYYY-MM-DD, found `{s}`"
        )),
    }
}

/// Parses `FROM..TO` (either end may be empty).
///
/// # Errors
/// A message naming the bad text.
pub fn parse_range(s: &str) -> Result<DateRange, String> {
    let Some((a, b)) = s.split_once("..") else {
        return Err(format!("expected a date range FROM..TO, found `{s}`"));
    };
    let (a, b) = (a.trim(), b.trim());
    let from = (!a.is_empty()).then(|| parse_date(a)).transpose()?;
    let to = (!b.is_empty()).then(|| parse_date(b)).transpose()?;
    let r = DateRange { from, to };
    if r.start_day() > r.end_day() {
        return Err(format!("date range `{s}` ends before it starts"));
    }
    Ok(r)
}

/// Splits `NAME=FROM..TO` into the name and its range.
///
/// # Errors
/// A bad range.
pub fn name_with_range(s: &str) -> Result<(&str, DateRange), String> {
    match s.split_once('=') {
        Some((n, r)) => Ok((n.trim(), parse_range(r.trim())?)),
        None => Ok((s.trim(), DateRange::ALWAYS)),
    }
}

/// Whether `s` is three uppercase ASCII letters.
#[must_use]
pub fn is_code3(s: &str) -> bool {
    s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase())
}

/// Parses sectors written separated by spaces, `;` or `,`, or joined
/// (`GOVMIL`).
///
/// # Errors
/// A message naming the unknown sector.
pub fn parse_sectors(s: &str) -> Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::new();
    for tok in s.split([' ', ';', ',', '\t']).filter(|t| !t.is_empty()) {
        if tok.len() % 3 != 0 || !tok.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(format!(
                "expected sector codes (three uppercase letters such as GOV MIL), found `{tok}`"
            ));
        }
        for i in (0..tok.len()).step_by(3) {
            let sec = &tok[i..i + 3];
            if !SECTORS.contains(&sec) {
                return Err(format!(
                    "unknown sector `{sec}`: expected one of {}",
                    SECTORS.join(" ")
                ));
            }
            if !out.iter().any(|o| o == sec) {
                out.push(sec.to_string());
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_entries_and_fields() {
        let e = split_entry("country RUS | Russia | alias: A; B | adj: Russian").unwrap();
        assert_eq!((e.keyword, e.head), ("country", "RUS"));
        assert_eq!(
            e.fields[0],
            Field {
                key: None,
                value: "Russia"
            }
        );
        assert_eq!(e.fields[1].key, Some("alias"));
        assert!(split_entry("verb x | 190 | | obj: y").is_err());
        assert_eq!(strip_comment("  a | b  # note"), "a | b");
    }

    #[test]
    fn dates_and_ranges() {
        assert!(parse_range("2012-05-07..").is_ok());
        assert!(parse_range("..1989-06-18").is_ok());
        assert!(parse_range("2000..1990").is_err());
        assert!(parse_range("2001-13..").is_err());
        assert!(parse_range("20010101..").is_err());
        let r = parse_range("2012..2012-05").unwrap();
        assert!(r.contains(Date::ymd(2012, 5, 31)));
        assert!(!r.contains(Date::ymd(2012, 6, 1)));
    }

    #[test]
    fn sectors() {
        assert_eq!(parse_sectors("GOVMIL").unwrap(), ["GOV", "MIL"]);
        assert_eq!(parse_sectors("IGO MIL").unwrap(), ["IGO", "MIL"]);
        assert!(parse_sectors("XYZ")
            .unwrap_err()
            .contains("unknown sector `XYZ`"));
        assert!(parse_sectors("gov").is_err());
    }
}
