// Vite builds everything the site serves, from web/ into dist/ (or NORMLAB_DIST):
//   vite build                  the site: index.html (the tutorial), embed.html, docs.html
//   vite build --mode widgets   dist/normlab-widgets.js, one ES module with every widget and the
//                               Wasm inlined, for blog posts
//   vite build --mode widgets-classic   dist/normlab-widgets.iife.js, the same as one classic
//                               script (file:// pages, hosts without ES modules)
//   vite build --mode offline   one HTML file with everything inlined (build/offline/index.html,
//                               copied to dist/normlab-offline.html by scripts/build.sh)
// The Wasm loader comes from the CMake "wasm" preset's folder (build/wasm, or NORMLAB_WASM_DIR);
// web/engine/engine.js imports it as 'normlab-wasm'. The single-file variant (Wasm as base64 in
// the loader) serves the widgets module and the offline page.
import { defineConfig } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const web = path.join(here, 'web');
const wasmDir = path.resolve(here, process.env.NORMLAB_WASM_DIR ?? 'build/wasm');
const dist = path.resolve(here, process.env.NORMLAB_DIST ?? 'dist');
const CSP_META = /<meta\s+http-equiv="Content-Security-Policy"[^>]*>/;

export default defineConfig(({ mode }) => {
  const single = mode === 'widgets' || mode === 'widgets-classic' || mode === 'offline';
  const loader = path.join(wasmDir, single ? 'normlab-single.js' : 'normlab.js');
  const common = {
    root: web,
    base: './',
    publicDir: path.join(web, 'public'),
    resolve: { alias: { 'normlab-wasm': loader } },
    server: { host: '127.0.0.1', fs: { allow: [here] } },
    preview: { host: '127.0.0.1' },
  };
  if (mode === 'widgets' || mode === 'widgets-classic') {
    // widgets-classic: the same bundle as one classic script (no ES modules), for file:// pages and
    // hosts that cannot load a module
    const classic = mode === 'widgets-classic';
    return {
      ...common,
      build: {
        outDir: dist,
        emptyOutDir: false,
        target: 'es2022',
        copyPublicDir: false,
        reportCompressedSize: false,
        minify: true,
        lib: {
          entry: path.join(web, 'widgets.js'),
          formats: [classic ? 'iife' : 'es'],
          name: 'NormLabWidgets',
          fileName: () => (classic ? 'normlab-widgets.iife.js' : 'normlab-widgets.js'),
        },
        rolldownOptions: { output: { codeSplitting: false } },
      },
      // the Wasm is inlined, so the loader needs no address of its own (a classic script has none)
      ...(classic ? { define: { 'import.meta.url': 'undefined' } } : {}),
    };
  }
  if (mode === 'offline') {
    return {
      ...common,
      // the site's CSP meta is dropped here: scripts/finish-offline.mjs writes one that allows
      // exactly the inlined scripts, by hash
      plugins: [
        {
          name: 'normlab-drop-csp',
          transformIndexHtml: {
            order: 'pre',
            handler: (html) => html.replace(CSP_META, ''),
          },
        },
        viteSingleFile(),
      ],
      build: {
        outDir: path.join(here, 'build/offline'),
        emptyOutDir: true,
        target: 'es2022',
        reportCompressedSize: false,
      },
    };
  }
  return {
    ...common,
    build: {
      outDir: dist,
      emptyOutDir: true,
      target: 'es2022',
      assetsInlineLimit: 0,
      reportCompressedSize: false,
      rolldownOptions: {
        input: {
          index: path.join(web, 'index.html'),
          embed: path.join(web, 'embed.html'),
          docs: path.join(web, 'docs.html'),
        },
      },
    },
  };
});
