export default { name: 'plugin-b' };

export function helper(x) {
  return String(x);
}
