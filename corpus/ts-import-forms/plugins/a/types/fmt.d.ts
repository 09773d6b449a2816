declare function fmt(value: unknown): string;
