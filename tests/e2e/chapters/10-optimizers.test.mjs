// Chapter 10 (optimizers) as a whole, in both languages: the prose and update rules, Adam's state
// (m and v) on an editable tensor, the memory calculator, Adam vs AdamW decay, axe-core. Every
// number is compared with the engine run in node. The race: 10-optimizers-race*.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, assertNoAxeViolations } from '../harness.mjs';
import { formatNumber, openChapter, race, SECTION, assertNoProblems } from './race-helpers.mjs';
import { MEMORY_OPTIMIZERS } from '../../../web/model/optimizers.js';

const env = useBrowser({ engine: true });

const section = (page) => page.locator(SECTION);
const stateWidget = (page) => section(page).locator('optimizer-state');
const memory = (page) => section(page).locator('memory-calculator');
const decay = (page) => section(page).locator('decay-compare');

/** The texts of a readonly tensor's cells, in order. */
const cells = (widget, label) =>
  widget.locator(`tensor-editor[label="${label}"] output`).allTextContents();

test('the chapter in English: update rules, four widgets, a self-check, no axe violations', async () => {
  const { context, page, problems } = await openChapter(env);
  await assert.doesNotReject(
    page.getByRole('heading', { name: '10. Optimizers: SGD, Adam, AdamW' }).waitFor(),
  );
  const text = await section(page).textContent();
  for (const phrase of [
    'm ← β₁·m + (1 − β₁)·g',
    'θ ← θ − γ·λ·θ',
    'Nesterov: g ← g + μ·b',
    'Adam keeps two moments of the gradient, not of the activations',
    '4×, or 16 bytes per parameter',
    'AdamW: weight decay decoupled from the gradient',
  ]) {
    assert.ok(text.includes(phrase), phrase);
  }
  for (const tag of ['optimizer-race', 'optimizer-state', 'memory-calculator', 'decay-compare']) {
    assert.equal(await section(page).locator(tag).count(), 1, tag);
  }
  await assert.doesNotReject(section(page).getByText('Self-check').waitFor());
  await assertNoAxeViolations(page, SECTION);
  assertNoProblems(problems);
  await context.close();
});

test('the chapter in Chinese, and switching language keeps every widget’s state', async () => {
  const { context, page, problems } = await openChapter(env, { locale: 'zh-CN' });
  await assert.doesNotReject(
    page.getByRole('heading', { name: '10. 优化器对比：SGD、Adam、AdamW' }).waitFor(),
  );
  const text = await section(page).textContent();
  for (const phrase of ['Adam 记住的是梯度的两个矩，不是激活值', '训练要多少内存', '解耦']) {
    assert.ok(text.includes(phrase), phrase);
  }
  await assert.doesNotReject(race(page).getByRole('button', { name: '播放' }).waitFor());
  await assert.doesNotReject(memory(page).locator('p.summary').getByText('合计 112 GB').waitFor());
  await assert.doesNotReject(decay(page).getByText('Adam（L2）停在').waitFor());
  await assert.doesNotReject(section(page).getByText('自测').waitFor());

  await memory(page).getByLabel('参数量', { exact: true }).fill('125M');
  await stateWidget(page).getByRole('button', { name: '走一步' }).click();
  await page.getByRole('button', { name: 'English' }).click();
  await assert.doesNotReject(
    page.getByRole('heading', { name: '10. Optimizers: SGD, Adam, AdamW' }).waitFor(),
  );
  assert.equal(await memory(page).getByLabel('Parameters', { exact: true }).inputValue(), '125M');
  await assert.doesNotReject(memory(page).locator('p.summary').getByText('Total 2 GB').waitFor());
  await assert.doesNotReject(
    stateWidget(page).getByText('Parameter θ after 1 step', { exact: true }).waitFor(),
  );
  await assertNoAxeViolations(page, SECTION);
  assertNoProblems(problems);
  await context.close();
});

