// What a Vite config needs to bundle the training module (web/engine/train-wasm.js) and the lab's
// data, in one place for vite.config.js and the e2e scratch page's config:
//   resolve.alias: [...trainWasmAliases(wasmDir)]   the loader and its .wasm by import name
//   assetsInclude: TRAIN_ASSETS                     web/data/digits-8x8.bin (imported ?inline)
//   worker: { format: 'es' }                        the training worker imports chunks
//   plugins: [inlinedTrainWasm, viteSingleFile()]   single-file builds only
import path from 'node:path';

export const TRAIN_ASSETS = ['**/*.bin'];

export function trainWasmAliases(wasmDir) {
  return [
    { find: /^normlab-train-wasm$/, replacement: path.join(wasmDir, 'normlab-train.js') },
    {
      find: /^normlab-train-wasm-binary(\?.*)?$/,
      replacement: `${path.join(wasmDir, 'normlab-train.wasm')}$1`,
    },
  ];
}

// In a single-file build the loader inlines its own binary: the explicit ?url import becomes null
// (web/engine/train-wasm.js then lets the loader load it) instead of a second inlined copy.
export const inlinedTrainWasm = {
  name: 'normlab-train-wasm-inlined',
  enforce: 'pre',
  resolveId: (id) =>
    // after the alias: the build folder's normlab-train.wasm?url
    /normlab-train\.wasm\?url$/.test(id) ? '\0normlab-train-wasm-binary' : null,
  load: (id) => (id === '\0normlab-train-wasm-binary' ? 'export default null;' : null),
};
