export * from 'lib-esm';
export const extra = 1;
