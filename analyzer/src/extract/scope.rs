//! Scope analysis of a JavaScript / TypeScript tree: free identifiers (used but declared
//! nowhere, not imported, not a known global) and calls with literal string arguments.
//!
//! (Being built: issue 5.)

use tree_sitter::Node;

use super::{Call, FreeName};

/// Free names (each once, by first use) and calls with literal arguments, in source order.
pub(crate) fn scan(_root: Node<'_>, _text: &str) -> (Vec<FreeName>, Vec<Call>) {
    (Vec::new(), Vec::new())
}
