export interface Config {
  name?: string;
}

export function createB(config: Config): string {
  return config.name ?? 'b';
}
