declare const HostApi: { get(name: string): unknown };
declare global {
  interface Window { plugins: ThemeOptions[] }
}
let current: Theme;
export const theme = new Theme();
export type RendererType = typeof Renderer;
export function paint(target: Canvas): Canvas {
  return target as unknown as Canvas;
}
export enum Mode { Light, Dark = Light + 1 }
HostApi.get('x');
export { current };
