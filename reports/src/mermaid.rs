//! Mermaid: the plugin graph as a `flowchart LR`, which GitHub and most Markdown viewers
//! render inside a ```` ```mermaid ```` block.
//!
//! - Nodes are `p0, p1, …` in the report's plugin order (plugin names hold `@ / - .`,
//!   which Mermaid ids cannot); the label is `name@version`, with Mermaid's entity codes
//!   for the characters that would end or change it (`#` → `#35;`, `"` → `#quot;`, …).
//! - One link per edge, in the report's edge order, labelled with its kinds: `-.->` when
//!   no kind is a runtime kind (dev, `type`, `inferred`, `dynamic`), `==>` for an edge
//!   inside a cycle, `-->` otherwise.
//! - Cycle members get the class `cycle`; cycle edges a red `linkStyle` (a link's index is
//!   its position among the links, which is the edge's position in the report).

use std::fmt::Write;

use plugdep_analyzer::Report;

/// The colour of cycles, as in the DOT rendering.
const CYCLE_COLOR: &str = "#d62728";

/// The graph as a Mermaid flowchart, ending in a newline; byte-identical for the same input.
///
/// ```
/// use std::path::Path;
/// let analysis =
///     plugdep_analyzer::analyze(Path::new("../corpus/js-cycle-2"), &Default::default()).unwrap();
/// let mermaid = plugdep_reports::mermaid::render(&analysis.report());
/// assert!(mermaid.starts_with("flowchart LR\n"));
/// // plugin-a and plugin-b import each other: both links are thick and red.
/// assert!(mermaid.contains("    p1 ==>|\"import\"| p0\n"));
/// assert!(mermaid.contains("    linkStyle 0,1 stroke:#d62728,stroke-width:2px\n"));
/// ```
pub fn render(report: &Report<'_>) -> String {
    // Node ids: the report's plugins in order (names are unique there), then, defensively,
    // any edge end that is not a plugin, in edge order.
    let mut nodes: Vec<(&str, Option<&str>)> = Vec::new();
    for plugin in &report.plugins {
        if !nodes.iter().any(|(n, _)| *n == plugin.name) {
            nodes.push((plugin.name, plugin.version));
        }
    }
    for edge in report.edges {
        for end in [edge.from.as_str(), edge.to.as_str()] {
            if !nodes.iter().any(|(n, _)| *n == end) {
                nodes.push((end, None));
            }
        }
    }
    let id = |name: &str| {
        nodes
            .iter()
            .position(|(n, _)| *n == name)
            .expect("every edge end is a node")
    };
    let cycle_of = |name: &str| {
        report
            .cycles
            .iter()
            .position(|c| c.iter().any(|m| m == name))
    };

    let mut out = String::from("flowchart LR\n");
    let mut members = Vec::new();
    for (i, (name, version)) in nodes.iter().enumerate() {
        let label = match version {
            Some(v) => format!("{name}@{v}"),
            None => (*name).to_string(),
        };
        let _ = writeln!(out, "    p{i}[\"{}\"]", escape(&label));
        if cycle_of(name).is_some() {
            members.push(format!("p{i}"));
        }
    }
    let mut cycle_links = Vec::new();
    for (link, edge) in report.edges.iter().enumerate() {
        let in_cycle = edge.is_runtime()
            && cycle_of(&edge.from).is_some()
            && cycle_of(&edge.from) == cycle_of(&edge.to);
        let arrow = if in_cycle {
            cycle_links.push(link.to_string());
            "==>"
        } else if edge.is_runtime() {
            "-->"
        } else {
            "-.->"
        };
        let kinds: Vec<&str> = edge.kinds.iter().map(|k| k.as_str()).collect();
        let _ = writeln!(
            out,
            "    p{} {arrow}|\"{}\"| p{}",
            id(&edge.from),
            escape(&kinds.join(", ")),
            id(&edge.to)
        );
    }
    if !members.is_empty() {
        let _ = writeln!(
            out,
            "    classDef cycle stroke:{CYCLE_COLOR},stroke-width:2px,color:{CYCLE_COLOR}"
        );
        let _ = writeln!(out, "    class {} cycle", members.join(","));
    }
    if !cycle_links.is_empty() {
        let _ = writeln!(
            out,
            "    linkStyle {} stroke:{CYCLE_COLOR},stroke-width:2px",
            cycle_links.join(",")
        );
    }
    out
}

/// Text for inside a quoted Mermaid label: `#` starts Mermaid's entity codes, so it goes
/// first; quotes would end the label; `< > &` would be read as HTML by the renderer; a
/// backtick would start a Markdown string; line breaks would end the statement.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '#' => out.push_str("#35;"),
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '`' => out.push_str("#96;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_escaped() {
        assert_eq!(escape("@acme/core@1.0.0"), "@acme/core@1.0.0");
        assert_eq!(
            escape(r#"a"b#c<d>&e`f"#),
            "a#quot;b#35;c#lt;d#gt;#amp;e#96;f"
        );
        assert_eq!(escape("#quot;"), "#35;quot;");
    }
}
