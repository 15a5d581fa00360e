//! Place recognition and resolution on a tagged and parsed document.
//!
//! Recognition finds runs of capitalised name tokens (`New York`, `Kryvyi Rih`,
//! `Guinea-Bissau`, `the Crimean Peninsula`) and matches their longest pieces
//! against the gazetteer. A run with a capitalised word that matches nothing is a
//! name of something else (`New York Times`, `Islamic State of Iraq`) and yields
//! no place. A lowercase type word after the name (`Kharkiv region`, `Idlib
//! province`) or before it (`the city of Mosul`) is a hint, and so is a direction
//! (`eastern Ukraine`).
//!
//! Resolution picks one record per mention: a name that is a country's is that
//! country; the hand-written region records come next; otherwise candidates are
//! scored by the hint, the administrative hierarchy (`Kharkiv, Ukraine`), the
//! story's countries (countries named in the document and the actors' countries),
//! and population. A mention that resolves to nothing is kept with no choice and
//! never stops the others.

use crate::fold::fold_into;
use crate::gazetteer::{Code, Gazetteer, Kind, PlaceId};
use std::collections::HashSet;
use std::ops::Range;
use tocsin_core::{Doc, Span, Upos, Xpos};

/// What a word next to a name says about the kind of place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypeHint {
    /// `province`, `region`, `oblast`, `governorate`, `state`, `district`...
    Admin,
    /// `city`, `town`, `village`, `capital`...
    City,
}

/// One place mention found in a document.
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    pub sentence: usize,
    /// Document-wide token indices of the name.
    pub tokens: Range<usize>,
    /// The name as written.
    pub span: Span,
    pub hint: Option<TypeHint>,
    /// `eastern`, `north`... when the name follows a direction word.
    pub direction: Option<&'static str>,
    /// Index (into the mention list) of the place this one is placed in by an
    /// apposition such as `Kharkiv, Ukraine`.
    pub parent: Option<usize>,
    /// Every record the name matched.
    pub candidates: Vec<PlaceId>,
    /// The record chosen, if any.
    pub chosen: Option<PlaceId>,
    /// Why that record was chosen.
    pub why: String,
    /// A name in a locative phrase that the gazetteer does not know (`the
    /// village of Deefow`); it has no candidates.
    pub unknown: bool,
    /// For an unknown name, the known place it lies in or next to, whose
    /// coordinates stand for it.
    pub container: Option<PlaceId>,
}

const DIRECTIONS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "north-east",
    "north-west",
    "south-east",
    "south-west",
    "north-eastern",
    "north-western",
    "south-eastern",
    "south-western",
];

fn type_hint(word: &str) -> Option<TypeHint> {
    match word.to_ascii_lowercase().as_str() {
        "province" | "provinces" | "region" | "regions" | "oblast" | "governorate" | "state"
        | "district" | "county" | "prefecture" | "department" | "territory" | "division"
        | "emirate" | "canton" | "municipality" => Some(TypeHint::Admin),
        "city" | "town" | "village" | "capital" | "township" | "hamlet" | "port" => {
            Some(TypeHint::City)
        }
        _ => None,
    }
}

/// Words that join the parts of one name (`Bosnia and Herzegovina`,
/// `Democratic Republic of the Congo`, `Guinea-Bissau`, `Ras al-Ain`).
fn is_connector(word: &str) -> bool {
    matches!(
        word,
        "of" | "the"
            | "and"
            | "-"
            | "de"
            | "del"
            | "da"
            | "do"
            | "al"
            | "el"
            | "la"
            | "le"
            | "du"
            | "des"
            | "ad"
            | "as"
            | "an"
            | "ar"
            | "bin"
            | "ibn"
            | "&"
            | "au"
            | "aux"
            | "en"
            | "sur"
            | "di"
            | "dos"
            | "das"
    )
}

