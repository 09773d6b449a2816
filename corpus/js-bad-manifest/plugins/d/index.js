const { all } = require('plugin-a');

exports.d = all.length;
