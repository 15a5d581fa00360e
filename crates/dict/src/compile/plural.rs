//! English plurals for agents and synset members.

/// The regular plural, plus `-oes` for words in `-o` (`embargoes`,
/// `vetoes`) since English spells both.
pub(super) fn plural_variants(phrase: &str) -> Vec<String> {
    let p = pluralize(phrase);
    let last = phrase.rsplit(' ').next().unwrap_or(phrase).to_lowercase();
    let vowel_o = last.len() >= 2
        && matches!(
            last.as_bytes()[last.len() - 2],
            b'a' | b'e' | b'i' | b'o' | b'u'
        );
    if last.ends_with('o') && !vowel_o {
        let oes = format!("{}es", &p[..p.len() - 1]);
        vec![p, oes]
    } else {
        vec![p]
    }
}

/// The regular English plural of a noun phrase (its last word).
#[must_use]
pub fn pluralize(phrase: &str) -> String {
    let (head, last) = match phrase.rfind(' ') {
        Some(i) => phrase.split_at(i + 1),
        None => ("", phrase),
    };
    let lower = last.to_lowercase();
    let plural = if lower.ends_with('y')
        && !lower.ends_with("ay")
        && !lower.ends_with("ey")
        && !lower.ends_with("oy")
        && !lower.ends_with("uy")
    {
        format!("{}ies", &last[..last.len() - 1])
    } else if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| lower.ends_with(e))
    {
        format!("{last}es")
    } else {
        format!("{last}s")
    };
    format!("{head}{plural}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals() {
        assert_eq!(pluralize("soldier"), "soldiers");
        assert_eq!(pluralize("foreign ministry"), "foreign ministries");
        assert_eq!(pluralize("embassy"), "embassies");
        assert_eq!(pluralize("attorney"), "attorneys");
        assert_eq!(pluralize("coalition force"), "coalition forces");
        assert_eq!(pluralize("church"), "churches");
    }
}
