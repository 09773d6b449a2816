pub use core::*;

pub fn facade_only() {}
