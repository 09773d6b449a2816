export const client = 'metrics-client';
