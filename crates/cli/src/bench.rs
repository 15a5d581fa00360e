//! `tocsin bench`: throughput of the pipeline on a JSONL corpus.
//!
//! The corpus is read into memory first, so only the pipeline is timed. Each
//! measurement runs the whole corpus `repeat` times and reports the median.

use anyhow::{Context, Result};
use serde::Serialize;
use std::path::Path;
use std::time::Instant;
use tocsin::tocsin_core::DocMeta;
use tocsin::Pipeline;

/// Figures printed by `tocsin bench`.
#[derive(Debug, Serialize)]
pub struct BenchReport {
    pub corpus: String,
    pub until: String,
    pub stages: Vec<&'static str>,
    pub documents: usize,
    pub bytes: usize,
    pub sentences: usize,
    pub tokens: usize,
    pub events: usize,
    /// Sentences the parse gate let through to the parser (all of them when
    /// the gate does not run; meaningless before `--until parse`).
    pub sentences_parsed: usize,
    pub threads: usize,
    /// All threads.
    pub sentences_per_sec: f64,
    pub tokens_per_sec: f64,
    /// One thread.
    pub sentences_per_sec_one_thread: f64,
    pub tokens_per_sec_one_thread: f64,
    pub seconds_one_thread: f64,
    pub seconds_all_threads: f64,
    /// CPU time of the one-thread run (median), from `/proc/thread-self/stat`
    /// (Linux; 10 ms ticks). On a shared, busy machine throughput per CPU
    /// second is steadier than per wall-clock second.
    pub cpu_seconds_one_thread: Option<f64>,
    pub sentences_per_cpu_sec_one_thread: Option<f64>,
    pub tokens_per_cpu_sec_one_thread: Option<f64>,
    pub repeats: usize,
    pub model_load_ms: f64,
    pub peak_rss_mb: Option<f64>,
}

/// Loads the `text` field of every line of a JSONL corpus.
///
/// # Errors
/// An unreadable file, or a line that is not an object with a string `text`
/// (reported as `file:line`).
pub fn load_corpus(path: &Path, limit: Option<usize>) -> Result<Vec<String>> {
    let data =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut out = Vec::new();
    for (i, line) in data.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: invalid JSON", path.display(), i + 1))?;
        let t = v.get("text").and_then(|t| t.as_str()).with_context(|| {
            format!("{}:{}: missing string field `text`", path.display(), i + 1)
        })?;
        out.push(t.to_string());
        if limit.is_some_and(|l| out.len() >= l) {
            break;
        }
    }
    Ok(out)
}

#[derive(Default, Clone, Copy)]
struct Counts {
    sentences: usize,
    tokens: usize,
    events: usize,
    parsed: usize,
}

impl Counts {
    fn add_doc(&mut self, d: &tocsin::tocsin_core::Doc) {
        self.sentences += d.sentences().len();
        self.tokens += d.tokens().len();
        self.events += d.events.len();
        self.parsed += d.sentences().iter().filter(|s| !s.skip_parse).count();
    }
}

fn run_slice(p: &Pipeline, docs: &[String]) -> Counts {
    let mut w = p.worker();
    let mut c = Counts::default();
    for t in docs {
        c.add_doc(w.process(t, DocMeta::default()));
    }
    c
}

fn run_threads(p: &Pipeline, docs: &[String], threads: usize) -> Counts {
    if threads <= 1 {
        return run_slice(p, docs);
    }
    // Interleave documents so each thread gets a similar mix of lengths.
    let mut parts: Vec<Vec<&String>> = vec![Vec::new(); threads];
    for (i, d) in docs.iter().enumerate() {
        parts[i % threads].push(d);
    }
    std::thread::scope(|s| {
        let hs: Vec<_> = parts
            .iter()
            .map(|part| {
                s.spawn(move || {
                    let mut w = p.worker();
                    let mut c = Counts::default();
                    for t in part {
                        c.add_doc(w.process(t, DocMeta::default()));
                    }
                    c
                })
            })
            .collect();
        hs.into_iter().fold(Counts::default(), |mut a, h| {
            let c = h.join().unwrap_or_default();
            a.sentences += c.sentences;
            a.tokens += c.tokens;
            a.events += c.events;
            a.parsed += c.parsed;
            a
        })
    })
}

/// Median wall-clock seconds and median CPU seconds of this thread (if the
/// platform tells) over `repeat` runs.
fn median_secs(repeat: usize, mut f: impl FnMut() -> Counts) -> (f64, Option<f64>, Counts) {
    let mut times = Vec::new();
    let mut cpu = Vec::new();
    let mut counts = Counts::default();
    for _ in 0..repeat.max(1) {
        let c0 = thread_cpu_secs();
        let t = Instant::now();
        counts = f();
        times.push(t.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (c0, thread_cpu_secs()) {
            cpu.push(b - a);
        }
    }
    times.sort_by(f64::total_cmp);
    cpu.sort_by(f64::total_cmp);
    (
        times[times.len() / 2],
        cpu.get(cpu.len() / 2).copied(),
        counts,
    )
}

/// User plus system CPU seconds of the calling thread (Linux).
fn thread_cpu_secs() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = s.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the whole line: 12 and 13 here.
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// Peak resident memory of this process, from `/proc/self/status` (Linux).
#[must_use]
pub fn peak_rss_mb() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Runs the benchmark.
pub fn bench(
    p: &Pipeline,
    corpus: &Path,
    docs: &[String],
    until: &str,
    threads: usize,
    repeat: usize,
    model_load_ms: f64,
) -> BenchReport {
    // Warm-up pass: page in models, fill worker buffers.
    let _ = run_slice(p, &docs[..docs.len().min(50)]);
    let (one, cpu, c) = median_secs(repeat, || run_slice(p, docs));
    let (all, _, _) = median_secs(repeat, || run_threads(p, docs, threads));
    let per_cpu = |n: usize| cpu.filter(|&t| t > 0.0).map(|t| n as f64 / t);
    BenchReport {
        corpus: corpus.display().to_string(),
        until: until.to_string(),
        stages: p.stage_names(),
        documents: docs.len(),
        bytes: docs.iter().map(String::len).sum(),
        sentences: c.sentences,
        tokens: c.tokens,
        events: c.events,
        sentences_parsed: c.parsed,
        threads,
        sentences_per_sec: c.sentences as f64 / all,
        tokens_per_sec: c.tokens as f64 / all,
        sentences_per_sec_one_thread: c.sentences as f64 / one,
        tokens_per_sec_one_thread: c.tokens as f64 / one,
        seconds_one_thread: one,
        seconds_all_threads: all,
        cpu_seconds_one_thread: cpu,
        sentences_per_cpu_sec_one_thread: per_cpu(c.sentences),
        tokens_per_cpu_sec_one_thread: per_cpu(c.tokens),
        repeats: repeat,
        model_load_ms,
        peak_rss_mb: peak_rss_mb(),
    }
}
