// Chapters 1, 3, 4 and 5 in the browser, in English and in Chinese: every control of their
// widgets, bad input, the self-checks answered right and wrong, and the numbers on screen checked
// against what the engine computes here in Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, measures, SELF_CHECK_TEXT } from './harness.mjs';
import { formatNumber } from '../../web/i18n.js';
import { activation } from '../../web/engine/activation.js';
import { runModule, planSummary } from '../../web/widgets/lib/run-module.js';
import { parseModule } from '../../web/widgets/lib/module-spec.js';

const env = useBrowser({ engine: true });

const open = (locale = 'en-US', hash = '') =>
  openPage(env.browser, `${env.server.url}${hash}`, {
    locale,
    viewport: { width: 1200, height: 1000 },
  });
const widget = (page, tag, key) => page.locator(`${tag}[state-key="${key}"]`);
const texts = (locator) => locator.evaluateAll((els) => els.map((e) => e.textContent.trim()));
const alert = (scope, text) => scope.getByRole('alert').filter({ hasText: text }).waitFor();
const valuesOf = (locator, prop = 'values') => locator.evaluate((el, p) => Array.from(el[p]), prop);

/** Answers the chapter's self-check wrong, then right (the widget's own answer), then asks anew. */
async function selfCheck(page, chapter, locale) {
  const L = SELF_CHECK_TEXT[locale];
  const box = page.locator(`section[data-chapter="${chapter}"] self-check`);
  await box.locator('.question').waitFor();
  const q = await box.evaluate((el) => ({ ...el.question, text: el.question.question.en }));
  const input = box.getByLabel(L.answer);
  const write = (a) =>
    Array.isArray(a) ? `(${a.join(', ')})` : q.unit === 'number' ? a.toFixed(4) : String(a);
  const wrong = Array.isArray(q.answer) ? [...q.answer, 2] : q.answer + 1;
  await input.fill(write(wrong));
  await box.getByRole('button', { name: L.check }).click();
  await box.getByText(L.wrong).waitFor();
  await input.fill(write(q.answer));
  await box.getByRole('button', { name: L.check }).click();
  await box.getByText(L.right).waitFor();
  await input.fill('?');
  await box.getByRole('button', { name: L.check }).click();
  assert.equal(await input.getAttribute('aria-invalid'), 'true');
  let next = q.text;
  for (let i = 0; i < 5 && next === q.text; i++) {
    await box.getByRole('button', { name: L.next }).click();
    next = await box.evaluate((el) => el.question.question.en);
  }
  assert.notEqual(next, q.text, 'a new question');
  assert.equal(await input.inputValue(), '');
  return q;
}

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
    const s = Array.from(activation(env.engine, name, xhat, { gamma, beta }).slope);
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

// ---- chapter 4 ---------------------------------------------------------------------------------

