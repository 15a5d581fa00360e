//! Measures compile and `from_bytes` times of a dictionary directory.
//!
//! `cargo run --release -p tocsin-dict --example load_time -- crates/data/dict`

use std::time::Instant;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "crates/data/dict".to_string());
    let t = Instant::now();
    let (d, diags) = tocsin_dict::load_with_diagnostics(std::path::Path::new(&dir), None);
    let errors = diags.iter().filter(|x| x.is_error()).count();
    println!(
        "load {dir}: {:?} ({errors} errors, {} warnings)",
        t.elapsed(),
        diags.len() - errors
    );
    let bytes = d.to_bytes().expect("encode");
    let mut best = f64::MAX;
    for _ in 0..10 {
        let t = Instant::now();
        let back = tocsin_dict::Dictionaries::from_bytes(&bytes).expect("decode");
        best = best.min(t.elapsed().as_secs_f64());
        assert_eq!(back.actors.len(), d.actors.len());
    }
    println!(
        "from_bytes: {} bytes, best of 10 (wall): {:.1} ms",
        bytes.len(),
        best * 1000.0
    );
    // CPU time is less disturbed than wall time on a loaded machine.
    let n = 50;
    let before = cpu_ticks();
    for _ in 0..n {
        let back = tocsin_dict::Dictionaries::from_bytes(&bytes).expect("decode");
        assert_eq!(back.verbs.len(), d.verbs.len());
    }
    if let (Some(a), Some(b)) = (before, cpu_ticks()) {
        println!(
            "from_bytes: {:.1} ms CPU each (mean of {n}, /proc/self/stat ticks at 100 Hz)",
            (b - a) as f64 * 10.0 / f64::from(n)
        );
    }
    // Without the drops: what loading costs a program that keeps the result.
    let n = 10;
    let mut keep = Vec::with_capacity(n as usize);
    let before = cpu_ticks();
    for _ in 0..n {
        keep.push(tocsin_dict::Dictionaries::from_bytes(&bytes).expect("decode"));
    }
    if let (Some(a), Some(b)) = (before, cpu_ticks()) {
        println!(
            "from_bytes without drop: {:.1} ms CPU each (mean of {n})",
            (b - a) as f64 * 10.0 / f64::from(n)
        );
    }
    drop(keep);
    println!("{}", serde_json::to_string(&d.stats()).expect("json"));
    if std::env::var("PROBE").is_ok() {
        probe(&d);
    }
    if std::env::var("PARTS").is_ok() {
        parts(&d);
    }
}

/// utime + stime of this process in clock ticks (Linux only).
fn cpu_ticks() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = &s[s.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split(' ').collect();
    Some(f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?)
}

#[allow(dead_code)]
fn parts(d: &tocsin_dict::Dictionaries) {
    fn time<T: serde::Serialize + serde::de::DeserializeOwned>(name: &str, v: &T) {
        let b = postcard::to_stdvec(v).unwrap();
        let mut best = f64::MAX;
        for _ in 0..5 {
            let t = Instant::now();
            let x: T = postcard::from_bytes(&b).unwrap();
            best = best.min(t.elapsed().as_secs_f64());
            drop(x);
        }
        println!("{name}: {} bytes {:.1} ms", b.len(), best * 1000.0);
    }
    time("actors", &d.actors);
    time("names", &d.names);
    time("verbs", &d.verbs);
    time("nouns", &d.nouns);
    time("synsets", &d.synsets);
    time("verb_index", &d.verb_index);
    time("cameo", &d.cameo);
    time("agents", &d.agents);
}

/// Prints what the default dictionaries make of a few phrases (`PROBE=1`).
#[allow(dead_code)]
fn probe(d: &tocsin_dict::Dictionaries) {
    for s in [
        "Putin 's spokesman",
        "the U.S. State Department",
        "the Kremlin",
        "Russian troops",
        "Ukraine 's foreign minister",
        "Hamas fighters",
        "NATO allies",
        "the United Nations Security Council",
        "Biden",
        "Zelensky",
        "Burma",
        "the Islamic State",
    ] {
        let raw: Vec<&str> = s.split(' ').collect();
        let norm: Vec<String> = raw
            .iter()
            .map(|t| tocsin_dict::normalize_token(t))
            .collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < norm.len() {
            if let Some((n, ts)) =
                d.names
                    .lookup(&norm, &raw, i, tocsin_core::Date::ymd(2022, 3, 1))
            {
                let t = ts[0];
                if let tocsin_dict::NameRef::Actor(a) = t.target {
                    let a = &d.actors[a as usize];
                    out.push(format!(
                        "[{} -> {} {:?} {:?}]",
                        raw[i..i + n].join(" "),
                        a.code,
                        t.role,
                        a.code_at(tocsin_core::Date::ymd(2022, 3, 1))
                    ));
                }
                i += n;
                continue;
            }
            if let Some((n, ts)) = d.agent_index.lookup(&norm, &raw, i, None) {
                out.push(format!(
                    "[{} -> agent {:?}]",
                    raw[i..i + n].join(" "),
                    ts[0].sectors
                ));
                i += n;
                continue;
            }
            i += 1;
        }
        println!("{s}: {}", out.join(" "));
    }
}
