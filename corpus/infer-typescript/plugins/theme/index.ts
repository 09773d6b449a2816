export class Theme {
  name = 'light';
}
export interface ThemeOptions {
  dark: boolean;
}
