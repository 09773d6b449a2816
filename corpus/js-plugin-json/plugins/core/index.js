const commands = new Map();

export function registerCommand(id, run) {
  commands.set(id, run);
}
