//! Graphviz DOT: plugins as boxes, one line style per edge kind, cycle members and cycle
//! edges in red.

use std::fmt::Write;

use plugdep_analyzer::{EdgeKind, Report};

/// The graph in DOT. Render with `dot -Tsvg`.
///
/// ```
/// use std::path::Path;
/// let analysis =
///     plugdep_analyzer::analyze(Path::new("../corpus/js-cycle-2"), &Default::default()).unwrap();
/// let dot = plugdep_reports::dot::render(&analysis.report());
/// // plugin-a and plugin-b import each other: both edges are drawn red.
/// assert!(dot.contains(r##""plugin-b" -> "plugin-a" [label="import", style=solid, color="#d62728""##));
/// ```
pub fn render(report: &Report<'_>) -> String {
    let in_cycle = |name: &str| {
        report
            .cycles
            .iter()
            .position(|c| c.iter().any(|m| m == name))
    };
    let mut out = String::from("digraph plugdep {\n");
    out.push_str("  rankdir=LR;\n");
    out.push_str("  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n");
    out.push_str("  edge [fontname=\"Helvetica\", fontsize=10];\n");
    for plugin in &report.plugins {
        let label = match plugin.version {
            Some(v) => format!("{}\\n{}", escape(plugin.name), escape(v)),
            None => escape(plugin.name),
        };
        let highlight = if in_cycle(plugin.name).is_some() {
            ", color=\"#d62728\", fontcolor=\"#d62728\", penwidth=2"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  \"{}\" [label=\"{label}\"{highlight}];",
            escape(plugin.name)
        );
    }
    for edge in report.edges {
        let primary = primary_kind(edge.kinds.iter().copied());
        let (style, color) = style_of(primary);
        let cycle_edge = edge.is_runtime()
            && in_cycle(&edge.from).is_some()
            && in_cycle(&edge.from) == in_cycle(&edge.to);
        let color = if cycle_edge { "#d62728" } else { color };
        let kinds: Vec<&str> = edge.kinds.iter().map(|k| k.as_str()).collect();
        let _ = writeln!(
            out,
            "  \"{}\" -> \"{}\" [label=\"{}\", style={style}, color=\"{color}\"{}];",
            escape(&edge.from),
            escape(&edge.to),
            kinds.join("\\n"),
            if cycle_edge { ", penwidth=2" } else { "" }
        );
    }
    out.push_str("}\n");
    out
}

/// The kind that decides an edge's look: code imports over declarations, runtime over dev.
fn primary_kind(kinds: impl Iterator<Item = EdgeKind>) -> EdgeKind {
    const PRECEDENCE: [EdgeKind; 9] = [
        EdgeKind::Import,
        EdgeKind::DeclaredRuntime,
        EdgeKind::DeclaredPeer,
        EdgeKind::DeclaredOptional,
        EdgeKind::Inferred,
        EdgeKind::Type,
        EdgeKind::Dynamic,
        EdgeKind::ImportDev,
        EdgeKind::DeclaredDev,
    ];
    let kinds: Vec<EdgeKind> = kinds.collect();
    PRECEDENCE
        .into_iter()
        .find(|k| kinds.contains(k))
        .unwrap_or(EdgeKind::Import)
}

fn style_of(kind: EdgeKind) -> (&'static str, &'static str) {
    match kind {
        EdgeKind::Import => ("solid", "#333333"),
        EdgeKind::DeclaredRuntime => ("dashed", "#333333"),
        EdgeKind::DeclaredPeer => ("dashed", "#1f77b4"),
        EdgeKind::DeclaredOptional => ("dashed", "#999999"),
        EdgeKind::ImportDev => ("dotted", "#2ca02c"),
        EdgeKind::DeclaredDev => ("dotted", "#999999"),
        EdgeKind::Type => ("dotted", "#9467bd"),
        EdgeKind::Inferred => ("dashed", "#ff7f0e"),
        EdgeKind::Dynamic => ("dotted", "#ff7f0e"),
    }
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn import_wins_over_declaration_and_dev() {
        assert_eq!(
            primary_kind(
                [
                    EdgeKind::DeclaredDev,
                    EdgeKind::Import,
                    EdgeKind::DeclaredRuntime
                ]
                .into_iter()
            ),
            EdgeKind::Import
        );
        assert_eq!(
            primary_kind([EdgeKind::DeclaredDev, EdgeKind::ImportDev].into_iter()),
            EdgeKind::ImportDev
        );
    }

    #[test]
    fn names_are_escaped() {
        assert_eq!(escape(r#"a"b\c"#), r#"a\"b\\c"#);
    }
}
