export interface F {
  x: number;
}
