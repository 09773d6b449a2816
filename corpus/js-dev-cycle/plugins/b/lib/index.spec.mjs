import { store } from 'plugin-a';
import { createStore } from './index.js';

test('store shape', () => {
  expect(Object.keys(store)).toEqual(Object.keys(createStore('x')));
});
