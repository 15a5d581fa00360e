//! Pieces shared by the PETRARCH and TABARI importers: reading old files,
//! their dates (`950601`, `19950601`), code blocks (`[HOBGOV 950601-990815]`),
//! names (`UNITED_STATES`) and word-sequence patterns (`- SAID WOULD * NOW`).

use crate::diag::Diagnostic;
use crate::model::{Affiliation, DateRange, WordItem, WordPattern, WordTok};
use crate::names::{normalize_token, tokenize_name, NameTok};
use std::path::Path;
use tocsin_core::Date;

/// Which dialect a line is in: PETRARCH matches whole words; TABARI matches
/// words as stems unless a `_` (or `=`) follows them, and has `{ a | b }`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    Petrarch,
    Tabari,
}

/// Reads a dictionary file as text: UTF-8, or Latin-1 when it is not valid
/// UTF-8 (old TABARI files are).
///
/// # Errors
/// The file cannot be read.
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => e.into_bytes().iter().map(|&b| char::from(b)).collect(),
        }),
        Err(e) => Err(Diagnostic::error(
            path.display().to_string(),
            0,
            format!("cannot read: {e}"),
        )),
    }
}

/// Tracks `<!-- ... -->` comments that may span lines.
#[derive(Debug, Default)]
pub struct XmlComments {
    open: bool,
}

impl XmlComments {
    /// The part of `line` outside XML comments.
    pub fn strip(&mut self, line: &str) -> String {
        let mut out = String::new();
        let mut rest = line;
        loop {
            if self.open {
                match rest.find("-->") {
                    Some(i) => {
                        self.open = false;
                        rest = &rest[i + 3..];
                    }
                    None => return out,
                }
            } else {
                match rest.find("<!") {
                    Some(i) => {
                        out.push_str(&rest[..i]);
                        self.open = true;
                        rest = &rest[i + 2..];
                    }
                    None => {
                        out.push_str(rest);
                        return out;
                    }
                }
            }
        }
    }
}

/// Cuts a line at the first comment marker outside `[...]` (`[###]` is a
/// code, not a comment).
#[must_use]
pub fn cut_comment(line: &str, marker: char) -> &str {
    let mut depth = 0i32;
    for (i, c) in line.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth = (depth - 1).max(0),
            c if c == marker && depth == 0 => return &line[..i],
            _ => {}
        }
    }
    line
}

/// Parses `YYMMDD` (years before 50 are 20xx) or `YYYYMMDD`.
#[must_use]
pub fn parse_legacy_date(s: &str) -> Option<Date> {
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match s.len() {
        8 => Date::parse(s),
        6 => {
            let yy: i32 = s[..2].parse().ok()?;
            let year = if yy < 50 { 2000 + yy } else { 1900 + yy };
            Date::ymd(year, s[2..4].parse().ok()?, s[4..6].parse().ok()?)
        }
        _ => None,
    }
}

/// Parses the inside of a code block: `CODE`, `CODE <DATE`, `CODE >DATE`,
/// `CODE DATE-DATE`. `<` and `>` exclude the date; ranges include both ends.
///
/// # Errors
/// A message saying what was expected.
pub fn parse_code_block(inner: &str) -> Result<(String, DateRange), String> {
    let inner = inner.trim();
    let (code, rest) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
    let starts_like_date = code.starts_with(['<', '>'])
        || code.bytes().next().is_some_and(|b| b.is_ascii_digit())
            && code.len() >= 6
            && code.bytes().take(6).all(|b| b.is_ascii_digit());
    if code.is_empty() || starts_like_date {
        return Err(format!("expected `[CODE]` or `[CODE DATE-RESTRICTION]`, found `[{inner}]` (no code before the date)"));
    }
    let rest: String = rest.chars().filter(|c| !c.is_whitespace()).collect();
    let bad = || {
        format!("expected a date restriction `<YYMMDD`, `>YYMMDD` or `YYMMDD-YYMMDD` (or 8-digit dates) after code `{code}`, found `{rest}`")
    };
    let range = if rest.is_empty() {
        DateRange::ALWAYS
    } else if let Some(d) = rest.strip_prefix('<') {
        let d = parse_legacy_date(d).ok_or_else(bad)?;
        DateRange {
            from: None,
            to: Some(d.add_days(-1)),
        }
    } else if let Some(d) = rest.strip_prefix('>') {
        let d = parse_legacy_date(d).ok_or_else(bad)?;
        DateRange {
            from: Some(d.add_days(1)),
            to: None,
        }
    } else if let Some((a, b)) = rest.split_once('-') {
        let (a, b) = (
            parse_legacy_date(a).ok_or_else(bad)?,
            parse_legacy_date(b).ok_or_else(bad)?,
        );
        if a > b {
            return Err(format!("date restriction `{rest}` ends before it starts"));
        }
        DateRange {
            from: Some(a),
            to: Some(b),
        }
    } else {
        return Err(bad());
    };
    Ok((code.to_uppercase(), range))
}

