// Entry of normlab/engine: the Wasm engine of NormLab (web/engine/engine.js) with the Emscripten
// loader beside it. The loader finds the binary as new URL('./normlab.wasm', import.meta.url), the
// form Vite, webpack 5, Rollup and esbuild recognise, so a bundler copies the .wasm with the module.
// 'normlab-wasm' stays external here and scripts/build-npm-package.mjs points it at the loader.
import createNormLab from 'normlab-wasm';
import { loadEngine as loadWith } from '../../../web/engine/engine.js';

export { Engine, NormLabError } from '../../../web/engine/engine.js';

/**
 * The engine, instantiated. In a browser the .wasm beside this module is fetched; in Node pass
 * {wasmBinary: fs.readFileSync(fileURLToPath(import.meta.resolve('normlab/engine/normlab.wasm')))}.
 */
export function loadEngine(moduleOptions = {}) {
  return loadWith(moduleOptions, createNormLab);
}
