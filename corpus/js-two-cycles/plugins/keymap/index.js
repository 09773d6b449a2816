const bindings = new Map();

exports.bind = (key, command) => bindings.set(key, command);
