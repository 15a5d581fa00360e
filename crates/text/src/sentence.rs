//! The sentence splitter: groups tokens into sentences.
//!
//! Rules, in order, at the boundary after each token:
//! 1. the end of a dateline (`KYIV, Ukraine (AP) —`) closes a heading sentence;
//! 2. a blank line always ends a sentence; a single newline ends one unless the
//!    line looks wrapped (the next line starts in lowercase, the line ends with a
//!    comma, hyphen or title abbreviation, or is long and has no final
//!    punctuation);
//! 3. on the same line, `.`, `!`, `?`, `...` (with closing quotes and brackets
//!    that follow without a space) end a sentence when the next token can open
//!    one (not lowercase); after an abbreviation that may end a sentence
//!    (`U.S.`, `Inc.`) only when a typical sentence opener follows; titles and
//!    initials (`Mr.`, `Gen.`, `J.`) never end one.
//!
//! A sentence ended by a newline whose last token is a word (no final
//! punctuation) is a heading.

use crate::chars::{char_at, class, Class};
use crate::dateline::dateline;
use crate::lexicon::{abbrev, is_starter, Abbrev};
use tocsin_core::Span;

/// One sentence as a token range, and whether it is a heading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Cut {
    pub start: usize,
    pub end: usize,
    pub heading: bool,
}

/// Lines at least this long (bytes) without final punctuation are taken as
/// hard-wrapped text rather than headlines.
const WRAP_LEN: usize = 60;

/// Headings are short.
const MAX_HEADING_TOKENS: usize = 40;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Term {
    None,
    /// `.`, `!`, `?`, `...`.
    Stop,
    /// Abbreviation that never ends a sentence on its line.
    Title,
    /// Abbreviation that may end a sentence.
    Other,
}

struct Splitter<'a> {
    text: &'a str,
    toks: &'a [Span],
}

/// Splits `toks` (the tokens of `text`, in order) into sentences.
pub(crate) fn split(text: &str, toks: &[Span], out: &mut Vec<Cut>) {
    let n = toks.len();
    if n == 0 {
        return;
    }
    let sp = Splitter { text, toks };
    let mut start = 0;
    let mut dl_end = sp.dateline_at(0);
    let mut k = 0;
    while k < n {
        let mut m = k;
        let term = sp.term(k);
        if term != Term::None {
            while m + 1 < n && sp.is_closer(m + 1) {
                m += 1;
            }
        }
        if m + 1 >= n {
            break;
        }
        let end = sp.toks[m].end as usize;
        let gap = &text.as_bytes()[end..sp.toks[m + 1].start as usize];
        let nl = memchr::memchr_iter(b'\n', gap).count().max(
            // Old Mac line ends.
            usize::from(memchr::memchr(b'\r', gap).is_some()),
        );
        let (brk, heading) = if dl_end == Some(end) {
            (true, true)
        } else if nl >= 2 || nl == 1 && !sp.wrapped(m, term) {
            (
                true,
                term == Term::None && sp.ends_in_word(m) && m + 1 - start <= MAX_HEADING_TOKENS,
            )
        } else {
            let b = match term {
                Term::Stop => sp.can_open(m + 1) || m == k && sp.lower_after_stop(k),
                Term::Other => sp.strong_opener(m + 1, k),
                Term::Title | Term::None => false,
            };
            (b, false)
        };
        if brk {
            out.push(Cut {
                start,
                end: m + 1,
                heading,
            });
            start = m + 1;
            if nl >= 1 {
                dl_end = sp.dateline_at(m + 1);
            }
        }
        k = m + 1;
    }
    out.push(Cut {
        start,
        end: n,
        heading: false,
    });
}

