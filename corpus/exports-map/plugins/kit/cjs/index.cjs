exports.cjsOnly = 1;
exports.shared = 2;
