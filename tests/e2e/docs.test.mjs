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
