//! `// plugdep-ignore-next-line CODE …` comments, in any language with `//` comments.
//!
//! (Being built: issue 5.)

use super::Suppression;

/// The suppression comments of a file, in source order.
pub(crate) fn suppressions(_text: &str) -> Vec<Suppression> {
    Vec::new()
}
