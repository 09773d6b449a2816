import { mock } from 'mocks';
import { fixture } from 'fixtures-kit';
