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
// Only the site build makes NormLab an installable, offline-after-one-visit site: the web app
// manifests and icons (web/pwa/manifest.js) and a Workbox service worker (dist/sw.js, from
// vite-plugin-pwa) that precaches the site; web/main.js imports 'normlab-pwa', which registers it
// there (web/pwa/register.js) and is an empty module in every other build.
import { defineConfig } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { VitePWA } from 'vite-plugin-pwa';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ICON_FILES, manifestFiles } from './web/pwa/manifest.js';
// the training lab's module and data (web/engine/train-wasm.js, web/data/digits-8x8.bin)
import {
  TRAIN_ASSETS,
  inlinedTrainWasm,
  trainWasmAliases,
} from './scripts/lib/vite-train-wasm.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const web = path.join(here, 'web');
const wasmDir = path.resolve(here, process.env.NORMLAB_WASM_DIR ?? 'build/wasm');
const dist = path.resolve(here, process.env.NORMLAB_DIST ?? 'dist');
const CSP_META = /<meta\s+http-equiv="Content-Security-Policy"[^>]*>/;
const MANIFEST_LINK = /\s*<link\s+rel="manifest"[^>]*>/;

/** Writes the web app manifests and their icons into the site's build. */
const manifestAndIcons = () => ({
  name: 'normlab-manifest',
  generateBundle() {
    for (const [fileName, source] of Object.entries(manifestFiles()))
      this.emitFile({ type: 'asset', fileName, source });
    for (const [fileName, from] of Object.entries(ICON_FILES))
      this.emitFile({ type: 'asset', fileName, source: fs.readFileSync(path.join(web, from)) });
  },
});

// The service worker's precache: every page, script, style, font, image and the Wasm of the site,
// not the files that are downloads for other uses (the offline file, the blog bundles) and not the
// SPA fallback of an unknown address to index.html (an unknown page stays an error). Workbox keys
// each entry by its revision (its content hash; Vite's hashed assets/ by their names): a new build's
// worker downloads only what changed, and when it takes over it deletes what the old one kept.
const serviceWorker = () =>
  VitePWA({
    injectRegister: false, // web/pwa/register.js registers it, from a module (the CSP has no inline script)
    manifest: false, // manifestAndIcons() writes one per language
    registerType: 'prompt',
    filename: 'sw.js',
    workbox: {
      cacheId: 'normlab',
      globPatterns: ['**/*.{html,js,css,wasm,svg,png,woff2,webmanifest}'],
      globIgnores: [
        '**/node_modules/**/*',
        'normlab-offline.html',
        'normlab-widgets*.js',
        'assets/widgets-train-worker-*.js',
      ],
      navigateFallback: null,
      // the first visit's worker takes the page over at once (same version, nothing to reload); a
      // later one waits until the reader asks for it (SKIP_WAITING from register.js)
      clientsClaim: true,
      skipWaiting: false,
      cleanupOutdatedCaches: true,
      inlineWorkboxRuntime: true,
      sourcemap: false,
    },
  });

export default defineConfig(({ mode }) => {
  const single = mode === 'widgets' || mode === 'widgets-classic' || mode === 'offline';
  const loader = path.join(wasmDir, single ? 'normlab-single.js' : 'normlab.js');
  const pwa = path.join(web, 'pwa', single ? 'no-register.js' : 'register.js');
  const common = {
    root: web,
    base: './',
    publicDir: path.join(web, 'public'),
    resolve: {
      alias: [
        { find: 'normlab-wasm', replacement: loader },
        { find: 'normlab-pwa', replacement: pwa },
        // training lab: the training module's loader and .wasm by import name
        ...trainWasmAliases(wasmDir),
      ],
    },
    // training lab: the digits file (imported ?inline), the worker's chunks as ES modules
    assetsInclude: TRAIN_ASSETS,
    worker: { format: 'es' },
    server: { host: '127.0.0.1', fs: { allow: [here] } },
    preview: { host: '127.0.0.1' },
  };
  if (mode === 'widgets' || mode === 'widgets-classic') {
    // widgets-classic: the same bundle as one classic script (no ES modules), for file:// pages and
    // hosts that cannot load a module
    const classic = mode === 'widgets-classic';
    return {
      ...common,
      plugins: [inlinedTrainWasm], // training lab: one inlined copy of its Wasm
      // the bundles' own worker (its Wasm inlined) is named apart, so the site's precache skips it
      worker: {
        format: 'es',
        // [name] is train-worker: assets/widgets-train-worker-[hash].js
        rolldownOptions: { output: { entryFileNames: 'assets/widgets-[name]-[hash].js' } },
      },
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
      // exactly the inlined scripts, by hash; so is the manifest link (a file from disk is no
      // installable app, and the offline file has no manifest beside it)
      plugins: [
        {
          name: 'normlab-drop-csp',
          transformIndexHtml: {
            order: 'pre',
            handler: (html) => html.replace(CSP_META, '').replace(MANIFEST_LINK, ''),
          },
        },
        inlinedTrainWasm, // training lab: one inlined copy of its Wasm
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
    plugins: [manifestAndIcons(), serviceWorker()],
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
