// The hosted site after one visit: its service worker (dist/sw.js, Workbox) has precached it, so
// with the network off and the server gone the tutorial still renders, computes and switches
// chapters and languages; a new deploy is offered by a banner and taken only when the reader asks.
// Where NormLab runs outside its own site (the offline file from disk, embed.html, a blog post with
// the widgets module) nothing registers a service worker.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { preview } from 'vite';
import { chromium } from 'playwright-core';
import {
  root,
  dist,
  launchBrowser,
  CHROMIUM_ARGS,
  openPage,
  section,
  assertNoAxeViolations,
} from './harness.mjs';

/** Vite's preview server on `folder`, on `port` (0: any free one). */
async function serve(folder, port = 0) {
  const server = await preview({
    root,
    build: { outDir: folder },
    logLevel: 'silent',
    preview: { host: '127.0.0.1', port, strictPort: port !== 0, open: false },
  });
  const address = server.httpServer.address();
  return {
    url: `http://127.0.0.1:${address.port}/`,
    port: address.port,
    close: () => server.close(),
  };
}

const md5 = (text) => crypto.createHash('md5').update(text).digest('hex');
const NEW_BUILD = '<meta name="normlab-build" content="the next deploy" />';

/**
 * A copy of dist/ as the next deploy would be: index.html changed, and the worker's precache list
 * given the new file's revision (Workbox's revision is the file's MD5), so the browser finds a new
 * sw.js.
 */
function nextDeploy() {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'normlab-next-deploy-'));
  fs.cpSync(dist, folder, { recursive: true });
  const index = fs.readFileSync(path.join(folder, 'index.html'), 'utf8');
  const sw = fs.readFileSync(path.join(folder, 'sw.js'), 'utf8');
  const entry = `url:"index.html",revision:"${md5(index)}"`;
  assert.ok(sw.includes(entry), `sw.js precaches index.html as ${entry}`);
  const changed = index.replace('</head>', `  ${NEW_BUILD}\n  </head>`);
  fs.writeFileSync(path.join(folder, 'index.html'), changed);
  fs.writeFileSync(
    path.join(folder, 'sw.js'),
    sw.replace(entry, `url:"index.html",revision:"${md5(changed)}"`),
  );
  return folder;
}

const env = { browser: null, next: null };
before(async () => {
  env.browser = await launchBrowser();
  env.next = nextDeploy();
});
after(async () => {
  await env.browser?.close();
  fs.rmSync(env.next, { recursive: true, force: true });
});

const playground = (page) =>
  page.locator('section[data-chapter="formula"] norm-playground').first();
const outputCells = (page) => playground(page).locator('tensor-editor[readonly] output');
const banner = (page) => page.locator('normlab-update-banner');

/** Resolves once a service worker controls the page and has finished its precache. */
const controlledBySW = (page) =>
  page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', null, {
    timeout: 30_000,
  });

