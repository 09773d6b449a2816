//! The SARIF log of every corpus case: valid against the official SARIF 2.1.0 JSON schema
//! (always), accepted by Microsoft's SARIF multitool (when `PLUGDEP_SARIF_MULTITOOL` names
//! it, see tests/sarif/README.md), and saying what the JSON report says.
//!
//! The logs come from the binary (`plugdep scan CASE --format sarif` with the case's own
//! arguments) and are compared with `--format json` of the same run.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use plugdep_analyzer::location::{Location, Position, Span};
use plugdep_analyzer::{Code, Finding, Options, Severity};
use plugdep_reports::sarif;
use serde_json::{Value, json};

/// The official SARIF 2.1.0 schema, as shipped by `@microsoft/sarif-multitool-linux` 5.7.0
/// (`sarif-2.1.0.json`; origin and checksum in tests/sarif/README.md).
const SCHEMA: &str = include_str!("sarif/sarif-schema-2.1.0.json");

/// The SARIF log of a case and the JSON report of the same analysis.
/// The `--format sarif` output and the JSON report of one run configuration.
fn render(case: &Path, options: &Options) -> (String, Value) {
    let jobs = options.jobs.unwrap_or(2);
    let json =
        serde_json::from_str(&common::scan_format(case, "json", jobs)).expect("the report is JSON");
    (common::scan_format(case, "sarif", jobs), json)
}

fn parse(log: &str) -> Value {
    serde_json::from_str(log).expect("the SARIF log is JSON")
}

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(SCHEMA).expect("the SARIF schema is JSON");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles")
}

fn schema_errors(validator: &jsonschema::Validator, log: &Value) -> Vec<String> {
    validator
        .iter_errors(log)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

/// The SARIF level of a JSON report severity.
fn level(severity: &Value) -> &'static str {
    match severity.as_str() {
        Some("error") => "error",
        Some("warning") => "warning",
        Some("info") => "note",
        other => panic!("unknown severity {other:?}"),
    }
}

fn region(location: &Value) -> Value {
    json!({
        "startLine": location["line"],
        "startColumn": location["column"],
        "endLine": location["end_line"],
        "endColumn": location["end_column"],
    })
}

/// What a log must say about a JSON report, finding by finding.
fn assert_matches_report(name: &str, log: &Value, report: &Value) {
    assert_eq!(log["version"], "2.1.0", "{name}");
    assert_eq!(log["$schema"], sarif::SCHEMA_URI, "{name}");
    let runs = log["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 1, "{name}: one run");
    let run = &runs[0];
    assert_eq!(run["columnKind"], "unicodeCodePoints", "{name}");
    assert!(run["originalUriBaseIds"]["ROOT"].is_object(), "{name}");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], report["tool"]["name"], "{name}");
    assert_eq!(driver["version"], report["tool"]["version"], "{name}");

    let rules = driver["rules"].as_array().expect("rules");
    assert_eq!(rules.len(), Code::ALL.len(), "{name}: one rule per code");
    for (rule, code) in rules.iter().zip(Code::ALL) {
        assert_eq!(rule["id"], code.as_str(), "{name}");
        assert_eq!(
            rule["defaultConfiguration"]["level"],
            sarif::level(code.default_severity()),
            "{name}: {code}"
        );
        for text in [
            &rule["shortDescription"]["text"],
            &rule["fullDescription"]["text"],
            &rule["help"]["text"],
            &rule["help"]["markdown"],
        ] {
            assert!(
                text.as_str().is_some_and(|t| !t.is_empty()),
                "{name}: {code}"
            );
        }
    }

    let results = run["results"].as_array().expect("results");
    let findings = report["findings"].as_array().expect("findings");
    assert_eq!(
        results.len(),
        findings.len(),
        "{name}: one result per finding"
    );
    let mut fingerprints = BTreeSet::new();
    for (i, (result, finding)) in results.iter().zip(findings).enumerate() {
        let at = format!("{name}: result {i}");
        assert_eq!(result["ruleId"], finding["code"], "{at}");
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], result["ruleId"], "{at}: ruleIndex");
        assert_eq!(result["level"], level(&finding["severity"]), "{at}");
        let text = result["message"]["text"].as_str().expect("message text");
        assert!(
            text.starts_with(finding["message"].as_str().unwrap()),
            "{at}: {text}"
        );
        if let Some(help) = finding["help"].as_str() {
            assert!(text.contains(help), "{at}: the help is in the message");
            assert_eq!(result["properties"]["help"], help, "{at}");
        }
        for key in ["plugin", "edge", "cycle", "subject"] {
            assert_eq!(
                result["properties"].get(key),
                finding.get(key),
                "{at}: {key}"
            );
        }
        match finding["file"].as_str() {
            Some(file) => {
                let physical = &result["locations"][0]["physicalLocation"];
                assert_eq!(
                    physical["artifactLocation"]["uri"],
                    sarif::uri(file),
                    "{at}"
                );
                assert_eq!(physical["artifactLocation"]["uriBaseId"], "ROOT", "{at}");
                assert_eq!(physical["region"], region(finding), "{at}");
            }
            None => assert!(result.get("locations").is_none(), "{at}"),
        }
        let related = finding["related"].as_array().cloned().unwrap_or_default();
        let sarif_related = result["relatedLocations"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert_eq!(sarif_related.len(), related.len(), "{at}: related");
        for (id, (r, s)) in related.iter().zip(&sarif_related).enumerate() {
            assert_eq!(s["id"], id, "{at}");
            assert_eq!(s["message"]["text"], r["message"], "{at}");
            let physical = &s["physicalLocation"];
            let file = r["file"].as_str().unwrap();
            assert_eq!(
                physical["artifactLocation"]["uri"],
                sarif::uri(file),
                "{at}"
            );
            assert_eq!(physical["region"], region(r), "{at}");
        }
        let fingerprint = result["partialFingerprints"][sarif::FINGERPRINT_KEY]
            .as_str()
            .expect("a fingerprint");
        assert!(
            fingerprints.insert(fingerprint.to_string()),
            "{at}: fingerprint {fingerprint} is not unique"
        );
    }
}

