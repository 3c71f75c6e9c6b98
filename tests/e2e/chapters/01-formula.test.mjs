// Chapter 1 (the formula) in the browser: a constant row, ε = 0 and bad ε in the playground, the
// activation plot against the kernels, and the self-check answered right and wrong.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, measures } from '../harness.mjs';
import { formatNumber } from '../../../web/i18n.js';
import { activation } from '../../../web/engine/activation.js';
import { runModule } from '../../../web/model/run-module.js';
import { openTutorial, widget, texts, alert, valuesOf, selfCheck } from './basics-helpers.mjs';

const env = useBrowser({ engine: true });
const open = (locale, hash) => openTutorial(env, locale, hash);

// ---- chapter 1 ---------------------------------------------------------------------------------

test('chapter 1: a constant row gives exactly β; ε = 0 gives NaN; bad ε is refused', async () => {
  const { context, page, problems } = await open();
  const eps = widget(page, 'norm-playground', 'formula.eps');
  const out = (i, j) => eps.getByLabel(`out[${i}, ${j}]`, { exact: true });
  await out(0, 0).waitFor();
  const row0 = [];
  for (let j = 0; j < 4; j++) row0.push(await out(0, j).textContent());
  assert.deepEqual(row0, ['0.5', '−1', '0', '2'], 'the output is β');
  // the statistics beside each row: ÷n and ÷(n−1), as the engine computes them
  const r = runModule(
    env.engine,
    { op: 'layer_norm', normalized_shape: [4] },
    [3, 3, 3, 3, 2, 4, 4, 7],
    [2, 4],
  );
  const notes = await texts(eps.locator('tensor-editor[label="out"] .note'));
  assert.deepEqual(notes, [
    `mean 3 · var 0 · ÷(n−1) 0`,
    `mean ${formatNumber(r.mean[1])} · var ${formatNumber(r.variance[1])} · ÷(n−1) ${formatNumber(r.unbiased[1])}`,
  ]);
  const field = eps.getByLabel('ε (eps)');
  await field.fill('0');
  await eps.getByLabel('out[0, 0]', { exact: true }).filter({ hasText: 'NaN' }).waitFor();
  await field.fill('abc');
  await alert(eps, 'ε must be a number from 0 to 1; the previous value is kept');
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  assert.equal(await out(0, 0).textContent(), 'NaN', 'the last valid ε stays in force');
  await field.fill('2');
  await alert(eps, 'ε must be a number from 0 to 1');
  await field.fill('1e-5');
  await eps.getByLabel('out[0, 0]', { exact: true }).filter({ hasText: '0.5' }).waitFor();
  // β and γ are tensors of their own
  await eps.getByLabel('bias[1]', { exact: true }).fill('5');
  await eps.getByLabel('out[0, 1]', { exact: true }).filter({ hasText: /^5$/ }).waitFor();
  await eps.getByLabel('weight[0]', { exact: true }).fill('10');
  const weighted = runModule(
    env.engine,
    { op: 'layer_norm', normalized_shape: [4] },
    [3, 3, 3, 3, 2, 4, 4, 7],
    [2, 4],
    { weight: [10, 2, 2, 2], bias: [0.5, 5, 0, 2] },
  );
  await eps
    .getByLabel('out[1, 0]', { exact: true })
    .filter({ hasText: formatNumber(weighted.output[4]) })
    .waitFor();
  assert.equal(await out(0, 0).textContent(), '0.5', 'γ does not touch a constant row');
  // the PyTorch code carries the learner's tensor and parameters
  await eps.getByText('Show as PyTorch').click();
  const code = await eps.locator('pytorch-code code').textContent();
  assert.match(code, /rows = torch\.tensor\(\[\[3\., 3\., 3\., 3\.\],/);
  assert.match(code, /m\.bias\.copy_\(torch\.tensor\(\[0\.5, 5\., 0\., 2\.\]\)\)/);
  assert.match(code, /m\.weight\.copy_\(torch\.tensor\(\[10\., 2\., 2\., 2\.\]\)\)/);
  assert.match(code, /out = m\(rows\)/);
  assert.deepEqual(problems, []);
  await context.close();
});

/** What the activation plot should say for its tensor, γ, β: computed here by the engine. */
function slopes(values, shape, name, gamma, beta) {
  const ln = env.engine.norm({
    op: 'layer_norm',
    normalized_shape: [shape.at(-1)],
    elementwise_affine: false,
  });
  try {
    const xhat = ln.forward(values, shape).output;
    const s = Array.from(activation(env.engine, xhat, { fn: name, gamma, beta }).slope);
    return [formatNumber(Math.min(...s), 3), formatNumber(Math.max(...s), 3)];
  } finally {
    ln.delete();
  }
}

test('chapter 1: the activation plot follows γ, β and the activation, from the kernels', async () => {
  const { context, page, problems } = await open();
  const plot = widget(page, 'affine-plot', 'formula.affine');
  const summary = plot.locator('.summary');
  await summary.waitFor();
  const values = await valuesOf(plot);
  const expect = async (name, gamma, beta) => {
    const [lo, hi] = slopes(values, [2, 8], name, gamma, beta);
    await plot
      .locator('.summary')
      .filter({ hasText: `slope of ${name}(γ·x̂ + β) runs from ${lo} to ${hi}.` })
      .waitFor();
  };
  await expect('sigmoid', 1, 0);
  assert.match(await summary.textContent(), /less than a factor of 2/);
  assert.match(
    await plot.getByRole('img').getAttribute('aria-label'),
    /sigmoid\(1·x̂ \+ 0\) and sigmoid\(x̂\)/,
  );
  assert.equal(await plot.locator('circle.dot').count(), 16);
  const gammaText = plot.getByLabel('γ (weight) value');
  await gammaText.fill('3');
  await expect('sigmoid', 3, 0);
  assert.match(await summary.textContent(), /saturated|more than a factor of 2/);
  // the slider moves γ by its step from the keyboard
  await plot.getByRole('slider', { name: 'γ (weight)' }).focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await gammaText.inputValue(), '3.1');
  await expect('sigmoid', 3.1, 0);
  await plot.getByLabel('β (bias) value').fill('-4');
  await expect('sigmoid', 3.1, -4);
  await plot.getByLabel('Activation').selectOption('tanh');
  await expect('tanh', 3.1, -4);
  const before = await summary.textContent();
  await gammaText.fill('200');
  await alert(plot, 'γ must be a number from −100 to 100; the previous value is kept');
  await gammaText.fill('x');
  await alert(plot, 'γ must be a number from −100 to 100');
  assert.equal(await summary.textContent(), before);
  await plot.getByRole('button', { name: 'Reset to γ = 1, β = 0' }).click();
  await expect('tanh', 1, 0);
  assert.equal(await gammaText.inputValue(), '1');
  // a new tensor is normalized again
  await plot.getByLabel('feats[0, 0]', { exact: true }).fill('9');
  const edited = await valuesOf(plot);
  assert.equal(edited[0], 9);
  const [lo, hi] = slopes(edited, [2, 8], 'tanh', 1, 0);
  await plot
    .locator('.summary')
    .filter({ hasText: `from ${lo} to ${hi}.` })
    .waitFor();
  await plot.getByText('Show as PyTorch').click();
  const code = await plot.locator('pytorch-code code').textContent();
  assert.match(code, /ln = nn\.LayerNorm\(8\)/);
  assert.match(code, /y = torch\.tanh\(z\)/);
  assert.match(code, /feats = torch\.tensor\(\[\[9\.,/);
  assert.ok((await measures(page, 'nl:affine-plot')) > 0, 'nl:affine-plot is measured');
  assert.deepEqual(problems, []);
  await context.close();
});

test('chapter 1: the self-check, right and wrong', async () => {
  const { context, page, problems } = await open();
  const q = await selfCheck(page, 'formula', 'en-US');
  assert.equal(q.unit, 'number');
  assert.deepEqual(problems, []);
  await context.close();
});
