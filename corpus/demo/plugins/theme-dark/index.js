import { registerTheme } from 'ui';

registerTheme('dark', { background: '#1e1e1e', foreground: '#d4d4d4' });
