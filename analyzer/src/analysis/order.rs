//! Topological load order and parallel load waves over the condensed graph.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// A load order: dependencies first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadOrder {
    /// Every node once; the members of a cycle together, sorted.
    pub order: Vec<usize>,
    /// Levels that can load in parallel: wave 0 needs nothing, wave n needs only earlier
    /// waves. Each wave sorted by component (smallest member), members together.
    pub waves: Vec<Vec<usize>>,
}

/// Computes the load order of `adjacency` (an edge `a → b` means a needs b, so b loads
/// first). Strongly connected components load as one unit at the place of their
/// component; ties are broken by the smallest member, so the order depends only on the
/// graph.
pub fn load_order(adjacency: &[Vec<usize>]) -> LoadOrder {
    let n = adjacency.len();
    let component = component_of(adjacency);
    let count = component.iter().map(|c| c + 1).max().unwrap_or(0);

    let mut members = vec![Vec::new(); count];
    for (node, &c) in component.iter().enumerate() {
        members[c].push(node); // nodes ascend, so members come sorted
    }
    // needs[c]: how many distinct components c still waits for; dependents[c]: who waits on c.
    let mut dependencies = vec![Vec::new(); count];
    for (from, targets) in adjacency.iter().enumerate() {
        for &to in targets {
            let (cf, ct) = (component[from], component[to]);
            if cf != ct {
                dependencies[cf].push(ct);
            }
        }
    }
    let mut dependents = vec![Vec::new(); count];
    let mut needs = vec![0usize; count];
    for (c, deps) in dependencies.iter_mut().enumerate() {
        deps.sort_unstable();
        deps.dedup();
        needs[c] = deps.len();
        for &d in deps.iter() {
            dependents[d].push(c);
        }
    }

    let key = |c: usize| members[c][0];
    let mut ready: BinaryHeap<Reverse<(usize, usize)>> = (0..count)
        .filter(|&c| needs[c] == 0)
        .map(|c| Reverse((key(c), c)))
        .collect();
    let mut order = Vec::with_capacity(n);
    let mut level = vec![0usize; count];
    let mut levels: Vec<Vec<usize>> = Vec::new();
    while let Some(Reverse((_, c))) = ready.pop() {
        order.extend(&members[c]);
        level[c] = dependencies[c]
            .iter()
            .map(|&d| level[d] + 1)
            .max()
            .unwrap_or(0);
        if levels.len() <= level[c] {
            levels.resize(level[c] + 1, Vec::new());
        }
        levels[level[c]].push(c);
        for &dependent in &dependents[c] {
            needs[dependent] -= 1;
            if needs[dependent] == 0 {
                ready.push(Reverse((key(dependent), dependent)));
            }
        }
    }
    let waves = levels
        .into_iter()
        .map(|mut wave| {
            wave.sort_by_key(|&c| key(c));
            wave.into_iter()
                .flat_map(|c| members[c].iter().copied())
                .collect()
        })
        .collect();
    LoadOrder { order, waves }
}

/// The strongly connected component of each node.
fn component_of(adjacency: &[Vec<usize>]) -> Vec<usize> {
    let graph = super::digraph(adjacency);
    let mut component = vec![0; adjacency.len()];
    for (c, nodes) in petgraph::algo::kosaraju_scc(&graph).into_iter().enumerate() {
        for node in nodes {
            component[node.index()] = c;
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::*;

    fn adjacency(n: usize, edges: &[(usize, usize)]) -> Vec<Vec<usize>> {
        let mut adj = vec![Vec::new(); n];
        for &(a, b) in edges {
            adj[a].push(b);
        }
        adj
    }

    #[test]
    fn diamond() {
        // 0 app → 1 left, 0 → 2 right, 1 → 3 core, 2 → 3
        let order = load_order(&adjacency(4, &[(0, 1), (0, 2), (1, 3), (2, 3)]));
        assert_eq!(order.order, vec![3, 1, 2, 0]);
        assert_eq!(order.waves, vec![vec![3], vec![1, 2], vec![0]]);
    }

    #[test]
    fn ties_are_broken_by_name_not_by_discovery() {
        let order = load_order(&adjacency(3, &[]));
        assert_eq!(order.order, vec![0, 1, 2]);
        assert_eq!(order.waves, vec![vec![0, 1, 2]]);
    }

    #[test]
    fn cycle_members_stay_together_at_their_component() {
        // 0 → 1 ⇄ 2 → 3; 4 alone
        let order = load_order(&adjacency(5, &[(0, 1), (1, 2), (2, 1), (2, 3)]));
        assert_eq!(order.order, vec![3, 1, 2, 0, 4]);
        assert_eq!(order.waves, vec![vec![3, 4], vec![1, 2], vec![0]]);
    }

    #[test]
    fn a_dependency_always_loads_before_its_dependent() {
        // pseudo-random DAG: i → j only for j < i
        let n = 60;
        let mut edges = Vec::new();
        for i in 0..n {
            for j in 0..i {
                if (i * 31 + j * 17) % 7 == 0 {
                    edges.push((i, j));
                }
            }
        }
        let order = load_order(&adjacency(n, &edges));
        let position: Vec<usize> = {
            let mut p = vec![0; n];
            for (at, &node) in order.order.iter().enumerate() {
                p[node] = at;
            }
            p
        };
        for &(a, b) in &edges {
            assert!(position[b] < position[a], "{b} must load before {a}");
        }
        let wave_of = |x: usize| order.waves.iter().position(|w| w.contains(&x)).unwrap();
        for &(a, b) in &edges {
            assert!(wave_of(b) < wave_of(a));
        }
        assert_eq!(order.order.len(), n);
    }
}
