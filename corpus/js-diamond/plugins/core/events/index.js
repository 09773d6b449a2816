const handlers = {};

exports.on = (event, fn) => {
  handlers[event] = fn;
};
