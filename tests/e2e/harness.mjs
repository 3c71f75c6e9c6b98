// Shared set-up for the browser tests: Vite's preview server on the built dist/, and Debian's
// Chromium driven by playwright-core. Every page records its console errors and failed requests.
// Also what many test files check the same way (axe-core, a chapter's self-check, the focused
// element, sideways overflow, performance measures) and the node engine they check numbers against.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { AxeBuilder } from '@axe-core/playwright';
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

export const section = (page, id) => page.locator(`section[data-chapter="${id}"]`);

/** openPage's options for a phone-sized touch screen. */
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/**
 * axe-core's violations on the page, or only inside the `include` selectors: one line each, the
 * rule and the first three places it found.
 */
export async function axeViolations(page, ...include) {
  let axe = new AxeBuilder({ page });
  for (const selector of include) axe = axe.include(selector);
  const { violations } = await axe.analyze();
  return violations.map((v) => {
    const places = v.nodes.map((n) => n.target.join(' '));
    const more = places.length > 3 ? ` (+${places.length - 3} more)` : '';
    return `${v.id}: ${places.slice(0, 3).join(' | ')}${more}`;
  });
}

export async function assertNoAxeViolations(page, ...include) {
  assert.deepEqual(await axeViolations(page, ...include), []);
}

/** What <self-check> says, by the locale a page is opened in. */
export const SELF_CHECK_TEXT = {
  'en-US': {
    answer: 'Your answer',
    check: 'Check',
    next: 'New question',
    wrong: 'Not quite.',
    right: 'Correct!',
  },
  'zh-CN': { answer: '你的答案', check: '检查', next: '换一题', wrong: '不对。', right: '正确！' },
};

/**
 * Scrolls to a <self-check> and answers it `rounds` times: each question first wrong (the widget
 * must say so), then right (it must say so), then a new question. `answers(question)` gives the `{ wrong, right }`
 * texts to type for a question's text. `submit` says how each is sent, with Enter or with the
 * Check button: 'enter', 'button', or `{ wrong, right }` of those.
 */
export async function answerSelfCheck(
  check,
  { answers, locale = 'en-US', rounds = 4, submit = 'enter' },
) {
  const text = SELF_CHECK_TEXT[locale];
  const how = typeof submit === 'string' ? { wrong: submit, right: submit } : submit;
  const input = check.getByLabel(text.answer);
  const send = (way) =>
    way === 'enter'
      ? input.press('Enter')
      : check.getByRole('button', { name: text.check }).click();
  await check.scrollIntoViewIfNeeded();
  for (let round = 0; round < rounds; round++) {
    const question = await check.locator('p.question').textContent();
    const { wrong, right } = answers(question);
    await input.fill(wrong);
    await send(how.wrong);
    await assert.doesNotReject(check.getByText(text.wrong).waitFor(), question);
    await input.fill(right);
    await send(how.right);
    await assert.doesNotReject(check.getByText(text.right).waitFor(), `${question} -> ${right}`);
    await check.getByRole('button', { name: text.next }).click();
  }
}

/**
 * The element that has focus, inside any shadow root: its tag, its name (the name attribute, else
 * its aria-label, else its text), its aria-label, and whether it shows a focus ring.
 */
export function focused(page) {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return null;
    const style = getComputedStyle(el);
    return {
      tag: el.tagName.toLowerCase(),
      name: el.getAttribute('name') ?? el.getAttribute('aria-label') ?? el.textContent.trim(),
      label: el.getAttribute('aria-label'),
      ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    };
  });
}

/** The aria-label of the element that has focus, inside any shadow root. */
export const focusedLabel = async (page) => (await focused(page))?.label;

/** How many performance measures the page recorded under `name`. */
export function measures(page, name) {
  return page.evaluate((n) => performance.getEntriesByName(n).length, name);
}

/**
 * The durations of the page's performance measures named `name`: how many, their median and
 * 95th percentile (nearest rank), in ms. For the log: timings are reported, never asserted.
 */
export async function measureStats(page, name) {
  const durations = await page.evaluate(
    (n) => performance.getEntriesByName(n).map((m) => m.duration),
    name,
  );
  const sorted = durations.sort((a, b) => a - b);
  const rank = (p) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? NaN;
  return { count: sorted.length, median: rank(0.5), p95: rank(0.95) };
}

/** "nl:NAME median 1.2 ms, p95 3.4 ms over 30" for the log. */
export const statsText = (name, s) =>
  `${name} median ${s.median.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms over ${s.count}`;

/** By how many pixels the page (not just a widget) is wider than the screen. */
export function sidewaysOverflow(page) {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}
