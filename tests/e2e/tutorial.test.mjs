import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { useBrowser, openPage, focusedLabel, root } from './harness.mjs';

const env = useBrowser();

// the chapter's first playground: LayerNorm(4) on (2, 3, 4); later chapters show the same module
const playground = (page) =>
  page.locator('section[data-chapter="formula"] norm-playground').first();
const outputCells = (page) => playground(page).locator('tensor-editor[readonly] output');

test('the engine loads and the first chapter shows LayerNorm computed by the kernels', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url, {
    viewport: { width: 1280, height: 1100 },
  });
  assert.equal(await page.locator('section[data-chapter="formula"]').count(), 1);
  await assert.doesNotReject(outputCells(page).first().waitFor());
  assert.equal(await outputCells(page).count(), 24);
  await assert.doesNotReject(
    playground(page).getByText('6 mean/variance pairs computed').waitFor(),
    'LayerNorm(4) on (2, 3, 4) computes one mean per token',
  );
  await page.screenshot({ path: `${root}/docs/screenshot.png` });
  assert.deepEqual(problems, []);
  await context.close();
});

test('typing a row recomputes its LayerNorm output and statistics', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  const values = ['1', '2', '3', '4'];
  for (let i = 0; i < 4; i++) {
    await page.getByLabel(`x[0, 0, ${i}]`, { exact: true }).fill(values[i]);
  }
  // (x - 2.5) / sqrt(1.25 + 1e-5), from the C++ kernel
  const row = await outputCells(page).evaluateAll((cells) =>
    cells.slice(0, 4).map((c) => c.textContent),
  );
  assert.deepEqual(row, ['−1.342', '−0.4472', '0.4472', '1.342']);
  await assert.doesNotReject(playground(page).getByText('mean 2.5 · var 1.25').waitFor());
  assert.deepEqual(problems, []);
  await context.close();
});

test('text that is not a number is marked, explained, and changes nothing', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  const before = await outputCells(page).allTextContents();
  const cell = page.getByLabel('x[1, 2, 3]', { exact: true });
  await cell.fill('abc');
  assert.equal(await cell.getAttribute('aria-invalid'), 'true');
  await assert.doesNotReject(page.getByRole('alert').filter({ hasText: 'not a number' }).waitFor());
  assert.deepEqual(await outputCells(page).allTextContents(), before);
  assert.equal(await cell.inputValue(), 'abc', 'the learner’s text stays in the cell');
  await cell.fill('0.5');
  assert.equal(await cell.getAttribute('aria-invalid'), 'false');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the language switch shows Chinese and is remembered', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await page.getByRole('button', { name: '中文' }).click();
  await assert.doesNotReject(page.getByRole('heading', { name: '1. 归一化公式' }).waitFor());
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  await page.reload();
  await page.waitForSelector('html[data-engine="ready"]');
  await assert.doesNotReject(playground(page).getByText('共计算了 6 组均值和方差').waitFor());
  assert.deepEqual(problems, []);
  await context.close();
});

test('a Chinese browser gets Chinese by default', async () => {
  const { context, page } = await openPage(env.browser, env.server.url, { locale: 'zh-CN' });
  await assert.doesNotReject(page.getByRole('heading', { name: '1. 归一化公式' }).waitFor());
  await context.close();
});

test('keyboard: arrow keys move between cells', async () => {
  const { context, page } = await openPage(env.browser, env.server.url);
  await page.getByLabel('x[0, 0, 0]', { exact: true }).focus();
  await page.keyboard.press('ArrowDown');
  assert.equal(await focusedLabel(page), 'x[0, 1, 0]');
  await context.close();
});

test('docs/screenshot.png was written', () => {
  assert.ok(fs.statSync(`${root}/docs/screenshot.png`).size > 10_000);
});

test('the edited tensor lives in the link: sharing it restores the numbers', async () => {
  const { context, page } = await openPage(env.browser, env.server.url);
  await page.getByLabel('x[1, 2, 3]', { exact: true }).fill('7.25');
  await page.waitForFunction(() => location.hash.includes('7.25'));
  const link = page.url();
  const other = await openPage(env.browser, link);
  assert.equal(await other.page.getByLabel('x[1, 2, 3]', { exact: true }).inputValue(), '7.25');
  assert.deepEqual(other.problems, []);
  await other.context.close();
  await context.close();
});

test('a malformed or hostile link is ignored with a notice', async () => {
  const hostile = encodeURIComponent('<img src=x onerror=alert(1)>');
  const { context, page, problems } = await openPage(
    env.browser,
    `${env.server.url}#formula.ln.values=1,2,${hostile}&lang=${hostile}`,
  );
  await assert.doesNotReject(page.getByText('Ignored part of the link').first().waitFor());
  assert.equal(await page.getByLabel('x[0, 0, 0]', { exact: true }).inputValue(), '-1');
  assert.equal(await page.locator('img').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});
