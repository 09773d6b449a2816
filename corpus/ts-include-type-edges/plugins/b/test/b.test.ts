import type { A } from 'plugin-a';
import { b } from '../index.js';

export const sample: A = { id: b() };