test('optimizer state: Adam’s m and v have the parameter’s shape and the engine’s values', async () => {
  const { context, page, problems } = await openChapter(env);
  const w = stateWidget(page);
  await assert.doesNotReject(w.getByText('No step yet').waitFor());
  await w.getByLabel('g[1, 0]', { exact: true }).fill('4');
  const theta0 = [0.5, -1, 2, 1.5, -0.25, 0];
  const grad = [0.1, -2, 0.5, 4, -0.01, 1];
  await w.getByRole('button', { name: 'Step', exact: true }).click();
  await w.getByRole('button', { name: 'Step', exact: true }).click();
  const opt = env.engine.optimizer(theta0, { op: 'adam', args: { lr: 0.1 } });
  opt.step(grad);
  opt.step(grad);
  const want = { θ: opt.param, ...opt.state() };
  opt.delete();
  for (const [label, values] of Object.entries(want)) {
    assert.deepEqual(
      await cells(w, label),
      Array.from(values, (v) => formatNumber(v)),
      label,
    );
  }
  await assert.doesNotReject(
    w
      .getByText(
        'Adam has taken 2 steps and keeps 2 state tensors, each of shape (2, 3): 12 numbers for 6 parameters',
      )
      .waitFor(),
  );

  // another optimizer, another state; a learning rate PyTorch refuses
  await w.getByLabel('Optimizer').selectOption('momentum');
  await assert.doesNotReject(w.getByText('No step yet').waitFor());
  await w.getByRole('button', { name: '10 steps' }).click();
  const sgd = env.engine.optimizer(theta0, { op: 'sgd', args: { momentum: 0.9, lr: 0.1 } });
  for (let i = 0; i < 10; i++) sgd.step(grad);
  assert.deepEqual(
    await cells(w, 'momentum_buffer'),
    Array.from(sgd.state().momentum_buffer, (v) => formatNumber(v)),
  );
  sgd.delete();
  assert.equal(await w.locator('tensor-editor[label="exp_avg"]').count(), 0);

  const lr = w.getByLabel('Learning rate lr');
  await lr.fill('-1');
  await assert.doesNotReject(w.getByText('Invalid learning rate: -1.0').waitFor());
  await lr.fill('x');
  await assert.doesNotReject(w.getByText('Type a finite number').waitFor());
  assert.equal(await lr.inputValue(), 'x');
  await lr.fill('0.5');
  assert.equal(await lr.getAttribute('aria-invalid'), 'false');
  await assert.doesNotReject(w.getByText('No step yet').waitFor(), 'a new rate restarts the run');

  const before = await w
    .locator('tensor-editor[label="g"] input')
    .evaluateAll((xs) => xs.map((x) => x.value));
  await w.getByRole('button', { name: 'Random gradient' }).click();
  const after = await w
    .locator('tensor-editor[label="g"] input')
    .evaluateAll((xs) => xs.map((x) => x.value));
  assert.notDeepEqual(after, before);
  await w.getByRole('button', { name: 'Step', exact: true }).click();
  await w.getByRole('button', { name: 'Restart from θ₀' }).click();
  await assert.doesNotReject(w.getByText('No step yet').waitFor());
  assert.deepEqual(
    await cells(w, 'θ'),
    theta0.map((v) => formatNumber(v)),
  );

  await w.locator('pytorch-code summary').click();
  const code = await w.locator('pytorch-code code').textContent();
  assert.match(code, /torch\.optim\.SGD\(\[theta\], momentum=0\.9, lr=0\.5\)/);
  assertNoProblems(problems);
  await context.close();
});

test('the memory calculator: the engine’s bytes for size, precision and optimizer', async () => {
  const { context, page, problems } = await openChapter(env);
  const m = memory(page);
  const summary = () => m.locator('p.summary').textContent();
  const bytes = (params, key, precision = 'fp32') =>
    env.engine.optimizerMemory({ params, precision, ...MEMORY_OPTIMIZERS[key] });
  assert.equal(bytes(7e9, 'adam').total, 112e9);
  assert.equal(
    (await summary()).trim(),
    'Total 112 GB: 16 bytes per parameter, the size of 4× fp32 copies of the parameters.',
  );
  const optimizer = m.getByLabel('Optimizer');
  await optimizer.selectOption('sgd');
  assert.match(await summary(), /Total 56 GB: 8 bytes per parameter, .* 2× fp32 copies/);
  await optimizer.selectOption('sgd-momentum');
  assert.match(await summary(), /Total 84 GB: 12 bytes .* 3× fp32/);
  await optimizer.selectOption('adam-amsgrad');
  assert.equal(await m.locator('tr[data-part="max_exp_avg_sq"]').count(), 1);
  await optimizer.selectOption('adamw');

  await m.getByLabel('Precision').selectOption('bf16-mixed');
  const mixed = bytes(7e9, 'adamw', 'bf16-mixed');
  assert.equal(
    await m.locator('tr[data-part="master_weights"] td').nth(1).textContent(),
    `${formatNumber(mixed.master_weights / 1e9)} GB`,
  );
  assert.equal(
    await m.locator('tr[data-part="parameters"] td').nth(1).textContent(),
    `${formatNumber(mixed.parameters / 1e9)} GB`,
  );
  assert.match(await summary(), new RegExp(`Total ${formatNumber(mixed.total / 1e9)} GB`));

  const params = m.getByLabel('Parameters', { exact: true });
  const before = await summary();
  for (const bad of ['abc', '0', '-3', '1e20']) {
    await params.fill(bad);
    assert.equal(await params.getAttribute('aria-invalid'), 'true', bad);
    assert.equal(await summary(), before, `${bad}: the last result stays`);
    assert.equal(await params.inputValue(), bad);
  }
  await assert.doesNotReject(m.getByText('At most 1e+14 parameters').waitFor());
  await params.fill('125M');
  assert.equal(await params.getAttribute('aria-invalid'), 'false');
  const small = bytes(125e6, 'adamw', 'bf16-mixed');
  assert.match(await summary(), new RegExp(`^\\s*Total ${formatNumber(small.total / 1e9)} GB`));
  await m.getByRole('button', { name: 'GPT-2' }).click();
  assert.equal(await params.inputValue(), '124000000');
  assert.equal(await m.getByRole('button', { name: 'GPT-2' }).getAttribute('aria-pressed'), 'true');
  assert.match(
    await m.locator('svg').getAttribute('aria-label'),
    /parameters \(weights\) 248 MB; gradients 248 MB; fp32 master weights 496 MB/,
  );
  assertNoProblems(problems);
  await context.close();
});

