//! The tokenizer: cuts text into UD English EWT-style tokens, as byte spans.
//!
//! Text is first cut at whitespace into chunks; a chunk that is a URL, an e-mail
//! address, an @handle or a #hashtag (once leading and trailing punctuation is set
//! aside) stays whole. Other chunks are scanned left to right: runs of word
//! characters with the connectors EWT keeps inside a token (`U.S`, `3.5`,
//! `14,000`, `10:30`, `9/11`, `AT&T`, `O'Brien`), then
//! - hyphens split (`15-year` -> `15 - year`) except after prefixes EWT keeps
//!   (`non-stop`, `e-mail`) and in phone numbers (`713-853-3989`);
//! - clitics split off (`do|n't`, `ca|n't`, `Bush|'s`, `I|'m`, `can|not`, `gon|na`);
//! - a period joins the word before it when that word is an abbreviation (`Mr.`,
//!   `Jan.`, `U.S.`, initials);
//! - punctuation stands alone, runs of the same mark grouped (`...`, `--`, `!!`).
//!
//! No allocation happens per token: spans are pushed onto a caller's vector.

use crate::chars::{char_at, char_before, class, is_apostrophe, is_letter, Class};
use crate::lexicon::{abbrev, Abbrev};
use crate::word::hyphenated;
use tocsin_core::Span;

#[inline]
pub(crate) fn push(out: &mut Vec<Span>, s: usize, e: usize) {
    if e > s {
        out.push(Span::new(s as u32, e as u32));
    }
}

/// Appends the tokens of `text` to `out`. Byte offsets must fit in `u32`
/// (the caller checks).
pub(crate) fn tokenize(text: &str, out: &mut Vec<Span>) {
    let b = text.as_bytes();
    let n = b.len();
    let mut i = 0;
    while i < n {
        i = skip_space(text, i);
        if i >= n {
            break;
        }
        let e = chunk_end(text, i);
        chunk(text, i, e, out);
        i = e;
    }
}

/// First non-space byte at or after `i`.
#[inline]
pub(crate) fn skip_space(text: &str, mut i: usize) -> usize {
    let b = text.as_bytes();
    while i < b.len() {
        if b[i] < 0x80 {
            if b[i] > b' ' && b[i] != 0x7f {
                break;
            }
            i += 1;
        } else {
            let (c, l) = char_at(text, i);
            if class(c) != Class::Space {
                break;
            }
            i += l;
        }
    }
    i
}

/// First space byte at or after `i`.
#[inline]
fn chunk_end(text: &str, mut i: usize) -> usize {
    let b = text.as_bytes();
    while i < b.len() {
        if b[i] < 0x80 {
            if b[i] <= b' ' || b[i] == 0x7f {
                break;
            }
            i += 1;
        } else {
            let (c, l) = char_at(text, i);
            if class(c) == Class::Space {
                break;
            }
            i += l;
        }
    }
    i
}

/// Tokenizes one whitespace-free chunk `text[s..e]`.
fn chunk(text: &str, s: usize, e: usize, out: &mut Vec<Span>) {
    let b = &text.as_bytes()[s..e];
    let maybe_special = memchr::memchr3(b'@', b'#', b':', b).is_some()
        || b.len() > 4 && (b[..4].eq_ignore_ascii_case(b"www.") || b.contains(&b'.'));
    if maybe_special {
        if let Some((cs, ce)) = special_core(text, s, e) {
            general(text, s, cs, out);
            push(out, cs, ce);
            general(text, ce, e, out);
            return;
        }
    }
    general(text, s, e, out);
}

/// The URL, e-mail address, @handle or #hashtag inside a chunk, without the
/// punctuation around it.
fn special_core(text: &str, s: usize, e: usize) -> Option<(usize, usize)> {
    let mut cs = s;
    while cs < e {
        let (c, l) = char_at(text, cs);
        if !matches!(c, '(' | '[' | '{' | '"' | '\'' | '<' | '“' | '‘' | '«') {
            break;
        }
        cs += l;
    }
    let mut ce = e;
    while ce > cs {
        let c = char_before(text, ce);
        if !matches!(
            c,
            '.' | ','
                | ';'
                | ':'
                | '!'
                | '?'
                | ')'
                | ']'
                | '}'
                | '"'
                | '\''
                | '>'
                | '”'
                | '’'
                | '»'
        ) {
            break;
        }
        ce -= c.len_utf8();
    }
    let core = &text[cs..ce];
    (is_url(core) || is_email(core) || is_handle(core)).then_some((cs, ce))
}

