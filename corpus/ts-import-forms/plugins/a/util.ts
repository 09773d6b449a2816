export function helper(...parts: unknown[]): string {
  return parts.join(',');
}
