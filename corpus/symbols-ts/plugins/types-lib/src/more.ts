export type { Options as MoreOptions } from './index';
export function more(): void {}
