export const meta = { name: 'plugin-a' };
