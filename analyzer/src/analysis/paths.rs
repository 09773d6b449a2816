//! Every simple path from one node to another, shortest first.

use std::collections::VecDeque;

/// Simple paths `from → … → to` (both included), shortest first and, within a length, in
/// lexicographic order of node indices; at most `limit` of them. The search expands at
/// most a bounded number of partial paths, so a dense graph cannot make it explode.
pub fn paths(adjacency: &[Vec<usize>], from: usize, to: usize, limit: usize) -> Vec<Vec<usize>> {
    const MAX_EXPANSIONS: usize = 200_000;
    let mut found = Vec::new();
    if from >= adjacency.len() || to >= adjacency.len() || limit == 0 {
        return found;
    }
    let mut queue = VecDeque::from([vec![from]]);
    let mut expansions = 0;
    while let Some(path) = queue.pop_front() {
        let last = *path.last().expect("paths are never empty");
        for &next in &adjacency[last] {
            if next == to {
                let mut done = path.clone();
                done.push(to);
                found.push(done);
                if found.len() == limit {
                    return found;
                }
            } else if !path.contains(&next) && expansions < MAX_EXPANSIONS {
                expansions += 1;
                let mut longer = path.clone();
                longer.push(next);
                queue.push_back(longer);
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortest_first_then_lexicographic() {
        // 0 → 1 → 3, 0 → 2 → 3, 0 → 3, 1 → 2
        let adj = vec![vec![1, 2, 3], vec![2, 3], vec![3], vec![]];
        assert_eq!(
            paths(&adj, 0, 3, 10),
            vec![vec![0, 3], vec![0, 1, 3], vec![0, 2, 3], vec![0, 1, 2, 3]]
        );
        assert_eq!(paths(&adj, 0, 3, 2), vec![vec![0, 3], vec![0, 1, 3]]);
        assert!(paths(&adj, 3, 0, 10).is_empty());
    }

    #[test]
    fn cycles_do_not_loop() {
        let adj = vec![vec![1], vec![0, 2], vec![]];
        assert_eq!(paths(&adj, 0, 2, 10), vec![vec![0, 1, 2]]);
        // a path back to the start is a cycle
        assert_eq!(paths(&adj, 0, 0, 10), vec![vec![0, 1, 0]]);
    }
}
