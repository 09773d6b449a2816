export async function theme(name) {
  return import(`@acme/theme-${name}`);
}
export async function extension(n) {
  return import(`./extensions/${n}/index.js`);
}
export async function sibling(n) {
  return import(`../${n}/index.js`);
}
export function legacy(n) {
  return require(`./extensions/${n}`);
}
export async function anything(n) {
  return import(`${n}.js`);
}
