//! Export tables, end to end: every corpus case whose `expected.json` has an `exports`
//! key gets exactly those entries in its report, and a manifest path that leaves the root
//! is never read.
//!
//! `exports` maps each plugin to its entries, one string each:
//! `"<subpath> <target|-> <file|-> <names,comma-separated|-> [types=<names>] [open]"`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus")
}

fn report(root: &Path) -> Value {
    let analysis =
        plugdep_analyzer::analyze(root, &Default::default()).expect("the root is readable");
    serde_json::from_str(&analysis.report().to_json()).expect("the report is JSON")
}

/// Each plugin's exports in the notation of `expected.json`.
fn exports_of(report: &Value) -> BTreeMap<String, Vec<String>> {
    let text = |v: &Value| v.as_str().unwrap_or("-").to_string();
    let list = |v: &Value| {
        let items: Vec<String> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_str().unwrap().to_string())
            .collect();
        items.join(",")
    };
    report["plugins"]
        .as_array()
        .unwrap()
        .iter()
        .map(|plugin| {
            let entries = plugin["exports"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| {
                    let names = list(&e["names"]);
                    let types = list(&e["types"]);
                    let mut line = format!(
                        "{} {} {} {}",
                        text(&e["subpath"]),
                        text(&e["target"]),
                        text(&e["file"]),
                        if names.is_empty() { "-" } else { &names }
                    );
                    if !types.is_empty() {
                        line.push_str(&format!(" types={types}"));
                    }
                    if e["open"] == true {
                        line.push_str(" open");
                    }
                    line
                })
                .collect();
            (plugin["name"].as_str().unwrap().to_string(), entries)
        })
        .collect()
}

#[test]
fn corpus_cases_list_their_expected_exports() {
    let mut checked = 0;
    let mut failures = Vec::new();
    let mut cases: Vec<PathBuf> = std::fs::read_dir(corpus())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("expected.json").is_file())
        .collect();
    cases.sort();
    for case in cases {
        let expected: Value =
            serde_json::from_str(&std::fs::read_to_string(case.join("expected.json")).unwrap())
                .unwrap();
        let Some(want) = expected["exports"].as_object() else {
            continue;
        };
        checked += 1;
        let want: BTreeMap<String, Vec<String>> = want
            .iter()
            .map(|(plugin, entries)| {
                let entries = entries
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|e| e.as_str().unwrap().to_string())
                    .collect();
                (plugin.clone(), entries)
            })
            .collect();
        let got = exports_of(&report(&case));
        if want != got {
            failures.push(format!(
                "{}:\n  expected {want:#?}\n  actual   {got:#?}",
                case.display()
            ));
        }
    }
    assert!(checked >= 1, "no corpus case lists its exports");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A `main` and an exports target that leave the root name a file with a recognisable
/// export: nothing of it may appear, because plugdep only ever looks among the files the
/// walk found under the root.
#[test]
fn an_escaping_manifest_path_is_never_read() {
    let dir = tempfile::tempdir().unwrap();
    let write = |path: &str, text: &str| {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "outside/secret.js",
        "export const OUTSIDE_SENTINEL_7f3a = 1;\nmodule.exports = { OUTSIDE_SENTINEL_CJS_7f3a: 1 };\n",
    );
    write(
        "root/a/package.json",
        r#"{"name": "a", "version": "1.0.0", "main": "../../outside/secret.js",
            "exports": {".": "./../../outside/secret.js", "./abs": "/etc/hostname"}}"#,
    );
    write(
        "root/b/package.json",
        r#"{"name": "b", "version": "1.0.0", "dependencies": {"a": "1.0.0"}}"#,
    );
    write(
        "root/b/index.js",
        "import { probe } from 'a';\nimport host from 'a/abs';\n",
    );
    let report = report(&dir.path().join("root"));
    let json = report.to_string();
    assert!(!json.contains("OUTSIDE_SENTINEL"), "{json}");
    assert!(!json.contains("secret.js\",\"file\""), "{json}");
    let findings: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{} {}:{}:{}",
                f["code"].as_str().unwrap(),
                f["file"].as_str().unwrap(),
                f["line"],
                f["column"]
            )
        })
        .collect();
    assert_eq!(
        findings,
        [
            "path-escape a/package.json:1:43",
            "path-escape a/package.json:2:30",
            "path-escape a/package.json:2:68",
        ]
    );
    // Nothing is known of `a`'s entry points, so `probe` is not reported either.
    let a = &report["plugins"][0];
    assert_eq!(a["name"], "a");
    assert_eq!(
        a["exports"],
        serde_json::json!([
            {"subpath": ".", "target": null, "file": null, "names": [], "types": [], "open": true},
            {"subpath": "./abs", "target": null, "file": null, "names": [], "types": [], "open": true}
        ])
    );
}

