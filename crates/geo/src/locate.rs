//! Event location: the `geo` stage.
//!
//! For each event the place is, in order of preference:
//! 1. `verb-pp`: a place in a locative phrase attached to the event's verb or to
//!    one of its arguments (`killed ... in Donetsk`, `shelling of the city of
//!    Mosul`), found by walking the dependency tree from the place up to the verb;
//! 2. `clause-pp`: a place attached the same way to a clause the verb depends on
//!    (`attacked a market in Kabul, killing six`);
//! 3. `sentence-nearest`: the nearest place in the sentence that sits in a
//!    locative phrase;
//! 4. `dateline`: the place of the story's dateline;
//! 5. `target-country` / `actor-country`: the country of the event's target (or
//!    of its source), at the country's capital.
//!
//! Verbs of saying (`said`, `reported`, `claimed`) take only rule 1 and then the
//! dateline: a place elsewhere in the sentence is the reported event's, not the
//! statement's. Subjects and possessors are actors (`Moscow said`, `Syria's
//! army`), except a place's own parts (`Liberia's capital`). A name the gazetteer
//! does not know but that stands in a locative phrase (`the village of Deefow`)
//! is kept by name, at the coordinates of the place it lies in.

use crate::gazetteer::{Gazetteer, Kind, PlaceId};
use crate::places::{find_places, Mention, LOCATIVE};
use crate::GeoError;
use tocsin_core::{Doc, Layer, Location, Span, Stage};

/// The geolocation stage. Immutable; share it between threads.
#[derive(Debug, Clone, Copy)]
pub struct Geolocator {
    gaz: &'static Gazetteer,
}

impl Geolocator {
    /// The stage over the embedded gazetteer.
    ///
    /// # Errors
    /// The embedded gazetteer does not decode (a build problem).
    pub fn embedded() -> Result<Geolocator, GeoError> {
        Ok(Geolocator {
            gaz: Gazetteer::embedded()?,
        })
    }

    /// The stage over a given gazetteer (tests, custom data).
    #[must_use]
    pub fn with_gazetteer(gaz: &'static Gazetteer) -> Geolocator {
        Geolocator { gaz }
    }

