const { bind } = require('keymap');

bind('ctrl+l', 'lint.run');
exports.run = (doc) => [];
