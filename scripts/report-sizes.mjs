#!/usr/bin/env node
// Prints what a visitor downloads, gzipped: the tutorial page with everything it loads, the Wasm
// module, the widgets module for blog posts, and the offline file; and the service worker with what
// it precaches once the page has loaded (not part of the page's first load: the page registers it
// after its load event). With --check, exits 1 when the tutorial page is over 300 KB or the Wasm
// over 100 KB (gzipped).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = path.resolve(root, process.env.NORMLAB_DIST ?? 'dist');
export const LIMITS = { page: 300 * 1024, wasm: 100 * 1024 };

const gz = (file) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

/** The tutorial page's transfer: index.html plus every asset it references (not the other pages). */
export function measure() {
  const index = path.join(dist, 'index.html');
  const assets = fs.readdirSync(path.join(dist, 'assets')).map((f) => path.join(dist, 'assets', f));
  const pageAssets = assets.filter((f) => !/^(embed|docs)-/.test(path.basename(f)));
  const wasm = assets.filter((f) => f.endsWith('.wasm'));
  const sizes = {
    page: gz(index) + pageAssets.reduce((s, f) => s + gz(f), 0),
    wasm: wasm.reduce((s, f) => s + gz(f), 0),
  };
  const sw = path.join(dist, 'sw.js');
  if (fs.existsSync(sw)) {
    // Workbox's precache list in the generated worker: {url:"…",revision:…}
    const urls = [...fs.readFileSync(sw, 'utf8').matchAll(/\burl:"([^"]+)"/g)].map((m) => m[1]);
    sizes.sw = gz(sw);
    sizes.precache = urls.reduce((s, u) => s + gz(path.join(dist, u)), 0);
    sizes.precacheFiles = urls.length;
  }
  for (const [name, file] of [
    ['widgets', 'normlab-widgets.js'],
    ['classic', 'normlab-widgets.iife.js'],
    ['offline', 'normlab-offline.html'],
  ]) {
    if (fs.existsSync(path.join(dist, file))) sizes[name] = gz(path.join(dist, file));
  }
  return sizes;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const s = measure();
  console.log(
    `sizes (gzip): tutorial page ${kb(s.page)} (limit ${kb(LIMITS.page)}), Wasm ${kb(s.wasm)} ` +
      `(limit ${kb(LIMITS.wasm)}), normlab-widgets.js ${kb(s.widgets ?? 0)}, ` +
      `normlab-widgets.iife.js ${kb(s.classic ?? 0)}, ` +
      `normlab-offline.html ${kb(s.offline ?? 0)}`,
  );
  if (s.sw !== undefined)
    console.log(
      `sizes (gzip): service worker sw.js ${kb(s.sw)}, precached after the first load ` +
        `${kb(s.precache)} in ${s.precacheFiles} files (the site for offline use)`,
    );
  if (process.argv.includes('--check') && (s.page > LIMITS.page || s.wasm > LIMITS.wasm)) {
    console.error('sizes: over the limit');
    process.exit(1);
  }
}
