function makeApi() {
  return {};
}

module.exports = makeApi();
