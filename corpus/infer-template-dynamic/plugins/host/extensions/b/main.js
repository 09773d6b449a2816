export const name = 'ext-b';
