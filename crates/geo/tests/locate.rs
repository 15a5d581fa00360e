//! Recognition, resolution and event location on documents made by the real
//! pipeline (segmenter, tagger, parser, coder).

mod common;

use common::{geo, run};
use tocsin_core::Doc;
use tocsin_geo::{find_places, verb_token, Gazetteer};

/// "surface -> name COUNTRY resolution" for every place found.
fn places(text: &str) -> Vec<String> {
    let doc = run(text, false);
    let gaz = Gazetteer::embedded().unwrap();
    find_places(&doc, gaz, &[])
        .iter()
        .map(|m| match m.chosen {
            Some(id) => {
                let p = gaz.place(id);
                format!(
                    "{} -> {} {} {}",
                    doc.span_text(m.span),
                    p.name,
                    p.country,
                    p.resolution
                )
            }
            None => format!("{} -> ?", doc.span_text(m.span)),
        })
        .collect()
}

/// The location chosen for the first token spelled `verb`.
fn locate(text: &str, verb: &str) -> Option<(String, String, String)> {
    let doc = run(text, false);
    let (s, t) = find_verb(&doc, verb)?;
    geo()
        .locate_verb(&doc, s, t)
        .map(|l| (l.name, l.country, l.reason))
}

fn find_verb(doc: &Doc, verb: &str) -> Option<(usize, usize)> {
    (0..doc.sentences().len()).find_map(|s| {
        let r = doc.sentences()[s].tokens.clone();
        (r.start as usize..r.end as usize)
            .find(|&i| doc.word(i) == verb)
            .map(|i| (s, i))
    })
}

#[test]
fn recognises_multiword_names_and_hierarchy() {
    let p = places("Shelling hit Kryvyi Rih and New York was quiet.");
    assert_eq!(
        p,
        [
            "Kryvyi Rih -> Kryvyy Rih UKR city",
            "New York -> New York City USA city"
        ]
    );
    let p = places("Officials met in Kharkiv, Ukraine, on Monday.");
    assert_eq!(
        p,
        [
            "Kharkiv -> Kharkiv UKR city",
            "Ukraine -> Ukraine UKR country"
        ]
    );
}

#[test]
fn context_decides_between_namesakes() {
    let p = places("Protesters marched in Washington after the U.S. Senate vote.");
    assert_eq!(p[0], "Washington -> Washington USA city");
    let p = places("The minister flew from Paris to Moscow.");
    assert_eq!(p, ["Paris -> Paris FRA city", "Moscow -> Moscow RUS city"]);
}

#[test]
fn country_names_never_become_towns_and_regions_are_records() {
    let p = places("France condemned the attack.");
    assert_eq!(p, ["France -> France FRA country"]);
    let p = places("Russia annexed Crimea and fighting continued in the Donbas.");
    assert_eq!(
        p,
        [
            "Russia -> Russia RUS country",
            "Crimea -> Crimea UKR admin1",
            "Donbas -> Donbas UKR place"
        ]
    );
}

#[test]
fn organisation_names_are_not_places() {
    let p = places("The New York Times reported that the Islamic State of Iraq claimed it.");
    assert!(p.is_empty(), "{p:?}");
}

#[test]
fn one_unknown_place_does_not_drop_the_others() {
    let p = places("Gunmen attacked the village of Qwertzabad near Kandahar.");
    assert_eq!(p, ["Qwertzabad -> ?", "Kandahar -> Kandahār AFG city"]);
}

#[test]
fn the_verbs_prepositional_phrase_wins() {
    let (name, country, reason) = locate(
        "Shelling hit a trolleybus in Donetsk on Thursday, an official said.",
        "hit",
    )
    .unwrap();
    assert_eq!((name.as_str(), country.as_str()), ("Donetsk", "UKR"));
    assert!(reason.starts_with("verb-pp"), "{reason}");
}

#[test]
fn direction_and_country_give_the_country_with_a_note() {
    let (name, country, reason) =
        locate("Rebels attacked a convoy in eastern Ukraine.", "attacked").unwrap();
    assert_eq!((name.as_str(), country.as_str()), ("Ukraine", "UKR"));
    assert!(reason.contains("eastern part"), "{reason}");
}

