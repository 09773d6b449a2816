export function Button(props: { label: string; theme?: unknown }) {
  return <button>{props.label}</button>;
}
