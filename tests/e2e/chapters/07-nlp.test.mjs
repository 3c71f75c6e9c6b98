// Chapter 7 (why NLP uses LN): the padded batch (BN's per-feature statistics move with the padding,
// LN's per-token statistics do not), the pad length, edited tokens, the batch of one, the
// self-check, both languages, keyboard and link state. Numbers are checked against the engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useBrowser,
  openPage,
  section,
  focused,
  measures,
  assertNoAxeViolations,
  answerSelfCheck,
} from '../harness.mjs';
import {
  groupMoments,
  formatAll,
  readInputs,
  readOutputs,
  runPython,
  numbersIn,
  assertClose,
} from './dynamics-helpers.mjs';

const env = useBrowser({ engine: true });

const LENGTHS = [4, 2, 3];
const H = 4;
const chapter = (page) => section(page, 'nlp');
const demo = (page) => chapter(page).locator('padding-demo');
const tokens = (page) => demo(page).locator('tensor-editor[label="tokens"]');
const texts = (page, table, cls) =>
  demo(page)
    .locator(`table.${table} td.${cls}`)
    .evaluateAll((cells) => cells.map((c) => c.textContent.trim()));

async function open(options = {}, hash = '') {
  const r = await openPage(env.browser, `${env.server.url}${hash}`, {
    viewport: { width: 1200, height: 1000 },
    ...options,
  });
  await demo(r.page).locator('p.summary').waitFor();
  await demo(r.page).scrollIntoViewIfNeeded();
  return r;
}

/** The padded (B, T, H) tensor and its real rows, as the chapter describes it. */
function pad(values, T) {
  const x = new Float32Array(LENGTHS.length * T * H);
  const real = [];
  let token = 0;
  LENGTHS.forEach((len, b) => {
    for (let p = 0; p < len; p++, token++) {
      x.set(values.slice(token * H, (token + 1) * H), (b * T + p) * H);
      real.push(b * T + p);
    }
  });
  return { x, real };
}

/** Statistics of the engine's module over its own plan, and its output. */
function facts(options, x, shape) {
  const mod = env.engine.norm(options);
  try {
    const output = mod.forward(x, shape, { training: true }).output;
    const plan = mod.plan(shape);
    return { output, ...groupMoments(env.engine, x, plan.group, { groups: plan.statCount }) };
  } finally {
    mod.delete();
  }
}
const BN = { op: 'batch_norm', dims: 1, num_features: H };
const LN = { op: 'layer_norm', normalized_shape: [H] };

function expected(values, T) {
  const { x, real } = pad(values, T);
  const n = values.length / H;
  const bnPad = facts(BN, x, [x.length / H, H]);
  const lnPad = facts(LN, x, [LENGTHS.length, T, H]);
  const pick = (out) => real.flatMap((row) => Array.from(out.slice(row * H, (row + 1) * H)));
  return {
    padded: {
      bnMean: formatAll(bnPad.mean),
      bnVar: formatAll(bnPad.variance),
      lnMean: formatAll(real.map((r) => lnPad.mean[r])),
      bnOut: formatAll(pick(bnPad.output)),
      lnOut: formatAll(pick(lnPad.output)),
    },
    packed: (() => {
      const bn = facts(BN, values, [n, H]);
      const ln = facts(LN, values, [n, H]);
      return {
        bnMean: formatAll(bn.mean),
        bnVar: formatAll(bn.variance),
        lnMean: formatAll(ln.mean),
        bnOut: formatAll(bn.output),
        lnOut: formatAll(ln.output),
      };
    })(),
  };
}

