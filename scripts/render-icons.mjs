#!/usr/bin/env node
// Renders the web app manifest's PNG icons from web/favicon.svg with Debian's Chromium
// (playwright-core), into web/pwa/icons/ (committed; the build copies them into dist/icons/):
// normlab-192.png and normlab-512.png (the favicon, transparent corners), and
// normlab-maskable-512.png (the same curve on a full-bleed square, inside the 80 % safe zone that a
// maskable icon's launcher mask may keep). Run it again after changing the favicon:
//   node scripts/render-icons.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = path.join(root, 'web/pwa/icons');
const favicon = fs.readFileSync(path.join(root, 'web/favicon.svg'), 'utf8');

// the favicon's background colour and its curve, taken from the file itself
const fill = favicon.match(/<rect[^>]*fill="([^"]+)"/)?.[1];
const curve = favicon.match(/<path[^>]*\/>/)?.[0];
if (!fill || !curve) throw new Error('web/favicon.svg: no <rect fill> or <path> to render from');
const maskable =
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="${fill}"/>` +
  `<g transform="translate(16 16) scale(0.7) translate(-16 -16)">${curve}</g></svg>`;

const ICONS = [
  ['normlab-192.png', favicon, 192],
  ['normlab-512.png', favicon, 512],
  ['normlab-maskable-512.png', maskable, 512],
];

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
try {
  for (const [file, svg, size] of ICONS) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}img{display:block}</style>` +
        `<img src="${src}" width="${size}" height="${size}" alt="">`,
    );
    await page.locator('img').evaluate((img) => img.decode());
    await page.screenshot({ path: path.join(out, file), omitBackground: true });
    await page.close();
    console.log(`render-icons: web/pwa/icons/${file} (${size}x${size})`);
  }
} finally {
  await browser.close();
}
