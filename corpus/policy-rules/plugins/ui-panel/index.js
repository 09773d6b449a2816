import { lint } from 'tools-lint';
export const Panel = {};
