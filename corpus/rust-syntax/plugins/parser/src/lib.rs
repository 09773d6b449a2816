mod broken;
mod deep;

pub fn ok() {}
