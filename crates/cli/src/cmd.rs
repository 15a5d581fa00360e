//! The subcommands.

use crate::{bench as benchmod, input};
use anyhow::{bail, Context, Result};
use clap::{Args, Subcommand, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};
use tocsin::render::{self, Format};
use tocsin::suites;
use tocsin::tocsin_core::{Date, Doc, DocMeta};
use tocsin::{Setup, Until};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum OutFormat {
    Json,
    Tsv,
    Csv,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DictFormatArg {
    Tocsin,
    Petrarch,
    Tabari,
}

/// Where dictionaries come from (default: the embedded ones).
#[derive(Debug, Args)]
pub struct DictArgs {
    /// Dictionary directory or file (default: the embedded tocsin dictionaries).
    #[arg(long)]
    pub dicts: Option<PathBuf>,
    /// Format of `--dicts` (detected when omitted).
    #[arg(long, value_enum)]
    pub dict_format: Option<DictFormatArg>,
    /// Parse with the beam-search model (more accurate, about half as fast;
    /// the coder's evaluations are measured with the default greedy one).
    #[arg(long)]
    pub beam_parser: bool,
}

impl DictArgs {
    fn setup(&self, until: Until) -> Result<Setup> {
        let mut s = Setup::new(until);
        s.beam_parser = self.beam_parser;
        if let Some(p) = &self.dicts {
            let fmt = self.dict_format.map(|f| match f {
                DictFormatArg::Tocsin => tocsin::DictFormat::Tocsin,
                DictFormatArg::Petrarch => tocsin::DictFormat::Petrarch,
                DictFormatArg::Tabari => tocsin::DictFormat::Tabari,
            });
            s.dicts = Some(tocsin::load_dictionaries(p, fmt)?);
        }
        Ok(s)
    }
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Print JSON lines instead of the readable summary.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct CodeArgs {
    /// Text files, directories, `.jsonl` files, or `-` for stdin.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "json")]
    pub format: OutFormat,
    /// Write events here instead of stdout.
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    /// Date for documents that carry none (YYYY-MM-DD).
    #[arg(long)]
    pub date: Option<String>,
    /// Worker threads (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Read stdin as JSONL rather than one plain-text document.
    #[arg(long)]
    pub jsonl: bool,
    /// Never show a progress bar.
    #[arg(long)]
    pub quiet: bool,
    #[command(flatten)]
    pub dict: DictArgs,
}

#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Tagging, lemmas and parsing against a UD CoNLL-U file.
    Ud {
        #[arg(long)]
        gold: PathBuf,
        /// Start from the raw `# text` (CoNLL 2018 alignment) instead of gold tokens.
        #[arg(long)]
        raw: bool,
        /// Parse with the beam-search model (more accurate, about half as fast).
        #[arg(long)]
        beam_parser: bool,
        #[arg(long)]
        json: bool,
    },
    /// PETRARCH's validation records (XML) with the dictionaries they need.
    Petrarch {
        #[arg(long)]
        records: PathBuf,
        #[command(flatten)]
        dict: DictArgs,
        #[command(flatten)]
        suite: SuiteArgs,
    },
    /// TABARI's Validate.text, through its project file.
    Tabari {
        #[arg(long)]
        project: PathBuf,
        #[command(flatten)]
        suite: SuiteArgs,
    },
    /// Event locations against the event-location dev set (JSONL).
    Geo {
        #[arg(long)]
        gold: PathBuf,
        #[arg(long)]
        json: bool,
        /// How many wrong items to list.
        #[arg(long, default_value_t = 20)]
        misses: usize,
    },
    /// CASE 2021 task 2 snippets: does the main event map to the labelled
    /// ACLED-style type?
    Case2021 {
        #[arg(long)]
        gold: PathBuf,
        /// Keep events with a missing source or target (typing needs no dyad).
        #[arg(long)]
        no_require_dyad: bool,
        #[arg(long)]
        json: bool,
    },
    /// Real wire sentences (PETRARCH-2 GSR) with tocsin's dictionaries:
    /// (source country, target country, CAMEO root) F1.
    Gsr {
        #[arg(long)]
        records: PathBuf,
        #[command(flatten)]
        dict: DictArgs,
        #[arg(long)]
        json: bool,
    },
}

/// What a conformance suite prints.
#[derive(Debug, Args)]
pub struct SuiteArgs {
    #[arg(long)]
    pub json: bool,
    /// Show how one record was coded: parse, rules tried, events.
    #[arg(long)]
    pub explain: Option<String>,
    /// How many failing records to list.
    #[arg(long, default_value_t = 20)]
    pub failures: usize,
}

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// JSONL corpus with a `text` field.
    #[arg(long)]
    pub corpus: PathBuf,
    /// Threads for the all-threads figure (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Last stage to run: segment, tag, parse, code, geo.
    #[arg(long, default_value = "geo")]
    pub until: String,
    /// Runs per measurement; the median is reported.
    #[arg(long, default_value_t = 3)]
    pub repeat: usize,
    /// Only the first N documents.
    #[arg(long)]
    pub limit: Option<usize>,
    /// Parse with the beam-search model (more accurate, about half as fast).
    #[arg(long)]
    pub beam_parser: bool,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum DictCommand {
    /// Compile a tocsin dictionary directory to the binary format.
    Compile {
        dir: PathBuf,
        #[arg(long, short)]
        out: PathBuf,
    },
    /// Lint a dictionary directory: errors and warnings with file:line.
    Check { dir: PathBuf },
    /// Counts per kind (default: the embedded dictionaries).
    Stats {
        dir: Option<PathBuf>,
        #[arg(long, value_enum)]
        dict_format: Option<DictFormatArg>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum TrainCommand {
    /// Train the POS tagger and lemmatizer tables.
    Tagger(TrainArgs),
    /// Train the dependency parser.
    Parser(TrainArgs),
}

#[derive(Debug, Args)]
pub struct TrainArgs {
    #[arg(long)]
    pub train: PathBuf,
    #[arg(long)]
    pub dev: PathBuf,
    #[arg(long, short)]
    pub out: PathBuf,
    #[arg(long, default_value_t = 12)]
    pub epochs: usize,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

fn threads(n: Option<usize>) -> usize {
    n.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1)
}

pub fn demo(a: &DemoArgs) -> Result<()> {
    let pipeline = tocsin::build(&Setup::new(Until::Geo))?;
    let mut w = pipeline.worker();
    let meta = DocMeta {
        id: "example".into(),
        date: Date::parse(tocsin_data_example_date()),
        ..DocMeta::default()
    };
    let doc = w.process(tocsin::EXAMPLE_ARTICLE, meta);
    let out = std::io::stdout();
    let mut out = out.lock();
    if a.json {
        for ev in &doc.events {
            writeln!(out, "{}", render::event_json(doc, ev, tocsin::DATA_VERSION))?;
        }
        return Ok(());
    }
    writeln!(
        out,
        "{} events from the bundled example article ({} sentences):\n",
        doc.events.len(),
        doc.sentences().len()
    )?;
    for ev in &doc.events {
        writeln!(out, "{}", tocsin::render::summary_line(doc, ev))?;
    }
    Ok(())
}

fn tocsin_data_example_date() -> &'static str {
    tocsin::EXAMPLE_DATE
}

pub fn code(a: &CodeArgs) -> Result<()> {
    let default_date = match &a.date {
        Some(d) => Some(
            Date::parse(d).with_context(|| format!("--date: expected YYYY-MM-DD, found {d:?}"))?,
        ),
        None => None,
    };
    let pipeline = tocsin::build(&a.dict.setup(Until::Geo)?)?;
    let sources = input::expand(&a.inputs).map_err(|e| anyhow::anyhow!("{e}"))?;
    let format = match a.format {
        OutFormat::Json => Format::Json,
        OutFormat::Tsv => Format::Tsv,
        OutFormat::Csv => Format::Csv,
    };
    let mut out: Box<dyn Write> = match &a.out {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    match format {
        Format::Tsv => writeln!(out, "{}", render::TSV_COLUMNS.join("\t"))?,
        Format::Csv => writeln!(out, "{}", render::TSV_COLUMNS.join(","))?,
        Format::Json => {}
    }
    let mut runner = tocsin::BatchRunner::new(&pipeline, threads(a.threads));
    let progress = tocsin_progress(a.quiet);
    let mut stats = (0usize, 0usize, 0usize); // docs, events, errors
    let write_doc = |doc: &Doc, out: &mut dyn Write| -> std::io::Result<()> {
        for (i, ev) in doc.events.iter().enumerate() {
            match format {
                Format::Json => {
                    writeln!(out, "{}", render::event_json(doc, ev, tocsin::DATA_VERSION))?
                }
                Format::Tsv => {
                    writeln!(out, "{}", render::tsv_line(&render::event_row(doc, ev, i)))?
                }
                Format::Csv => {
                    writeln!(out, "{}", render::csv_line(&render::event_row(doc, ev, i)))?
                }
            }
        }
        Ok(())
    };
    let mut io_err: Option<std::io::Error> = None;
    for src in &sources {
        input::read_source(src, default_date, a.jsonl, &mut |item| match item {
            Ok(d) => {
                runner.push(d.text, d.meta);
                if runner.is_full() {
                    runner.flush(&mut |doc| {
                        stats.0 += 1;
                        stats.1 += doc.events.len();
                        if io_err.is_none() {
                            if let Err(e) = write_doc(doc, &mut *out) {
                                io_err = Some(e);
                            }
                        }
                    });
                    progress.inc(stats.0);
                }
            }
            Err(e) => {
                stats.2 += 1;
                eprintln!("warning: skipped {e}");
            }
        });
        if let Some(e) = io_err.take() {
            return Err(e).context("writing events");
        }
    }
    runner.flush(&mut |doc| {
        stats.0 += 1;
        stats.1 += doc.events.len();
        if io_err.is_none() {
            if let Err(e) = write_doc(doc, &mut *out) {
                io_err = Some(e);
            }
        }
    });
    if let Some(e) = io_err.take() {
        return Err(e).context("writing events");
    }
    out.flush().context("writing events")?;
    progress.finish(stats.0);
    if !a.quiet {
        eprintln!(
            "coded {} documents: {} events, {} inputs skipped",
            stats.0, stats.1, stats.2
        );
    }
    Ok(())
}

/// A minimal progress line on stderr, shown only when stderr is a terminal.
struct Progress {
    on: bool,
}

fn tocsin_progress(quiet: bool) -> Progress {
    use std::io::IsTerminal;
    Progress {
        on: !quiet && std::io::stderr().is_terminal(),
    }
}

impl Progress {
    fn inc(&self, docs: usize) {
        if self.on {
            eprint!("\r{docs} documents coded");
        }
    }
    fn finish(&self, docs: usize) {
        if self.on {
            eprintln!("\r{docs} documents coded");
        }
    }
}

pub fn parse(path: &Path, beam_parser: bool) -> Result<()> {
    let text = if path.as_os_str() == "-" {
        std::io::read_to_string(std::io::stdin()).context("reading stdin")?
    } else {
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?
    };
    let mut setup = Setup::new(Until::Parse);
    setup.beam_parser = beam_parser;
    let pipeline = tocsin::build(&setup)?;
    let mut w = pipeline.worker();
    let doc = w.process(&text, DocMeta::default());
    let mut s = String::new();
    tocsin::write_conllu(doc, &mut s);
    std::io::stdout().lock().write_all(s.as_bytes())?;
    Ok(())
}

pub fn eval(e: EvalCommand) -> Result<()> {
    match e {
        EvalCommand::Ud {
            gold,
            raw,
            beam_parser,
            json,
        } => {
            let text = std::fs::read_to_string(&gold)
                .with_context(|| format!("reading {}", gold.display()))?;
            let sents = tocsin::tocsin_core::conllu::parse_conllu(&text)
                .map_err(|e| anyhow::anyhow!("{}:{}: {}", gold.display(), e.line, e.message))?;
            let report = tocsin::eval_ud_report(&sents, raw, beam_parser)?;
            if json {
                outln!("{}", serde_json::to_string(&report)?);
            } else {
                outln!(
                    "{}",
                    tocsin::eval_ud_text(&report, &gold.display().to_string())
                );
            }
            Ok(())
        }
        EvalCommand::Petrarch {
            records,
            dict,
            suite,
        } => {
            let dicts = dict
                .setup(Until::Code)?
                .dicts
                .context("--dicts is required")?;
            let recs = suites::petrarch_records(&records)?;
            run_suite("PETRARCH unit records", &recs, dicts, &suite)
        }
        EvalCommand::Tabari { project, suite } => {
            let (recs, dicts) = suites::tabari_suite(&project)?;
            run_suite("TABARI Validate.text", &recs, dicts, &suite)
        }
        EvalCommand::Geo { gold, json, misses } => {
            let jsonl = std::fs::read_to_string(&gold)
                .with_context(|| format!("reading {}", gold.display()))?;
            let nlp = tocsin::build(&Setup::new(Until::Parse))?;
            let geo =
                tocsin::tocsin_geo::Geolocator::embedded().context("loading the gazetteer")?;
            let r = tocsin::geo_eval::eval_geo(&jsonl, &nlp, &geo, misses);
            if json {
                let mut v = serde_json::to_value(&r)?;
                if let Some(o) = v.as_object_mut() {
                    o.remove("misses_sample");
                }
                outln!("{v}");
            } else {
                outln!("{}", serde_json::to_string_pretty(&r)?);
            }
            Ok(())
        }
        EvalCommand::Case2021 {
            gold,
            no_require_dyad,
            json,
        } => {
            let r = tocsin::case2021::run_case2021(&gold, !no_require_dyad)?;
            if json {
                outln!("{}", serde_json::to_string(&r)?);
            } else {
                outln!(
                    "CASE 2021 task 2: {} snippets, {} with an event; main-event type accuracy {:.3} ({} correct)\nover the {} snippets whose type has a CAMEO counterpart: {:.3}\n",
                    r.snippets, r.with_event, r.accuracy, r.correct, r.mapped_snippets, r.mapped_accuracy
                );
                for (t, (n, ok)) in &r.by_type {
                    outln!("  {t:<30} {ok:>3}/{n:<3}");
                }
            }
            Ok(())
        }
        EvalCommand::Gsr {
            records,
            dict,
            json,
        } => {
            let dicts = dict.setup(Until::Code)?.dicts;
            let r = suites::run_gsr(&records, dicts)?;
            if json {
                outln!("{}", serde_json::to_string(&r)?);
            } else {
                outln!(
                    "GSR: {} records, {} expected, {} produced ({:.2} per record), {} matched\n(source country, target country, root) precision {:.3} recall {:.3} F1 {:.3}\n",
                    r.records, r.expected, r.produced, r.events_per_record, r.matched, r.precision, r.recall, r.f1
                );
                out!(
                    "{}",
                    suites::report_text("exact (source, target, code)", &r.exact, 0)
                );
            }
            Ok(())
        }
    }
}

/// Runs a conformance suite, or explains one record of it.
fn run_suite(
    name: &str,
    recs: &[tocsin::tocsin_coder::eval::EvalRecord],
    dicts: std::sync::Arc<tocsin::Dictionaries>,
    a: &SuiteArgs,
) -> Result<()> {
    if let Some(id) = &a.explain {
        out!("{}", suites::explain_record(recs, id, dicts)?);
        return Ok(());
    }
    let r = suites::run_records(recs, dicts)?;
    if a.json {
        let mut v = serde_json::to_value(&r)?;
        if let Some(o) = v.as_object_mut() {
            o.remove("failures");
        }
        outln!("{v}");
    } else {
        out!("{}", suites::report_text(name, &r, a.failures));
    }
    Ok(())
}

pub fn bench(a: &BenchArgs) -> Result<()> {
    let until: Until = a
        .until
        .parse()
        .map_err(|e: String| anyhow::anyhow!("--until: {e}"))?;
    let docs = benchmod::load_corpus(&a.corpus, a.limit)?;
    if docs.is_empty() {
        bail!("{}: no documents", a.corpus.display());
    }
    let t = std::time::Instant::now();
    let mut setup = Setup::new(until);
    setup.beam_parser = a.beam_parser;
    let pipeline = tocsin::build(&setup)?;
    let load_ms = t.elapsed().as_secs_f64() * 1000.0;
    let r = benchmod::bench(
        &pipeline,
        &a.corpus,
        &docs,
        &a.until,
        threads(a.threads),
        a.repeat,
        load_ms,
    );
    if a.json {
        outln!("{}", serde_json::to_string_pretty(&r)?);
    } else {
        outln!(
            "corpus        {} ({} documents, {:.1} MB)",
            r.corpus,
            r.documents,
            r.bytes as f64 / 1e6
        );
        outln!("stages        {}", r.stages.join(" -> "));
        outln!(
            "sentences     {}   tokens {}   events {}",
            r.sentences,
            r.tokens,
            r.events
        );
        outln!("load          {:.0} ms", r.model_load_ms);
        outln!(
            "1 thread      {:>10.0} sentences/s {:>12.0} tokens/s ({:.2} s, median of {})",
            r.sentences_per_sec_one_thread,
            r.tokens_per_sec_one_thread,
            r.seconds_one_thread,
            r.repeats
        );
        outln!(
            "{} threads     {:>10.0} sentences/s {:>12.0} tokens/s ({:.2} s)",
            r.threads,
            r.sentences_per_sec,
            r.tokens_per_sec,
            r.seconds_all_threads
        );
        if let Some(m) = r.peak_rss_mb {
            outln!("peak memory   {m:.0} MB");
        }
    }
    Ok(())
}

pub fn dict(d: DictCommand) -> Result<()> {
    match d {
        DictCommand::Compile { dir, out } => {
            let bytes = tocsin::compile_dictionaries(&dir)?;
            std::fs::write(&out, &bytes).with_context(|| format!("writing {}", out.display()))?;
            eprintln!("wrote {} ({} bytes)", out.display(), bytes.len());
            Ok(())
        }
        DictCommand::Check { dir } => {
            let (errors, report) = tocsin::check_dictionaries(&dir);
            out!("{report}");
            if errors > 0 {
                bail!("{}: {errors} errors", dir.display());
            }
            Ok(())
        }
        DictCommand::Stats {
            dir,
            dict_format,
            json,
        } => {
            let args = DictArgs {
                dicts: dir,
                dict_format,
                beam_parser: false,
            };
            let dicts = match args.dicts {
                Some(_) => args.setup(Until::Code)?.dicts.context("no dictionaries")?,
                None => tocsin::embedded_dictionaries()?,
            };
            let stats = tocsin::dictionary_stats(&dicts);
            if json {
                outln!("{}", serde_json::to_string_pretty(&stats)?);
            } else {
                for (k, v) in stats.as_object().into_iter().flatten() {
                    outln!("{k:<22} {v}");
                }
            }
            Ok(())
        }
    }
}

pub fn train(t: TrainCommand) -> Result<()> {
    match t {
        TrainCommand::Tagger(a) => tocsin::train_tagger(&a.train, &a.dev, &a.out, a.epochs, a.seed),
        TrainCommand::Parser(a) => tocsin::train_parser(&a.train, &a.dev, &a.out, a.epochs, a.seed),
    }
}

pub fn geo(text: &str) -> Result<()> {
    let nlp = tocsin::build(&Setup::new(Until::Parse))?;
    let geo = tocsin::tocsin_geo::Geolocator::embedded().context("loading the gazetteer")?;
    let mut w = nlp.worker();
    let doc = w.process(text, DocMeta::default());
    out!("{}", tocsin::tocsin_geo::describe(doc, &geo));
    Ok(())
}
