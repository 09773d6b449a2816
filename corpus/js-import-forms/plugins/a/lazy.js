export async function loadPanel() {
  const panel = await import('plugin-d');
  return panel.default;
}
