// Blog posts we do not control: a plain light page and a dark page, each with its own CSS and none
// of ours, embedding every widget of docs.html through dist/normlab-widgets.js. The widgets must
// bring their own colours (group colours included), read well on both, check their attributes as
// the URL hash is checked, and never freeze, throw or run a hostile value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { useBrowser, openPage, dist } from './harness.mjs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { frames, HOSTILE, injected } from './reliability-helpers.mjs';
import { CATALOG, iframeSnippet } from '../../web/docs-catalog.js';
import {
  HOSTS,
  ALL_WIDGETS,
  FALLBACK,
  attributeText,
  hostPage,
  allWidgetsDrawn,
  cubeCellPoints,
  pngPixels,
  groupColourProblems,
} from './host-pages.mjs';

const env = useBrowser();

/** Serves `html` at `${server}NAME.html` for this page only, and goes there. */
async function openHost(browser, server, name, html, options = {}) {
  const opened = await openPage(browser, undefined, options);
  const address = `${server}host-${name}.html`;
  await opened.page.route(address, (r) => r.fulfill({ contentType: 'text/html', body: html }));
  await opened.page.goto(address);
  return { ...opened, address };
}

/** Resolves when every NormLab tag is defined and rendered and none shows "loading". */
async function widgetsDrawn(page, timeout = 30_000) {
  await page.waitForFunction(allWidgetsDrawn, null, { timeout, polling: 100 });
  await frames(page, 2);
}

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

    const cells = await page.evaluate(cubeCellPoints);
    const png = (await page.screenshot()).toString('base64');
    const colours = await page.evaluate(pngPixels, { png, points: cells });
    assert.deepEqual(groupColourProblems(cells, colours), []);

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

/** Attributes the engine or the screen cannot take: [tag, attributes, the attribute refused]. */
const REFUSED = [
  ['norm-cube', { shape: '99999,99999' }, 'shape'],
  ['norm-cube', { kind: 'group', shape: '64,64,64', groups: '2' }, 'shape'],
  ['norm-playground', { module: 'nn.LayerNorm(4)', shape: '99999,99999' }, 'shape'],
  ['norm-playground', { module: 'nn.LayerNorm(4)', shape: '1,4', values: 'NaN,1,2,3' }, 'values'],
  ['reduction-player', { kind: 'batch', shape: '99999,99999' }, 'shape'],
  ['count-table', { rows: 'nn.LayerNorm(4) | 99999,99999,99999' }, 'rows'],
  ['optimizer-race', { surface: 'bowl', steps: '1e9' }, 'steps'],
  ['memory-calculator', { params: '7e9', precision: 'fp1' }, 'precision'],
  ['tensor-editor', { shape: '64,64,64,64,64' }, 'shape'],
  ['bn-stepper', { channels: '99999' }, 'channels'],
  ['padding-demo', { lengths: '4,2,3', 'hidden-size': '99999' }, 'hidden-size'],
  ['optimizer-state', { op: 'adam', shape: '99999,99999' }, 'shape'],
];

/** What a widget shows: its status notices, how many elements it drew, its text. */
const shown = (locator) =>
  locator.evaluate((el) => {
    const notices = [];
    let elements = 0;
    const visit = (root) => {
      for (const n of root.querySelectorAll('*')) {
        elements++;
        if (n.getAttribute('role') === 'status' && n.textContent.trim())
          notices.push(n.textContent.trim());
        if (n.shadowRoot) visit(n.shadowRoot);
      }
    };
    visit(el.shadowRoot);
    return { notices, elements, text: el.shadowRoot.textContent.replace(/\s+/g, ' ').trim() };
  });

