export function h(): void {}
