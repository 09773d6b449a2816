exports.resolve = (name, map) => map(name);
