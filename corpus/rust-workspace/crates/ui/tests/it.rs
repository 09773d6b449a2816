use testkit_plugin::harness;
use ui_plugin::widgets::draw;

#[test]
fn draws() {
    harness(draw);
}