/// Capitalised words that end a name run instead of extending it.
fn breaks_run(word: &str) -> bool {
    matches!(
        word,
        "Monday"
            | "Tuesday"
            | "Wednesday"
            | "Thursday"
            | "Friday"
            | "Saturday"
            | "Sunday"
            | "January"
            | "February"
            | "March"
            | "April"
            | "June"
            | "July"
            | "August"
            | "September"
            | "October"
            | "November"
            | "December"
            | "Jan."
            | "Feb."
            | "Aug."
            | "Sept."
            | "Sep."
            | "Oct."
            | "Nov."
            | "Dec."
            | "Christmas"
            | "Easter"
            | "Ramadan"
            | "Eid"
            | "Mr."
            | "Mrs."
            | "Ms."
            | "Dr."
    )
}

/// Words that make a capitalised run an organisation's name, not a place's.
fn is_org_word(word: &str) -> bool {
    matches!(
        word,
        "Army"
            | "Forces"
            | "Force"
            | "Party"
            | "Ministry"
            | "Council"
            | "Committee"
            | "Government"
            | "Front"
            | "Brigade"
            | "Brigades"
            | "Group"
            | "Guard"
            | "Guards"
            | "Police"
            | "Movement"
            | "Organization"
            | "Organisation"
            | "Union"
            | "Nations"
            | "Agency"
            | "Company"
            | "Corporation"
            | "Bank"
            | "Court"
            | "Assembly"
            | "Parliament"
            | "Congress"
            | "Senate"
            | "Times"
            | "Post"
            | "News"
            | "Press"
            | "Television"
            | "Radio"
            | "Service"
            | "Department"
            | "Office"
            | "Command"
            | "Division"
            | "Battalion"
            | "Regiment"
            | "Corps"
            | "Unit"
            | "Militia"
            | "State"
            | "Tigers"
            | "Fateh"
            | "Fatah"
            | "Jabhat"
            | "Jaysh"
            | "Jaish"
            | "Liwa"
            | "Liwaa"
            | "Harakat"
            | "Ahrar"
            | "Islamic"
            | "Revolutionary"
            | "Republican"
            | "Democratic"
            | "Federal"
            | "National"
            | "Minister"
            | "President"
            | "General"
            | "Gen."
            | "Col."
            | "Lt."
            | "Capt."
            | "Sgt."
            | "Gov."
            | "Sen."
            | "Rep."
            | "Prime"
            | "King"
            | "Prince"
            | "Emir"
            | "Commander"
            | "Chief"
            | "Secretary"
            | "Club"
            | "FC"
    )
}

/// Names of groups, agencies and people that the gazetteer also lists as places
/// (a town called Taliban, one called Boko): folded keys.
const NOT_PLACES: &[&str] = &[
    "al jazeera",
    "al qaeda",
    "al qaida",
    "al shabaab",
    "al shabab",
    "allah",
    "boko",
    "boko haram",
    "daesh",
    "god",
    "hamas",
    "haram",
    "hezbollah",
    "hizbollah",
    "interfax",
    "isil",
    "isis",
    "jesus",
    "kurdish",
    "nusra",
    "reuters",
    "sandinista",
    "sandinistas",
    "shabab",
    "taliban",
    "tass",
    "xinhua",
];

fn is_title(word: &str) -> bool {
    matches!(
        word,
        "Mr."
            | "Mrs."
            | "Ms."
            | "Dr."
            | "Mr"
            | "Mrs"
            | "Ms"
            | "Dr"
            | "President"
            | "Gen."
            | "General"
            | "Col."
            | "Colonel"
            | "Lt."
            | "Capt."
            | "Sgt."
            | "Gov."
            | "Sen."
            | "Rep."
            | "Minister"
            | "Judge"
            | "Bishop"
            | "Pope"
            | "Imam"
            | "King"
            | "Queen"
            | "Prince"
            | "Princess"
            | "Lord"
            | "Lady"
            | "Sir"
            | "Prof."
            | "Professor"
            | "Senator"
            | "Governor"
            | "Mayor"
            | "Chancellor"
    )
}

