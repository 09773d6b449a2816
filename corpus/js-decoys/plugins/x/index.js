export const name = 'plugin-x';
