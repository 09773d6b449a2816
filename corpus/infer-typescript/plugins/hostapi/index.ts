export const HostApi = { get(name: string): unknown { return name; } };
