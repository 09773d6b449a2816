const { store } = require('plugin-a');

module.exports = () => store.name === 'a';
