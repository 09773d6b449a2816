import c = require('plugin-c');
import type d = require('plugin-d');

export function legacy(options: d.Options): unknown {
  return c.run(options);
}
