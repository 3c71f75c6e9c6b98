// Bad input everywhere: whatever a learner or an embedding page hands the engine, it answers with
// a NormLabError and keeps working. 1,000 random bad calls and then golden cases on the same
// engine; requests beyond the memory cap; the raw bindings given null, misaligned and
// out-of-heap pointers; and no heap block left behind by a refused call.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { loadNodeEngine, wasmDir } from '../../scripts/lib/node-engine.mjs';
import { checkGolden, readGolden } from '../../scripts/lib/golden-check.mjs';
import { random, trackHeap } from '../lib/testing.mjs';
import { NormLabError } from '../../web/engine/engine.js';
import { activation } from '../../web/engine/activation.js';
import { groupMoments } from '../../web/engine/group-stats.js';
import { reductionTrace } from '../../web/engine/reduction-trace.js';
import { batchSpread } from '../../web/engine/batch-spread.js';
import { runDeepStack } from '../../web/engine/deep-stack.js';

/**
 * The build's heap cap in bytes (NORMLAB_WASM_MEMORY_CAP, 256MB by default), read from the build
 * folder's CMake cache. Probing with failed mallocs instead would change what it measures:
 * dlmalloc stops growing its top chunk in place after sbrk fails once.
 */
function memoryCap() {
  const cache = path.join(wasmDir, 'CMakeCache.txt');
  const text = fs.existsSync(cache) ? fs.readFileSync(cache, 'utf8') : '';
  const m = /^NORMLAB_WASM_MEMORY_CAP:STRING=(\d+)(KB|MB|GB)?$/m.exec(text);
  if (!m) return 256 * 2 ** 20;
  return Number(m[1]) * { KB: 2 ** 10, MB: 2 ** 20, GB: 2 ** 30, undefined: 1 }[m[2]];
}

function throwsNormLabError(call, what) {
  let error = null;
  try {
    call();
  } catch (err) {
    error = err;
  }
  assert.ok(error, `${what}: no error`);
  assert.ok(
    error instanceof NormLabError,
    `${what}: ${error.name}: ${error.message} (expected a NormLabError)`,
  );
  return error;
}