#[test]
fn every_case_is_valid_sarif_and_says_what_the_report_says() {
    let validator = validator();
    for case in common::cases() {
        let name = common::name(&case);
        let (text, report) = render(&case, &Options::default());
        assert!(text.ends_with("}\n"), "{name}: a trailing newline");
        let log = parse(&text);
        let errors = schema_errors(&validator, &log);
        assert!(errors.is_empty(), "{name}: {errors:#?}");
        assert_matches_report(&name, &log, &report);
    }
}

#[test]
fn the_schema_check_rejects_invalid_logs() {
    let validator = validator();
    let (text, _) = render(&common::corpus().join("demo"), &Options::default());
    let log = parse(&text);
    assert!(validator.is_valid(&log));
    let mut bad = log.clone();
    bad["runs"][0]["results"][0]["level"] = json!("fatal");
    assert!(!validator.is_valid(&bad), "an unknown level");
    let mut bad = log.clone();
    bad["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        json!(0);
    assert!(!validator.is_valid(&bad), "lines start at 1");
    let mut bad = log;
    bad["runs"][0]["results"][0]["surprise"] = json!(true);
    assert!(!validator.is_valid(&bad), "an unknown property");
}

#[test]
fn output_is_byte_identical_across_thread_counts() {
    for name in ["demo", "js-figure-eight", "semver-npm"] {
        let case = common::corpus().join(name);
        let logs: Vec<String> = [1, 2, 8]
            .into_iter()
            .map(|jobs| {
                let options = Options {
                    jobs: Some(jobs),
                    ..Options::default()
                };
                render(&case, &options).0
            })
            .collect();
        assert_eq!(logs[0], logs[1], "{name}");
        assert_eq!(logs[0], logs[2], "{name}");
    }
}

#[test]
fn demo_exact_values() {
    let case = common::corpus().join("demo");
    let (text, report) = render(&case, &Options::default());
    let log = parse(&text);
    let run = &log["runs"][0];

    let ids: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "dependency-cycle",
            "missing-dependency",
            "version-mismatch",
            "invalid-version",
            "duplicate-plugin",
            "host-incompatible",
            "undeclared-dependency",
            "unused-dependency",
            "unexported-symbol",
            "unexported-subpath",
            "deep-import",
            "inferred-reference",
            "ambiguous-reference",
            "build-mismatch",
            "unresolved-dynamic-import",
            "policy-violation",
            "parse-error",
            "manifest-error",
            "path-escape",
            "file-skipped",
            "unused-suppression",
        ]
    );
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let levels: Vec<&str> = rules
        .iter()
        .map(|r| r["defaultConfiguration"]["level"].as_str().unwrap())
        .collect();
    assert_eq!(levels[0], "error");
    assert_eq!(levels[7], "warning", "unused-dependency");
    assert_eq!(levels[19], "note", "file-skipped");

    // The JSON report of the binary is the source of truth.
    let (_, cli, _) = common::scan_json(&case, 2);
    assert_eq!(cli["findings"], report["findings"], "library and CLI agree");
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), cli["findings"].as_array().unwrap().len());
    assert_eq!(results.len(), 3);

    let missing = &results[2];
    assert_eq!(missing["ruleId"], "missing-dependency");
    assert_eq!(missing["ruleIndex"], 1);
    assert_eq!(missing["level"], "error");
    assert_eq!(
        missing["message"]["text"],
        "telemetry needs net-client (dependencies \"^2.0.0\"), which is not in the plugin set. \
         Help: add the plugin net-client to the set, or remove it from dependencies."
    );
    assert_eq!(
        missing["locations"],
        json!([{ "physicalLocation": {
            "artifactLocation": { "uri": "plugins/telemetry/plugin.json", "uriBaseId": "ROOT" },
            "region": { "startLine": 7, "startColumn": 5, "endLine": 7, "endColumn": 17 }
        }}])
    );
    assert_eq!(missing["properties"]["plugin"], "telemetry");

    let cycle = &results[0];
    assert_eq!(cycle["ruleId"], "dependency-cycle");
    assert_eq!(cycle["ruleIndex"], 0);
    assert_eq!(cycle["level"], "error");
    assert_eq!(
        cycle["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "plugins/auth/index.js"
    );
    assert_eq!(
        cycle["locations"][0]["physicalLocation"]["region"],
        json!({ "startLine": 2, "startColumn": 1, "endLine": 2, "endColumn": 38 })
    );
    assert_eq!(cycle["properties"]["cycle"], json!(["auth", "storage"]));
    assert_eq!(cycle["properties"]["plugin"], "auth");
    assert_eq!(
        cycle["relatedLocations"],
        json!([
            {
                "id": 0,
                "physicalLocation": {
                    "artifactLocation": { "uri": "plugins/auth/index.js", "uriBaseId": "ROOT" },
                    "region": { "startLine": 2, "startColumn": 1, "endLine": 2, "endColumn": 38 }
                },
                "message": { "text": "auth → storage (import): import { saveSecret } from 'storage';" }
            },
            {
                "id": 1,
                "physicalLocation": {
                    "artifactLocation": { "uri": "plugins/storage/index.js", "uriBaseId": "ROOT" },
                    "region": { "startLine": 2, "startColumn": 1, "endLine": 2, "endColumn": 37 }
                },
                "message": { "text": "storage → auth (import): import { currentToken } from 'auth';" }
            }
        ])
    );
    // The same related locations as the CLI's JSON report.
    let related = cli["findings"][0]["related"].as_array().unwrap();
    assert_eq!(related.len(), 2);
    for (r, s) in related
        .iter()
        .zip(cycle["relatedLocations"].as_array().unwrap())
    {
        assert_eq!(
            s["physicalLocation"]["artifactLocation"]["uri"],
            r["file"].clone()
        );
        assert_eq!(s["physicalLocation"]["region"]["startLine"], r["line"]);
        assert_eq!(s["physicalLocation"]["region"]["startColumn"], r["column"]);
        assert_eq!(s["message"]["text"], r["message"]);
    }

    let undeclared = &results[1];
    assert_eq!(undeclared["ruleId"], "undeclared-dependency");
    assert_eq!(
        undeclared["properties"]["edge"],
        json!({ "from": "storage", "to": "auth" })
    );
}

