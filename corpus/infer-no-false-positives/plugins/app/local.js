export default 1;
export const Beta = 2;
export const other = 3;
