//! Evaluation against the field's validation suites: the PETRARCH unit-test
//! records (`PETR.UnitTest.records.xml`), the PETRARCH-2 gold-standard records
//! (`PETR2_GSR_validation.xml`, same format with CoNLL-U parses) and the TABARI
//! validation suite (`Validate.text`, expected codings in `{ SRC / TGT / CODE }`
//! comments).
//!
//! Scoring compares, per record, the multiset of `(source, target, code)`
//! coded with the multiset expected. A record passes when they are equal
//! (`noevents` and discard records pass when nothing is coded); micro
//! precision, recall and F1 count codings over all records. Records the
//! suites mark as errors of the PETRARCH input format (`bad_input_parse`)
//! cannot happen to tocsin and are skipped, as are records whose category is
//! not in the file's `<Include>` list.
//!
//! Options change mid-file (`<Config option="require_dyad" value="false">`,
//! TABARI's `{ OPTION: ... }`): they apply to the records that follow, in file
//! order, and the coder is rebuilt through the caller's factory when they do.
//!
//! The readers are tolerant: neither file is strict XML (comments hold `#`
//! banners, the GSR closes `<Sentence .../>` before its children).

use crate::Coder;
use serde::Serialize;
use std::collections::BTreeMap;
use tocsin_core::{Date, Doc, Event, Span, Stage};

/// A problem reading a suite.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EvalError {
    /// The input holds no records at all.
    #[error("{path}: expected validation records, found none")]
    NoRecords { path: String },
}

/// Options a suite can set for the records that follow.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvalOptions {
    /// PETRARCH/TABARI `require_dyad` (default true).
    pub require_dyad: bool,
    /// Every other option as written (`new_actor_length`, `comma_max`...),
    /// keys lowercase, for factories that care.
    pub raw: BTreeMap<String, String>,
}

impl Default for EvalOptions {
    fn default() -> Self {
        EvalOptions {
            require_dyad: true,
            raw: BTreeMap::new(),
        }
    }
}

impl EvalOptions {
    fn set(&mut self, key: &str, value: &str) {
        let k = key.trim().to_lowercase().replace(' ', "_");
        let v = value.trim().to_string();
        if k == "require_dyad" {
            self.require_dyad = !v.eq_ignore_ascii_case("false");
        }
        self.raw.insert(k, v);
    }
}

impl EvalOptions {
    /// Reads one TABARI option line: `SET: KEY = VALUE` (or `SET: CODE ALL`,
    /// a key alone), or `COMMAND: ARGUMENTS` (`COMMA: MIN = 4 MAX = 6`,
    /// `DEFAULT: SOURCE [X] PRIOR`), stored under the command's name.
    pub fn set_tabari(&mut self, line: &str) {
        let o = line.trim();
        if let Some(set) = o.strip_prefix("SET:") {
            let set = set.trim();
            match set.split_once('=') {
                Some((k, v)) => self.set(k, v),
                // `SET: CODE BY CLAUSE`, `SET: CODE ALL`: one setting, `code`.
                None => match set.strip_prefix("CODE ") {
                    Some(how) => self.set("code", how),
                    None => self.set(set, "TRUE"),
                },
            }
        } else if let Some((cmd, args)) = o.split_once(':') {
            if !cmd.trim().is_empty() && !cmd.contains(' ') {
                self.set(cmd, args);
            }
        }
    }
}

/// One expected coding.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Coding {
    pub source: String,
    pub target: String,
    pub code: String,
}

impl std::fmt::Display for Coding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} / {} / {}", self.source, self.target, self.code)
    }
}

/// One record of a suite.
#[derive(Clone, Debug, Default)]
pub struct EvalRecord {
    pub id: String,
    pub category: String,
    pub date: Option<Date>,
    pub text: String,
    /// Expected codings (empty with `noevents`).
    pub expected: Vec<Coding>,
    /// The record expects no event.
    pub noevents: bool,
    /// The record expects an error condition (`storydiscard`,
    /// `sentencediscard`, `dateline`, `bad_input_parse`).
    pub error: Option<String>,
    /// The options in force for this record.
    pub options: EvalOptions,
    /// A gold CoNLL-U parse when the record carries one (PETRARCH-2 GSR).
    pub conllu: Option<String>,
}