// Calls that must be refused, each built from the random stream. Every family of the engine's
// API is here: modules, their data, parameters and buffers, optimizers, surfaces, memory
// accounting, the demo kernels, and the allocator.
function badCalls(engine) {
  const pick = (r, list) => list[Math.floor(r() * list.length)];
  const int = (r, lo, hi) => lo + Math.floor(r() * (hi - lo + 1));
  const values = (r, n) => Float32Array.from({ length: n }, () => r() * 4 - 2);
  const ln = () => engine.norm({ op: 'layer_norm', normalized_shape: [3] });
  const bn = () => engine.norm({ op: 'batch_norm', dims: 1, num_features: 3 });
  const withModule = (make, use) => {
    const m = make();
    try {
      use(m);
    } finally {
      m.delete();
    }
  };
  return {
    'module options': (r) =>
      engine.norm(
        pick(r, [
          { op: 'layer_norm', normalized_shape: [int(r, -9, -1)] },
          { op: 'layer_norm', normalized_shape: 'four' },
          { op: 'layer_norm', normalized_shape: [1.5] },
          { op: 'layer_norm', normalized_shape: [2 ** 31, 2 ** 31, 4] },
          { op: 'batch_norm', dims: pick(r, [0, 4, 1.5, -1]), num_features: 3 },
          { op: 'batch_norm', num_features: int(r, -9, -1) },
          { op: 'group_norm', num_groups: 0, num_channels: 4 },
          { op: 'group_norm', num_groups: 3, num_channels: int(r, 1, 2) * 3 + 1 },
          { op: 'instance_norm', num_features: 3, eps: 'small' },
          { op: 'layer_norm', normalized_shape: [2], elementwise_affine: 'yes' },
          { op: pick(r, ['batchnorm', '', 'softmax']), num_features: 3 },
          null,
          42,
        ]),
      ),
    'forward input': (r) =>
      withModule(pick(r, [ln, bn]), (m) => {
        // refused by LayerNorm(3) and by BatchNorm1d(3) alike
        const shape = pick(r, [[2, 4], [4], [3, 1], [2, 3, 4, 5], [], [-2, -3]]);
        const n = Math.max(
          0,
          shape.reduce((a, b) => a * b, 1),
        );
        m.forward(values(r, n), shape);
      }),
    'forward argument types': (r) =>
      withModule(ln, (m) =>
        pick(r, [
          () => m.forward([1, 2, 3], 'abc'),
          () => m.forward([1, 2, 3], null),
          () => m.forward(null, [1, 3]),
          () => m.forward(values(r, 5), [1, 3]),
          () => m.forward(values(r, 6), [2, 3.5]),
        ])(),
      ),
    backward: (r) =>
      withModule(ln, (m) => {
        if (r() < 0.5) m.forward(values(r, 6), [2, 3]);
        m.backward(values(r, int(r, 0, 5)));
      }),
    'parameters and buffers': (r) =>
      withModule(pick(r, [ln, bn]), (m) =>
        pick(r, [
          () => (m.weight = values(r, int(r, 4, 9))),
          () => (m.bias = []),
          () => m.setBuffers({ running_mean: values(r, 7) }),
          () => m.setBuffers({ num_batches_tracked: -int(r, 1, 9) }),
          () => m.setBuffers({ num_batches_tracked: 0.5 }),
        ])(),
      ),
    optimizer: (r) =>
      pick(r, [
        () => engine.optimizer([1], { op: pick(r, ['sgd2', '', 'lbfgs']), args: { lr: 0.1 } }),
        () => engine.optimizer([1, 2], { op: 'sgd', args: {} }),
        () => engine.optimizer([1], { op: 'adam', args: { lr: -int(r, 1, 9) } }),
        () => engine.optimizer([1], { op: 'adam', args: { betas: [1, 0.5] } }),
        () => engine.optimizer([1], { op: 'adam', args: { momentum: 0.9 } }),
        () => engine.optimizer([1], { op: 'rmsprop', args: { alpha: -0.5 } }),
        () => engine.optimizer([1], { op: 'sgd', args: { lr: 'fast' } }),
        () => {
          const o = engine.optimizer([1, 2, 3], { op: 'sgd', args: { lr: 0.1 } });
          try {
            o.step(values(r, pick(r, [0, 2, 4])));
          } finally {
            o.delete();
          }
        },
      ])(),
    surfaces: (r) =>
      pick(r, [
        () => engine.surface(pick(r, ['hill', '', 'Bowl'])),
        () => engine.surface('bowl').grid({ nx: int(r, -3, 1), ny: 5 }),
        () => engine.surface('rosenbrock').grid({ nx: 5, ny: 4097 }),
        () =>
          engine
            .surface('saddle')
            .grid({ nx: 8, ny: 8, view: { xmin: 1, xmax: 0, ymin: 0, ymax: 1 } }),
        () =>
          engine
            .surface('bowl')
            .grid({ nx: 8, ny: 8, view: { xmin: NaN, xmax: 1, ymin: 0, ymax: 1 } }),
        () => engine.surface('bowl').evaluate([1, 2], [1]),
        () =>
          engine.trajectory({
            surface: 'bowl',
            op: 'adam',
            args: {},
            start: [1, 1],
            steps: pick(r, [-1, 100001, 2.5]),
          }),
        () => engine.trajectory({ surface: 'hill', op: 'adam', args: {}, start: [1, 1], steps: 5 }),
        () => engine.trajectory({ surface: 'bowl', op: 'sgd', args: {}, start: [1, 1], steps: 5 }),
      ])(),
    'optimizer memory': (r) =>
      engine.optimizerMemory(
        pick(r, [
          { params: -int(r, 1, 99), op: 'adam' },
          { params: 1e6, op: 'adam', precision: 'fp8' },
          { params: 1e6, op: 'nadam' },
          { params: 0.5, op: 'sgd', args: { lr: 0.1 } },
          { params: 1e6, op: 'adamw', args: { weight_decay: -1 } },
        ]),
      ),
    'demo kernels': (r) =>
      pick(r, [
        () => {
          const fn = pick(r, ['relu', '', 'Sigmoid']); // drawn before the values, as it always was
          return activation(engine, values(r, 4), { fn });
        },
        () => groupMoments(engine, values(r, 4), [0, 1, 2], { groups: 3 }),
        () => groupMoments(engine, values(r, 3), [0, 1, int(r, 2, 9)], { groups: 2 }),
        () => groupMoments(engine, values(r, 3), [0, -1, 0], { groups: 2 }),
        () => reductionTrace(engine, []),
        () => reductionTrace(engine, values(r, 3), { weight: values(r, 2) }),
        () => batchSpread(engine, { batchSizes: [0] }),
        () => batchSpread(engine, { batchSizes: [2], batches: 1 }),
        () => batchSpread(engine, { batchSizes: [2], channels: 8, numGroups: 3 }),
        () => batchSpread(engine, { batchSizes: [2], sampleSpread: -1 }),
        () =>
          batchSpread(engine, {
            batchSizes: [1],
            datasetSize: 2 ** 22,
            channels: 2 ** 21,
            spatial: 2 ** 21,
          }),
        () => runDeepStack(engine, values(r, 8), { depth: 0, width: 4, batch: 2 }),
        () =>
          runDeepStack(engine, values(r, 8), { depth: 3, width: 4, norm: 'group_norm', batch: 2 }),
        () =>
          runDeepStack(engine, values(r, 4), { depth: 3, width: 4, norm: 'batch_norm', batch: 1 }),
        () => runDeepStack(engine, values(r, 8), { depth: 3, width: 4, range: 5e-324, batch: 2 }),
        () => runDeepStack(engine, values(r, 7), { depth: 3, width: 4, batch: 2 }),
      ])(),
    allocator: (r) => engine.malloc(pick(r, [-4, NaN, 1.5, 2 ** 40, 2 ** 32 + 16, Infinity])),
  };
}

