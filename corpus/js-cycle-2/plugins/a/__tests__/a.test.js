import { formatB } from 'plugin-b';
import { formatA } from '../index.js';

test('formats through b', () => {
  expect(formatA('x')).toContain(formatB('x'));
});
