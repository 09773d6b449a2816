export async function loadAll(names) {
  const mods = [];
  for (const name of names) {
    mods.push(await import(`./plugins/${name}.js`));
  }
  mods.push(await import(`plugin-b`));
  return mods;
}
