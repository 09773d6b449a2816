//! Properties that hold for every input, checked with proptest on random graphs and random
//! plugin trees:
//!
//! - the load order lists every node once and puts each runtime dependency before its
//!   dependent, unless both are in one cycle (one strongly connected component);
//! - the waves hold every node once, each after the waves of all its dependencies outside
//!   its own component, as early as that allows, a component's members together;
//! - the cycles are exactly the strongly connected components that hold a cycle (checked
//!   against reachability computed by brute force), and each reported cycle is a real
//!   cycle of the component, a shortest one, in canonical rotation;
//! - a cycle's canonical key (the rotation [`canonical`] and a baseline entry use) is the
//!   same for every rotation;
//! - on random folders of plugins, the JSON report is byte-identical across runs and across
//!   1, 2 and 8 threads, and the load order respects every runtime edge outside cycles.
//!
//! Case counts are modest so that the suite stays quick; `PROPTEST_CASES` raises them.

use std::collections::BTreeSet;
use std::path::Path;

use plugdep_analyzer::analysis::cycles::{canonical, cyclic_components, shortest_cycle};
use plugdep_analyzer::analysis::order::load_order;
use plugdep_analyzer::baseline::Entry;
use plugdep_analyzer::{Code, Finding, Options};
use proptest::prelude::*;

/// `PROPTEST_CASES` when set, else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

/// A random directed graph: up to 14 nodes, each edge (self-loops included) drawn with
/// the given density, adjacency lists sorted as the graph module builds them.
fn graph() -> impl Strategy<Value = Vec<Vec<usize>>> {
    (1usize..=14, 0.0f64..0.35).prop_flat_map(|(n, density)| {
        proptest::collection::vec(proptest::bool::weighted(density), n * n).prop_map(move |bits| {
            (0..n)
                .map(|from| (0..n).filter(|&to| bits[from * n + to]).collect())
                .collect()
        })
    })
}

/// `reach[a][b]`: a path of one or more edges leads from a to b (Floyd–Warshall).
fn reachability(adjacency: &[Vec<usize>]) -> Vec<Vec<bool>> {
    let n = adjacency.len();
    let mut reach = vec![vec![false; n]; n];
    for (from, targets) in adjacency.iter().enumerate() {
        for &to in targets {
            reach[from][to] = true;
        }
    }
    for k in 0..n {
        let through_k = reach[k].clone();
        for row in &mut reach {
            if row[k] {
                for (to, reached) in row.iter_mut().enumerate() {
                    *reached |= through_k[to];
                }
            }
        }
    }
    reach
}

/// The strongly connected component of each node: the smallest node it is mutually
/// reachable with (itself when none).
fn component_of(reach: &[Vec<bool>]) -> Vec<usize> {
    (0..reach.len())
        .map(|a| {
            (0..reach.len())
                .find(|&b| b == a || (reach[a][b] && reach[b][a]))
                .unwrap()
        })
        .collect()
}

