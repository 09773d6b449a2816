export const tokenize = (src) => src.split(/\s+/).map((value) => ({ value }));
