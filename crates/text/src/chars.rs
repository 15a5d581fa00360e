//! Character classes used by the tokenizer, with an ASCII fast path.

/// How the tokenizer treats one character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    /// Separates tokens and is never part of one.
    Space,
    /// Letters, digits, marks and any script character: forms words.
    Word,
    /// Punctuation and symbols: tokens of their own.
    Punct,
}

const S: u8 = 0;
const W: u8 = 1;
const P: u8 = 2;

/// Class of every ASCII byte. Controls other than whitespace count as space so
/// that they never end up inside a token.
static ASCII: [u8; 128] = {
    let mut t = [P; 128];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        t[i] = if b <= b' ' || b == 0x7f {
            S
        } else if b.is_ascii_alphanumeric() {
            W
        } else {
            P
        };
        i += 1;
    }
    t
};

/// Class of an ASCII byte (`b < 0x80`).
#[inline]
pub(crate) fn ascii_class(b: u8) -> Class {
    match ASCII[(b & 0x7f) as usize] {
        S => Class::Space,
        W => Class::Word,
        _ => Class::Punct,
    }
}

/// Class of any character.
#[inline]
pub(crate) fn class(c: char) -> Class {
    if c.is_ascii() {
        return ascii_class(c as u8);
    }
    if c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}') {
        return Class::Space;
    }
    if is_unicode_punct(c) {
        Class::Punct
    } else {
        Class::Word
    }
}

/// Non-ASCII punctuation and symbols that stand as tokens of their own. Anything
/// else outside ASCII (letters of any script, marks, CJK ideographs) is a word
/// character.
fn is_unicode_punct(c: char) -> bool {
    matches!(c as u32,
        0x00A1..=0x00BF // ¡ ¢ £ ¤ ¥ ¦ § ¨ © ª « ¬ ® ¯ ° ± ² ³ ´ µ ¶ · ¸ ¹ º » ¼ ½ ¾ ¿
        | 0x00D7 | 0x00F7
        | 0x2010..=0x205E // dashes, quotes, bullets, ellipsis, primes
        | 0x20A0..=0x20CF // currency signs (€)
        | 0x2100..=0x214F // letterlike symbols (™, №)
        | 0x2190..=0x23FF // arrows, maths, technical
        | 0x2500..=0x27BF // box drawing, shapes, dingbats, misc symbols
        | 0x2E00..=0x2E7F // supplemental punctuation
        | 0x3000..=0x303F // CJK punctuation
        | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65
        | 0x1F000..=0x1FAFF // emoji and pictographs
    ) && !matches!(
        c as u32,
        0x00AA | 0x00B2 | 0x00B3 | 0x00B5 | 0x00B9 | 0x00BA | 0x00BC..=0x00BE
    )
}

/// The character starting at byte `i` of `s` and its length in bytes.
/// `i` must be on a char boundary and inside `s`.
#[inline]
pub(crate) fn char_at(s: &str, i: usize) -> (char, usize) {
    let b = s.as_bytes()[i];
    if b < 0x80 {
        return (b as char, 1);
    }
    match s[i..].chars().next() {
        Some(c) => (c, c.len_utf8()),
        None => ('\u{FFFD}', 1),
    }
}

/// The character ending just before byte `i` of `s` (`i` on a char boundary, > 0).
#[inline]
pub(crate) fn char_before(s: &str, i: usize) -> char {
    let b = s.as_bytes()[i - 1];
    if b < 0x80 {
        return b as char;
    }
    s[..i].chars().next_back().unwrap_or('\u{FFFD}')
}

/// True for `'` and the right single quotation mark used as an apostrophe.
#[inline]
pub(crate) fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// True when `c` is a letter (any script).
#[inline]
pub(crate) fn is_letter(c: char) -> bool {
    c.is_alphabetic()
}
