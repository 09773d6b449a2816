//! The Mermaid flowchart: exact output for small cases, its structure for every corpus case,
//! and — when `PLUGDEP_MERMAID` names the parser installed by tests/sarif/setup-mermaid.sh —
//! what the real Mermaid parser reads from it (ids, decoded labels, arrows, classes, link
//! styles), compared with the JSON report.
//!
//! The flowcharts come from the binary (`plugdep scan CASE --format mermaid` with the
//! case's own arguments) and are compared with `--format json` of the same run.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use plugdep_analyzer::Options;
use serde_json::Value;

/// The flowchart of a root and the JSON report of the same analysis.
/// The `--format mermaid` output and the JSON report of one run configuration.
fn render(root: &Path, options: &Options) -> (String, Value) {
    let jobs = options.jobs.unwrap_or(2);
    let json =
        serde_json::from_str(&common::scan_format(root, "json", jobs)).expect("the report is JSON");
    (common::scan_format(root, "mermaid", jobs), json)
}

fn case(name: &str) -> String {
    render(&common::corpus().join(name), &Options::default()).0
}

#[test]
fn a_two_plugin_cycle_exactly() {
    // plugin-a imports plugin-b (from runtime and from test code), plugin-b imports
    // plugin-a: one cycle, both links thick and red, both nodes in the class `cycle`.
    assert_eq!(
        case("js-cycle-2"),
        r##"flowchart LR
    p0["plugin-a@1.0.0"]
    p1["plugin-b@1.0.0"]
    p0 ==>|"import, import-dev"| p1
    p1 ==>|"import"| p0
    classDef cycle stroke:#d62728,stroke-width:2px,color:#d62728
    class p0,p1 cycle
    linkStyle 0,1 stroke:#d62728,stroke-width:2px
"##
    );
}

#[test]
fn a_dev_only_cycle_exactly() {
    // plugin-b needs plugin-a only for its tests: a dotted link, and no runtime cycle to
    // highlight (the dev cycle is a warning finding, not a load-order problem).
    assert_eq!(
        case("js-dev-cycle"),
        r#"flowchart LR
    p0["plugin-a@2.0.0"]
    p1["plugin-b@1.0.0"]
    p0 -->|"declared-runtime, import"| p1
    p1 -.->|"declared-dev, import-dev"| p0
"#
    );
}

