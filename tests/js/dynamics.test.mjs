// Chapters 6-8 against the Wasm engine: the deep-stack demo (web/engine/deep-stack.js), the
// BatchNorm buffers the train/eval stepper draws, and the self-check generators' answers.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadNodeEngine } from '../../scripts/lib/node-engine.mjs';
import { DeepStackRunner, runDeepStack } from '../../web/engine/deep-stack.js';
import { groupMoments } from '../../web/engine/group-stats.js';
import {
  trainEvalQuestion,
  nlpQuestion,
  whyNormalizeQuestion,
} from '../../web/chapters/dynamics-questions.js';
import { makeRandom } from '../../web/model/answer.js';
import { gaussianValues, resizeRows } from '../../web/widgets/shared/dynamics-kit.js';

let engine;
before(async () => {
  engine = await loadNodeEngine();
});

const options = (over = {}) => ({
  depth: 10,
  width: 32,
  gain: 1,
  seed: 3,
  norm: 'none',
  activation: 'linear',
  bins: 20,
  range: 3,
  ...over,
});
const input = (batch, width, seed = 1) => gaussianValues(batch * width, seed, { decimals: 4 });

test('deep stack: one histogram, mean and std per layer, every value counted once', () => {
  const x = input(16, 32);
  const r = runDeepStack(engine, x, { ...options({ gain: 1.8 }), batch: 16 });
  assert.equal(r.layers.length, 11);
  assert.equal(r.bins, 20);
  for (const layer of r.layers) {
    assert.equal(layer.counts.length, 20);
    const total = layer.counts.reduce((a, b) => a + b, 0) + layer.under + layer.over + layer.nan;
    assert.equal(total, 16 * 32);
  }
  // layer 0 is the input itself
  const mean = x.reduce((a, b) => a + b, 0) / x.length;
  assert.ok(Math.abs(r.layers[0].mean - mean) < 1e-6);
  // gain 1.8 over 10 linear layers: about 1.8^10 ≈ 357 times the input's spread
  const growth = Math.log2(r.layers[10].std / r.layers[0].std);
  assert.ok(Math.abs(growth - 10 * Math.log2(1.8)) < 2, `growth 2^${growth}`);
  assert.ok(r.layers[10].under + r.layers[10].over > (16 * 32) / 2, 'most values left the range');
});

test('deep stack: BatchNorm and LayerNorm keep every layer at mean 0 and std 1', () => {
  const x = input(24, 32, 2);
  for (const norm of ['batch_norm', 'layer_norm']) {
    for (const gain of [0.3, 3]) {
      const r = runDeepStack(engine, x, { ...options({ norm, gain, depth: 15 }), batch: 24 });
      for (const layer of r.layers.slice(1)) {
        assert.ok(Math.abs(layer.mean) < 1e-5, `${norm} mean ${layer.mean}`);
        assert.ok(Math.abs(layer.std - 1) < 1e-3, `${norm} std ${layer.std}`);
      }
    }
  }
});

test('deep stack: a kept runner gives what a fresh one gives, whatever changed in between', () => {
  const x = input(8, 16, 3);
  const x32 = input(8, 32, 3);
  const runner = new DeepStackRunner(engine);
  try {
    const sequence = [
      [options({ width: 16, depth: 5 }), x],
      [options({ width: 16, depth: 12 }), x], // deeper: more layers drawn
      [options({ width: 16, depth: 3, gain: 2 }), x], // shallower, another gain: same weights
      [options({ width: 16, depth: 5, seed: 4 }), x], // another seed: drawn again
      [options({ width: 32, depth: 5, seed: 4, norm: 'layer_norm' }), x32], // another width
      [options({ width: 16, depth: 5 }), x], // back to the first
    ];
    for (const [opts, values] of sequence) {
      const kept = runner.run(values, { ...opts, batch: 8 });
      const fresh = runDeepStack(engine, values, { ...opts, batch: 8 });
      assert.deepEqual(kept, fresh, JSON.stringify(opts));
    }
    // the seed matters, the norm does not change the weights (same std at the input)
    const a = runner.run(input(8, 32), { ...options({ seed: 1 }), batch: 8 });
    const b = runner.run(input(8, 32), { ...options({ seed: 2 }), batch: 8 });
    assert.notEqual(a.layers[5].std, b.layers[5].std);
  } finally {
    runner.delete();
  }
  assert.throws(() => runner.run(input(8, 32), { ...options(), batch: 8 }), /was deleted/);
});

