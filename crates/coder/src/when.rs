//! Event dates: the document date, a dateline date, or a day named relative to
//! them ("on Tuesday" = the last Tuesday up to the anchor date, "yesterday").

use crate::sent::Sent;
use tocsin_core::{Date, Doc};

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The month of a name or abbreviation ("Dec", "Dec.", "December").
fn month(w: &str) -> Option<u8> {
    let w = w.trim_end_matches('.');
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| *m == w || (m.starts_with(w) && (w.len() == 3 || w == "sept")))
        .map(|i| i as u8 + 1)
}

/// A date in the dateline: "MOSCOW, Dec 7 (Reuters) -" or "Dec. 7, 2021",
/// looked for in the first tokens of the document's first sentence. The year
/// comes from the text or else from the document date.
pub(crate) fn dateline_date(doc: &Doc, doc_date: Option<Date>) -> Option<Date> {
    let s = Sent::new(doc, 0);
    let n = s.n.min(12);
    for i in 0..n.saturating_sub(1) {
        let Some(m) = month(&s.lower[i]) else {
            continue;
        };
        if i > 0 && !s.word(i).starts_with(|c: char| c.is_uppercase()) {
            continue;
        }
        let Ok(day) = s.lower[i + 1].parse::<u8>() else {
            continue;
        };
        let year = (i + 3 < s.n && s.lower[i + 2] == ",")
            .then(|| s.lower[i + 3].parse::<i32>().ok())
            .flatten()
            .filter(|y| (1900..=2200).contains(y))
            .or(doc_date.map(|d| d.year))?;
        return Date::ymd(year, m, day);
    }
    None
}

/// The date of an event in sentence `s`, with the reason.
pub(crate) fn event_date(
    s: &Sent<'_>,
    verb: usize,
    doc_date: Option<Date>,
    dateline: Option<Date>,
) -> (Option<Date>, String) {
    let anchor = dateline.or(doc_date);
    let anchor_name = if dateline.is_some() {
        "dateline"
    } else {
        "document date"
    };
    if let Some(a) = anchor.filter(|a| a.precision == tocsin_core::DatePrecision::Day) {
        if let Some((d, why)) = relative_day(s, verb, a) {
            return (Some(d), format!("{why} relative to the {anchor_name} {a}"));
        }
    }
    match (dateline, doc_date) {
        (Some(d), _) => (Some(d), "dateline".into()),
        (None, Some(d)) => (Some(d), "document date".into()),
        (None, None) => (None, "no date".into()),
    }
}

/// A relative day word in the verb's clause (or anywhere in the sentence).
fn relative_day(s: &Sent<'_>, verb: usize, anchor: Date) -> Option<(Date, String)> {
    // Prefer a day word attached to the verb, else the first in the sentence.
    let mut order: Vec<usize> = (0..s.n).filter(|&i| s.head[i] == Some(verb)).collect();
    order.extend(0..s.n);
    for i in order {
        let w = s.lower[i].as_str();
        if let Some(wd) = WEEKDAYS.iter().position(|d| *d == w) {
            let back = (i64::from(anchor.weekday()) - wd as i64).rem_euclid(7);
            return Some((anchor.add_days(-back), format!("\"{}\"", s.word(i))));
        }
        match w {
            "yesterday" => return Some((anchor.add_days(-1), "\"yesterday\"".into())),
            "today" | "tonight" => return Some((anchor, format!("\"{}\"", s.word(i)))),
            "tomorrow" => return Some((anchor.add_days(1), "\"tomorrow\"".into())),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::month;

    #[test]
    fn month_names_and_abbreviations() {
        assert_eq!(month("dec"), Some(12));
        assert_eq!(month("dec."), Some(12));
        assert_eq!(month("march"), Some(3));
        assert_eq!(month("mar"), Some(3));
        assert_eq!(month("may"), Some(5));
        assert_eq!(month("ma"), None);
        assert_eq!(month("decimal"), None);
    }
}