fn starts_with_ci(s: &str, p: &str) -> bool {
    s.len() >= p.len() && s.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
}

fn is_url(w: &str) -> bool {
    (starts_with_ci(w, "www.") && w.len() > 6) || w.contains("://") && w.len() > 6
}

fn is_email(w: &str) -> bool {
    let w = if starts_with_ci(w, "mailto:") {
        &w[7..]
    } else {
        w
    };
    let Some(at) = w.find('@') else { return false };
    let (local, domain) = (&w[..at], &w[at + 1..]);
    !local.is_empty()
        && local
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || b"._%+-'".contains(&c))
        // "a@b.org", or an internal host in capitals ("John Smith@ENRON").
        && (domain.contains('.') || domain.len() >= 3 && domain.bytes().all(|c| c.is_ascii_uppercase()))
        && domain
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'.' || c == b'-')
        && domain
            .as_bytes()
            .last()
            .is_some_and(u8::is_ascii_alphanumeric)
        && domain.as_bytes()[0].is_ascii_alphanumeric()
}

/// `@handle` or `#hashtag`.
fn is_handle(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 2
        && (b[0] == b'@' || b[0] == b'#' && b[1].is_ascii_alphabetic())
        && b[1..]
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || *c == b'_')
}

/// Tokenizes `text[s..e]` (no whitespace inside) with the general rules.
fn general(text: &str, s: usize, e: usize, out: &mut Vec<Span>) {
    let mut i = s;
    while i < e {
        let (c, l) = char_at(text, i);
        if class(c) == Class::Word {
            i = word(text, i, e, out);
            continue;
        }
        if is_apostrophe(c) {
            if let Some(j) = clitic_at(text, i + l, e) {
                push(out, i, j);
                i = j;
                continue;
            }
        }
        if is_apostrophe(c) {
            // "'68": a year with its century dropped.
            let d = &text.as_bytes()[i + l..e];
            if d.len() >= 2
                && d[..2].iter().all(u8::is_ascii_digit)
                && d.get(2).map_or(true, |b| !b.is_ascii_alphanumeric())
            {
                push(out, i, i + l + 2);
                i += l + 2;
                continue;
            }
        }
        if c == '&' {
            if let Some(j) = entity_at(text.as_bytes(), i, e) {
                push(out, i, j);
                i = j;
                continue;
            }
        }
        if c == ':' || c == ';' {
            if let Some(j) = emoticon_at(text, i, e) {
                push(out, i, j);
                i = j;
                continue;
            }
        }
        let mut j = i + l;
        if groupable(c) {
            while j < e {
                let (d, dl) = char_at(text, j);
                if d == c || is_stop(c) && is_stop(d) {
                    j += dl;
                } else {
                    break;
                }
            }
        }
        push(out, i, j);
        i = j;
    }
}

#[inline]
fn is_stop(c: char) -> bool {
    matches!(c, '.' | '!' | '?')
}

/// Marks whose repeats form one token ("...", "--", "!!", "''", "**").
#[inline]
fn groupable(c: char) -> bool {
    matches!(
        c,
        '.' | '!'
            | '?'
            | '-'
            | '*'
            | '='
            | '_'
            | '~'
            | '#'
            | '+'
            | '/'
            | '\\'
            | '<'
            | '>'
            | '`'
            | '\''
            | '|'
            | ':'
            | '^'
            | '$'
            | '…'
            | '—'
            | '–'
            | '―'
    )
}

/// After an apostrophe at `i - 1`: the end of a clitic ("'s", "'re", "'ll",
/// "'ve", "'m", "'d") when one follows and then a non-word character.
fn clitic_at(text: &str, i: usize, e: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut j = i;
    while j < e && j - i < 3 && b[j].is_ascii_alphabetic() {
        j += 1;
    }
    if j < e && class(char_at(text, j).0) == Class::Word {
        return None;
    }
    let w = &b[i..j];
    let ok = [&b"s"[..], b"m", b"d", b"re", b"ve", b"ll"]
        .iter()
        .any(|c| w.eq_ignore_ascii_case(c));
    ok.then_some(j)
}

/// An HTML entity left in the text ("&amp;", "&#163;"), kept whole.
fn entity_at(b: &[u8], i: usize, e: usize) -> Option<usize> {
    let end = (i + 10).min(e);
    let semi = i + memchr::memchr(b';', &b[i..end])?;
    let body = &b[i + 1..semi];
    let ok = match body.split_first() {
        Some((b'#', num)) => !num.is_empty() && num.iter().all(u8::is_ascii_digit),
        Some(_) => body.iter().all(u8::is_ascii_alphabetic),
        None => false,
    };
    ok.then_some(semi + 1)
}

