//! The tocsin dictionary language: one short case per entry kind, date
//! resolution, agents, and malformed lines (every error names path:line).

use std::path::{Path, PathBuf};
use tocsin_core::Date;
use tocsin_dict::{
    check_dir, compile_dir, name_tokens, ActorKind, Constraint, Dictionaries, ModalKind, NameRef,
    NameRole, Slot, Term,
};

const CAMEO: &str =
    "code\troot\tgoldstein\tquad\tplover_event\tplover_mode\tplover_context\tname\n\
036\t03\t4\t1\tAGREE\t\tdiplomatic\tExpress intent to meet\n\
04\t04\t1\t1\tCONSULT\t\t\tCONSULT\n\
040\t04\t1\t1\tCONSULT\t\t\tConsult\n\
120\t12\t-4\t3\tREJECT\t\t\tReject\n\
125\t12\t-5\t3\tREJECT\tmeet\tdiplomatic\tReject proposal to meet\n\
130\t13\t-4.4\t3\tTHREATEN\t\t\tThreaten\n\
1312\t13\t-5.8\t3\tTHREATEN\trestrict\teconomic\tThreaten to sanction\n\
154\t15\t-7.2\t4\tMOBILIZE\ttroops\tmilitary\tMobilize armed forces\n\
19\t19\t-10\t4\tASSAULT\t\t\tFIGHT\n\
190\t19\t-10\t4\tASSAULT\t\tmilitary\tUse conventional military force\n\
192\t19\t-9.5\t4\tCOERCE\tseize\tmilitary\tOccupy territory\n";

