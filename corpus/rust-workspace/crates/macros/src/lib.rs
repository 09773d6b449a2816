pub fn m() {}
