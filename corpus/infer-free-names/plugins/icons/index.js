export const Palette = ['#fff'];
export function Icon(name) {
  return { icon: name };
}
