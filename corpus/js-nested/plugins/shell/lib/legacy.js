const grid = require('../vendor/panels/lib/grid.js');

module.exports = { grid };
