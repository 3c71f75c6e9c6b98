// The widgets of chapters 6-8 on their own, configured by attributes only, as an iframe of
// embed.html shows them (and a blog post would): each computes with the engine and works.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage } from '../harness.mjs';
import { runDeepStack, formatNumber, readInputs } from './dynamics-helpers.mjs';

const env = useBrowser({ engine: true });

const embed = (hash) => openPage(env.browser, `${env.server.url}embed.html#${hash}`);

test('<bn-stepper> alone: momentum=None, two channels, its own distributions', async () => {
  const { context, page, problems } = await embed(
    'widget=bn-stepper&channels=2&batch=3&momentum=none&true-mean=5,-5&true-var=1,4',
  );
  const s = page.locator('bn-stepper');
  await s.getByText('Training steps: 0').waitFor();
  assert.equal(await s.getByLabel('None: cumulative average').isChecked(), true);
  assert.equal(await s.locator('input[aria-label^="x["]').count(), 6);
  await assert.doesNotReject(s.getByText('mean 5, −5, variance 1, 4').waitFor());
  await s.getByRole('button', { name: 'Train one step' }).click();
  await s.getByText('Training steps: 1').waitFor();
  // with momentum=None the first batch's statistics replace the initial 0 and 1 entirely
  assert.equal(
    await s.locator('tr[data-channel="0"] td.running-mean').textContent(),
    await s.locator('tr[data-channel="0"] td.batch-mean').textContent(),
  );
  assert.equal(
    await s.locator('tr[data-channel="1"] td.running-var').textContent(),
    await s.locator('tr[data-channel="1"] td.unbiased').textContent(),
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test('<train-eval-grid>, <padding-demo> and <deep-stack> alone, in Chinese', async () => {
  const grid = await embed('widget=train-eval-grid&shape=2,5&lang=zh');
  const g = grid.page.locator('train-eval-grid');
  await assert.doesNotReject(
    g.getByText('LayerNorm：训练和评估的输出完全相同（逐位一致）。').waitFor(),
  );
  assert.equal(await g.locator('input[aria-label^="x["]').count(), 10);
  assert.deepEqual(grid.problems, []);
  await grid.context.close();

  const pad = await embed('widget=padding-demo&lengths=3,1&hidden-size=3&pad-to=5&lang=zh');
  const d = pad.page.locator('padding-demo');
  await assert.doesNotReject(
    d
      .getByText(
        '填充改变了 BatchNorm 的 3/3 个特征均值，以及 LayerNorm 的 0/4 个真实 token 均值。',
      )
      .waitFor(),
  );
  assert.equal(await d.locator('tr.pad-row').count(), 2 * 5 - 4);
  assert.deepEqual(pad.problems, []);
  await pad.context.close();

  const stack = await embed(
    'widget=deep-stack&depth=5&width=8&batch=4&norm=layer_norm&gain=2&lang=zh',
  );
  const s = stack.page.locator('deep-stack');
  await s.locator('svg.ridge').waitFor();
  assert.equal(await s.locator('svg.ridge g.layer').count(), 6);
  await s.locator('summary').filter({ hasText: '修改输入批次' }).click();
  const x = await readInputs(s.locator('tensor-editor'));
  const run = runDeepStack(env.engine, x, {
    depth: 5,
    width: 8,
    gain: 2,
    seed: 1,
    norm: 'layer_norm',
    activation: 'linear',
    bins: 30,
    range: 3,
    batch: 4,
  });
  assert.equal(
    await s
      .locator('p[data-norm="layer_norm"]')
      .textContent()
      .then((t) => t.trim()),
    `LayerNorm：标准差从输入的 ${formatNumber(run.layers[0].std)} 变为第 5 层的 ${formatNumber(run.layers[5].std)}。`,
  );
  assert.deepEqual(stack.problems, []);
  await stack.context.close();
});
