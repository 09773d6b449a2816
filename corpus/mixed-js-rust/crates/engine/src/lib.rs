use core_rs::Engine;

pub fn init() -> Engine {
    Engine
}
