const internal = require('../../b/lib/internal.js');

test('secret is stable', () => {
  expect(internal.secret).toBe(42);
});
