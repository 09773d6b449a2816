import { type Config, createB } from 'plugin-b';
import type { E } from 'plugin-e';
import { type E3 } from 'plugin-e';
export type { E2 } from 'plugin-e';
export type * from 'plugin-e';
import { helper } from './util.js';

export function start(config: Config, e: E, e3: E3): string {
  return helper(createB(config), e, e3);
}
