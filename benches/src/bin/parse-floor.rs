//! `parse-floor DIR [--jobs N]`: the floor under plugdep's cold scan. Walks DIR the way
//! plugdep does (hidden entries, `node_modules`, `target`, `.git` skipped, links not
//! followed), then reads and tree-sitter-parses every `.js .mjs .cjs .jsx` file on N
//! threads with one parser per thread — the same grammar crate and version as the
//! analyzer — and does nothing else: no query, no facts, no graph.

use std::cell::RefCell;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use tree_sitter::Parser;

thread_local! {
    static PARSER: RefCell<Option<Parser>> = const { RefCell::new(None) };
}

fn main() -> ExitCode {
    let (dir, jobs) = match plugdep_benches::floor_args("parse-floor") {
        Ok(args) => args,
        Err(usage) => {
            eprintln!("{usage}");
            return ExitCode::from(2);
        }
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .expect("a thread pool");
    let files = match plugdep_benches::walk(&dir, Some(&["js", "mjs", "cjs", "jsx"])) {
        Ok(files) => files,
        Err(error) => {
            eprintln!("parse-floor: {}: {error}", dir.display());
            return ExitCode::FAILURE;
        }
    };
    let with_errors = AtomicUsize::new(0);
    let bytes: usize = pool.install(|| {
        files
            .par_iter()
            .map(|path| {
                let Ok(text) = std::fs::read(path) else {
                    return 0;
                };
                PARSER.with(|cell| {
                    let mut slot = cell.borrow_mut();
                    let parser = slot.get_or_insert_with(|| {
                        let mut parser = Parser::new();
                        parser
                            .set_language(&tree_sitter_javascript::LANGUAGE.into())
                            .expect("tree-sitter-javascript matches tree-sitter");
                        parser
                    });
                    if let Some(tree) = parser.parse(&text, None)
                        && tree.root_node().has_error()
                    {
                        with_errors.fetch_add(1, Ordering::Relaxed);
                    }
                });
                text.len()
            })
            .sum()
    });
    println!(
        "parse-floor: {} files, {} bytes, {} with syntax errors, {jobs} threads",
        files.len(),
        bytes,
        with_errors.into_inner()
    );
    ExitCode::SUCCESS
}
