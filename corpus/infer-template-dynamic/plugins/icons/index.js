export const name = '@acme/icons';