test('deep stack: tanh stays within ±1, ReLU has no negative values', () => {
  const x = input(16, 32, 4);
  const tanh = runDeepStack(engine, x, {
    ...options({ activation: 'tanh', gain: 3, range: 1 }),
    batch: 16,
  });
  for (const layer of tanh.layers.slice(1)) assert.equal(layer.under + layer.over, 0);
  // gain 3 saturates: the outermost bins hold most values by the last layer
  const last = tanh.layers.at(-1).counts;
  assert.ok(last[0] + last[19] > (16 * 32) / 2);
  const relu = runDeepStack(engine, x, { ...options({ activation: 'relu' }), batch: 16 });
  for (const layer of relu.layers.slice(1)) {
    assert.equal(layer.under, 0);
    assert.equal(
      layer.counts.slice(0, 10).reduce((a, b) => a + b, 0),
      0,
    );
  }
});

test('deep stack: BatchNorm with a batch of one fails with PyTorch’s message; the runner goes on', () => {
  const runner = new DeepStackRunner(engine);
  try {
    assert.throws(
      () => runner.run(input(1, 32), { ...options({ norm: 'batch_norm' }), batch: 1 }),
      {
        name: 'NormLabError',
        message:
          'Expected more than 1 value per channel when training, got input size torch.Size([1, 32])',
      },
    );
    const ln = runner.run(input(1, 32), { ...options({ norm: 'layer_norm' }), batch: 1 });
    assert.ok(Math.abs(ln.layers[10].std - 1) < 1e-3, 'LayerNorm is fine with one sample');
  } finally {
    runner.delete();
  }
});

test('deep stack: bad options are refused with a message, not an abort', () => {
  const x = input(4, 32);
  // options that are no object go as they are: the wrapper must refuse them itself
  const withBatch = (opts, batch) =>
    opts !== null && typeof opts === 'object' ? { ...opts, batch } : opts;
  const refuse = (opts, message, batch = 4, values = x) =>
    assert.throws(() => runDeepStack(engine, values, withBatch(opts, batch)), {
      name: 'NormLabError',
      message,
    });
  refuse(options({ depth: 0 }), 'depth must be at least 1, got 0');
  refuse(options({ depth: 'ten' }), 'depth must be a number');
  refuse(options({ depth: 2.5 }), 'depth must be an integer');
  refuse(options({ gain: -1 }), 'gain must be a finite number >= 0, got -1.0');
  refuse(options({ gain: Infinity }), 'gain must be a finite number >= 0, got inf');
  refuse(options({ range: 0 }), 'range must be a finite number > 0, got 0.0');
  refuse(
    options({ norm: 'group_norm' }),
    'norm must be none, batch_norm or layer_norm, got group_norm',
  );
  refuse(options({ activation: 'gelu' }), 'activation must be linear, tanh or relu, got gelu');
  refuse(options({ seed: -1 }), 'seed must be an integer in 0..4294967295');
  refuse(
    options({ depth: 60, width: 512 }),
    'the stack is too large: depth x width x width must be at most 4194304',
    4,
    new Float32Array(4 * 512),
  );
  refuse(options(), 'the input has 128 values but batch 5 × width 32 needs 160', 5);
  refuse(null, 'deep stack options must be an object');
  refuse(7, 'deep stack options must be an object');
  // and it still works
  assert.equal(runDeepStack(engine, x, { ...options(), batch: 4 }).layers.length, 11);
});

test('deep stack: many runs leave the heap where it was', () => {
  const x = input(8, 32);
  runDeepStack(engine, x, { ...options(), batch: 8 }); // first use may grow the heap once
  const heap = engine.wasm.HEAPU8.length;
  for (let i = 0; i < 300; i++) {
    runDeepStack(engine, x, {
      ...options({ seed: i, norm: ['none', 'batch_norm', 'layer_norm'][i % 3] }),
      batch: 8,
    });
    try {
      runDeepStack(engine, input(1, 32), { ...options({ norm: 'batch_norm' }), batch: 1 });
    } catch {
      // refused, as it should be: nothing may leak either way
    }
  }
  assert.equal(engine.wasm.HEAPU8.length, heap);
});