#[test]
fn subjects_are_actors_not_places() {
    assert_eq!(locate("Moscow denied the report.", "denied"), None);
}

#[test]
fn unknown_names_take_their_containers_coordinates() {
    let doc = run(
        "A bomb exploded in the Kafr Souseh area of Damascus.",
        false,
    );
    let (s, t) = find_verb(&doc, "exploded").unwrap();
    let l = geo().locate_verb(&doc, s, t).unwrap();
    assert_eq!(
        (l.name.as_str(), l.country.as_str()),
        ("Kafr Souseh", "SYR")
    );
    assert!(l.lat.is_finite());
}

#[test]
fn the_stage_sets_event_locations() {
    let doc = run(
        "Russian troops attacked Ukrainian soldiers in Kharkiv.",
        true,
    );
    let ev = doc.events.first().expect("an event");
    let loc = ev.location.as_ref().expect("a location");
    assert_eq!(
        (loc.name.as_str(), loc.resolution.as_str()),
        ("Kharkiv", "city")
    );
}

#[test]
fn the_stage_falls_back_to_the_dateline_then_the_target_country() {
    let doc = run(
        "KYIV, Ukraine (AP) — Russian troops attacked Ukrainian soldiers.",
        true,
    );
    if let Some(ev) = doc.events.first() {
        let loc = ev.location.as_ref().expect("a location");
        assert!(loc.reason.starts_with("dateline"), "{}", loc.reason);
        assert_eq!(loc.country, "UKR");
    }
    let doc = run("Russian troops attacked Ukrainian soldiers.", true);
    if let Some(ev) = doc.events.first() {
        let loc = ev.location.as_ref().expect("a location");
        assert_eq!(
            (loc.reason.as_str(), loc.country.as_str()),
            ("target-country", "UKR")
        );
    }
}

#[test]
fn describe_lists_places_and_candidates() {
    let doc = run("Fighting broke out near Kharkiv, Ukraine.", true);
    let out = tocsin_geo::describe(&doc, &geo());
    assert!(out.contains("\"Kharkiv\""), "{out}");
    assert!(out.contains("candidate Kharkiv"), "{out}");
}

#[test]
fn odd_input_does_not_panic() {
    for text in [
        "",
        " ",
        "In",
        "in in in",
        "The of the - -",
        "NEW YORK —",
        "Ü Ö ß 東京 in Київ.",
        "X, Y, Z.",
    ] {
        let doc = run(text, true);
        let _ = tocsin_geo::describe(&doc, &geo());
        for s in 0..doc.sentences().len() {
            let r = doc.sentences()[s].tokens.clone();
            for t in r.start as usize..r.end as usize {
                let _ = geo().locate_verb(&doc, s, t);
            }
            let _ = geo().locate_verb(&doc, s, usize::MAX);
        }
        let _ = verb_token(&doc, 99, tocsin_core::Span::new(0, 1));
    }
}

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/examples/seed-article.txt"
);

#[test]
fn seed_article_crimea_donbas_and_the_border() {
    let Ok(text) = std::fs::read_to_string(SEED) else {
        eprintln!("skipped: {SEED} is absent");
        return;
    };
    let doc = run(&text, true);
    let g = geo();
    let at = |verb: &str| {
        let (s, t) = find_verb(&doc, verb).expect(verb);
        g.locate_verb(&doc, s, t).expect(verb)
    };
    for verb in ["overtaking", "seizing", "huddling"] {
        let l = at(verb);
        eprintln!(
            "{verb}: {} {} {} {}",
            l.name, l.country, l.resolution, l.reason
        );
        assert_eq!(l.country, "UKR", "{verb}: {l:?}");
    }
    assert_eq!(at("overtaking").name, "Crimea");
    assert_eq!(at("seizing").name, "Donbas");
    // Every coded event gets a place.
    assert!(doc.events.iter().all(|e| e.location.is_some()));
}
