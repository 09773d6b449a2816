import init from 'engine-wasm';

export default init;
