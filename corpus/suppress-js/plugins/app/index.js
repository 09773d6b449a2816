// plugdep-ignore-next-line undeclared-dependency
import { helper } from 'util';
// plugdep-ignore-next-line
const mod = await import(helper.name);
// plugdep-ignore-next-line unresolved-dynamic-import -- the host loads these at start-up
const other = require(`./x/${helper.name}`);
// plugdep-ignore-next-line deep-import
export const answer = 42;
// plugdep-ignore-next-line no-such-code
const again = import(helper.name);
  // plugdep-ignore-next-line unresolved-dynamic-import, deep-import
const third = import(helper.name);
const text = "// plugdep-ignore-next-line unresolved-dynamic-import";
const fourth = import(helper.name);
/// plugdep-ignore-next-line unresolved-dynamic-import
const fifth = import(helper.name);
export { mod, other, again, third, text, fourth, fifth };
