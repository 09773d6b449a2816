import core from '@acme/core';
import { Panel } from '@acme/ui';
import { spell } from '@acme/core-extras';
import { tokens } from '@other/core';

export const editor = { core, panel: Panel(640), spell, tokens };
