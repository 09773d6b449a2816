export const name = 'plugin-w';
export function log() {}
