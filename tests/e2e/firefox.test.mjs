// Readers use more than one browser: the host-page checks (light, dark, file://, iframe) and a
// smoke test of every chapter, in Debian's firefox-esr driven by puppeteer-core over WebDriver BiDi.
// Skipped, with a notice, where firefox-esr is not installed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';
import { preview } from 'vite';
import { dist, root, buildAllChapters } from './harness.mjs';
import {
  HOSTS,
  ALL_WIDGETS,
  FALLBACK,
  hostPage,
  allWidgetsDrawn,
  cubeCellPoints,
  pngPixels,
  groupColourProblems,
} from './host-pages.mjs';
import { iframeSnippet } from '../../web/docs-catalog.js';

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const skip = fs.existsSync(FIREFOX) ? false : `${FIREFOX} is not installed`;

// dist/ as it is, plus the host pages: one folder of links, served by Vite's preview server
const site = fs.mkdtempSync(path.join(os.tmpdir(), 'normlab-firefox-'));
const env = { server: null, url: '', browser: null, dark: null };

/** Firefox with prefers-color-scheme set by its preference (BiDi has no media emulation). */
const launch = (scheme) =>
  puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    protocol: 'webDriverBiDi',
    extraPrefsFirefox: {
      'layout.css.prefers-color-scheme.content-override': scheme === 'dark' ? 0 : 1,
    },
  });

before(async () => {
  if (skip) return;
  for (const name of fs.readdirSync(dist))
    fs.symlinkSync(path.join(dist, name), path.join(site, name));
  for (const name of Object.keys(HOSTS))
    fs.writeFileSync(path.join(site, `host-${name}.html`), hostPage(name, ALL_WIDGETS));
  fs.writeFileSync(
    path.join(site, 'host-iframe.html'),
    hostPage(
      'light',
      iframeSnippet('norm-cube', 'widget=norm-cube&kind=group&shape=2,6,4,4&groups=3'),
    ),
  );
  env.server = await preview({
    root,
    build: { outDir: site },
    logLevel: 'silent',
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  env.url = `http://127.0.0.1:${env.server.httpServer.address().port}/`;
  env.browser = await launch('light');
});

after(async () => {
  await env.browser?.close();
  await env.dark?.close();
  await env.server?.close();
  fs.rmSync(site, { recursive: true, force: true });
});

/** A new page whose console errors and page errors are collected in `problems`. */
async function open(url, { scheme = 'light', width = 1100, height = 900 } = {}) {
  if (scheme === 'dark') env.dark ??= await launch('dark');
  const page = await (scheme === 'dark' ? env.dark : env.browser).newPage();
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  await page.setViewport({ width, height });
  await page.goto(url);
  return { page, problems };
}

for (const [name, host] of Object.entries(HOSTS)) {
  test(
    `Firefox, a ${name} blog post: every widget draws, with its own group colours`,
    { skip },
    async () => {
      const { page, problems } = await open(`${env.url}host-${name}.html`, { scheme: host.scheme });
      await page.waitForFunction(allWidgetsDrawn, { timeout: 60_000, polling: 200 });
      const cells = await page.evaluate(cubeCellPoints);
      const png = Buffer.from(await page.screenshot()).toString('base64');
      const colours = await page.evaluate(pngPixels, { png, points: cells });
      assert.deepEqual(groupColourProblems(cells, colours), []);
      const bg = await page.evaluate(
        () => getComputedStyle(document.querySelector('norm-cube')).backgroundColor,
      );
      assert.equal(bg, name === 'dark' ? 'rgb(20, 23, 28)' : 'rgb(255, 255, 255)');
      assert.deepEqual(problems, []);
      await page.close();
    },
  );
}

test('Firefox: the classic-script build computes from file://', { skip }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'normlab-post-'));
  fs.copyFileSync(
    path.join(dist, 'normlab-widgets.iife.js'),
    path.join(dir, 'normlab-widgets.iife.js'),
  );
  const body = `<norm-playground module="nn.LayerNorm(4)" shape="1,4" values="1,2,3,4">${FALLBACK}</norm-playground>`;
  fs.writeFileSync(
    path.join(dir, 'post.html'),
    hostPage('light', body, '<script src="normlab-widgets.iife.js"></script>'),
  );
  const { page, problems } = await open(pathToFileURL(path.join(dir, 'post.html')).href);
  await page.waitForFunction(allWidgetsDrawn, { timeout: 60_000, polling: 200 });
  const y0 = await page.evaluate(() => {
    const find = (r) => {
      for (const el of r.querySelectorAll('*')) {
        if (el.matches('output.cell')) return el.textContent;
        const inner = el.shadowRoot && find(el.shadowRoot);
        if (inner) return inner;
      }
      return null;
    };
    return find(document);
  });
  assert.match(y0 ?? '', /^[−-]1\.34/);
  assert.deepEqual(problems, []);
  await page.close();
  fs.rmSync(dir, { recursive: true });
});

test(
  'Firefox: the documented iframe snippet sizes the frame to its content',
  { skip },
  async () => {
    const { page, problems } = await open(`${env.url}host-iframe.html`);
    await page.waitForFunction(
      () => {
        const frame = document.querySelector('iframe[data-normlab]');
        const body = frame.contentDocument?.body;
        if (!body?.querySelector('norm-cube')?.shadowRoot?.querySelector('rect')) return false;
        const inner = body.getBoundingClientRect().height;
        return inner > 700 && Math.abs(frame.getBoundingClientRect().height - inner) <= 1;
      },
      { timeout: 60_000, polling: 200 },
    );
    assert.deepEqual(problems, []);
    await page.close();
  },
);

test(
  'Firefox: every chapter builds and computes, in English and Chinese, with no error',
  { skip },
  async () => {
    for (const lang of ['en', 'zh']) {
      const { page, problems } = await open(`${env.url}index.html#lang=${lang}`);
      await page.waitForSelector('html[data-engine="ready"]', { timeout: 60_000 });
      await buildAllChapters(page);
      await page.waitForFunction(
        () => {
          const busy = (r) =>
            !!r.querySelector('[aria-busy="true"]') ||
            [...r.querySelectorAll('*')].some((el) => el.shadowRoot && busy(el.shadowRoot));
          return !document.querySelector('.chapter-pending') && !busy(document);
        },
        { timeout: 60_000, polling: 200 },
      );
      // every chapter's section, and how many widgets in it have drawn
      const chapters = await page.evaluate(() =>
        [...document.querySelectorAll('section[data-chapter]')].map((s) => [
          s.dataset.chapter,
          [...s.querySelectorAll('*')].filter(
            (el) => el.tagName.includes('-') && el.shadowRoot?.childElementCount,
          ).length,
        ]),
      );
      assert.ok(chapters.length >= 10, `${chapters.length} chapters`);
      for (const [id, widgets] of chapters)
        assert.ok(widgets > 0, `${lang} ${id}: ${widgets} widgets drawn`);
      assert.equal(
        await page.evaluate(() => document.documentElement.lang),
        lang === 'zh' ? 'zh-CN' : 'en',
      );
      assert.deepEqual(problems, [], lang);
      await page.close();
    }
  },
);
