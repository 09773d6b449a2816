export function Panel(props: { title: string }): string { return props.title; }