impl Splitter<'_> {
    fn tok(&self, k: usize) -> &str {
        &self.text[self.toks[k].range()]
    }

    /// End byte of a dateline starting at token `k`, snapped to a token end.
    fn dateline_at(&self, k: usize) -> Option<usize> {
        let s = self.toks[k].start as usize;
        let d = dateline(&self.text[s..])?;
        let end = s + d.span.end as usize;
        // Only a dateline whose end is a token boundary can be cut there.
        self.toks[k..]
            .iter()
            .take(40)
            .any(|t| t.end as usize == end)
            .then_some(end)
    }

    fn term(&self, k: usize) -> Term {
        let t = self.tok(k);
        if t.bytes().all(|b| matches!(b, b'.' | b'!' | b'?'))
            || matches!(t, "…" | "。" | "！" | "？")
            || t.chars().all(|c| matches!(c, '…' | '.'))
        {
            return Term::Stop;
        }
        if t.len() > 1 && t.ends_with('.') {
            return match abbrev(&t[..t.len() - 1]) {
                Abbrev::Title => Term::Title,
                Abbrev::Other => Term::Other,
                Abbrev::No => Term::Stop,
            };
        }
        Term::None
    }

    /// "... the phrase. and then": a lowercase word after a full stop or question
    /// mark still opens a sentence in informal text, unless the word before the
    /// stop may be an unlisted abbreviation (short and capitalised, "Fla.").
    fn lower_after_stop(&self, k: usize) -> bool {
        if !matches!(self.tok(k), "." | "?") || k == 0 || k + 1 >= self.toks.len() {
            return false;
        }
        let prev = self.tok(k - 1);
        let abbrev_like = prev.len() <= 5 && prev.starts_with(|c: char| c.is_uppercase());
        let glued = self.toks[k - 1].end == self.toks[k].start;
        let next = self.tok(k + 1);
        glued && !abbrev_like && next.starts_with(|c: char| c.is_lowercase())
    }

    /// A closing quote or bracket glued to the token before it.
    fn is_closer(&self, k: usize) -> bool {
        self.toks[k - 1].end == self.toks[k].start
            && matches!(
                self.tok(k),
                ")" | "]" | "}" | "\"" | "'" | "''" | "”" | "’" | "»" | "’’"
            )
    }

    /// Whether token `k` can open a sentence after a full stop.
    fn can_open(&self, k: usize) -> bool {
        let (c, _) = char_at(self.text, self.toks[k].start as usize);
        if c.is_lowercase() {
            return false;
        }
        // ". . ." written with spaces is one ellipsis.
        if self.term(k) == Term::Stop {
            return false;
        }
        if matches!(c, '"' | '“' | '‘' | '\'' | '(' | '[' | '«') {
            return self.toks.get(k + 1).map_or(true, |t| {
                !char_at(self.text, t.start as usize).0.is_lowercase()
            });
        }
        // Commas, closing brackets and the like continue the sentence.
        !matches!(c, ',' | ';' | ':' | ')' | ']' | '}' | '%' | '”' | '’')
    }

    /// After "U.S." or "Inc.": a break only before a typical opener, or after
    /// "etc." before any capital.
    fn strong_opener(&self, k: usize, abbr: usize) -> bool {
        let t = self.tok(k);
        if self.tok(abbr) == "etc." {
            return self.can_open(k);
        }
        is_starter(t)
            || matches!(t, "\"" | "“")
                && self
                    .toks
                    .get(k + 1)
                    .is_some_and(|n| char_at(self.text, n.start as usize).0.is_uppercase())
    }

    /// Whether a single newline after token `m` is a wrapped line, not a break.
    fn wrapped(&self, m: usize, term: Term) -> bool {
        match term {
            Term::Stop => return false,
            Term::Title => return true,
            Term::Other => return !self.can_open(m + 1),
            Term::None => {}
        }
        let next = char_at(self.text, self.toks[m + 1].start as usize).0;
        if next.is_lowercase() {
            return true;
        }
        if matches!(
            self.tok(m),
            "," | "-" | "&" | "(" | "/" | "and" | "or" | "of" | "the"
        ) {
            return true;
        }
        let end = self.toks[m].end as usize;
        let line_start = memchr::memrchr(b'\n', &self.text.as_bytes()[..end]).map_or(0, |p| p + 1);
        end - line_start >= WRAP_LEN && self.ends_in_word(m)
    }

    fn ends_in_word(&self, m: usize) -> bool {
        self.tok(m)
            .chars()
            .next_back()
            .is_some_and(|c| class(c) == Class::Word)
    }
}
