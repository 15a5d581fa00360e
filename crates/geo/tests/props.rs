//! No input makes recognition, resolution or location panic.

mod common;

use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn any_text_is_handled(text in "[A-Za-z,.'#\\- ]{0,60}|\\PC{0,40}") {
        let doc = common::run(&text, true);
        let geo = common::geo();
        let _ = tocsin_geo::describe(&doc, &geo);
        for s in 0..doc.sentences().len() {
            let r = doc.sentences()[s].tokens.clone();
            for t in r.start as usize..r.end as usize {
                if let Some(l) = geo.locate_verb(&doc, s, t) {
                    if let Some(sp) = l.span {
                        prop_assert!(doc.text().get(sp.range()).is_some());
                    }
                }
            }
        }
    }

    #[test]
    fn lookups_never_panic(name in "\\PC{0,30}", lat in -200.0f64..200.0, lon in -400.0f64..400.0) {
        let g = tocsin_geo::Gazetteer::embedded().unwrap();
        let _ = g.lookup(&name);
        let _ = g.best(&name);
        let _ = g.nearest(lat, lon);
    }
}
