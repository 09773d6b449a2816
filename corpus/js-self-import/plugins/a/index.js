import { meta } from 'plugin-a/lib/meta.js';

export function describe() {
  return meta.name;
}