/// Western emoticons EWT keeps whole (":-)", ";)").
fn emoticon_at(text: &str, i: usize, e: usize) -> Option<usize> {
    const FACES: &[&str] = &[
        ":-)", ":-(", ";-)", ":-D", ":-P", ":)", ":(", ";)", ":D", ":P",
    ];
    let rest = &text[i..e];
    let f = FACES.iter().find(|f| rest.starts_with(*f))?;
    let j = i + f.len();
    let next_is_word = j < e && class(char_at(text, j).0) == Class::Word;
    (!next_is_word).then_some(j)
}

/// Scans and emits the word starting at `i`; returns where scanning resumes.
fn word(text: &str, i: usize, e: usize, out: &mut Vec<Span>) -> usize {
    let b = text.as_bytes();
    let j = scan_word(text, i, e);
    // A period after an abbreviation belongs to it ("Mr.", "U.S."), unless an
    // ellipsis follows ("Inc...").
    if j < e && b[j] == b'.' && !(j + 1 < e && b[j + 1] == b'.') {
        let w = &text[i..j];
        let kind = abbrev(w);
        let numero = matches!(w, "No" | "no" | "Nos");
        if kind != Abbrev::No && (!numero || next_is_digit(text, j + 1)) {
            push(out, i, j + 1);
            return j + 1;
        }
    }
    hyphenated(text, i, j, out);
    j
}

/// True when the first non-space character at or after `i` is a digit.
fn next_is_digit(text: &str, i: usize) -> bool {
    let k = skip_space(text, i);
    text.as_bytes().get(k).is_some_and(u8::is_ascii_digit)
}

/// End of the word run starting at `i` (a word character), with connectors.
fn scan_word(text: &str, i: usize, e: usize) -> usize {
    let b = text.as_bytes();
    let (c0, l0) = char_at(text, i);
    let mut prev = c0;
    let mut j = i + l0;
    let mut seg_start = i;
    while j < e {
        let (c, l) = char_at(text, j);
        if class(c) == Class::Word {
            prev = c;
            j += l;
            continue;
        }
        if j + l >= e {
            break;
        }
        let (nx, nl) = char_at(text, j + l);
        if class(nx) != Class::Word {
            break;
        }
        let keep = match c {
            // "left.Then" is a missing space, "U.S" and "3.5" are one token.
            '.' => !(prev.is_lowercase() && nx.is_uppercase() && j - seg_start >= 3),
            ',' => prev.is_ascii_digit() && three_digits(b, j + 1, e),
            ':' => prev.is_ascii_digit() && nx.is_ascii_digit(),
            // "9/11", "w/o" and "I/S" stay whole; "and/or" splits as in EWT.
            '/' => {
                prev.is_ascii_digit() && nx.is_ascii_digit()
                    || j - seg_start == prev.len_utf8()
                    || !(j + l + nl < e && class(char_at(text, j + l + nl).0) == Class::Word)
            }
            '-' | '_' => true,
            // "AT&T", "Q&A", "p&l": short letter groups around "&".
            '&' => {
                prev.is_ascii_alphabetic()
                    && nx.is_ascii_alphabetic()
                    && j - seg_start <= 3
                    && b[j + 1..e]
                        .iter()
                        .take_while(|c| c.is_ascii_alphabetic())
                        .count()
                        <= 3
            }
            '\'' | '\u{2019}' => {
                is_letter(prev) && is_letter(nx)
                    // "80's": a decade keeps its "'s".
                    || prev.is_ascii_digit()
                        && nx == 's'
                        && (j + l + 1 >= e || class(char_at(text, j + l + 1).0) != Class::Word)
            }
            _ => false,
        };
        if !keep {
            break;
        }
        if matches!(c, '.' | '/' | '&' | '-') {
            seg_start = j + l;
        }
        prev = nx;
        j += l + nl;
    }
    j
}

/// Exactly three ASCII digits at `k` (a thousands group).
fn three_digits(b: &[u8], k: usize, e: usize) -> bool {
    k + 3 <= e
        && b[k..k + 3].iter().all(u8::is_ascii_digit)
        && (k + 3 == e || !b[k + 3].is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        let mut v = Vec::new();
        tokenize(s, &mut v);
        v.iter().map(|sp| &s[sp.range()]).collect()
    }

    #[test]
    fn basic_sentence() {
        assert_eq!(
            toks("He didn't go, said Mr. Smith."),
            ["He", "did", "n't", "go", ",", "said", "Mr.", "Smith", "."]
        );
    }
}
