// The engine functions behind chapters 1, 3, 4 and 5: the activation curve and the per-group
// statistics, through the Wasm module.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadNodeEngine } from '../../scripts/lib/node-engine.mjs';
import { activation } from '../../web/engine/activation.js';
import { groupMoments } from '../../web/engine/group-stats.js';

let engine;
before(async () => {
  engine = await loadNodeEngine();
});

const near = (got, want, tol, what) =>
  assert.ok(Math.abs(got - want) <= tol, `${what}: ${got} is not within ${tol} of ${want}`);

test('sigmoid and tanh of γ·x + β match PyTorch', () => {
  // torch.sigmoid / torch.tanh of x * 2 - 0.5 in float32, and their gradients
  const x = [-3, -0.5, 0, 1, 100];
  const s = activation(engine, x, { fn: 'sigmoid', gamma: 2, beta: -0.5 });
  const t = activation(engine, x, { fn: 'tanh', gamma: 2, beta: -0.5 });
  const sig = [
    0.0015011822106316686, 0.18242552876472473, 0.3775406777858734, 0.8175744414329529, 1,
  ];
  const sigGrad = [
    0.0014989286428317428, 0.14914646744728088, 0.23500370979309082, 0.14914646744728088, 0,
  ];
  const tanh = [
    -0.9999954700469971, -0.9051482677459717, -0.46211716532707214, 0.9051482677459717, 1,
  ];
  const tanhGrad = [
    9.059885087481234e-6, 0.18070662021636963, 0.7864477038383484, 0.18070662021636963, 0,
  ];
  x.forEach((_, i) => {
    near(s.y[i], sig[i], 1e-7, `sigmoid ${i}`);
    near(s.slope[i], sigGrad[i], 1e-7, `sigmoid' ${i}`);
    near(t.y[i], tanh[i], 1e-7, `tanh ${i}`);
    near(t.slope[i], tanhGrad[i], 2e-7, `tanh' ${i}`);
  });
  assert.ok(s.y instanceof Float32Array);
});

test('an unknown activation is refused with a message and the engine keeps working', () => {
  assert.throws(() => activation(engine, [1, 2], { fn: 'relu' }), {
    name: 'NormLabError',
    message: 'unknown activation: relu (expected sigmoid or tanh)',
  });
  assert.equal(activation(engine, [0], { fn: 'sigmoid' }).y[0], 0.5);
  assert.deepEqual(Array.from(activation(engine, [], { fn: 'tanh' }).y), []);
});

test('group moments: count, mean, biased and unbiased variance per group', () => {
  // (N=2, C=2, S=2) under BatchNorm: channel c owns n*4 + c*2 + s
  const x = [1, 2, 10, 10, 3, 4, 10, 10];
  const group = [0, 0, 1, 1, 0, 0, 1, 1];
  const r = groupMoments(engine, x, group, { groups: 2 });
  assert.deepEqual(Array.from(r.count), [4, 4]);
  assert.deepEqual(Array.from(r.mean), [2.5, 10]);
  assert.deepEqual(Array.from(r.variance), [1.25, 0]);
  near(r.unbiased[0], 5 / 3, 1e-15, 'unbiased');
  assert.equal(r.unbiased[1], 0);
});

test('group moments refuse ids outside the groups, and a single element has no unbiased variance', () => {
  assert.throws(() => groupMoments(engine, [1, 2], [0, 3], { groups: 2 }), {
    name: 'NormLabError',
    message: 'group_moments: element 1 has group id 3, outside [0, 2)',
  });
  assert.throws(() => groupMoments(engine, [1, 2], [0], { groups: 1 }), /one per value/);
  const r = groupMoments(engine, [7], [0], { groups: 1 });
  assert.equal(r.variance[0], 0);
  assert.ok(Number.isNaN(r.unbiased[0]));
});

test('the statistics agree with LayerNorm’s own mean and rstd', () => {
  const ln = engine.norm({ op: 'layer_norm', normalized_shape: [4] });
  try {
    const x = [0.3, -1.2, 2.2, 0.9, 5, 5, 5, 5, 1e4, 1e4 + 0.01, 1e4 - 0.02, 1e4];
    const r = ln.forward(x, [3, 4]);
    const plan = ln.plan([3, 4]);
    const m = groupMoments(engine, Float32Array.from(x), plan.group, { groups: plan.statCount });
    for (let i = 0; i < 3; i++) {
      near(m.mean[i], r.mean[i], 1e-6 * Math.abs(r.mean[i]) + 1e-9, `mean ${i}`);
      const rstd = 1 / Math.sqrt(m.variance[i] + 1e-5);
      near(rstd, r.rstd[i], 1e-5 * rstd, `rstd ${i}`);
    }
    assert.equal(m.variance[1], 0, 'a constant row has variance exactly 0');
  } finally {
    ln.delete();
  }
});

test('repeated calls leave the heap where it was', () => {
  const heap = () => engine.wasm.HEAPU8.length;
  const before = heap();
  const x = new Float32Array(4096).map((_, i) => Math.sin(i));
  const group = new Int32Array(4096).map((_, i) => i % 64);
  for (let i = 0; i < 500; i++) {
    activation(engine, x, { fn: 'tanh', gamma: 1.5, beta: 0.2 });
    groupMoments(engine, x, group, { groups: 64 });
  }
  assert.equal(heap(), before);
});
