import { harness } from 'testkit';