test('the stepper’s numbers: running_var takes the unbiased variance, normalization the biased', () => {
  // what <bn-stepper> shows after one step: buffers from the module, both variances from the
  // engine's per-group moments over the module's plan
  const x = [1, 2, 3, 3, 4, 9, 5, 0, 0]; // (3, 3)
  const bn = engine.norm({ op: 'batch_norm', dims: 1, num_features: 3 });
  try {
    const before = bn.buffers();
    assert.deepEqual(Array.from(before.running_mean), [0, 0, 0]);
    assert.deepEqual(Array.from(before.running_var), [1, 1, 1]);
    assert.equal(before.num_batches_tracked, 0);
    const r = bn.forward(x, [3, 3], { training: true });
    const plan = bn.plan([3, 3]);
    const m = groupMoments(engine, x, plan.group, { groups: plan.statCount });
    assert.deepEqual(Array.from(m.mean), [3, 2, 4]);
    assert.deepEqual(Array.from(m.unbiased), [4, 4, 21]);
    assert.deepEqual(
      Array.from(m.variance, (v) => +v.toFixed(6)),
      [2.666667, 2.666667, 14],
    );
    const after = bn.buffers();
    // PyTorch 1.13: running_mean [0.3, 0.2, 0.4], running_var [1.3, 1.3, 3.0]
    after.running_mean.forEach((v, c) => assert.ok(Math.abs(v - 0.1 * m.mean[c]) < 1e-6));
    after.running_var.forEach((v, c) =>
      assert.ok(Math.abs(v - (0.9 + 0.1 * m.unbiased[c])) < 1e-6),
    );
    assert.equal(after.num_batches_tracked, 1);
    // the batch was normalized with the biased variance
    const rstd = 1 / Math.sqrt(m.variance[2] + 1e-5);
    assert.ok(Math.abs(r.output[2] - (3 - 4) * rstd) < 1e-5);
    // eval: one sample alone, normalized with the running statistics
    const y = bn.forward([0.3, 0.2, 3.4], [1, 3], { training: false }).output;
    assert.ok(Math.abs(y[2] - (3.4 - 0.4) / Math.sqrt(3 + 1e-5)) < 1e-5);
    assert.equal(bn.buffers().num_batches_tracked, 1, 'eval changes no buffer');
    // and in training one sample is refused
    assert.throws(() => bn.forward([1, 2, 3], [1, 3], { training: true }), {
      message:
        'Expected more than 1 value per channel when training, got input size torch.Size([1, 3])',
    });
    // momentum carried to a new module, as `bn.momentum = 0.5` would: buffers go along
    const next = engine.norm({ op: 'batch_norm', dims: 1, num_features: 3, momentum: 0.5 });
    next.setBuffers(bn.buffers());
    assert.deepEqual(next.buffers(), bn.buffers());
    next.forward(x, [3, 3], { training: true });
    assert.ok(Math.abs(next.buffers().running_var[2] - (0.5 * 3 + 0.5 * 21)) < 1e-5);
    assert.equal(next.buffers().num_batches_tracked, 2);
    next.delete();
  } finally {
    bn.delete();
  }
});

test('train/eval grid: LayerNorm’s train and eval outputs are identical, BatchNorm’s are not', () => {
  const x = gaussianValues(12, 7);
  const run = (opts) => {
    const mod = engine.norm(opts);
    try {
      const train = mod.forward(x, [4, 3], { training: true }).output;
      const evalOut = mod.forward(x, [4, 3], { training: false }).output;
      return { train, evalOut, buffers: mod.bufferShapes() };
    } finally {
      mod.delete();
    }
  };
  const ln = run({ op: 'layer_norm', normalized_shape: [3] });
  assert.deepEqual(ln.train, ln.evalOut);
  assert.deepEqual(ln.buffers, []);
  const bn = run({ op: 'batch_norm', dims: 1, num_features: 3 });
  assert.notDeepEqual(bn.train, bn.evalOut);
  assert.deepEqual(
    bn.buffers.map(([name]) => name),
    ['running_mean', 'running_var', 'num_batches_tracked'],
  );
  // track_running_stats=False: no buffers, and eval uses batch statistics like training
  const free = run({ op: 'batch_norm', dims: 1, num_features: 3, track_running_stats: false });
  assert.deepEqual(free.train, free.evalOut);
  assert.deepEqual(free.buffers, []);
});

test('padding: BatchNorm’s per-feature statistics move with the padding, LayerNorm’s per-token ones do not', () => {
  const H = 4;
  const tokens = gaussianValues(5 * H, 11, { mean: [1.5, -1, 0.8, 2] });
  // sentences of lengths 3 and 2, padded to 4 with zeros
  const padded = new Float32Array(2 * 4 * H);
  padded.set(tokens.subarray(0, 3 * H), 0);
  padded.set(tokens.subarray(3 * H), 4 * H);
  const real = [0, 1, 2, 4, 5];
  const stats = (opts, x, shape) => {
    const mod = engine.norm(opts);
    try {
      const plan = mod.plan(shape);
      return groupMoments(engine, x, plan.group, { groups: plan.statCount });
    } finally {
      mod.delete();
    }
  };
  const bn = { op: 'batch_norm', dims: 1, num_features: H };
  const ln = { op: 'layer_norm', normalized_shape: [H] };
  const bnPad = stats(bn, padded, [8, H]);
  const bnReal = stats(bn, tokens, [5, H]);
  for (let j = 0; j < H; j++) assert.notEqual(bnPad.mean[j], bnReal.mean[j]);
  // with 3 zero rows among 8, each padded mean is 5/8 of the real one
  for (let j = 0; j < H; j++) assert.ok(Math.abs(bnPad.mean[j] - (5 / 8) * bnReal.mean[j]) < 1e-6);
  const lnPad = stats(ln, padded, [2, 4, H]);
  const lnReal = stats(ln, tokens, [5, H]);
  real.forEach((row, i) => {
    assert.equal(lnPad.mean[row], lnReal.mean[i]);
    assert.equal(lnPad.variance[row], lnReal.variance[i]);
  });
  assert.equal(lnPad.variance[3], 0, 'a padding row is constant: variance exactly 0');
});

