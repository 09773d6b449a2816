export function login() {}