/// Pass counts of one category.
#[derive(Clone, Debug, Default, Serialize)]
pub struct CategoryScore {
    pub records: usize,
    pub passed: usize,
    pub pass_rate: f64,
}

/// One failed record, for reading the report.
#[derive(Clone, Debug, Serialize)]
pub struct Failure {
    pub id: String,
    pub category: String,
    pub text: String,
    pub expected: Vec<String>,
    pub got: Vec<String>,
}

/// The result of a suite.
#[derive(Clone, Debug, Default, Serialize)]
pub struct EvalReport {
    pub records: usize,
    pub passed: usize,
    pub pass_rate: f64,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
    /// Records not scored (error conditions of PETRARCH's own input format).
    pub skipped: usize,
    pub by_category: BTreeMap<String, CategoryScore>,
    pub failures: Vec<Failure>,
}

/// Reads PETRARCH-style validation XML (unit tests or PETRARCH-2 GSR).
///
/// # Errors
/// [`EvalError::NoRecords`] when the text holds no `<Sentence>`.
pub fn read_petrarch(xml: &str) -> Result<Vec<EvalRecord>, EvalError> {
    let text = strip_xml_comments(xml);
    let include: Option<Vec<String>> = between(&text, "<Include>", "</Include>")
        .map(|s| s.split_whitespace().map(str::to_uppercase).collect());
    let mut opts = EvalOptions::default();
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(rel) = text[pos..].find('<') {
        let at = pos + rel;
        let rest = &text[at..];
        if starts_tag(rest, "Config") {
            let end = rest.find('>').map_or(text.len(), |e| at + e + 1);
            let attrs = attributes(&text[at..end]);
            if let (Some(k), Some(v)) = (attrs.get("option"), attrs.get("value")) {
                opts.set(k, v);
            }
            pos = end;
        } else if starts_tag(rest, "Stop") && pos > 0 {
            break;
        } else if starts_tag(rest, "Sentence") && !starts_tag(rest, "Sentences") {
            let head_end = rest.find('>').map_or(text.len(), |e| at + e + 1);
            let attrs = attributes(&text[at..head_end]);
            // The body runs to `</Sentence>` or the next `<Sentence`.
            let body_start = head_end;
            let close = text[body_start..]
                .find("</Sentence>")
                .map(|e| body_start + e);
            let next = find_tag(&text[body_start..], "Sentence").map(|e| body_start + e);
            let body_end = match (close, next) {
                (Some(c), Some(n)) => c.min(n),
                (Some(c), None) => c,
                (None, Some(n)) => n,
                (None, None) => text.len(),
            };
            let body = &text[body_start..body_end];
            pos = body_end;
            if attrs
                .get("evaluate")
                .is_some_and(|v| v.eq_ignore_ascii_case("false"))
            {
                continue;
            }
            let category = attrs.get("category").cloned().unwrap_or_default();
            if let Some(inc) = &include {
                if !inc.contains(&category.to_uppercase()) {
                    continue;
                }
            }
            out.push(petrarch_record(&attrs, category, body, &opts));
        } else {
            pos = at + 1;
        }
    }
    if out.is_empty() {
        return Err(EvalError::NoRecords {
            path: "petrarch xml".into(),
        });
    }
    Ok(out)
}

fn petrarch_record(
    attrs: &BTreeMap<String, String>,
    category: String,
    body: &str,
    opts: &EvalOptions,
) -> EvalRecord {
    let mut r = EvalRecord {
        id: attrs.get("id").cloned().unwrap_or_default(),
        category,
        date: attrs.get("date").and_then(|d| Date::parse(d)),
        text: between(body, "<Text>", "</Text>")
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .unwrap_or_default(),
        options: opts.clone(),
        ..EvalRecord::default()
    };
    if let Some(p) = between(body, "<Parse>", "</Parse>") {
        if p.lines().any(|l| l.split('\t').count() == 10) {
            r.conllu = Some(p.trim().to_string());
        }
    }
    let mut pos = 0;
    while let Some(e) = find_tag(&body[pos..], "EventCoding") {
        let at = pos + e;
        let end = body[at..].find('>').map_or(body.len(), |x| at + x + 1);
        let a = attributes(&body[at..end]);
        if a.get("noevents")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
        {
            r.noevents = true;
        } else if let Some(err) = a.get("error") {
            r.error = Some(err.clone());
        } else if let (Some(s), Some(t), Some(c)) =
            (a.get("sourcecode"), a.get("targetcode"), a.get("eventcode"))
        {
            r.expected.push(Coding {
                source: s.clone(),
                target: t.clone(),
                code: c.clone(),
            });
        }
        pos = end;
    }
    r
}

