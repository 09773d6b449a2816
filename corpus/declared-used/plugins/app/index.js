import { boot } from 'core';
import { helper } from 'testkit';
import { render } from 'ui';
