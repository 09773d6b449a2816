use ui_plugin::start;

#[test]
fn starts() {
    start();
}
