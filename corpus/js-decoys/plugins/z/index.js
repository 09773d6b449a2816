export const name = 'plugin-z';
