//! Helpers shared by the end-to-end tests: run the built binary, list corpus cases.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// Every corpus case: a folder of `corpus/` holding an `expected.json`.
pub fn cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(corpus())
        .expect("corpus/ exists")
        .map(|e| e.expect("readable corpus entry").path())
        .filter(|p| p.join("expected.json").is_file())
        .collect();
    cases.sort();
    assert!(cases.len() >= 19, "the corpus lost cases: {cases:?}");
    cases
}

pub fn name(case: &Path) -> String {
    case.file_name().unwrap().to_string_lossy().into_owned()
}

/// Runs `plugdep ARGS` with colours off.
pub fn plugdep(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plugdep"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the plugdep binary runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The extra arguments a case's `expected.json` asks for (`"args": ["--host", "x@1.0.0"]`).
pub fn case_args(case: &Path) -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(case.join("expected.json")) else {
        return Vec::new();
    };
    let expected: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    expected["args"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// `plugdep scan CASE --format json --jobs N` (plus the case's own arguments): the raw
/// text, the parsed report, the exit code.
pub fn scan_json(case: &Path, jobs: u32) -> (String, serde_json::Value, i32) {
    let jobs = jobs.to_string();
    let extra = case_args(case);
    let mut args = vec![
        "scan",
        case.to_str().unwrap(),
        "--format",
        "json",
        "--jobs",
        &jobs,
    ];
    args.extend(extra.iter().map(String::as_str));
    let output = plugdep(&args);
    let text = stdout(&output);
    let json = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{}: not JSON ({e}): {}", case.display(), stderr(&output)));
    (text, json, output.status.code().expect("exited"))
}

/// `plugdep scan ROOT --format FORMAT --jobs N` with the case's own arguments (`args` in its
/// expected.json): the standard output of a run that exits 0 or 1.
pub fn scan_format(root: &Path, format: &str, jobs: usize) -> String {
    let jobs = jobs.to_string();
    let extra = case_args(root);
    let mut args = vec![
        "scan",
        root.to_str().unwrap(),
        "--format",
        format,
        "--jobs",
        &jobs,
    ];
    args.extend(extra.iter().map(String::as_str));
    let output = plugdep(&args);
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{}: {}",
        root.display(),
        stderr(&output)
    );
    stdout(&output)
}
