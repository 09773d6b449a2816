'use strict';
const path = require('node:path');
const e = require('plugin-e');
const _ = require('lodash');

module.exports = function load(name) {
  return e.resolve(path.basename(name), _.identity);
};
