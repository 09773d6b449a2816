import { registerCommand } from 'plugin-core';
import defaults from './settings/defaults.js';

export function activate(host) {
  registerCommand('editor.open', () => host.openEditor(defaults));
}
