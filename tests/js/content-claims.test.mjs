// The numeric claims of the chapters' prose, held against the engine that computes the widgets'
// numbers: where a sentence states a number or a rule, the kernels must show it.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadNodeEngine } from '../../scripts/lib/node-engine.mjs';
import { runDeepStack } from '../../web/engine/deep-stack.js';
import { activation } from '../../web/engine/activation.js';
import { gaussianValues } from '../../web/widgets/shared/dynamics-kit.js';
import { slopeVerdict } from '../../web/widgets/affine-plot/model.js';
import { runModule } from '../../web/model/run-module.js';
import { CHAPTERS } from '../../web/chapters/index.js';

let engine;
before(async () => {
  engine = await loadNodeEngine();
});

/** A chapter's prose in one language as plain text (template parts and nested templates). */
function prose(id, lang) {
  const text = (v) =>
    v == null || typeof v !== 'object'
      ? typeof v === 'string' || typeof v === 'number'
        ? String(v)
        : ''
      : Array.isArray(v)
        ? v.map(text).join(' ')
        : v.strings
          ? v.strings.map((s, i) => s + (i < v.values.length ? text(v.values[i]) : '')).join('')
          : '';
  const chapter = CHAPTERS.find((c) => c.id === id);
  return text(chapter.render({ lang }))
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ');
}
const bothLanguages = (id, ...pieces) => {
  for (const lang of ['zh', 'en']) {
    const text = prose(id, lang);
    for (const piece of pieces) assert.ok(text.includes(piece), `${id} (${lang}) says ${piece}`);
  }
};
const round = (x, digits) => Number(x.toFixed(digits));

test('why normalize: with a norm every layer keeps std 1, about 0.63 after tanh and 0.58 after ReLU', () => {
  // the deep-stack widget's defaults: 12 layers of width 32, a batch of 32, seed 1
  const batch = 32;
  const width = 32;
  const x = gaussianValues(batch * width, 1 * 977 + 1, { mean: [0], variance: [1] });
  const stds = (norm, act, gain) =>
    runDeepStack(engine, x, {
      depth: 12,
      width,
      gain,
      seed: 1,
      norm,
      activation: act,
      bins: 24,
      range: 3,
      batch,
    })
      .layers.slice(1)
      .map((l) => l.std);
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  for (const norm of ['batch_norm', 'layer_norm']) {
    for (const gain of [0.5, 1.5, 3]) {
      for (const s of stds(norm, 'linear', gain)) assert.ok(Math.abs(s - 1) < 5e-3, `${norm} ${s}`);
      // "whatever g": the norm takes the gain out
      assert.deepEqual(
        stds(norm, 'tanh', gain).map((s) => round(s, 3)),
        stds(norm, 'tanh', 1).map((s) => round(s, 3)),
      );
    }
    assert.equal(round(mean(stds(norm, 'tanh', 1.5)), 2), norm === 'batch_norm' ? 0.64 : 0.63);
    for (const s of stds(norm, 'tanh', 1.5)) assert.ok(s > 0.6 && s < 0.66, `tanh ${s}`);
    assert.ok(Math.abs(mean(stds(norm, 'relu', 1.5)) - 0.58) < 0.015);
    for (const s of stds(norm, 'relu', 1.5)) assert.ok(s > 0.5 && s < 0.65, `relu ${s}`);
  }
  bothLanguages('why-normalize', '0.63', '0.58', '0.5', '0.65');
  assert.ok(!prose('why-normalize', 'zh').includes('每一层的标准差都保持在 1。'));
});

test('the formula: sigmoid is nearly straight on [−1, 1] (0.25 to 0.197), tanh is not (1 to 0.42)', () => {
  const at = [-1, 0, 1];
  const sigmoid = activation(engine, at, { fn: 'sigmoid' }).slope;
  const tanh = activation(engine, at, { fn: 'tanh' }).slope;
  assert.deepEqual(
    [round(sigmoid[1], 3), round(sigmoid[0], 3), round(sigmoid[2], 3)],
    [0.25, 0.197, 0.197],
  );
  assert.deepEqual([round(tanh[1], 2), round(tanh[0], 2), round(tanh[2], 2)], [1, 0.42, 0.42]);
  // the affine plot's own verdict on these values agrees with the prose
  assert.equal(slopeVerdict(Array.from(sigmoid), sigmoid[1]), 'linear');
  assert.equal(slopeVerdict(Array.from(tanh), tanh[1]), 'curved');
  bothLanguages('formula', '0.25', '0.197', '0.42', '√(Var[x] + ε)');
  for (const lang of ['zh', 'en']) {
    const text = prose('formula', lang);
    assert.ok(!/三分之二|two thirds/.test(text), 'no fraction in the band that assumes a shape');
    assert.ok(
      !/sigmoid 和 tanh\s*在这一段几乎是直线|sigmoid and tanh are almost straight/.test(text),
    );
  }
});

test('the formula: normalization fixes mean and variance, not the shape: a row of ±1 stays in [−1, 1]', () => {
  const r = runModule(engine, { op: 'layer_norm', normalized_shape: [4] }, [1, -1, 1, -1], [1, 4]);
  for (const y of r.output) assert.ok(Math.abs(y) <= 1 && Math.abs(y) > 0.999, String(y));
});

