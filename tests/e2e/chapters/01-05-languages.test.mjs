// Chapters 1, 3, 4 and 5 in Chinese (prose, widgets, messages, self-checks), and switching the
// language re-rendering their widgets in place.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser } from '../harness.mjs';
import { openTutorial, widget, alert, selfCheck } from './basics-helpers.mjs';

const env = useBrowser({ engine: true });
const open = (locale, hash) => openTutorial(env, locale, hash);

// ---- in Chinese --------------------------------------------------------------------------------

test('the four chapters in Chinese: prose, widgets, messages and self-checks', async () => {
  const { context, page, problems } = await open('zh-CN');
  await page.getByRole('heading', { name: '1. 归一化公式' }).waitFor();
  await page.getByRole('heading', { name: '3. 计算次数与 γ、β 的形状' }).waitFor();
  await page.getByRole('heading', { name: '4. 可学习参数量' }).waitFor();
  await page.getByRole('heading', { name: '5. nn.LayerNorm 与 nn.BatchNorm 的用法差异' }).waitFor();
  await page.getByText('为什么不是 2 × 3 = 6？').waitFor();
  const eps = widget(page, 'norm-playground', 'formula.eps');
  await eps.getByLabel('ε（eps）').fill('-1');
  await alert(eps, 'ε 必须是 0 到 1 之间的数，已保留原值');
  const plot = widget(page, 'affine-plot', 'formula.affine');
  await plot.locator('.summary').filter({ hasText: '的斜率从' }).waitFor();
  const bn = widget(page, 'norm-playground', 'counting.bn');
  await bn.getByText('共计算了 3 组均值和方差，每组 32 个元素').waitFor();
  const table = widget(page, 'count-table', 'counting.table');
  await table.getByRole('columnheader', { name: '均值/方差计算次数' }).waitFor();
  const params = widget(page, 'param-table', 'parameters.table');
  await params.getByText('共 200 个可学习参数（weight 100 + bias 100）').waitFor();
  const c = widget(page, 'module-console', 'usage.console');
  await c.getByRole('button', { name: '改正: LayerNorm([3, 4]) · (8, 6, 3, 4)' }).click();
  await c
    .locator('.ok')
    .first()
    .filter({ hasText: '输出形状 (8, 6, 3, 4)；计算了 48 组均值和方差' })
    .waitFor();
  await c.getByLabel('模块').fill('nn.Dropout(0.5)');
  await c.getByRole('button', { name: '运行' }).click();
  await c.locator('.err').first().filter({ hasText: '没有 nn.Dropout' }).waitFor();
  for (const chapter of ['formula', 'counting', 'parameters', 'usage']) {
    await selfCheck(page, chapter, 'zh-CN');
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('switching the language re-renders the widgets in place', async () => {
  const { context, page, problems } = await open('en-US');
  const bn = widget(page, 'norm-playground', 'counting.bn');
  await bn.getByText('3 mean/variance pairs computed').waitFor();
  await page.getByRole('button', { name: '中文' }).click();
  await bn.getByText('共计算了 3 组均值和方差').waitFor();
  await widget(page, 'param-table', 'parameters.table').getByText('共 200 个可学习参数').waitFor();
  await page.getByRole('button', { name: 'English' }).click();
  await bn.getByText('3 mean/variance pairs computed').waitFor();
  const perf = await page.evaluate(() =>
    ['norm-playground', 'count-table', 'param-table', 'module-console', 'affine-plot'].map(
      (name) => [name, performance.getEntriesByName(`nl:${name}`).length],
    ),
  );
  for (const [name, n] of perf) assert.ok(n > 0, `nl:${name} is measured`);
  assert.deepEqual(problems, []);
  await context.close();
});