/// Nouns before `of` that introduce a place name (`the village of Deefow`).
fn is_place_noun(word: &str) -> bool {
    type_hint(word).is_some()
        || matches!(
            word.to_ascii_lowercase().as_str(),
            "area"
                | "areas"
                | "neighborhood"
                | "neighbourhood"
                | "suburb"
                | "suburbs"
                | "outskirts"
                | "villages"
                | "towns"
                | "cities"
                | "countryside"
                | "camp"
                | "settlement"
                | "island"
                | "valley"
                | "quarter"
                | "locality"
                | "streets"
                | "vicinity"
                | "environs"
                | "community"
                | "neighborhoods"
                | "mountains"
                | "hills"
                | "heights"
                | "plain"
                | "border"
                | "centre"
                | "center"
                | "heart"
        )
}

/// Prepositions that put what follows at a place.
pub(crate) const LOCATIVE: &[&str] = &[
    "in",
    "at",
    "near",
    "outside",
    "inside",
    "on",
    "across",
    "throughout",
    "around",
    "within",
    "into",
    "over",
    "along",
    "through",
    "off",
    "between",
    "among",
    "by",
    "towards",
    "toward",
    "onto",
    "upon",
    "beside",
    "nearby",
    "against",
];

fn is_acronym(word: &str) -> bool {
    word.len() <= 5
        && word
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Finds and resolves every place mention in the document.
#[must_use]
pub fn find_places(doc: &Doc, gaz: &Gazetteer, extra_countries: &[&str]) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut key = String::new();
    for s in 0..doc.sentences().len() {
        recognise_sentence(doc, gaz, s, &mut key, &mut out);
    }
    link_hierarchy(doc, gaz, &mut out);
    let story = story_countries(gaz, &out, extra_countries);
    for i in 0..out.len() {
        resolve(gaz, &mut out, i, &story);
    }
    out
}

fn is_name_token(doc: &Doc, i: usize, first_in_sentence: bool) -> bool {
    let w = doc.word(i);
    // "#Idlib": a hashtag names what follows the sign.
    let w = w.strip_prefix('#').unwrap_or(w);
    if !is_capitalised(w) || breaks_run(w) {
        return false;
    }
    // "on May 1", "in May 2005": the month, not a town.
    if w == "May" && is_month_context(doc, i) {
        return false;
    }
    let t = doc.tokens()[i];
    let proper = t.upos == Upos::Propn || matches!(t.xpos, Xpos::Nnp | Xpos::Nnps);
    // Sentence-initial capitals say nothing: trust the tagger there.
    proper || (!first_in_sentence && matches!(t.upos, Upos::Adj | Upos::Noun | Upos::X))
}

fn is_month_context(doc: &Doc, i: usize) -> bool {
    let t = doc.tokens();
    let num = |j: usize| t.get(j).is_some_and(|x| x.upos == Upos::Num);
    num(i + 1) || (i > 0 && num(i - 1))
}

/// Verbs whose object is a place when it is a name (`stormed Mar'e`, `capture
/// Bayyanoun`).
fn takes_place_object(lemma: &str) -> bool {
    matches!(
        lemma,
        "capture"
            | "recapture"
            | "storm"
            | "seize"
            | "enter"
            | "liberate"
            | "retake"
            | "shell"
            | "bomb"
            | "attack"
            | "raid"
            | "besiege"
            | "overrun"
            | "invade"
            | "occupy"
            | "reach"
            | "hit"
            | "strike"
            | "target"
            | "encircle"
            | "surround"
            | "control"
            | "take"
            | "bombard"
            | "pound"
            | "visit"
            | "evacuate"
            | "flee"
            | "leave"
            | "annex"
            | "blockade"
            | "siege"
            | "secure"
            | "clear"
            | "besieged"
    )
}

