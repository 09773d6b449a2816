exports.one = 1;
module.exports.two = 2;
Object.defineProperty(exports, '__esModule', { value: true });
