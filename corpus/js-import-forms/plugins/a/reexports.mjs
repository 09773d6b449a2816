export { helper } from 'plugin-b';
export * from 'plugin-d';
