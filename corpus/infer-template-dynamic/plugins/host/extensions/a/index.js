export const name = 'ext-a';