test('self-check, chapter 6: the engine’s buffers answer every kind of question', () => {
  const kinds = new Set();
  for (let seed = 1; seed <= 60; seed++) {
    const q = trainEvalQuestion(engine, makeRandom(seed));
    const { kind, column, momentum } = q.given;
    kinds.add(kind);
    assert.ok(q.question.zh && q.question.en && q.explain.zh && q.explain.en);
    const n = column.length;
    const mean = column.reduce((a, b) => a + b, 0) / n;
    const unbiased = column.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1);
    const want = {
      running_var: (1 - momentum) * 1 + momentum * unbiased,
      running_mean: momentum * mean,
      count: q.given.trainSteps,
    }[kind];
    if (kind === 'count') {
      assert.equal(q.answer, want);
      assert.equal(q.unit, 'count');
    } else {
      assert.equal(q.unit, 'number');
      assert.ok(Math.abs(q.answer - want) < 1e-5, `${kind}: ${q.answer} vs ${want}`);
      // three decimals, as the question asks, are accepted; the biased variance is not
      assert.ok(Math.abs(Math.round(q.answer * 1000) / 1000 - q.answer) <= q.tolerance);
      if (kind === 'running_var') {
        const biased = ((n - 1) / n) * unbiased;
        const wrong = 1 - momentum + momentum * biased;
        assert.ok(Math.abs(wrong - q.answer) > q.tolerance, `seed ${seed}: biased would pass`);
      }
    }
  }
  assert.deepEqual([...kinds].sort(), ['count', 'running_mean', 'running_var']);
});

test('self-check, chapter 7: counts from the statistics plans of a padded batch', () => {
  const kinds = new Set();
  for (let seed = 1; seed <= 40; seed++) {
    const q = nlpQuestion(engine, makeRandom(seed));
    const { kind, B, T, H } = q.given;
    kinds.add(kind);
    assert.equal(q.answer, { ln: B * T, bn: H, 'bn-size': B * T }[kind], `seed ${seed} ${kind}`);
    assert.equal(q.unit, 'count');
    assert.match(q.question.en, new RegExp(`\\(${B}, ${T}, ${H}\\)`));
  }
  assert.deepEqual([...kinds].sort(), ['bn', 'bn-size', 'ln']);
});

test('self-check, chapter 8: statistics and buffers of a stack of norms', () => {
  const kinds = new Set();
  for (let seed = 1; seed <= 40; seed++) {
    const q = whyNormalizeQuestion(engine, makeRandom(seed));
    const { kind, L, N, W } = q.given;
    kinds.add(kind);
    assert.equal(q.answer, { ln: L * N, bn: L * W, buffers: L * W }[kind], `seed ${seed} ${kind}`);
  }
  assert.deepEqual([...kinds].sort(), ['bn', 'buffers', 'ln']);
});

test('input helpers: seeded batches repeat, resizing keeps what fits', () => {
  assert.deepEqual(gaussianValues(6, 9), gaussianValues(6, 9));
  assert.notDeepEqual(gaussianValues(6, 9), gaussianValues(6, 10));
  const wide = gaussianValues(4000, 5, { mean: [10, -10], variance: [1, 4] });
  const col = (c) => wide.filter((_, i) => i % 2 === c);
  const avg = (v) => v.reduce((a, b) => a + b, 0) / v.length;
  assert.ok(Math.abs(avg(col(0)) - 10) < 0.1 && Math.abs(avg(col(1)) + 10) < 0.2);
  const old = Float32Array.from([1, 2, 3, 4, 5, 6]); // (3, 2)
  const fill = new Float32Array(12).fill(9);
  assert.deepEqual(
    Array.from(resizeRows(old, 2, 4, 3, fill)),
    [1, 2, 9, 3, 4, 9, 5, 6, 9, 9, 9, 9],
  );
  assert.deepEqual(Array.from(resizeRows(old, 2, 2, 1, fill)), [1, 3]);
});