#[test]
fn semver_npm_exact_values() {
    let case = common::corpus().join("semver-npm");
    let (text, report) = render(&case, &Options::default());
    let (_, cli, _) = common::scan_json(&case, 2);
    assert_eq!(cli["findings"], report["findings"], "library and CLI agree");
    let log = parse(&text);
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 6);
    let levels: Vec<&str> = results
        .iter()
        .map(|r| r["level"].as_str().unwrap())
        .collect();
    assert_eq!(
        levels,
        ["error", "error", "error", "error", "warning", "warning"]
    );
    // An optional dependency out of range: a warning, with the other end as related location.
    let metrics = &results[4];
    assert_eq!(metrics["ruleId"], "version-mismatch");
    assert_eq!(metrics["ruleIndex"], 2);
    assert_eq!(
        metrics["locations"][0]["physicalLocation"],
        json!({
            "artifactLocation": { "uri": "plugins/app/package.json", "uriBaseId": "ROOT" },
            "region": { "startLine": 14, "startColumn": 16, "endLine": 14, "endColumn": 26 }
        })
    );
    assert_eq!(
        metrics["relatedLocations"],
        json!([{
            "id": 0,
            "physicalLocation": {
                "artifactLocation": { "uri": "plugins/metrics/package.json", "uriBaseId": "ROOT" },
                "region": { "startLine": 3, "startColumn": 14, "endLine": 3, "endColumn": 21 }
            },
            "message": { "text": "metrics is 3.0.0" }
        }])
    );
    assert_eq!(
        metrics["properties"]["edge"],
        json!({ "from": "app", "to": "metrics" })
    );
}

