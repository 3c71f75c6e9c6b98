// Each default experiment of the training lab (web/model/experiments.js) at a reduced size, on the
// Wasm training module: the direction its statement makes must hold on the numbers (never on
// timings). Also: a run frees every engine object, and its records are the same for the same seed.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadNodeTrainEngine } from '../../scripts/lib/node-engine.mjs';
import { readDigits } from '../../web/data/digits-node.mjs';
import { makeSequenceTask } from '../../web/data/sequences.js';
import { experiment } from '../../web/model/experiments.js';
import { trainingRun } from '../../web/model/training-run.js';
import { summarize } from '../../web/model/run-summary.js';

let engine;
let digits;
const sequenceTasks = new Map();

before(async () => {
  engine = await loadNodeTrainEngine();
  digits = readDigits();
});

function dataFor(config) {
  if (config.data === 'digits') return digits;
  const key = JSON.stringify(config.sequences ?? {});
  if (!sequenceTasks.has(key)) sequenceTasks.set(key, makeSequenceTask(config.sequences));
  return sequenceTasks.get(key);
}

function run(config, summaryOptions) {
  const records = [...trainingRun(engine, dataFor(config), config)];
  return { records, ...summarize(records, summaryOptions) };
}

const find = (e, label) => e.runs.find((r) => r.label === label).config;

test('(a) every norm brings the CNN training loss down faster than no norm', () => {
  const e = experiment('norms-speed');
  const { steps, norms } = e.test;
  const loss = {};
  for (const norm of norms) {
    const r = run({ ...find(e, norm), steps }, { marks: [steps] });
    loss[norm] = r.lossAt[steps];
  }
  for (const norm of norms.filter((n) => n !== 'none'))
    assert.ok(
      loss[norm] < 0.75 * loss.none,
      `loss@${steps}: ${norm} ${loss[norm]} vs none ${loss.none}`,
    );
});

test('(b) in the MLP BatchNorm degrades at batch 2 and GroupNorm does not; at 32 they are close', () => {
  const e = experiment('batch-size-sweep');
  const error = {};
  for (const batchSize of e.test.batchSizes)
    for (const norm of ['batch', 'group']) {
      const config = find(e, `${norm}@${batchSize}`);
      const steps = Math.round((e.test.epochs * 1437) / batchSize);
      error[`${norm}@${batchSize}`] = run({ ...config, steps, evalEvery: steps }).heldOutError;
    }
  const msg = JSON.stringify(error);
  assert.ok(error['batch@2'] > error['group@2'] + 0.05, msg);
  assert.ok(error['batch@2'] > error['batch@32'] + 0.05, msg);
  assert.ok(Math.abs(error['batch@32'] - error['group@32']) < 0.02, msg);
});

test('(c) at batch 2 momentum changes no training step, only the eval-mode error', () => {
  const e = experiment('bn-tiny-batch');
  const [low, high] = e.test.momenta.map((m) =>
    run({ ...find(e, `momentum ${m}`), steps: e.test.steps, evalEvery: e.test.steps }),
  );
  const losses = (r) => r.records.filter((x) => x.step > 0).map((x) => x.loss);
  assert.deepEqual(losses(high), losses(low), 'the same training losses');
  assert.equal(high.trainModeError, low.trainModeError);
  const msg = `held out: ${low.heldOutError} (low momentum) vs ${high.heldOutError} (high)`;
  assert.ok(high.heldOutError > low.heldOutError + 0.1, msg);
  assert.ok(high.trainEvalError > low.trainEvalError + 0.1, msg);
  // the batches of two themselves are classified worse in train mode than in eval mode
  assert.ok(
    low.trainModeError > low.trainEvalError + 0.1,
    `${low.trainModeError} vs ${low.trainEvalError}`,
  );
});

test('(d) on padded sequences BatchNorm does worse than LayerNorm, without padding it does not', () => {
  const e = experiment('padded-sequences');
  const error = {};
  for (const label of ['batch', 'layer', 'batch (no padding)', 'layer (no padding)'])
    error[label] = run({ ...find(e, label), steps: e.test.steps }).heldOutError;
  const msg = JSON.stringify(error);
  assert.ok(error.batch > error.layer + 0.015, msg);
  assert.ok(error['batch (no padding)'] <= error['layer (no padding)'] + 0.01, msg);
  assert.ok(error.batch > error['batch (no padding)'] + 0.02, msg);
});

test('(e) at the same weight_decay Adam + L2 shrinks the weights more than AdamW and errs more', () => {
  const e = experiment('adam-l2-vs-adamw');
  const [l2, adamw] = ['Adam + L2', 'AdamW'].map((label) =>
    run({ ...find(e, label), steps: e.test.steps }),
  );
  const msg = `weight norm ${l2.weightNorm} vs ${adamw.weightNorm}, error ${l2.heldOutError} vs ${adamw.heldOutError}`;
  assert.ok(l2.weightNorm < 0.8 * adamw.weightNorm, msg);
  assert.ok(l2.heldOutError > adamw.heldOutError, msg);
});

test('a run frees its network (also when stopped early) and repeats itself for the same seed', () => {
  const config = {
    ...experiment('norms-speed').runs[1].config,
    network: 'mlp',
    steps: 20,
    evalEvery: 5,
  };
  [...trainingRun(engine, digits, { ...config, steps: 1 })]; // Embind's first-use registries
  const before = engine.heapInUse();
  const a = [...trainingRun(engine, digits, config)];
  assert.equal(engine.heapInUse(), before);
  const b = trainingRun(engine, digits, config);
  const firstThree = [b.next().value, b.next().value, b.next().value];
  b.return();
  assert.equal(engine.heapInUse(), before);
  assert.deepEqual(firstThree, a.slice(0, 3));
  assert.equal(a.length, 21);
  assert.deepEqual(
    a.filter((r) => r.eval).map((r) => r.step),
    [0, 5, 10, 15, 20],
  );
});
