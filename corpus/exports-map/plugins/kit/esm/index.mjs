export const esmOnly = 1;
export const shared = 2;
