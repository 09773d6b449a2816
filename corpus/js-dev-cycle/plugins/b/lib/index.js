export function createStore(name) {
  return { name, items: [] };
}
