function loadLegacy(x) {
  return require(`plugin-${x}`);
}

const id = 'plugin-c';
const c = require(id);

module.exports = { loadLegacy, c };
