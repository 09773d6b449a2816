export function query() {}
