export class Theme {
  constructor(name) {
    this.name = name;
  }
}
export const Palette = { primary: '#000' };
