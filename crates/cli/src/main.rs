//! The `tocsin` binary: verbs as subcommands over the `tocsin` facade.
//!
//! Only this crate prints. Errors are reported as `error: {:#}` with context and a
//! non-zero exit; a closed pipe (`tocsin code ... | head`) exits 0.

/// `println!` for results: when stdout is closed early (`tocsin eval ... | head`)
/// the process ends quietly instead of panicking.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout().lock(), $($arg)*) {
            $crate::stdout_failed(&e);
        }
    }};
}

/// `print!` counterpart of [`outln!`].
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = write!(std::io::stdout().lock(), $($arg)*) {
            $crate::stdout_failed(&e);
        }
    }};
}

mod bench;
mod cmd;
mod cpu;
mod input;

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// tocsin: raw news text to auditable political event data.
#[derive(Debug, Parser)]
#[command(name = "tocsin", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Code the bundled example article and print its events.
    Demo(cmd::DemoArgs),
    /// Code documents (text files, directories, JSONL, `-` for stdin) into events.
    Code(cmd::CodeArgs),
    /// Print the dependency parse of a text file as CoNLL-U.
    Parse {
        /// Text file (`-` for stdin).
        input: PathBuf,
        /// Parse with the beam-search model (more accurate, about half as fast).
        #[arg(long)]
        beam_parser: bool,
    },
    /// Find the places in a text and show how each was resolved.
    Geo {
        /// The text to read.
        text: String,
    },
    /// Evaluate against gold data.
    #[command(subcommand)]
    Eval(cmd::EvalCommand),
    /// Measure throughput on a JSONL corpus with a `text` field.
    Bench(cmd::BenchArgs),
    /// Compile, check and count dictionaries.
    #[command(subcommand)]
    Dict(cmd::DictCommand),
    /// Train the tagger or the parser from UD English EWT.
    #[command(subcommand)]
    Train(cmd::TrainCommand),
}

fn main() {
    if let Err(e) = cpu::check() {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Demo(a) => cmd::demo(&a),
        Command::Code(a) => cmd::code(&a),
        Command::Parse { input, beam_parser } => cmd::parse(&input, beam_parser),
        Command::Geo { text } => cmd::geo(&text),
        Command::Eval(e) => cmd::eval(e),
        Command::Bench(a) => cmd::bench(&a),
        Command::Dict(d) => cmd::dict(d),
        Command::Train(t) => cmd::train(t),
    };
    if let Err(e) = result {
        if is_broken_pipe(&e) {
            std::process::exit(0);
        }
        eprintln!("error: {e:#}");
        std::process::exit(1);
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Ends the process after a failed write to stdout: quietly when the reader
/// has gone (a closed pipe), with the error otherwise.
fn stdout_failed(e: &std::io::Error) -> ! {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    eprintln!("error: writing to stdout: {e}");
    std::process::exit(1);
}