/// The length of a shortest cycle through `start` that stays inside `members`.
fn shortest_cycle_length(adjacency: &[Vec<usize>], members: &[usize], start: usize) -> usize {
    let mut distance = vec![usize::MAX; adjacency.len()];
    let mut queue = std::collections::VecDeque::from([start]);
    distance[start] = 0;
    let mut best = usize::MAX;
    while let Some(node) = queue.pop_front() {
        for &next in &adjacency[node] {
            if !members.contains(&next) {
                continue;
            }
            if next == start {
                best = best.min(distance[node] + 1);
            } else if distance[next] == usize::MAX {
                distance[next] = distance[node] + 1;
                queue.push_back(next);
            }
        }
    }
    best
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(256)))]

    #[test]
    fn the_load_order_and_the_waves_respect_every_edge_outside_cycles(adjacency in graph()) {
        let n = adjacency.len();
        let component = component_of(&reachability(&adjacency));
        let order = load_order(&adjacency);

        let mut position = vec![usize::MAX; n];
        for (at, &node) in order.order.iter().enumerate() {
            prop_assert_eq!(position[node], usize::MAX, "{} twice in the order", node);
            position[node] = at;
        }
        prop_assert_eq!(order.order.len(), n);

        let mut wave = vec![usize::MAX; n];
        for (index, members) in order.waves.iter().enumerate() {
            prop_assert!(!members.is_empty(), "an empty wave");
            for &node in members {
                prop_assert_eq!(wave[node], usize::MAX, "{} in two waves", node);
                wave[node] = index;
            }
        }
        prop_assert!(wave.iter().all(|&w| w != usize::MAX), "a node in no wave");

        for (from, targets) in adjacency.iter().enumerate() {
            for &to in targets {
                if component[from] == component[to] {
                    // One cycle: members load together, in one wave.
                    prop_assert_eq!(wave[from], wave[to]);
                } else {
                    prop_assert!(position[to] < position[from], "{} must load before {}", to, from);
                    prop_assert!(wave[to] < wave[from], "{} must be in an earlier wave than {}", to, from);
                }
            }
        }
        // As early as allowed: a member of a later wave depends on the wave just before it.
        for node in 0..n {
            if wave[node] > 0 {
                let members: Vec<usize> = (0..n).filter(|&m| component[m] == component[node]).collect();
                let needs_previous = members.iter().any(|&m| {
                    adjacency[m].iter().any(|&d| component[d] != component[node] && wave[d] + 1 == wave[node])
                });
                prop_assert!(needs_previous, "{} could load in an earlier wave", node);
            }
        }
        // A cycle's members are adjacent in the order, sorted.
        for node in 0..n {
            let members: Vec<usize> = (0..n).filter(|&m| component[m] == component[node]).collect();
            let at = position[members[0]];
            prop_assert_eq!(&order.order[at..at + members.len()], members.as_slice());
        }
    }

    #[test]
    fn the_cycles_are_exactly_the_strongly_connected_components(adjacency in graph()) {
        let n = adjacency.len();
        let reach = reachability(&adjacency);
        let component = component_of(&reach);
        let mut expected: Vec<Vec<usize>> = (0..n)
            .filter(|&root| component[root] == root)
            .map(|root| (0..n).filter(|&m| component[m] == root).collect::<Vec<_>>())
            .filter(|members| members.len() > 1 || reach[members[0]][members[0]])
            .collect();
        expected.sort();
        let components = cyclic_components(&adjacency);
        prop_assert_eq!(&components, &expected);

        for members in &components {
            let cycle = shortest_cycle(&adjacency, members);
            // A real cycle inside the component, each node once, starting at its smallest.
            prop_assert!(!cycle.is_empty());
            prop_assert_eq!(cycle[0], *cycle.iter().min().unwrap());
            prop_assert_eq!(cycle.iter().collect::<BTreeSet<_>>().len(), cycle.len());
            for (i, &node) in cycle.iter().enumerate() {
                prop_assert!(members.contains(&node));
                let next = cycle[(i + 1) % cycle.len()];
                prop_assert!(adjacency[node].contains(&next), "no edge {} -> {}", node, next);
            }
            // And a shortest one.
            let shortest = members
                .iter()
                .map(|&m| shortest_cycle_length(&adjacency, members, m))
                .min()
                .unwrap();
            prop_assert_eq!(cycle.len(), shortest);
        }
    }

    #[test]
    fn a_canonical_cycle_key_is_the_same_for_every_rotation(
        cycle in proptest::collection::btree_set(0usize..50, 1..10)
            .prop_map(|set| set.into_iter().collect::<Vec<_>>())
            .prop_shuffle()
    ) {
        let names = |nodes: &[usize]| nodes.iter().map(|n| format!("p{n:02}")).collect::<Vec<_>>();
        let entry_of = |nodes: &[usize]| {
            let mut finding = Finding::new(Code::DependencyCycle, "a cycle");
            finding.cycle = Some(names(nodes));
            finding.plugin = Some(names(nodes)[0].clone());
            Entry::of(&finding)
        };
        let key = canonical(cycle.clone());
        let entry = entry_of(&cycle);
        prop_assert_eq!(key[0], *cycle.iter().min().unwrap());
        for r in 0..cycle.len() {
            let mut rotated = cycle.clone();
            rotated.rotate_left(r);
            prop_assert_eq!(&canonical(rotated.clone()), &key);
            prop_assert_eq!(&entry_of(&rotated), &entry);
        }
        let canonical_names = names(&key);
        prop_assert_eq!(entry.cycle.as_deref(), Some(canonical_names.as_slice()));
    }
}

/// One plugin of a random tree: its declared dependencies (index, dev) and its files, each
/// a list of imports (target index, form).
#[derive(Clone, Debug)]
struct PluginSpec {
    rust: bool,
    declared: Vec<(usize, bool)>,
    files: Vec<Vec<(usize, u8)>>,
}

fn tree() -> impl Strategy<Value = Vec<PluginSpec>> {
    (2usize..=6).prop_flat_map(|n| {
        let plugin = (
            proptest::bool::weighted(0.25),
            proptest::collection::vec((0..n, proptest::bool::weighted(0.3)), 0..4),
            proptest::collection::vec(proptest::collection::vec((0..n, 0u8..6), 0..5), 1..4),
        )
            .prop_map(|(rust, declared, files)| PluginSpec {
                rust,
                declared,
                files,
            });
        proptest::collection::vec(plugin, n)
    })
}

