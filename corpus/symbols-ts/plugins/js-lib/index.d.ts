export declare function run(): void;
export interface RunOptions {
  fast: boolean;
}
