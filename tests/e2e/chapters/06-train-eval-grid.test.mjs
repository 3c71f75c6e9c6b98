// Chapter 6 (train vs eval), the rest of the chapter: the train/eval grid, the PyTorch code, the
// self-check in both languages and a phone-sized screen. Numbers are compared with the engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useBrowser,
  openPage,
  section,
  sidewaysOverflow,
  assertNoAxeViolations,
  answerSelfCheck,
  PHONE,
} from '../harness.mjs';
import {
  groupMoments,
  formatNumber,
  formatAll,
  fillTensor,
  readInputs,
  readOutputs,
  runPython,
  numbersIn,
  assertClose,
} from './dynamics-helpers.mjs';
import { trainEvalKit } from './train-eval-helpers.mjs';

const env = useBrowser({ engine: true });

const { chapter, stepper, grid, nbt, cell, open, BATCH, stepFacts, assertTable } =
  trainEvalKit(env);

test('the train/eval grid: BN’s outputs differ, LN’s are identical; N = 1 is refused by BN only', async () => {
  const { context, page, problems } = await open();
  const g = grid(page);
  await g.scrollIntoViewIfNeeded();
  const x = [1, 2, 3, 3, 4, 9, 5, 0, 0, 7, 2, 4];
  await fillTensor(g, 'x', x, 3);
  const run = (options, values, n) => {
    const mod = env.engine.norm(options);
    try {
      let train;
      try {
        train = mod.forward(values, [n, 3], { training: true }).output;
      } catch (err) {
        train = err.message;
      }
      return { train, evalOut: mod.forward(values, [n, 3], { training: false }).output };
    } finally {
      mod.delete();
    }
  };
  const bn = run({ op: 'batch_norm', dims: 1, num_features: 3 }, x, 4);
  const ln = run({ op: 'layer_norm', normalized_shape: [3] }, x, 4);
  const panel = (title) => g.locator(`tensor-editor[label="${title}"]`);
  assert.deepEqual(await readOutputs(panel('BatchNorm1d(3) · model.train()')), formatAll(bn.train));
  assert.deepEqual(
    await readOutputs(panel('BatchNorm1d(3) · model.eval()')),
    formatAll(bn.evalOut),
  );
  assert.deepEqual(await readOutputs(panel('LayerNorm(3) · model.train()')), formatAll(ln.train));
  assert.deepEqual(await readOutputs(panel('LayerNorm(3) · model.eval()')), formatAll(ln.evalOut));
  assert.equal(
    await g
      .locator('p.bn-verdict')
      .textContent()
      .then((t) => t.trim()),
    'BatchNorm: train and eval outputs differ.',
  );
  assert.equal(
    await g
      .locator('p.ln-verdict')
      .textContent()
      .then((t) => t.trim()),
    'LayerNorm: train and eval outputs are identical, bit for bit.',
  );
  assert.equal(
    await g.locator('.bn-buffers').textContent(),
    'running_mean (3), running_var (3), num_batches_tracked ()',
  );
  assert.equal(await g.locator('.ln-buffers').textContent(), 'none');

  const rows = g.getByLabel('Batch size N');
  await rows.fill('-2');
  await assert.doesNotReject(
    g.getByText('the batch size must be a whole number from 1 to 16').waitFor(),
  );
  assert.equal(await g.locator('input[aria-label^="x["]').count(), 12);
  await rows.fill('1');
  await assert.doesNotReject(
    g
      .getByText(
        'Expected more than 1 value per channel when training, got input size torch.Size([1, 3])',
      )
      .waitFor(),
  );
  const one = run({ op: 'layer_norm', normalized_shape: [3] }, x.slice(0, 3), 1);
  assert.deepEqual(await readOutputs(panel('LayerNorm(3) · model.train()')), formatAll(one.train));
  assert.equal(
    await g
      .locator('p.bn-verdict')
      .textContent()
      .then((t) => t.trim()),
    'BatchNorm refused this batch in training mode.',
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test('“Show as PyTorch” shows code that PyTorch runs to the engine’s numbers', async () => {
  const { context, page, problems } = await open();
  const s = stepper(page);
  await s.getByLabel('momentum', { exact: true }).fill('0.25');
  const block = s.locator('pytorch-code');
  await block.getByText('Show as PyTorch').click();
  await assert.doesNotReject(block.getByText('bn = nn.BatchNorm1d(3, momentum=0.25)').waitFor());
  const x = await readInputs(s.locator('tensor-editor[label="x"]'));
  const sample = await readInputs(s.locator('tensor-editor[label="sample"]'));
  const lines = runPython(await block.evaluate((el) => el.code));
  const bn = env.engine.norm({ op: 'batch_norm', dims: 1, num_features: 3, momentum: 0.25 });
  try {
    bn.forward(x, [4, 3], { training: true });
    const plan = bn.plan([4, 3]);
    const m = groupMoments(env.engine, x, plan.group, { groups: plan.statCount });
    assertClose(numbersIn(lines[0]), [...m.variance, ...m.unbiased], 'biased, unbiased var');
    const b = bn.buffers();
    assertClose(
      numbersIn(lines[1]),
      [...b.running_mean, ...b.running_var, b.num_batches_tracked],
      'buffers',
    );
    const y = bn.forward(sample, [1, 3], { training: false }).output;
    assertClose(numbersIn(lines[2]), y, 'eval output of the sample');
  } finally {
    bn.delete();
  }

  // the grid's code: BN's modes differ, LN's agree, and the buffers are listed
  const g = grid(page);
  const gridCode = await g.locator('pytorch-code').evaluate((el) => el.code);
  const out = runPython(gridCode);
  assert.equal(out[0], 'False True');
  assert.match(out[1], /^\[\('running_mean', tensor\(.*\)\] \[\]$/);
  assert.deepEqual(problems, []);
  await context.close();
});

/** The answer of the chapter's self-check from its text (either language), by the engine here. */
function answerOf(text) {
  const count = text.match(/processes (\d+) batches|处理了 (\d+) 个批次/);
  if (count) return Number(count[1] ?? count[2]);
  const momentum = Number(text.match(/momentum=([\d.]+)/)[1]);
  const column = text
    .match(/x = \[([^\]]*)\]/)[1]
    .split(',')
    .map(Number);
  const what = text.match(/(running_var|running_mean) (afterwards|是多少)/)[1];
  const bn = env.engine.norm({ op: 'batch_norm', dims: 1, num_features: 1, momentum });
  try {
    bn.forward(column, [column.length, 1], { training: true });
    return bn.buffers()[what][0];
  } finally {
    bn.delete();
  }
}

for (const [locale, heading] of [
  ['en-US', '6. Train vs eval: why BN differs and LN does not'],
  ['zh-CN', '6. 为什么 BN 训练和测试有区别，而 LN 没有'],
]) {
  test(`${locale}: the chapter, its widgets and the self-check answered right and wrong`, async () => {
    const { context, page, problems } = await open({ locale });
    await assert.doesNotReject(chapter(page).getByRole('heading', { name: heading }).waitFor());
    if (locale === 'zh-CN') {
      await assert.doesNotReject(stepper(page).getByRole('button', { name: '训练一步' }).waitFor());
      await assert.doesNotReject(
        grid(page).getByText('LayerNorm：训练和评估的输出完全相同（逐位一致）。').waitFor(),
      );
    }
    const check = chapter(page).locator('self-check');
    await answerSelfCheck(check, {
      locale,
      answers: (question) => {
        const answer = answerOf(question);
        return Number.isInteger(answer)
          ? { wrong: String(answer + 1), right: String(answer) }
          : { wrong: (answer + 0.05).toFixed(3), right: answer.toFixed(3) };
      },
    });
    await assertNoAxeViolations(page, 'section[data-chapter="train-eval"]');
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('on a phone the chapter fits the screen and its controls still work', async () => {
  const { context, page, problems } = await open(PHONE);
  const overflow = await sidewaysOverflow(page);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
  const s = stepper(page);
  await s.getByRole('button', { name: 'Train one step' }).tap();
  await s.getByText('Training steps: 1').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});