test('refused and huge attributes: a notice inside the widget, a working default, no error, no freeze', async (t) => {
  const body = REFUSED.map(([tag, attrs]) => `<${tag}${attributeText(attrs)}></${tag}>`).join('\n');
  const { context, page, problems } = await openHost(
    env.browser,
    env.server.url,
    'refused',
    hostPage('light', body),
  );
  await widgetsDrawn(page);
  const widgets = page.locator('main > *:not(h1)');
  for (const [i, [tag, , refused]] of REFUSED.entries()) {
    const { notices, elements, text } = await shown(widgets.nth(i));
    assert.ok(
      notices.some((n) => n.includes(`${refused}="`)),
      `${tag} names its refused ${refused}: ${JSON.stringify(notices)}`,
    );
    // a working default: the widget drew something, and not 262,144 cells
    assert.ok(elements > 10 && elements < 10_000, `${tag} drew ${elements} elements`);
    assert.ok(text.length > 40, `${tag} is not blank`);
  }
  // and the page still answers: a cube cell picked by a click shows its group's statistics
  const cube = widgets.nth(1);
  const start = Date.now();
  await cube.locator('rect[data-i="5"]').click();
  await cube.locator('p.detail', { hasText: 'statistics group' }).waitFor();
  t.diagnostic(`click to answer: ${Date.now() - start} ms (reported, not asserted)`);

  // the same checks when an attribute changes after the widget is drawn
  await cube.evaluate((el) => el.setAttribute('shape', '64,64,64'));
  await frames(page, 2);
  const later = await shown(cube);
  assert.ok(
    later.notices.some((n) => n.includes('shape="64,64,64"')),
    JSON.stringify(later.notices),
  );
  assert.ok(later.elements < 10_000, `${later.elements} elements`);
  await cube.evaluate((el) => el.setAttribute('shape', '2,4,3'));
  await cube.locator('rect[data-i="23"]').waitFor();
  assert.equal(await cube.locator('rect[data-i="24"]').count(), 0, 'a valid shape is taken');
  assert.deepEqual(problems, []);
  await context.close();
});

test('embed.html with a huge shape in its hash: a notice and a working cube', async () => {
  const { context, page, problems } = await openPage(env.browser, undefined);
  await page.goto(`${env.server.url}embed.html#widget=norm-cube&shape=99999,99999`);
  await page.waitForSelector('html[data-engine="ready"]');
  const cube = page.locator('norm-cube');
  await cube.locator('rect[data-i="0"]').waitFor();
  const { notices } = await shown(cube);
  assert.ok(
    notices.some((n) => n.includes('shape="99999,99999"')),
    JSON.stringify(notices),
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test('hostile attribute values never run script and never leave a blank widget', async (t) => {
  for (const hostile of [...HOSTILE, '1e400', 'NaN']) {
    // every attribute of every docs.html example set to the hostile text
    const body = CATALOG.map(([tag, , attrs]) => {
      const bad = Object.fromEntries(Object.keys(attrs).map((k) => [k, hostile]));
      return `<${tag}${attributeText(bad)}></${tag}>`;
    }).join('\n');
    const { context, page, problems } = await openHost(
      env.browser,
      env.server.url,
      'hostile',
      hostPage('light', body),
    );
    await widgetsDrawn(page);
    const { found, pwned } = await injected(page);
    assert.deepEqual({ found, pwned }, { found: [], pwned: null }, hostile);
    const widgets = page.locator('main > *:not(h1)');
    for (let i = 0; i < CATALOG.length; i++) {
      const { text, elements } = await shown(widgets.nth(i));
      assert.ok(text.length > 40 && elements > 5, `${CATALOG[i][0]} is blank with ${hostile}`);
    }
    assert.deepEqual(problems, [], hostile);
    await context.close();
  }
  t.diagnostic(`${HOSTILE.length + 2} hostile values × ${CATALOG.length} widgets`);
});

test('the documented iframe snippet sizes the frame to its content, growing and shrinking', async () => {
  const hash = 'widget=norm-cube&kind=group&shape=2,6,4,4&groups=3';
  const body = iframeSnippet('norm-cube', hash);
  const { context, page, problems } = await openHost(
    env.browser,
    env.server.url,
    'iframe',
    hostPage('light', body),
  );
  const iframe = page.locator('iframe[data-normlab]');
  const frame = page.frameLocator('iframe[data-normlab]');
  await frame.locator('norm-cube rect[data-i="0"]').waitFor();
  /** [the iframe's height, its content's height], once they agree (or after 10 s, as they are) */
  const heights = async () => {
    const inner = () =>
      iframe.evaluate((el) => Math.ceil(el.contentDocument.body.getBoundingClientRect().height));
    await page
      .waitForFunction(
        (el) =>
          Math.abs(
            el.getBoundingClientRect().height -
              el.contentDocument.body.getBoundingClientRect().height,
          ) <= 1,
        await iframe.elementHandle(),
        { timeout: 10_000 },
      )
      .catch(() => {});
    return [Math.round((await iframe.boundingBox()).height), await inner()];
  };
  const [outer, inner] = await heights();
  assert.ok(Math.abs(outer - inner) <= 1, `iframe ${outer} px, content ${inner} px`);
  assert.ok(
    inner > 700,
    `the cube with its controls is taller than the snippet's 700 px: ${inner}`,
  );
  const scrolls = await iframe.evaluate(
    (el) =>
      el.contentDocument.documentElement.scrollHeight >
      el.contentDocument.documentElement.clientHeight + 1,
  );
  assert.equal(scrolls, false, 'no scroll bar inside the frame');
  // a smaller widget in the same frame: the frame shrinks with it
  await iframe.evaluate(
    (el) => (el.contentWindow.location.hash = 'widget=affine-plot&activation=tanh'),
  );
  await frame.locator('affine-plot svg').first().waitFor();
  const [outer2, inner2] = await heights();
  assert.ok(Math.abs(outer2 - inner2) <= 1 && inner2 < inner, `then ${outer2} px for ${inner2} px`);
  assert.deepEqual(problems, []);
  await context.close();
});

/** A post saved to disk next to a copy of `script`: opened from file:// with the network off. */
async function filePost(browser, script, tag) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'normlab-post-'));
  if (script) fs.copyFileSync(path.join(dist, script), path.join(dir, script));
  const body = [
    `<norm-playground module="nn.LayerNorm(4)" shape="1,4" values="1,2,3,4">${FALLBACK}</norm-playground>`,
    `<norm-cube kind="group" shape="2,6,4,4" groups="3">${FALLBACK}</norm-cube>`,
  ].join('\n');
  fs.writeFileSync(path.join(dir, 'post.html'), hostPage('light', body, tag));
  const opened = await openPage(browser, undefined);
  const requests = [];
  await opened.context.route(/^https?:/, (route) => {
    requests.push(route.request().url());
    return route.abort();
  });
  await opened.context.setOffline(true);
  await opened.page.goto(pathToFileURL(path.join(dir, 'post.html')).href);
  return { ...opened, requests, dir };
}

