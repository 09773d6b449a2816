import { mountPanels } from 'panels';
import { log } from './lib/log.js';

export function start(root) {
  log('shell: start');
  return mountPanels(root);
}
