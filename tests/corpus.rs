//! Every corpus case, scanned end to end, against the result written down next to it
//! (`corpus/<case>/expected.json`, format in corpus/README.md).

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|a| {
            a.iter()
                .map(|v| v.as_str().unwrap_or("?").to_string())
                .collect()
        })
        .unwrap_or_default()
}

fn lists(value: &Value) -> Vec<Vec<String>> {
    value
        .as_array()
        .map(|a| a.iter().map(strings).collect())
        .unwrap_or_default()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

fn location(v: &Value) -> String {
    format!(
        "{}:{}:{}",
        v["file"].as_str().unwrap_or("?"),
        v["line"],
        v["column"]
    )
}

/// The parts of a report that `expected.json` speaks of, in its notation.
struct Actual {
    plugins: Vec<String>,
    edges: BTreeMap<String, Vec<String>>,
    evidence: BTreeMap<String, Vec<String>>,
    cycles: Vec<Vec<String>>,
    cycle_paths: Vec<Vec<String>>,
    load_order: Vec<String>,
    load_waves: Vec<Vec<String>>,
    findings: Vec<String>,
}

fn project(report: &Value) -> Actual {
    let mut edges = BTreeMap::new();
    let mut evidence = BTreeMap::new();
    for edge in report["edges"].as_array().unwrap() {
        let key = format!(
            "{} -> {}",
            edge["from"].as_str().unwrap(),
            edge["to"].as_str().unwrap()
        );
        edges.insert(key.clone(), sorted(strings(&edge["kinds"])));
        let items = edge["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                // Inferred and dynamic evidence carries its confidence: `inferred:high`.
                let kind = match e["confidence"].as_str() {
                    Some(confidence) => format!("{}:{confidence}", e["kind"].as_str().unwrap()),
                    None => e["kind"].as_str().unwrap().to_string(),
                };
                format!(
                    "{kind} {} {}",
                    location(e),
                    e["specifier"].as_str().unwrap()
                )
            })
            .collect();
        evidence.insert(key, sorted(items));
    }
    let findings = report["findings"].as_array().unwrap();
    let mut cycle_paths: Vec<Vec<String>> = findings
        .iter()
        .filter(|f| f["code"] == "dependency-cycle")
        .map(|f| strings(&f["cycle"]))
        .collect();
    cycle_paths.sort();
    Actual {
        plugins: report["plugins"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap().to_string())
            .collect(),
        edges,
        evidence,
        cycles: lists(&report["cycles"]),
        cycle_paths,
        load_order: strings(&report["load_order"]),
        load_waves: lists(&report["load_waves"]),
        findings: sorted(
            findings
                .iter()
                .map(|f| {
                    let place = if f["file"].is_string() {
                        location(f)
                    } else {
                        "-".to_string()
                    };
                    let known = if f["known"] == true { " known" } else { "" };
                    format!(
                        "{} {} {} {}{known}",
                        f["code"].as_str().unwrap(),
                        f["severity"].as_str().unwrap(),
                        f["plugin"].as_str().unwrap_or("-"),
                        place
                    )
                })
                .collect(),
        ),
    }
}

