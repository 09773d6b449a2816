//! `dependency-cycle`: an error for each cycle of runtime edges, a warning for each cycle
//! that closes only through dev edges, and an info for each cycle that closes only through
//! edges that are not loaded at all (`type` edges — erased at run time — and the
//! `inferred` / `dynamic` edges, which never constrain the load order either).

use crate::analysis::cycles::{cyclic_components, shortest_cycle, shortest_cycle_through};
use crate::finding::{Code, Finding, Severity};
use crate::graph::{DependencyGraph, Edge, EdgeKind};

/// How strongly an edge binds, by its strongest kind: a cycle is as severe as its weakest
/// edge.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Tier {
    /// A runtime kind: must load first.
    Runtime,
    /// `declared-dev`, `import-dev`: needed by tests and tools.
    Dev,
    /// `type`, `inferred`, `dynamic`: not loaded before the plugin (erased, or found only
    /// by inference).
    Unloaded,
}

fn tier_of_kind(kind: EdgeKind) -> Tier {
    match kind {
        EdgeKind::DeclaredDev | EdgeKind::ImportDev => Tier::Dev,
        EdgeKind::Type | EdgeKind::Inferred | EdgeKind::Dynamic => Tier::Unloaded,
        _ if kind.is_runtime() => Tier::Runtime,
        // A kind added later that is not runtime binds no more than dev does.
        _ => Tier::Dev,
    }
}

fn tier(edge: &Edge) -> Tier {
    edge.kinds
        .iter()
        .map(|&k| tier_of_kind(k))
        .min()
        .unwrap_or(Tier::Unloaded)
}