test('1,000 random bad calls, each a NormLabError; then the golden cases pass on the same engine', async () => {
  const engine = await loadNodeEngine();
  const live = trackHeap(engine);
  const calls = badCalls(engine);
  const names = Object.keys(calls);
  const r = random(20261123);
  const counts = Object.fromEntries(names.map((n) => [n, 0]));
  for (let i = 0; i < 1000; i++) {
    const name = names[Math.floor(r() * names.length)];
    throwsNormLabError(() => calls[name](r), `call ${i} (${name})`);
    counts[name]++;
  }
  for (const name of names) assert.ok(counts[name] > 40, `${name} ran ${counts[name]} times`);
  assert.equal(live.size, 0, `${live.size} heap blocks left behind by refused calls`);
  engine.free(engine.malloc(memoryCap() / 4)); // a quarter of the heap is still there
  for (const file of ['layer_norm.json', 'batch_norm.json', 'group_norm.json', 'optim.json']) {
    const { status, summary, output } = checkGolden(engine, readGolden(file));
    assert.match(summary, /^\d+ passed, 0 failed$/, file + output);
    assert.equal(status, 0);
  }
});

test('requests beyond the memory cap end in "out of memory", and the engine keeps working', async () => {
  const engine = await loadNodeEngine();
  const live = trackHeap(engine);
  // sizes relative to the cap: 0.6 of it fits once, not twice
  const room = memoryCap();
  assert.ok(room < 600e6, `a cap of ${room} bytes`);
  const oom = /^out of memory/;
  for (const bytes of [600e6, 2 ** 31, 2 ** 32 + 16, 2 ** 40])
    assert.match(throwsNormLabError(() => engine.malloc(bytes), `${bytes}`).message, oom);
  // an array-like whose byte count wraps around 2^32 must not become a 16-byte block
  assert.match(
    throwsNormLabError(() => engine.allocFloat32({ length: 2 ** 30 + 4 }), 'wrap').message,
    oom,
  );
  // parameters and buffers sized beyond the heap (wasm32 would otherwise cut 2^32 + 4 to 4)
  for (const options of [
    { op: 'batch_norm', dims: 1, num_features: 2 ** 32 + 4 },
    { op: 'group_norm', num_groups: 2, num_channels: 2 ** 32 + 4 },
    { op: 'layer_norm', normalized_shape: [2 ** 16, 2 ** 16, 2] },
    { op: 'layer_norm', normalized_shape: [Math.ceil((room * 0.6) / 4)] },
  ]) {
    assert.match(
      throwsNormLabError(() => engine.norm(options), JSON.stringify(options)).message,
      oom,
    );
  }
  // an optimizer whose parameter, gradient and state outgrow the heap
  const big = new Float32Array(Math.ceil((room * 0.6) / 4));
  assert.match(
    throwsNormLabError(() => engine.optimizer(big, { op: 'adam', args: {} }), 'adam').message,
    oom,
  );
  // still working, and nothing is held by the refused requests
  // one element id per element: 2^42 of them once wrapped to 0 on wasm32 and trapped the module
  const ln = engine.norm({ op: 'layer_norm', normalized_shape: [4] });
  assert.match(throwsNormLabError(() => ln.plan([2 ** 20, 2 ** 20, 4]), 'plan').message, oom);
  assert.equal(ln.forward(new Float32Array(4096).fill(1), [1024, 4]).statCount, 1024);
  ln.delete();
  assert.equal(live.size, 0, `${live.size} blocks left behind`);
  engine.free(engine.malloc(room / 4));
});