    /// The gazetteer in use.
    #[must_use]
    pub fn gazetteer(&self) -> &'static Gazetteer {
        self.gaz
    }

    /// Every place mention in the document, resolved, with the actors' countries
    /// of the coded events as the story's context.
    #[must_use]
    pub fn places(&self, doc: &Doc) -> Vec<Mention> {
        let mut codes: Vec<&str> = Vec::new();
        for ev in &doc.events {
            codes.push(&ev.actor.code);
            if let Some(r) = &ev.recipient {
                codes.push(&r.code);
            }
        }
        find_places(doc, self.gaz, &codes)
    }

    /// The location chosen for an event whose verb is token `verb_token`
    /// (document-wide index) of sentence `sentence`, by rules 1–4 of the module
    /// doc (the country fallback needs an event: see [`Stage::annotate`]).
    #[must_use]
    pub fn locate_verb(&self, doc: &Doc, sentence: usize, verb_token: usize) -> Option<Location> {
        let places = self.places(doc);
        self.locate_in(doc, &places, sentence, verb_token)
    }

    fn locate_in(
        &self,
        doc: &Doc,
        places: &[Mention],
        sentence: usize,
        verb_token: usize,
    ) -> Option<Location> {
        let sent = doc.sentences().get(sentence)?;
        let s0 = sent.tokens.start as usize;
        let s1 = sent.tokens.end as usize;
        if verb_token < s0 || verb_token >= s1 {
            return None;
        }
        let mut in_sentence: Vec<&Mention> = places
            .iter()
            .filter(|m| m.sentence == sentence && (m.chosen.is_some() || m.unknown))
            .collect();
        // "the West Bank city of Nablus": the noun's own name (Nablus) is the
        // place; the modifier (West Bank) only says where that lies.
        let heads: Vec<(usize, u32)> = in_sentence
            .iter()
            .map(|m| {
                let h = mention_head(doc, s0, m);
                (h, doc.tokens()[s0 + h].head)
            })
            .collect();
        let shadowed: Vec<bool> = heads
            .iter()
            .enumerate()
            .map(|(i, &(h, up))| {
                let rel = doc.tokens()[s0 + h].deprel.as_str();
                up > 0
                    && !in_sentence[i].unknown
                    && matches!(
                        doc.lemma(s0 + up as usize - 1),
                        "city" | "town" | "village" | "capital" | "port"
                    )
                    && matches!(rel, "compound" | "amod")
                    && heads.iter().enumerate().any(|(j, &(h2, up2))| {
                        j != i && up2 == up && doc.tokens()[s0 + h2].deprel.base() == "nmod"
                    })
            })
            .collect();
        let mut k = 0;
        in_sentence.retain(|_| {
            k += 1;
            !shadowed[k - 1]
        });
        // Rules 1 and 2: walk from each place up the tree.
        let mut best: Option<(u32, &Mention, &'static str)> = None;
        // A statement happens where the text says it was made ("told reporters
        // in Kabul"); a place elsewhere in the sentence is the reported event's.
        let speech = is_speech(doc.lemma(verb_token))
            || is_speech(&doc.word(verb_token).to_ascii_lowercase());
        for m in &in_sentence {
            if let Some((cost, rule)) = attachment(doc, s0, s1, m, verb_token) {
                if speech && rule != "verb-pp" {
                    continue;
                }
                // The more specific of two places equally attached wins.
                let cost = cost * 8 + specificity(self.gaz, m);
                if best.as_ref().map_or(true, |(c, _, _)| cost < *c) {
                    best = Some((cost, m, rule));
                }
            }
        }
        if let Some((_, m, rule)) = best {
            return Some(self.location(doc, places, m, rule));
        }
        if speech {
            return self.dateline_location(doc, places);
        }
        // Rule 3: the nearest place in a locative phrase.
        let near = in_sentence
            .iter()
            .filter(|m| locative_case(doc, s0, s1, m).is_some() && !in_name_of_actor(doc, s0, m))
            .min_by_key(|m| {
                distance(m.tokens.clone(), verb_token) as u32 + specificity(self.gaz, m)
            });
        if let Some(m) = near {
            return Some(self.location(doc, places, m, "sentence-nearest"));
        }
        // Rule 4: the dateline.
        self.dateline_location(doc, places)
    }

    fn dateline_location(&self, doc: &Doc, places: &[Mention]) -> Option<Location> {
        let first = doc.sentences().first()?;
        if !first.is_heading {
            return None;
        }
        // The dateline parser wants the text after the dash too.
        let text = doc.text().get(first.span.start as usize..)?;
        let dl = tocsin_text::dateline(text)?;
        let off = first.span.start;
        let place = Span::new(dl.place.start + off, dl.place.end + off);
        // Prefer the mention recognised inside the dateline (it was resolved with
        // the story's context); fall back to a fresh lookup of its first part.
        if let Some(m) = places
            .iter()
            .find(|m| m.chosen.is_some() && place.contains(m.span))
        {
            return Some(self.location(doc, places, m, "dateline"));
        }
        let name = doc.span_text(place);
        let head = name.split(',').next().unwrap_or(name);
        let id = self.gaz.best(head)?;
        Some(self.record_location(id, Some(place), head, "dateline"))
    }

    fn location(&self, doc: &Doc, places: &[Mention], m: &Mention, rule: &str) -> Location {
        let Some(id) = m.chosen else {
            return self.unknown_location(doc, places, m, rule);
        };
        let mut loc = self.record_location(id, Some(m.span), doc.span_text(m.span), rule);
        if let Some(d) = m.direction {
            loc.reason = format!("{rule}: {d} part of {}", loc.name);
        }
        // "on the Ukraine border": the place stands for its border area.
        if let Some(sent) = doc.sentences().get(m.sentence) {
            let s0 = sent.tokens.start as usize;
            let h = mention_head(doc, s0, m);
            let up = doc.tokens()[s0 + h].head as usize;
            if up > 0 && s0 + up - 1 < sent.tokens.end as usize {
                let w = doc.lemma(s0 + up - 1);
                if matches!(w, "border" | "frontier" | "boundary" | "borderland") {
                    loc.reason = format!("{rule}: the {} {w}", loc.name);
                }
            }
        }
        if !m.why.is_empty() {
            loc.reason = format!("{} ({})", loc.reason, m.why);
        }
        loc
    }

    /// A name the gazetteer does not know: keep the name, take the coordinates of
    /// the place it lies in (`Kafr Souseh area of Damascus`), else of the nearest
    /// known place of its sentence, else of the story's first country; with none
    /// of these the coordinates are NaN (`null` in JSON).
    fn unknown_location(&self, doc: &Doc, places: &[Mention], m: &Mention, rule: &str) -> Location {
        let nearest = || {
            places
                .iter()
                .filter(|o| o.sentence == m.sentence && o.chosen.is_some())
                .min_by_key(|o| distance(o.tokens.clone(), m.tokens.start))
                .and_then(|o| o.chosen)
        };
        let story = || {
            places
                .iter()
                .filter_map(|o| o.chosen)
                .find(|&c| is_country(self.gaz, c))
        };
        let name = doc.span_text(m.span).to_string();
        let (base, how) = match m.container.map(|c| (c, "inside")) {
            Some(x) => (Some(x.0), x.1),
            None => match nearest() {
                Some(c) => (Some(c), "near"),
                None => (story(), "in the story's country"),
            },
        };
        let mut loc = match base {
            Some(b) => {
                let mut l = self.record_location(b, Some(m.span), &name, rule);
                l.admin1 = if self.gaz.place(b).kind == Kind::Admin1 {
                    Some(self.gaz.place(b).name.to_string())
                } else {
                    l.admin1
                };
                l.reason = format!(
                    "{rule}: {name:?} is not in the gazetteer; coordinates of {} ({how})",
                    self.gaz.place(b).name
                );
                l
            }
            None => Location {
                span: Some(m.span),
                lat: f64::NAN,
                lon: f64::NAN,
                reason: format!("{rule}: {name:?} is not in the gazetteer; no coordinates"),
                ..Location::default()
            },
        };
        loc.name = name;
        loc.geonameid = None;
        loc.feature_code = String::new();
        loc.resolution = "place".into();
        loc
    }

    fn record_location(
        &self,
        id: PlaceId,
        span: Option<Span>,
        _text: &str,
        rule: &str,
    ) -> Location {
        let p = self.gaz.place(id);
        let admin1 = self
            .gaz
            .admin1_of(id)
            .filter(|&a| a != id)
            .map(|a| self.gaz.place(a).name.to_string());
        Location {
            span,
            name: p.name.to_string(),
            geonameid: (p.geonameid != 0).then_some(p.geonameid),
            lat: f64::from(p.lat),
            lon: f64::from(p.lon),
            admin1,
            country: p.country.to_string(),
            feature_code: p.feature.to_string(),
            resolution: p.resolution.to_string(),
            reason: rule.to_string(),
        }
    }

    fn country_location(&self, code: &str, rule: &str) -> Option<Location> {
        let id = self.gaz.country(code)?;
        Some(self.record_location(id, None, code, rule))
    }
}

