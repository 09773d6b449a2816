export interface Options {
  verbose: boolean;
}
export type Id = string;
export const make = (options: Options): Id => String(options.verbose);
export enum Color {
  Red,
}
export const enum Inlined {
  A,
}
export declare const ambient: number;
export * from './more';
