//! Name folding: the key under which the gazetteer stores and looks up names.
//!
//! Folding lowercases, removes diacritics (`Dnipró` -> `dnipro`), turns
//! punctuation, hyphens and apostrophes into word breaks (`Ivano-Frankivsk` ->
//! `ivano frankivsk`, `Khar'kov` -> `khar kov`) and collapses whitespace. It needs
//! no Unicode tables beyond a small hand-written map of the Latin letters that
//! carry diacritics; other scripts pass through lowercased, so a name in Cyrillic
//! folds to itself.

/// Folds `s` into `out` (cleared first).
pub fn fold_into(s: &str, out: &mut String) {
    out.clear();
    let mut pending_space = false;
    for ch in s.chars() {
        if ch.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            if ch.is_ascii() {
                out.push(ch.to_ascii_lowercase());
            } else if let Some(rep) = latin_base(ch) {
                out.push_str(rep);
            } else {
                out.extend(ch.to_lowercase());
            }
        } else if is_combining(ch) {
            // A combining accent left by decomposed input: drop it.
        } else if ch == '\'' || ch == '\u{2019}' || ch == '\u{2018}' || ch == '\u{02bc}' {
            // Apostrophes inside transliterations (Khar'kov) break words the same
            // way the Python converter does.
            pending_space = true;
        } else {
            pending_space = true;
        }
    }
}

/// Folds `s` into a new string.
#[must_use]
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

fn is_combining(ch: char) -> bool {
    matches!(ch as u32, 0x0300..=0x036F)
}

/// The lowercase ASCII base of a Latin letter with a diacritic.
fn latin_base(ch: char) -> Option<&'static str> {
    let s = match ch {
        'À'..='Å' | 'à'..='å' | 'Ā' | 'ā' | 'Ă' | 'ă' | 'Ą' | 'ą' | 'Ǎ' | 'ǎ' => "a",
        'Æ' | 'æ' => "ae",
        'Ç' | 'ç' | 'Ć' | 'ć' | 'Ĉ' | 'ĉ' | 'Ċ' | 'ċ' | 'Č' | 'č' => "c",
        'Ð' | 'ð' | 'Ď' | 'ď' | 'Đ' | 'đ' => "d",
        'È'..='Ë' | 'è'..='ë' | 'Ē' | 'ē' | 'Ĕ' | 'ĕ' | 'Ė' | 'ė' | 'Ę' | 'ę' | 'Ě' | 'ě' => {
            "e"
        }
        'Ĝ' | 'ĝ' | 'Ğ' | 'ğ' | 'Ġ' | 'ġ' | 'Ģ' | 'ģ' => "g",
        'Ĥ' | 'ĥ' | 'Ħ' | 'ħ' | 'Ḥ' | 'ḥ' => "h",
        'Ì'..='Ï' | 'ì'..='ï' | 'Ĩ' | 'ĩ' | 'Ī' | 'ī' | 'Ĭ' | 'ĭ' | 'Į' | 'į' | 'İ' | 'ı' => {
            "i"
        }
        'Ĳ' | 'ĳ' => "ij",
        'Ĵ' | 'ĵ' => "j",
        'Ķ' | 'ķ' => "k",
        'Ĺ' | 'ĺ' | 'Ļ' | 'ļ' | 'Ľ' | 'ľ' | 'Ŀ' | 'ŀ' | 'Ł' | 'ł' => "l",
        'Ñ' | 'ñ' | 'Ń' | 'ń' | 'Ņ' | 'ņ' | 'Ň' | 'ň' => "n",
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō' | 'ō' | 'Ŏ' | 'ŏ' | 'Ő' | 'ő' | 'Ǒ' | 'ǒ' => {
            "o"
        }
        'Œ' | 'œ' => "oe",
        'Ŕ' | 'ŕ' | 'Ŗ' | 'ŗ' | 'Ř' | 'ř' => "r",
        'Ś' | 'ś' | 'Ŝ' | 'ŝ' | 'Ş' | 'ş' | 'Š' | 'š' | 'Ș' | 'ș' | 'Ṣ' | 'ṣ' => "s",
        'ß' => "ss",
        'Ţ' | 'ţ' | 'Ť' | 'ť' | 'Ŧ' | 'ŧ' | 'Ț' | 'ț' | 'Ṭ' | 'ṭ' => "t",
        'Þ' | 'þ' => "th",
        'Ù'..='Ü' | 'ù'..='ü' | 'Ũ' | 'ũ' | 'Ū' | 'ū' | 'Ŭ' | 'ŭ' | 'Ů' | 'ů' | 'Ű' | 'ű' => {
            "u"
        }
        'Ų' | 'ų' | 'Ǔ' | 'ǔ' => "u",
        'Ŵ' | 'ŵ' => "w",
        'Ý' | 'ý' | 'ÿ' | 'Ŷ' | 'ŷ' | 'Ÿ' => "y",
        'Ź' | 'ź' | 'Ż' | 'ż' | 'Ž' | 'ž' | 'Ẓ' | 'ẓ' => "z",
        'ʻ' | 'ʿ' | 'ʾ' => "",
        _ => return None,
    };
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folds_case_diacritics_and_punctuation() {
        assert_eq!(fold("Dnipró"), "dnipro");
        assert_eq!(fold("  Ivano-Frankivsk "), "ivano frankivsk");
        assert_eq!(fold("Khar'kov"), "khar kov");
        assert_eq!(fold("São Tomé"), "sao tome");
        assert_eq!(fold("U.S."), "u s");
        assert_eq!(fold("Łódź"), "lodz");
        assert_eq!(fold("Київ"), "київ");
        assert_eq!(fold("Cafe\u{301}"), "cafe");
        assert_eq!(fold(""), "");
        assert_eq!(fold("--"), "");
    }
}