/// Reads a TABARI validation text (`Validate.text`); `options` is the
/// `.options` file (only `SET:` lines are read).
///
/// # Errors
/// [`EvalError::NoRecords`] when the text holds no record.
pub fn read_tabari(text: &str, options: &str) -> Result<Vec<EvalRecord>, EvalError> {
    let mut opts = EvalOptions::default();
    for l in options.lines() {
        if !l.trim_start().starts_with("//") {
            opts.set_tabari(l);
        }
    }
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i];
        let Some((date, id)) = tabari_header(l) else {
            i += 1;
            continue;
        };
        i += 1;
        let mut body = Vec::new();
        let mut comment = String::new();
        while i < lines.len()
            && !lines[i].trim_start().starts_with("/*")
            && tabari_header(lines[i]).is_none()
        {
            // A comment may open on the last text line: "...said./* \n{ A / B / 085 }".
            if let Some((text, rest)) = lines[i].split_once("/*") {
                body.push(text.trim());
                comment.push_str("/*");
                comment.push_str(rest);
                comment.push('\n');
                i += 1;
                break;
            }
            body.push(lines[i].trim());
            i += 1;
        }
        let open_inline = !comment.is_empty() && !comment.contains("*/");
        let open_next =
            comment.is_empty() && i < lines.len() && lines[i].trim_start().starts_with("/*");
        if open_inline || open_next {
            while i < lines.len() {
                comment.push_str(lines[i]);
                comment.push('\n');
                i += 1;
                if comment.contains("*/") {
                    break;
                }
            }
        }
        let text: String = body
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if text.starts_with("This is the end of the standard validation records") {
            break;
        }
        let mut rec = EvalRecord {
            id: id.to_string(),
            category: id.split('-').next().unwrap_or(id).to_string(),
            date,
            text,
            options: opts.clone(),
            ..EvalRecord::default()
        };
        let mut option_only = false;
        for line in comment.lines().flat_map(|l| l.split("\\n")) {
            let line = line.trim().trim_start_matches("\\n").trim_start();
            if line.starts_with('-') {
                continue; // "-{...}": a coding the suite does not count.
            }
            // `{ OPTION: SET: MINIMUM WORDS = 4  */`: an option may lack its `}`.
            let Some(inner) = between(line, "{", "}").or_else(|| {
                between(line, "{", "*/").filter(|x| x.trim_start().starts_with("OPTION:"))
            }) else {
                continue;
            };
            let inner = inner.trim();
            if let Some(o) = inner.strip_prefix("OPTION:") {
                opts.set_tabari(o);
                option_only = true;
                continue;
            }
            match inner {
                "+++" | "---" | "###" => rec.noevents = true,
                _ => {
                    let parts: Vec<&str> = inner.split('/').map(str::trim).collect();
                    if parts.len() == 3 {
                        rec.expected.push(Coding {
                            source: parts[0].into(),
                            target: parts[1].into(),
                            code: parts[2].into(),
                        });
                    }
                }
            }
        }
        if option_only && rec.expected.is_empty() && !rec.noevents {
            continue;
        }
        if rec.expected.is_empty() {
            rec.noevents = true;
        }
        out.push(rec);
    }
    if out.is_empty() {
        return Err(EvalError::NoRecords {
            path: "tabari text".into(),
        });
    }
    Ok(out)
}