/// Splits a legacy actor code into a country and 3-letter sectors
/// (`PSEREBHMS` → `PSE` + `REB HMS`; a short tail stays a sector).
#[must_use]
pub fn code_affiliation(code: &str) -> Affiliation {
    let code = code.trim();
    if !code.is_ascii() || code.len() <= 3 || !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Affiliation {
            country: code.to_string(),
            sectors: vec![],
        };
    }
    let sectors = (3..code.len())
        .step_by(3)
        .map(|i| code[i..(i + 3).min(code.len())].to_string())
        .collect();
    Affiliation {
        country: code[..3].to_string(),
        sectors,
    }
}

/// Normalized name tokens of a legacy phrase (`UNITED_STATES`,
/// `GROUP OF 77`). TABARI words are stems unless followed by `_` or `=`.
#[must_use]
pub fn phrase_tokens(text: &str, dialect: Dialect) -> Vec<NameTok> {
    let mut out = Vec::new();
    for chunk in text.split_whitespace() {
        let parts: Vec<&str> = chunk.split('_').collect();
        for (i, p) in parts.iter().enumerate() {
            let exact_mark = p.ends_with('=');
            let p = p.trim_end_matches('=');
            if p.is_empty() {
                continue;
            }
            let followed = i + 1 < parts.len() || exact_mark;
            // Split as running text is (`BARAD-DUR` → barad - dur); only the
            // last piece can be a stem.
            let pieces = tokenize_name(p);
            let n = pieces.len();
            for (k, piece) in pieces.iter().enumerate() {
                out.push(NameTok {
                    text: normalize_token(piece),
                    stem: dialect == Dialect::Tabari && !followed && k + 1 == n,
                });
            }
        }
    }
    out
}

/// One element of a pattern before it is placed around the verb.
#[derive(Debug)]
enum Elem {
    Verb,
    Tok(WordTok),
}

