//! Analyses: pure functions of the graph. They take adjacency lists over node indices (node
//! order is name order, so "smallest index" means "smallest name") and return indices.

pub mod cycles;
pub mod order;
pub mod paths;
