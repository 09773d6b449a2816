//! Checks: findings computed from the resolved plugins and the graph, one module per
//! concern (as in cargo-deny). Each is a function of data the pipeline already holds.

pub(crate) mod build;
pub(crate) mod cycles;
pub(crate) mod declared;
pub(crate) mod duplicates;
pub(crate) mod host;
pub(crate) mod inferred;
pub(crate) mod missing;
pub(crate) mod policy;
pub(crate) mod suppressed;
pub(crate) mod symbols;
pub(crate) mod versions;

/// A declared dependency and the plugin it resolved to.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Link {
    /// The declaring plugin.
    pub from: usize,
    /// Index into the declaring plugin's `dependencies`.
    pub dependency: usize,
    /// The plugin it names, if it is in the set.
    pub to: Option<usize>,
}
