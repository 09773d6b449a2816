import { a } from 'a';
export const c = 1;