/// Splits pattern text into elements and the joins between them (`true` =
/// joined by `_`).
fn elements(text: &str, dialect: Dialect) -> Result<(Vec<Elem>, Vec<bool>), String> {
    let mut elems = Vec::new();
    let mut joins = Vec::new();
    let mut chars = text.char_indices().peekable();
    // Tokenize on whitespace, `_`, `{`, `|`, `}` keeping structure.
    let mut pending_join = false;
    let mut in_group = false;
    let mut word = String::new();
    let flush = |word: &mut String,
                 elems: &mut Vec<Elem>,
                 joins: &mut Vec<bool>,
                 pending: &mut bool,
                 next_join: bool|
     -> Result<(), String> {
        if word.is_empty() {
            return Ok(());
        }
        let special = word.starts_with('&') || matches!(word.as_str(), "*" | "$" | "+" | "%" | "^");
        let marks: String = word
            .chars()
            .rev()
            .take_while(|c| matches!(c, '~' | '='))
            .collect();
        let body = &word[..word.len() - marks.len()];
        let pieces = if special {
            vec![word.clone()]
        } else {
            tokenize_name(body)
        };
        let n = pieces.len();
        for (k, piece) in pieces.into_iter().enumerate() {
            if !elems.is_empty() {
                // Pieces of one word (`STATE-OWNED`) are adjacent.
                joins.push(if k == 0 { *pending } else { true });
            }
            let last = k + 1 == n;
            let piece = if last && !special {
                format!("{piece}{marks}")
            } else {
                piece
            };
            elems.push(elem(&piece, dialect, next_join || !last)?);
        }
        word.clear();
        *pending = false;
        Ok(())
    };
    while let Some((i, c)) = chars.next() {
        match c {
            '{' if dialect == Dialect::Tabari => {
                flush(&mut word, &mut elems, &mut joins, &mut pending_join, false)?;
                let close = text[i..]
                    .find('}')
                    .map(|j| i + j)
                    .ok_or_else(|| format!("expected `}}` to close `{{` in `{text}`"))?;
                let mut alts = Vec::new();
                for alt in text[i + 1..close].split('|') {
                    let (es, _) = elements(alt, dialect)?;
                    let toks: Vec<WordTok> = es
                        .into_iter()
                        .map(|e| match e {
                            Elem::Tok(t) => Ok(t),
                            Elem::Verb => Err(format!(
                                "expected words inside `{{ | }}`, found `*` in `{text}`"
                            )),
                        })
                        .collect::<Result<_, _>>()?;
                    if toks.is_empty() {
                        return Err(format!("expected words between `|` in `{{ }}`, found an empty alternative in `{text}`"));
                    }
                    alts.push(toks);
                }
                if !elems.is_empty() {
                    joins.push(pending_join);
                }
                pending_join = false;
                elems.push(Elem::Tok(WordTok::Alt(alts)));
                while chars.peek().is_some_and(|&(j, _)| j <= close) {
                    chars.next();
                }
            }
            '_' => {
                let had = !word.is_empty();
                flush(&mut word, &mut elems, &mut joins, &mut pending_join, true)?;
                if had || !elems.is_empty() {
                    pending_join = true;
                }
            }
            // PETRARCH-2 noun phrases `{AIR RAIDS}`: consecutive words.
            '{' if dialect == Dialect::Petrarch => {
                flush(&mut word, &mut elems, &mut joins, &mut pending_join, false)?;
                pending_join = false;
                in_group = true;
            }
            '}' if dialect == Dialect::Petrarch => {
                flush(&mut word, &mut elems, &mut joins, &mut pending_join, false)?;
                pending_join = false;
                in_group = false;
            }
            // PETRARCH-2 prepositional phrases `(IN COURT)`: plain words.
            '(' | ')' if dialect == Dialect::Petrarch => {
                flush(&mut word, &mut elems, &mut joins, &mut pending_join, false)?;
                pending_join = false;
            }
            c if c.is_whitespace() => {
                flush(
                    &mut word,
                    &mut elems,
                    &mut joins,
                    &mut pending_join,
                    in_group,
                )?;
                pending_join = in_group && !elems.is_empty();
            }
            '*' | '$' | '+' | '%' | '^' if word.is_empty() => {
                word.push(c);
                flush(&mut word, &mut elems, &mut joins, &mut pending_join, false)?;
            }
            c => word.push(c),
        }
    }
    flush(&mut word, &mut elems, &mut joins, &mut pending_join, false)?;
    Ok((elems, joins))
}

fn elem(word: &str, dialect: Dialect, followed_by_underscore: bool) -> Result<Elem, String> {
    Ok(match word {
        "*" => Elem::Verb,
        "$" => Elem::Tok(WordTok::Source),
        "+" => Elem::Tok(WordTok::Target),
        "%" => Elem::Tok(WordTok::Compound),
        "^" => Elem::Tok(WordTok::SkipPhrase),
        w if w.starts_with('&') => {
            let name = w[1..].trim_end_matches('_');
            if name.is_empty() {
                return Err("expected a synset name after `&`, found nothing".into());
            }
            Elem::Tok(WordTok::Synset(name.to_lowercase()))
        }
        w => {
            let tilde = w.ends_with('~');
            let exact = w.ends_with('=');
            let text = normalize_token(w.trim_end_matches(['~', '=']));
            if text.is_empty() {
                return Err(format!("expected a word, found `{w}`"));
            }
            let stem = tilde || (dialect == Dialect::Tabari && !followed_by_underscore && !exact);
            Elem::Tok(WordTok::Word { text, stem })
        }
    })
}

