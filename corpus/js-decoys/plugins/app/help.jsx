export const Help = () => (
  <p title="require('plugin-y')">
    Write import x from 'plugin-x' at the top of your plugin.
  </p>
);
