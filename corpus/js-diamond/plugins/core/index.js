export function panel(name) {
  return { name };
}
