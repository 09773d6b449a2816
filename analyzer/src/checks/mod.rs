//! Checks: findings computed from the graph, one module per check.

pub(crate) mod cycles;
