use plugin_core::Engine;
use plugin_core::Hidden;
use plugin_core::{helper, Missing, net::Socket};
use plugin_core::net::Gone;
use plugin_core::net::{connect, internal};
use plugin_facade::{Engine as FacadeEngine, facade_only, Absent};
use plugin_derive::Component;

pub fn run() {
    plugin_core::Nope::new();
    plugin_core::core_macro!();
}
