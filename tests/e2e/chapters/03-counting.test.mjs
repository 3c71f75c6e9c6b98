// Chapter 3 (counting): the count table against the engine's plan, the reader's own rows,
// BatchNorm2d(3)'s groups, and the self-check answered right and wrong.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage } from '../harness.mjs';
import { formatNumber } from '../../../web/i18n.js';
import { runModule, planSummary } from '../../../web/widgets/lib/run-module.js';
import { parseModule } from '../../../web/widgets/lib/module-spec.js';
import { openTutorial, widget, texts, alert, valuesOf, selfCheck } from './basics-helpers.mjs';

const env = useBrowser({ engine: true });
const open = (locale, hash) => openTutorial(env, locale, hash);

// ---- chapter 3 ---------------------------------------------------------------------------------

test('chapter 3: the count table shows the plan’s counts and takes rows of the reader’s own', async () => {
  const { context, page, problems } = await open();
  const table = widget(page, 'count-table', 'counting.table');
  await table.locator('tbody tr').first().waitFor();
  const rows = [
    ['nn.LayerNorm(4)', [2, 3, 4]],
    ['nn.BatchNorm2d(3)', [2, 3, 4, 4]],
    ['nn.InstanceNorm2d(3)', [2, 3, 4, 4]],
    ['nn.LayerNorm([3, 4, 4])', [2, 3, 4, 4]],
  ];
  const shown = await table
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent.trim())),
    );
  rows.forEach(([module, shape], i) => {
    const p = planSummary(env.engine, parseModule(module).options, shape);
    const gamma = p.paramShapes.length
      ? `(${p.paramShapes[0][1].join(', ')}${p.paramShapes[0][1].length === 1 ? ',' : ''})`
      : 'none (affine=False)';
    assert.deepEqual(shown[i].slice(0, 5), [
      module,
      `(${shape.join(', ')})`,
      String(p.statCount),
      String(p.count[0]),
      gamma,
    ]);
  });
  assert.deepEqual(
    shown.map((r) => r[2]),
    ['6', '3', '6', '2'],
    'the curriculum’s answers',
  );
  const moduleField = table.getByLabel('Module');
  const shapeField = table.getByLabel('Input shape');
  const add = table.getByRole('button', { name: 'Add row' });
  await moduleField.fill('nn.GroupNorm(3, 3)');
  await shapeField.fill('2, 3, 4, 4');
  await add.click();
  await table.locator('tbody tr').nth(4).filter({ hasText: 'nn.GroupNorm(3, 3)' }).waitFor();
  assert.deepEqual((await texts(table.locator('tbody tr').nth(4).locator('td'))).slice(2, 5), [
    '6',
    '16',
    '(3,)',
  ]);
  await moduleField.fill('nn.GroupNorm(4, 6)');
  await shapeField.fill('2, 6, 4');
  await add.click();
  await table
    .locator('tbody tr')
    .nth(5)
    .filter({ hasText: 'num_channels must be divisible by num_groups' })
    .waitFor();
  await moduleField.fill('nn.Foo(1)');
  await add.click();
  await alert(table, 'nn.Foo is not one of BatchNorm1d');
  await moduleField.fill('nn.LayerNorm(4)');
  await shapeField.fill('2, 0');
  await add.click();
  await alert(table, 'A shape is 1 to 5 positive whole numbers');
  assert.equal(await table.locator('tbody tr').count(), 6);
  await table
    .getByRole('button', { name: 'Remove the row nn.GroupNorm(4, 6) on (2, 6, 4)' })
    .click();
  assert.equal(await table.locator('tbody tr').count(), 5);
  // a module without γ and β is labelled with its own switch: LayerNorm's is elementwise_affine
  await moduleField.fill('nn.LayerNorm(4, elementwise_affine=False)');
  await shapeField.fill('2, 3, 4');
  await add.click();
  const noAffine = table.locator('tbody tr').nth(5);
  await noAffine.filter({ hasText: 'elementwise_affine=False' }).first().waitFor();
  assert.equal((await texts(noAffine.locator('td')))[4], 'none (elementwise_affine=False)');
  assert.equal(
    (await texts(table.locator('tbody tr').nth(2).locator('td')))[4],
    'none (affine=False)',
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test('chapter 3: BatchNorm2d(3) counts 3 groups of 32; the module and shape can be changed', async () => {
  const { context, page, problems } = await open();
  const bn = widget(page, 'norm-playground', 'counting.bn');
  await bn.getByText('3 mean/variance pairs computed, each over 32 elements').waitFor();
  const values = await valuesOf(bn);
  const want = runModule(
    env.engine,
    { op: 'batch_norm', dims: 2, num_features: 3 },
    values,
    [2, 3, 4, 4],
  );
  const shownOut = await texts(bn.locator('tensor-editor[label="img_out"] output'));
  assert.deepEqual(
    shownOut,
    Array.from(want.output, (v) => formatNumber(v)),
  );
  const rowsOfTable = await texts(bn.locator('table tbody td:nth-child(3)'));
  assert.deepEqual(
    rowsOfTable,
    Array.from(want.mean, (v) => formatNumber(v)),
  );
  // the group colours are the plan's: channel c of every image shares one colour
  const colours = await bn
    .locator('tensor-editor[label="img"] input.cell')
    .evaluateAll((cells) => cells.map((c) => c.getAttribute('style')));
  assert.equal(colours[0], colours[48], 'img[0, 0, 0, 0] and img[1, 0, 0, 0] share channel 0');
  assert.notEqual(colours[0], colours[16]);
  const field = bn.getByLabel('Module');
  const apply = bn.getByRole('button', { name: 'Apply' });
  await field.fill('nn.InstanceNorm2d(3)');
  await apply.click();
  await bn.getByText('6 mean/variance pairs computed, each over 16 elements').waitFor();
  await field.fill('nn.BatchNorm2d(4)');
  await field.press('Enter');
  await alert(bn, 'running_mean should contain 3 elements not 4');
  await bn.getByText('Output img_out (from the last valid input)').waitFor();
  await field.fill('nn.BatchNorm2d(3');
  await apply.click();
  await alert(bn, 'Write a module call, e.g. nn.LayerNorm(4) or nn.BatchNorm2d(3)');
  assert.equal(await field.inputValue(), 'nn.BatchNorm2d(3', 'the typed text stays');
  await field.fill('nn.BatchNorm2d(3)');
  await apply.click();
  await bn.getByText('3 mean/variance pairs computed, each over 32 elements').waitFor();
  await bn.getByLabel('Shape').fill('2, 3, 4');
  await bn.getByRole('button', { name: 'Set shape' }).click();
  await alert(bn, 'expected 4D input (got 3D input)');
  await field.fill('nn.BatchNorm1d(3)');
  await apply.click();
  await bn.getByText('3 mean/variance pairs computed, each over 8 elements').waitFor();
  // the module and the tensor live in the link
  await page.waitForFunction(
    () =>
      new URLSearchParams(location.hash.slice(1)).get('counting.bn.module') === 'nn.BatchNorm1d(3)',
  );
  const again = await openPage(env.browser, page.url());
  const restored = widget(again.page, 'norm-playground', 'counting.bn');
  await restored.getByText('3 mean/variance pairs computed, each over 8 elements').waitFor();
  assert.equal(await restored.getByLabel('Module').inputValue(), 'nn.BatchNorm1d(3)');
  assert.deepEqual(again.problems, []);
  await again.context.close();
  assert.deepEqual(problems, []);
  await context.close();
});

test('chapter 3: the self-check, right and wrong', async () => {
  const { context, page, problems } = await open();
  await selfCheck(page, 'counting', 'en-US');
  assert.deepEqual(problems, []);
  await context.close();
});
