import { registerCommand } from 'core';
import { Sidebar } from './components/Sidebar.jsx';

const themes = new Map();

export const registerTheme = (name, colors) => themes.set(name, colors);

registerCommand('ui.toggleSidebar', () => <Sidebar open />);
