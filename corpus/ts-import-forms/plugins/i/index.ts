export interface I {
  y: number;
}
