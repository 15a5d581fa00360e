//! End-to-end tests of the `tocsin` binary: bad input of each kind gives a clear
//! error naming the input and the place, and never loses what was coded.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn tocsin(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tocsin"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn tocsin");
    if let Some(s) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(s.as_bytes())
            // The program may exit before reading (a bad flag): a closed pipe
            // here is not the test's failure.
            .ok();
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("wait")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn tmp(name: &str, content: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("tocsin-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp dir");
    let p = dir.join(name);
    std::fs::write(&p, content).expect("write tmp");
    p
}

#[test]
fn demo_codes_the_bundled_article() {
    let out = tocsin(&["demo", "--json"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let lines: Vec<serde_json::Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert!(lines.len() >= 3, "too few events: {lines:?}");
    for ev in &lines {
        // Every event explains itself: rule, offsets, sentence, version.
        assert!(ev["rule"]["file"].as_str().is_some_and(|f| !f.is_empty()));
        assert!(ev["rule"]["line"].as_u64().is_some_and(|l| l > 0));
        assert!(ev["text"]["verb"]["start"].is_u64());
        assert!(ev["actor"]["code"].as_str().is_some_and(|c| !c.is_empty()));
        assert!(!ev["recipient"].is_null(), "require_dyad is the default");
        assert!(ev["data_version"].is_string());
    }
    let codes: Vec<&str> = lines
        .iter()
        .filter_map(|e| e["cameo"]["code"].as_str())
        .collect();
    assert!(
        codes.contains(&"154"),
        "the troop build-up is coded: {codes:?}"
    );
}

#[test]
fn a_missing_input_is_named() {
    let out = tocsin(&["code", "/nonexistent/story.txt"], None);
    assert!(!out.status.success());
    let e = text(&out.stderr);
    assert!(
        e.contains("/nonexistent/story.txt: no such file or directory"),
        "{e}"
    );
}

#[test]
fn a_malformed_gold_conllu_line_is_located() {
    let gold = tmp(
        "bad-gold.conllu",
        "# text = The cat.\n1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n2\tcat\n",
    );
    let out = tocsin(&["eval", "ud", "--gold", gold.to_str().unwrap()], None);
    assert!(!out.status.success());
    let e = text(&out.stderr);
    assert!(
        e.contains(&format!("{}:3: ", gold.display())) && e.contains("10 tab-separated columns"),
        "{e}"
    );
}

#[test]
fn a_bad_jsonl_line_is_reported_and_skipped() {
    let p = tmp(
        "bad.jsonl",
        "{\"id\":\"a\",\"text\":\"Russian troops attacked Ukrainian soldiers.\",\"date\":\"2021-12-06\"}\n\
         {not json\n\
         {\"id\":\"c\",\"date\":\"06/12/2021\",\"text\":\"x\"}\n\
         {\"id\":\"d\",\"text\":\"Russian troops attacked Ukrainian soldiers.\"}\n",
    );
    let out = tocsin(&["code", p.to_str().expect("utf-8 path"), "--quiet"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let e = text(&out.stderr);
    assert!(e.contains("bad.jsonl:2: invalid JSON"), "{e}");
    assert!(e.contains("bad.jsonl:3: field `date`"), "{e}");
    let ids: Vec<String> = text(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["doc_id"].as_str().map(str::to_string))
        .collect();
    assert!(
        ids.iter().any(|i| i == "a") && ids.iter().any(|i| i == "d"),
        "{ids:?}"
    );
}

#[test]
fn a_bad_date_flag_is_named() {
    let out = tocsin(&["code", "-", "--date", "yesterday"], Some("Text."));
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("--date: expected YYYY-MM-DD"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn stdin_text_and_tsv_output() {
    let out = tocsin(
        &[
            "code",
            "-",
            "--format",
            "tsv",
            "--date",
            "2021-12-06",
            "--quiet",
        ],
        Some("Russian troops attacked Ukrainian soldiers near Donetsk."),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    let mut lines = s.lines();
    assert!(lines
        .next()
        .is_some_and(|h| h.starts_with("id\tdate\tyear")));
    for l in lines {
        assert_eq!(l.split('\t').count(), 26, "{l}");
    }
}

#[test]
fn a_malformed_dictionary_line_is_located() {
    let dir = std::env::temp_dir().join(format!("tocsin-dict-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp dir");
    std::fs::write(
        dir.join("countries.txt"),
        "# test\ncountry RUS | Russia\ncountry | nothing\n",
    )
    .expect("write");
    let out = tocsin(&["dict", "check", dir.to_str().expect("utf-8")], None);
    assert!(!out.status.success());
    let s = text(&out.stdout) + &text(&out.stderr);
    assert!(s.contains("countries.txt:3"), "{s}");
}

#[test]
fn garbage_input_never_panics() {
    let junk = "\u{0}\u{feff}<<<>>> \u{202e}۝ 𓀀 ...!!! \r\n\r\n\t\u{a0}Mr. U.S. $1m 3.5% --- \"\"";
    let out = tocsin(&["code", "-", "--quiet"], Some(junk));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = tocsin(&["parse", "-"], Some(junk));
    assert!(out.status.success(), "{}", text(&out.stderr));
}

#[test]
fn a_compiled_dictionary_loads_back() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../data/dict");
    let out_path = std::env::temp_dir().join(format!("tocsin-dicts-{}.bin", std::process::id()));
    let out_s = out_path.to_str().expect("utf-8");
    let out = tocsin(&["dict", "compile", dir, "-o", out_s], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = tocsin(&["dict", "stats", out_s, "--json"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(v["persons"].as_u64().is_some_and(|n| n > 1000), "{v}");
    // A file that starts like a compiled dictionary but is not one is named.
    let bad = tmp("bad.bin", "TOCSDICTgarbage");
    let out = tocsin(&["dict", "stats", bad.to_str().expect("utf-8")], None);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("bad.bin"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn html_files_are_coded_from_their_text() {
    let p = tmp(
        "story.html",
        "<html><body><script>x()</script><p>Russian troops attacked Ukrainian soldiers near Donetsk.</p></body></html>",
    );
    let out = tocsin(
        &[
            "code",
            p.to_str().expect("utf-8"),
            "--date",
            "2021-12-06",
            "--quiet",
        ],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    assert!(s.contains("\"RUSMIL\"") && !s.contains("script"), "{s}");
}

#[test]
fn a_closed_stdout_ends_quietly() {
    // `tocsin parse big.txt | head -c 100`: the reader goes away early.
    let sentence = "Russian troops massed on the border with Ukraine on Tuesday. ";
    let path = tmp("big.txt", &sentence.repeat(3000));
    let mut child = Command::new(env!("CARGO_BIN_EXE_tocsin"))
        .args(["parse", path.to_str().expect("utf-8 path")])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("tocsin runs");
    {
        use std::io::Read;
        let mut out = child.stdout.take().expect("stdout");
        let mut first = [0u8; 100];
        out.read_exact(&mut first).expect("some output");
    }
    let o = child.wait_with_output().expect("tocsin ends");
    let err = text(&o.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert!(o.status.success(), "{:?}: {err}", o.status);
}
