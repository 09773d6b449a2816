import { b } from 'plugin-b';

export interface A {
  id: string;
}

export function a(): string {
  return b();
}