test('after one visit the site works offline; a new deploy is offered and taken on request', async () => {
  let server = await serve(dist);
  const { context, page, problems } = await openPage(env.browser, server.url, {
    viewport: { width: 1200, height: 1000 },
  });
  try {
    await controlledBySW(page);
    const registration = await page.evaluate(async () => {
      const r = await navigator.serviceWorker.getRegistration();
      return { scope: r.scope, script: r.active.scriptURL, caches: await caches.keys() };
    });
    assert.equal(registration.scope, server.url, 'the worker is scoped to the site');
    assert.equal(registration.script, `${server.url}sw.js`);
    assert.ok(
      registration.caches.some((name) => name.startsWith('normlab-precache')),
      `caches: ${registration.caches}`,
    );
    // the network off and the server gone: everything comes from the worker's precache
    await context.setOffline(true);
    await server.close();
    await page.reload();
    await page.waitForSelector('html[data-engine="ready"]', { timeout: 30_000 });
    await assert.doesNotReject(page.getByRole('heading', { name: '1. The formula' }).waitFor());
    await assert.doesNotReject(outputCells(page).first().waitFor());
    assert.equal(await outputCells(page).count(), 24);
    await page.getByLabel('x[0, 0, 0]', { exact: true }).fill('1');
    await page.getByLabel('x[0, 0, 1]', { exact: true }).fill('2');
    await page.getByLabel('x[0, 0, 2]', { exact: true }).fill('3');
    await page.getByLabel('x[0, 0, 3]', { exact: true }).fill('4');
    await assert.doesNotReject(playground(page).getByText('mean 2.5 · var 1.25').waitFor());
    // the other language, another chapter: it renders and computes
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'IN 和 GN' }).click();
    const inGn = section(page, 'in-gn');
    await assert.doesNotReject(inGn.getByRole('heading', { name: '9. IN 和 GN' }).waitFor());
    await assert.doesNotReject(
      inGn
        .locator('norm-cube')
        .getByText('InstanceNorm2d(4)：计算 8 组均值和方差，每组 9 个元素')
        .waitFor(),
    );
    // docs.html was precached too, live widgets and all
    const docs = await context.newPage();
    docs.on('pageerror', (err) => problems.push(`docs.html: ${err.message}`));
    docs.on('requestfailed', (req) => problems.push(`docs.html: requestfailed: ${req.url()}`));
    await docs.goto(`${server.url}docs.html`);
    await docs.waitForSelector('html[data-engine="ready"]', { timeout: 30_000 });
    const first = docs.locator('main section[id]').first();
    const tag = await first.getAttribute('id');
    await first.scrollIntoViewIfNeeded();
    await assert.doesNotReject(first.locator(tag).waitFor({ state: 'attached' }));
    await docs.close();
    assert.deepEqual(problems, []);

    // the next build is deployed; the browser comes back online and finds it
    server = await serve(env.next, server.port);
    await page.evaluate(() => (window.sameDocument = true));
    await page.getByRole('button', { name: 'English' }).click();
    await context.setOffline(false);
    const ready = page.getByRole('status').filter({ hasText: 'A new version is ready.' });
    await assert.doesNotReject(ready.waitFor({ timeout: 30_000 }));
    assert.equal(await page.evaluate(() => window.sameDocument), true, 'the page did not reload');
    assert.equal(await page.locator('meta[name="normlab-build"]').count(), 0);
    // (site.test.mjs checks the whole page; here the banner, in both languages)
    await assertNoAxeViolations(page, 'normlab-update-banner');
    // its text follows the page's language, and the reload is a button, reached by keyboard
    await page.getByRole('button', { name: '中文' }).click();
    await assert.doesNotReject(
      page.getByRole('status').filter({ hasText: '新版本已就绪。' }).waitFor(),
    );
    await assertNoAxeViolations(page, 'normlab-update-banner');
    const reload = banner(page).getByRole('button', { name: '重新载入' });
    await reload.focus();
    await Promise.all([
      page.waitForEvent('load', { timeout: 30_000 }),
      page.keyboard.press('Enter'),
    ]);
    await page.waitForSelector('html[data-engine="ready"]', { timeout: 30_000 });
    assert.equal(await page.evaluate(() => window.sameDocument), undefined);
    assert.equal(await page.locator('meta[name="normlab-build"]').count(), 1, 'the new version');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
    await controlledBySW(page);
    assert.equal(
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).waiting),
      null,
    );
    assert.equal(await banner(page).getAttribute('ready'), null, 'no banner in the new version');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await server.close().catch(() => {}); // (closed already if the test stopped offline)
  }
});

test('the manifest link follows the page language; each manifest names the app in both', async () => {
  const server = await serve(dist);
  const { context, page, problems } = await openPage(env.browser, server.url);
  try {
    const manifest = () =>
      page.evaluate(async () => {
        const link = document.querySelector('link[rel="manifest"]');
        return { href: link.href, json: await (await fetch(link.href)).json() };
      });
    let m = await manifest();
    assert.equal(m.href, `${server.url}manifest.webmanifest`);
    assert.equal(m.json.lang, 'en');
    assert.equal(m.json.dir, 'ltr');
    assert.match(m.json.name, /^NormLab: normalization/);
    assert.match(m.json.name_localized['zh-CN'], /^NormLab：归一化/);
    await page.getByRole('button', { name: '中文' }).click();
    await page.waitForFunction(() =>
      document.querySelector('link[rel="manifest"]').href.endsWith('manifest.zh-CN.webmanifest'),
    );
    m = await manifest();
    assert.equal(m.json.lang, 'zh-CN');
    assert.match(m.json.name, /^NormLab：归一化/);
    assert.match(m.json.name_localized.en, /^NormLab: normalization/);
    assert.equal(m.json.id, './');
    for (const icon of m.json.icons) {
      const status = await page.evaluate(
        async (src) => (await fetch(src)).status,
        new URL(icon.src, m.href).href,
      );
      assert.equal(status, 200, icon.src);
    }
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await server.close();
  }
});

