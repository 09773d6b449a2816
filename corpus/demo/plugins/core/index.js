const commands = new Map();
const listeners = [];

export function registerCommand(id, run) {
  commands.set(id, run);
}

export const events = {
  on: (fn) => listeners.push(fn),
  emit: (event) => listeners.forEach((fn) => fn(event)),
};