/// `950101  DEMO-01`: a six-digit YYMMDD date and an id.
fn tabari_header(l: &str) -> Option<(Option<Date>, &str)> {
    let (d, id) = l.split_once(char::is_whitespace)?;
    if d.len() != 6 || !d.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let id = id.trim();
    if id.is_empty() || id.contains(' ') {
        return None;
    }
    let yy: i32 = d[..2].parse().ok()?;
    let year = if yy < 50 { 2000 + yy } else { 1900 + yy };
    let date = Date::ymd(year, d[2..4].parse().ok()?, d[4..6].parse().ok()?);
    Some((date, id))
}

/// Codes every record and scores it. `coder_factory` builds a coder for the
/// options in force (called again when they change); `annotate` runs the NLP
/// stages (sentences, tokens, tags, lemmas, dependencies) on each record's
/// document, whose text and date are set.
pub fn eval_records(
    records: &[EvalRecord],
    coder_factory: impl Fn(&EvalOptions) -> Coder,
    mut annotate: impl FnMut(&mut Doc),
) -> EvalReport {
    let mut rep = EvalReport::default();
    let mut current: Option<(EvalOptions, Coder)> = None;
    for r in records {
        if r.error.as_deref() == Some("bad_input_parse") {
            rep.skipped += 1;
            continue;
        }
        let rebuild = current
            .as_ref()
            .map_or(true, |(have, _)| *have != r.options);
        if rebuild {
            current = Some((r.options.clone(), coder_factory(&r.options)));
        }
        let Some((_, coder)) = current.as_ref() else {
            continue;
        };
        let mut doc = Doc::new(&r.text);
        doc.meta.date = r.date;
        doc.meta.id.clone_from(&r.id);
        annotate(&mut doc);
        coder.annotate(&mut doc);
        let got: Vec<Coding> = doc.events.iter().map(coding_of).collect();
        score(&mut rep, r, got);
    }
    finish(&mut rep);
    rep
}

/// The `(source, target, code)` of an event; a missing target is `---`.
#[must_use]
pub fn coding_of(e: &Event) -> Coding {
    Coding {
        source: e.actor.cameo(),
        target: e
            .recipient
            .as_ref()
            .map_or_else(|| "---".to_string(), tocsin_core::ActorRef::cameo),
        code: e.cameo.code.clone(),
    }
}

