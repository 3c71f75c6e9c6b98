// The optimizers, loss surfaces and memory accounting through the Wasm engine (their golden
// cases: golden.test.mjs): PyTorch's messages for refused arguments, the state API,
// trajectories, and the memory calculator's numbers.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadNodeEngine } from '../../scripts/lib/node-engine.mjs';
import { SURFACE_LABELS } from '../../web/model/surface-labels.js';

let engine;
before(async () => {
  engine = await loadNodeEngine();
});

test('refused arguments throw PyTorch’s message and the engine keeps working', () => {
  const refused = [
    ['adam', { lr: -1 }, 'Invalid learning rate: -1.0'],
    ['adam', { betas: [1.0, 0.999] }, 'Invalid beta parameter at index 0: 1.0'],
    ['adamw', { eps: -1e-8 }, 'Invalid epsilon value: -1e-08'],
    [
      'sgd',
      { lr: 0.1, nesterov: true },
      'Nesterov momentum requires a momentum and zero dampening',
    ],
    ['sgd', {}, "parameter group didn't specify a value of required optimization parameter lr"],
    ['sgd', { lr: 0.1, momentum: -0.5 }, 'Invalid momentum value: -0.5'],
    ['adagrad', { lr_decay: -1 }, 'Invalid lr_decay value: -1.0'],
    ['rmsprop', { alpha: -1 }, 'Invalid alpha value: -1.0'],
    ['adam', { momentum: 0.9 }, "Adam.__init__() got an unexpected keyword argument 'momentum'"],
    [
      'rmsprop',
      { amsgrad: true },
      "RMSprop.__init__() got an unexpected keyword argument 'amsgrad'",
    ],
    ['adam', { lr: NaN }, 'Invalid learning rate: nan'],
  ];
  for (const [op, args, message] of refused) {
    assert.throws(() => engine.optimizer([1, 2, 3], { op, args }), {
      name: 'NormLabError',
      message,
    });
  }
  assert.throws(
    () => engine.optimizer([1], { op: 'adam', args: { betas: 0.9 } }),
    /betas must be a pair/,
  );
  assert.throws(
    () => engine.optimizer([1], { op: 'adam', args: { lr: '0.1' } }),
    /lr must be a number/,
  );
  assert.throws(
    () => engine.optimizer([1], { op: 'sgd', args: { lr: 1, nesterov: 1 } }),
    /true or false/,
  );
  assert.throws(() => engine.optimizer([1], { op: 'lamb', args: {} }), /unknown optimizer: lamb/);
  // absent keys and undefined values take PyTorch's defaults
  const opt = engine.optimizer([1, 2], { op: 'adam', args: { lr: undefined } });
  const p = opt.step([1, -1]);
  assert.ok(Math.abs(p[0] - (1 - 1e-3)) < 1e-6 && Math.abs(p[1] - (2 + 1e-3)) < 1e-6);
  opt.delete();
});

test('step(), param, steps and state() follow torch.optim', () => {
  const opt = engine.optimizer(Float32Array.from([1, 2, 3]), {
    op: 'adam',
    args: { lr: 0.1, amsgrad: true },
  });
  assert.deepEqual(opt.state(), {}, 'no state before the first step');
  assert.equal(opt.steps, 0);
  const after = opt.step([0.5, -0.5, 0]);
  assert.ok(after instanceof Float32Array);
  assert.deepEqual(Array.from(opt.param), Array.from(after));
  assert.ok(Math.abs(after[0] - 0.9) < 1e-6 && Math.abs(after[1] - 2.1) < 1e-6);
  assert.equal(after[2], 3, 'a zero gradient leaves its element where it was');
  assert.equal(opt.steps, 1);
  const state = opt.state();
  assert.deepEqual(Object.keys(state), ['exp_avg', 'exp_avg_sq', 'max_exp_avg_sq']);
  assert.ok(Math.abs(state.exp_avg[0] - 0.05) < 1e-7);
  assert.ok(Math.abs(state.exp_avg_sq[1] - 0.00025) < 1e-9);
  assert.throws(() => opt.step([1, 2]), /the gradient has 2 values but the parameter has 3/);
  opt.delete();
  assert.throws(() => opt.step([1, 2, 3]), /the optimizer was deleted/);

  // Adagrad's constructor creates its sum; SGD without momentum keeps nothing
  const ada = engine.optimizer([1, 1], { op: 'adagrad', args: { initial_accumulator_value: 0.5 } });
  assert.deepEqual(Array.from(ada.state().sum), [0.5, 0.5]);
  ada.delete();
  const sgd = engine.optimizer([1], {
    op: 'sgd',
    args: { lr: 0.5, momentum: 0.9, dampening: 0.5 },
  });
  sgd.step([2]);
  assert.deepEqual(Array.from(sgd.state().momentum_buffer), [2], 'first buffer = gradient');
  assert.deepEqual(Array.from(sgd.param), [0]);
  sgd.delete();
});

