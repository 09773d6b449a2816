import type { A } from 'plugin-a';

export function b(value?: A): string {
  return value?.id ?? 'b';
}
