export const a = 1;
export const b = 2;
export const hidden = 3;
