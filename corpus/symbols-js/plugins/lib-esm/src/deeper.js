// A cycle of `export *` back to star.js.
export * from './star.js';
export const deep = 1;
