export const grid = (n) => Array.from({ length: n }, (_, i) => i);
