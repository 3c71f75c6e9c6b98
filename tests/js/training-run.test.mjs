// The training lab's data and run machinery, without a browser: the digits file and its split,
// the padded sequence task, config checks, and the sliced session (pause, step, reset, cancel)
// freeing every engine object.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadNodeTrainEngine } from '../../scripts/lib/node-engine.mjs';
import { readDigits } from '../../web/data/digits-node.mjs';
import { parseDigits } from '../../web/data/digits.js';
import { makeSequenceTask } from '../../web/data/sequences.js';
import { IGNORE, checkConfig, networkLayers, trainingRun } from '../../web/model/training-run.js';
import { TrainingSession } from '../../web/model/training-session.js';

let engine;
let digits;
before(async () => {
  engine = await loadNodeTrainEngine();
  digits = readDigits();
});

test('the digits file: 1,437 train and 360 held-out images (36 per class), pixels / 16', () => {
  const { train, heldOut } = digits;
  assert.equal(train.count, 1437);
  assert.equal(heldOut.count, 360);
  assert.deepEqual(train.shape, [1437, 1, 8, 8]);
  assert.equal(train.images.length, 1437 * 64);
  for (let c = 0; c < 10; c++) assert.equal(heldOut.labels.filter((l) => l === c).length, 36);
  const all = [...train.sourceIndex, ...heldOut.sourceIndex].sort((a, b) => a - b);
  assert.deepEqual(
    all,
    Array.from({ length: 1797 }, (_, i) => i),
    'every image once',
  );
  const values = new Set([...train.images, ...heldOut.images].map((v) => v * 16));
  assert.equal(Math.max(...values), 16);
  for (const v of values) assert.ok(Number.isInteger(v) && v >= 0 && v <= 16);
  assert.throws(() => parseDigits(new Uint8Array(20)), /magic "NLD8"/);
});

test('the sequence task: seeded, padded with zero rows whose targets are ignored', () => {
  const a = makeSequenceTask({ trainCount: 50, heldOutCount: 10 });
  const b = makeSequenceTask({ trainCount: 50, heldOutCount: 10 });
  assert.deepEqual(a.train.inputs, b.train.inputs);
  const { train } = a;
  const L = train.rowsPerSample;
  let padding = 0;
  for (let s = 0; s < train.count; s++)
    for (let t = 0; t < L; t++) {
      const target = train.targets[s * L + t];
      const row = train.inputs.subarray((s * L + t) * 16, (s * L + t + 1) * 16);
      if (t < train.lengths[s]) assert.ok(target >= 0 && target < 4);
      else {
        padding++;
        assert.equal(target, IGNORE);
        assert.ok(row.every((v) => v === 0));
      }
    }
  assert.ok(padding / (train.count * L) > 0.3, 'a third or more of the rows are padding');
});

test('configs are checked with clear messages', () => {
  assert.throws(() => checkConfig({ batchSize: 0 }), /batch size must be a whole number from 1/);
  assert.throws(() => checkConfig({ optimizer: { op: 'adam', lr: NaN } }), /learning rate/);
  assert.throws(() => checkConfig({ steps: 1e9 }), /steps must be/);
  assert.throws(() => checkConfig({ norm: 'weight' }), /unknown norm weight/);
  assert.throws(() => networkLayers({ norm: 'group', groups: 5 }, [1, 8, 8], 10), /16 channels/);
  const layers = networkLayers({ norm: 'group', groups: 4 }, [1, 8, 8], 10);
  assert.deepEqual(
    layers.map((l) => l.type),
    [
      'conv2d',
      'group_norm',
      'relu',
      'conv2d',
      'group_norm',
      'relu',
      'avg_pool2d',
      'flatten',
      'linear',
    ],
  );
  assert.equal(layers.at(-1).in_features, 512);
});

test('a session runs in slices, pauses, steps, resets and cancels, freeing its network', async () => {
  // the first network ever made leaves Embind's registries a few hundred bytes larger, for good
  [...trainingRun(engine, digits, { network: 'mlp', steps: 1, evalEvery: 1 })];
  const before = engine.heapInUse();
  const messages = [];
  const queue = [];
  const session = new TrainingSession({
    loadEngine: async () => engine,
    loadData: async () => digits,
    emit: (m) => messages.push(m),
    schedule: (f) => queue.push(f), // slices run only when the test says so
  });
  const config = { network: 'mlp', norm: 'batch', batchSize: 8, steps: 12, evalEvery: 4 };
  const drain = () => {
    while (queue.length) queue.shift()();
  };
  await session.start(config, { paused: true });
  drain();
  assert.deepEqual(
    messages.map((m) => m.type),
    ['started', 'records'],
  );
  assert.equal(session.step, 0, 'paused at step 0');
  session.stepBy(3);
  drain();
  assert.equal(session.step, 3);
  session.resume();
  assert.equal(queue.length, 1);
  session.pause();
  drain(); // a slice scheduled before the pause does nothing
  assert.equal(session.step, 3);
  await session.reset();
  drain();
  assert.equal(session.step, 0);
  session.resume();
  drain();
  const done = messages.at(-1);
  assert.equal(done.type, 'done');
  assert.equal(done.step, 12);
  assert.equal(done.heapInUse, before);
  const afterReset = messages.slice(messages.findIndex((m) => m.type === 'reset'));
  const steps = afterReset
    .filter((m) => m.type === 'records')
    .flatMap((m) => m.records.map((r) => r.step));
  assert.deepEqual(
    steps,
    Array.from({ length: 13 }, (_, i) => i),
  );
  const full = [...trainingRun(engine, digits, config)];
  const losses = afterReset
    .filter((m) => m.type === 'records')
    .flatMap((m) => m.records.map((r) => r.loss));
  assert.deepEqual(
    losses,
    full.map((r) => r.loss),
    'sliced or straight through, the same run',
  );
  await session.start(config);
  session.cancel();
  drain();
  assert.equal(messages.at(-1).type, 'cancelled');
  assert.equal(engine.heapInUse(), before);
  await session.start({ ...config, batchSize: 0 });
  assert.equal(messages.at(-1).type, 'error');
});
