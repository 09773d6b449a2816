import type { Options, Id, MoreOptions, Missing } from 'types-lib';
import { make, Color, more, Options as O2, nothing } from 'types-lib';
import type { RunOptions, Gone } from 'js-lib';
import { run } from 'js-lib';
