export function Icon(props) {
  return props.name;
}
