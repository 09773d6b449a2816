// Vendored copies live in sub-folders; each one is its own plugin.
export const vendored = ['panels'];
