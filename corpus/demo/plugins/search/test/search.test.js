const { record } = require('telemetry');
const { track } = require('../index.js');

test('search events are recorded', async () => {
  await track('search.opened');
  expect(record).toBeDefined();
});
