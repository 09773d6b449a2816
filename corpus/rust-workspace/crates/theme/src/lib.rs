pub fn palette() {}
