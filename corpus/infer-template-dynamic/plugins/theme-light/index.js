export const name = '@acme/theme-light';
