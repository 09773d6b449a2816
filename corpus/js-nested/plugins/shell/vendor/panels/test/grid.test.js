import { grid } from '../lib/grid.js';

test('grid', () => {
  expect(grid(2)).toEqual([0, 1]);
});
