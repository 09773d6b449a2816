import { describe } from 'plugin-a';

export function run() {
  return describe();
}