fn write(root: &Path, path: &str, text: &str) {
    let path = root.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Writes the tree: JavaScript plugins `p0`… with a package.json and files importing in six
/// forms (some of them test files, some broken), Rust plugins with a Cargo.toml and a
/// module per file.
fn write_tree(root: &Path, specs: &[PluginSpec]) {
    let name = |i: usize| format!("p{i}");
    let crate_name = |i: usize| format!("p{i}");
    for (i, spec) in specs.iter().enumerate() {
        let dir = format!("plugins/{}", name(i));
        if spec.rust {
            let mut manifest = format!(
                "[package]\nname = \"{}\"\nversion = \"1.0.0\"\n",
                crate_name(i)
            );
            for (kind, dev) in [("dependencies", false), ("dev-dependencies", true)] {
                manifest.push_str(&format!("\n[{kind}]\n"));
                for &(to, _) in spec.declared.iter().filter(|d| d.1 == dev) {
                    manifest.push_str(&format!(
                        "{} = {{ path = \"../{}\" }}\n",
                        crate_name(to),
                        name(to)
                    ));
                }
            }
            write(root, &format!("{dir}/Cargo.toml"), &manifest);
            let mut lib = String::new();
            for (f, imports) in spec.files.iter().enumerate() {
                lib.push_str(&format!("mod m{f};\n"));
                let body: String = imports
                    .iter()
                    .map(|&(to, form)| match form {
                        0 | 1 => format!("use {}::Thing;\n", crate_name(to)),
                        2 => format!("pub fn f() {{ {}::call(); }}\n", crate_name(to)),
                        3 => format!(
                            "#[cfg(test)]\nmod tests {{ use {}::Thing; }}\n",
                            crate_name(to)
                        ),
                        4 => format!("extern crate {};\n", crate_name(to)),
                        _ => "fn broken( {\n".to_string(),
                    })
                    .collect();
                write(root, &format!("{dir}/src/m{f}.rs"), &body);
            }
            write(root, &format!("{dir}/src/lib.rs"), &lib);
        } else {
            let deps = |dev: bool| {
                spec.declared
                    .iter()
                    .filter(|d| d.1 == dev)
                    .map(|&(to, _)| format!("\"{}\": \"^1.0.0\"", name(to)))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            write(
                root,
                &format!("{dir}/package.json"),
                &format!(
                    "{{\"name\": \"{}\", \"version\": \"1.0.0\", \"dependencies\": {{{}}}, \"devDependencies\": {{{}}}}}\n",
                    name(i),
                    deps(false),
                    deps(true)
                ),
            );
            for (f, imports) in spec.files.iter().enumerate() {
                let body: String = imports
                    .iter()
                    .map(|&(to, form)| match form {
                        0 => format!("import {{ x }} from \"{}\";\n", name(to)),
                        1 => format!("const m = require('{}');\n", name(to)),
                        2 => format!("export * from '{}/sub';\n", name(to)),
                        3 => format!("await import(`{}`);\n", name(to)),
                        4 => format!("import '../{}/index.js';\n", name(to)),
                        _ => "function (\n".to_string(),
                    })
                    .collect();
                let file = if f == 2 {
                    "test/t.test.js".to_string()
                } else {
                    format!("f{f}.js")
                };
                write(root, &format!("{dir}/{file}"), &body);
            }
        }
    }
}

fn report_json(root: &Path, jobs: usize) -> (String, plugdep_analyzer::Analysis) {
    let options = Options {
        jobs: Some(jobs),
        ..Options::default()
    };
    let analysis = plugdep_analyzer::analyze(root, &options).unwrap();
    (analysis.report().to_json(), analysis)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(32)))]

    #[test]
    fn a_random_tree_gives_the_same_bytes_whatever_the_run_and_the_thread_count(specs in tree()) {
        let dir = tempfile::tempdir().unwrap();
        write_tree(dir.path(), &specs);
        let (one, analysis) = report_json(dir.path(), 1);
        for jobs in [2, 8, 1] {
            let (again, _) = report_json(dir.path(), jobs);
            prop_assert!(again == one, "--jobs {} differs from --jobs 1", jobs);
        }
        // The load order respects every runtime edge outside cycles.
        let position = |name: &str| analysis.load_order().iter().position(|n| n == name).unwrap();
        let in_cycle = |a: &str, b: &str| {
            analysis.cycles().iter().any(|c| c.iter().any(|m| m == a) && c.iter().any(|m| m == b))
        };
        prop_assert_eq!(analysis.load_order().len(), analysis.plugins().len());
        for edge in analysis.edges().iter().filter(|e| e.is_runtime() && e.from != e.to) {
            if !in_cycle(&edge.from, &edge.to) {
                prop_assert!(position(&edge.to) < position(&edge.from), "{} -> {}", edge.from, edge.to);
            }
        }
    }
}