test('memory: Adam in fp32 is 4x the parameters, SGD 2x or 3x, mixed precision 16 bytes', () => {
  const n = 1e9;
  const adam = engine.optimizerMemory({ params: n, precision: 'fp32', op: 'adam' });
  assert.deepEqual(adam, {
    parameters: 4 * n,
    gradients: 4 * n,
    state: { exp_avg: 4 * n, exp_avg_sq: 4 * n },
    total: 16 * n,
  });
  assert.equal(engine.optimizerMemory({ params: n, op: 'sgd', args: {} }).total, 8 * n);
  const momentum = engine.optimizerMemory({ params: n, op: 'sgd', args: { momentum: 0.9 } });
  assert.equal(momentum.total, 12 * n);
  assert.deepEqual(Object.keys(momentum.state), ['momentum_buffer']);
  for (const precision of ['fp16-mixed', 'bf16-mixed']) {
    const m = engine.optimizerMemory({ params: n, precision, op: 'adamw' });
    assert.equal(m.parameters, 2 * n);
    assert.equal(m.gradients, 2 * n);
    assert.equal(m.master_weights, 4 * n);
    assert.equal(m.total, 16 * n);
  }
  const rms = engine.optimizerMemory({
    params: 10,
    op: 'rmsprop',
    args: { momentum: 0.9, centered: true },
  });
  assert.deepEqual(rms.state, { square_avg: 40, momentum_buffer: 40, grad_avg: 40 });
  assert.throws(() => engine.optimizerMemory({ params: 10, precision: 'fp8', op: 'adam' }), {
    name: 'NormLabError',
    message: /unknown precision: fp8/,
  });
  assert.throws(() => engine.optimizerMemory({ params: 1.5, op: 'adam' }), /whole number/);
  assert.throws(() => engine.optimizerMemory({ params: 10, op: 'adam', args: { lr: -1 } }), {
    message: 'Invalid learning rate: -1.0',
  });
});

test('the surfaces, their values, gradients and contour grids', () => {
  const list = engine.surfaces();
  assert.deepEqual(
    list.map((s) => s.name),
    ['bowl', 'rosenbrock', 'saddle', 'bowl_l2'],
  );
  for (const s of list) {
    // the names for readers are the page's, not the engine's
    assert.ok(SURFACE_LABELS[s.name].en && SURFACE_LABELS[s.name].zh && s.formula, s.name);
    assert.equal(s.label, undefined, s.name);
    assert.equal(s.start.length, 2);
    assert.ok(s.view.xmin < s.start[0] && s.start[0] < s.view.xmax, s.name);
    assert.ok(s.view.ymin < s.start[1] && s.start[1] < s.view.ymax, s.name);
  }
  const bowl = engine.surface('bowl');
  assert.deepEqual(bowl.start, [-7, 2]);
  const at = bowl.at(-7, 2);
  assert.ok(Math.abs(at.f - (49 / 20 + 4)) < 1e-5);
  assert.ok(Math.abs(at.gx + 0.7) < 1e-6 && at.gy === 4);
  const rosen = engine.surface('rosenbrock');
  const e = rosen.evaluate([1, 0], [1, 0]);
  assert.deepEqual(Array.from(e.f), [0, 1]);
  assert.ok(e.gx[0] === 0 && e.gy[0] === 0, 'flat at the minimum (1, 1)');
  assert.equal(e.gx[1], -2);
  const g = rosen.grid({ nx: 5, ny: 3 });
  assert.equal(g.values.length, 15);
  assert.deepEqual(g.view, rosen.view);
  // row i at y = ymin + i * (ymax - ymin) / 2, column j at x = xmin + j * (xmax - xmin) / 4
  const { xmin, xmax, ymin, ymax } = rosen.view;
  const x = xmin + (3 * (xmax - xmin)) / 4;
  const y = ymin + (ymax - ymin) / 2;
  assert.equal(g.values[1 * 5 + 3], rosen.at(x, y).f);
  assert.throws(
    () => rosen.grid({ nx: 1, ny: 3 }),
    /between 2 and 4096 points per side, got 1 x 3/,
  );
  assert.throws(() => rosen.grid({ nx: 5000, ny: 5000 }), /between 2 and 4096/);
  assert.throws(() => engine.surface('himmelblau'), /unknown surface: himmelblau/);
});