test('Adam vs AdamW: the engine’s trajectories, and refused values get PyTorch’s words', async () => {
  const { context, page, problems } = await openChapter(env);
  const d = decay(page);
  const ends = async () =>
    Object.fromEntries(
      await d
        .locator('tbody tr')
        .evaluateAll((rows) =>
          rows.map((r) => [
            r.dataset.run,
            [...r.querySelectorAll('td')].slice(1).map((td) => td.textContent),
          ]),
        ),
    );
  const want = (lr, wd, steps) => {
    const out = {};
    for (const [id, op, decayed] of [
      ['adam-plain', 'adam', false],
      ['adam-l2', 'adam', true],
      ['adamw', 'adamw', true],
    ]) {
      const r = env.engine.trajectory({
        surface: 'bowl_l2',
        op,
        args: { lr, weight_decay: decayed ? wd : 0 },
        start: [3, 3],
        steps,
      });
      out[id] = [formatNumber(r.x[steps]), formatNumber(r.y[steps])];
    }
    return out;
  };
  assert.deepEqual(await ends(), want(0.05, 0.1, 300));
  await assert.doesNotReject(d.getByText('Adam with L2 ends at (0.9901, 0.5)').waitFor());
  // Adam without decay runs along AdamW until the decay has shrunk θ: its path is the dashed one,
  // drawn over the solid ones, so that both show where they coincide
  const drawn = await d
    .locator('figure svg path[data-run]')
    .evaluateAll((paths) => paths.map((p) => [p.dataset.run, p.getAttribute('stroke-dasharray')]));
  assert.deepEqual(drawn, [
    ['adam-l2', ''],
    ['adamw', ''],
    ['adam-plain', '5 4'],
  ]);

  const wd = d.getByLabel('Weight decay weight_decay (λ)');
  await wd.fill('-0.5');
  await assert.doesNotReject(d.getByText('Invalid weight_decay value: -0.5').waitFor());
  await wd.fill('0.3');
  const lr = d.getByLabel('Learning rate lr');
  await lr.fill('-1');
  await assert.doesNotReject(d.getByText('Invalid learning rate: -1.0').waitFor());
  await lr.fill('nope');
  await assert.doesNotReject(d.getByText('Type a finite number').waitFor());
  await lr.fill('1e-1');
  assert.equal(await lr.inputValue(), '1e-1', 'what the learner typed is not rewritten');
  const steps = d.getByLabel('Steps', { exact: true });
  await steps.fill('99999');
  await assert.doesNotReject(d.getByText('Steps is a whole number from 1 to 5000').waitFor());
  await steps.fill('150');
  assert.deepEqual(await ends(), want(0.1, 0.3, 150));
  assert.equal(await d.locator('figure svg[role="img"]').count(), 3);
  await d.locator('pytorch-code summary').click();
  assert.match(
    await d.locator('pytorch-code code').textContent(),
    /torch\.optim\.AdamW\(\[p\], lr=0\.1, weight_decay=0\.3\)/,
  );
  assertNoProblems(problems);
  await context.close();
});
