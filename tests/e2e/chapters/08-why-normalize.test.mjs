// Chapter 8 (why normalize): the deep stack's histograms and standard deviations against the
// engine, every control (depth, weight scale field and slider, batch, width, activation, range,
// norm, new weights, new input, the input editor), bad values, the self-check, both languages,
// keyboard, link state and a phone screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useBrowser,
  openPage,
  section,
  focused,
  measures,
  sidewaysOverflow,
  assertNoAxeViolations,
  answerSelfCheck,
  PHONE,
  SELF_CHECK_TEXT,
} from '../harness.mjs';
import {
  runDeepStack,
  formatNumber,
  readInputs,
  runPython,
  numbersIn,
} from './dynamics-helpers.mjs';

const env = useBrowser({ engine: true });

const chapter = (page) => section(page, 'why-normalize');
const stack = (page) => chapter(page).locator('deep-stack');
const NAMES = { none: 'None', batch_norm: 'BatchNorm', layer_norm: 'LayerNorm' };

async function open(options = {}, hash = '') {
  const r = await openPage(env.browser, `${env.server.url}${hash}`, {
    viewport: { width: 1200, height: 1000 },
    ...options,
  });
  await stack(r.page).locator('svg.ridge').waitFor();
  await stack(r.page).scrollIntoViewIfNeeded();
  return r;
}

/** The summary lines, keyed by norm. */
const summaries = (page) =>
  stack(page)
    .locator('.summary p[data-norm]')
    .evaluateAll((ps) => Object.fromEntries(ps.map((p) => [p.dataset.norm, p.textContent.trim()])));

const summaryOf = (run, norm) => {
  const layers = run.layers;
  return `${NAMES[norm]}: standard deviation ${formatNumber(layers[0].std)} at the input, ${formatNumber(layers.at(-1).std)} at layer ${layers.length - 1}.`;
};

/** The numbers-per-layer table (the current norm) as text rows. */
async function tableRows(page) {
  const details = stack(page).locator('details').filter({ hasText: 'Numbers per layer' });
  if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
  return details
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => [...r.cells].map((c) => c.textContent.trim())));
}

const tableOf = (run) =>
  run.layers.map((l, i) => [
    i === 0 ? 'x' : String(i),
    formatNumber(l.mean),
    formatNumber(l.std),
    String(l.under),
    String(l.over),
    String(l.nan),
  ]);

async function inputValues(page) {
  const details = stack(page).locator('details').filter({ hasText: 'Edit the input batch' });
  if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
  return readInputs(details.locator('tensor-editor'));
}

