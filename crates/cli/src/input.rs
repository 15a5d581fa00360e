//! Reading documents for `tocsin code` and `tocsin bench`: plain text files,
//! directories of them, JSON Lines (`id`, `text`, optional `date`, `title`,
//! `url`, `source`), or standard input (`-`).
//!
//! Bad input never aborts a run half-way: a malformed JSONL line or an
//! unreadable file becomes an [`InputError`] naming `file:line`, which the caller
//! reports and skips, so documents already coded are kept.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use tocsin::tocsin_core::{Date, DocMeta};

/// One document to code.
#[derive(Debug, Clone)]
pub struct InputDoc {
    pub meta: DocMeta,
    pub text: String,
}

/// A problem with one input item, with its place.
#[derive(Debug, Clone)]
pub struct InputError {
    pub place: String,
    pub message: String,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

/// Largest document accepted; spans are `u32` byte offsets.
const MAX_DOC_BYTES: usize = u32::MAX as usize / 2;

fn is_html(path: &Path) -> bool {
    matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("html" | "htm" | "xhtml")
    )
}

/// The readable text of an HTML page: scripts, styles and comments dropped,
/// block elements turned into paragraph breaks, the common entities decoded.
/// Offsets in events then index this text, not the markup.
#[must_use]
pub fn html_to_text(html: &str) -> String {
    const BLOCKS: &[&str] = &[
        "p",
        "br",
        "div",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "table",
        "article",
        "section",
        "header",
        "footer",
        "blockquote",
        "title",
        "dd",
        "dt",
    ];
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..lt]));
        rest = &rest[lt..];
        // "3 < 4": a '<' that opens no tag is text.
        if !rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!') {
            out.push('<');
            rest = &rest[1..];
            continue;
        }
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |e| &after[e + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else {
            // An unclosed '<' is text.
            out.push_str(&decode_entities(rest));
            rest = "";
            break;
        };
        let tag = rest[1..gt].trim_start_matches('/').trim();
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        rest = &rest[gt + 1..];
        if matches!(name.as_str(), "script" | "style" | "noscript") && !tag.ends_with('/') {
            let close = format!("</{name}");
            let lower = rest.to_ascii_lowercase();
            rest = lower.find(&close).map_or("", |i| &rest[i..]);
            if let Some(gt) = rest.find('>') {
                rest = &rest[gt + 1..];
            }
            continue;
        }
        if BLOCKS.contains(&name.as_str()) {
            out.push_str("\n\n");
        }
    }
    out.push_str(&decode_entities(rest));
    // Collapse the runs of blank lines the markup leaves.
    let mut clean = String::with_capacity(out.len());
    let mut blank = 0;
    for line in out.lines() {
        let l = line.trim();
        if l.is_empty() {
            blank += 1;
            continue;
        }
        if !clean.is_empty() {
            clean.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        clean.push_str(l);
    }
    clean
}

