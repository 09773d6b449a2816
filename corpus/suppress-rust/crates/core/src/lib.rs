pub fn start() {}
pub fn stop() {}
