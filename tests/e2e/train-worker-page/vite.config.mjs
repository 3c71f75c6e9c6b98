// A scratch page for tests/e2e/train-worker.test.mjs: the training client (web/engine/
// train-client.js) on a page of its own under the site's CSP, built two ways:
//   vite build -c tests/e2e/train-worker-page/vite.config.mjs                → build/train-worker-page/site
//   vite build -c tests/e2e/train-worker-page/vite.config.mjs --mode single  → build/train-worker-page/single
// (single: one HTML file, everything inlined, as the offline build; the test adds its CSP by hash).
// What the site's vite.config.js would need for the same is in scripts/lib/vite-train-wasm.mjs.
import { defineConfig } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  TRAIN_ASSETS,
  inlinedTrainWasm,
  trainWasmAliases,
} from '../../../scripts/lib/vite-train-wasm.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const wasmDir = path.resolve(root, process.env.NORMLAB_WASM_DIR ?? 'build/wasm');

export default defineConfig(({ mode }) => ({
  root: here,
  base: './',
  logLevel: 'warn',
  resolve: {
    alias: [
      ...trainWasmAliases(wasmDir),
      // train-engine.mjs imports NormLabError from web/engine/engine.js, whose loadEngine()
      // imports the main module's loader lazily: it must resolve (it is never loaded here)
      {
        find: /^normlab-wasm$/,
        replacement: path.join(wasmDir, mode === 'single' ? 'normlab-single.js' : 'normlab.js'),
      },
    ],
  },
  assetsInclude: TRAIN_ASSETS,
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
