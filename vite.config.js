// Vite builds the static site from web/ into dist/. The Wasm loader and binary come from the
// CMake "wasm" preset's folder (build/wasm, or NORMLAB_WASM_DIR), which scripts/build-wasm.sh
// fills first; web/engine/engine.js imports it as 'normlab-wasm'.
import { defineConfig } from 'vite';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const wasmDir = path.resolve(here, process.env.NORMLAB_WASM_DIR ?? 'build/wasm');

export default defineConfig({
  root: path.join(here, 'web'),
  base: './',
  publicDir: false,
  resolve: { alias: { 'normlab-wasm': path.join(wasmDir, 'normlab.js') } },
  build: {
    outDir: path.resolve(here, process.env.NORMLAB_DIST ?? 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
  server: { host: '127.0.0.1', fs: { allow: [here] } },
  preview: { host: '127.0.0.1' },
});
