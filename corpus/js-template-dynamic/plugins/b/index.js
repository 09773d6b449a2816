export default { name: 'plugin-b' };
