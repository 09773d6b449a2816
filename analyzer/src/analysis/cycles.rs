//! Strongly connected components and one concrete shortest cycle through each.

use std::collections::VecDeque;

use petgraph::graph::NodeIndex;

/// The components that hold a cycle: more than one node, or one node with an edge to
/// itself. Members sorted; components sorted by their smallest member.
pub fn cyclic_components(adjacency: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let graph = super::digraph(adjacency);
    let mut components: Vec<Vec<usize>> = petgraph::algo::tarjan_scc(&graph)
        .into_iter()
        .map(|c| {
            let mut members: Vec<usize> = c.into_iter().map(NodeIndex::index).collect();
            members.sort_unstable();
            members
        })
        .filter(|c| c.len() > 1 || adjacency[c[0]].contains(&c[0]))
        .collect();
    components.sort();
    components
}

/// Above this many members, only cycles through the smallest member are searched, which
/// keeps a huge component (a ring of thousands) linear instead of quadratic.
const EXHAUSTIVE_LIMIT: usize = 256;

/// One shortest cycle inside `component`, in canonical rotation (starting at its smallest
/// node). Among cycles of equal length, the one whose canonical form is smallest wins, so
/// the answer depends only on the graph.
pub fn shortest_cycle(adjacency: &[Vec<usize>], component: &[usize]) -> Vec<usize> {
    let starts: &[usize] = if component.len() > EXHAUSTIVE_LIMIT {
        &component[..1]
    } else {
        component
    };
    starts
        .iter()
        .filter_map(|&start| {
            // A cycle through `start` is `start → v … → start`: the path from each
            // successor back to `start`.
            shortest_path(adjacency, component, start, start).map(canonical)
        })
        .min_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)))
        .unwrap_or_else(|| component.to_vec())
}

/// The shortest cycle that uses the edge `from → to` (both inside `component`), in
/// canonical rotation, or `None` when `to` cannot reach `from` inside it.
pub fn shortest_cycle_through(
    adjacency: &[Vec<usize>],
    component: &[usize],
    from: usize,
    to: usize,
) -> Option<Vec<usize>> {
    if from == to {
        return Some(vec![from]);
    }
    // Path to → … → from, then the edge closes it.
    let path = path_between(adjacency, component, to, from)?;
    let mut cycle = vec![from];
    cycle.extend(path.into_iter().take_while(|&n| n != from));
    Some(canonical(cycle))
}

/// A shortest walk `start → … → (a node with an edge to target)`, as the nodes from
/// `start`; with `start == target` this is a cycle through `start`.
fn shortest_path(
    adjacency: &[Vec<usize>],
    component: &[usize],
    start: usize,
    target: usize,
) -> Option<Vec<usize>> {
    breadth_first(adjacency, component, start, |n| {
        adjacency[n].contains(&target)
    })
}

/// A shortest path `start → … → end` (both included), inside `component`.
fn path_between(
    adjacency: &[Vec<usize>],
    component: &[usize],
    start: usize,
    end: usize,
) -> Option<Vec<usize>> {
    breadth_first(adjacency, component, start, |n| n == end)
}

/// The path from `start` to the nearest node that `goal` accepts (`start` itself first),
/// moving only inside `component`; neighbours are visited in index order, so the path is
/// the same on every run.
fn breadth_first(
    adjacency: &[Vec<usize>],
    component: &[usize],
    start: usize,
    goal: impl Fn(usize) -> bool,
) -> Option<Vec<usize>> {
    if goal(start) {
        return Some(vec![start]);
    }
    let in_component = |n: usize| component.binary_search(&n).is_ok();
    let mut previous = vec![usize::MAX; adjacency.len()];
    previous[start] = start;
    let mut queue = VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for &next in &adjacency[node] {
            if !in_component(next) || previous[next] != usize::MAX {
                continue;
            }
            previous[next] = node;
            if goal(next) {
                return Some(walk_back(&previous, start, next));
            }
            queue.push_back(next);
        }
    }
    None
}

