export const name = 'plugin-w';
