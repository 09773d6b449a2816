// import a from 'plugin-x';
/* require('plugin-y') */
import { log } from 'plugin-w';

const s = "import z from 'plugin-z'";
const t = `require('plugin-x')`;
const u = 'import("plugin-y")';
const re = /require\('plugin-z'\)/;
/**
 * Example:
 *   const z = require('plugin-z');
 *   export * from 'plugin-y';
 */
export function hello() {
  log(s, t, u, re.source);
}