fn walk_back(previous: &[usize], start: usize, end: usize) -> Vec<usize> {
    let mut path = vec![end];
    let mut node = end;
    while node != start {
        node = previous[node];
        path.push(node);
    }
    path.reverse();
    path
}

/// Rotates a cycle to start at its smallest node.
///
/// ```
/// use plugdep_analyzer::analysis::cycles::canonical;
/// assert_eq!(canonical(vec![3, 1, 2]), vec![1, 2, 3]);
/// ```
pub fn canonical(mut cycle: Vec<usize>) -> Vec<usize> {
    if let Some(min_at) = cycle
        .iter()
        .enumerate()
        .min_by_key(|(_, n)| **n)
        .map(|(i, _)| i)
    {
        cycle.rotate_left(min_at);
    }
    cycle
}

#[cfg(test)]
mod tests {
    use super::*;

    fn adjacency(n: usize, edges: &[(usize, usize)]) -> Vec<Vec<usize>> {
        let mut adj = vec![Vec::new(); n];
        for &(a, b) in edges {
            adj[a].push(b);
        }
        for l in &mut adj {
            l.sort_unstable();
        }
        adj
    }

    #[test]
    fn dag_has_no_cycles() {
        let adj = adjacency(4, &[(0, 1), (0, 2), (1, 3), (2, 3)]);
        assert!(cyclic_components(&adj).is_empty());
    }

    #[test]
    fn two_and_three_cycles_and_self_loop() {
        let adj = adjacency(6, &[(0, 1), (1, 0), (2, 3), (3, 4), (4, 2), (5, 5)]);
        assert_eq!(
            cyclic_components(&adj),
            vec![vec![0, 1], vec![2, 3, 4], vec![5]]
        );
        assert_eq!(shortest_cycle(&adj, &[2, 3, 4]), vec![2, 3, 4]);
        assert_eq!(shortest_cycle(&adj, &[5]), vec![5]);
    }

    #[test]
    fn figure_eight_is_one_component_with_a_shortest_cycle() {
        // a ⇄ b, b ⇄ c
        let adj = adjacency(3, &[(0, 1), (1, 0), (1, 2), (2, 1)]);
        assert_eq!(cyclic_components(&adj), vec![vec![0, 1, 2]]);
        assert_eq!(shortest_cycle(&adj, &[0, 1, 2]), vec![0, 1]);
    }

    #[test]
    fn the_shortest_cycle_wins_over_a_longer_one_through_the_smallest_node() {
        // 0 → 1 → 2 → 3 → 0 (length 4) and 2 ⇄ 3 (length 2)
        let adj = adjacency(4, &[(0, 1), (1, 2), (2, 3), (3, 0), (3, 2)]);
        assert_eq!(shortest_cycle(&adj, &[0, 1, 2, 3]), vec![2, 3]);
    }

    #[test]
    fn a_cycle_through_a_given_edge() {
        // 0 ⇄ 1 at runtime; 1 → 2 → 0 with 2 → 0 the edge of interest
        let adj = adjacency(3, &[(0, 1), (1, 0), (1, 2), (2, 0)]);
        assert_eq!(
            shortest_cycle_through(&adj, &[0, 1, 2], 2, 0),
            Some(vec![0, 1, 2])
        );
        assert_eq!(
            shortest_cycle_through(&adj, &[0, 1, 2], 1, 1),
            Some(vec![1])
        );
    }

    #[test]
    fn a_large_ring_is_found_once() {
        let n = 3000;
        let edges: Vec<(usize, usize)> = (0..n).map(|i| (i, (i + 1) % n)).collect();
        let adj = adjacency(n, &edges);
        let components = cyclic_components(&adj);
        assert_eq!(components.len(), 1);
        let cycle = shortest_cycle(&adj, &components[0]);
        assert_eq!(cycle.len(), n);
        assert_eq!(cycle[0], 0);
    }

    #[test]
    fn canonical_rotation_is_the_same_for_every_rotation() {
        let cycle = vec![4, 2, 7, 5];
        for r in 0..cycle.len() {
            let mut rotated = cycle.clone();
            rotated.rotate_left(r);
            assert_eq!(canonical(rotated), vec![2, 7, 5, 4]);
        }
    }
}
