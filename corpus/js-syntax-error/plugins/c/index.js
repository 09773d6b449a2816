export const format = (parts) => parts.join(' ');
