let metrics = null;
try {
  metrics = require('plugin-metrics');
} catch (err) {
  metrics = { count() {} };
}

module.exports = metrics;
