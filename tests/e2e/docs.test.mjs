// docs.html: every widget with its snippets, live.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, assertNoAxeViolations } from './harness.mjs';

const env = useBrowser();

test('the docs page lists every widget with a blog snippet and an iframe snippet', async () => {
  const { context, page, problems } = await openPage(env.browser, `${env.server.url}docs.html`);
  const sections = page.locator('main section[id]');
  const count = await sections.count();
  assert.ok(count >= 15, `${count} widgets documented`);
  for (let i = 0; i < count; i++) {
    const section = sections.nth(i);
    const tag = await section.getAttribute('id');
    const codes = await section.locator('pre code').allTextContents();
    assert.match(
      codes[0],
      new RegExp(`<script type="module" src="normlab-widgets.js"></script>\\n<${tag}[ >]`),
    );
    assert.match(codes[1], new RegExp(`<iframe src="embed.html#widget=${tag}&`));
    await section.scrollIntoViewIfNeeded();
    await section.locator(tag).waitFor({ state: 'attached' });
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('a documented iframe snippet works as written', async () => {
  const { context, page, problems } = await openPage(env.browser, `${env.server.url}docs.html`);
  const snippet = await page.locator('#norm-cube pre code').nth(1).textContent();
  const src = /src="([^"]+)"/.exec(snippet)[1];
  const frame = await openPage(env.browser, `${env.server.url}${src}`);
  await frame.page.locator('norm-cube').waitFor();
  assert.equal(await frame.page.locator('norm-cube').getAttribute('groups'), '3');
  assert.deepEqual(frame.problems, []);
  await frame.context.close();
  assert.deepEqual(problems, []);
  await context.close();
});

test('axe-core finds no violations on the docs page', async () => {
  const { context, page } = await openPage(env.browser, `${env.server.url}docs.html`);
  for (const section of await page.locator('main section[id]').all())
    await section.scrollIntoViewIfNeeded();
  await page.waitForTimeout(500);
  await assertNoAxeViolations(page);
  await context.close();
});

test('docs.html switches to Chinese as the tutorial does, and a link with lang=zh opens in it', async () => {
  const { context, page, problems } = await openPage(env.browser, `${env.server.url}docs.html`);
  await page.getByRole('button', { name: '中文' }).click();
  await page.getByRole('heading', { level: 1, name: 'NormLab 组件' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  const cube = page.locator('#norm-cube');
  await cube.scrollIntoViewIfNeeded();
  // the live widget and its snippets are in Chinese too
  await cube.locator('norm-cube').getByText('组均值和方差').first().waitFor();
  assert.match(await cube.locator('pre code').first().textContent(), /lang="zh"/);
  assert.ok(await cube.getByRole('table', { name: '<norm-cube> 的属性' }).isVisible());
  // remembered, as on the tutorial
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'NormLab 组件' }).waitFor();
  const fresh = await openPage(env.browser, `${env.server.url}docs.html#lang=zh`);
  await fresh.page.getByRole('heading', { level: 1, name: 'NormLab 组件' }).waitFor();
  await fresh.context.close();
  assert.deepEqual(problems, []);
  await context.close();
});

test('the attribute reference is the widgets’ own: every example attribute is listed, ranges are enforced', async () => {
  const { context, page, problems } = await openPage(env.browser, `${env.server.url}docs.html`);
  const limits = [];
  for (const section of await page.locator('main section[id]').all()) {
    const tag = await section.getAttribute('id');
    const rows = await section
      .locator('table tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
    const names = rows.map((r) => r[0]);
    const example = (await section.locator('pre code').first().textContent()).split('\n')[1];
    const opening = example.slice(0, example.indexOf('><a ') + 1);
    for (const [, name] of opening.matchAll(/ ([a-z-]+)(?==|>| )/g))
      assert.ok(names.includes(name), `${tag}: ${name} is documented`);
    for (const [name, type, range] of rows) {
      const m = /^(-?\d+) … (\d+)$/.exec(range);
      if (type === 'integer' && m) limits.push([tag, name, Number(m[2])]);
    }
  }
  assert.ok(limits.length >= 10, `${limits.length} integer ranges`);
  // one past each documented maximum is refused by the widget, with a notice naming it
  const notices = await page.evaluate(async (limits) => {
    const out = [];
    for (const [tag, name, max] of limits) {
      const el = document.createElement(tag);
      el.setAttribute(name, String(max + 1));
      document.body.append(el);
      await el.updateComplete;
      out.push([tag, name, el.stateNotice ?? '']);
      el.remove();
    }
    return out;
  }, limits);
  for (const [tag, name, notice] of notices)
    assert.match(notice, new RegExp(`${name}="`), `${tag} ${name} past its documented maximum`);
  assert.deepEqual(problems, []);
  await context.close();
});