fn score(rep: &mut EvalReport, r: &EvalRecord, mut got: Vec<Coding>) {
    let mut want = r.expected.clone();
    want.sort();
    got.sort();
    let mut tp = 0;
    let mut rest = got.clone();
    for w in &want {
        if let Some(k) = rest.iter().position(|g| g == w) {
            rest.remove(k);
            tp += 1;
        }
    }
    rep.true_positives += tp;
    rep.false_positives += got.len() - tp;
    rep.false_negatives += want.len() - tp;
    let pass = want == got;
    rep.records += 1;
    let cat = rep.by_category.entry(r.category.clone()).or_default();
    cat.records += 1;
    if pass {
        rep.passed += 1;
        cat.passed += 1;
    } else {
        rep.failures.push(Failure {
            id: r.id.clone(),
            category: r.category.clone(),
            text: r.text.clone(),
            expected: want.iter().map(ToString::to_string).collect(),
            got: got.iter().map(ToString::to_string).collect(),
        });
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn finish(rep: &mut EvalReport) {
    rep.pass_rate = ratio(rep.passed, rep.records);
    rep.precision = ratio(rep.true_positives, rep.true_positives + rep.false_positives);
    rep.recall = ratio(rep.true_positives, rep.true_positives + rep.false_negatives);
    rep.f1 = if rep.precision + rep.recall > 0.0 {
        2.0 * rep.precision * rep.recall / (rep.precision + rep.recall)
    } else {
        0.0
    };
    for c in rep.by_category.values_mut() {
        c.pass_rate = ratio(c.passed, c.records);
    }
}

/// Reads and scores a PETRARCH validation file (unit tests or GSR); see
/// [`eval_records`]. A file with no records gives an empty report.
pub fn eval_petrarch(
    records_xml: &str,
    coder_factory: impl Fn(&EvalOptions) -> Coder,
    annotate: impl FnMut(&mut Doc),
) -> EvalReport {
    match read_petrarch(records_xml) {
        Ok(recs) => eval_records(&recs, coder_factory, annotate),
        Err(_) => EvalReport::default(),
    }
}

/// Reads and scores the TABARI validation suite; see [`eval_records`].
pub fn eval_tabari(
    text: &str,
    options: &str,
    coder_factory: impl Fn(&EvalOptions) -> Coder,
    annotate: impl FnMut(&mut Doc),
) -> EvalReport {
    match read_tabari(text, options) {
        Ok(recs) => eval_records(&recs, coder_factory, annotate),
        Err(_) => EvalReport::default(),
    }
}

/// Loads a gold CoNLL-U parse into a document (for records that carry one,
/// such as the PETRARCH-2 GSR): the text is rebuilt from the word forms.
/// Returns `None` when the parse is malformed.
#[must_use]
pub fn doc_from_conllu(conllu: &str, date: Option<Date>) -> Option<Doc> {
    let sents = tocsin_core::conllu::parse_conllu(conllu).ok()?;
    let mut body = String::new();
    let mut spans: Vec<Vec<Span>> = Vec::new();
    for s in &sents {
        if !body.is_empty() {
            body.push(' ');
        }
        let mut v = Vec::new();
        for (i, w) in s.words.iter().enumerate() {
            let start = body.len() as u32;
            body.push_str(&w.form);
            v.push(Span::new(start, body.len() as u32));
            if !w.no_space_after && i + 1 < s.words.len() {
                body.push(' ');
            }
        }
        spans.push(v);
    }
    let mut doc = Doc::new(&body);
    doc.meta.date = date;
    let mut k = 0;
    for (s, sp) in sents.iter().zip(&spans) {
        let first = *sp.first()?;
        doc.push_sentence(first);
        for (w, span) in s.words.iter().zip(sp) {
            doc.push_token(*span);
            doc.set_lemma(k, &w.lemma);
            let t = &mut doc.tokens_mut()[k];
            t.upos = w.upos;
            t.xpos = w.xpos;
            t.head = w.head;
            t.deprel = w.deprel;
            k += 1;
        }
    }
    Some(doc)
}

/// One line per event: `SRC -> TGT CODE "verb" file:line negated=..`.
#[must_use]
pub fn render_event(doc: &Doc, e: &Event) -> String {
    let tgt = e
        .recipient
        .as_ref()
        .map_or_else(|| "-".to_string(), tocsin_core::ActorRef::cameo);
    format!(
        "{} -> {} {} \"{}\" {}:{} negated={}",
        e.actor.cameo(),
        tgt,
        e.cameo.code,
        doc.span_text(e.verb),
        e.rule.file,
        e.rule.line,
        e.modality.negated
    )
}

// ---- a tolerant tag scanner -------------------------------------------------

fn strip_xml_comments(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(a) = rest.find("<!--") {
        out.push_str(&rest[..a]);
        match rest[a..].find("-->") {
            Some(b) => rest = &rest[a + b + 3..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

fn starts_tag(s: &str, name: &str) -> bool {
    s.strip_prefix('<')
        .and_then(|r| r.strip_prefix(name))
        .is_some_and(|r| r.starts_with(|c: char| c.is_whitespace() || c == '>' || c == '/'))
}

fn find_tag(s: &str, name: &str) -> Option<usize> {
    let mut pos = 0;
    while let Some(r) = s[pos..].find('<') {
        let at = pos + r;
        if starts_tag(&s[at..], name) {
            return Some(at);
        }
        pos = at + 1;
    }
    None
}

fn between<'a>(s: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let a = s.find(open)? + open.len();
    let b = s[a..].find(close)? + a;
    Some(&s[a..b])
}

/// `key = "value"` pairs of a tag, keys lowercase.
fn attributes(tag: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut rest = tag;
    while let Some(eq) = rest.find('=') {
        let key = rest[..eq]
            .trim_end()
            .rsplit(|c: char| c.is_whitespace() || c == '<')
            .next()
            .unwrap_or("")
            .to_lowercase();
        let after = rest[eq + 1..].trim_start();
        let Some(q) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            rest = &rest[eq + 1..];
            continue;
        };
        let body = &after[1..];
        let Some(end) = body.find(q) else { break };
        out.insert(key, body[..end].to_string());
        rest = &body[end + 1..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<Validation>
<!-- a comment <Sentence id="no"> -->
<Environment><Include>valid DEMO</Include></Environment>
<Sentences>
<Sentence date="19950101" id="DEMO-00" category="DEMO" sentence="true">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<Text>
Arnor is about to restore ties
with Gondor.
</Text>
</Sentence>
<Config option="require_dyad" value="false"></Config>
<Sentence date = "19950102" id ="DEMO-01"  category="DEMO">
<EventCoding noevents = "True"></EventCoding>
<Text>Nothing.</Text>
</Sentence>
<Sentence date="19950102" id="X-01" category="OTHER"><Text>Skipped.</Text></Sentence>
</Sentences></Validation>"#;

    #[test]
    fn reads_petrarch_records_and_config_in_order() {
        let r = read_petrarch(XML).unwrap();
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].id, "DEMO-00");
        assert_eq!(r[0].text, "Arnor is about to restore ties with Gondor.");
        assert_eq!(r[0].expected[0].to_string(), "ARN / GON / 064");
        assert!(r[0].options.require_dyad);
        assert!(r[1].noevents);
        assert!(!r[1].options.require_dyad);
        assert_eq!(r[1].date, Date::parse("1995-01-02"));
    }

    #[test]
    fn reads_gsr_style_self_closed_sentences() {
        let x = "<Sentences>\n<Sentence category=\"AFP\" date=\"20080804\" id=\"A_1\" evaluate=\"true\"/>\n\
<EventCoding eventcode=\"042\" sourcecode=\"USA\" targetcode=\"CHN\" />\n<Text>\nThe US leader visited.\n</Text>\n\
<Parse>\n1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n</Parse>\n\
<Sentence category=\"AFP\" date=\"20080804\" id=\"A_2\" evaluate=\"true\"/>\n<EventCoding noevents=\"True\" />\n<Text>x</Text>\n";
        let r = read_petrarch(x).unwrap();
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].expected.len(), 1);
        assert!(r[0].conllu.is_some());
        assert!(r[1].noevents);
    }

    #[test]
    fn reads_tabari_records() {
        let t = "950101  DEMO-01\nArnor is about to restore\nties with Gondor.\n/*\\n-----\n\\n[Simple]\n\\n{ ARN / GON / 064 } */\n\n\
950101  OPT\nx\n/*\\n{ OPTION: SET: REQUIRE DYAD = FALSE } */\n\n\
950103  NONE-01\nNothing here.\n/*\\n{ --- } \\n-{ A / B / 000 } */\n";
        let r = read_tabari(t, "SET: VERB USAGE = FALSE\n").unwrap();
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].expected.len(), 1);
        assert_eq!(r[0].text, "Arnor is about to restore ties with Gondor.");
        assert_eq!(r[0].date, Date::parse("1995-01-01"));
        assert!(r[1].noevents && r[1].expected.is_empty());
        assert!(!r[1].options.require_dyad);
        assert_eq!(
            r[0].options.raw.get("verb_usage").map(String::as_str),
            Some("FALSE")
        );
    }

    #[test]
    fn scores_multisets() {
        let rec = EvalRecord {
            id: "a".into(),
            category: "C".into(),
            expected: vec![
                Coding {
                    source: "A".into(),
                    target: "B".into(),
                    code: "01".into(),
                },
                Coding {
                    source: "B".into(),
                    target: "A".into(),
                    code: "01".into(),
                },
            ],
            ..EvalRecord::default()
        };
        let mut rep = EvalReport::default();
        score(
            &mut rep,
            &rec,
            vec![Coding {
                source: "A".into(),
                target: "B".into(),
                code: "01".into(),
            }],
        );
        finish(&mut rep);
        assert_eq!(
            (
                rep.records,
                rep.passed,
                rep.true_positives,
                rep.false_negatives
            ),
            (1, 0, 1, 1)
        );
        assert!((rep.precision - 1.0).abs() < 1e-9 && (rep.recall - 0.5).abs() < 1e-9);
    }
}
