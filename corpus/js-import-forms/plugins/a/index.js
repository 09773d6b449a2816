import b from 'plugin-b';
import { render, mount as mountView } from '@acme/plugin-c';
import * as d from 'plugin-d';
import 'plugin-e';
import fs from 'fs';
import path from 'node:path';
import merge from 'lodash';

export function start(host) {
  const cfg = fs.readFileSync(path.join(host.dir, 'a.json'), 'utf8');
  return mountView(render(merge({}, JSON.parse(cfg))), b, d);
}
