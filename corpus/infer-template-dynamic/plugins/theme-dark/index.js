export const name = '@acme/theme-dark';
