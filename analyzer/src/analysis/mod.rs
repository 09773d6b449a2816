//! Analyses: pure functions of the graph. They take adjacency lists over node indices (node
//! order is name order, so "smallest index" means "smallest name") and return indices.

pub mod cycles;
pub mod order;
pub mod paths;

use petgraph::graph::{DiGraph, NodeIndex};

/// A petgraph graph of adjacency lists (node `i` is index `i`), for its SCC algorithms.
fn digraph(adjacency: &[Vec<usize>]) -> DiGraph<(), ()> {
    let edges: usize = adjacency.iter().map(Vec::len).sum();
    let mut graph = DiGraph::with_capacity(adjacency.len(), edges);
    for _ in adjacency {
        graph.add_node(());
    }
    for (from, targets) in adjacency.iter().enumerate() {
        for &to in targets {
            graph.add_edge(NodeIndex::new(from), NodeIndex::new(to), ());
        }
    }
    graph
}
