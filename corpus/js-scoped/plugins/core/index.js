export default { version: '4.1.0' };
