// Chapter 5 (usage): the module console's classic mistakes with PyTorch's messages and their fixes,
// typed modules and shapes, Python's argument errors, the link, and the self-check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage } from '../harness.mjs';
import { formatNumber } from '../../../web/i18n.js';
import { runModule, planSummary } from '../../../web/widgets/lib/run-module.js';
import { parseModule } from '../../../web/widgets/lib/module-spec.js';
import { openTutorial, widget, texts, valuesOf, selfCheck } from './basics-helpers.mjs';

const env = useBrowser({ engine: true });
const open = (locale, hash) => openTutorial(env, locale, hash);

// ---- chapter 5 ---------------------------------------------------------------------------------

/** PyTorch's answer for a module on a shape, from the engine here: its message, or null. */
function messageFor(module, shape) {
  try {
    runModule(
      env.engine,
      parseModule(module).options,
      new Float32Array(shape.reduce((a, b) => a * b, 1)).map((_, i) => Math.sin(i)),
      shape,
    );
    return null;
  } catch (err) {
    return err.message;
  }
}

test('chapter 5: each classic mistake shows PyTorch’s message, each fix runs', async () => {
  const { context, page, problems } = await open();
  const console_ = widget(page, 'module-console', 'usage.console');
  const first = console_.locator('ol.transcript li').first();
  await first.waitFor();
  // the chapter opens clean: a module that works, no message, the field not marked
  await first
    .locator('.ok')
    .filter({ hasText: 'output of shape (8, 6, 3, 4); 48 mean/variance pairs computed' })
    .waitFor();
  assert.equal(await console_.locator('.err').count(), 0);
  assert.equal(await console_.getByLabel('Module').getAttribute('aria-invalid'), 'false');
  assert.equal(await console_.getByLabel('Module').inputValue(), 'nn.LayerNorm([3, 4])');
  const buttons = console_.locator('.mistakes button');
  const count = await buttons.count();
  assert.equal(count, 10);
  const seen = [];
  for (let i = 0; i < count; i++) {
    const label = (await buttons.nth(i).textContent()).replace(/\s+/g, ' ').trim();
    const [, module, shapeText] = /^(?:fix: )?(.*) · \((.*)\)$/.exec(label);
    const shape = shapeText.split(',').filter(Boolean).map(Number);
    await buttons.nth(i).click();
    await first
      .locator('.line')
      .first()
      .filter({ hasText: `m = nn.${module}` })
      .waitFor();
    const want = messageFor(`nn.${module}`, shape);
    if (want) {
      await first.locator('.err').filter({ hasText: want }).waitFor();
      assert.equal(await first.locator('.err').textContent(), want);
      seen.push(want);
    } else {
      const p = planSummary(env.engine, parseModule(`nn.${module}`).options, shape);
      await first
        .locator('.ok')
        .filter({
          hasText: `output of shape (${shape.join(', ')}); ${p.statCount} mean/variance pairs computed`,
        })
        .waitFor();
      assert.equal(label.startsWith('fix: '), true, `${label} is a fix`);
    }
  }
  assert.deepEqual(seen, [
    'Given normalized_shape=[6, 3], expected input with shape [*, 6, 3], but got input of size[8, 6, 3, 4]',
    'expected 4D input (got 3D input)',
    'running_mean should contain 3 elements not 4',
    'num_channels must be divisible by num_groups',
    'Expected more than 1 value per channel when training, got input size torch.Size([1, 3])',
  ]);
  assert.equal(await console_.locator('ol.transcript li').count(), 8, 'the last 8 runs are kept');
  // the output of the last run that worked, as the engine computes it
  const values = await valuesOf(console_);
  const want = runModule(env.engine, parseModule('nn.BatchNorm1d(3)').options, values, [4, 3]);
  assert.deepEqual(
    await texts(console_.locator('tensor-editor[label="output"] output')),
    Array.from(want.output, (v) => formatNumber(v)),
  );
  await console_.getByRole('button', { name: 'Clear transcript' }).click();
  await console_.getByText('Nothing run yet.').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('chapter 5: typed modules and shapes, Python’s argument errors, and the link', async () => {
  const { context, page, problems } = await open();
  const c = widget(page, 'module-console', 'usage.console');
  const first = c.locator('ol.transcript li').first();
  await first.waitFor();
  const field = c.getByLabel('Module');
  await field.fill('nn.GroupNorm(3)');
  await field.press('Enter');
  await first
    .locator('.err')
    .filter({
      hasText: "GroupNorm.__init__() missing 1 required positional argument: 'num_channels'",
    })
    .waitFor();
  await field.fill('nn.LayerNorm(4');
  await c.getByRole('button', { name: 'Run' }).click();
  await first.locator('.err').filter({ hasText: 'Write a module call' }).waitFor();
  await field.fill('nn.LayerNorm([3, 4])');
  await c.getByRole('button', { name: 'Run' }).click();
  await first
    .locator('.ok')
    .filter({
      hasText:
        'output of shape (8, 6, 3, 4); 48 mean/variance pairs computed; parameters weight (3, 4), bias (3, 4)',
    })
    .waitFor();
  await c.getByLabel('Shape').fill('2, 6, 4');
  await c.getByRole('button', { name: 'Set shape' }).click();
  await c.getByRole('button', { name: 'Run' }).click();
  await first
    .locator('.err')
    .filter({ hasText: messageFor('nn.LayerNorm([3, 4])', [2, 6, 4]) })
    .waitFor();
  // the input can be edited cell by cell once shown
  await c.getByText('Show and edit the 48 values').click();
  await c.getByLabel('input[1, 5, 3]', { exact: true }).fill('7');
  assert.equal((await valuesOf(c))[47], 7);
  await c.getByText('Show as PyTorch').click();
  const code = await c.locator('pytorch-code code').textContent();
  assert.match(code, /m = nn\.LayerNorm\(\[3, 4\]\)/);
  assert.match(code, /input = torch\.tensor\(\[\[\[/);
  await page.waitForFunction(
    () =>
      new URLSearchParams(location.hash.slice(1)).get('usage.console.module') ===
      'nn.LayerNorm([3, 4])',
  );
  const again = await openPage(env.browser, page.url());
  assert.equal(
    await widget(again.page, 'module-console', 'usage.console').getByLabel('Module').inputValue(),
    'nn.LayerNorm([3, 4])',
  );
  await again.context.close();
  assert.deepEqual(problems, []);
  await context.close();
});

test('chapter 5: the self-check, right and wrong', async () => {
  const { context, page, problems } = await open();
  await selfCheck(page, 'usage', 'en-US');
  assert.deepEqual(problems, []);
  await context.close();
});