/// The runtime cycles (each component's members, sorted by name) and the findings.
pub(crate) fn check(graph: &DependencyGraph) -> (Vec<Vec<String>>, Vec<Finding>) {
    let names = graph.names();
    let runtime = graph.adjacency(|e| tier(e) == Tier::Runtime);
    let runtime_components = cyclic_components(&runtime);
    let mut findings = Vec::new();
    for component in &runtime_components {
        let cycle = shortest_cycle(&runtime, component);
        findings.push(cycle_finding(graph, &cycle, component, Tier::Runtime));
    }

    // Cycles that need a weaker edge: inside each component of the graph of the edges
    // up to that tier, the shortest cycle through an edge of exactly that tier. A plugin
    // importing itself that way is no finding. A cycle that needs unloaded edges is no
    // finding either when its plugins already are in a cycle without them (they are in
    // one component of the stronger edges): that cycle is reported already.
    let mut stronger: Vec<Option<usize>> = vec![None; names.len()];
    for weakest in [Tier::Dev, Tier::Unloaded] {
        let within = graph.adjacency(|e| tier(e) <= weakest);
        let covered = |cycle: &Vec<usize>| {
            weakest == Tier::Unloaded
                && stronger[cycle[0]].is_some()
                && cycle.iter().all(|&m| stronger[m] == stronger[cycle[0]])
        };
        for component in cyclic_components(&within) {
            let component = component.as_slice();
            let weak_edges = component.iter().flat_map(|&from| {
                within[from]
                    .iter()
                    .filter(move |&&to| to != from && component.binary_search(&to).is_ok())
                    .filter(move |&&to| graph.edge(from, to).is_some_and(|e| tier(e) == weakest))
                    .map(move |&to| (from, to))
            });
            let shortest = weak_edges
                .take(64)
                .filter_map(|(from, to)| shortest_cycle_through(&within, component, from, to))
                .filter(|cycle| !covered(cycle))
                .min_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
            if let Some(cycle) = shortest {
                findings.push(cycle_finding(graph, &cycle, component, weakest));
            }
        }
        if weakest == Tier::Dev {
            for (id, component) in cyclic_components(&within).into_iter().enumerate() {
                for member in component {
                    stronger[member] = Some(id);
                }
            }
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
    weakest: Tier,
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
    let hops: Vec<&Edge> = (0..cycle.len())
        .filter_map(|i| graph.edge(cycle[i], cycle[(i + 1) % cycle.len()]))
        .collect();
    let severity = match weakest {
        Tier::Runtime => Severity::Error,
        Tier::Dev => {
            message.push_str(" (it closes only through dev dependencies or test imports)");
            Severity::Warning
        }
        Tier::Unloaded => {
            // Name what closes it: the weakest kinds of the hops that are not loaded.
            let mut closing: Vec<&str> = Vec::new();
            for edge in hops.iter().filter(|e| tier(e) == Tier::Unloaded) {
                for kind in edge.kinds.iter().copied() {
                    let what = match kind {
                        EdgeKind::Type => "type-only imports, erased at run time",
                        EdgeKind::Inferred => "inferred references",
                        EdgeKind::Dynamic => "dynamic-import candidates",
                        _ => continue,
                    };
                    if !closing.contains(&what) {
                        closing.push(what);
                    }
                }
            }
            closing.sort_unstable();
            message.push_str(&format!(
                " (it closes only through {})",
                closing.join(" and ")
            ));
            Severity::Info
        }
    };
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
        // The evidence of the hop's strongest kinds explains it best: runtime evidence
        // for a runtime hop, dev evidence for a dev-only hop, and so on.
        let strongest = tier(edge);
        if let Some(evidence) = edge.best_evidence(|k| tier_of_kind(k) == strongest) {
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
    finding.help(match weakest {
        Tier::Runtime => {
            "no load order satisfies a cycle: move what the plugins share into a plugin they both depend on, or invert one dependency"
        }
        Tier::Dev => {
            "dev cycles do not block loading, but they make test setups fragile: consider testing through a shared fixture plugin"
        }
        Tier::Unloaded => {
            "this cycle does not block loading; it couples the plugins' builds and type checks: move the shared types into a plugin both depend on (`--include-type-edges` counts type imports as runtime)"
        }
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::graph::Evidence;
    use crate::location::{Location, Span};

    /// A graph over plugins `a`, `b`, `c`, … with one edge per `(from, to, kinds)`.
    fn graph(plugins: usize, edges: &[(usize, usize, &[EdgeKind])]) -> DependencyGraph {
        let names: Vec<String> = (0..plugins)
            .map(|i| ((b'a' + i as u8) as char).to_string())
            .collect();
        let edges = edges
            .iter()
            .map(|&(from, to, kinds)| {
                let evidence = kinds
                    .iter()
                    .map(|&kind| Evidence {
                        location: Location::new(
                            format!("{}/index.ts", names[from]),
                            Span::default(),
                        ),
                        kind,
                        specifier: names[to].clone(),
                        syntax: "import".to_string(),
                        text: format!("import '{}';", names[to]),
                        confidence: None,
                    })
                    .collect();
                let edge = Edge {
                    from: names[from].clone(),
                    to: names[to].clone(),
                    kinds: kinds.iter().copied().collect::<BTreeSet<_>>(),
                    req: None,
                    evidence,
                };
                (from, to, edge)
            })
            .collect();
        DependencyGraph::new(names, edges)
    }

    /// The runtime cycles, and (severity, cycle) of each finding.
    type Found = (Vec<Vec<String>>, Vec<(Severity, Vec<String>)>);

    fn found(graph: &DependencyGraph) -> Found {
        let (cycles, findings) = check(graph);
        let mut found: Vec<(Severity, Vec<String>)> = findings
            .into_iter()
            .map(|f| (f.severity, f.cycle.unwrap_or_default()))
            .collect();
        found.sort();
        (cycles, found)
    }

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    use EdgeKind::{DeclaredDev, DeclaredRuntime, Dynamic, Import, ImportDev, Inferred, Type};

    #[test]
    fn a_cycle_through_a_type_edge_is_info() {
        let g = graph(2, &[(0, 1, &[Import]), (1, 0, &[Type])]);
        assert_eq!(
            found(&g),
            (vec![], vec![(Severity::Info, names(&["a", "b"]))])
        );
        let (_, findings) = check(&g);
        assert_eq!(
            findings[0].message,
            "dependency cycle: a → b → a (it closes only through type-only imports, erased at run time)"
        );
        assert_eq!(findings[0].related.len(), 2);
        assert!(findings[0].related[1].message.starts_with("b → a (type):"));
    }

    #[test]
    fn a_runtime_kind_on_the_same_pair_makes_it_an_error() {
        let g = graph(2, &[(0, 1, &[Import]), (1, 0, &[Type, DeclaredRuntime])]);
        assert_eq!(
            found(&g),
            (
                vec![names(&["a", "b"])],
                vec![(Severity::Error, names(&["a", "b"]))]
            )
        );
    }

    #[test]
    fn dev_and_type_cycles_are_told_apart() {
        // a ⇄ b through a dev edge (warning); a → c → a through a type edge (info); the
        // cycle a → b → c → a through both is the info one's concern only if shorter.
        let g = graph(
            3,
            &[
                (0, 1, &[Import]),
                (1, 0, &[ImportDev]),
                (0, 2, &[Import]),
                (2, 0, &[Type]),
            ],
        );
        assert_eq!(
            found(&g),
            (
                vec![],
                vec![
                    (Severity::Info, names(&["a", "c"])),
                    (Severity::Warning, names(&["a", "b"])),
                ]
            )
        );
    }

    #[test]
    fn a_cycle_needing_dev_and_type_edges_is_info() {
        let g = graph(2, &[(0, 1, &[DeclaredDev]), (1, 0, &[Type])]);
        assert_eq!(
            found(&g),
            (vec![], vec![(Severity::Info, names(&["a", "b"]))])
        );
    }

    #[test]
    fn inferred_and_dynamic_edges_close_info_cycles_too() {
        let g = graph(
            3,
            &[
                (0, 1, &[Inferred]),
                (1, 0, &[Import]),
                (2, 0, &[Dynamic]),
                (0, 2, &[Import]),
            ],
        );
        let (_, findings) = check(&g);
        let mut messages: Vec<(Severity, String)> = findings
            .into_iter()
            .map(|f| (f.severity, f.message))
            .collect();
        messages.sort();
        assert_eq!(
            messages,
            [(
                Severity::Info,
                "dependency cycle: a → b → a (it closes only through inferred references); 3 plugins are entangled: a, b, c".to_string()
            )]
        );
    }

    #[test]
    fn a_type_cycle_among_plugins_in_a_runtime_cycle_is_no_finding() {
        // a → b → c → a at runtime; b → a only as a type: the runtime cycle says it all.
        let g = graph(
            3,
            &[
                (0, 1, &[Import]),
                (1, 2, &[Import]),
                (2, 0, &[Import]),
                (1, 0, &[Type]),
            ],
        );
        assert_eq!(
            found(&g),
            (
                vec![names(&["a", "b", "c"])],
                vec![(Severity::Error, names(&["a", "b", "c"]))]
            )
        );
        // With a fourth plugin only a type edge ties in, that cycle is reported.
        let g = graph(
            4,
            &[
                (0, 1, &[Import]),
                (1, 2, &[Import]),
                (2, 0, &[Import]),
                (1, 0, &[Type]),
                (2, 3, &[Import]),
                (3, 2, &[Type]),
            ],
        );
        assert_eq!(
            found(&g).1,
            vec![
                (Severity::Info, names(&["c", "d"])),
                (Severity::Error, names(&["a", "b", "c"])),
            ]
        );
    }

    #[test]
    fn a_type_self_import_is_no_finding() {
        let g = graph(1, &[(0, 0, &[Type])]);
        assert_eq!(found(&g), (vec![], vec![]));
    }
}
