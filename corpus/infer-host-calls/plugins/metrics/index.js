export const name = 'metrics';