/// Parses a pattern body (without `-` and code) into the words before and
/// after the verb `*`.
///
/// # Errors
/// No `*`, two `*`, or a malformed token.
pub fn parse_word_pattern(text: &str, dialect: Dialect) -> Result<WordPattern, String> {
    let (elems, joins) = elements(text, dialect)?;
    let stars: Vec<usize> = elems
        .iter()
        .enumerate()
        .filter(|(_, e)| matches!(e, Elem::Verb))
        .map(|(i, _)| i)
        .collect();
    let star = match stars[..] {
        [s] => s,
        [] => {
            return Err(format!(
                "expected `*` (the verb's place) in the pattern, found `{}`",
                text.trim()
            ))
        }
        _ => {
            return Err(format!(
                "expected one `*` in the pattern, found {} in `{}`",
                stars.len(),
                text.trim()
            ))
        }
    };
    let mut p = WordPattern::default();
    for (i, e) in elems.into_iter().enumerate() {
        let Elem::Tok(tok) = e else { continue };
        if i < star {
            p.before.push(WordItem {
                tok,
                adjacent: joins[i],
            });
        } else {
            p.after.push(WordItem {
                tok,
                adjacent: joins[i - 1],
            });
        }
    }
    Ok(p)
}

/// Parses a verb phrase (`KLM_NOP_+RST`, `BRUSH ASIDE REPORTS`,
/// `+BREAK_DOWN`): the verb word (marked by a leading `+`, else the first
/// word) and the words around it.
///
/// # Errors
/// An empty phrase or a malformed token.
pub fn parse_verb_phrase(text: &str, dialect: Dialect) -> Result<(String, WordPattern), String> {
    let text = text.trim();
    let is_sep = |c: char| c == '_' || c.is_whitespace();
    // The verb word starts after a `+`, else at the start; it is replaced by `*`.
    let start = text.find('+').map_or(0, |i| i + 1);
    let end = text[start..].find(is_sep).map_or(text.len(), |j| start + j);
    let verb = normalize_token(text[start..end].trim_end_matches(['=', '~']));
    if verb.is_empty() || verb.contains(['+', '*', '$', '%', '&']) {
        return Err(format!(
            "expected a verb (a word, optionally marked with `+` inside a phrase), found `{text}`"
        ));
    }
    let prefix = if start > 0 { &text[..start - 1] } else { "" };
    let pattern_text = format!("{prefix}*{}", &text[end..]);
    let p = parse_word_pattern(&pattern_text, dialect)?;
    Ok((verb, p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(t: &str, stem: bool, adjacent: bool) -> WordItem {
        WordItem {
            tok: WordTok::Word {
                text: t.into(),
                stem,
            },
            adjacent,
        }
    }

    #[test]
    fn dates_and_code_blocks() {
        assert_eq!(parse_legacy_date("950601"), Date::ymd(1995, 6, 1));
        assert_eq!(parse_legacy_date("010114"), Date::ymd(2001, 1, 14));
        assert_eq!(parse_legacy_date("20080120"), Date::ymd(2008, 1, 20));
        let (c, r) = parse_code_block("HOB < 950601").unwrap();
        assert_eq!(c, "HOB");
        assert_eq!(r.to, Date::ymd(1995, 5, 31));
        let (_, r) = parse_code_block("HOBGOV 19950601 - 19990815").unwrap();
        assert_eq!(
            (r.from, r.to),
            (Date::ymd(1995, 6, 1), Date::ymd(1999, 8, 15))
        );
        assert!(parse_code_block("950601-990815").is_err());
        assert!(parse_code_block("HOB 95x601").is_err());
        assert_eq!(parse_code_block("pse").unwrap().0, "PSE");
    }

    #[test]
    fn patterns_split_around_the_verb() {
        let p = parse_word_pattern(" SAID WOULD_* NOW ", Dialect::Petrarch).unwrap();
        assert_eq!(
            p.before,
            vec![word("said", false, false), word("would", false, true)]
        );
        assert_eq!(p.after, vec![word("now", false, false)]);
        let p = parse_word_pattern("+ * IN $", Dialect::Petrarch).unwrap();
        assert_eq!(p.before[0].tok, WordTok::Target);
        assert_eq!(p.after[1].tok, WordTok::Source);
        let p = parse_word_pattern("* NEW_&TIETYPES_RELATIONS", Dialect::Petrarch).unwrap();
        assert_eq!(
            p.after[1],
            WordItem {
                tok: WordTok::Synset("tietypes".into()),
                adjacent: true
            }
        );
        assert!(parse_word_pattern("SAID NOW", Dialect::Petrarch).is_err());
        // PETRARCH-2 noun phrases are consecutive words; PPs are plain words.
        let p =
            parse_word_pattern("* (TO LIST) (OF {BANNED PARTIES}) $", Dialect::Petrarch).unwrap();
        let adj: Vec<bool> = p.after.iter().map(|w| w.adjacent).collect();
        assert_eq!(adj, [false, false, false, false, true, false]);
        // Hyphenated words split as running text does, into adjacent pieces.
        let p = parse_word_pattern("* STATE-OWNED PAPER", Dialect::Petrarch).unwrap();
        let texts: Vec<(bool, &WordTok)> = p.after.iter().map(|w| (w.adjacent, &w.tok)).collect();
        assert_eq!(texts.len(), 4);
        assert!(texts[1].0 && texts[2].0 && !texts[3].0);
        assert!(parse_word_pattern("* SAID *", Dialect::Petrarch).is_err());
    }

    #[test]
    fn tabari_alternatives_and_stems() {
        let p =
            parse_word_pattern("* FOR { ECONOMIC_SANCTIONS | EMBARGO }", Dialect::Tabari).unwrap();
        assert_eq!(p.after[0], word("for", true, false));
        let WordTok::Alt(alts) = &p.after[1].tok else {
            panic!("expected alternatives")
        };
        assert_eq!(alts.len(), 2);
        assert_eq!(
            alts[0][0],
            WordTok::Word {
                text: "economic".into(),
                stem: false
            }
        );
        let p = parse_word_pattern("RECENT~_*", Dialect::Tabari).unwrap();
        assert_eq!(p.before, vec![word("recent", true, true)]);
    }

    #[test]
    fn verb_phrases() {
        let (v, p) = parse_verb_phrase("KLM_NOP_+RST", Dialect::Petrarch).unwrap();
        assert_eq!(v, "rst");
        assert_eq!(p.before.len(), 2);
        let (v, p) = parse_verb_phrase("+BREAK_DOWN", Dialect::Petrarch).unwrap();
        assert_eq!(v, "break");
        assert_eq!(p.after, vec![word("down", false, true)]);
        let (v, p) = parse_verb_phrase("BRUSH ASIDE REPORTS", Dialect::Tabari).unwrap();
        assert_eq!(v, "brush");
        assert_eq!(p.after.len(), 2);
        let (v, p) = parse_verb_phrase("ABANDON", Dialect::Petrarch).unwrap();
        assert_eq!((v.as_str(), p.before.len() + p.after.len()), ("abandon", 0));
    }

    #[test]
    fn phrases_and_codes() {
        let t = phrase_tokens("UNITED_STATES", Dialect::Tabari);
        assert_eq!(
            t,
            vec![
                NameTok {
                    text: "united".into(),
                    stem: false
                },
                NameTok {
                    text: "states".into(),
                    stem: true
                }
            ]
        );
        assert!(!phrase_tokens("ARNOR_", Dialect::Tabari)[0].stem);
        assert!(!phrase_tokens("ARGENTIN", Dialect::Petrarch)[0].stem);
        assert_eq!(code_affiliation("PSEREBHMS").sectors, ["REB", "HMS"]);
        assert_eq!(code_affiliation("YEMNO").sectors, ["NO"]);
        assert_eq!(code_affiliation("---").country, "---");
    }
}
