use core_plugin::boot;
use serde::Serialize;

pub mod widgets;

#[derive(Serialize)]
pub struct Config {
    pub name: String,
}

pub fn start() {
    boot();
}
