export const icon = (name) => `icon:${name}`;
