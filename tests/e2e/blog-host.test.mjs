// Blog posts we do not control: a plain light page and a dark page, each with its own CSS and none
// of ours, embedding every widget of docs.html through dist/normlab-widgets.js. The widgets must
// bring their own colours (group colours included), read well on both, check their attributes as
// the URL hash is checked, and never freeze, throw or run a hostile value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { useBrowser, openPage } from './harness.mjs';
import { frames } from './reliability-helpers.mjs';
import { CATALOG } from '../../web/docs-catalog.js';

const env = useBrowser();

const HOSTS = {
  light: {
    scheme: 'light',
    css: 'body { background: #fdfdf8; color: #222; font: 19px/1.7 Georgia, serif; max-width: 46rem; margin: 2rem auto; }',
  },
  dark: {
    scheme: 'dark',
    css: 'body { background: #111318; color: #e8e8e8; font: 18px/1.7 Georgia, serif; max-width: 46rem; margin: 2rem auto; } a { color: #9cf; }',
  },
};

const escapeAttr = (v) =>
  String(v).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export const attributeText = (attrs) =>
  Object.entries(attrs)
    .map(([k, v]) => (v === '' ? ` ${k}` : ` ${k}="${escapeAttr(v)}"`))
    .join('');

/** A blog post: its own CSS, a heading, `body` (widget tags), and our one script tag. */
export function hostPage(
  name,
  body,
  script = '<script type="module" src="./normlab-widgets.js"></script>',
) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A post (${name})</title>
<style>${HOSTS[name]?.css ?? HOSTS.light.css}</style></head><body><main><h1>My post about normalization</h1>
${body}
</main>${script}</body></html>`;
}

/** Serves `html` at `${server}NAME.html` for this page only, and goes there. */
export async function openHost(browser, server, name, html, options = {}) {
  const opened = await openPage(browser, undefined, options);
  const address = `${server}host-${name}.html`;
  await opened.page.route(address, (r) => r.fulfill({ contentType: 'text/html', body: html }));
  await opened.page.goto(address);
  return { ...opened, address };
}

/** Resolves when every NormLab tag is defined and rendered and none shows "loading". */
export async function widgetsDrawn(page, timeout = 30_000) {
  await page.waitForFunction(
    () => {
      const widgets = [...document.querySelectorAll('main > *')].filter((el) =>
        el.tagName.includes('-'),
      );
      if (!widgets.length) return false;
      const busy = (root) =>
        !!root.querySelector('[aria-busy="true"]') ||
        [...root.querySelectorAll('*')].some((el) => el.shadowRoot && busy(el.shadowRoot));
      return widgets.every(
        (w) => w.shadowRoot && w.shadowRoot.childElementCount > 0 && !busy(w.shadowRoot),
      );
    },
    null,
    { timeout, polling: 100 },
  );
  await frames(page, 2);
}

/** [r, g, b] of the screenshot at each viewport point {x, y}. */
async function pixels(page, points) {
  const png = (await page.screenshot()).toString('base64');
  return page.evaluate(
    async ({ png, points }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${png}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext('2d');
      ctx.drawImage(img, 0, 0);
      return points.map(({ x, y }) => [
        ...ctx.getImageData(Math.round(x), Math.round(y), 1, 1).data.slice(0, 3),
      ]);
    },
    { png, points },
  );
}

/** Viewport centres of one cell per statistics group of the first <norm-cube>, after scrolling to it. */
async function cubeCells(page) {
  const cube = page.locator('norm-cube').first();
  await cube.locator('svg').scrollIntoViewIfNeeded();
  return cube.evaluate((el) => {
    const seen = new Map();
    for (const rect of el.shadowRoot.querySelectorAll('rect[data-g]')) {
      const g = rect.dataset.g;
      if (seen.has(g)) continue;
      const box = rect.getBoundingClientRect();
      if (box.top < 0 || box.bottom > innerHeight) continue;
      seen.set(g, { g, x: box.left + box.width / 2, y: box.top + box.height / 2 });
    }
    return [...seen.values()];
  });
}

const ALL_WIDGETS = CATALOG.map(
  ([tag, , attrs]) => `<${tag}${attributeText(attrs)}></${tag}>`,
).join('\n');

for (const [name, host] of Object.entries(HOSTS)) {
  test(`a ${name} blog post: every widget brings its own group colours and readable text`, async () => {
    const { context, page, problems } = await openHost(
      env.browser,
      env.server.url,
      name,
      hostPage(name, ALL_WIDGETS),
      { colorScheme: host.scheme, viewport: { width: 1100, height: 900 } },
    );
    // docs.html's widgets, all of them, defined and drawn
    for (const [tag] of CATALOG) await page.locator(tag).first().waitFor({ state: 'attached' });
    await widgetsDrawn(page);

    const cells = await cubeCells(page);
    assert.ok(cells.length >= 3, `norm-cube shows ${cells.length} groups`);
    const colours = await pixels(page, cells);
    for (const [i, [r, g, b]] of colours.entries())
      assert.ok(Math.max(r, g, b) > 24, `group ${cells[i].g} is black: ${[r, g, b]}`);
    const distinct = new Set(colours.map((c) => c.join(',')));
    assert.equal(distinct.size, cells.length, `groups share a colour: ${JSON.stringify(colours)}`);

    // the widget paints its own background in the reader's scheme, not the host's colours
    const bg = await page
      .locator('norm-cube')
      .evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.equal(bg, name === 'dark' ? 'rgb(20, 23, 28)' : 'rgb(255, 255, 255)');

    // axe's colour contrast, inside every shadow root
    const { violations } = await new AxeBuilder({ page }).withRules(['color-contrast']).analyze();
    const found = violations.flatMap((v) =>
      v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
    );
    assert.deepEqual(found, []);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('theme="dark" on a light host, theme="light" on a dark reader: the attribute wins', async () => {
  const body = `<norm-cube theme="dark" kind="group" shape="2,6,4,4" groups="3"></norm-cube>`;
  const { context, page, problems } = await openHost(
    env.browser,
    env.server.url,
    'forced',
    hostPage('light', body),
    {
      colorScheme: 'light',
    },
  );
  await widgetsDrawn(page);
  const cube = page.locator('norm-cube');
  assert.equal(
    await cube.evaluate((el) => getComputedStyle(el).backgroundColor),
    'rgb(20, 23, 28)',
  );
  const fill = () =>
    cube.evaluate((el) => getComputedStyle(el.shadowRoot.querySelector('rect[data-g="0"]')).fill);
  assert.equal(await fill(), 'rgb(30, 58, 95)');
  await cube.evaluate((el) => el.setAttribute('theme', 'light'));
  await frames(page, 1);
  assert.equal(await fill(), 'rgb(219, 234, 254)');
  // a host page's own value of a documented property is an override that reaches the widget
  await page.addStyleTag({ content: ':root { --nl-group-0: rgb(1, 2, 3); }' });
  await frames(page, 1);
  assert.equal(await fill(), 'rgb(1, 2, 3)');
  assert.deepEqual(problems, []);
  await context.close();
});
