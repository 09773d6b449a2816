import { theme } from 'core-kit';

console.log(theme.accent);