test('the classic-script build renders and computes from file:// with the network off', async () => {
  const script = 'normlab-widgets.iife.js';
  const post = await filePost(env.browser, script, `<script src="${script}"></script>`);
  const { page, problems, requests } = post;
  const playground = page.locator('norm-playground');
  await playground.getByText('1 mean/variance pairs computed').waitFor();
  await page.locator('norm-cube').getByText('6 mean/variance pairs').waitFor();
  // the output is the engine's: LayerNorm of 1, 2, 3, 4
  const y0 = await playground.locator('output.cell').first().textContent();
  assert.match(y0, /^[−-]1\.34/);
  // once defined, the widgets' shadow roots replace the fallback links
  for (const link of await page.getByText('NormLab: an interactive figure').all())
    assert.equal(await link.isVisible(), false);
  assert.deepEqual(requests, []);
  assert.deepEqual(problems, []);
  await post.context.close();
  fs.rmSync(post.dir, { recursive: true });
});

test('from file://, where the module is blocked or missing, every tag shows its fallback link', async () => {
  for (const tag of [
    '<script type="module" src="normlab-widgets.js"></script>',
    '<script src="missing.iife.js"></script>',
  ]) {
    const post = await filePost(
      env.browser,
      tag.includes('module') ? 'normlab-widgets.js' : null,
      tag,
    );
    const links = post.page.getByRole('link', { name: 'NormLab: an interactive figure' });
    await links.first().waitFor();
    assert.equal(await links.count(), 2, tag);
    assert.ok(await links.nth(1).isVisible(), tag);
    assert.equal(await post.page.evaluate(() => !!customElements.get('norm-cube')), false, tag);
    await post.context.close();
    fs.rmSync(post.dir, { recursive: true });
  }
});

test('attributes spelled as the fields take them are read, not refused', async () => {
  const body = [
    '<tensor-editor shape="(2, 3)" values="[[1, 2, 3], [4, 5, 6]]"></tensor-editor>',
    '<norm-playground module="nn.LayerNorm(4)" shape="torch.Size([1, 4])" values="tensor([1., 2., 3., 4.])"></norm-playground>',
    '<norm-cube kind="instance" shape="2x3x2"></norm-cube>',
  ].join('\n');
  const { context, page, problems } = await openHost(
    env.browser,
    env.server.url,
    'spellings',
    hostPage('light', body),
  );
  await widgetsDrawn(page);
  for (const tag of ['tensor-editor', 'norm-playground', 'norm-cube'])
    assert.deepEqual((await shown(page.locator(`main > ${tag}`))).notices, [], tag);
  assert.equal(await page.locator('main > tensor-editor').getByLabel('x[1, 2]').inputValue(), '6');
  await page.locator('norm-cube').getByText('6 mean/variance pairs').waitFor();
  assert.match(
    await page.locator('norm-playground output.cell').first().textContent(),
    /^[−-]1\.34/,
  );
  assert.deepEqual(problems, []);
  await context.close();
});