/// Writes `files` (with a small cameo.tsv) to a fresh directory.
fn dir_with(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let d = std::env::temp_dir().join(format!("tocsin-lang-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(d.join("verbs")).unwrap();
    std::fs::write(d.join("cameo.tsv"), CAMEO).unwrap();
    for (f, text) in files {
        std::fs::write(d.join(f), text).unwrap();
    }
    d
}

fn compile(name: &str, files: &[(&str, &str)]) -> Dictionaries {
    let d = dir_with(name, files);
    match compile_dir(&d) {
        Ok(x) => x,
        Err(diags) => panic!(
            "{}",
            diags
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        ),
    }
}

/// Diagnostics as `file:line: level: message` with the directory stripped.
fn diags(name: &str, files: &[(&str, &str)]) -> Vec<String> {
    let d = dir_with(name, files);
    let prefix = format!("{}/", d.display());
    check_dir(&d)
        .iter()
        .map(|x| x.to_string().replace(&prefix, ""))
        .collect()
}

fn day(y: i32, m: u8, d: u8) -> Option<Date> {
    Date::ymd(y, m, d)
}

const COUNTRIES: &str = "\
# test countries
country RUS | Russia | alias: Russian Federation | adj: Russian | demonym: Russians | capital: Moscow | metonym: Kremlin=GOV | wikidata: Q159
country UKR | Ukraine | adj: Ukrainian
country MMR | Myanmar | alias: Burma=..1989-06-18 | adj: Burmese
country SUN | Soviet Union | alias: USSR; U.S.S.R. | dates: 1922-12-30..1991-12-26
";

#[test]
fn countries_and_their_names() {
    let d = compile("countries", &[("countries.txt", COUNTRIES)]);
    let rus = d.actor_by_code("RUS").unwrap();
    assert_eq!(rus.kind, ActorKind::Country);
    assert_eq!(rus.source.file, "countries.txt");
    assert_eq!(rus.source.line, 2);
    assert_eq!(rus.code_at(None), Some(("RUS", &[][..])));
    let text = name_tokens("the Kremlin said");
    let (n, t) = d.names.longest_match(&text, 1).unwrap();
    assert_eq!(
        (n, t[0].role, t[0].sectors.clone()),
        (1, NameRole::Metonym, vec!["GOV".to_string()])
    );
    assert!(t[0].cased, "capitalised names only match capitalised text");
    assert!(d
        .names
        .lookup(&text, &["the", "kremlin", "said"], 1, None)
        .is_none());
    let (_, t) = d.names.longest_match(&name_tokens("Moscow"), 0).unwrap();
    assert_eq!(
        (t[0].role, t[0].sectors.clone()),
        (NameRole::Capital, vec!["GOV".to_string()])
    );
    let (n, _) = d
        .names
        .longest_match(&name_tokens("Russian Federation"), 0)
        .unwrap();
    assert_eq!(n, 2);
    // A dated alias only matches in its range.
    let burma = name_tokens("Burma");
    let raw = ["Burma"];
    assert!(d.names.lookup(&burma, &raw, 0, day(1985, 1, 1)).is_some());
    assert!(d.names.lookup(&burma, &raw, 0, day(2000, 1, 1)).is_none());
    let (n, _) = d.names.longest_match(&name_tokens("U.S.S.R."), 0).unwrap();
    assert_eq!(n, 1);
}

#[test]
fn orgs_and_groups() {
    let d = compile(
        "orgs",
        &[
            ("countries.txt", COUNTRIES),
            ("organizations.txt", "org NATO | North Atlantic Treaty Organization | alias: NATO; the Atlantic alliance | sectors: IGO MIL | region: WST\norg UNSC | United Nations Security Council | alias: Security Council | sectors: IGO | parent: UNO\n"),
            ("groups.txt", "group WAGNER | Wagner Group | alias: Wagner; PMC Wagner | country: RUS | sectors: UAF | dates: 2014..\n"),
        ],
    );
    let nato = d.actor_by_code("NATO").unwrap();
    assert_eq!(
        nato.code_at(None),
        Some(("NATO", &["IGO".to_string(), "MIL".to_string()][..]))
    );
    let w = d.actor_by_code("WAGNER").unwrap();
    assert_eq!(
        w.code_at(day(2022, 1, 1)),
        Some(("RUS", &["UAF".to_string()][..]))
    );
    assert_eq!(w.dates.from, Date::parse("2014"));
    let warnings = diags(
        "orgs-warn",
        &[(
            "organizations.txt",
            "org UNSC | United Nations Security Council | sectors: IGO | parent: UNO\n",
        )],
    );
    assert_eq!(
        warnings,
        ["organizations.txt:1: warning: parent `UNO` is not defined by any `org` entry"]
    );
}

const PERSONS: &str = "\
person Vladimir Putin | alias: Putin | role: RUS GOV 1999-08-16..2000-05-07 prime minister | role: RUS GOV 2000-05-07..2008-05-07 president | role: RUS GOV 2008-05-08..2012-05-07 prime minister | role: RUS GOV 2012-05-07.. president
person Joe Biden | alias: Biden | role: USA LEG 1973-01-03..2009-01-15 senator | role: USA GOV 2009-01-20..2017-01-20 vice president | role: USA GOV 2021-01-20..2025-01-20 president | after: USA ELI
person Gordon Brown | alias: Brown | role: GBR GOV 2007-06..2010-05 prime minister
person Old Timer | role: RUS GOV 1990..1991 minister | after: none
";

#[test]
fn persons_code_by_their_dated_roles() {
    let d = compile("persons", &[("persons.txt", PERSONS)]);
    let putin = &d.actors[0];
    assert_eq!(putin.kind, ActorKind::Person);
    assert_eq!(putin.code_at(day(2009, 6, 1)).unwrap().0, "RUS");
    assert_eq!(
        putin.code_at(day(1995, 1, 1)),
        None,
        "before the first role: nobody"
    );
    assert_eq!(
        putin.code_at(None).unwrap(),
        ("RUS", &["GOV".to_string()][..])
    );
    let biden = &d.actors[1];
    assert_eq!(biden.code_at(day(2000, 1, 1)).unwrap().1, ["LEG"]);
    assert_eq!(
        biden.code_at(day(2019, 1, 1)),
        None,
        "between roles: nobody"
    );
    assert_eq!(
        biden.code_at(day(2026, 1, 1)).unwrap(),
        ("USA", &["ELI".to_string()][..]),
        "after the last role: after:"
    );
    // Month precision: a role ending 2010-05 covers all of May 2010; the
    // default after the last role is its country with ELI.
    let brown = &d.actors[2];
    assert_eq!(brown.code_at(day(2010, 5, 31)).unwrap().1, ["GOV"]);
    assert_eq!(
        brown.code_at(day(2010, 6, 1)).unwrap(),
        ("GBR", &["ELI".to_string()][..])
    );
    assert_eq!(brown.code_at(day(2007, 6, 1)).unwrap().1, ["GOV"]);
    assert_eq!(d.actors[3].code_at(day(2000, 1, 1)), None, "after: none");
}

#[test]
fn person_warnings() {
    let got = diags(
        "person-warn",
        &[(
            "persons.txt",
            "person A One | alias: Smith | role: USA GOV 2001..2005 x | role: USA GOV 2004..2008 y\nperson B Two | alias: Smith | role: USA LEG 2003..2006 z\nperson C Three | alias: Jones | role: GBR GOV 2001..2002 a\nperson D Four | alias: Jones | role: GBR GOV 2003..2004 b\n",
        )],
    );
    assert_eq!(
        got,
        [
            "persons.txt:1: warning: person `A One`: roles `USA GOV 2001..2005` and `USA GOV 2004..2008` overlap with the same country and sectors",
            "persons.txt:2: warning: name `smith` is claimed by `B Two` and by `A One` (persons.txt:1) at overlapping dates; split them with `=FROM..TO` or drop one",
        ]
    );
}

#[test]
fn agents_plurals_and_countries() {
    let d = compile(
        "agents",
        &[(
            "agents.txt",
            "agent troops | MIL | plural: troops\nagent soldier | MIL\nagent foreign minister | GOV | alias: foreign secretary\nagent Kremlin | GOV | country: RUS\nagent army | MIL\nagent militia | UAF | plural: militia; militias\n",
        )],
    );
    let idx = &d.agent_index;
    let find = |s: &str| {
        idx.longest_match(&name_tokens(s), 0)
            .map(|(n, t)| (n, t[0].target, t[0].role, t[0].sectors.clone()))
    };
    assert_eq!(
        find("soldiers"),
        Some((
            1,
            NameRef::Agent(1),
            NameRole::AgentPlural,
            vec!["MIL".into()]
        ))
    );
    assert_eq!(find("foreign ministers").map(|x| x.0), Some(2));
    assert_eq!(
        find("foreign secretaries").map(|x| x.2),
        Some(NameRole::AgentPlural)
    );
    assert_eq!(find("armies").map(|x| x.1), Some(NameRef::Agent(4)));
    assert_eq!(
        find("troops").map(|x| x.2),
        Some(NameRole::Agent),
        "the singular may be its own plural"
    );
    assert_eq!(d.agents[3].country.as_deref(), Some("RUS"));
    // "Russia's foreign minister" / "Russian army troops": the coder joins a
    // possessive or adjective actor with the agents that follow, in text order.
    let text = name_tokens("Russia's foreign minister");
    assert_eq!(text, ["russia", "'s", "foreign", "minister"]);
    assert_eq!(idx.longest_match(&text, 2).map(|x| x.0), Some(2));
    let text = name_tokens("Russian army troops");
    assert_eq!(
        idx.longest_match(&text, 1).map(|x| x.1[0].sectors.clone()),
        Some(vec!["MIL".to_string()])
    );
    assert_eq!(
        idx.longest_match(&text, 2).map(|x| x.1[0].target),
        Some(NameRef::Agent(0))
    );
}

#[test]
fn verbs_nouns_synsets_modals_derives_discards() {
    let d = compile(
        "verbs",
        &[
            ("synsets.txt", "synset &sanction | sanction; economic sanction; embargo\nsynset &penalty | &sanction; fine\n"),
            ("verbs/13-threaten.txt", "verb threaten | 130\nverb threaten | 1312 | obj: &penalty | target: prep on; prep against; obj\nverb step | 154 | prt: up | obj: troops; soldiers\nverb agree | 036 | xcomp: meet; talk\n"),
            ("verbs/19-fight.txt", "noun invasion | 192 | target: prep of; poss | source: prep by; poss; amod\nnoun hunger strike | 19\n"),
            ("modality.txt", "modal refuse | negate\nmodal call | appeal | prep: for\nderive negate | 04 | 125\nderive negate | * | 120\n"),
            ("discards.txt", "discard box office | note: films\ndiscard football | scope: story\n"),
        ],
    );
    let t: Vec<_> = d.verb_patterns("threaten").collect();
    assert_eq!(t.len(), 2);
    assert_eq!(t[1].code, "1312");
    assert_eq!(
        t[1].constraints,
        [Constraint::Obj(vec![Term::Synset("penalty".into())])]
    );
    assert_eq!(
        t[1].target,
        [
            Slot::Prep("on".into()),
            Slot::Prep("against".into()),
            Slot::Obj
        ]
    );
    assert_eq!(t[1].source_ref.file, "verbs/13-threaten.txt");
    assert_eq!(t[1].source_ref.line, 2);
    assert!(
        d.term_matches(&Term::Synset("penalty".into()), "embargoes"),
        "includes and plurals expand"
    );
    assert_eq!(
        d.verb_patterns("agree").count(),
        2,
        "xcomp alternatives make one pattern each"
    );
    assert_eq!(
        d.noun_patterns("strike")
            .next()
            .unwrap()
            .head_and_modifiers(),
        ("strike", vec!["hunger"])
    );
    assert_eq!(
        d.noun_patterns("invasion").next().unwrap().source,
        [Slot::Prep("by".into()), Slot::Poss, Slot::Amod]
    );
    assert_eq!(
        d.modals_for("refuse").next().unwrap().kind,
        ModalKind::Negate
    );
    assert_eq!(
        d.modals_for("call").next().unwrap().constraints,
        [Constraint::Prep {
            prep: "for".into(),
            head: vec![Term::Any]
        }]
    );
    assert_eq!(d.derive(ModalKind::Negate, "040").unwrap().to, "125");
    assert_eq!(d.derive(ModalKind::Negate, "190").unwrap().to, "120");
    assert!(d.derive(ModalKind::Threat, "190").is_none());
    assert_eq!(
        d.discard_index
            .longest_match(&name_tokens("Box Office"), 0)
            .map(|x| x.0),
        Some(2)
    );
    let s = d.stats();
    assert_eq!(
        (s.verb_patterns, s.noun_patterns, s.synsets, s.derives),
        (5, 2, 2, 2)
    );
    assert_eq!(s.cameo_codes_covered, 8);
    let back = Dictionaries::from_bytes(&d.to_bytes().unwrap()).unwrap();
    assert_eq!(back, d);
}

#[test]
fn negative_constraints_exclude_without_adding_specificity() {
    let d = compile(
        "negative",
        &[
            ("synsets.txt", "synset &market | sale; share; price\nsynset &business | firm; company\n"),
            ("verbs/19-fight.txt", "verb hit | 190 | obj: not &market | target: obj\nverb take | 192 | obj: control | prep: of * | prep: of not &business | target: prep of\n"),
        ],
    );
    let hit: Vec<_> = d.verb_patterns("hit").collect();
    assert_eq!(
        hit[0].constraints,
        [Constraint::NotObj(vec![Term::Synset("market".into())])]
    );
    assert_eq!(
        hit[0].specificity(),
        0,
        "a negative constraint is no more specific"
    );
    let take: Vec<_> = d.verb_patterns("take").collect();
    assert!(take[0].constraints.contains(&Constraint::NotPrep {
        prep: "of".into(),
        head: vec![Term::Synset("business".into())],
    }));
    assert_eq!(take[0].specificity(), 2);
    let bad = diags(
        "negative-bad",
        &[("verbs/19-fight.txt", "verb take | 192 | prep: of not\n")],
    );
    assert!(bad.iter().any(|x| x.contains("19-fight.txt:1")), "{bad:?}");
}

#[test]
fn malformed_lines_name_path_and_line() {
    let got = diags(
        "bad",
        &[
            ("countries.txt", "country RUS | Russia\ncountry Russia | RUS\ncountry UKR\ncountry RUS | Russia again\n"),
            ("persons.txt", "person X | role: RUS GOV 2020-13..2021 bad month\nperson Y | role: RUS XYZ 2000..2001 t\nperson Z | role: RUS GOV 2005..2001 t\n"),
            ("verbs/x.txt", "verb attack | 999\nverb attack | 190 | obj: &nothing\nverb step up | 154\nverb hold | 040 | target: prep\nverb hold | 040 | colour: red\nverb talk | 040 | | target: obj\nfrobnicate x | 1\nverb x | 040 | voice: loud\nverb y | 040 | prep:\n"),
        ],
    );
    let expect = [
        "countries.txt:2: error: expected a country code (three uppercase letters, ISO 3166-1 alpha-3 or a CAMEO region) after `country`, found `Russia`",
        "countries.txt:3: error: expected `| NAME` after the head of a `country` entry, found nothing",
        "countries.txt:4: error: duplicate actor code `RUS`: already defined at countries.txt:1",
        "persons.txt:1: error: expected a date YYYY, YYYY-MM or YYYY-MM-DD, found `2020-13`",
        "persons.txt:2: error: unknown sector `XYZ`: expected one of",
        "persons.txt:3: error: date range `2005..2001` ends before it starts",
        "verbs/x.txt:1: error: unknown CAMEO code `999`: expected a code of cameo.tsv",
        "verbs/x.txt:2: error: undefined synset `&nothing`: expected a `synset &nothing | ...` entry",
        "verbs/x.txt:3: error: expected a single-word lemma after `verb` (phrasal verbs use `prt:`), found `step up`",
        "verbs/x.txt:4: error: expected a slot (obj, iobj, subj, xobj, poss, amod, compound, none or `prep P`), found `prep`",
        "verbs/x.txt:5: error: unknown field `colour:` for a `verb` entry; expected one of: obj, prep, prt, xcomp, voice, subj, target, source, note",
        "verbs/x.txt:6: error: expected a field after `|` number 2, found an empty field",
        "verbs/x.txt:7: error: expected an entry keyword (country, org, group, person, agent, synset, verb, noun, modal, derive, discard), found `frobnicate`",
        "verbs/x.txt:8: error: expected `voice: active` or `voice: passive`, found `voice: loud`",
        "verbs/x.txt:9: error: expected a value after `prep:`, found nothing",
    ];
    assert_eq!(got.len(), expect.len(), "{got:#?}");
    for (g, e) in got.iter().zip(expect) {
        assert!(g.starts_with(e), "got      {g}\nexpected {e}");
    }
}

#[test]
fn compile_dir_reports_a_missing_codebook() {
    let d = std::env::temp_dir().join(format!("tocsin-lang-{}-nocameo", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    let errs = compile_dir(&d).unwrap_err();
    assert!(errs[0].to_string().contains("cameo.tsv"), "{}", errs[0]);
    assert!(Path::new(&errs[0].path).ends_with("cameo.tsv"));
}

#[test]
fn binary_format_checks_magic_and_version() {
    let d = Dictionaries::default();
    let mut b = d.to_bytes().unwrap();
    assert_eq!(&b[..8], b"TOCSDICT");
    b[8] = 99;
    let e = Dictionaries::from_bytes(&b).unwrap_err().to_string();
    assert!(
        e.contains("version 99")
            && e.contains(&format!("expected version {}", tocsin_dict::FORMAT_VERSION)),
        "{e}"
    );
    assert!(Dictionaries::from_bytes(b"NOTADICT0000")
        .unwrap_err()
        .to_string()
        .contains("TOCSDICT"));
}
