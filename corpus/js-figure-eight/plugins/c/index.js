const { bus } = require('plugin-b');
const { open } = require('plugin-d');

exports.store = open('events');
bus.emit('c:ready');
