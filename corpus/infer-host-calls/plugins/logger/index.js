export const name = 'logger';