/// How general a mention's place is: 0 for a town or an unknown name, up to 6
/// for continents and macro-regions.
fn specificity(gaz: &Gazetteer, m: &Mention) -> u32 {
    let Some(id) = m.chosen else { return 0 };
    let p = gaz.place(id);
    match p.kind {
        Kind::City => 1,
        Kind::Admin1 => 2,
        Kind::Region if p.country.is_empty() => 6,
        Kind::Region => 2,
        Kind::Country => 4,
        Kind::Continent => 6,
    }
}

fn distance(r: std::ops::Range<usize>, t: usize) -> usize {
    if t < r.start {
        r.start - t
    } else {
        t.saturating_sub(r.end - 1)
    }
}

/// The token of the mention whose head lies outside it (sentence-local, 0-based).
fn mention_head(doc: &Doc, s0: usize, m: &Mention) -> usize {
    let toks = doc.tokens();
    for i in m.tokens.clone() {
        let h = toks[i].head as usize;
        let local = i - s0;
        let inside = h != 0 && (m.tokens.start - s0..m.tokens.end - s0).contains(&(h - 1));
        if !inside || h == local + 1 {
            return local;
        }
    }
    m.tokens.end - 1 - s0
}

fn is_direction(word: &str) -> bool {
    matches!(
        word.to_ascii_lowercase().as_str(),
        "north"
            | "south"
            | "east"
            | "west"
            | "northeast"
            | "northwest"
            | "southeast"
            | "southwest"
            | "outside"
            | "outskirts"
            | "vicinity"
            | "west-northwest"
    )
}