fn check_case(case: &Path) -> Vec<String> {
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(case.join("expected.json")).unwrap())
            .unwrap_or_else(|e| panic!("{}: expected.json is not JSON: {e}", case.display()));
    let (_, report, exit) = common::scan_json(case, 2);
    let actual = project(&report);
    let mut problems = Vec::new();
    let mut compare = |what: &str, want: String, got: String| {
        if want != got {
            problems.push(format!("{what}:\n    expected {want}\n    actual   {got}"));
        }
    };

    compare(
        "plugins",
        format!("{:?}", strings(&expected["plugins"])),
        format!("{:?}", actual.plugins),
    );
    let want_edges: BTreeMap<String, Vec<String>> = expected["edges"]
        .as_object()
        .expect("edges")
        .iter()
        .map(|(k, v)| (k.clone(), sorted(strings(v))))
        .collect();
    compare(
        "edges",
        format!("{want_edges:?}"),
        format!("{:?}", actual.edges),
    );
    compare(
        "cycles",
        format!("{:?}", lists(&expected["cycles"])),
        format!("{:?}", actual.cycles),
    );
    if !expected["cycle_paths"].is_null() {
        let mut want = lists(&expected["cycle_paths"]);
        want.sort();
        compare(
            "cycle_paths",
            format!("{want:?}"),
            format!("{:?}", actual.cycle_paths),
        );
    }
    compare(
        "load_order",
        format!("{:?}", strings(&expected["load_order"])),
        format!("{:?}", actual.load_order),
    );
    if !expected["load_waves"].is_null() {
        compare(
            "load_waves",
            format!("{:?}", lists(&expected["load_waves"])),
            format!("{:?}", actual.load_waves),
        );
    }
    let want_findings = sorted(strings(&expected["findings"]));
    compare(
        "findings",
        format!("{want_findings:#?}"),
        format!("{:#?}", actual.findings),
    );
    if let Some(want) = expected["evidence"].as_object() {
        for (edge, items) in want {
            compare(
                &format!("evidence of {edge}"),
                format!("{:#?}", sorted(strings(items))),
                format!(
                    "{:#?}",
                    actual.evidence.get(edge).cloned().unwrap_or_default()
                ),
            );
        }
    }
    // Known findings (in a baseline) never fail the run.
    let want_exit = i32::from(
        want_findings
            .iter()
            .any(|f| f.split(' ').nth(1) == Some("error") && !f.ends_with(" known")),
    );
    compare("exit code", want_exit.to_string(), exit.to_string());
    problems
}

#[test]
fn every_corpus_case_gives_its_expected_result() {
    let mut failures = Vec::new();
    for case in common::cases() {
        let problems = check_case(&case);
        if !problems.is_empty() {
            failures.push(format!(
                "── {} ──\n  {}",
                common::name(&case),
                problems.join("\n  ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} case(s) differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_report_validates_against_the_schema() {
    let schema: Value = serde_json::from_str(plugdep_reports_schema()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    for case in common::cases() {
        let (_, report, _) = common::scan_json(&case, 2);
        let errors: Vec<String> = validator
            .iter_errors(&report)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", common::name(&case));
    }
}

#[test]
fn the_schema_rejects_what_the_contract_forbids() {
    let schema: Value = serde_json::from_str(plugdep_reports_schema()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let (_, report, _) = common::scan_json(&common::corpus().join("demo"), 1);
    assert!(validator.is_valid(&report));
    let mut extra = report.clone();
    extra["surprise"] = Value::Bool(true);
    assert!(
        !validator.is_valid(&extra),
        "unknown top-level keys must fail"
    );
    let mut bad_code = report.clone();
    bad_code["findings"][0]["code"] = Value::from("not-a-code");
    assert!(
        !validator.is_valid(&bad_code),
        "unknown finding codes must fail"
    );
}

fn plugdep_reports_schema() -> &'static str {
    include_str!("../reports/schema/report.schema.json")
}

#[test]
fn output_is_byte_identical_whatever_the_thread_count() {
    for case in common::cases() {
        let root = case.to_str().unwrap();
        for format in ["json", "human", "dot"] {
            let extra = common::case_args(&case);
            let run = |jobs: &str| {
                let mut args = vec!["scan", root, "--format", format, "--jobs", jobs];
                args.extend(extra.iter().map(String::as_str));
                common::stdout(&common::plugdep(&args))
            };
            let one = run("1");
            assert_eq!(
                one,
                run("8"),
                "{} --format {format}: --jobs 1 and 8 differ",
                common::name(&case)
            );
            assert_eq!(
                one,
                run("2"),
                "{} --format {format}: --jobs 1 and 2 differ",
                common::name(&case)
            );
        }
    }
}