#[test]
fn demo_highlights_the_cycle_links_by_index() {
    let demo = case("demo");
    let links: Vec<&str> = demo
        .lines()
        .filter(|l| l.contains("-->") || l.contains("==>") || l.contains("-.->"))
        .collect();
    // auth → storage is link 1, storage → auth link 6 (edges in (from, to) order).
    assert_eq!(links[1], r#"    p0 ==>|"declared-runtime, import"| p3"#);
    assert_eq!(links[6], r#"    p3 ==>|"import"| p0"#);
    assert!(
        demo.ends_with(
            "    class p0,p3 cycle\n    linkStyle 1,6 stroke:#d62728,stroke-width:2px\n"
        )
    );
    assert!(demo.contains(r#"    p2 -->|"declared-optional, import, import-dev"| p4"#));
}

/// Link lines, node lines and the `linkStyle` indices of a flowchart.
struct Shape<'a> {
    nodes: Vec<&'a str>,
    links: Vec<&'a str>,
    styled: Vec<usize>,
}

fn shape(text: &str) -> Shape<'_> {
    let mut shape = Shape {
        nodes: Vec::new(),
        links: Vec::new(),
        styled: Vec::new(),
    };
    for line in text.lines().skip(1) {
        let line = line.trim_start();
        if let Some(rest) = line.strip_prefix("linkStyle ") {
            let indices = rest.split(' ').next().unwrap();
            shape.styled = indices.split(',').map(|i| i.parse().unwrap()).collect();
        } else if line.contains("|\"") {
            shape.links.push(line);
        } else if line.starts_with('p') {
            shape.nodes.push(line);
        }
    }
    shape
}

#[test]
fn every_case_has_one_node_per_plugin_and_one_link_per_edge() {
    for case in common::cases() {
        let name = common::name(&case);
        let (text, report) = render(&case, &Options::default());
        assert!(text.starts_with("flowchart LR\n"), "{name}");
        assert!(text.ends_with('\n'), "{name}");
        let shape = shape(&text);
        let plugins = report["plugins"].as_array().unwrap();
        let edges = report["edges"].as_array().unwrap();
        assert_eq!(shape.nodes.len(), plugins.len(), "{name}");
        for (i, node) in shape.nodes.iter().enumerate() {
            assert!(node.starts_with(&format!("p{i}[\"")), "{name}: {node}");
        }
        assert_eq!(shape.links.len(), edges.len(), "{name}");
        // linkStyle names exactly the thick links, by their index.
        let thick: Vec<usize> = (0..shape.links.len())
            .filter(|&i| shape.links[i].contains("==>"))
            .collect();
        assert_eq!(shape.styled, thick, "{name}");
        assert_eq!(
            text.contains("classDef cycle"),
            !report["cycles"].as_array().unwrap().is_empty(),
            "{name}"
        );
    }
}

#[test]
fn output_is_byte_identical_across_thread_counts() {
    for name in ["demo", "js-figure-eight", "js-two-cycles"] {
        let root = common::corpus().join(name);
        let outputs: Vec<String> = [1, 2, 8]
            .into_iter()
            .map(|jobs| {
                let options = Options {
                    jobs: Some(jobs),
                    ..Options::default()
                };
                render(&root, &options).0
            })
            .collect();
        assert_eq!(outputs[0], outputs[1], "{name}");
        assert_eq!(outputs[0], outputs[2], "{name}");
    }
}

const AWKWARD: &str = "a\"b#c<d>&e`f";

/// Plugins whose names need escaping: quotes, `#`, HTML characters, a backtick, something
/// that looks like one of Mermaid's entity codes; a runtime cycle and a dev-only edge.
fn awkward_plugins(root: &Path) {
    let write = |path: &str, text: String| {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    let awkward = serde_json::to_string(AWKWARD).unwrap();
    write(
        "package.json",
        r#"{ "private": true, "workspaces": ["plugins/*"] }"#.to_string(),
    );
    write(
        "plugins/a/package.json",
        format!(
            r#"{{ "name": {awkward}, "version": "1.0.0", "dependencies": {{ "@s/b.c-d": "1.0.0" }} }}"#
        ),
    );
    write(
        "plugins/b/package.json",
        format!(
            r#"{{ "name": "@s/b.c-d", "version": "1.0.0", "dependencies": {{ {awkward}: "1.0.0" }} }}"#
        ),
    );
    write(
        "plugins/c/package.json",
        r#"{ "name": "c.d-e", "version": "2.0.0-beta.1", "devDependencies": { "@s/b.c-d": "1.0.0" } }"#
            .to_string(),
    );
    write(
        "plugins/d/package.json",
        r##"{ "name": "#quot;" }"##.to_string(),
    );
}

#[test]
fn awkward_names_are_escaped() {
    let dir = tempfile::tempdir().unwrap();
    awkward_plugins(dir.path());
    let (text, report) = render(dir.path(), &Options::default());
    let names: Vec<&str> = report["plugins"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["#quot;", "@s/b.c-d", AWKWARD, "c.d-e"]);
    assert!(text.contains("    p0[\"#35;quot;\"]\n"), "{text}");
    assert!(text.contains("    p1[\"@s/b.c-d@1.0.0\"]\n"), "{text}");
    assert!(
        text.contains("    p2[\"a#quot;b#35;c#lt;d#gt;#amp;e#96;f@1.0.0\"]\n"),
        "{text}"
    );
    assert!(text.contains("    p3[\"c.d-e@2.0.0-beta.1\"]\n"), "{text}");
    assert!(
        text.contains("    p3 -.->|\"declared-dev\"| p1\n"),
        "{text}"
    );
}

/// What the Mermaid parser read from one file (a line of parse.mjs's output).
fn parsed(line: &str) -> Value {
    serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"))
}

/// The parse of `text` must say what `report` says.
fn assert_parse_matches(name: &str, parse: &Value, report: &Value) {
    assert_eq!(parse["ok"], true, "{name}: {}", parse["error"]);
    assert_eq!(parse["type"], "flowchart-v2", "{name}");
    let cycles = report["cycles"].as_array().unwrap();
    let cycle_of = |plugin: &str| {
        cycles
            .iter()
            .position(|c| c.as_array().unwrap().iter().any(|m| m == plugin))
    };
    let plugins = report["plugins"].as_array().unwrap();
    let index: BTreeMap<&str, usize> = plugins
        .iter()
        .enumerate()
        .map(|(i, p)| (p["name"].as_str().unwrap(), i))
        .collect();

    let vertices = parse["vertices"].as_array().unwrap();
    assert_eq!(vertices.len(), plugins.len(), "{name}: vertices");
    for (i, (vertex, plugin)) in vertices.iter().zip(plugins).enumerate() {
        let plugin_name = plugin["name"].as_str().unwrap();
        let label = match plugin["version"].as_str() {
            Some(v) => format!("{plugin_name}@{v}"),
            None => plugin_name.to_string(),
        };
        assert_eq!(vertex["id"], format!("p{i}"), "{name}");
        assert_eq!(
            vertex["label"], label,
            "{name}: the label as a viewer reads it"
        );
        let classes = vertex["classes"].as_array().unwrap();
        assert_eq!(
            classes.iter().any(|c| c == "cycle"),
            cycle_of(plugin_name).is_some(),
            "{name}: {plugin_name}"
        );
    }

    let edges = report["edges"].as_array().unwrap();
    let links = parse["edges"].as_array().unwrap();
    assert_eq!(links.len(), edges.len(), "{name}: links");
    for (link, edge) in links.iter().zip(edges) {
        let (from, to) = (edge["from"].as_str().unwrap(), edge["to"].as_str().unwrap());
        let at = format!("{name}: {from} -> {to}");
        let kinds: Vec<&str> = edge["kinds"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| k.as_str().unwrap())
            .collect();
        // The kinds that constrain load order (`EdgeKind::is_runtime`); dev, type,
        // inferred and dynamic edges are drawn dotted.
        let runtime = kinds.iter().any(|k| {
            matches!(
                *k,
                "declared-runtime" | "declared-peer" | "declared-optional" | "import"
            )
        });
        let in_cycle = runtime && cycle_of(from).is_some() && cycle_of(from) == cycle_of(to);
        assert_eq!(link["start"], format!("p{}", index[from]), "{at}");
        assert_eq!(link["end"], format!("p{}", index[to]), "{at}");
        assert_eq!(link["label"], kinds.join(", "), "{at}");
        let stroke = if in_cycle {
            "thick"
        } else if runtime {
            "normal"
        } else {
            "dotted"
        };
        assert_eq!(link["stroke"], stroke, "{at}");
        let red = link["style"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s == "stroke:#d62728");
        assert_eq!(red, in_cycle, "{at}: the linkStyle index");
    }
}

/// Parses every corpus case's flowchart and the awkward names' with the real Mermaid parser.
#[test]
fn the_mermaid_parser_reads_every_flowchart_as_meant() {
    let Some(parser) = std::env::var_os("PLUGDEP_MERMAID").filter(|v| !v.is_empty()) else {
        println!(
            "skipped: PLUGDEP_MERMAID is not set (see tests/sarif/README.md); \
             the flowcharts were checked structurally only"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut inputs: Vec<(String, PathBuf)> = common::cases()
        .into_iter()
        .map(|case| (common::name(&case), case))
        .collect();
    let awkward = dir.path().join("awkward");
    awkward_plugins(&awkward);
    inputs.push(("awkward".to_string(), awkward));

    let mut files = Vec::new();
    let mut reports = Vec::new();
    for (name, root) in &inputs {
        let (text, report) = render(root, &Options::default());
        let file = dir.path().join(format!("{name}.mmd"));
        std::fs::write(&file, text).unwrap();
        files.push(file);
        reports.push((name, report));
    }
    let output = Command::new(&parser)
        .args(&files)
        .output()
        .expect("the Mermaid parser runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = stdout.lines().filter(|l| l.starts_with('{')).collect();
    assert_eq!(
        lines.len(),
        files.len(),
        "one line per file ({}):\n{stdout}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    for (line, (name, report)) in lines.iter().zip(&reports) {
        assert_parse_matches(name, &parsed(line), report);
    }
    assert!(output.status.success(), "{stdout}");
    println!(
        "the Mermaid parser reads all {} flowcharts as meant",
        files.len()
    );
}