test('the histograms and standard deviations are the engine’s, for all three settings', async () => {
  const { context, page, problems } = await open();
  const s = stack(page);
  // a small stack, so the whole input fits in one page of the editor
  await s.getByLabel('Width (features per layer)').selectOption('8');
  await s.getByLabel('Batch size').fill('4');
  await s.getByText('Edit the input batch x (4, 8)').waitFor();
  const x = await inputValues(page);
  assert.equal(x.length, 32);
  const options = (norm, over = {}) => ({
    depth: 12,
    width: 8,
    gain: 1.5,
    seed: 1,
    norm,
    activation: 'linear',
    bins: 30,
    range: 3,
    ...over,
  });
  const expectAll = async (values, over = {}) => {
    const runs = {};
    for (const norm of ['none', 'batch_norm', 'layer_norm']) {
      runs[norm] = runDeepStack(env.engine, values, { ...options(norm, over), batch: 4 });
    }
    assert.deepEqual(
      await summaries(page),
      Object.fromEntries(Object.entries(runs).map(([n, r]) => [n, summaryOf(r, n)])),
    );
    return runs;
  };
  let runs = await expectAll(x);
  assert.deepEqual(await tableRows(page), tableOf(runs.none));
  assert.ok(runs.none.layers[12].std > 20 * runs.none.layers[0].std, 'without a norm it grows');
  assert.equal(await s.locator('svg.ridge g.layer').count(), 13);
  assert.equal(await s.locator('svg.std path').count(), 3);
  assert.equal(
    await s.locator('svg.ridge').getAttribute('aria-label'),
    `None: standard deviation ${formatNumber(runs.none.layers[0].std)} at the input, ${formatNumber(runs.none.layers[12].std)} at layer 12`,
  );
  // red overflow bars where the engine counted values outside ±3
  const overflowBars = await s.locator('svg.ridge rect.overflow').count();
  const outside = runs.none.layers.reduce((k, l) => k + (l.under > 0) + (l.over > 0), 0);
  assert.equal(overflowBars, outside);

  // an edited input cell is what the stack runs on
  await s.getByLabel('x[0, 0]', { exact: true }).fill('4');
  x[0] = 4;
  runs = await expectAll(x);
  await s.getByLabel('x[0, 1]', { exact: true }).fill('four');
  assert.deepEqual(
    await summaries(page),
    Object.fromEntries(Object.entries(runs).map(([n, r]) => [n, summaryOf(r, n)])),
  );

  // LayerNorm: every layer back at mean 0 and std 1
  await s.getByRole('radio', { name: 'LayerNorm' }).check();
  await assert.doesNotReject(
    s.getByText('Histogram of every layer’s values (LayerNorm)').waitFor(),
  );
  assert.deepEqual(await tableRows(page), tableOf(runs.layer_norm));
  for (const row of (await tableRows(page)).slice(1)) assert.equal(row[2], '1');

  // tanh inside ±1: nothing outside the range; the weight scale through its slider
  await s.getByLabel('Activation').selectOption('tanh');
  await s.getByLabel('Histogram range ±').selectOption('1');
  await s.getByRole('radio', { name: 'None' }).check();
  const slider = s.getByLabel('Weight scale g: W ~ N(0, g²/width) (slider)');
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(
    await s.getByLabel('Weight scale g: W ~ N(0, g²/width)', { exact: true }).inputValue(),
    '1.55',
  );
  runs = await expectAll(x, { activation: 'tanh', range: 1, gain: 1.55 });
  const rows = await tableRows(page);
  assert.deepEqual(rows, tableOf(runs.none));
  for (const row of rows.slice(1)) assert.deepEqual(row.slice(3, 5), ['0', '0']);

  // new weights and new input change the numbers
  const before = await summaries(page);
  await s.getByRole('button', { name: 'New weights' }).click();
  runs = await expectAll(x, { activation: 'tanh', range: 1, gain: 1.55, seed: 2 });
  assert.notDeepEqual(await summaries(page), before);
  await s.getByRole('button', { name: 'New input' }).click();
  const fresh = await inputValues(page);
  assert.notDeepEqual(fresh, x);
  await expectAll(fresh, { activation: 'tanh', range: 1, gain: 1.55, seed: 2 });
  assert.ok((await measures(page, 'nl:deep-stack')) > 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('depth, weight scale and batch refuse bad values with a message and keep the last good one', async () => {
  const { context, page, problems } = await open();
  const s = stack(page);
  const depth = s.getByLabel('Depth (layers)', { exact: true });
  await depth.fill('20');
  await assert.doesNotReject(s.getByText('at layer 20.').first().waitFor());
  assert.equal(await s.locator('svg.ridge g.layer').count(), 21);
  for (const bad of ['abc', '0', '61', '2.5', '']) {
    await depth.fill(bad);
    assert.equal(await depth.getAttribute('aria-invalid'), 'true', bad);
    await assert.doesNotReject(
      s.getByText('the depth must be a whole number from 1 to 60').waitFor(),
    );
    assert.equal(await s.locator('svg.ridge g.layer').count(), 21, `${bad}: still 20 layers`);
  }
  assert.equal(await depth.inputValue(), '', 'the learner’s text stays');
  await depth.fill('20');
  assert.equal(await s.getByText('the depth must be').count(), 0);

  const gain = s.getByLabel('Weight scale g: W ~ N(0, g²/width)', { exact: true });
  await gain.fill('-1');
  await assert.doesNotReject(
    s.getByText('the weight scale must be a number from 0 to 4').waitFor(),
  );
  await gain.fill('1e9');
  assert.equal(await gain.getAttribute('aria-invalid'), 'true');
  await gain.fill('0.5');
  assert.equal(await gain.getAttribute('aria-invalid'), 'false');
  const lines = await summaries(page);
  const none = lines.none.match(/at the input, (\S+) at layer 20/)[1];
  assert.ok(Number(none.replace('−', '-')) < 1e-3, `gain 0.5 shrinks: ${none}`);

  // a batch of one: BatchNorm refuses with PyTorch's message, the others carry on
  await s.getByRole('radio', { name: 'BatchNorm' }).check();
  const batch = s.getByLabel('Batch size');
  await batch.fill('65');
  await assert.doesNotReject(
    s.getByText('the batch size must be a whole number from 1 to 64').waitFor(),
  );
  await batch.fill('1');
  await assert.doesNotReject(
    s
      .getByText(
        'BatchNorm: Expected more than 1 value per channel when training, got input size torch.Size([1, 32])',
      )
      .waitFor(),
  );
  assert.equal(
    Object.keys(await summaries(page))
      .sort()
      .join(),
    'layer_norm,none',
  );
  assert.equal(await s.locator('svg.std path').count(), 2);
  assert.equal(await s.locator('svg.ridge g.layer').count(), 21, 'the last picture stays');
  await batch.fill('2');
  assert.equal(await s.locator('svg.std path').count(), 3);

  // keyboard: the norm radios move with the arrow keys, with a focus ring
  await s.getByRole('radio', { name: 'BatchNorm' }).focus();
  await page.keyboard.press('ArrowRight');
  const f = await focused(page);
  assert.equal(f.name, 'norm');
  assert.ok(f.ring);
  assert.equal(await s.getByRole('radio', { name: 'LayerNorm' }).isChecked(), true);
  await assert.doesNotReject(
    s.getByText('Histogram of every layer’s values (LayerNorm)').waitFor(),
  );

  // the link keeps the settings
  await page.waitForFunction(() => location.hash.includes('why-normalize.stack.depth=20'));
  await page.waitForFunction(() => location.hash.includes('why-normalize.stack.norm=layer_norm'));
  const link = page.url();
  const other = await open({}, link.slice(link.indexOf('#')));
  const s2 = stack(other.page);
  assert.equal(await s2.getByLabel('Depth (layers)', { exact: true }).inputValue(), '20');
  assert.equal(await s2.getByRole('radio', { name: 'LayerNorm' }).isChecked(), true);
  assert.equal(await s2.locator('svg.ridge g.layer').count(), 21);
  assert.deepEqual(other.problems, []);
  await other.context.close();
  assert.deepEqual(problems, []);
  await context.close();
});

test('the depth slider, and “Show as PyTorch” code that runs the same experiment in PyTorch', async () => {
  const { context, page, problems } = await open();
  const s = stack(page);
  const slider = s.getByLabel('Depth (layers) (slider)');
  await slider.focus();
  await page.keyboard.press('Home');
  assert.equal(await s.getByLabel('Depth (layers)', { exact: true }).inputValue(), '1');
  assert.equal(await s.locator('svg.ridge g.layer').count(), 2);
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  assert.equal(await s.getByLabel('Depth (layers)', { exact: true }).inputValue(), '6');
  await s.getByRole('radio', { name: 'LayerNorm' }).check();
  await s.getByLabel('Activation').selectOption('relu');
  const block = s.locator('pytorch-code');
  await block.getByText('Show as PyTorch').click();
  await assert.doesNotReject(
    block
      .getByText('nn.Sequential(nn.Linear(width, width, bias=False), nn.LayerNorm(32), nn.ReLU())')
      .waitFor(),
  );
  // other random numbers, the same behaviour: six layers, each ReLU of a unit-variance input
  const lines = runPython(await block.evaluate((el) => el.code));
  assert.equal(lines.length, 6);
  for (const [i, line] of lines.entries()) {
    const [layer, std, ...histogram] = numbersIn(line);
    assert.equal(layer, i + 1);
    assert.ok(std > 0.5 && std < 0.7, `ReLU of a normalized layer: std ${std}`);
    assert.equal(
      histogram.reduce((a, b) => a + b, 0),
      32 * 32,
      'every value in ±3 or beyond',
    );
  }
  assert.deepEqual(problems, []);
  await context.close();
});

/** The answer of the chapter's self-check from its text (either language), by the engine here. */
function answerOf(text) {
  const L = Number(text.match(/(\d+) (?:layers|层)/)[1]);
  const W = Number(text.match(/Linear\((\d+),/)[1]);
  const N = Number(
    text
      .match(/batches of (\d+)|批大小为 (\d+)|shape \((\d+),|形状为 \((\d+),/)
      .slice(1)
      .find(Boolean),
  );
  const ln = /LayerNorm\(/.test(text);
  const mod = env.engine.norm(
    ln
      ? { op: 'layer_norm', normalized_shape: [W] }
      : { op: 'batch_norm', dims: 1, num_features: W },
  );
  try {
    if (/running_mean/.test(text)) {
      const shape = mod.bufferShapes().find(([name]) => name === 'running_mean')[1];
      return L * shape.reduce((a, b) => a * b, 1);
    }
    return L * mod.plan([N, W]).statCount;
  } finally {
    mod.delete();
  }
}

for (const [locale, heading] of [
  ['en-US', '8. Why normalize at all: internal covariate shift'],
  ['zh-CN', '8. 为什么要归一化：内部协变量偏移'],
]) {
  test(`${locale}: the chapter, its widget and the self-check answered right and wrong`, async () => {
    const { context, page, problems } = await open({ locale });
    await assert.doesNotReject(chapter(page).getByRole('heading', { name: heading }).waitFor());
    if (locale === 'zh-CN') {
      await assert.doesNotReject(stack(page).getByText('标准差从输入的').first().waitFor());
      await assert.doesNotReject(
        stack(page).getByRole('button', { name: '重新抽取权重' }).waitFor(),
      );
    }
    const check = chapter(page).locator('self-check');
    await answerSelfCheck(check, {
      locale,
      answers: (question) => {
        const answer = answerOf(question);
        return { wrong: String(answer * 2), right: String(answer) };
      },
    });
    await assertNoAxeViolations(page, 'section[data-chapter="why-normalize"]');
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('on a phone the charts fit the screen and the controls still work', async () => {
  const { context, page, problems } = await open(PHONE);
  assert.ok((await sidewaysOverflow(page)) <= 0);
  const s = stack(page);
  const box = await s.locator('svg.ridge').boundingBox();
  assert.ok(box.width <= 390, `the ridge chart is ${box.width}px wide`);
  await s.getByRole('radio', { name: 'LayerNorm' }).tap();
  await assert.doesNotReject(
    s.getByText('Histogram of every layer’s values (LayerNorm)').waitFor(),
  );
  assert.ok((await sidewaysOverflow(page)) <= 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the self-check takes a count written with thousands separators, in both languages', async () => {
  for (const locale of ['en-US', 'zh-CN']) {
    const L = SELF_CHECK_TEXT[locale];
    const { context, page, problems } = await open({ locale });
    const check = chapter(page).locator('self-check');
    await check.locator('p.question').waitFor();
    // seed 5 asks for 1,536 statistics groups: a count past a thousand
    const answer = await check.evaluate((el) => {
      el.seed = 5;
      el.newQuestion();
      return el.question.answer;
    });
    assert.ok(answer >= 1000, `a four-digit count (${answer})`);
    const grouped = answer.toLocaleString('en-US');
    const input = check.getByLabel(L.answer);
    for (const text of [
      grouped,
      grouped.replace(',', ' '),
      grouped.replace(',', '，'),
      String(answer),
    ]) {
      await input.fill(text);
      await input.press('Enter');
      await assert.doesNotReject(check.getByText(L.right).waitFor(), `${locale}: ${text}`);
      await input.fill('');
      await input.press('Enter');
    }
    // a count that is off by one is still wrong, separators or not
    await input.fill((answer + 1).toLocaleString('en-US'));
    await input.press('Enter');
    await check.getByText(L.wrong).waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  }
});
