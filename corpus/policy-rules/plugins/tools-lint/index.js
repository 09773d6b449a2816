export function lint() {}
