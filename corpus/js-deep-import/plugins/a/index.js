import { publicApi } from 'plugin-b';
import { secret } from '../b/lib/internal.js';
import { helper } from './lib/helper.js';
import { twice } from '../a/lib/helper.js';

export const run = () => twice(helper(publicApi(secret)));
