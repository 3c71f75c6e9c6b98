// Where users put NormLab: a blog post (normlab-widgets.js), an iframe (embed.html), one offline
// file opened from disk. Every page runs under its Content-Security-Policy with every request to
// another origin blocked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { useBrowser, dist } from './harness.mjs';

const env = useBrowser();

/** A page where requests leaving `allowed` origins are blocked and recorded. */
async function isolatedPage(allowed) {
  const context = await env.browser.newContext();
  const outside = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (allowed.some((prefix) => url.startsWith(prefix))) return route.continue();
    outside.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__cspViolations.push(`${e.violatedDirective}: ${e.blockedURI}`),
    );
  });
  return { context, page, problems, outside };
}

const BLOG_POST = `<!doctype html><html><head><meta charset="utf-8"><title>A blog post</title>
<style>
  * { all: unset; font-size: 31px !important; color: red !important; }
  input, output, button, svg, div, span { display: none !important; visibility: hidden !important; }
  norm-playground { display: block; }
</style></head><body>
<h1>My post about LayerNorm</h1>
<norm-playground shape="1,4" normalized-shape="4" lang="zh"></norm-playground>
<script type="module" src="./normlab-widgets.js"></script>
</body></html>`;

test('a blog post with hostile CSS embeds a widget with one script tag', async () => {
  const { context, page, problems, outside } = await isolatedPage([env.server.url]);
  await page.route(`${env.server.url}blog-post.html`, (r) =>
    r.fulfill({ contentType: 'text/html', body: BLOG_POST }),
  );
  await page.goto(`${env.server.url}blog-post.html`);
  const cell = page.getByLabel('x[0, 3]', { exact: true });
  await cell.waitFor();
  assert.ok(await cell.isVisible(), 'the host page’s CSS does not reach inside the widget');
  await cell.fill('9');
  await assert.doesNotReject(page.getByText('共计算了 1 组均值和方差').waitFor());
  const style = await cell.evaluate((el) => {
    const s = getComputedStyle(el);
    return { fontSize: s.fontSize, color: s.color };
  });
  assert.equal(style.fontSize, '16px');
  assert.notEqual(style.color, 'rgb(255, 0, 0)');
  assert.deepEqual(outside, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('embed.html shows the widget named in its hash, in the language asked for', async () => {
  const { context, page, problems, outside } = await isolatedPage([env.server.url]);
  await page.goto(
    `${env.server.url}embed.html#widget=norm-playground&shape=2,4&normalized-shape=4&lang=zh`,
  );
  await page.waitForSelector('html[data-engine="ready"]');
  await assert.doesNotReject(page.getByText('共计算了 2 组均值和方差').waitFor());
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  assert.deepEqual(outside, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('embed.html refuses unknown widgets and event-handler attributes', async () => {
  const { context, page, problems } = await isolatedPage([env.server.url]);
  await page.goto(`${env.server.url}embed.html#widget=script&src=x`);
  await assert.doesNotReject(
    page.getByRole('alert').filter({ hasText: 'Unknown widget "script"' }).waitFor(),
  );
  await page.goto(`${env.server.url}embed.html#widget=norm-playground&onclick=alert(1)&shape=1,4`);
  await assert.doesNotReject(page.getByText('Ignored: onclick').waitFor());
  assert.equal(await page.locator('norm-playground').getAttribute('onclick'), null);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the tutorial runs under its strict CSP with no request to another origin', async () => {
  const { context, page, problems, outside } = await isolatedPage([env.server.url]);
  await page.goto(env.server.url);
  await page.waitForSelector('html[data-engine="ready"]');
  const csp = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content');
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval';/);
  assert.doesNotMatch(csp.match(/script-src[^;]*/)[0], /unsafe-inline|'unsafe-eval'/);
  await page.getByLabel('x[0, 0, 0]', { exact: true }).fill('3');
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  assert.deepEqual(outside, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('normlab-offline.html works from file:// with the network off', async () => {
  const { context, page, problems, outside } = await isolatedPage(['file:', 'data:']);
  const file = pathToFileURL(path.join(dist, 'normlab-offline.html')).href;
  await page.goto(file);
  await page.waitForSelector('html[data-engine="ready"]', { timeout: 30_000 });
  await page.getByLabel('x[0, 0, 0]', { exact: true }).fill('1');
  await page.getByLabel('x[0, 0, 1]', { exact: true }).fill('2');
  await page.getByLabel('x[0, 0, 2]', { exact: true }).fill('3');
  await page.getByLabel('x[0, 0, 3]', { exact: true }).fill('4');
  await assert.doesNotReject(page.getByText('mean 2.5 · var 1.25').waitFor());
  const csp = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content');
  assert.match(csp, /script-src 'sha256-[^']+' 'wasm-unsafe-eval';/);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  assert.deepEqual(outside, []);
  assert.deepEqual(problems, []);
  await context.close();
});
