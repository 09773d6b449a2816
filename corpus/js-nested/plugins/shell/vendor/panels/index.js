import { grid } from './lib/grid.js';
import { icon } from 'icons';

export function mountPanels(root) {
  return { root, cells: grid(4), icon: icon('panel') };
}
