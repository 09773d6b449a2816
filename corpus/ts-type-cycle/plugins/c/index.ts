import { d } from 'plugin-d';

export interface C {
  n: number;
}

export function c(): number {
  return d();
}