test('a forward whose output does not fit frees its input block', async () => {
  const engine = await loadNodeEngine();
  const live = trackHeap(engine);
  // an input block that fits, and an output block of the same size that no longer does
  const n = 4 * Math.floor((memoryCap() * 0.6) / 16);
  const x = new Float32Array(n);
  const ln = engine.norm({ op: 'layer_norm', normalized_shape: [4] });
  for (let i = 0; i < 3; i++) {
    assert.match(
      throwsNormLabError(() => ln.forward(x, [n / 4, 4]), 'forward').message,
      /^out of memory/,
    );
    assert.equal(live.size, 0, `try ${i}: ${live.size} blocks left behind`);
  }
  assert.match(throwsNormLabError(() => ln.backward(x), 'backward').message, /./);
  assert.equal(live.size, 0, 'backward left blocks behind');
  for (const call of [
    () => activation(engine, x, { fn: 'tanh' }),
    () => groupMoments(engine, x, new Int32Array(n), { groups: 1 }),
    () => engine.surface('bowl').evaluate(x, x),
  ]) {
    throwsNormLabError(call, String(call));
    assert.equal(live.size, 0, `${call}: ${live.size} blocks left behind`);
  }
  ln.delete();
  const small = engine.norm({ op: 'layer_norm', normalized_shape: [2] });
  assert.deepEqual(Array.from(small.forward([1, 3], [1, 2]).output).map(Math.round), [-1, 1]);
  small.delete();
});

test('a trap inside the engine is never how a bad option ends', async () => {
  // Each of these once trapped the Wasm module (an out-of-bounds write, a float-to-int
  // conversion of infinity): the call must be refused and the next call must still work.
  const engine = await loadNodeEngine();
  const cases = [
    () =>
      batchSpread(engine, {
        batchSizes: [1],
        datasetSize: 2 ** 22,
        channels: 2 ** 21,
        spatial: 2 ** 21,
      }),
    () =>
      runDeepStack(engine, new Float32Array(8), { depth: 2, width: 4, range: 5e-324, batch: 2 }),
    () =>
      engine
        .surface('bowl')
        .grid({ nx: 8, ny: 8, view: { xmin: -1e308, xmax: 1e308, ymin: 0, ymax: 1 } }),
  ];
  for (const call of cases) {
    throwsNormLabError(call, String(call));
    const ln = engine.norm({ op: 'layer_norm', normalized_shape: [2] });
    assert.equal(ln.forward([0, 2], [1, 2]).statCount, 1);
    ln.delete();
  }
});

test('every wrapper frees the blocks it had when a later one does not fit (batchSpread: the second)', async () => {
  const engine = await loadNodeEngine();
  const live = trackHeap(engine);
  const tracked = engine.wasm._malloc;
  // _malloc as the wrappers call it, failing the k-th call of one wrapper call (C++'s own
  // allocations and Embind's do not pass through it)
  const mallocs = (call, failAt = 0) => {
    let calls = 0;
    engine.wasm._malloc = (n) => (++calls === failAt ? 0 : tracked(n));
    try {
      call();
    } finally {
      engine.wasm._malloc = tracked;
    }
    return calls;
  };
  const x = Float32Array.from({ length: 8 }, (_, i) => i / 3);
  const surface = engine.surface('bowl');
  const ln = engine.norm({ op: 'layer_norm', normalized_shape: [4] });
  const wrappers = {
    activation: () => activation(engine, x, { fn: 'tanh' }),
    batchSpread: () =>
      batchSpread(engine, { batchSizes: [2, 4], batches: 4, channels: 4, spatial: 4 }),
    groupMoments: () => groupMoments(engine, x, [0, 0, 0, 0, 1, 1, 1, 1], { groups: 2 }),
    reductionTrace: () => reductionTrace(engine, x, { weight: x, bias: x }),
    runDeepStack: () => runDeepStack(engine, x, { depth: 2, width: 4, batch: 2 }),
    normForward: () => ln.forward(x, [2, 4]),
    normBackward: () => ln.backward(x),
    surfaceEvaluate: () => surface.evaluate(x, x),
    surfaceGrid: () => surface.grid({ nx: 8, ny: 8 }),
    trajectory: () =>
      engine.trajectory({ surface: 'bowl', op: 'sgd', args: { lr: 0.1 }, start: null, steps: 4 }),
  };
  for (const [name, call] of Object.entries(wrappers)) {
    const blocks = mallocs(call);
    assert.ok(blocks >= 1, `${name} allocates`);
    if (name === 'batchSpread') assert.equal(blocks, 2, 'batchSpread takes two blocks');
    for (let k = 1; k <= blocks; k++) {
      const error = throwsNormLabError(() => mallocs(call, k), `${name}, block ${k} refused`);
      assert.match(error.message, /^out of memory/, `${name}, block ${k}`);
      assert.equal(live.size, 0, `${name}: ${live.size} blocks left when block ${k} did not fit`);
    }
  }
  ln.delete();
  assert.equal(live.size, 0);
});

