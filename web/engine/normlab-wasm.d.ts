// 'normlab-wasm' is the alias vite.config.js (and the tests' loader) point at the Emscripten
// loader built into build/wasm/: a factory that instantiates the Wasm module.
declare module 'normlab-wasm' {
  const createModule: (moduleOptions?: object) => Promise<any>;
  export default createModule;
}
