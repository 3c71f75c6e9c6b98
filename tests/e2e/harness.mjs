// Shared set-up for the browser tests: Vite's preview server on the built dist/, and Debian's
// Chromium driven by playwright-core. Every page records its console errors and failed requests.
// Also the node engine the tests check the page's numbers against.
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadNodeEngine } from '../../scripts/lib/node-engine.mjs';

export const root = fileURLToPath(new URL('../..', import.meta.url));
// NORMLAB_DIST: another build of the site (vite build honours the same variable)
export const dist = path.resolve(root, process.env.NORMLAB_DIST ?? 'dist');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function startServer() {
  if (!fs.existsSync(`${dist}/index.html`))
    throw new Error('dist/ is missing: run "npm run build"');
  const server = await preview({
    root,
    build: { outDir: dist },
    logLevel: 'silent',
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  const address = server.httpServer.address();
  return { url: `http://127.0.0.1:${address.port}/`, close: () => server.close() };
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

let enginePromise = null;
/** The same Wasm module the page was built with (NORMLAB_WASM_DIR), run in node; loaded once. */
export const nodeEngine = () => (enginePromise ??= loadNodeEngine());

/**
 * The set-up of a test file: before its tests, a server on dist/ and a browser (and with
 * `{ engine: true }` the node engine); after them, both closed. Returns the object whose `server`,
 * `browser` (and `engine`) are filled in by then.
 */
export function useBrowser({ engine = false } = {}) {
  const env = { server: null, browser: null, engine: null };
  before(async () => {
    env.server = await startServer();
    env.browser = await launchBrowser();
    if (engine) env.engine = await nodeEngine();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/**
 * The tutorial builds a chapter's widgets as the reader approaches it; tests that reach into any
 * chapter read the whole page once, as a reader scrolling through, then return to where it was.
 */
export async function buildAllChapters(page) {
  await page.evaluate(async () => {
    const sections = [...document.querySelectorAll('section[data-chapter]')];
    if (!sections.length) return;
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const { scrollX, scrollY } = window;
    for (const s of sections) {
      s.scrollIntoView();
      await frame();
    }
    while (document.querySelector('.chapter-pending')) await frame();
    window.scrollTo(scrollX, scrollY);
    await frame();
  });
}

/** A new page whose console errors, page errors and failed requests are collected in `problems`. */
export async function openPage(browser, url, { locale = 'en-US', ...contextOptions } = {}) {
  const context = await browser.newContext({ locale, ...contextOptions });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => {
    // a failed load is reported with its address by the response handler below
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) {
      problems.push(`console: ${msg.text()}`);
    }
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) => {
    // a load cancelled because the page navigated or closed (net::ERR_ABORTED) is not a failure
    if (req.failure()?.errorText !== 'net::ERR_ABORTED')
      problems.push(`requestfailed: ${req.url()}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  if (url) {
    await page.goto(url);
    await page.waitForSelector('html[data-engine="ready"]', { timeout: 30_000 });
    await buildAllChapters(page);
  }
  return { context, page, problems };
}