test('the raw bindings refuse null, misaligned and out-of-heap pointers', async () => {
  const engine = await loadNodeEngine();
  const w = engine.wasm;
  const heapEnd = () => w.HEAPU8.length;
  const buf = engine.malloc(1024);
  const refused = (what, message) => assert.ok(message, `${what} was accepted`);
  try {
    const h = new w.NormHandle();
    assert.equal(h.configure({ op: 'layer_norm', normalized_shape: [4] }), '');
    refused('forward to null', h.forward(0, buf, [2, 4]));
    refused('forward from null', h.forward(buf, 0, [2, 4]));
    refused('forward from an odd address', h.forward(buf, buf + 1, [2, 4]));
    refused('forward past the heap', h.forward(buf, heapEnd() - 16, [2, 4]));
    refused('forward of more than the heap', h.forward(buf, buf, [2 ** 28, 4]));
    assert.equal(h.forward(buf, buf + 64, [2, 4]), '', 'a good call');
    refused('backward to null', h.backward(0, buf));
    refused('backward past the heap', h.backward(buf, heapEnd() - 4));
    h.delete();

    refused('activation to null', w.activation('tanh', 0, 0, buf, 4, 1, 0));
    refused('activation past the heap', w.activation('tanh', buf, 0, heapEnd() - 8, 4, 1, 0));
    refused(
      'group moments past the heap',
      w.groupMoments(buf, buf, buf, 0, buf, heapEnd() - 4, 4, 1),
    );
    refused('reduction trace to null', w.reductionTrace(0, 0, 0, 0, buf, 0, 0, 4, 1e-5));
    refused(
      'reduction trace of 2^40',
      w.reductionTrace(buf, buf, buf, buf, buf, 0, 0, 2 ** 40, 1e-5),
    );
    refused('reduction trace of NaN', w.reductionTrace(buf, buf, buf, buf, buf, 0, 0, NaN, 1e-5));
    refused('batch spread to null', w.batchSpread(0, 0, { batch_sizes: [2] }));
    refused('surface at null', w.optimSurfaceEvaluate('bowl', 0, 0, 0, 0, 0, 3));
    refused('grid to an odd address', w.optimSurfaceGrid('bowl', buf + 2, 4, 4, 0, 1, 0, 1));
    refused('trajectory to null', w.optimTrajectory(0, 0, 0, 'bowl', 'adam', {}, 1, 1, 5));
    const d = new w.DeepStackHandle();
    refused('deep stack from null', d.run(0, 2, { depth: 2, width: 4 }));
    d.delete();
    // the optimizer owns its buffers: a size it cannot hold must not become a smaller buffer
    const o = new w.OptimHandle();
    refused('optimizer of 2^40 values', o.configure('sgd', { lr: 0.1 }, 2 ** 40));
    refused('optimizer of 2^32 + 1 values', o.configure('adagrad', {}, 2 ** 32 + 1));
    o.delete();
  } finally {
    engine.free(buf);
  }
  const ln = engine.norm({ op: 'layer_norm', normalized_shape: [2] });
  assert.equal(ln.forward([5, 7], [1, 2]).statCount, 1);
  ln.delete();
});