#[test]
fn notes_for_info_findings() {
    let (text, _) = render(&common::corpus().join("js-workspace"), &Options::default());
    let log = parse(&text);
    let result = &log["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "file-skipped");
    assert_eq!(result["ruleIndex"], 19);
    assert_eq!(result["level"], "note");
    // A finding about a whole file: an empty region at its start.
    assert_eq!(
        result["locations"][0]["physicalLocation"]["region"],
        json!({ "startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 1 })
    );
}

/// Findings that no corpus case makes: no location, an awkward path, a known one.
fn synthetic_log() -> String {
    let analysis =
        plugdep_analyzer::analyze(&common::corpus().join("js-cycle-2"), &Options::default())
            .unwrap();
    let start = Position { line: 3, column: 7 };
    let end = Position {
        line: 3,
        column: 12,
    };
    let mut known = Finding::new(Code::UnusedDependency, "x declares y but never imports it")
        .plugin("x")
        .edge("x", "y");
    known.known = true;
    let findings = vec![
        Finding::new(Code::DuplicatePlugin, "two plugins are named dup").help("rename one of them"),
        Finding::new(
            Code::FileSkipped,
            "a file with an awkward name was not read",
        )
        .severity(Severity::Info)
        .at(Location::new(
            "plugins/@scope/ä b/100%#1.js",
            Span { start, end },
        ))
        .related(
            Location::file_start("plugins/x:y/package.json"),
            "its manifest",
        ),
        known,
    ];
    let mut report = analysis.report();
    report.findings = &findings;
    sarif::render(&report)
}

#[test]
fn findings_without_a_location_and_awkward_paths() {
    let log = parse(&synthetic_log());
    let errors = schema_errors(&validator(), &log);
    assert!(errors.is_empty(), "{errors:#?}");
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 3);
    assert!(results[0].get("locations").is_none());
    assert!(results[0].get("relatedLocations").is_none());
    assert_eq!(
        results[0]["message"]["text"],
        "two plugins are named dup. Help: rename one of them."
    );
    assert_eq!(
        results[1]["locations"][0]["physicalLocation"],
        json!({
            "artifactLocation": {
                "uri": "plugins/@scope/%C3%A4%20b/100%25%231.js",
                "uriBaseId": "ROOT"
            },
            "region": { "startLine": 3, "startColumn": 7, "endLine": 3, "endColumn": 12 }
        })
    );
    assert_eq!(
        results[1]["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "plugins/x%3Ay/package.json"
    );
    // One known finding: every result tells whether it is new.
    let states: Vec<&str> = results
        .iter()
        .map(|r| r["baselineState"].as_str().unwrap())
        .collect();
    assert_eq!(states, ["new", "new", "unchanged"]);
    assert_eq!(results[2]["properties"]["known"], true);
}

#[test]
fn fingerprints_ignore_lines() {
    let analysis =
        plugdep_analyzer::analyze(&common::corpus().join("js-cycle-2"), &Options::default())
            .unwrap();
    // The fingerprints of parse errors at these lines of one file.
    let fingerprints = |lines: &[u32]| -> Vec<String> {
        let findings: Vec<Finding> = lines
            .iter()
            .map(|&line| {
                let at = Position { line, column: 1 };
                Finding::new(Code::ParseError, "syntax error")
                    .plugin("a")
                    .at(Location::new("a/index.js", Span { start: at, end: at }))
            })
            .collect();
        let mut report = analysis.report();
        report.findings = &findings;
        parse(&sarif::render(&report))["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r["partialFingerprints"][sarif::FINGERPRINT_KEY]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect()
    };
    assert_eq!(fingerprints(&[3]), fingerprints(&[30]));
    assert_eq!(fingerprints(&[3])[0].len(), 16);
    // Two alike findings in one file: told apart by their order, which lines do not change.
    let two = fingerprints(&[3, 9]);
    assert_ne!(two[0], two[1]);
    assert_eq!(two, fingerprints(&[5, 40]));
    assert_eq!(two[0], fingerprints(&[3])[0]);
}

/// Runs the official validator (Microsoft's SARIF multitool, installed by
/// tests/sarif/setup.sh) on every case's log, the synthetic log and a canary that must fail.
#[test]
fn the_official_multitool_accepts_every_log() {
    let Some(multitool) = std::env::var_os("PLUGDEP_SARIF_MULTITOOL").filter(|v| !v.is_empty())
    else {
        println!(
            "skipped: PLUGDEP_SARIF_MULTITOOL is not set (see tests/sarif/README.md); \
             the logs were checked against the SARIF schema only"
        );
        return;
    };
    let multitool = Path::new(&multitool);
    assert!(
        multitool.is_file(),
        "PLUGDEP_SARIF_MULTITOOL={} is not a file",
        multitool.display()
    );

    // The committed schema is the one the multitool ships.
    let shipped = multitool.with_file_name("sarif-2.1.0.json");
    if shipped.is_file() {
        assert_eq!(
            std::fs::read_to_string(&shipped).unwrap(),
            SCHEMA,
            "tests/sarif/sarif-schema-2.1.0.json differs from {}",
            shipped.display()
        );
    }

    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for case in common::cases() {
        let file = dir.path().join(format!("{}.sarif", common::name(&case)));
        std::fs::write(&file, render(&case, &Options::default()).0).unwrap();
        files.push(file);
    }
    let synthetic = dir.path().join("synthetic.sarif");
    std::fs::write(&synthetic, synthetic_log()).unwrap();
    files.push(synthetic);
    // A canary: a log the validator must reject, so that a validator that checks nothing
    // cannot pass this test.
    let mut canary = parse(&render(&common::corpus().join("demo"), &Options::default()).0);
    canary["runs"][0]["results"][0]["plugdepCanary"] = json!(true);
    let canary_file = dir.path().join("canary.sarif");
    std::fs::write(&canary_file, serde_json::to_string_pretty(&canary).unwrap()).unwrap();
    files.push(canary_file);

    let out = dir.path().join("validation.sarif");
    let output = Command::new(multitool)
        .arg("validate")
        .args(&files)
        .arg("--output")
        .arg(&out)
        .args(["--log", "ForceOverwrite"])
        .args(["--level", "Error;Warning;Note"])
        .output()
        .expect("the multitool runs");
    assert!(
        output.status.success(),
        "the multitool failed ({}):\n{}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let validation: Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("the multitool's log"))
            .expect("the multitool's log is JSON");
    let run = &validation["runs"][0];
    assert_eq!(
        run["invocations"][0]["executionSuccessful"], true,
        "{:#}",
        run["invocations"]
    );

    // Results by file name: errors and warnings fail; notes (advice such as "rule ids
    // should look like CS2001", "provide snippets") are counted.
    let mut problems = Vec::new();
    let mut canary_errors = 0;
    let mut notes = 0;
    for result in run["results"].as_array().unwrap() {
        let uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap_or("?");
        let file = uri.rsplit('/').next().unwrap_or(uri);
        let level = result["level"].as_str().unwrap_or("warning");
        if file == "canary.sarif" {
            canary_errors += usize::from(level == "error");
            continue;
        }
        match level {
            "error" | "warning" => problems.push(format!(
                "{file}: {level} {} {}",
                result["ruleId"], result["message"]
            )),
            _ => notes += 1,
        }
    }
    assert!(
        canary_errors > 0,
        "the multitool did not reject the canary: it validated nothing"
    );
    assert!(problems.is_empty(), "{problems:#?}");
    println!(
        "the SARIF multitool accepts all {} logs (no error, no warning; {notes} notes)",
        files.len() - 1
    );
}
