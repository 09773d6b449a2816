// plugdep-ignore-next-line unused-dependency, undeclared-dependency -- the host again
pub fn shutdown() {
    core_plugin::stop();
}
