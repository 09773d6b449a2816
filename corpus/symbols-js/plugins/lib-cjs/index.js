function alpha() {}

module.exports = {
  alpha,
  beta: 2,
  gamma() {},
};
