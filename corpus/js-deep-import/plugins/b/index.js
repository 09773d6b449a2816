import { secret } from './lib/internal.js';

export const publicApi = (x) => x + secret;