test('the formula: γ = √(Var[x] + ε), β = E[x] undo the normalization; for BN only on its own batch', () => {
  const eps = 1e-5;
  const x = [0.001, 0.002, 0.004, 0.003]; // a small variance, where ε is not negligible
  const mean = x.reduce((a, b) => a + b) / 4;
  const variance = x.reduce((a, v) => a + (v - mean) ** 2, 0) / 4;
  const ln = (gamma) =>
    runModule(engine, { op: 'layer_norm', normalized_shape: [4] }, x, [1, 4], {
      weight: new Float32Array(4).fill(gamma),
      bias: new Float32Array(4).fill(mean),
    }).output;
  for (const [i, y] of ln(Math.sqrt(variance + eps)).entries())
    assert.ok(Math.abs(y - x[i]) < 1e-6, `${y} vs ${x[i]}`);
  const withoutEps = ln(Math.sqrt(variance));
  assert.ok(Math.abs(withoutEps[0] - x[0]) > 1e-4, 'γ = √Var[x] alone does not undo it');
  // BatchNorm1d(1): γ, β from batch a undo batch a, not batch b
  const bn = (values, gamma, beta) =>
    runModule(engine, { op: 'batch_norm', dims: 1, num_features: 1 }, values, [4, 1], {
      weight: [gamma],
      bias: [beta],
    }).output;
  const a = [1, 2, 3, 6];
  const b = [0, 4, 4, 8];
  const ma = 3;
  const va = (4 + 1 + 0 + 9) / 4;
  bn(a, Math.sqrt(va + eps), ma).forEach((y, i) => assert.ok(Math.abs(y - a[i]) < 1e-5));
  assert.ok(bn(b, Math.sqrt(va + eps), ma).some((y, i) => Math.abs(y - b[i]) > 0.1));
});

test('IN has GroupNorm(C, C)’s statistics but not its parameters; LN(C) per position is not GN(1)', () => {
  const shape = [2, 3, 2, 2];
  const x = gaussianValues(24, 7, {});
  const gn = runModule(engine, { op: 'group_norm', num_groups: 3, num_channels: 3 }, x, shape);
  const inorm = runModule(engine, { op: 'instance_norm', dims: 2, num_features: 3 }, x, shape);
  assert.deepEqual(Array.from(gn.group), Array.from(inorm.group));
  assert.deepEqual(Array.from(gn.output), Array.from(inorm.output));
  const count = (r) => r.paramShapes.reduce((n, [, s]) => n + s.reduce((a, b) => a * b, 1), 0);
  assert.equal(count(gn), 2 * 3, 'GroupNorm: 2C parameters by default');
  assert.equal(count(inorm), 0, 'InstanceNorm: none by default');
  const gn1 = runModule(engine, { op: 'group_norm', num_groups: 1, num_channels: 3 }, x, shape);
  const lnChw = runModule(engine, { op: 'layer_norm', normalized_shape: [3, 2, 2] }, x, shape);
  assert.deepEqual(Array.from(gn1.group), Array.from(lnChw.group));
  // ViT/ConvNeXt style: channels last, LayerNorm(C) normalizes each position on its own
  const lnC = runModule(engine, { op: 'layer_norm', normalized_shape: [3] }, x, [2, 2, 2, 3]);
  assert.equal(gn1.statCount, 2);
  assert.equal(lnC.statCount, 8);
  bothLanguages('bn-vs-ln', 'LayerNorm(C)', '2C');
  bothLanguages('in-gn', 'GroupNorm(C, C)', '2C');
  for (const lang of ['zh', 'en'])
    assert.ok(!prose('in-gn', lang).includes('IN = GroupNorm(C, C)'), 'no "IN = GN(C, C)"');
});

test('SGD: L2 and weight decay coincide without momentum, differ with it', () => {
  const lr = 0.1;
  const wd = 0.5;
  const theta = [2, -1];
  const grads = [
    [0.3, -0.2],
    [0.1, 0.4],
    [-0.5, 0.2],
  ];
  const run = (args) => {
    const opt = engine.optimizer(theta, { op: 'sgd', args: { lr, weight_decay: wd, ...args } });
    try {
      return grads.map((g) => Array.from(opt.step(g)));
    } finally {
      opt.delete();
    }
  };
  // decoupled decay by hand: θ ← θ·(1 − γλ) − γ·b, b the momentum buffer of the raw gradients
  const decoupled = (momentum) => {
    let p = theta.slice();
    let buf = null;
    return grads.map((g) => {
      buf = buf ? buf.map((b, i) => momentum * b + g[i]) : g.slice();
      const step = momentum ? buf : g;
      p = p.map((v, i) => Math.fround(v * (1 - lr * wd) - lr * step[i]));
      return p;
    });
  };
  run({}).forEach((p, k) =>
    p.forEach((v, i) => assert.ok(Math.abs(v - decoupled(0)[k][i]) < 1e-6)),
  );
  const withMomentum = run({ momentum: 0.9 });
  assert.ok(
    Math.abs(withMomentum[2][0] - decoupled(0.9)[2][0]) > 1e-3,
    'with momentum λθ goes through the buffer',
  );
  bothLanguages('optimizers', 'SGDW');
});

test('train vs eval: batch 1 fails BatchNorm1d on (N, C) but BatchNorm2d trains on (1, C, 2, 2)', () => {
  assert.throws(
    () => runModule(engine, { op: 'batch_norm', dims: 1, num_features: 3 }, [1, 2, 3], [1, 3]),
    /Expected more than 1 value per channel when training/,
  );
  const r = runModule(
    engine,
    { op: 'batch_norm', dims: 2, num_features: 3 },
    gaussianValues(12, 3, {}),
    [1, 3, 2, 2],
  );
  assert.equal(r.statCount, 3);
  bothLanguages('train-eval', '(N, C)', 'BatchNorm2d', 'H·W > 1');
});
