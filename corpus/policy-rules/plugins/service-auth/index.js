import { Panel } from 'ui-panel';
export function login() {}