fn recognise_sentence(
    doc: &Doc,
    gaz: &Gazetteer,
    s: usize,
    key: &mut String,
    out: &mut Vec<Mention>,
) {
    let range = doc.sentences()[s].tokens.clone();
    let (start, end) = (range.start as usize, range.end as usize);
    let mut i = start;
    while i < end {
        if !is_name_token(doc, i, i == start) {
            i += 1;
            continue;
        }
        // The run: name tokens joined by connectors, ending on a name token.
        let mut j = i + 1;
        let mut last_name = i;
        while j < end {
            if is_name_token(doc, j, false) {
                last_name = j;
            } else if !is_connector(doc.word(j)) {
                break;
            }
            j += 1;
        }
        let run_end = last_name + 1;
        match_run(doc, gaz, s, i..run_end, key, out);
        i = run_end;
    }
}

fn fold_tokens(doc: &Doc, r: Range<usize>, key: &mut String) {
    let t = doc.tokens();
    let span = Span::new(t[r.start].span.start, t[r.end - 1].span.end);
    fold_into(doc.span_text(span), key);
}

/// Longest-match pieces of a run; the run yields places only when every name
/// word in it belongs to a match or is a type word.
fn match_run(
    doc: &Doc,
    gaz: &Gazetteer,
    s: usize,
    run: Range<usize>,
    key: &mut String,
    out: &mut Vec<Mention>,
) {
    const MAX_WORDS: usize = 7;
    // Datelines and headlines are in capitals: KYIV is no acronym there.
    let heading = doc.sentences()[s].is_heading;
    let mut found: Vec<Range<usize>> = Vec::new();
    let mut uncovered = false;
    let mut a = run.start;
    while a < run.end {
        let w = doc.word(a);
        if is_connector(w) {
            a += 1;
            continue;
        }
        let mut hit = None;
        let top = run.end.min(a + MAX_WORDS);
        for b in (a + 1..=top).rev() {
            if is_connector(doc.word(b - 1)) {
                continue;
            }
            fold_tokens(doc, a..b, key);
            // One short word ("Al", "El") alone is a particle, not a place.
            let ids = if NOT_PLACES.contains(&key.as_str()) || (b == a + 1 && key.len() < 3) {
                &[]
            } else {
                gaz.lookup_folded(key)
            };
            // An acronym (SAA, IDF) names a place only as a country's code name.
            let ok = if b == a + 1 && is_acronym(w) && !heading {
                ids.iter().any(|&c| gaz.place(c).kind == Kind::Country)
            } else {
                !ids.is_empty()
            };
            if ok {
                hit = Some(b);
                break;
            }
        }
        match hit {
            Some(b) => {
                found.push(a..b);
                a = b;
            }
            None => {
                // A capitalised type word inside the run ("Idlib Province") is fine.
                if type_hint(w).is_none() {
                    uncovered = true;
                }
                a += 1;
            }
        }
    }
    let toks = doc.tokens();
    let sent = &doc.sentences()[s];
    let (s0, s1) = (sent.tokens.start as usize, sent.tokens.end as usize);
    if uncovered || found.is_empty() {
        unknown_run(doc, gaz, s, run, &found, key, out);
        return;
    }
    for r in found {
        // "Mrs. Clinton", "President Wagner": a title makes the name a person's.
        if r.start > s0 && is_title(doc.word(r.start - 1)) {
            continue;
        }
        fold_tokens(doc, r.clone(), key);
        let candidates = gaz.lookup_folded(key).to_vec();
        let span = Span::new(toks[r.start].span.start, toks[r.end - 1].span.end);
        let after = if r.end < s1 { doc.word(r.end) } else { "" };
        let mut hint = type_hint(after);
        // "the city of Mosul", "the province of Idlib".
        if hint.is_none() && r.start >= s0 + 2 && doc.word(r.start - 1) == "of" {
            hint = type_hint(doc.word(r.start - 2));
        }
        let direction = (r.start > s0)
            .then(|| doc.word(r.start - 1).to_ascii_lowercase())
            .and_then(|w| DIRECTIONS.iter().copied().find(|d| *d == w));
        out.push(Mention {
            sentence: s,
            tokens: r,
            span,
            hint,
            direction,
            parent: None,
            candidates,
            chosen: None,
            why: String::new(),
            unknown: false,
            container: None,
        });
    }
}