test('chapter 4: named_parameters and named_buffers as the engine’s module lists them', async () => {
  const { context, page, problems } = await open();
  const table = widget(page, 'param-table', 'parameters.table');
  const listing = table.locator('pre.listing');
  await listing.waitFor();
  const lines = async () => texts(listing.locator('.line'));
  const expectModule = (text) => {
    const m = env.engine.norm(parseModule(text).options);
    try {
      const p = m.parameterShapes();
      const b = m.bufferShapes();
      const row = ([n, s]) => `${n} torch.Size([${s.join(', ')}])`;
      return {
        params: p.map(row),
        buffers: b.map(row),
        total: p.reduce((s, [, sh]) => s + sh.reduce((a, c) => a * c, 1), 0),
      };
    } finally {
      m.delete();
    }
  };
  let want = expectModule('nn.BatchNorm2d(100)');
  assert.deepEqual(want.params, ['weight torch.Size([100])', 'bias torch.Size([100])']);
  assert.deepEqual(await lines(), [
    '>>> m = nn.BatchNorm2d(100)',
    '>>> for name, p in m.named_parameters():',
    '...     print(name, p.shape)',
    ...want.params,
    '>>> sum(p.numel() for p in m.parameters())',
    String(want.total),
    '>>> for name, b in m.named_buffers():',
    '...     print(name, b.shape)',
    ...want.buffers,
  ]);
  await table
    .getByText('200 learnable parameters (weight 100 + bias 100); and 3 buffers')
    .waitFor();
  await table.getByText('An input of shape (20, 100, 35, 45) is accepted').waitFor();
  await table.getByRole('button', { name: 'LayerNorm(10)', exact: true }).click();
  want = expectModule('nn.LayerNorm(10)');
  await listing.getByText('>>> m = nn.LayerNorm(10)').waitFor();
  assert.deepEqual((await lines()).slice(3, 5), want.params);
  await table.getByText('20 learnable parameters (weight 10 + bias 10); No buffers.').waitFor();
  assert.equal(await table.getByLabel('Input shape (optional)').inputValue(), '20, 5, 10');
  await table.getByRole('button', { name: 'LayerNorm(10, bias=False)' }).click();
  await table.getByText('10 learnable parameters').waitFor();
  await table.getByText('bias=False needs PyTorch 2.1 or newer').waitFor();
  await table.getByLabel('elementwise_affine').uncheck();
  await table.getByText('0 learnable parameters').waitFor();
  await listing
    .getByText('>>> m = nn.LayerNorm(10, elementwise_affine=False, bias=False)')
    .waitFor();
  // InstanceNorm: none by default, 2C with affine
  await table.locator('select[name="cls"]').selectOption('InstanceNorm2d');
  await table.getByLabel('num_features (channels C)').fill('3');
  await table.getByText('0 learnable parameters').waitFor();
  await table.getByLabel('affine').check();
  await table.getByText('6 learnable parameters (weight 3 + bias 3)').waitFor();
  // GroupNorm: refused combinations get PyTorch's message
  await table.locator('select[name="cls"]').selectOption('GroupNorm');
  await table.getByLabel('num_groups').fill('4');
  await table.getByLabel('num_channels').fill('6');
  await alert(table, 'nn.GroupNorm(4, 6): num_channels must be divisible by num_groups');
  await table.getByLabel('num_groups').fill('3');
  await table.getByText('12 learnable parameters (weight 6 + bias 6)').waitFor();
  // bad fields are explained next to the field; the last listing stays
  await table.locator('select[name="cls"]').selectOption('BatchNorm2d');
  await table.getByLabel('num_features (channels C)').fill('100');
  await table.getByLabel('num_features (channels C)').fill('abc');
  await alert(table, 'num_features must be a whole number');
  assert.match(await listing.textContent(), /nn\.BatchNorm2d\(100\)/);
  await table.getByLabel('num_features (channels C)').fill('-3');
  await alert(
    table,
    'nn.BatchNorm2d(-3): Trying to create tensor with negative dimension -3: [-3]',
  );
  await table.getByLabel('num_features (channels C)').fill('100');
  await table.getByLabel('Input shape (optional)').fill('20, 99, 35, 45');
  await table
    .locator('.input-error')
    .filter({ hasText: 'running_mean should contain 99 elements not 100' })
    .waitFor();
  await table.getByLabel('Input shape (optional)').fill('x');
  await alert(table, 'A shape is 1 to 5 whole numbers');
  await table.getByText('Show as PyTorch').click();
  assert.match(
    await table.locator('pytorch-code code').textContent(),
    /m = nn\.BatchNorm2d\(100\)/,
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test('chapter 4: γ and β of BatchNorm2d(3) are per channel', async () => {
  const { context, page, problems } = await open();
  const bn = widget(page, 'norm-playground', 'parameters.bn');
  await bn.getByLabel('weight[1]', { exact: true }).fill('3');
  await bn.getByLabel('bias[2]', { exact: true }).fill('-1');
  const values = await valuesOf(bn);
  const want = runModule(
    env.engine,
    { op: 'batch_norm', dims: 2, num_features: 3 },
    values,
    [2, 3, 2, 2],
    {
      weight: [1, 3, 1],
      bias: [0, 0, -1],
    },
  );
  const expected = Array.from(want.output, (v) => formatNumber(v));
  await bn
    .locator('tensor-editor[label="fmap_out"] output')
    .nth(4)
    .filter({ hasText: expected[4] })
    .waitFor();
  assert.deepEqual(await texts(bn.locator('tensor-editor[label="fmap_out"] output')), expected);
  await bn.getByText('Learnable parameters: γ (weight) (3,) · β (bias) (3,)').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('chapter 4: the self-check, right and wrong', async () => {
  const { context, page, problems } = await open();
  await selfCheck(page, 'parameters', 'en-US');
  assert.deepEqual(problems, []);
  await context.close();
});

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
