export const name = 'plugin-y';