/// The locative preposition governing token `local` (a case child), if any.
fn case_of(doc: &Doc, s0: usize, s1: usize, local: usize) -> Option<&'static str> {
    let toks = doc.tokens();
    for (i, &t) in toks.iter().enumerate().take(s1).skip(s0) {
        if t.head as usize == local + 1 && t.deprel.base() == "case" {
            let w = doc.word(i).to_ascii_lowercase();
            // "north of Baghdad", "south of the capital": the direction makes
            // the "of" locative.
            if w == "of" && i > s0 && is_direction(doc.word(i - 1)) {
                return Some("of");
            }
            // "along with the U.S.": company, not a place.
            if w == "along" && doc.word(i + 1).eq_ignore_ascii_case("with") {
                return None;
            }
            return LOCATIVE.iter().copied().find(|p| *p == w);
        }
    }
    None
}

fn locative_case(doc: &Doc, s0: usize, s1: usize, m: &Mention) -> Option<&'static str> {
    let h = mention_head(doc, s0, m);
    if let Some(p) = case_of(doc, s0, s1, h) {
        return Some(p);
    }
    // "the city of Mosul", "the Kharkiv region": the noun the name hangs on.
    let toks = doc.tokens();
    let up = toks[s0 + h].head as usize;
    if up == 0 {
        return None;
    }
    let rel = toks[s0 + h].deprel.base();
    if matches!(rel, "nmod" | "compound" | "appos" | "amod") {
        return case_of(doc, s0, s1, up - 1);
    }
    // Fall back to the word before the mention when the parse put the preposition
    // elsewhere.
    let prev = m.tokens.start.checked_sub(1).filter(|&p| p >= s0)?;
    let w = doc.word(prev).to_ascii_lowercase();
    LOCATIVE.iter().copied().find(|p| *p == w)
}

/// A place that is the possessor or modifier of a person or group noun
/// ("Syria's army") names an actor, not where something happened.
fn in_name_of_actor(doc: &Doc, s0: usize, m: &Mention) -> bool {
    let h = mention_head(doc, s0, m);
    let rel = doc.tokens()[s0 + h].deprel.as_str();
    rel == "nmod:poss"
}

/// Verbs of saying: their place is only the one attached to them.
fn is_speech(lemma: &str) -> bool {
    matches!(
        lemma,
        "say"
            | "said"
            | "report"
            | "reported"
            | "announce"
            | "announced"
            | "add"
            | "added"
            | "confirm"
            | "tell"
            | "told"
            | "claim"
            | "state"
            | "call"
            | "warn"
            | "deny"
            | "insist"
            | "accuse"
            | "allege"
            | "comment"
            | "declare"
            | "note"
            | "explain"
            | "stress"
            | "quote"
            | "cite"
            | "believe"
            | "think"
            | "expect"
            | "urge"
    )
}

/// Nouns for a part of a place: `Liberia's capital`, `Palmyra's countryside`.
fn is_place_part(lemma: &str) -> bool {
    matches!(
        lemma,
        "capital"
            | "coast"
            | "countryside"
            | "outskirts"
            | "border"
            | "north"
            | "south"
            | "east"
            | "west"
            | "centre"
            | "center"
            | "city"
            | "province"
            | "region"
            | "suburb"
            | "district"
            | "neighborhood"
            | "neighbourhood"
            | "heartland"
            | "interior"
            | "highlands"
            | "port"
            | "airport"
            | "waters"
            | "territory"
            | "streets"
            | "street"
            | "area"
            | "village"
            | "town"
            | "camp"
            | "frontier"
    )
}

/// Relations that lead into another clause: climbing through them leaves the
/// event's own clause.
fn is_clausal(rel: &str) -> bool {
    matches!(
        rel,
        "acl" | "acl:relcl" | "advcl" | "advcl:relcl" | "ccomp" | "xcomp" | "csubj" | "parataxis"
    )
}

