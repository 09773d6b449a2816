import type { E } from 'plugin-e';
import { createB } from 'plugin-b';

export const sample = createB({}) as unknown as E;
