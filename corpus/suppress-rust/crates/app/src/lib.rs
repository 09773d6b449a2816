//! The core plugin is linked by the host, not by Cargo.

// plugdep-ignore-next-line undeclared-dependency
use core_plugin::start;

mod shutdown;

// plugdep-ignore-next-line undeclared-dependency
pub fn run() {
    start();
}

/// plugdep-ignore-next-line undeclared-dependency
pub fn documented() {}
