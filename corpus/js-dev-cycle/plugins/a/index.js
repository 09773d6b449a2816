import { createStore } from 'plugin-b';

export const store = createStore('a');
