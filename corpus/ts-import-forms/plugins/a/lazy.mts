export async function load(): Promise<unknown> {
  const d = await import('plugin-d');
  return d.default;
}
