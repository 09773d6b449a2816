export const Renderer = { draw(): void {} };
