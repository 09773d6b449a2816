const { panel } = require('core');
const { on } = require('core/events');

exports.inspector = panel('inspector');
on('select', () => {});
