//! Gazetteer lookup and reverse-lookup speed.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use tocsin_geo::Gazetteer;

fn lookups(c: &mut Criterion) {
    let gaz = Gazetteer::embedded().expect("embedded gazetteer");
    let names = [
        "Kyiv",
        "Kharkov",
        "New York",
        "Dnipró",
        "Washington",
        "Nowhere-ville",
    ];
    let mut buf = String::new();
    c.bench_function("lookup (6 names)", |b| {
        b.iter(|| {
            let mut n = 0;
            for name in names {
                n += gaz.lookup_with(black_box(name), &mut buf).len();
            }
            assert!(n > 4);
            n
        });
    });
    c.bench_function("reverse lookup", |b| {
        b.iter(|| {
            let id = gaz.nearest(black_box(50.0), black_box(36.2));
            assert!(id.is_some());
            id
        });
    });
}

criterion_group!(benches, lookups);
criterion_main!(benches);
