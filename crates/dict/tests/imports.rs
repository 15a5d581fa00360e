//! PETRARCH and TABARI import on the shared validation dictionaries (skipped
//! when ../shared is absent) and on small inline samples.

use std::path::{Path, PathBuf};
use tocsin_core::Date;
use tocsin_dict::{
    detect_format, load, load_petrarch, load_petrarch_dir, load_tabari, load_tabari_project,
    ActorKind, Diagnostic, DictFormat, Dictionaries, DiscardScope, NameRef, WordTok,
};

fn shared(rel: &str) -> Option<PathBuf> {
    let p = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")).join(rel);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipped: {} is absent", p.display());
        None
    }
}

fn show(diags: &[Diagnostic]) {
    for d in diags {
        eprintln!("{d}");
    }
}

fn summary(d: &Dictionaries) -> String {
    format!(
        "actors {} names {} agents {} synsets {} verb patterns {} verb keys {} stems {} discards {}",
        d.actors.len(),
        d.names.len(),
        d.agents.len(),
        d.synsets.len(),
        d.verbs.len(),
        d.verb_index.len(),
        d.verb_stems.len(),
        d.discards.len()
    )
}

#[test]
fn petrarch_validation_dictionaries_load_without_errors() {
    let Some(dir) = shared("eval/petrarch-unit") else {
        return;
    };
    let (d, diags) = load_petrarch_dir(&dir);
    show(&diags);
    eprintln!("petrarch: {}", summary(&d));
    assert!(diags.iter().all(|x| !x.is_error()));
    assert_eq!(detect_format(&dir), Some(DictFormat::Petrarch));
    // SAM_GAMGEE: the first dated restriction covering a date wins.
    let sam = d.actors.iter().find(|a| a.name == "SAM_GAMGEE").unwrap();
    assert_eq!(sam.kind, ActorKind::Person);
    assert_eq!(sam.code_at(Date::ymd(2010, 1, 10)).unwrap().0, "ORC");
    assert_eq!(
        sam.code_at(Date::ymd(2011, 1, 10)).unwrap(),
        ("HOB", &["MIL".to_string()][..])
    );
    assert_eq!(sam.code_at(Date::ymd(2014, 1, 1)).unwrap().1, ["ELI"]);
    // PRINCE OF DOL AMROTH: the null code before 1995-06-30, DOL after.
    let p = d
        .actors
        .iter()
        .find(|a| a.name == "PRINCE OF DOL AMROTH")
        .unwrap();
    assert_eq!(p.code_at(Date::ymd(1990, 1, 1)), None);
    assert_eq!(p.code_at(Date::ymd(1996, 1, 1)).unwrap().0, "DOL");
    // Agents: `NGO~` placement, `{}` plurals, `!PERSON!` substitutions.
    let cong: Vec<_> = d
        .agents
        .iter()
        .filter(|a| a.name.starts_with("CONGRESS"))
        .collect();
    assert!(cong
        .iter()
        .any(|a| a.names.iter().any(|n| n.text == "CONGRESSWOMEN")));
    assert!(cong
        .iter()
        .any(|a| a.plurals.iter().any(|n| n.text == "congresses")));
    // Verbs: the block's patterns are indexed under every form.
    let ban = d.verb_pattern_ids("banned");
    assert!(ban.len() >= 2, "BAN {{BANS BANNED}} patterns");
    let p = d
        .verbs
        .iter()
        .find(|p| p.text.starts_with("- + * IN $"))
        .unwrap();
    let w = p.words.as_ref().unwrap();
    assert_eq!(w.before[0].tok, WordTok::Target);
    assert_eq!(w.after[1].tok, WordTok::Source);
    assert!(d
        .synset("&CURRENCY")
        .unwrap()
        .members
        .iter()
        .any(|m| m == &["austrian", "florin"]));
    assert!(d
        .synset("accordsyn")
        .unwrap()
        .members
        .iter()
        .any(|m| m == &["dollars"]));
    assert!(d
        .discards
        .iter()
        .any(|x| x.scope == DiscardScope::Story && x.phrase.tokens == ["manchester", "united"]));
}

