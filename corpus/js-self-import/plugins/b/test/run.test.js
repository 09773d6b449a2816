import { run } from 'plugin-b';

test('run', () => {
  expect(run()).toBe('plugin-a');
});
