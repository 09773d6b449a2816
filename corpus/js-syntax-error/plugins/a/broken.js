import { tokenize } from 'plugin-b';

export function parse(src) {
  const tokens = tokenize(src));
  return tokens.map((t) => t.value);
}
