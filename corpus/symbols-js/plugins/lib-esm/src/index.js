export { a, b as renamed } from './a.js';
export * from './star.js';
export default function main() {}
export const own = 1;
