// Vite builds the static site from web/ into dist/. The Wasm loader and binary come from the
// CMake "wasm" preset's folder (build/wasm), which scripts/build-wasm.sh fills first.
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('./web', import.meta.url));

export default defineConfig({
  root,
  base: './',
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
  server: { host: '127.0.0.1', fs: { allow: ['.'] } },
  preview: { host: '127.0.0.1' },
});
