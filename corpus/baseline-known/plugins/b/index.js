import { c } from 'c';
export const b = 1;
