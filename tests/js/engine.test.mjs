// The JS engine wrapper around the Wasm module: results, errors, memory.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadNodeEngine } from '../../scripts/lib/node-engine.mjs';

let engine;
before(async () => {
  engine = await loadNodeEngine();
});

test('LayerNorm(4) on a (2, 4) input: one mean and rstd per row', () => {
  const ln = engine.norm({ op: 'layer_norm', normalized_shape: [4] });
  const r = ln.forward([1, 2, 3, 4, 5, 5, 5, 5], [2, 4]);
  assert.equal(r.statCount, 2);
  assert.deepEqual(Array.from(r.mean), [2.5, 5]);
  const s = 1 / Math.sqrt(1.25 + 1e-5);
  assert.ok(Math.abs(r.rstd[0] - s) < 1e-6);
  const want = [-1.5, -0.5, 0.5, 1.5].map((d) => d * s);
  want.forEach((w, i) => assert.ok(Math.abs(r.output[i] - w) < 1e-6, `${i}`));
  assert.deepEqual(Array.from(r.output.slice(4)), [0, 0, 0, 0], 'a constant row gives the bias');
  ln.delete();
});

test('RMSNorm(4): no mean, a weight only, and eps null or absent is float32’s epsilon', () => {
  const x = [1, 2, 3, 4, 1e-4, -1e-4, 1e-4, -1e-4];
  const eps32 = 2 ** -23; // torch.finfo(torch.float32).eps, torch.nn.RMSNorm's eps=None
  const outputs = [];
  for (const options of [{}, { eps: null }, { eps: eps32 }]) {
    const rms = engine.norm({ op: 'rms_norm', normalized_shape: [4], ...options });
    assert.deepEqual(rms.parameterShapes(), [['weight', [4]]]);
    assert.deepEqual(rms.bufferShapes(), []);
    const r = rms.forward(x, [2, 4]);
    assert.equal(r.statCount, 2);
    assert.deepEqual(Array.from(r.mean), [0, 0], 'RMSNorm does not centre');
    const s = 1 / Math.sqrt(7.5 + eps32);
    [1, 2, 3, 4].forEach((v, i) => assert.ok(Math.abs(r.output[i] - v * s) < 1e-6, `${i}`));
    // mean(x²) = 1e-8 next to eps = 1.19e-7: eps decides the second row
    const s2 = 1 / Math.sqrt(1e-8 + eps32);
    assert.ok(Math.abs(r.output[4] - 1e-4 * s2) < 1e-5, `${r.output[4]} vs ${1e-4 * s2}`);
    outputs.push(Array.from(r.output));
    rms.delete();
  }
  assert.deepEqual(outputs[0], outputs[1]);
  assert.deepEqual(outputs[0], outputs[2]);
  const explicit = engine.norm({ op: 'rms_norm', normalized_shape: [4], eps: 1e-5 });
  assert.notDeepEqual(Array.from(explicit.forward(x, [2, 4]).output), outputs[0]);
  assert.throws(() => explicit.forward(new Float32Array(10), [2, 5]), {
    name: 'NormLabError',
    message:
      'Given normalized_shape=[4], expected input with shape [*, 4], but got input of size[2, 5]',
  });
  explicit.delete();
});

test('a refused input throws PyTorch’s message and the module keeps working', () => {
  const ln = engine.norm({ op: 'layer_norm', normalized_shape: [6, 3] });
  const x = new Float32Array(8 * 6 * 3 * 4).fill(1);
  assert.throws(() => ln.forward(x, [8, 6, 3, 4]), {
    name: 'NormLabError',
    message:
      'Given normalized_shape=[6, 3], expected input with shape [*, 6, 3], but got input of size[8, 6, 3, 4]',
  });
  const r = ln.forward(
    new Float32Array(36).map((_, i) => i % 5),
    [2, 6, 3],
  );
  assert.equal(r.statCount, 2);
  ln.delete();
});

test('bad options are refused with a message, not an abort', () => {
  assert.throws(() => engine.norm({ op: 'layer_norm', normalized_shape: [-2] }), {
    name: 'NormLabError',
    message: 'Trying to create tensor with negative dimension -2: [-2]',
  });
  assert.throws(
    () => engine.norm({ op: 'layer_norm', normalized_shape: 'four' }),
    /array of integers/,
  );
  assert.throws(() => engine.norm(null), /unknown normalization/);
  const ln = engine.norm({ op: 'layer_norm', normalized_shape: [2] });
  assert.throws(() => ln.forward([1, 2, 3], [2, 2]), /has 3 values but its shape \[2,2\] needs 4/);
  ln.delete();
});

test('weight and bias can be set and read back', () => {
  const ln = engine.norm({ op: 'layer_norm', normalized_shape: [3] });
  ln.weight = [2, 2, 2];
  ln.bias = [1, 0, -1];
  assert.deepEqual(Array.from(ln.weight), [2, 2, 2]);
  const r = ln.forward([7, 7, 7], [1, 3]);
  assert.deepEqual(Array.from(r.output), [1, 0, -1]);
  assert.throws(() => (ln.weight = [1]), /weight needs 3 values, got 1/);
  ln.delete();
});

test('many modules created and deleted leave the heap where it was', () => {
  const heap = () => engine.wasm.HEAPU8.length;
  const before = heap();
  for (let i = 0; i < 2000; i++) {
    const ln = engine.norm({ op: 'layer_norm', normalized_shape: [64] });
    ln.forward(new Float32Array(64 * 16).fill(i), [16, 64]);
    ln.delete();
  }
  assert.equal(heap(), before);
});
