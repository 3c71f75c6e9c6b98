// A scratch page for tests/e2e/train-worker.test.mjs: the training client (web/engine/
// train-client.js) on a page of its own under the site's CSP, built two ways:
//   vite build -c tests/e2e/train-worker-page/vite.config.mjs                 → build/train-worker-page/site
//   vite build -c tests/e2e/train-worker-page/vite.config.mjs --mode single   → build/train-worker-page/single
// (single: one HTML file, everything inlined, as the offline build; the test adds its CSP by hash).
// The two aliases are what the site's vite.config.js needs for the training module.
import { defineConfig } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const wasmDir = path.resolve(root, process.env.NORMLAB_WASM_DIR ?? 'build/wasm');

export const trainWasmAliases = [
  { find: /^normlab-train-wasm$/, replacement: path.join(wasmDir, 'normlab-train.js') },
  {
    find: /^normlab-train-wasm-binary(\?.*)?$/,
    replacement: `${path.join(wasmDir, 'normlab-train.wasm')}$1`,
  },
];

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

export default defineConfig(({ mode }) => ({
  root: here,
  base: './',
  logLevel: 'warn',
  // train-engine.mjs imports NormLabError from web/engine/engine.js, whose loadEngine() imports
  // the main module's loader lazily: it must resolve (it is never loaded here)
  resolve: {
    alias: [
      ...trainWasmAliases,
      {
        find: /^normlab-wasm$/,
        replacement: path.join(wasmDir, mode === 'single' ? 'normlab-single.js' : 'normlab.js'),
      },
    ],
  },
  // web/data/digits-8x8.bin is imported with ?inline (web/data/digits-load.js)
  assetsInclude: ['**/*.bin'],
  server: { fs: { allow: [root] } },
  worker: { format: 'es' },
  plugins: mode === 'single' ? [inlinedTrainWasm, viteSingleFile()] : [],
  build: {
    outDir: path.join(root, 'build/train-worker-page', mode === 'single' ? 'single' : 'site'),
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
    ...(mode === 'single' ? {} : { assetsInlineLimit: 0 }),
  },
}));
