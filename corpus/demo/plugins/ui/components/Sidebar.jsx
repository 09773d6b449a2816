export function Sidebar({ open }) {
  return open ? <aside className="sidebar" /> : null;
}
