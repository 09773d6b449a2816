import { lint } from 'tools-lint';
