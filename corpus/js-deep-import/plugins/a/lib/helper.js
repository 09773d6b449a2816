export const helper = (x) => x;
export const twice = (x) => [x, x];
