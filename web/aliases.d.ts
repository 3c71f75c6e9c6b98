// The module names that vite.config.js resolves by alias (see its resolve.alias), for the type check.

/** The Emscripten loader of build/wasm/normlab.js: a MODULARIZE factory. */
declare module 'normlab-wasm' {
  const createModule: (options?: object) => Promise<any>;
  export default createModule;
}

/** web/pwa/register.js in the hosted site's build, web/pwa/no-register.js elsewhere. */
declare module 'normlab-pwa';
