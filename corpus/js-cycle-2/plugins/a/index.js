// Plugin A: formatting entry point.

import { formatB } from 'plugin-b';
import { pad } from './lib/format.js';

export function formatA(x) {
  return pad('a:' + formatB(x));
}
