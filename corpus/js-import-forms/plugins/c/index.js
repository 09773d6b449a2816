export function render(model) {
  return { model };
}

export function mount(view) {
  return view;
}
