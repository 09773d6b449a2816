// Sloppy-mode CommonJS: inside `with`, a name may be a property of the object.
const Scoped = { Hidden: 1 };
with (Scoped) {
  Hidden;
}
module.exports = Scoped;
