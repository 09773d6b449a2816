pub fn connect() {}

pub struct Socket;

fn internal() {}
