import { theme } from 'core-kit';

export const Button = (label) => ({ label, color: theme.accent });
