pub fn helper() {}

pub(crate) fn crate_only() {}
