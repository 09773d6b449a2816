//! The whole pipeline over a small generated tree: walk, manifests, selection, parse,
//! resolve, graph, checks, and every renderer. The tree is
//! `plugdep_analyzer::fuzzing::write_tree`'s; the analysis runs twice, on one thread and on
//! three, and the JSON reports must be byte-identical.
//!
//! Run it with `-detect_leaks=0`: rayon's pool threads finish exiting after the pool is
//! dropped, and LeakSanitizer reports their thread-local destructor records (32 bytes in
//! glibc's `__cxa_thread_atexit_impl`) as leaks.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use plugdep_analyzer::config::Config;
use plugdep_analyzer::{Options, analyze};

fn report(root: &Path, config: &Config, jobs: usize) -> String {
    let options = Options {
        jobs: Some(jobs),
        config: config.clone(),
        ..Options::default()
    };
    let analysis = analyze(root, &options).expect("a readable folder always analyses");
    let report = analysis.report();
    let json = plugdep_reports::json::render(&report);
    // Every renderer must cope with whatever names and paths the tree holds.
    let sources = |path: &str| std::fs::read_to_string(root.join(path)).ok();
    let _ = plugdep_reports::human::render(&report, &sources, plugdep_reports::Style::default());
    let _ = plugdep_reports::dot::render(&report);
    let _ = plugdep_reports::mermaid::render(&report);
    let _ = plugdep_reports::sarif::render(&report);
    let _ = plugdep_reports::order::render_human(&report);
    serde_json::from_str::<serde_json::Value>(&json).expect("the report is JSON");
    json
}

fuzz_target!(|data: &[u8]| {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let config = plugdep_analyzer::fuzzing::write_tree(dir.path(), data);
    let one = report(dir.path(), &config, 1);
    let three = report(dir.path(), &config, 3);
    assert_eq!(one, three, "--jobs 1 and 3 differ");
});
