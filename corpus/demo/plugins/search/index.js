import { registerCommand, events } from 'core';
import { readSecret } from 'storage';
import { Sidebar } from 'ui/components/Sidebar.jsx';

registerCommand('search.open', async () => {
  const recent = readSecret('search.recent') ?? [];
  events.emit({ type: 'search.opened', recent });
  return Sidebar({ open: true });
});

export async function track(event) {
  const telemetry = await import('telemetry').catch(() => null);
  telemetry?.record(event);
}
