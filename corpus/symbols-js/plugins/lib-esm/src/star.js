export * from './deeper';
export const starred = 1;
export default 'the default of star.js is not re-exported';
