pub fn harness(f: fn()) {
    f()
}
