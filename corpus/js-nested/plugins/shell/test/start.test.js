import { mountPanels } from 'panels';
import { start } from '../index.js';

test('start mounts panels', () => {
  expect(start({})).toEqual(mountPanels({}));
});
