// The host installs every plugin's exports on the global scope.
const theme = new Theme('dark');
const colors = Palette.primary;
Logger.info('ready');
export function render(Icon) {
  return Icon(Button);
}
console.log(theme, colors, Promise, window, process);
