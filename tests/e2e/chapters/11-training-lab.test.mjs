// Chapter 11 (the training lab) in Chromium: the default experiment trains to the end in both
// languages (a short run through the link) with the numbers node computes for the same config,
// the link restores a lab's settings, bad input gets a message and keeps the run shown, another
// widget recomputes a cell edit while a lab trains, and the chapter is axe clean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, section, assertNoAxeViolations } from '../harness.mjs';
import { experiment } from '../../../web/model/experiments.js';
import { trainingRun } from '../../../web/model/training-run.js';
import { loadNodeTrainEngine } from '../../../scripts/lib/node-engine.mjs';
import { readDigits } from '../../../web/data/digits-node.mjs';
import { widget } from './basics-helpers.mjs';

const env = useBrowser();
const NORMS = experiment('norms');
const key = 'training-lab.norms';

async function open(hash, locale = 'en-US') {
  const r = await openPage(env.browser, `${env.server.url}#${hash}`, {
    locale,
    viewport: { width: 1200, height: 1000 },
  });
  const lab = section(r.page, 'training-lab').locator(`training-lab[state-key="${key}"]`);
  await lab.locator('button.play:not([disabled])').waitFor({ timeout: 30_000 });
  return { ...r, lab };
}

const phase = (lab) => lab.locator('p.status').getAttribute('data-phase');
const waitPhase = (lab, value, timeout = 120_000) =>
  lab.locator(`p.status[data-phase="${value}"]`).waitFor({ timeout });
const cell = (lab, run, col) => lab.locator(`tr[data-run="${run}"] td[data-col="${col}"]`);

for (const [locale, lang, trainLabel] of [
  ['en-US', 'en', 'Train'],
  ['zh-CN', 'zh', '训练'],
]) {
  test(`${lang}: the default experiment trains every run to the end, as node computes it`, async () => {
    const { context, page, problems, lab } = await open(`lang=${lang}&${key}.steps=12`, locale);
    await lab.getByRole('button', { name: trainLabel, exact: true }).click();
    await waitPhase(lab, 'done');
    const rows = lab.locator('table.results tbody tr');
    assert.equal(await rows.count(), NORMS.runs.length);
    for (const run of NORMS.runs) {
      assert.equal(await cell(lab, run.label, 'steps').textContent(), '12 / 12');
      assert.equal(
        await lab.locator(`tr[data-run="${run.label}"]`).getAttribute('data-done'),
        'true',
      );
    }
    // the BatchNorm run's held-out error is the one node's run of the same config ends with
    const engine = await loadNodeTrainEngine();
    const config = { ...NORMS.runs[1].config, steps: 12, evalEvery: 1 };
    const last = [...trainingRun(engine, readDigits(), config)].at(-1);
    const error = `${(100 * (1 - last.eval.heldOut.accuracy)).toFixed(1)} %`;
    assert.equal(await cell(lab, 'batch', 'held-out-error').textContent(), error);
    // the experiment's statement, in the page's language, beside the result
    assert.equal(
      await lab.locator(`[data-statement="${NORMS.id}"]`).textContent(),
      NORMS.statement[lang],
    );
    assert.ok(
      (await lab.locator('[data-chart="loss"] path.curve[data-run="none"]').getAttribute('d'))
        .length > 10,
    );
    assert.equal(await lab.locator('progress').evaluate((p) => p.value === p.max), true);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('the link restores a lab: its runs, settings and PyTorch script; an edit goes into the link', async () => {
  const hash = `${key}.runs=none,batch&${key}.batchSize=16&${key}.seed=3&${key}.steps=8`;
  const { context, page, problems, lab } = await open(hash);
  assert.equal(await lab.locator('input[data-run="none"]').isChecked(), true);
  assert.equal(await lab.locator('input[data-run="layer"]').isChecked(), false);
  assert.equal(await lab.locator('#batchSize-input').inputValue(), '16');
  assert.equal(await lab.locator('#seed-input').inputValue(), '3');
  assert.equal(await lab.locator('#steps-input').inputValue(), '8');
  assert.equal(await lab.locator('table.results tbody tr').count(), 2);
  await lab.getByText('You changed the settings').waitFor();
  const code = await lab.locator('pytorch-code').evaluate((e) => e.code);
  for (const part of [
    'batch_size=16',
    'seed=3',
    'steps=8',
    'nn.BatchNorm2d(16)',
    'torch.optim.Adam(',
  ])
    assert.ok(code.includes(part), `the script has ${part}`);
  assert.ok(!code.includes('nn.LayerNorm'), 'only the ticked runs');
  await lab.locator('#steps-input').fill('9');
  await page.waitForFunction((k) => location.hash.includes(`${k}.steps=9`), key);
  await lab.getByRole('button', { name: 'Step', exact: true }).click();
  await lab.locator('tr[data-run="none"] td[data-col="steps"]', { hasText: '1 / 9' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('bad input gets a message and keeps the run shown', async () => {
  const { context, page, problems, lab } = await open(`${key}.steps=6&${key}.runs=batch`);
  await lab.getByRole('button', { name: 'Train', exact: true }).click();
  await waitPhase(lab, 'done');
  const shown = await lab.locator('table.results').textContent();
  const hashBefore = await page.evaluate(() => location.hash);
  for (const [field, text, message] of [
    ['#batchSize-input', '0', 'Enter a whole number from 1 to 1024'],
    ['#lr-input', 'NaN', 'Enter a finite number'],
    ['#lr-input', '0', 'the learning rate must be a number above 0'],
    ['#steps-input', '1e9', 'Enter a whole number from 1 to 20000'],
  ]) {
    await lab.locator(field).fill(text);
    await lab.getByRole('alert').filter({ hasText: message }).waitFor();
    assert.equal(await lab.locator(field).getAttribute('aria-invalid'), 'true');
    assert.equal(await phase(lab), 'done');
    assert.equal(await lab.locator('table.results').textContent(), shown, 'the run stays shown');
  }
  await page.waitForTimeout(300); // the hash is written 150 ms after a change: none came
  assert.equal(await page.evaluate(() => location.hash), hashBefore);
  assert.deepEqual(problems, []);
  await context.close();
});

test('another widget recomputes a cell edit while a lab trains; the chapter is axe clean', async () => {
  const { context, page, problems, lab } = await open(`${key}.steps=400`);
  await lab.getByRole('button', { name: 'Train', exact: true }).click();
  await lab.locator('tr[data-run="none"] td[data-col="steps"]', { hasText: /^[1-9]/ }).waitFor();
  const eps = widget(page, 'norm-playground', 'formula.eps');
  await eps.getByLabel('bias[1]', { exact: true }).fill('5');
  await eps.getByLabel('out[0, 1]', { exact: true }).filter({ hasText: /^5$/ }).waitFor();
  assert.equal(await phase(lab), 'running', 'the edit came back while the lab trained');
  await lab.getByRole('button', { name: 'Pause', exact: true }).click();
  await waitPhase(lab, 'paused');
  await assertNoAxeViolations(page, 'section[data-chapter="training-lab"]');
  await lab.getByRole('button', { name: 'Reset', exact: true }).click();
  await waitPhase(lab, 'idle');
  assert.equal(await cell(lab, 'none', 'steps').textContent(), '0 / 400');
  assert.deepEqual(problems, []);
  await context.close();
});
