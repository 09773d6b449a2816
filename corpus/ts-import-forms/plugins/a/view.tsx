import { Button } from 'plugin-g';

let theme: typeof import('plugin-g') | undefined;

export function View(props: { label: string }) {
  return <Button label={props.label} theme={theme} />;
}
