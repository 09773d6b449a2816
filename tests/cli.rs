//! The command line contract: exit codes, output files, the `order` and `why` commands,
//! the human and DOT renderings, and what the walk reads and does not read.

mod common;

use std::fs;
use std::path::Path;

use common::{corpus, plugdep, stderr, stdout};

fn case(name: &str) -> String {
    corpus().join(name).to_str().unwrap().to_string()
}

fn write(root: &Path, path: &str, text: &str) {
    let path = root.join(path);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn plugin(root: &Path, dir: &str, name: &str, deps: &str) {
    write(
        root,
        &format!("{dir}/package.json"),
        &format!(r#"{{"name": "{name}", "version": "1.0.0", "dependencies": {{{deps}}}}}"#),
    );
}

#[test]
fn exit_codes_follow_fail_on() {
    // demo: errors → 1 by default, 0 with --fail-on never
    assert_eq!(plugdep(&["scan", &case("demo")]).status.code(), Some(1));
    assert_eq!(
        plugdep(&["scan", &case("demo"), "--fail-on", "never"])
            .status
            .code(),
        Some(0)
    );
    // js-dev-cycle: only a warning → 0 by default, 1 with --fail-on warning
    assert_eq!(
        plugdep(&["scan", &case("js-dev-cycle")]).status.code(),
        Some(0)
    );
    assert_eq!(
        plugdep(&["scan", &case("js-dev-cycle"), "--fail-on", "warning"])
            .status
            .code(),
        Some(1)
    );
    // js-diamond: nothing at all → 0 even with --fail-on warning
    assert_eq!(
        plugdep(&["scan", &case("js-diamond"), "--fail-on", "warning"])
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn a_run_that_cannot_happen_exits_2_with_a_message() {
    let missing = plugdep(&["scan", "/definitely/not/here"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("/definitely/not/here does not exist"),
        "{}",
        stderr(&missing)
    );
    assert!(stdout(&missing).is_empty());

    let file = plugdep(&["scan", &corpus().join("README.md").to_string_lossy()]);
    assert_eq!(file.status.code(), Some(2));
    assert!(stderr(&file).contains("is not a directory"));

    assert_eq!(
        plugdep(&["scan", &case("demo"), "--format", "yaml"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        plugdep(&["scan", &case("demo"), "--jobs", "0"])
            .status
            .code(),
        Some(2)
    );
    let unknown = plugdep(&["why", &case("demo"), "ui", "nope"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("no plugin named \"nope\""));
}

#[test]
fn output_goes_to_the_named_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.json");
    let run = plugdep(&[
        "scan",
        &case("demo"),
        "--format",
        "json",
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(1));
    assert!(stdout(&run).is_empty());
    let direct = stdout(&plugdep(&["scan", &case("demo"), "--format", "json"]));
    assert_eq!(fs::read_to_string(out).unwrap(), direct);
}

#[test]
fn order_prints_the_load_order_and_waves() {
    let human = stdout(&plugdep(&["order", &case("js-diamond")]));
    assert_eq!(
        human,
        "Load order (4 plugins):\n  1. core\n  2. left\n  3. right\n  4. app\n\n\
         Load waves (3):\n  wave 1: core\n  wave 2: left, right\n  wave 3: app\n"
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&plugdep(&[
        "order",
        &case("demo"),
        "--format",
        "json",
    ])))
    .unwrap();
    assert_eq!(
        json["load_order"],
        serde_json::json!([
            "core",
            "auth",
            "storage",
            "telemetry",
            "ui",
            "search",
            "theme-dark"
        ])
    );
    assert_eq!(
        json["load_waves"],
        serde_json::json!([
            ["core"],
            ["auth", "storage", "telemetry", "ui"],
            ["search", "theme-dark"]
        ])
    );
    assert_eq!(json["cycles"], serde_json::json!([["auth", "storage"]]));
}

#[test]
fn why_lists_paths_with_the_evidence_of_every_hop() {
    let text = stdout(&plugdep(&["why", &case("js-cycle-3"), "auth", "crm"]));
    assert!(
        text.starts_with("auth depends on crm through 1 path"),
        "{text}"
    );
    assert!(text.contains("1. auth → billing → crm"), "{text}");
    // every hop shows file:line:column and the import text
    let evidence: Vec<&str> = text.lines().filter(|l| l.starts_with("       ")).collect();
    assert!(evidence.len() >= 2, "{text}");
    assert!(
        evidence
            .iter()
            .all(|l| l.contains(".js:") || l.contains(".json:")),
        "{text}"
    );

    let none = stdout(&plugdep(&["why", &case("js-diamond"), "core", "app"]));
    assert_eq!(
        none,
        "core does not depend on app, directly or transitively.\n"
    );
}

#[test]
fn human_output_points_into_the_source_and_ends_with_the_load_order() {
    let text = stdout(&plugdep(&["scan", &case("demo")]));
    assert!(
        text.contains("× dependency cycle: auth → storage → auth"),
        "{text}"
    );
    assert!(text.contains("[plugins/auth/index.js:2:1]"), "{text}");
    assert!(
        text.contains("storage → auth (import): import { currentToken } from 'auth';"),
        "{text}"
    );
    assert!(text.contains("× telemetry needs net-client"), "{text}");
    assert!(
        text.contains("[plugins/telemetry/plugin.json:7:5]"),
        "{text}"
    );
    assert!(
        text.ends_with("load order: core, (auth ⇄ storage), telemetry, ui, search, theme-dark\n"),
        "{text}"
    );
    assert!(!text.contains('\u{1b}'), "no colour codes when piped");
}

#[test]
fn dot_highlights_cycles_and_styles_edges_by_kind() {
    let dot = stdout(&plugdep(&["scan", &case("js-cycle-2"), "--format", "dot"]));
    assert!(dot.starts_with("digraph plugdep {\n"));
    assert!(dot.contains(r##""plugin-b" -> "plugin-a" [label="import", style=solid, color="#d62728", penwidth=2];"##), "{dot}");
    assert!(
        dot.contains(r##""plugin-a" [label="plugin-a\n1.0.0", color="#d62728""##),
        "{dot}"
    );
    let dev = stdout(&plugdep(&[
        "scan",
        &case("js-dev-cycle"),
        "--format",
        "dot",
    ]));
    assert!(
        dev.contains("style=dotted"),
        "a dev-only edge is dotted: {dev}"
    );
    assert!(
        !dev.contains("#d62728"),
        "a dev cycle is not a load-order cycle: {dev}"
    );
}

#[test]
fn manifest_protocols_name_the_right_plugin() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    plugin(
        root,
        "a",
        "a",
        r#""alias": "npm:b@^1", "local": "file:../c", "ws": "workspace:*""#,
    );
    plugin(root, "b", "b", "");
    plugin(root, "c", "c-real-name", "");
    plugin(root, "alias", "alias", "");
    plugin(root, "ws", "ws", "");
    let (_, report, _) = common::scan_json(root, 1);
    let edges: Vec<String> = report["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{}->{}",
                e["from"].as_str().unwrap(),
                e["to"].as_str().unwrap()
            )
        })
        .collect();
    // The npm alias depends on `b`, not on the plugin named like the key.
    assert_eq!(edges, ["a->b", "a->c-real-name", "a->ws"]);
}

#[test]
fn gitignored_and_skipped_folders_are_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    plugin(root, "a", "a", "");
    write(
        root,
        "a/index.js",
        "import 'b';\nimport 'c';\nimport 'd';\n",
    );
    plugin(root, "ignored/b", "b", "");
    plugin(root, "node_modules/c", "c", "");
    plugin(root, "target/d", "d", "");
    write(root, ".gitignore", "ignored/\n");
    let (_, report, _) = common::scan_json(root, 1);
    assert_eq!(report["plugins"].as_array().unwrap().len(), 1, "{report:#}");
    assert_eq!(report["edges"], serde_json::json!([]));
    assert_eq!(
        report["externals"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["package"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["b", "c", "d"]
    );
}

#[cfg(unix)]
#[test]
fn symbolic_links_are_never_followed() {
    let outside = tempfile::tempdir().unwrap();
    plugin(outside.path(), "sentinel", "sentinel", "");
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    plugin(root, "a", "a", "");
    write(root, "a/index.js", "import 'sentinel';\n");
    std::os::unix::fs::symlink(outside.path().join("sentinel"), root.join("linked")).unwrap();
    std::os::unix::fs::symlink(root, root.join("a/loop")).unwrap();
    let (_, report, code) = common::scan_json(root, 2);
    assert_eq!(code, 0);
    let plugins: Vec<&str> = report["plugins"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        plugins,
        ["a"],
        "a plugin behind a link out of the root must not appear"
    );
    let skipped: Vec<(&str, &str)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["code"].as_str().unwrap(), f["file"].as_str().unwrap()))
        .collect();
    assert_eq!(
        skipped,
        [("file-skipped", "a/loop"), ("file-skipped", "linked")]
    );
}

#[test]
fn a_plugin_json_that_is_not_a_manifest_does_not_shadow_package_json() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    plugin(root, "a", "a", "");
    write(
        root,
        "a/plugin.json",
        r#"{"$schema": "x", "properties": {}}"#,
    );
    let (_, report, _) = common::scan_json(root, 1);
    assert_eq!(report["plugins"][0]["manifest"], "a/package.json");
    assert_eq!(report["findings"][0]["code"], "file-skipped");
    assert_eq!(report["findings"][0]["file"], "a/plugin.json");
}

fn findings_of(case_name: &str) -> Vec<serde_json::Value> {
    let (_, report, _) = common::scan_json(&corpus().join(case_name), 1);
    report["findings"].as_array().unwrap().clone()
}

fn at<'f>(findings: &'f [serde_json::Value], file: &str, line: u64) -> &'f serde_json::Value {
    findings
        .iter()
        .find(|f| f["file"] == file && f["line"] == line)
        .unwrap_or_else(|| panic!("no finding at {file}:{line}: {findings:#?}"))
}

#[test]
fn a_version_mismatch_shows_both_ends_and_what_would_satisfy() {
    let findings = findings_of("semver-npm");
    let caret = at(&findings, "plugins/app/package.json", 5);
    assert_eq!(
        caret["message"],
        "app requires core ^2.0.0 (dependencies); found 1.4.0"
    );
    assert_eq!(
        caret["edge"],
        serde_json::json!({"from": "app", "to": "core"})
    );
    assert_eq!(caret["related"][0]["file"], "plugins/core/package.json");
    assert_eq!(
        (
            caret["related"][0]["line"].as_u64(),
            caret["related"][0]["column"].as_u64()
        ),
        (Some(3), Some(14))
    );
    assert_eq!(caret["related"][0]["message"], "core is 1.4.0");
    assert!(!caret["help"].as_str().unwrap().contains("prerelease"));

    let prerelease = at(&findings, "plugins/app/package.json", 7);
    assert!(
        prerelease["help"]
            .as_str()
            .unwrap()
            .contains("2.1.0-beta.1 is a prerelease"),
        "{prerelease:#}"
    );

    let human = stdout(&plugdep(&["scan", &case("semver-npm")]));
    assert!(human.contains("[plugins/app/package.json:5:13]"), "{human}");
    assert!(
        human.contains("[plugins/core/package.json:3:14]"),
        "the other end is quoted too: {human}"
    );
}

#[test]
fn an_invalid_range_says_when_it_is_the_other_dialect() {
    let findings = findings_of("semver-invalid");
    let version = at(&findings, "plugins/app/package.json", 3);
    assert_eq!(
        version["message"],
        "app has version \"1.0\", which is not a valid npm version"
    );
    let garbage = at(&findings, "plugins/app/package.json", 6);
    assert!(
        !garbage["help"].as_str().unwrap().contains("Cargo"),
        "{garbage:#}"
    );
}

#[test]
fn duplicate_plugins_say_which_one_each_dependent_gets() {
    let findings = findings_of("duplicate-plugins");
    let duplicate = at(&findings, "vendor/core/package.json", 2);
    let related: Vec<&str> = duplicate["related"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        related,
        [
            "core is also named here (the first by folder)",
            "a (\"^2.0.0\") resolves to vendor/core/package.json",
            "b (\"^1.0.0\") resolves to plugins/core/package.json",
            "c (\"^3.0.0\") resolves to plugins/core/package.json",
        ]
    );
}

#[test]
fn bad_host_and_pattern_arguments_exit_2() {
    for host in ["editor", "editor@", "editor@three"] {
        let run = plugdep(&["scan", &case("host-compat"), "--host", host]);
        assert_eq!(run.status.code(), Some(2), "--host {host}");
        assert!(stderr(&run).contains("NAME@VERSION"), "{}", stderr(&run));
    }
    let run = plugdep(&[
        "scan",
        &case("plugins-pattern"),
        "--plugins-pattern",
        "@acme/[plugin",
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).contains("the glob \"@acme/[plugin\" is not valid"),
        "{}",
        stderr(&run)
    );
}

#[test]
fn without_check_externals_npm_packages_are_not_judged() {
    let (_, report, code) = common::scan_json(&corpus().join("declared-externals"), 1);
    let (_, plain, _) = {
        let out = plugdep(&["scan", &case("declared-externals"), "--format", "json"]);
        let text = stdout(&out);
        (
            text.clone(),
            serde_json::from_str::<serde_json::Value>(&text).unwrap(),
            0,
        )
    };
    assert_eq!(code, 1);
    assert_eq!(report["findings"].as_array().unwrap().len(), 4);
    assert_eq!(plain["findings"], serde_json::json!([]));
    let externals: Vec<(&str, bool)> = plain["externals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["package"].as_str().unwrap(),
                e["builtin"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        externals,
        [
            ("@testing-library/react", false),
            ("jest", false),
            ("lodash", false),
            ("node:fs", true),
            ("path", true),
            ("react", false)
        ]
    );
}

#[test]
fn cargo_ranges_speak_cargo() {
    let findings = findings_of("rust-versions");
    let npm_syntax = at(&findings, "plugins/a/Cargo.toml", 8);
    assert_eq!(npm_syntax["code"], "invalid-version");
    assert!(
        npm_syntax["help"]
            .as_str()
            .unwrap()
            .contains("is npm syntax"),
        "{npm_syntax:#}"
    );
    let prerelease = at(&findings, "plugins/a/Cargo.toml", 9);
    assert_eq!(
        prerelease["message"],
        "a requires e 0.1.0 (dependencies); found 0.1.0-rc.1"
    );
    assert!(
        prerelease["help"]
            .as_str()
            .unwrap()
            .contains("0.1.0-rc.1 is a prerelease"),
        "{prerelease:#}"
    );
    let caret = at(&findings, "plugins/a/Cargo.toml", 6);
    assert_eq!(caret["related"][0]["message"], "b is 2.0.0");
    assert_eq!(caret["related"][0]["file"], "plugins/b/Cargo.toml");
}

#[test]
fn javascript_and_rust_plugins_share_one_report() {
    let (_, report, code) = common::scan_json(&corpus().join("mixed-js-rust"), 2);
    assert_eq!(code, 0);
    let plugins: Vec<(&str, &str, &str)> = report["plugins"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap(),
                p["language"].as_str().unwrap(),
                p["manifest_kind"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        plugins,
        [
            ("core-rs", "rust", "cargo-toml"),
            ("engine-wasm", "rust", "cargo-toml"),
            ("web-ui", "javascript", "package-json")
        ]
    );
}

#[test]
fn why_follows_a_build_dependency_into_build_rs() {
    let text = stdout(&plugdep(&[
        "why",
        &case("rust-workspace"),
        "ui-plugin",
        "codegen-plugin",
    ]));
    assert!(text.contains("1. ui-plugin → codegen-plugin"), "{text}");
    assert!(
        text.contains("crates/ui/build.rs:2:5  codegen_plugin::generate();"),
        "{text}"
    );
    assert!(
        text.contains("crates/ui/Cargo.toml:14:1  codegen-plugin = { path = \"../codegen\" }"),
        "{text}"
    );
}

#[test]
fn a_crate_that_dev_depends_on_itself_is_not_a_finding() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "selfish/Cargo.toml",
        "[package]\nname = \"selfish\"\nversion = \"0.1.0\"\n\n[dev-dependencies]\nselfish = { path = \".\" }\n",
    );
    write(root, "selfish/src/lib.rs", "pub fn f() {}\n");
    write(
        root,
        "selfish/tests/t.rs",
        "use selfish::f;\n#[test]\nfn t() { f() }\n",
    );
    let (_, report, code) = common::scan_json(root, 1);
    assert_eq!(code, 0);
    assert_eq!(report["findings"], serde_json::json!([]), "{report:#}");
    assert_eq!(report["cycles"], serde_json::json!([]));
    assert_eq!(
        report["edges"][0]["kinds"],
        serde_json::json!(["declared-dev"])
    );
}

#[test]
fn a_bad_plugdep_toml_exits_2_and_points_at_the_place() {
    let cases = [
        (
            "colour = \"red\"\n",
            "unknown field `colour`",
            "plugdep.toml:1:1",
        ),
        (
            "exclude = [\"a/[b\"]\n",
            "is not a valid glob",
            "plugdep.toml:1:12",
        ),
        (
            "include = \"plugins\"\n",
            "invalid type",
            "plugdep.toml:1:11",
        ),
        (
            "[severity]\nparse-error = \"loud\"\n",
            "is not a severity",
            "plugdep.toml:2:15",
        ),
        (
            "[[rules.forbidden]]\nfrom = \"a\"\n",
            "missing field `to`",
            "plugdep.toml:1:1",
        ),
    ];
    for (toml, message, place) in cases {
        let dir = tempfile::tempdir().unwrap();
        plugin(dir.path(), "a", "a", "");
        write(dir.path(), "plugdep.toml", toml);
        let run = plugdep(&["scan", dir.path().to_str().unwrap()]);
        assert_eq!(run.status.code(), Some(2), "{toml}");
        let err = stderr(&run);
        assert!(err.contains(message), "{toml}: {err}");
        assert!(err.contains(place), "{toml}: {err}");
    }
    // --config names another file, wherever it is.
    let dir = tempfile::tempdir().unwrap();
    plugin(dir.path(), "a", "a", "");
    let config = dir.path().join("elsewhere.toml");
    fs::write(&config, "[severity]\nno-such-code = \"off\"\n").unwrap();
    let run = plugdep(&[
        "scan",
        dir.path().to_str().unwrap(),
        "--config",
        config.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).contains("\"no-such-code\" is not a finding code"),
        "{}",
        stderr(&run)
    );
}

#[test]
fn a_baseline_passes_known_findings_and_fails_new_ones() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    plugin(root, "a", "a", r#""b": "^1.0.0""#);
    plugin(root, "b", "b", r#""a": "^1.0.0""#);
    write(root, "a/index.js", "import 'b';\n");
    write(root, "b/index.js", "import 'a';\n");
    let root_arg = root.to_str().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let baseline = outside.path().join("plugdep-baseline.json");
    let written = plugdep(&["baseline", root_arg, "--output", baseline.to_str().unwrap()]);
    assert_eq!(written.status.code(), Some(0));
    assert_eq!(plugdep(&["scan", root_arg]).status.code(), Some(1));
    assert_eq!(
        plugdep(&["scan", root_arg, "--baseline", baseline.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );
    // A new problem still fails the run.
    plugin(root, "c", "c", "");
    write(root, "c/index.js", "import 'a';\n");
    let run = plugdep(&[
        "scan",
        root_arg,
        "--baseline",
        baseline.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(run.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_str(&stdout(&run)).unwrap();
    let new: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["known"] != true)
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(new, ["undeclared-dependency"]);
    assert_eq!(report["summary"]["known"], 1);
}

#[test]
fn type_edges_render_in_every_format() {
    let root = case("ts-type-cycle");
    let run = |format: &str| {
        let out = plugdep(&["scan", &root, "--format", format]);
        // The runtime cycle c → d → e → c is an error.
        assert_eq!(out.status.code(), Some(1), "{format}: {}", stderr(&out));
        stdout(&out)
    };
    let human = run("human");
    assert!(
        human.contains("plugin-b → plugin-a (type): import type { A } from 'plugin-a';"),
        "{human}"
    );
    assert!(
        human.contains("findings: 1 error, 2 warnings, 1 info"),
        "{human}"
    );
    let dot = run("dot");
    assert!(
        dot.contains(
            r##""plugin-b" -> "plugin-a" [label="type", style=dotted, color="#9467bd"];"##
        ),
        "{dot}"
    );
    let mermaid = run("mermaid");
    assert!(mermaid.contains("    p1 -.->|\"type\"| p0\n"), "{mermaid}");
    let sarif: serde_json::Value = serde_json::from_str(&run("sarif")).unwrap();
    let levels: Vec<(&str, &str)> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["ruleId"].as_str().unwrap(), r["level"].as_str().unwrap()))
        .collect();
    assert_eq!(
        levels,
        [
            ("dependency-cycle", "note"),
            ("undeclared-dependency", "warning"),
            ("dependency-cycle", "error"),
            ("undeclared-dependency", "warning"),
        ]
    );
}

#[test]
fn include_type_edges_applies_to_order_why_and_plugdep_toml() {
    let root = case("ts-type-cycle");
    let order = |extra: &[&str]| {
        let mut args = vec!["order", root.as_str()];
        args.extend_from_slice(extra);
        stdout(&plugdep(&args))
    };
    assert!(order(&[]).contains("  wave 2: plugin-a\n"));
    assert!(order(&["--include-type-edges"]).contains("  wave 1: (plugin-a ⇄ plugin-b),"));
    let why = stdout(&plugdep(&[
        "why",
        &root,
        "plugin-b",
        "plugin-a",
        "--include-type-edges",
    ]));
    assert!(why.contains("plugin-b → plugin-a  [import]"), "{why}");

    // `include-type-edges = true` in plugdep.toml does what the flag does.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    plugin(root, "a", "a", r#""b": "^1.0.0""#);
    plugin(root, "b", "b", "");
    write(
        root,
        "a/index.ts",
        "import { b } from 'b';\nexport interface A {}\nexport const a = b;\n",
    );
    write(
        root,
        "b/index.ts",
        "import type { A } from 'a';\nexport function b(): A {\n  return {};\n}\n",
    );
    let root_arg = root.to_str().unwrap();
    let kinds = |extra: &[&str]| {
        let mut args = vec!["scan", root_arg, "--format", "json"];
        args.extend_from_slice(extra);
        let run = plugdep(&args);
        let report: serde_json::Value = serde_json::from_str(&stdout(&run)).unwrap();
        (report["edges"][1]["kinds"].clone(), run.status.code())
    };
    assert_eq!(kinds(&[]), (serde_json::json!(["type"]), Some(0)));
    let counted = (serde_json::json!(["import"]), Some(1));
    assert_eq!(kinds(&["--include-type-edges"]), counted);
    write(root, "plugdep.toml", "include-type-edges = true\n");
    assert_eq!(kinds(&[]), counted);
}

#[test]
fn type_only_imports_of_external_packages_use_their_types_package() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "a/package.json",
        r#"{"name": "a", "version": "1.0.0", "devDependencies": {"@types/node": "^20.0.0", "@types/acme__http": "^1.0.0"}}"#,
    );
    write(
        root,
        "a/index.ts",
        "/// <reference types=\"node\" />\nimport type { Request } from '@acme/http';\nimport type { X } from 'nowhere';\n",
    );
    let run = plugdep(&[
        "scan",
        root.to_str().unwrap(),
        "--check-externals",
        "--format",
        "json",
    ]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&run)).unwrap();
    let findings: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{} {} {}:{}",
                f["code"].as_str().unwrap(),
                f["severity"].as_str().unwrap(),
                f["line"],
                f["column"]
            )
        })
        .collect();
    // @types/node and @types/acme__http are used; `nowhere` is declared nowhere.
    assert_eq!(findings, ["undeclared-dependency warning 3:1"]);
    assert_eq!(run.status.code(), Some(0));
}
