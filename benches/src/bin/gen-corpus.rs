//! `gen-corpus SEED PLUGINS FILES_PER_PLUGIN OUT_DIR [--lang js|ts|rust|mix] [--node-modules]`
//!
//! Writes a deterministic plugin ecosystem under OUT_DIR (which must not exist or be
//! empty): the same arguments always give the same bytes. `--lang` defaults to `js`, the
//! language plugdep reads today (`ts` and `mix` also write TypeScript, which plugdep does
//! not read yet, for the peers' sake). `--node-modules` also links every JavaScript
//! plugin under `OUT_DIR/node_modules/`, as an npm workspace install would, so that tools
//! resolving bare specifiers through `node_modules` see the cross-plugin edges.

use std::path::PathBuf;
use std::process::ExitCode;

use plugdep_benches::{Corpus, Lang, Spec};

const USAGE: &str = "usage: gen-corpus SEED PLUGINS FILES_PER_PLUGIN OUT_DIR [--lang js|ts|rust|mix] [--node-modules]";

fn parse() -> Result<(Spec, PathBuf), String> {
    let mut positional = Vec::new();
    let mut lang = Lang::Js;
    let mut node_modules = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--lang" => lang = args.next().ok_or(USAGE)?.parse()?,
            a if a.starts_with("--lang=") => lang = a["--lang=".len()..].parse()?,
            "--node-modules" => node_modules = true,
            "-h" | "--help" => return Err(USAGE.to_string()),
            a if a.starts_with('-') => return Err(format!("unknown option {a}\n{USAGE}")),
            _ => positional.push(arg),
        }
    }
    let [seed, plugins, files, out] = <[String; 4]>::try_from(positional).map_err(|_| USAGE)?;
    let number = |s: &str, what: &str| {
        s.parse::<u64>()
            .map_err(|_| format!("{what} must be a number, not {s:?}\n{USAGE}"))
    };
    Ok((
        Spec {
            seed: number(&seed, "SEED")?,
            plugins: number(&plugins, "PLUGINS")? as usize,
            files_per_plugin: number(&files, "FILES_PER_PLUGIN")? as usize,
            lang,
            node_modules,
        },
        PathBuf::from(out),
    ))
}

fn main() -> ExitCode {
    let (spec, out) = match parse() {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let corpus = Corpus::plan(&spec);
    match corpus.write(&out) {
        Ok(stats) => {
            let exts: Vec<String> = stats
                .by_extension
                .iter()
                .map(|(e, n)| format!("{n} .{e}"))
                .collect();
            println!(
                "{}: {} plugins, {} source files ({}), {:.1} MiB, {} lines; {} declared plugin dependencies, {} planted plugin cycles, {} planted file cycles",
                out.display(),
                stats.plugins,
                stats.files,
                exts.join(", "),
                stats.bytes as f64 / (1024.0 * 1024.0),
                stats.lines,
                stats.declared_edges,
                stats.planted_plugin_cycles,
                stats.planted_file_cycles,
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("gen-corpus: {error}");
            ExitCode::FAILURE
        }
    }
}
