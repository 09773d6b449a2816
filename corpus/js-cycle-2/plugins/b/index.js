const { formatA } = require('plugin-a');

exports.WIDTH = 8;
exports.formatB = (x) => 'b:' + x;
exports.both = (x) => formatA(x);
