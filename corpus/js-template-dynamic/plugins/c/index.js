module.exports = { name: 'plugin-c' };
