import { b } from 'plugin-b';

export const c = `c+${b}`;
