const { events } = require('core');

const buffer = [];
events.on((event) => buffer.push(event));

exports.record = (event) => buffer.push(event);
