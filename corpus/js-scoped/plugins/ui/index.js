import { clamp } from '@acme/core/utils';

export function Panel(width) {
  return { width: clamp(width, 100, 800) };
}
