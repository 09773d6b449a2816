let total = 0;

exports.count = () => {
  total += 1;
  return total;
};