test('padding moves BatchNorm’s per-feature statistics and leaves LayerNorm’s per-token ones', async () => {
  const { context, page, problems } = await open();
  const d = demo(page);
  const values = await readInputs(tokens(page));
  assert.equal(values.length, 9 * H);
  const want = expected(values, 4);
  assert.deepEqual(await texts(page, 'bn-stats', 'mean'), want.padded.bnMean);
  assert.deepEqual(await texts(page, 'bn-stats', 'var'), want.padded.bnVar);
  assert.deepEqual(await texts(page, 'ln-stats', 'mean'), want.padded.lnMean);
  assert.deepEqual(
    await readOutputs(d.locator('tensor-editor[label="bn_out"]')),
    want.padded.bnOut,
  );
  assert.deepEqual(
    await readOutputs(d.locator('tensor-editor[label="ln_out"]')),
    want.padded.lnOut,
  );
  assert.equal(
    await d
      .locator('p.summary')
      .textContent()
      .then((t) => t.trim()),
    'Padding changed 4 of 4 BatchNorm feature means, and 0 of 9 LayerNorm token means.',
  );
  // the padded tensor is drawn, its padding rows are zeros, and each pad row has its own statistics
  const padded = await readOutputs(d.locator('tensor-editor[label="x_padded"]'));
  assert.equal(padded.length, 3 * 4 * H);
  assert.deepEqual(padded.slice(6 * H, 8 * H), new Array(2 * H).fill('0'));
  assert.equal(await d.locator('tr.pad-row').count(), 3);

  // no padding: BN's numbers move, LN's stay where they were, bit for bit
  await d.getByLabel('Pad the sentences to the same length').uncheck();
  assert.deepEqual(await texts(page, 'bn-stats', 'mean'), want.packed.bnMean);
  assert.deepEqual(await texts(page, 'bn-stats', 'var'), want.packed.bnVar);
  assert.notDeepEqual(want.packed.bnMean, want.padded.bnMean);
  assert.deepEqual(await texts(page, 'ln-stats', 'mean'), want.padded.lnMean);
  assert.deepEqual(want.packed.lnMean, want.padded.lnMean);
  assert.deepEqual(
    await readOutputs(d.locator('tensor-editor[label="bn_out"]')),
    want.packed.bnOut,
  );
  assert.deepEqual(
    await readOutputs(d.locator('tensor-editor[label="ln_out"]')),
    want.padded.lnOut,
  );
  assert.equal(await d.locator('tensor-editor[label="x_padded"]').count(), 0);
  assert.equal(await d.getByLabel('Pad to length T').isDisabled(), true);
  await page.waitForFunction(() => location.hash.includes('nlp.padding.padding=0'));
  const link = page.url();

  // keyboard: the checkbox toggles with Space and shows a focus ring
  await d.getByLabel('Pad the sentences to the same length').focus();
  await page.keyboard.press('Space');
  assert.equal(await d.getByLabel('Pad the sentences to the same length').isChecked(), true);
  await page.keyboard.press('Tab');
  const f = await focused(page);
  assert.equal(f.name, 'pad-to');
  assert.ok(f.ring);
  assert.deepEqual(await texts(page, 'bn-stats', 'mean'), want.padded.bnMean);

  const other = await open({}, link.slice(link.indexOf('#')));
  assert.equal(
    await demo(other.page).getByLabel('Pad the sentences to the same length').isChecked(),
    false,
  );
  assert.deepEqual(other.problems, []);
  await other.context.close();
  assert.ok((await measures(page, 'nl:padding-demo')) > 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the pad length and the tokens are editable; bad lengths are refused with a message', async () => {
  const { context, page, problems } = await open();
  const d = demo(page);
  const values = await readInputs(tokens(page));
  const padTo = d.getByLabel('Pad to length T');
  await padTo.fill('6');
  const six = expected(values, 6);
  assert.deepEqual(await texts(page, 'bn-stats', 'mean'), six.padded.bnMean);
  assert.deepEqual(await texts(page, 'ln-stats', 'mean'), six.padded.lnMean);
  assert.equal(await d.locator('tr.pad-row').count(), 3 * 6 - 9);
  for (const bad of ['3', 'x', '13', '']) {
    await padTo.fill(bad);
    assert.equal(await padTo.getAttribute('aria-invalid'), 'true', bad);
    await assert.doesNotReject(d.getByText('T must be a whole number from 4 to 12').waitFor());
    assert.deepEqual(await texts(page, 'bn-stats', 'mean'), six.padded.bnMean, 'T stays 6');
  }
  assert.equal(await padTo.inputValue(), '', 'the learner’s text stays');

  // editing a token changes its own LN statistics and every BN feature it feeds
  await tokens(page).getByLabel('tokens[1, 2]', { exact: true }).fill('5');
  values[1 * H + 2] = 5;
  const edited = expected(values, 6);
  assert.deepEqual(await texts(page, 'ln-stats', 'mean'), edited.padded.lnMean);
  assert.deepEqual(await texts(page, 'bn-stats', 'mean'), edited.padded.bnMean);
  await tokens(page).getByLabel('tokens[1, 2]', { exact: true }).fill('five');
  assert.deepEqual(await texts(page, 'ln-stats', 'mean'), edited.padded.lnMean, 'kept');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a batch of one: BatchNorm refuses to train with PyTorch’s message, LayerNorm works', async () => {
  const { context, page, problems } = await open();
  const g = chapter(page).locator('train-eval-grid');
  await g.scrollIntoViewIfNeeded();
  await assert.doesNotReject(
    g
      .getByText(
        'Expected more than 1 value per channel when training, got input size torch.Size([1, 4])',
        { exact: true },
      )
      .waitFor(),
  );
  const x = await readInputs(g.locator('tensor-editor[label="x"]'));
  const ln = env.engine.norm(LN);
  try {
    const want = formatAll(ln.forward(x, [1, 4]).output);
    const panel = (title) => g.locator(`tensor-editor[label="${title}"]`);
    assert.deepEqual(await readOutputs(panel('LayerNorm(4) · model.train()')), want);
    assert.deepEqual(await readOutputs(panel('LayerNorm(4) · model.eval()')), want);
  } finally {
    ln.delete();
  }
  // a second sample and BatchNorm trains
  await g.getByLabel('Batch size N').fill('2');
  assert.equal(
    await g
      .locator('p.bn-verdict')
      .textContent()
      .then((t) => t.trim()),
    'BatchNorm: train and eval outputs differ.',
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test('“Show as PyTorch” shows code that PyTorch runs to the engine’s numbers', async () => {
  const { context, page, problems } = await open();
  const d = demo(page);
  await d.getByLabel('Pad to length T').fill('5');
  const values = await readInputs(tokens(page));
  const block = d.locator('pytorch-code');
  await block.getByText('Show as PyTorch').click();
  await assert.doesNotReject(
    block.getByText('bn, ln = nn.BatchNorm1d(4), nn.LayerNorm(4)').waitFor(),
  );
  const lines = runPython(await block.evaluate((el) => el.code));
  const { x } = pad(values, 5);
  const padded = facts(BN, x, [15, H]);
  const packed = facts(BN, values, [9, H]);
  assertClose(numbersIn(lines[0]), [...padded.mean, ...padded.variance], 'with padding');
  assertClose(numbersIn(lines[1]), [...packed.mean, ...packed.variance], 'real tokens');
  assert.equal(lines[2], 'True');
  assert.deepEqual(problems, []);
  await context.close();
});

/** The answer of the chapter's self-check from its text (either language), by the engine here. */
function answerOf(text) {
  const [B, T, Hs] = text
    .match(/\((\d+), (\d+), (\d+)\)/)
    .slice(1)
    .map(Number);
  if (/LayerNorm\(\d+\)\(x\)/.test(text)) {
    const mod = env.engine.norm({ op: 'layer_norm', normalized_shape: [Hs] });
    const count = mod.plan([B, T, Hs]).statCount;
    mod.delete();
    return count;
  }
  const mod = env.engine.norm({ op: 'batch_norm', dims: 1, num_features: Hs });
  const plan = mod.plan([B * T, Hs]);
  mod.delete();
  if (/averages how many values|对多少个数求平均/.test(text)) {
    return plan.group.filter((g) => g === 0).length;
  }
  return plan.statCount;
}

for (const [locale, heading, summary] of [
  [
    'en-US',
    '7. Why NLP uses LN, not BN',
    'Padding changed 4 of 4 BatchNorm feature means, and 0 of 9 LayerNorm token means.',
  ],
  [
    'zh-CN',
    '7. 为什么 NLP 用 LN',
    '填充改变了 BatchNorm 的 4/4 个特征均值，以及 LayerNorm 的 0/9 个真实 token 均值。',
  ],
]) {
  test(`${locale}: the chapter, its widgets and the self-check answered right and wrong`, async () => {
    const { context, page, problems } = await open({ locale });
    await assert.doesNotReject(chapter(page).getByRole('heading', { name: heading }).waitFor());
    assert.equal(
      await demo(page)
        .locator('p.summary')
        .textContent()
        .then((t) => t.trim()),
      summary,
    );
    if (locale === 'zh-CN') {
      await assert.doesNotReject(demo(page).getByText('句 0 · 今天').first().waitFor());
    }
    const check = chapter(page).locator('self-check');
    // the wrong answer is sent with Enter, the right one with the Check button
    await answerSelfCheck(check, {
      locale,
      submit: { wrong: 'enter', right: 'button' },
      answers: (question) => {
        const answer = answerOf(question);
        return { wrong: String(answer + 1), right: String(answer) };
      },
    });
    await assertNoAxeViolations(page, 'section[data-chapter="nlp"]');
    assert.deepEqual(problems, []);
    await context.close();
  });
}
