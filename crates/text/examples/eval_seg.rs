//! Scores the segmenter alone on a UD CoNLL-U file (raw text rebuilt from the
//! `# text` comments), CoNLL 2018 style, and prints the largest error classes.
//!
//! ```text
//! cargo run --release -p tocsin-text --example eval_seg -- ../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu [--errors N]
//! ```

#[allow(dead_code)]
#[path = "../../tocsin/src/eval_ud.rs"]
mod eval_ud;

use std::collections::HashMap;
use tocsin_core::conllu::parse_conllu;
use tocsin_core::Doc;
use tocsin_text::Segmenter;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: eval_seg FILE.conllu [--errors N]");
        std::process::exit(2);
    };
    let show: usize = args
        .iter()
        .position(|a| a == "--errors")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: cannot read {path}: {e}");
            std::process::exit(1);
        }
    };
    let gold = match parse_conllu(&text) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("error: {path}:{e}");
            std::process::exit(1);
        }
    };
    let seg = Segmenter::new();
    let mut tokens = 0usize;
    let mut system: Vec<String> = Vec::new();
    let r = eval_ud::eval_raw(&gold, |d: &mut Doc| {
        seg.segment(d);
        tokens += d.tokens().len();
        if show > 0 {
            for s in d.sentences() {
                let words: Vec<&str> = (s.tokens.start..s.tokens.end)
                    .map(|i| d.word(i as usize))
                    .collect();
                system.push(words.join(" "));
            }
        }
    });
    println!(
        "{path}: {} gold sentences, {tokens} system tokens",
        gold.len()
    );
    println!("{}", eval_ud::format_raw(&r));
    if show > 0 {
        report_errors(&gold, &system, show);
    }
}

/// Token differences: gold-only and system-only token strings, most frequent
/// first, found by comparing the token sequences sentence by sentence in a
/// whitespace-free character index.
fn report_errors(gold: &[tocsin_core::conllu::GoldSentence], system: &[String], show: usize) {
    let gold_toks: Vec<String> = gold
        .iter()
        .flat_map(|s| s.words.iter().map(|w| w.form.clone()))
        .collect();
    let sys_toks: Vec<String> = system
        .iter()
        .flat_map(|s| s.split(' ').map(str::to_string))
        .collect();
    let spans = |toks: &[String]| {
        let mut at = 0usize;
        toks.iter()
            .map(|t| {
                let n = t.chars().filter(|c| !c.is_whitespace()).count();
                at += n;
                ((at - n, at), t.clone())
            })
            .collect::<Vec<_>>()
    };
    let g = spans(&gold_toks);
    let s = spans(&sys_toks);
    let gs: HashMap<(usize, usize), &String> = g.iter().map(|(sp, t)| (*sp, t)).collect();
    let ss: HashMap<(usize, usize), &String> = s.iter().map(|(sp, t)| (*sp, t)).collect();
    let mut miss: HashMap<String, usize> = HashMap::new();
    let mut extra: HashMap<String, usize> = HashMap::new();
    for (sp, t) in &g {
        if !ss.contains_key(sp) {
            *miss.entry(t.clone()).or_default() += 1;
        }
    }
    for (sp, t) in &s {
        if !gs.contains_key(sp) {
            *extra.entry(t.clone()).or_default() += 1;
        }
    }
    for (name, m) in [
        ("gold words not produced", miss),
        ("system words not in gold", extra),
    ] {
        let mut v: Vec<_> = m.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        println!("-- {name}: {} kinds", v.len());
        for (t, n) in v.iter().take(show) {
            println!("{n:6}  {t}");
        }
    }
    // Sentence boundaries: after which token a sentence ends, gold versus system.
    let ends = |sents: Vec<Vec<String>>| {
        let mut at = 0usize;
        let mut set = std::collections::HashSet::new();
        for s in sents {
            at += s
                .iter()
                .map(|w| w.chars().filter(|c| !c.is_whitespace()).count())
                .sum::<usize>();
            set.insert(at);
        }
        set
    };
    let gold_ends = ends(
        gold.iter()
            .map(|s| s.words.iter().map(|w| w.form.clone()).collect())
            .collect(),
    );
    let sys_ends = ends(
        system
            .iter()
            .map(|s| s.split(' ').map(str::to_string).collect())
            .collect(),
    );
    let cum: Vec<usize> = g.iter().map(|(sp, _)| sp.1).collect();
    let context = |c: usize| {
        let i = cum.partition_point(|&e| e <= c);
        let a = i.saturating_sub(4);
        let b = (i + 3).min(gold_toks.len());
        format!(
            "{} || {}",
            gold_toks[a..i].join(" "),
            gold_toks[i..b].join(" ")
        )
    };
    let mut missed: Vec<_> = gold_ends.difference(&sys_ends).copied().collect();
    let mut spurious: Vec<_> = sys_ends.difference(&gold_ends).copied().collect();
    missed.sort_unstable();
    spurious.sort_unstable();
    println!("-- gold boundaries missed: {} (first {show})", missed.len());
    for &i in missed
        .iter()
        .filter(|&&i| i <= cum.last().copied().unwrap_or(0))
        .take(show)
    {
        println!("  {}", context(i));
    }
    println!("-- spurious boundaries: {} (first {show})", spurious.len());
    for &i in spurious
        .iter()
        .filter(|&&i| i <= cum.last().copied().unwrap_or(0))
        .take(show)
    {
        println!("  {}", context(i));
    }
}
