export interface Options {
  verbose?: boolean;
}

export default { name: 'plugin-d' };
