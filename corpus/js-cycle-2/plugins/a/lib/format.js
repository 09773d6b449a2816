import { WIDTH } from 'plugin-b';

export function pad(s) {
  return s.padEnd(WIDTH);
}
