#!/usr/bin/env node
// Turns Vite's single-file build (build/offline/index.html) into dist/normlab-offline.html: the
// favicon inlined as a data: URL, and a Content-Security-Policy that allows exactly the inline
// scripts of this file (by their sha256) plus WebAssembly compilation, and nothing from anywhere.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = path.resolve(root, process.env.NORMLAB_DIST ?? 'dist');
const from = path.join(root, 'build/offline');
let html = fs.readFileSync(path.join(from, 'index.html'), 'utf8');

html = html.replace(/<link rel="icon" href="\.?\/?([^"]+\.svg)"([^>]*)>/, (_, file, rest) => {
  const svg = fs.readFileSync(path.join(from, file));
  return `<link rel="icon" href="data:image/svg+xml;base64,${svg.toString('base64')}"${rest}>`;
});

const hashes = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)]
  .filter((m) => m[1].length)
  .map((m) => `'sha256-${crypto.createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
if (!hashes.length) throw new Error('no inline script found in the single-file build');

const policy = [
  "default-src 'none'",
  `script-src ${hashes.join(' ')} 'wasm-unsafe-eval'`,
  // the single-file Emscripten loader first tries fetch() on its data: URL, then decodes it
  'connect-src data:',
  "style-src 'unsafe-inline'",
  'img-src data:',
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
if (/Content-Security-Policy/.test(html)) throw new Error('the single-file build kept a CSP');
html = html.replace(
  /<meta charset="utf-8" \/>/,
  (charset) => `${charset}\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`,
);
if (!html.includes(policy)) throw new Error('no <meta charset> to put the CSP after');

fs.mkdirSync(dist, { recursive: true });
fs.writeFileSync(path.join(dist, 'normlab-offline.html'), html);