test('Chromium finds the site installable (a non-incognito profile: incognito never installs)', async () => {
  const server = await serve(dist);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'normlab-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(server.url);
    await page.waitForSelector('html[data-engine="ready"]', { timeout: 30_000 });
    await controlledBySW(page);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, []);
    const { errors } = await cdp.send('Page.getAppManifest');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await server.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
});

/** A page that records every navigator.serviceWorker.register() call. */
async function watchedPage(context) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  await page.addInitScript(() => {
    window.swRegistrations = [];
    const container = navigator.serviceWorker;
    if (!container) return;
    const register = container.register.bind(container);
    container.register = (...args) => {
      window.swRegistrations.push(String(args[0]));
      return register(...args);
    };
  });
  return { page, problems };
}

/** The register() calls a page made once it has loaded and its engine is ready. */
async function registrationsOf(page) {
  await page.waitForSelector('html[data-engine="ready"]', { timeout: 30_000 });
  await page.waitForFunction(() => document.readyState === 'complete');
  return page.evaluate(async () => ({
    calls: window.swRegistrations,
    // from file:// the browser refuses even to list registrations: none can exist there
    registered: navigator.serviceWorker
      ? (await navigator.serviceWorker.getRegistrations().catch(() => [])).length
      : 0,
  }));
}

test('the offline file, embed.html and a blog post with the widgets register no service worker', async () => {
  // in the files themselves: no service worker code at all
  for (const file of ['normlab-offline.html', 'normlab-widgets.js', 'normlab-widgets.iife.js']) {
    assert.doesNotMatch(fs.readFileSync(path.join(dist, file), 'utf8'), /serviceWorker/, file);
  }
  const embedScript = fs
    .readdirSync(path.join(dist, 'assets'))
    .find((f) => /^embed-.*\.js$/.test(f));
  assert.doesNotMatch(
    fs.readFileSync(path.join(dist, 'assets', embedScript), 'utf8'),
    /serviceWorker/,
  );
  assert.doesNotMatch(
    fs.readFileSync(path.join(dist, 'normlab-offline.html'), 'utf8'),
    /rel="manifest"/,
  );

  const server = await serve(dist);
  const context = await env.browser.newContext();
  try {
    const offline = await watchedPage(context);
    await offline.page.goto(pathToFileURL(path.join(dist, 'normlab-offline.html')).href);
    assert.deepEqual(await registrationsOf(offline.page), { calls: [], registered: 0 });
    await offline.page.getByLabel('x[0, 0, 0]', { exact: true }).fill('1');
    assert.deepEqual(offline.problems, []);

    const embed = await watchedPage(context);
    await embed.page.goto(
      `${server.url}embed.html#widget=norm-playground&shape=2,4&normalized-shape=4`,
    );
    assert.deepEqual(await registrationsOf(embed.page), { calls: [], registered: 0 });
    assert.deepEqual(embed.problems, []);

    const blog = await watchedPage(context);
    await blog.page.route(`${server.url}blog-post.html`, (r) =>
      r.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A post</title>
          <script type="module" src="./normlab-widgets.js"></script></head>
          <body><norm-playground shape="1,4" normalized-shape="4"></norm-playground></body></html>`,
      }),
    );
    await blog.page.goto(`${server.url}blog-post.html`);
    await blog.page.getByLabel('x[0, 3]', { exact: true }).waitFor();
    await blog.page.waitForFunction(() => document.readyState === 'complete');
    assert.deepEqual(await blog.page.evaluate(() => window.swRegistrations), []);
    assert.equal(
      await blog.page.evaluate(
        async () => (await navigator.serviceWorker.getRegistrations()).length,
      ),
      0,
    );
    assert.deepEqual(blog.problems, []);
  } finally {
    await context.close();
    await server.close();
  }
});