#[test]
fn tabari_validation_dictionaries_load_without_errors() {
    let Some(dir) = shared("eval/tabari-validate") else {
        return;
    };
    let (d, diags) = load_tabari(
        &[dir.join("TABARI.Demo.actors")],
        &[dir.join("Validate.agents")],
        &[dir.join("TABARI.Demo.verbs")],
        &[dir.join("discards.txt")],
    );
    show(&diags);
    eprintln!("tabari: {}", summary(&d));
    assert!(diags.iter().all(|x| !x.is_error()));
    // Stems: ARGENTIN matches Argentina; ARNOR_ is a whole word.
    let norm = ["argentina"];
    let (n, t) = d.names.longest_match(&norm, 0).unwrap();
    assert_eq!(n, 1);
    assert!(matches!(t[0].target, NameRef::Actor(_)));
    assert!(
        d.names.longest_match(&["libyan"], 0).is_none(),
        "LIBYA_ is a whole word"
    );
    assert!(
        d.names.longest_match(&["arnorian"], 0).is_some(),
        "ARNOR is a stem"
    );
    assert!(
        !d.verb_pattern_ids("contributed").is_empty(),
        "CONTRIBUT is a stem"
    );
    // [###] verbs are discards.
    assert!(d
        .discards
        .iter()
        .any(|x| x.phrase.tokens == ["davis", "cup"]));
    let (p, pdiags) = load_tabari_project(&dir.join("Validate.project"));
    show(&pdiags);
    assert!(pdiags.iter().all(|x| !x.is_error()));
    assert_eq!(p.actors.len(), d.actors.len());
    assert_eq!(
        detect_format(&dir.join("Validate.project")),
        Some(DictFormat::Tabari)
    );
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("tocsin-dict-test-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn petrarch_inline_sample() {
    let dir = tmp("petr");
    let actors = write(&dir, "t.actors.txt", "<!-- header -->\nGONDOR [GON]\n+MINAS_TIRITH\nDENETHOR # steward\n\t[GONGOV 30000101-30191231]\n\t[GONELI >30191231]\nBAD [XYZ 99x]\n+\n");
    let agents = write(&dir, "t.agents.txt", "!PERS! = MAN, MEN\nTROOPS {} [~MIL]\nHUMAN_RIGHTS_BODY [NGO~]\nPOSTMAN\nCHAIR!PERS! [~GOV]\n");
    let verbs = write(&dir, "t.verbs.txt", "&WEAPON\n+SWORD\n+BATTLE AXE\n\n--- ATTACK [190] ---\nATTACK {ATTACKED}\n- * &WEAPON_FACTORY [195]\n- $ SAID * + [190:191]\n- NO STAR HERE [190]\n");
    let (d, diags) = load_petrarch(std::slice::from_ref(&actors), &[agents], &[verbs], &[]);
    show(&diags);
    let errors: Vec<String> = diags
        .iter()
        .filter(|x| x.is_error())
        .map(ToString::to_string)
        .collect();
    assert_eq!(errors.len(), 4, "{errors:#?}");
    assert!(
        errors[0].starts_with(&format!(
            "{}:7: error: expected a date restriction",
            actors.display()
        )),
        "{}",
        errors[0]
    );
    assert!(errors[1].contains(":8: error: expected a synonym after `+`"));
    assert!(
        errors[2].contains("t.agents.txt:4: error: expected `NAME [~CODE]`"),
        "{}",
        errors[2]
    );
    assert!(
        errors[3].contains("t.verbs.txt:9: error: expected `*`"),
        "{}",
        errors[3]
    );
    assert_eq!(d.actors.len(), 2);
    let den = &d.actors[1];
    assert_eq!(
        den.code_at(Date::ymd(3019, 3, 25)).unwrap(),
        ("GON", &["GOV".to_string()][..])
    );
    assert_eq!(den.code_at(Date::ymd(3020, 1, 1)).unwrap().1, ["ELI"]);
    assert_eq!(den.code_at(Date::ymd(2999, 1, 1)), None);
    assert_eq!(d.agents.len(), 3);
    assert!(d.agents[0].plurals.is_empty());
    assert_eq!(d.agents[1].placement, tocsin_dict::AgentPlacement::Before);
    assert_eq!(d.agents[2].names.len(), 2);
    let ids = d.verb_pattern_ids("attacked");
    assert_eq!(ids.len(), 3);
    let p = &d.verbs[ids[2] as usize];
    assert_eq!((p.code.as_str(), p.paired.as_deref()), ("190", Some("191")));
    assert_eq!(d.synset("weapon").unwrap().members.len(), 2);
    assert!(load(&dir, None).is_err(), "the sample has errors");
}

#[test]
fn tabari_inline_sample() {
    let dir = tmp("tab");
    let actors = write(&dir, "x.actors", "<NOUN>\nBEES\n</NOUN>\nFRANC [FRA] ;France, French\nALBRIGHT [USAGOV 970123-010120] [USAELI]\nU.N._ [IGOUNO]\n#OLD [OLD]\nNOCODE\n~~FINISH\nAFTER [END]\n");
    let verbs = write(&dir, "x.verbs", "<SYNSETS>\n&SANC\n+SANCTION\n+EMBARGO_\n</SYNSETS>\n<TIME>\nLAST_WEEK [-7]\n</TIME>\nIMPOS [163]\n{ IMPOSED_ }\n- * { &SANC | BOYCOTT } ON + [163]\nFOOTBALL [###]\n- ORPHAN * [000]\n");
    let (d, diags) = load_tabari(&[actors], &[], &[verbs], &[]);
    show(&diags);
    let errors: Vec<String> = diags
        .iter()
        .filter(|x| x.is_error())
        .map(ToString::to_string)
        .collect();
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(
        errors[0].contains("x.actors:8: error: expected a code `[CODE]` for actor `NOCODE`"),
        "{}",
        errors[0]
    );
    assert!(
        errors[1].contains("x.verbs:13: error: expected a `VERB [CODE]` line before the pattern"),
        "{}",
        errors[1]
    );
    assert_eq!(d.actors.len(), 3);
    assert_eq!(d.names.longest_match(&["france"], 0).map(|x| x.0), Some(1));
    let alb = &d.actors[1];
    assert_eq!(alb.code_at(Date::ymd(1999, 1, 1)).unwrap().1, ["GOV"]);
    assert_eq!(alb.code_at(Date::ymd(2005, 1, 1)).unwrap().1, ["ELI"]);
    assert_eq!(d.verb_pattern_ids("imposes").len(), 2);
    assert_eq!(d.verb_pattern_ids("imposed").len(), 2);
    assert!(d.discards.iter().any(|x| x.phrase.tokens == ["football"]));
    // Synset members follow TABARI's stem rule: a word not followed by `_`
    // matches any word it starts.
    let sanc = d.synset("sanc").unwrap();
    assert!(sanc.contains_word("sanctions") && sanc.contains_word("sanction"));
    assert!(sanc.contains_word("embargo") && !sanc.contains_word("embargoes"));
}

#[test]
fn tabari_synset_members_are_stems_unless_an_underscore_follows() {
    let dir = tmp("tabsyn");
    let verbs = write(
        &dir,
        "x.verbs",
        "<SYNSETS>\n&CUR\n+YUM YENNYEN \n+PESO_$\n+KRONER_\n&NEG\n+WON'T\n+WILL_NOT\n</SYNSETS>\nGIVE [070]\n",
    );
    let (d, diags) = load_tabari(&[], &[], &[verbs], &[]);
    show(&diags);
    let members = |name: &str| d.synset(name).unwrap().members.clone();
    assert_eq!(
        members("cur"),
        [vec!["yum~", "yennyen~"], vec!["peso", "$~"], vec!["kroner"]]
    );
    // A word the tokenizer splits ("WON'T": wo + n't) is not a stem.
    assert_eq!(members("neg"), [vec!["wo"], vec!["will", "not~"]]);
}

#[test]
fn petrarch_dated_country_codes_stay_countries() {
    let Some(dir) = shared("eval/petrarch-unit") else {
        return;
    };
    let (d, _) = load_petrarch_dir(&dir);
    let z = d.actors.iter().find(|a| a.name == "ZIMBABWE").unwrap();
    assert_eq!(z.kind, ActorKind::Country);
    assert_eq!(z.code_at(Date::ymd(1975, 1, 1)).unwrap().0, "RHO");
    assert_eq!(z.code_at(Date::ymd(1990, 1, 1)).unwrap().0, "ZBW");
    let gollum = d.actors.iter().find(|a| a.name == "GOLLUM").unwrap();
    assert_eq!(gollum.kind, ActorKind::Person);
    assert_eq!(
        gollum.code_at(Date::ymd(1997, 1, 1)).unwrap(),
        ("HOB", &["GOV".to_string()][..])
    );
    assert_eq!(gollum.code_at(Date::ymd(2000, 1, 1)).unwrap().1, ["REB"]);
}
