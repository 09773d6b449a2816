import { c } from 'plugin-c';

export function e(): number {
  return typeof c === 'function' ? 1 : 0;
}