fn decode_entities(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('&') {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let ent = &rest[1..e];
            let c = match ent {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                "mdash" => Some('—'),
                "ndash" => Some('–'),
                "rsquo" | "lsquo" => Some('’'),
                "ldquo" | "rdquo" => Some('"'),
                _ => {
                    let n = ent.strip_prefix('#')?;
                    let v = match n.strip_prefix(['x', 'X']) {
                        Some(h) => u32::from_str_radix(h, 16).ok()?,
                        None => n.parse().ok()?,
                    };
                    char::from_u32(v)
                }
            }?;
            Some((c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

fn is_jsonl(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("jsonl" | "ndjson")
    )
}

/// Expands inputs (files, directories, `-`) into a sorted list of sources.
///
/// # Errors
/// A path that does not exist or a directory that cannot be read.
pub fn expand(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, InputError> {
    let mut out = Vec::new();
    for p in inputs {
        if p.as_os_str() == "-" {
            out.push(p.clone());
        } else if p.is_dir() {
            let mut found = Vec::new();
            walk(p, &mut found)?;
            found.sort();
            out.extend(found);
        } else if p.exists() {
            out.push(p.clone());
        } else {
            return Err(InputError {
                place: p.display().to_string(),
                message: "no such file or directory".into(),
            });
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), InputError> {
    let rd = std::fs::read_dir(dir).map_err(|e| InputError {
        place: dir.display().to_string(),
        message: format!("cannot read directory: {e}"),
    })?;
    for entry in rd.flatten() {
        let p = entry.path();
        if p.is_dir() {
            walk(&p, out)?;
        } else if matches!(
            p.extension().and_then(|e| e.to_str()),
            Some("txt" | "text" | "jsonl" | "ndjson" | "html" | "htm")
        ) {
            out.push(p);
        }
    }
    Ok(())
}

/// Reads every document of one source, calling `sink` for each document or
/// error in input order. `default_date` applies where a document has none.
pub fn read_source(
    path: &Path,
    default_date: Option<Date>,
    jsonl_stdin: bool,
    sink: &mut dyn FnMut(Result<InputDoc, InputError>),
) {
    let name = path.display().to_string();
    let reader: Box<dyn Read> = if path.as_os_str() == "-" {
        Box::new(std::io::stdin())
    } else {
        match std::fs::File::open(path) {
            Ok(f) => Box::new(f),
            Err(e) => {
                return sink(Err(InputError {
                    place: name,
                    message: format!("cannot open: {e}"),
                }))
            }
        }
    };
    if is_jsonl(path) || (path.as_os_str() == "-" && jsonl_stdin) {
        read_jsonl(&name, BufReader::new(reader), default_date, sink);
    } else {
        read_text(&name, reader, default_date, sink);
    }
}

fn read_text(
    name: &str,
    mut r: Box<dyn Read>,
    date: Option<Date>,
    sink: &mut dyn FnMut(Result<InputDoc, InputError>),
) {
    let mut bytes = Vec::new();
    if let Err(e) = r.read_to_end(&mut bytes) {
        return sink(Err(InputError {
            place: name.into(),
            message: format!("cannot read: {e}"),
        }));
    }
    if bytes.len() > MAX_DOC_BYTES {
        return sink(Err(InputError {
            place: name.into(),
            message: format!(
                "document of {} bytes is over the limit of {MAX_DOC_BYTES}",
                bytes.len()
            ),
        }));
    }
    // Invalid UTF-8 is replaced, not fatal: a note says so.
    let text = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("warning: {name}: invalid UTF-8 replaced with U+FFFD");
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    };
    let text = if is_html(Path::new(name)) {
        html_to_text(&text)
    } else {
        text
    };
    let id = Path::new(name)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or(name)
        .to_string();
    sink(Ok(InputDoc {
        meta: DocMeta {
            id,
            date,
            ..DocMeta::default()
        },
        text,
    }));
}

/// Parses one JSONL record.
fn parse_record(
    name: &str,
    lineno: usize,
    line: &str,
    default_date: Option<Date>,
) -> Result<InputDoc, InputError> {
    let place = format!("{name}:{lineno}");
    let err = |message: String| InputError {
        place: place.clone(),
        message,
    };
    let v: serde_json::Value =
        serde_json::from_str(line).map_err(|e| err(format!("invalid JSON: {e}")))?;
    let obj = v
        .as_object()
        .ok_or_else(|| err("expected a JSON object".into()))?;
    let text = match obj.get("text") {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(_) => return Err(err("field `text` must be a string".into())),
        None => return Err(err("missing field `text`".into())),
    };
    if text.len() > MAX_DOC_BYTES {
        return Err(err("field `text` is over the size limit".into()));
    }
    let id = match obj.get("id") {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Number(n)) => n.to_string(),
        Some(_) => return Err(err("field `id` must be a string or number".into())),
        None => format!("{name}:{lineno}"),
    };
    let date =
        match obj.get("date") {
            Some(serde_json::Value::String(s)) => {
                // Accept a full timestamp by reading its date part.
                let d = s
                    .get(..10)
                    .filter(|p| p.len() == 10 && !s[..10].contains('T'))
                    .unwrap_or(s);
                Some(Date::parse(d).ok_or_else(|| {
                    err(format!("field `date`: expected YYYY-MM-DD, found {s:?}"))
                })?)
            }
            Some(serde_json::Value::Null) | None => default_date,
            Some(_) => return Err(err("field `date` must be a string".into())),
        };
    let s = |k: &str| obj.get(k).and_then(|v| v.as_str()).map(str::to_string);
    Ok(InputDoc {
        meta: DocMeta {
            id,
            date,
            title: s("title"),
            url: s("url"),
            source: s("source"),
        },
        text,
    })
}

fn read_jsonl(
    name: &str,
    r: impl BufRead,
    date: Option<Date>,
    sink: &mut dyn FnMut(Result<InputDoc, InputError>),
) {
    for (i, line) in r.split(b'\n').enumerate() {
        let lineno = i + 1;
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                return sink(Err(InputError {
                    place: format!("{name}:{lineno}"),
                    message: format!("read error: {e}"),
                }))
            }
        };
        let line = String::from_utf8_lossy(&line);
        if line.trim().is_empty() {
            continue;
        }
        sink(parse_record(name, lineno, &line, date));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_errors_name_file_line_and_field() {
        let e = parse_record("in.jsonl", 3, "{\"id\":1}", None).unwrap_err();
        assert_eq!(e.to_string(), "in.jsonl:3: missing field `text`");
        let e =
            parse_record("in.jsonl", 4, "{\"text\":\"x\",\"date\":\"May 5\"}", None).unwrap_err();
        assert!(e.to_string().starts_with("in.jsonl:4: field `date`"), "{e}");
        let e = parse_record("in.jsonl", 5, "[1]", None).unwrap_err();
        assert!(e.to_string().contains("expected a JSON object"));
        let d = parse_record(
            "in.jsonl",
            6,
            "{\"id\":7,\"text\":\"t\",\"date\":\"2021-12-07T10:00:00Z\"}",
            None,
        )
        .unwrap();
        assert_eq!(d.meta.id, "7");
        assert_eq!(d.meta.date.unwrap().to_string(), "2021-12-07");
    }

    #[test]
    fn html_pages_are_read_as_text() {
        let page = "<html><head><title>Border</title><style>p{color:red}</style>\
<script>var a = '<p>no</p>';</script></head><body><!-- nav --><h1>Troops mass</h1>\
<p>Russian troops &amp; tanks massed near Ukraine&#8217;s border.</p><p>Talks &lt;soon&gt;</p>\
<p>A & B, 3 < 4</body></html>";
        let t = html_to_text(page);
        assert_eq!(
            t,
            "Border\n\nTroops mass\n\nRussian troops & tanks massed near Ukraine’s border.\n\nTalks <soon>\n\nA & B, 3 < 4"
        );
        assert_eq!(html_to_text(""), "");
        assert_eq!(html_to_text("<p>unclosed <b"), "unclosed <b");
        assert_eq!(html_to_text("&#xZZ; &#99999999; &"), "&#xZZ; &#99999999; &");
    }

    #[test]
    fn bad_lines_do_not_stop_the_good_ones() {
        let data = "{\"text\":\"a\"}\nnot json\n{\"text\":\"b\"}\n";
        let mut ok = 0;
        let mut bad = Vec::new();
        read_jsonl("x.jsonl", data.as_bytes(), None, &mut |r| match r {
            Ok(_) => ok += 1,
            Err(e) => bad.push(e.place),
        });
        assert_eq!(ok, 2);
        assert_eq!(bad, vec!["x.jsonl:2"]);
    }
}
