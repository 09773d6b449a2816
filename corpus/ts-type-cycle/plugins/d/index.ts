import type { C } from 'plugin-c';
import { e } from 'plugin-e';

export function d(value?: C): number {
  return value?.n ?? e();
}
