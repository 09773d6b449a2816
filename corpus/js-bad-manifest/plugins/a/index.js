import { b } from 'plugin-b';
import { c } from 'plugin-c';
import { d } from 'plugin-d';

export const all = [b, c, d];
