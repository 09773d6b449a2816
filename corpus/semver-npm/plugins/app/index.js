import { boot } from 'core';
import { Button } from 'ui';
import { fetch } from 'net';
import { log } from 'log';
import { palette } from 'theme';
import { count } from 'metrics';
