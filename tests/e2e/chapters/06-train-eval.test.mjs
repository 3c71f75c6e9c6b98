// Chapter 6 (train vs eval), the BatchNorm stepper: steps, buffers, biased vs unbiased variance,
// momentum, momentum=None, track_running_stats, batch size, play/pause, keyboard. Every number is
// compared with what the engine computes here in node. The grid and the rest: 06-train-eval-grid.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, section, focused, measures } from '../harness.mjs';
import {
  groupMoments,
  formatNumber,
  formatAll,
  fillTensor,
  readInputs,
  readOutputs,
} from './dynamics-helpers.mjs';
import { trainEvalKit } from './train-eval-helpers.mjs';

const env = useBrowser({ engine: true });

const { chapter, stepper, grid, nbt, cell, open, BATCH, stepFacts, assertTable } =
  trainEvalKit(env);

test('a training step shows the engine’s batch statistics and buffers; running_var is unbiased', async () => {
  const { context, page, problems } = await open();
  const s = stepper(page);
  assert.equal(await nbt(page), 0);
  await assert.doesNotReject(s.getByText('No step yet').waitFor());
  await fillTensor(s, 'x', BATCH, 3);
  await s.getByRole('button', { name: 'Train one step' }).click();
  await s.getByText('Training steps: 1').waitFor();
  assert.equal(await nbt(page), 1);

  const bn = env.engine.norm({ op: 'batch_norm', dims: 1, num_features: 3 });
  try {
    const facts = stepFacts(bn, BATCH, 4);
    await assertTable(page, facts);
    // the numbers the chapter is about: channel 2 is [3, 9, 0, 4], biased 42/4 normalizes,
    // unbiased 42/3 goes into running_var
    assert.equal(await cell(page, 2, 'biased').textContent(), '10.5');
    assert.equal(await cell(page, 2, 'unbiased').textContent(), '14');
    assert.equal(
      await s
        .locator('p.formula')
        .textContent()
        .then((x) => x.trim()),
      `running_var[0] = (1 − 0.1) × 1 + 0.1 × ${formatNumber(facts.moments.unbiased[0])} = ${formatNumber(facts.buffers.running_var[0])}`,
    );
    // one line chart per channel, with running_mean and running_var drawn from the buffers
    assert.equal(await s.locator('figure.chart svg[role="img"]').count(), 3);
    const label = await s.locator('figure.chart svg').first().getAttribute('aria-label');
    assert.equal(
      label,
      `Channel 0: running_mean ${formatNumber(facts.buffers.running_mean[0])} (true mean 2), running_var ${formatNumber(facts.buffers.running_var[0])} (true variance 1)`,
    );

    // the next batch was drawn at random: step on it, and on three more
    for (let k = 2; k <= 5; k++) {
      const next = await readInputs(s.locator('tensor-editor').first());
      assert.equal(next.length, 12);
      await s.getByRole('button', { name: 'Train one step' }).click();
      await s.getByText(`Training steps: ${k}`).waitFor();
      const f = stepFacts(bn, next, 4);
      await assertTable(page, f);
    }
    const d = await s.locator('path.series').first().getAttribute('d');
    assert.equal(d.split(/[ML]/).filter(Boolean).length, 6, 'six points: the start and 5 steps');

    // eval: one sample alone, normalized with the running statistics
    const sample = [0.5, -1, 2];
    await fillTensor(s, 'sample', sample, 3);
    const want = bn.forward(sample, [1, 3], { training: false }).output;
    assert.deepEqual(
      await readOutputs(s.locator('tensor-editor[label="y_eval"]')),
      formatAll(want),
    );
    assert.equal(
      await s.locator('p.train-error').textContent(),
      'Expected more than 1 value per channel when training, got input size torch.Size([1, 3])',
    );
  } finally {
    bn.delete();
  }
  assert.ok((await measures(page, 'nl:bn-stepper')) > 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('momentum: bad text is refused, a new value carries the buffers on, None averages', async () => {
  const { context, page, problems } = await open();
  const s = stepper(page);
  const momentum = s.getByLabel('momentum', { exact: true });
  await fillTensor(s, 'x', BATCH, 3);
  await s.getByRole('button', { name: 'Train one step' }).click();
  await s.getByText('Training steps: 1').waitFor();
  const before = await cell(page, 0, 'running-var').textContent();

  await momentum.fill('abc');
  assert.equal(await momentum.getAttribute('aria-invalid'), 'true');
  await assert.doesNotReject(s.getByText('momentum must be a number from 0 to 1').waitFor());
  assert.equal(await momentum.inputValue(), 'abc', 'the learner’s text stays');
  await momentum.fill('1.5');
  assert.equal(await momentum.getAttribute('aria-invalid'), 'true');
  assert.equal(await cell(page, 0, 'running-var').textContent(), before, 'nothing changed');
  assert.equal(await nbt(page), 1);

  await momentum.fill('0.5');
  assert.equal(await momentum.getAttribute('aria-invalid'), 'false');
  assert.equal(await s.getByText('momentum must be').count(), 0);
  const next = await readInputs(s.locator('tensor-editor').first());
  await s.getByRole('button', { name: 'Train one step' }).click();
  await s.getByText('Training steps: 2').waitFor();
  // PyTorch: bn.momentum = 0.5 on the live module; here a module with momentum 0.5 that starts
  // from the first module's buffers
  const first = env.engine.norm({ op: 'batch_norm', dims: 1, num_features: 3 });
  const second = env.engine.norm({ op: 'batch_norm', dims: 1, num_features: 3, momentum: 0.5 });
  try {
    stepFacts(first, BATCH, 4);
    second.setBuffers(first.buffers());
    await assertTable(page, stepFacts(second, next, 4));
  } finally {
    first.delete();
    second.delete();
  }
  await page.waitForFunction(() => location.hash.includes('train-eval.stepper.momentum=0.5'));

  // momentum=None: the k-th batch weighs 1/k
  await s.getByLabel('None: cumulative average').check();
  assert.equal(await momentum.isDisabled(), true);
  await s.getByRole('button', { name: 'Train one step' }).click();
  await s.getByText('Training steps: 3').waitFor();
  assert.match(await s.locator('p.formula').textContent(), /\(1 − 1\/3\) ×/);
  assert.equal(await nbt(page), 3);

  // a shared link restores the options
  await page.waitForFunction(() => location.hash.includes('train-eval.stepper.cumulative=1'));
  const link = page.url();
  const other = await open({}, link.slice(link.indexOf('#')));
  const s2 = stepper(other.page);
  assert.equal(await s2.getByLabel('momentum', { exact: true }).inputValue(), '0.5');
  assert.equal(await s2.getByLabel('None: cumulative average').isChecked(), true);
  assert.deepEqual(other.problems, []);
  await other.context.close();
  assert.deepEqual(problems, []);
  await context.close();
});

test('batch size 1 and track_running_stats=False get PyTorch’s message; the state is kept', async () => {
  const { context, page, problems } = await open();
  const s = stepper(page);
  const batch = s.getByLabel('Batch size N');
  await batch.fill('zero');
  await assert.doesNotReject(
    s.getByText('the batch size must be a whole number from 1 to 32').waitFor(),
  );
  assert.equal(await batch.getAttribute('aria-invalid'), 'true');
  await batch.fill('40');
  assert.equal(await batch.getAttribute('aria-invalid'), 'true');
  assert.equal(await s.locator('input[aria-label^="x["]').count(), 12, 'still (4, 3)');

  await batch.fill('1');
  assert.equal(await s.locator('input[aria-label^="x["]').count(), 3);
  await s.getByRole('button', { name: 'Train one step' }).click();
  await assert.doesNotReject(
    s
      .locator('p.step-error')
      .getByText(
        'Expected more than 1 value per channel when training, got input size torch.Size([1, 3])',
      )
      .waitFor(),
  );
  assert.equal(await nbt(page), 0, 'a refused batch changes nothing');
  await batch.fill('6');
  assert.equal(await s.locator('input[aria-label^="x["]').count(), 18);
  await s.getByRole('button', { name: 'Train one step' }).click();
  await s.getByText('Training steps: 1').waitFor();
  assert.equal(await s.locator('p.step-error').count(), 0);

  // no running statistics: eval mode needs batch statistics too, and one sample is refused
  await s.getByLabel('track_running_stats').uncheck();
  await assert.doesNotReject(s.locator('p.no-buffers').waitFor());
  assert.equal(await s.locator('strong.nbt').count(), 0);
  assert.equal(
    await s.locator('p.eval-error').textContent(),
    'Expected more than 1 value per channel when training, got input size torch.Size([1, 3])',
  );
  await s.getByRole('button', { name: 'Train one step' }).click();
  await s.getByText('Training steps: 1').waitFor();
  assert.equal(await s.locator('td.running-var').count(), 0, 'no running columns');
  assert.equal(await s.locator('td.unbiased').count(), 3);

  await s.getByLabel('track_running_stats').check();
  await s.getByText('Training steps: 0').waitFor();
  assert.equal(await nbt(page), 0, 'a new module');
  assert.deepEqual(problems, []);
  await context.close();
});

test('play steps by itself until paused, with reduced motion too; speed, new batch, new module', async () => {
  for (const reducedMotion of ['no-preference', 'reduce']) {
    const { context, page, problems } = await open({ reducedMotion });
    const s = stepper(page);
    await s.getByLabel('Speed (steps/s)').selectOption('20');
    const play = s.getByRole('button', { name: 'Play' });
    await play.click();
    assert.equal(
      await s.getByRole('button', { name: 'Pause' }).getAttribute('aria-pressed'),
      'true',
    );
    assert.equal(await s.getByRole('button', { name: 'Train one step' }).isDisabled(), true);
    await page.waitForFunction(
      () =>
        Number(
          document
            .querySelector('section[data-chapter="train-eval"] bn-stepper')
            .shadowRoot.querySelector('strong.nbt').textContent,
        ) >= 4,
    );
    await s.getByRole('button', { name: 'Pause' }).click();
    const stopped = await nbt(page);
    await page.waitForTimeout(400);
    assert.equal(await nbt(page), stopped, `${reducedMotion}: paused`);
    // the running mean of channel 0 moved from 0 towards the true mean 2
    const label = await s.locator('figure.chart svg').first().getAttribute('aria-label');
    const rm = Number(label.match(/running_mean (\S+)/)[1].replace('−', '-'));
    assert.ok(rm > 0.2, `running_mean ${rm}`);

    const before = await readInputs(s.locator('tensor-editor').first());
    await s.getByRole('button', { name: 'Draw another batch' }).click();
    assert.notDeepEqual(await readInputs(s.locator('tensor-editor').first()), before);
    await s.getByRole('button', { name: 'New module' }).click();
    assert.equal(await nbt(page), 0);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('keyboard: the controls are reached with Tab, show a focus ring and work with Enter/Space', async () => {
  const { context, page, problems } = await open();
  const s = stepper(page);
  await s.getByLabel('momentum', { exact: true }).focus();
  await page.keyboard.press('Tab');
  let f = await focused(page);
  assert.equal(f.name, 'cumulative');
  assert.ok(f.ring, 'a visible focus ring');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).name, 'batch');
  await s.getByRole('button', { name: 'Train one step' }).focus();
  await page.keyboard.press('Enter');
  await s.getByText('Training steps: 1').waitFor();
  await page.keyboard.press('Space');
  await s.getByText('Training steps: 2').waitFor();
  await page.keyboard.press('Tab');
  f = await focused(page);
  assert.equal(f.name, 'Play');
  assert.ok(f.ring);
  assert.deepEqual(problems, []);
  await context.close();
});
