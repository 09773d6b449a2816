pub fn draw() {
    theme::palette();
}

#[cfg(unix)]
pub fn connect() {
    net_plugin::connect();
}
