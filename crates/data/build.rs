//! Compiles the default dictionaries (`dict/`) into `OUT_DIR/dicts.bin` with
//! the same compiler `tocsin dict compile` uses, so a bad entry fails the
//! build with `path:line`. Set `TOCSIN_DICT_ALLOW_ERRORS=1` to build anyway
//! (bad entries are reported as warnings and left out or kept partially).

use std::path::PathBuf;

/// At most this many diagnostics are echoed as cargo warnings.
const MAX_SHOWN: usize = 200;

/// Whether errors fail the build (they do: a bad entry must not ship).
/// `TOCSIN_DICT_ALLOW_ERRORS=1` builds anyway, reporting the errors as
/// warnings and leaving the bad entries out (or partly in).
const STRICT_BY_DEFAULT: bool = true;

fn main() {
    let manifest =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let dir = manifest.join("dict");
    println!("cargo:rerun-if-changed={}", dir.display());
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=TOCSIN_DICT_ALLOW_ERRORS");
    println!("cargo:rerun-if-env-changed=TOCSIN_DICT_STRICT");
    let set = |k: &str| std::env::var(k).is_ok_and(|v| !v.is_empty() && v != "0");
    let allow =
        set("TOCSIN_DICT_ALLOW_ERRORS") || (!STRICT_BY_DEFAULT && !set("TOCSIN_DICT_STRICT"));

    let (dicts, diags) = tocsin_dict::compile_with_diagnostics(&dir);
    let errors: Vec<_> = diags.iter().filter(|d| d.is_error()).collect();
    let shown = if allow { 5 } else { MAX_SHOWN };
    for d in errors.iter().take(shown) {
        println!("cargo:warning={d}");
    }
    if errors.len() > shown {
        println!(
            "cargo:warning=... {} error(s) in all in crates/data/dict (run `tocsin dict check crates/data/dict` or `cargo test -p tocsin-dict --test default_dicts -- --nocapture`)",
            errors.len()
        );
    }
    if !errors.is_empty() && !allow {
        panic!(
            "{} error(s) in the default dictionaries (crates/data/dict); first: {}\n\
             fix them (each is printed above as path:line), or set TOCSIN_DICT_ALLOW_ERRORS=1 to build anyway",
            errors.len(),
            errors[0]
        );
    }
    let bytes = match dicts.to_bytes() {
        Ok(b) => b,
        Err(e) => panic!("cannot encode the compiled dictionaries: {e}"),
    };
    if let Err(e) = std::fs::write(out.join("dicts.bin"), &bytes) {
        panic!("cannot write {}: {e}", out.join("dicts.bin").display());
    }
    if let Err(e) = std::fs::write(out.join("dicts.version"), &dicts.version) {
        panic!("cannot write {}: {e}", out.join("dicts.version").display());
    }
}
