declare module 'plugin-h' {
  import { I } from 'plugin-i';
  export function h(i: I): void;
}

export {};
