import { b } from 'b';
export const a = 1;
