//! `dependency-cycle`: an error for each cycle of runtime edges, a warning for each cycle
//! that closes only through dev edges.

use crate::analysis::cycles::{cyclic_components, shortest_cycle, shortest_cycle_through};
use crate::finding::{Code, Finding, Severity};
use crate::graph::{DependencyGraph, Edge, EdgeKind};

/// The runtime cycles (each component's members, sorted by name) and the findings.
pub(crate) fn check(graph: &DependencyGraph) -> (Vec<Vec<String>>, Vec<Finding>) {
    let names = graph.names();
    let runtime = graph.adjacency(Edge::is_runtime);
    let runtime_components = cyclic_components(&runtime);
    let mut findings = Vec::new();
    for component in &runtime_components {
        let cycle = shortest_cycle(&runtime, component);
        findings.push(cycle_finding(graph, &cycle, component, Severity::Error));
    }

    // Cycles that need a dev edge: inside each component of the whole graph, the
    // shortest cycle through a dev-only edge. A plugin dev-importing itself is no finding.
    let all = graph.adjacency(|_| true);
    for component in cyclic_components(&all) {
        let component = component.as_slice();
        let dev_edges = component.iter().flat_map(|&from| {
            all[from]
                .iter()
                .filter(move |&&to| to != from && component.binary_search(&to).is_ok())
                .filter(move |&&to| graph.edge(from, to).is_some_and(|e| !e.is_runtime()))
                .map(move |&to| (from, to))
        });
        let shortest = dev_edges
            .take(64)
            .filter_map(|(from, to)| shortest_cycle_through(&all, component, from, to))
            .min_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
        if let Some(cycle) = shortest {
            findings.push(cycle_finding(graph, &cycle, component, Severity::Warning));
        }
    }

    let cycles = runtime_components
        .iter()
        .map(|c| c.iter().map(|&i| names[i].clone()).collect())
        .collect();
    (cycles, findings)
}

fn cycle_finding(
    graph: &DependencyGraph,
    cycle: &[usize],
    component: &[usize],
    severity: Severity,
) -> Finding {
    let names = graph.names();
    let cycle_names: Vec<String> = cycle.iter().map(|&i| names[i].clone()).collect();
    let mut route = cycle_names.join(" → ");
    route.push_str(" → ");
    route.push_str(&cycle_names[0]);

    let mut message = if cycle.len() == 1 {
        format!("{} depends on itself", cycle_names[0])
    } else {
        format!("dependency cycle: {route}")
    };
    if severity == Severity::Warning {
        message.push_str(" (it closes only through dev dependencies or test imports)");
    }
    if component.len() > cycle.len() {
        let members: Vec<&str> = component.iter().map(|&i| names[i].as_str()).collect();
        message.push_str(&format!(
            "; {} plugins are entangled: {}",
            members.len(),
            members.join(", ")
        ));
    }

    let mut finding = Finding::new(Code::DependencyCycle, message)
        .severity(severity)
        .plugin(cycle_names[0].clone());
    finding.cycle = Some(cycle_names.clone());
    for (i, &from) in cycle.iter().enumerate() {
        let to = cycle[(i + 1) % cycle.len()];
        let Some(edge) = graph.edge(from, to) else {
            continue;
        };
        // Runtime evidence explains a hop best; a dev-only hop has only dev evidence.
        let evidence = if severity == Severity::Error || edge.is_runtime() {
            edge.best_evidence(EdgeKind::is_runtime)
        } else {
            edge.best_evidence(|_| true)
        };
        if let Some(evidence) = evidence {
            if finding.location.is_none() {
                finding.location = Some(evidence.location.clone());
            }
            finding.related.push(crate::finding::Related {
                location: evidence.location.clone(),
                message: format!(
                    "{} → {} ({}): {}",
                    names[from],
                    names[to],
                    evidence.kind.as_str(),
                    evidence.text
                ),
            });
        }
    }
    finding.help(if severity == Severity::Error {
        "no load order satisfies a cycle: move what the plugins share into a plugin they both depend on, or invert one dependency"
    } else {
        "dev cycles do not block loading, but they make test setups fragile: consider testing through a shared fixture plugin"
    })
}
