export const secret = 42;
