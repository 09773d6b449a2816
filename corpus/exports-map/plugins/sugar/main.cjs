module.exports = function sweet() {};
