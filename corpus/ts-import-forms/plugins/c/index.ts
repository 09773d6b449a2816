export function run(options: unknown): unknown {
  return options;
}
