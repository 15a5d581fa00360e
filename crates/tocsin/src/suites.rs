//! Conformance and real-news suites: PETRARCH unit records, TABARI's
//! Validate.text, the PETRARCH-2 GSR sentences. The readers and scoring live in
//! `tocsin_coder::eval`; this module feeds them the NLP pipeline.

use crate::{build, embedded_dictionaries, Setup, Until};
use anyhow::{Context, Result};
use serde::Serialize;
use std::path::Path;
use std::sync::Arc;
use tocsin_coder::eval::{self, EvalOptions, EvalRecord, EvalReport};
use tocsin_coder::{Coder, CoderOptions, TabariOptions};
use tocsin_core::{Doc, Stage};
use tocsin_dict::Dictionaries;

fn factory(dicts: Arc<Dictionaries>) -> impl Fn(&EvalOptions) -> Coder {
    move |o: &EvalOptions| {
        let opts = CoderOptions {
            require_dyad: o.require_dyad,
            tabari: TabariOptions::from_settings(
                o.raw.iter().map(|(k, v)| (k.as_str(), v.as_str())),
            ),
            petrarch_comma: tocsin_coder::CommaLimits::PETRARCH
                .with_petrarch_settings(o.raw.iter().map(|(k, v)| (k.as_str(), v.as_str()))),
            ..CoderOptions::default()
        };
        Coder::new(Arc::clone(&dicts), opts)
    }
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

/// Loads the records of a PETRARCH validation XML file.
///
/// # Errors
/// An unreadable file or one with no records.
pub fn petrarch_records(path: &Path) -> Result<Vec<EvalRecord>> {
    eval::read_petrarch(&read(path)?).with_context(|| format!("{}", path.display()))
}

/// The records and dictionaries of a TABARI project file (`Validate.project`).
///
/// # Errors
/// An unreadable project, text or options file, or dictionaries with errors.
pub fn tabari_suite(project: &Path) -> Result<(Vec<EvalRecord>, Arc<Dictionaries>)> {
    let dir = project.parent().unwrap_or(Path::new("."));
    let proj = read(project)?;
    let field = |tag: &str| -> Option<std::path::PathBuf> {
        proj.lines().find_map(|l| {
            let rest = l.trim().strip_prefix(&format!("<{tag}>"))?;
            Some(dir.join(rest.trim()))
        })
    };
    let text =
        field("textfile").with_context(|| format!("{}: no <textfile>", project.display()))?;
    let options = field("optionsfile")
        .map(|p| read(&p))
        .transpose()?
        .unwrap_or_default();
    let records = eval::read_tabari(&read(&text)?, &options)
        .with_context(|| format!("{}", text.display()))?;
    let (dicts, diags) = tocsin_dict::load_tabari_project(project);
    let errors: Vec<String> = diags
        .iter()
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect();
    if !errors.is_empty() {
        anyhow::bail!(
            "{} errors loading the dictionaries:\n{}",
            errors.len(),
            errors.join("\n")
        );
    }
    Ok((records, Arc::new(dicts)))
}

/// Segmenting, tagging (with the dictionaries' names as proper nouns) and
/// parsing, for coding with `dicts`.
fn nlp_for(dicts: &Arc<Dictionaries>) -> Result<crate::Pipeline> {
    let mut setup = Setup::new(Until::Parse);
    setup.dicts = Some(Arc::clone(dicts));
    Ok(build(&setup)?)
}

/// Codes and scores records with the given dictionaries.
///
/// # Errors
/// The NLP models fail to load.
pub fn run_records(records: &[EvalRecord], dicts: Arc<Dictionaries>) -> Result<EvalReport> {
    let nlp = nlp_for(&dicts)?;
    Ok(eval::eval_records(records, factory(dicts), |d| nlp.run(d)))
}

/// Shows how one record was coded: expected codings, the events produced, and
/// for each sentence the parse and the rules tried.
///
/// # Errors
/// No record has that id, or the models fail to load.
pub fn explain_record(
    records: &[EvalRecord],
    id: &str,
    dicts: Arc<Dictionaries>,
) -> Result<String> {
    let r = records
        .iter()
        .find(|r| r.id == id)
        .with_context(|| format!("no record with id {id:?}"))?;
    let nlp = nlp_for(&dicts)?;
    let coder = factory(dicts)(&r.options);
    let mut doc = Doc::new(&r.text);
    doc.meta.date = r.date;
    doc.meta.id.clone_from(&r.id);
    nlp.run(&mut doc);
    coder.annotate(&mut doc);
    let mut s = format!(
        "record {} [{}] date {:?}\n{}\n\nexpected:\n",
        r.id,
        r.category,
        r.date.map(|d| d.to_string()),
        r.text
    );
    for c in &r.expected {
        s += &format!("  {c}\n");
    }
    if r.noevents {
        s += "  (no events)\n";
    }
    s += "got:\n";
    for e in &doc.events {
        s += &format!("  {}\n", eval::render_event(&doc, e));
    }
    for i in 0..doc.sentences().len() {
        s += "\n";
        s += &coder.explain(&doc, i);
    }
    Ok(s)
}

/// Scores of the GSR sentences at the level analysts aggregate: (source country,
/// target country, CAMEO root).
#[derive(Debug, Default, Serialize)]
pub struct GsrReport {
    pub records: usize,
    pub expected: usize,
    pub produced: usize,
    pub matched: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Events produced per record (over-generation).
    pub events_per_record: f64,
    /// Full-code scoring from the shared harness, for reference.
    pub exact: EvalReport,
}

fn country_root(c: &eval::Coding) -> (String, String, String) {
    let three = |s: &str| s.get(..3).unwrap_or(s).to_string();
    (
        three(&c.source),
        three(&c.target),
        c.code.get(..2).unwrap_or(&c.code).to_string(),
    )
}

/// The "country" of an actor as CAMEO writes it: an international or
/// non-governmental organisation counts as `IGO`/`NGO` (CAMEO's `IGOUNO`,
/// Phoenix's `IGOEUREEC`), where tocsin gives organisations codes of their
/// own (`UNO`, `EUN`).
fn cameo_country(d: &Dictionaries, a: &tocsin_core::ActorRef) -> String {
    let org = d
        .actors
        .iter()
        .find(|x| x.kind == tocsin_dict::ActorKind::Org && x.code == a.code);
    if let Some(o) = org {
        for sec in ["IGO", "NGO"] {
            if o.sectors.iter().any(|x| x == sec) {
                return sec.to_string();
            }
        }
    }
    a.code.get(..3).unwrap_or(&a.code).to_string()
}

/// Runs the PETRARCH-2 GSR sentences with tocsin's default dictionaries.
///
/// # Errors
/// Unreadable file or models.
pub fn run_gsr(path: &Path, dicts: Option<Arc<Dictionaries>>) -> Result<GsrReport> {
    let records = petrarch_records(path)?;
    let dicts = match dicts {
        Some(d) => d,
        None => embedded_dictionaries()?,
    };
    let nlp = nlp_for(&dicts)?;
    let coder = Coder::new(Arc::clone(&dicts), CoderOptions::default());
    let mut rep = GsrReport::default();
    for r in &records {
        let mut doc = Doc::new(&r.text);
        doc.meta.date = r.date;
        nlp.run(&mut doc);
        coder.annotate(&mut doc);
        let mut got: Vec<_> = doc
            .events
            .iter()
            .map(|e| {
                (
                    cameo_country(&dicts, &e.actor),
                    e.recipient
                        .as_ref()
                        .map_or_else(|| "---".to_string(), |r| cameo_country(&dicts, r)),
                    e.cameo.code.get(..2).unwrap_or(&e.cameo.code).to_string(),
                )
            })
            .collect();
        let want: Vec<_> = r.expected.iter().map(country_root).collect();
        rep.records += 1;
        rep.expected += want.len();
        rep.produced += got.len();
        for w in &want {
            if let Some(k) = got.iter().position(|g| g == w) {
                got.remove(k);
                rep.matched += 1;
            }
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    rep.precision = ratio(rep.matched, rep.produced);
    rep.recall = ratio(rep.matched, rep.expected);
    rep.f1 = if rep.precision + rep.recall > 0.0 {
        2.0 * rep.precision * rep.recall / (rep.precision + rep.recall)
    } else {
        0.0
    };
    rep.events_per_record = ratio(rep.produced, rep.records);
    rep.exact = eval::eval_records(&records, factory(dicts), |d| nlp.run(d));
    Ok(rep)
}

/// The human-readable form of a suite report.
#[must_use]
pub fn report_text(name: &str, r: &EvalReport, show_failures: usize) -> String {
    let mut s = format!(
        "{name}: {} records, {} passed ({:.1}%), {} skipped\nmicro precision {:.3}  recall {:.3}  F1 {:.3}  (tp {} fp {} fn {})\n\nby category:\n",
        r.records, r.passed, 100.0 * r.pass_rate, r.skipped, r.precision, r.recall, r.f1,
        r.true_positives, r.false_positives, r.false_negatives
    );
    for (k, c) in &r.by_category {
        s += &format!(
            "  {k:<28} {:>4}/{:<4} {:>5.1}%\n",
            c.passed,
            c.records,
            100.0 * c.pass_rate
        );
    }
    if show_failures > 0 && !r.failures.is_empty() {
        s += &format!(
            "\nfirst {} failures:\n",
            show_failures.min(r.failures.len())
        );
        for f in r.failures.iter().take(show_failures) {
            s += &format!(
                "  {} [{}] expected [{}] got [{}]\n",
                f.id,
                f.category,
                f.expected.join("; "),
                f.got.join("; ")
            );
        }
    }
    s
}