/// A capitalised run the gazetteer does not (wholly) know is kept as an unknown
/// place when the words around it say it is one: a locative preposition before it
/// (`in Hazrama`), a place noun and `of` (`the town of Hazrama`) or a place noun
/// after it (`Sani area`). Organisation words rule it out.
fn unknown_run(
    doc: &Doc,
    gaz: &Gazetteer,
    s: usize,
    run: Range<usize>,
    found: &[Range<usize>],
    key: &mut String,
    out: &mut Vec<Mention>,
) {
    let sent = &doc.sentences()[s];
    let (s0, s1) = (sent.tokens.start as usize, sent.tokens.end as usize);
    let words: Vec<&str> = run.clone().map(|i| doc.word(i)).collect();
    if words
        .iter()
        .any(|w| is_org_word(w) || *w == "and" || *w == "&")
        || (words.len() == 1 && is_acronym(words[0]))
    {
        return;
    }
    // "City", "Western Mountains": generic words alone name nothing.
    if words.iter().all(|w| {
        is_place_noun(w)
            || is_connector(w)
            || DIRECTIONS.contains(&w.to_ascii_lowercase().as_str())
            || matches!(
                w.to_ascii_lowercase().as_str(),
                "mountains" | "western" | "eastern" | "northern" | "southern"
            )
    }) {
        return;
    }
    fold_into(
        doc.span_text(Span::new(
            doc.tokens()[run.start].span.start,
            doc.tokens()[run.end - 1].span.end,
        )),
        key,
    );
    if NOT_PLACES.contains(&key.as_str()) {
        return;
    }
    // Unknown names are singular proper nouns: not "Kurdish", not "Shi'ites".
    let toks = doc.tokens();
    if !run.clone().any(|i| toks[i].upos == Upos::Propn)
        || (run.len() == 1
            && (toks[run.start].upos == Upos::Adj || toks[run.start].xpos == Xpos::Nnps))
    {
        return;
    }
    // The object of a verb such as "storm" or "capture".
    let object_of_place_verb = run.clone().any(|i| {
        let t = toks[i];
        let h = t.head as usize;
        t.deprel.as_str() == "obj" && h > 0 && takes_place_object(doc.lemma(s0 + h - 1))
    });
    // The word before the run, skipping a determiner and direction words.
    let mut p = run.start;
    while p > s0 {
        let w = doc.word(p - 1).to_ascii_lowercase();
        if w == "the" || DIRECTIONS.contains(&w.as_str()) {
            p -= 1;
        } else {
            break;
        }
    }
    let before = (p > s0).then(|| doc.word(p - 1).to_ascii_lowercase());
    let locative_before = before.as_deref().is_some_and(|w| LOCATIVE.contains(&w));
    let of_place = before.as_deref() == Some("of") && p >= s0 + 2 && is_place_noun(doc.word(p - 2));
    let after = if run.end < s1 { doc.word(run.end) } else { "" };
    let noun_after = is_place_noun(after);
    if !(locative_before || of_place || noun_after || object_of_place_verb) {
        return;
    }
    let container = found.first().and_then(|r| {
        fold_tokens(doc, r.clone(), key);
        gaz.lookup_folded(key).first().copied()
    });
    out.push(Mention {
        sentence: s,
        tokens: run.clone(),
        span: Span::new(toks[run.start].span.start, toks[run.end - 1].span.end),
        hint: type_hint(after),
        direction: None,
        parent: None,
        candidates: Vec::new(),
        chosen: None,
        why: "not in the gazetteer".into(),
        unknown: true,
        container,
    });
}

/// `Kharkiv, Ukraine` and `Aleppo, Syria`: a mention followed by a comma and a
/// country or first-level division is placed in it.
fn link_hierarchy(doc: &Doc, gaz: &Gazetteer, ms: &mut [Mention]) {
    for i in 0..ms.len().saturating_sub(1) {
        let (a, b) = (&ms[i], &ms[i + 1]);
        if a.sentence != b.sentence || b.tokens.start != a.tokens.end + 1 {
            continue;
        }
        if doc.word(a.tokens.end) != "," {
            continue;
        }
        let container = b.candidates.iter().any(|&c| {
            matches!(
                gaz.place(c).kind,
                Kind::Country | Kind::Admin1 | Kind::Region
            )
        });
        if container {
            ms[i].parent = Some(i + 1);
        }
    }
}

