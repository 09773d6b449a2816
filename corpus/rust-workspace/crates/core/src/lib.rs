//! The core plugin.
pub fn boot() {}
