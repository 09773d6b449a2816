export default function Toolbar(props) {
  return props.icon;
}
