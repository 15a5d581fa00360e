//! Prints the sentences and tokens of the text on standard input, one sentence a
//! line, tokens joined by `|`, headings marked `[H]`.
//!
//! ```text
//! echo "KYIV, Ukraine (AP) — Russia's army didn't move." | cargo run -p tocsin-text --example show
//! ```
//!
//! With `--repeat N` it prints nothing but the token count and the rate after
//! segmenting the input N times (run it under `time` to see CPU time on a busy
//! machine).

use std::io::Read;
use tocsin_core::Doc;
use tocsin_text::Segmenter;

fn main() {
    let mut text = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut text) {
        eprintln!("error: cannot read standard input: {e}");
        std::process::exit(1);
    }
    let repeat: Option<usize> = std::env::args()
        .skip_while(|a| a != "--repeat")
        .nth(1)
        .and_then(|n| n.parse().ok());
    let mut doc = Doc::new(&text);
    Segmenter::new().segment(&mut doc);
    if let Some(n) = repeat {
        let t0 = std::time::Instant::now();
        let mut tokens = 0;
        for _ in 0..n {
            doc.reset(&text);
            Segmenter::new().segment(&mut doc);
            tokens += doc.tokens().len();
        }
        let secs = t0.elapsed().as_secs_f64();
        println!(
            "{tokens} tokens in {secs:.3} s: {:.0} tokens/s",
            tokens as f64 / secs
        );
        return;
    }
    for s in doc.sentences() {
        let words: Vec<&str> = (s.tokens.start..s.tokens.end)
            .map(|i| doc.word(i as usize))
            .collect();
        let mark = if s.is_heading { "[H] " } else { "" };
        println!("{mark}{}", words.join("|"));
    }
}