test('a trajectory on the bowl converges, from the surface’s start by default', () => {
  const t = engine.trajectory({
    surface: 'bowl',
    op: 'sgd',
    args: { lr: 0.1, momentum: 0.9 },
    start: null,
    steps: 300,
  });
  assert.equal(t.x.length, 301);
  assert.equal(t.loss.length, 301);
  assert.deepEqual([t.x[0], t.y[0]], [-7, 2]);
  assert.ok(t.loss[300] < 1e-3 * t.loss[0], `final loss ${t.loss[300]}`);
  for (const [op, args] of [
    ['adam', { lr: 0.3 }],
    ['adagrad', { lr: 1.5 }],
    ['rmsprop', { lr: 0.1 }],
  ]) {
    const r = engine.trajectory({ surface: 'bowl', op, args, start: [-7, 2], steps: 300 });
    assert.ok(r.loss[300] < 1e-3, `${op}: ${r.loss[300]}`);
  }
  const short = engine.trajectory({
    surface: 'rosenbrock',
    op: 'adam',
    args: { lr: 0.1 },
    start: [0.5, 0.5],
    steps: 0,
  });
  assert.deepEqual(Array.from(short.x), [0.5]);
  assert.throws(
    () =>
      engine.trajectory({ surface: 'bowl', op: 'adam', args: { lr: -1 }, start: null, steps: 10 }),
    {
      name: 'NormLabError',
      message: 'Invalid learning rate: -1.0',
    },
  );
  assert.throws(
    () =>
      engine.trajectory({ surface: 'bowl', op: 'sgd', args: { lr: 0.1 }, start: null, steps: 1e6 }),
    /a trajectory takes between 0 and 100000 steps, got 1000000/,
  );
  assert.throws(
    () =>
      engine.trajectory({ surface: 'bowl', op: 'sgd', args: { lr: 0.1 }, start: null, steps: 2.5 }),
    /whole number/,
  );
});

test('bowl_l2: Adam’s L2 term is rescaled, AdamW decays x and y alike', () => {
  const args = { lr: 0.05, weight_decay: 0.5 };
  const adam = engine.trajectory({ surface: 'bowl_l2', op: 'adam', args, start: null, steps: 300 });
  const adamw = engine.trajectory({
    surface: 'bowl_l2',
    op: 'adamw',
    args,
    start: null,
    steps: 300,
  });
  for (let i = 0; i <= 300; i++) assert.ok(Math.abs(adamw.x[i] - adamw.y[i]) < 1e-4, `${i}`);
  assert.ok(adam.x[300] - adam.y[300] > 0.7, `${adam.x[300]} ${adam.y[300]}`);
});

test('optimizers and trajectories leave the heap where it was', () => {
  const heap = () => engine.wasm.HEAPU8.length;
  const start = heap();
  for (let i = 0; i < 2000; i++) {
    const opt = engine.optimizer(new Float32Array(256), {
      op: 'adam',
      args: { lr: 0.01, amsgrad: true },
    });
    opt.step(new Float32Array(256).fill(1));
    opt.state();
    opt.delete();
    engine.trajectory({
      surface: 'saddle',
      op: 'rmsprop',
      args: { lr: 0.05 },
      start: null,
      steps: 50,
    });
    engine.surface('bowl').grid({ nx: 64, ny: 64 });
    try {
      engine.optimizer([1], { op: 'adam', args: { lr: -1 } });
    } catch {
      // refused: nothing may leak
    }
  }
  assert.equal(heap(), start);
});