/// Scans a root made of `files` and returns the report.
fn scan(files: &[(&str, &str)]) -> Value {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    report(dir.path())
}

fn exports(report: &Value, plugin: &str) -> Vec<String> {
    exports_of(report).remove(plugin).unwrap_or_default()
}

fn findings(report: &Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{} {}:{}:{}",
                f["code"].as_str().unwrap(),
                f["file"].as_str().unwrap_or("-"),
                f["line"],
                f["column"]
            )
        })
        .collect()
}

#[test]
fn export_star_cycles_across_plugins_end_with_the_union() {
    let report = scan(&[
        (
            "a/package.json",
            r#"{"name": "a", "version": "1.0.0", "dependencies": {"b": "1.0.0"}}"#,
        ),
        (
            "a/index.js",
            "export * from 'b';\nexport const fromA = 1;\n",
        ),
        (
            "b/package.json",
            r#"{"name": "b", "version": "1.0.0", "dependencies": {"a": "1.0.0"}}"#,
        ),
        (
            "b/index.js",
            "export * from 'a';\nexport const fromB = 1;\nexport default 1;\n",
        ),
    ]);
    assert_eq!(exports(&report, "a"), [". - a/index.js fromA,fromB"]);
    assert_eq!(
        exports(&report, "b"),
        [". - b/index.js default,fromA,fromB"]
    );
}

#[test]
fn export_star_chains_deeper_than_the_bound_are_open() {
    let mut files = vec![(
        "p/package.json".to_string(),
        r#"{"name": "p", "version": "1.0.0"}"#.to_string(),
    )];
    files.push(("p/index.js".into(), "export * from './m0.js';\n".into()));
    for i in 0..100 {
        files.push((
            format!("p/m{i}.js"),
            format!(
                "export * from './m{}.js';\nexport const n{i} = {i};\n",
                i + 1
            ),
        ));
    }
    files.push(("p/m100.js".into(), "export const last = 1;\n".into()));
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let report = scan(&borrowed);
    let entry = &report["plugins"][0]["exports"][0];
    assert_eq!(entry["open"], true);
    let names = entry["names"].as_array().unwrap();
    assert!(names.iter().any(|n| n == "n0"));
    assert!(!names.iter().any(|n| n == "last"));
}

#[test]
fn commonjs_reexports_and_esm_only_files() {
    let report = scan(&[
        (
            "c/package.json",
            r#"{"name": "c", "version": "1.0.0", "main": "main.js"}"#,
        ),
        ("c/main.js", "module.exports = require('./impl');\n"),
        ("c/impl.js", "exports.run = () => {};\n"),
        (
            "m/package.json",
            r#"{"name": "m", "version": "1.0.0", "main": "side.mjs"}"#,
        ),
        ("m/side.mjs", "console.log('no exports');\n"),
        (
            "s/package.json",
            r#"{"name": "s", "version": "1.0.0", "main": "script.js"}"#,
        ),
        (
            "s/script.js",
            "console.log('a CommonJS module with nothing set');\n",
        ),
        (
            "app/package.json",
            r#"{"name": "app", "version": "1.0.0", "dependencies": {"c": "1", "m": "1", "s": "1"}}"#,
        ),
        (
            "app/index.js",
            "import c, { run, walk } from 'c';\nimport m from 'm';\nimport s from 's';\n",
        ),
    ]);
    assert_eq!(exports(&report, "c"), [". main.js c/main.js default,run"]);
    assert_eq!(exports(&report, "m"), [". side.mjs m/side.mjs -"]);
    assert_eq!(exports(&report, "s"), [". script.js s/script.js default"]);
    assert_eq!(
        findings(&report),
        [
            "unexported-symbol app/index.js:1:18",
            "unexported-symbol app/index.js:2:1",
        ]
    );
}

#[test]
fn rust_glob_cycles_terminate() {
    let report = scan(&[
        (
            "a/Cargo.toml",
            "[package]\nname = \"a\"\nversion = \"1.0.0\"\n",
        ),
        ("a/src/lib.rs", "mod m;\npub use m::*;\npub fn top() {}\n"),
        ("a/src/m.rs", "pub use crate::*;\npub fn inner() {}\n"),
    ]);
    assert_eq!(exports(&report, "a"), [". - a/src/lib.rs inner,top"]);
}
