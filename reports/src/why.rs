//! `plugdep why A B`: every path from one plugin to another, each hop with its evidence.

use std::fmt::Write;

use plugdep_analyzer::{Edge, Report};
use serde::Serialize;

#[derive(Serialize)]
struct WhyJson<'a> {
    from: &'a str,
    to: &'a str,
    paths: Vec<PathJson<'a>>,
}

#[derive(Serialize)]
struct PathJson<'a> {
    plugins: &'a [&'a str],
    hops: Vec<&'a Edge>,
}

fn edge<'r>(report: &'r Report<'_>, from: &str, to: &str) -> Option<&'r Edge> {
    report
        .edges
        .binary_search_by(|e| (e.from.as_str(), e.to.as_str()).cmp(&(from, to)))
        .ok()
        .map(|i| &report.edges[i])
}

/// The paths as JSON: `{from, to, paths: [{plugins, hops: [edge]}]}`.
pub fn render_json(report: &Report<'_>, from: &str, to: &str, paths: &[Vec<&str>]) -> String {
    let why = WhyJson {
        from,
        to,
        paths: paths
            .iter()
            .map(|p| PathJson {
                plugins: p,
                hops: p
                    .windows(2)
                    .filter_map(|w| edge(report, w[0], w[1]))
                    .collect(),
            })
            .collect(),
    };
    let mut json = serde_json::to_string_pretty(&why).expect("serialises");
    json.push('\n');
    json
}

/// The paths for people.
pub fn render_human(report: &Report<'_>, from: &str, to: &str, paths: &[Vec<&str>]) -> String {
    let mut out = String::new();
    if paths.is_empty() {
        let _ = writeln!(
            out,
            "{from} does not depend on {to}, directly or transitively."
        );
        return crate::printable(&out).into_owned();
    }
    let _ = writeln!(
        out,
        "{from} depends on {to} through {} path{} (shortest first):",
        paths.len(),
        if paths.len() == 1 { "" } else { "s" }
    );
    for (i, path) in paths.iter().enumerate() {
        let _ = writeln!(out, "\n{}. {}", i + 1, path.join(" → "));
        for hop in path.windows(2) {
            let Some(edge) = edge(report, hop[0], hop[1]) else {
                continue;
            };
            let kinds: Vec<&str> = edge.kinds.iter().map(|k| k.as_str()).collect();
            let _ = writeln!(out, "   {} → {}  [{}]", hop[0], hop[1], kinds.join(", "));
            for evidence in &edge.evidence {
                let _ = writeln!(
                    out,
                    "       {}:{}:{}  {}",
                    evidence.location.file,
                    evidence.location.line,
                    evidence.location.column,
                    evidence.text
                );
            }
        }
    }
    crate::printable(&out).into_owned()
}
