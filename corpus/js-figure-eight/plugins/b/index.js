import { ready } from 'plugin-a';
import { store } from 'plugin-c';

export const bus = { emit: (e) => store.push(e) };
ready();