/// Countries the story is about: those named unambiguously in it, and the
/// actors' countries passed in by the caller.
fn story_countries(gaz: &Gazetteer, ms: &[Mention], extra: &[&str]) -> HashSet<Code> {
    let mut set: HashSet<Code> = extra
        .iter()
        .filter(|c| gaz.country(c).is_some())
        .filter_map(|c| Code::new(c))
        .collect();
    for m in ms {
        for &c in &m.candidates {
            let p = gaz.place(c);
            if matches!(p.kind, Kind::Country | Kind::Region) && !p.country.is_empty() {
                set.insert(p.country);
            }
        }
    }
    set
}

fn resolve(gaz: &Gazetteer, ms: &mut [Mention], i: usize, story: &HashSet<Code>) {
    let parent = ms[i]
        .parent
        .and_then(|p| best_container(gaz, &ms[p].candidates));
    let m = &ms[i];
    if m.candidates.is_empty() {
        if !m.unknown {
            ms[i].why = "no gazetteer record".into();
        }
        return;
    }
    // A country's name is the country, never a town of the same name.
    if m.hint != Some(TypeHint::City) || m.candidates.len() == 1 {
        if let Some(&c) = m
            .candidates
            .iter()
            .find(|&&c| gaz.place(c).kind == Kind::Country)
        {
            ms[i].chosen = Some(c);
            ms[i].why = "country name".into();
            return;
        }
        if let Some(&c) = m
            .candidates
            .iter()
            .find(|&&c| gaz.place(c).kind == Kind::Region)
        {
            ms[i].chosen = Some(c);
            ms[i].why = "region record".into();
            return;
        }
    }
    let mut best: Option<(f32, PlaceId, String)> = None;
    for &c in &m.candidates {
        let (score, why) = score(gaz, c, m.hint, parent, story);
        if best.as_ref().map_or(true, |(s, _, _)| score > *s) {
            best = Some((score, c, why));
        }
    }
    if let Some((_, c, why)) = best {
        ms[i].chosen = Some(c);
        ms[i].why = why;
    }
}

fn best_container(gaz: &Gazetteer, cands: &[PlaceId]) -> Option<PlaceId> {
    cands
        .iter()
        .copied()
        .filter(|&c| {
            matches!(
                gaz.place(c).kind,
                Kind::Country | Kind::Admin1 | Kind::Region
            )
        })
        .min_by_key(|&c| gaz.place(c).kind)
}

fn score(
    gaz: &Gazetteer,
    c: PlaceId,
    hint: Option<TypeHint>,
    parent: Option<PlaceId>,
    story: &HashSet<Code>,
) -> (f32, String) {
    let p = gaz.place(c);
    let mut why = Vec::new();
    // Admin1 populations are sums over their places; a bare name more often
    // means the city that shares it (Donetsk, Kharkiv): the prior discounts them.
    let mut s = gaz.prior(c);
    match (hint, p.kind) {
        (Some(TypeHint::Admin), Kind::Admin1 | Kind::Region) => {
            s += 4.0;
            why.push("type word");
        }
        (Some(TypeHint::City), Kind::City) => {
            s += 4.0;
            why.push("type word");
        }
        _ => {}
    }
    if let Some(par) = parent {
        let q = gaz.place(par);
        let inside = match q.kind {
            Kind::Admin1 => q.country == p.country && q.admin1 == p.admin1,
            _ => !q.country.is_empty() && q.country == p.country,
        };
        if inside {
            s += 10.0;
            why.push("hierarchy");
        }
    }
    if story.contains(&p.country) {
        s += 3.0;
        why.push("story country");
    }
    why.push("population");
    (s, why.join(" + "))
}
