import { parse } from './broken.js';
import { format } from 'plugin-c';

export const pretty = (src) => format(parse(src));
