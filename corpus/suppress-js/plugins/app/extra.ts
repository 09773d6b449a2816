// plugdep-ignore-next-line unresolved-dynamic-import
export const lazy: Promise<unknown> = import(String(1));
// plugdep-ignore-next-line inferred-reference
export const x: number = 1;