/// Whether the mention hangs on the verb (rule 1) or on a clause above it
/// (rule 2), and at what cost (steps up the tree; a locative marker is cheaper).
fn attachment(
    doc: &Doc,
    s0: usize,
    s1: usize,
    m: &Mention,
    verb_token: usize,
) -> Option<(u32, &'static str)> {
    let toks = doc.tokens();
    let n = s1 - s0;
    let verb_local = verb_token - s0;
    let h = mention_head(doc, s0, m);
    let own_rel = toks[s0 + h].deprel.as_str();
    // Possessors and vocatives name actors ("Syria's army"), except a place's
    // own parts ("Liberia's capital", "Sri Lanka's west coast").
    let place_possessor = own_rel == "nmod:poss" && {
        let up = toks[s0 + h].head as usize;
        up > 0 && up <= n && is_place_part(doc.lemma(s0 + up - 1))
    };
    if matches!(own_rel, "nmod:poss" | "vocative" | "csubj") && !place_possessor {
        return None;
    }
    let mut locative = case_of(doc, s0, s1, h).is_some();
    // Walk up from the mention head to the verb.
    let mut cur = h;
    let mut steps = 0u32;
    let mut path: Vec<usize> = vec![h];
    while steps < 6 {
        let up = toks[s0 + cur].head as usize;
        if up == 0 || up > n {
            break;
        }
        let rel = toks[s0 + cur].deprel.as_str();
        let up = up - 1;
        steps += 1;
        if up == verb_local {
            let ok = locative
                || (steps == 1
                    && matches!(rel, "obj" | "nsubj:pass" | "obl" | "obl:npmod" | "advmod"))
                || (steps > 1 && matches!(rel, "obl" | "obl:npmod" | "advmod" | "obj"));
            if !ok {
                return None;
            }
            return Some((steps * 2 + u32::from(!locative) * 3, "verb-pp"));
        }
        if is_clausal(rel) || (rel == "conj" && toks[s0 + cur].upos == tocsin_core::Upos::Verb) {
            break;
        }
        cur = up;
        path.push(cur);
        if case_of(doc, s0, s1, cur).is_some() {
            locative = true;
        }
    }
    // Rule 2: the place hangs on a clause above the verb (the verb's head chain).
    if !locative {
        return None;
    }
    let mut anc = verb_local;
    for k in 1..=2u32 {
        let rel = toks[s0 + anc].deprel.as_str();
        let up = toks[s0 + anc].head as usize;
        if up == 0
            || up > n
            || !matches!(
                rel,
                "advcl" | "xcomp" | "conj" | "acl" | "ccomp" | "acl:relcl"
            )
        {
            break;
        }
        anc = up - 1;
        if let Some(pos) = path
            .iter()
            .position(|&p| toks[s0 + p].head as usize == anc + 1)
        {
            return Some((10 + k * 2 + pos as u32 * 2, "clause-pp"));
        }
    }
    None
}

impl Stage for Geolocator {
    fn name(&self) -> &'static str {
        "geo"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Tokens, Layer::Tags, Layer::Deps, Layer::Events]
    }

    fn provides(&self) -> &'static [Layer] {
        &[Layer::Places]
    }

    fn annotate(&self, doc: &mut Doc) {
        if doc.events.is_empty() {
            return;
        }
        let places = self.places(doc);
        let mut locs = Vec::with_capacity(doc.events.len());
        for ev in &doc.events {
            let s = ev.sentence as usize;
            let verb = verb_token(doc, s, ev.verb);
            let mut loc = verb.and_then(|v| self.locate_in(doc, &places, s, v));
            if loc.is_none() {
                loc = self.dateline_location(doc, &places);
            }
            if loc.is_none() {
                loc = ev
                    .recipient
                    .as_ref()
                    .and_then(|r| self.country_location(&r.code, "target-country"))
                    .or_else(|| self.country_location(&ev.actor.code, "actor-country"));
            }
            locs.push(loc);
        }
        for (ev, loc) in doc.events.iter_mut().zip(locs) {
            ev.location = loc;
        }
    }
}

/// The document-wide index of the token at `verb` in sentence `s`.
#[must_use]
pub fn verb_token(doc: &Doc, s: usize, verb: Span) -> Option<usize> {
    let sent = doc.sentences().get(s)?;
    let (a, b) = (sent.tokens.start as usize, sent.tokens.end as usize);
    (a..b).find(|&i| {
        let sp = doc.tokens()[i].span;
        sp.start < verb.end && verb.start < sp.end
    })
}

/// Whether a record is a country (used by `describe`).
#[must_use]
pub(crate) fn is_country(gaz: &Gazetteer, id: PlaceId) -> bool {
    gaz.place(id).kind == Kind::Country
}
