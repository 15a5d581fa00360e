//! News datelines: `KYIV, Ukraine (AP) —`, `MOSCOW, Jan 5 (Reuters) -`,
//! `WASHINGTON —`, `London (CNN) —`.

use crate::lexicon::is_month;
use tocsin_core::Span;

/// A dateline found at the start of a paragraph. Spans are byte offsets into the
/// text given to [`dateline`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dateline {
    /// The whole dateline, from the place to the end of the dash.
    pub span: Span,
    /// The place, e.g. `KYIV, Ukraine`.
    pub place: Span,
    /// The date as written, e.g. `Jan 5`.
    pub date_text: Option<Span>,
    /// The agency inside the parentheses, e.g. `Reuters`.
    pub agency: Option<Span>,
}

/// Longest dateline considered, in bytes.
const MAX_LEN: usize = 120;

/// Recognises a dateline at the start of `text` (after leading whitespace).
///
/// The place must be in capitals (`KYIV`, `NEW YORK`, at least three capital
/// letters), or in title case when an agency in parentheses follows
/// (`London (CNN) —`). Then come optional `, Region` parts and an optional date
/// (`, Jan. 5, 2024`), an optional `(Agency)`, and a dash (`—`, `–`, `-`, `--`)
/// followed by whitespace and text that does not start in lowercase.
#[must_use]
pub fn dateline(text: &str) -> Option<Dateline> {
    let start = text.len() - text.trim_start().len();
    let mut limit = text.len().min(start + MAX_LEN);
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    let b = text.as_bytes();
    let mut p = Parser { text, b, i: start };

    // The place: capitalised words separated by single spaces.
    let (place_end, caps) = p.words(limit)?;
    let mut place = Span::new(start as u32, place_end as u32);
    let mut date_text = None;
    for _ in 0..3 {
        if !(p.peek(",") && p.b.get(p.i + 1) == Some(&b' ')) {
            break;
        }
        let save = p.i;
        p.i += 2;
        if let Some(d) = p.date(limit) {
            date_text = Some(d);
            continue;
        }
        match p.words(limit) {
            Some((e, _)) if date_text.is_none() => place.end = e as u32,
            _ => {
                p.i = save;
                break;
            }
        }
    }
    p.spaces();
    let mut agency = None;
    if p.peek("(") {
        let open = p.i + 1;
        let close = open + memchr::memchr(b')', b.get(open..limit)?)?;
        let inner = &text[open..close];
        if inner.is_empty() || inner.contains('\n') || !inner.starts_with(char::is_uppercase) {
            return None;
        }
        agency = Some(Span::new(open as u32, close as u32));
        p.i = close + 1;
        p.spaces();
    }
    if !caps && agency.is_none() {
        return None;
    }
    let dash_end = p.dash()?;
    // Whitespace, then the story, which does not start in lowercase.
    let rest = &text[dash_end..];
    let story = rest.trim_start_matches([' ', '\t', '\u{a0}']);
    if story.len() == rest.len() || story.starts_with(|c: char| c.is_lowercase() || c == '\n') {
        return None;
    }
    Some(Dateline {
        span: Span::new(start as u32, dash_end as u32),
        place,
        date_text,
        agency,
    })
}

struct Parser<'a> {
    text: &'a str,
    b: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn peek(&self, s: &str) -> bool {
        self.b[self.i..].starts_with(s.as_bytes())
    }

    fn spaces(&mut self) {
        while self.b.get(self.i) == Some(&b' ') {
            self.i += 1;
        }
    }

    /// Capitalised words (`NEW YORK`, `St. Louis`, `PORT-AU-PRINCE`); returns the
    /// end and whether they are all capitals with at least three letters.
    fn words(&mut self, limit: usize) -> Option<(usize, bool)> {
        let mut end = None;
        let mut upper = 0;
        let mut lower = 0;
        loop {
            let w0 = self.i;
            let mut j = w0;
            for c in self.text[w0..limit].chars() {
                if c.is_alphabetic() || matches!(c, '.' | '\'' | '-' | '’') {
                    j += c.len_utf8();
                } else {
                    break;
                }
            }
            let w = &self.text[w0..j];
            if !w.starts_with(char::is_uppercase) || is_month(w.trim_end_matches('.')) {
                break;
            }
            upper += w.chars().filter(|c| c.is_uppercase()).count();
            lower += w.chars().filter(|c| c.is_lowercase()).count();
            end = Some(j);
            self.i = j;
            if j + 1 < limit && self.b[j] == b' ' && self.b[j + 1].is_ascii_uppercase() {
                self.i = j + 1;
            } else {
                break;
            }
        }
        if let Some(e) = end {
            self.i = e;
        }
        end.map(|e| (e, lower == 0 && upper >= 3))
    }

    /// A date: month, optional day, optional year (`Jan 5`, `Jan. 5, 2024`, `March`).
    fn date(&mut self, limit: usize) -> Option<Span> {
        let s = self.i;
        let mut j = s;
        while j < limit && self.b[j].is_ascii_alphabetic() {
            j += 1;
        }
        if !is_month(&self.text[s..j]) {
            return None;
        }
        if self.b.get(j) == Some(&b'.') {
            j += 1;
        }
        let mut end = j;
        let digits = |k: usize| {
            let mut m = k;
            while m < limit && self.b[m].is_ascii_digit() {
                m += 1;
            }
            m
        };
        if self.b.get(j) == Some(&b' ') {
            let d = digits(j + 1);
            if d > j + 1 && d - j - 1 <= 2 {
                end = d;
                if self.b[end..].starts_with(b", ") {
                    let y = digits(end + 2);
                    if y == end + 6 {
                        end = y;
                    }
                }
            }
        }
        self.i = end;
        Some(Span::new(s as u32, end as u32))
    }

    /// A dash (`—`, `–`, `-`, `--`) at the cursor; returns the end of the dash.
    fn dash(&mut self) -> Option<usize> {
        for d in ["---", "--", "—", "–", "-"] {
            if self.peek(d) {
                return Some(self.i + d.len());
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(t: &str) -> Option<(String, Option<String>, Option<String>, String)> {
        let d = dateline(t)?;
        let s = |sp: Span| t[sp.range()].to_string();
        Some((s(d.place), d.date_text.map(s), d.agency.map(s), s(d.span)))
    }

    #[test]
    fn agency_datelines() {
        assert_eq!(
            parts("KYIV, Ukraine (AP) — Russian forces"),
            Some((
                "KYIV, Ukraine".into(),
                None,
                Some("AP".into()),
                "KYIV, Ukraine (AP) —".into()
            ))
        );
        assert_eq!(
            parts("MOSCOW, Jan 5 (Reuters) - Russia said"),
            Some((
                "MOSCOW".into(),
                Some("Jan 5".into()),
                Some("Reuters".into()),
                "MOSCOW, Jan 5 (Reuters) -".into()
            ))
        );
        assert_eq!(
            parts("London (CNN) — The"),
            Some((
                "London".into(),
                None,
                Some("CNN".into()),
                "London (CNN) —".into()
            ))
        );
        assert_eq!(
            parts("NEW YORK — Stocks fell").map(|p| p.0),
            Some("NEW YORK".into())
        );
    }

    #[test]
    fn ordinary_text_is_no_dateline() {
        assert_eq!(parts("Russia said - and then"), None);
        assert_eq!(parts("NATO - the alliance"), None);
        assert_eq!(parts("US - Iran talks"), None);
        assert_eq!(parts("The president said"), None);
        assert_eq!(parts(""), None);
        assert_eq!(parts("ÉÉÉ"), None);
    }
}
