//! Word lists the tokenizer and splitter consult. Each list is sorted (binary
//! search); to edit, keep the order and one entry per item.

/// Abbreviations that precede a name or number and so never end a sentence on the
/// same line ("Gen. Smith", "Jan. 5", "No. 10"). Case-sensitive, without the period.
const TITLES: &[&str] = &[
    "Adm", "Apr", "Aug", "Capt", "Cmdr", "Col", "Cpl", "Dec", "Dr", "Drs", "Feb", "Fr", "Ft",
    "Gen", "Gov", "Hon", "Jan", "Jul", "Jun", "Lt", "Maj", "Mar", "Messrs", "Mr", "Mrs", "Ms",
    "Mt", "No", "Nos", "Nov", "Oct", "Pres", "Prof", "Rep", "Reps", "Rev", "Sen", "Sens", "Sep",
    "Sept", "Sgt", "St", "Supt", "approx", "cf", "no", "v", "vs",
];

/// Abbreviations that may also end a sentence ("... and Co. The firm ...").
const OTHERS: &[&str] = &[
    "Ala", "Ariz", "Ark", "Ave", "Blvd", "Bros", "Calif", "Co", "Colo", "Conn", "Corp", "Del",
    "Dept", "Fla", "Fri", "Ga", "Ill", "Inc", "Ind", "Jr", "Kan", "Ky", "La", "Ltd", "Mass", "Md",
    "Mich", "Minn", "Miss", "Mo", "Mon", "Mont", "Neb", "Nev", "Okla", "Ont", "Ore", "Pa", "Rd",
    "Sat", "Sr", "Sts", "Sun", "Tenn", "Tex", "Thu", "Thurs", "Tue", "Tues", "Va", "Vt", "Wash",
    "Wed", "Wis", "Wyo", "al", "dept", "etc", "ft", "oz",
];

/// Prefixes that EWT keeps attached across a hyphen ("non-stop", "e-mail").
/// Lowercase.
const HYPHEN_PREFIXES: &[&str] = &[
    "anti", "arch", "co", "counter", "cross", "e", "ex", "intra", "micro", "mid", "mis", "multi",
    "neo", "non", "over", "post", "pre", "pro", "psycho", "re", "semi", "socio", "sub", "un",
];

/// Capitalised words that usually open a sentence; after an ambiguous
/// abbreviation ("U.S.", "Inc.") they tip the decision towards a break.
const STARTERS: &[&str] = &[
    "A",
    "After",
    "Also",
    "Although",
    "An",
    "And",
    "As",
    "At",
    "Because",
    "Before",
    "But",
    "By",
    "Despite",
    "During",
    "For",
    "From",
    "He",
    "Her",
    "His",
    "However",
    "I",
    "If",
    "In",
    "It",
    "Its",
    "Meanwhile",
    "Mr",
    "Mrs",
    "Ms",
    "My",
    "No",
    "Now",
    "On",
    "Once",
    "One",
    "Our",
    "She",
    "Since",
    "So",
    "Some",
    "That",
    "The",
    "Their",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "Though",
    "Thus",
    "To",
    "We",
    "What",
    "When",
    "Where",
    "While",
    "Why",
    "With",
    "Yet",
    "You",
];

/// Month names and abbreviations, for datelines. Lowercase.
const MONTHS: &[&str] = &[
    "apr",
    "april",
    "aug",
    "august",
    "dec",
    "december",
    "feb",
    "february",
    "jan",
    "january",
    "jul",
    "july",
    "jun",
    "june",
    "mar",
    "march",
    "may",
    "nov",
    "november",
    "oct",
    "october",
    "sep",
    "sept",
    "september",
];

fn has(list: &[&str], w: &str) -> bool {
    list.binary_search(&w).is_ok()
}

/// How an abbreviation (word before a period) behaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Abbrev {
    /// Not an abbreviation: the period is punctuation of its own.
    No,
    /// Title, month, initial: never ends a sentence on the same line.
    Title,
    /// May end a sentence ("U.S.", "Inc.", "etc.").
    Other,
}

/// Classifies `w`, the text of a word directly followed by a period.
pub(crate) fn abbrev(w: &str) -> Abbrev {
    let b = w.as_bytes();
    if b.len() == 1 && b[0].is_ascii_uppercase() {
        return Abbrev::Title; // an initial: "J. R. R. Tolkien"
    }
    if has(TITLES, w) {
        return Abbrev::Title;
    }
    if has(OTHERS, w) {
        return Abbrev::Other;
    }
    if is_dotted(w) {
        return if matches!(w, "e.g" | "i.e" | "E.g" | "I.e") {
            Abbrev::Title
        } else {
            Abbrev::Other
        };
    }
    Abbrev::No
}

/// "U.S", "a.m", "Ph.D", "e.g": letter segments of at most three letters joined by
/// periods, one of them a single letter.
fn is_dotted(w: &str) -> bool {
    if !w.contains('.') {
        return false;
    }
    let mut single = false;
    for seg in w.split('.') {
        if seg.is_empty() || seg.len() > 3 || !seg.bytes().all(|b| b.is_ascii_alphabetic()) {
            return false;
        }
        single |= seg.len() == 1;
    }
    single
}

/// True for a lowercase prefix that stays attached across a hyphen.
pub(crate) fn is_hyphen_prefix(w: &str) -> bool {
    if w.len() > 7 || !w.is_ascii() {
        return false;
    }
    let mut buf = [0u8; 7];
    for (d, s) in buf.iter_mut().zip(w.bytes()) {
        *d = s.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..w.len()]).is_ok_and(|l| has(HYPHEN_PREFIXES, l))
}

/// True for a capitalised word that usually opens a sentence.
pub(crate) fn is_starter(w: &str) -> bool {
    has(STARTERS, w)
}

/// True for a month name or abbreviation (any case).
pub(crate) fn is_month(w: &str) -> bool {
    if w.len() > 9 || !w.is_ascii() {
        return false;
    }
    let mut buf = [0u8; 9];
    for (d, s) in buf.iter_mut().zip(w.bytes()) {
        *d = s.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..w.len()]).is_ok_and(|l| has(MONTHS, l))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_for_binary_search() {
        for l in [TITLES, OTHERS, HYPHEN_PREFIXES, STARTERS, MONTHS] {
            assert!(l.windows(2).all(|w| w[0] < w[1]), "{:?}", l);
        }
    }

    #[test]
    fn abbreviations_are_classified() {
        assert_eq!(abbrev("Mr"), Abbrev::Title);
        assert_eq!(abbrev("J"), Abbrev::Title);
        assert_eq!(abbrev("U.S"), Abbrev::Other);
        assert_eq!(abbrev("Ph.D"), Abbrev::Other);
        assert_eq!(abbrev("Inc"), Abbrev::Other);
        assert_eq!(abbrev("house"), Abbrev::No);
        assert_eq!(abbrev("www.bbc.co"), Abbrev::No);
        assert!(is_hyphen_prefix("Non"));
        assert!(!is_hyphen_prefix("well"));
        assert!(is_month("Jan"));
    }
}
