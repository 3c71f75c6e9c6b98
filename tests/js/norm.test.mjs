// The normalization modules through the Wasm engine (their golden cases: golden.test.mjs):
// PyTorch's messages for bad calls with the module's state left alone, the running statistics,
// and the statistics plan the page draws.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadNodeEngine } from '../../scripts/lib/node-engine.mjs';

let engine;
before(async () => {
  engine = await loadNodeEngine();
});

const randn = (n, seed) => {
  let s = seed;
  return Float32Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return (s / 2 ** 31) * 4 - 2;
  });
};

test('BatchNorm: bad calls throw PyTorch’s message and leave the running statistics alone', () => {
  const bn = engine.norm({ op: 'batch_norm', dims: 2, num_features: 3 });
  try {
    const x = randn(2 * 3 * 4 * 4, 1);
    bn.forward(x, [2, 3, 4, 4]);
    const before = bn.buffers();
    assert.equal(before.num_batches_tracked, 1);
    assert.throws(() => bn.forward(randn(12, 2), [2, 3, 2]), {
      name: 'NormLabError',
      message: 'expected 4D input (got 3D input)',
    });
    assert.throws(() => bn.forward(randn(3, 2), [1, 3, 1, 1]), {
      name: 'NormLabError',
      message:
        'Expected more than 1 value per channel when training, got input size torch.Size([1, 3, 1, 1])',
    });
    assert.throws(() => bn.forward(randn(32, 2), [2, 4, 2, 2]), {
      name: 'NormLabError',
      message: 'running_mean should contain 4 elements not 3',
    });
    assert.throws(() => bn.checkInput([2, 4, 2, 2]), /running_mean should contain 4 elements/);
    assert.deepEqual(bn.buffers(), before);
    // still usable, and in step with a module that never saw the bad calls
    const twin = engine.norm({ op: 'batch_norm', dims: 2, num_features: 3 });
    twin.forward(x, [2, 3, 4, 4]);
    const a = bn.forward(x, [2, 3, 4, 4]);
    const b = twin.forward(x, [2, 3, 4, 4]);
    assert.deepEqual(a.output, b.output);
    assert.deepEqual(bn.buffers(), twin.buffers());
    assert.equal(bn.buffers().num_batches_tracked, 2);
    twin.delete();
  } finally {
    bn.delete();
  }
});

test('BatchNorm: train updates running stats with the unbiased variance, eval uses them', () => {
  const bn = engine.norm({ op: 'batch_norm', dims: 1, num_features: 1, momentum: 1.0 });
  try {
    const r = bn.forward([1, 2, 3, 4], [4, 1]);
    assert.equal(r.statCount, 1);
    assert.equal(r.mean[0], 2.5);
    const { running_mean, running_var, num_batches_tracked } = bn.buffers();
    assert.ok(Math.abs(running_mean[0] - 2.5) < 1e-6);
    assert.ok(Math.abs(running_var[0] - 5 / 3) < 1e-6, `${running_var[0]}`);
    assert.equal(num_batches_tracked, 1);
    const e = bn.forward([2.5], [1, 1], { training: false });
    assert.ok(Math.abs(e.output[0]) < 1e-6);
    assert.ok(Math.abs(e.rstd[0] - 1 / Math.sqrt(5 / 3 + 1e-5)) < 1e-5);
    const g = bn.backward([1]);
    assert.ok(Math.abs(g.gradInput[0] - e.rstd[0]) < 1e-6, 'eval: grad_input = weight * rstd');
    assert.throws(() => bn.backward([1, 2]), /grad_output has 2 values/);
  } finally {
    bn.delete();
  }
});

test('setBuffers writes running statistics for demos; modules without them refuse', () => {
  const bn = engine.norm({ op: 'batch_norm', dims: 1, num_features: 2 });
  const ln = engine.norm({ op: 'layer_norm', normalized_shape: [2] });
  try {
    bn.setBuffers({ running_mean: [1, -1], running_var: [4, 0.25], num_batches_tracked: 7 });
    const b = bn.buffers();
    assert.deepEqual(Array.from(b.running_mean), [1, -1]);
    assert.deepEqual(Array.from(b.running_var), [4, 0.25]);
    assert.equal(b.num_batches_tracked, 7);
    const y = bn.forward([3, 0], [1, 2], { training: false }).output;
    assert.ok(Math.abs(y[0] - 2 / Math.sqrt(4 + 1e-5)) < 1e-6);
    assert.ok(Math.abs(y[1] - 1 / Math.sqrt(0.25 + 1e-5)) < 1e-5);
    assert.throws(() => bn.setBuffers({ running_mean: [1] }), /running_mean needs 2 values, got 1/);
    assert.throws(() => bn.setBuffers({ num_batches_tracked: -1 }), /integer >= 0/);
    assert.deepEqual(ln.buffers(), {});
    assert.throws(() => ln.setBuffers({ running_mean: [0, 0] }), /no running statistics/);
  } finally {
    bn.delete();
    ln.delete();
  }
});

test('InstanceNorm: unbatched input, channel mismatch computed without affine, refused with', () => {
  const inorm = engine.norm({ op: 'instance_norm', dims: 1, num_features: 3 });
  const affine = engine.norm({ op: 'instance_norm', dims: 1, num_features: 3, affine: true });
  try {
    assert.equal(inorm.forward(randn(15, 3), [3, 5]).statCount, 3);
    assert.equal(inorm.forward(randn(40, 3), [2, 4, 5]).statCount, 8);
    assert.deepEqual(inorm.buffers(), {});
    assert.deepEqual(inorm.parameterShapes(), []);
    assert.throws(() => affine.forward(randn(40, 3), [2, 4, 5]), {
      name: 'NormLabError',
      message: 'weight should contain 8 elements not 6',
    });
    assert.throws(() => inorm.forward(randn(6, 3), [2, 3, 1]), {
      message:
        'Expected more than 1 spatial element when training, got input size torch.Size([2, 3, 1])',
    });
  } finally {
    inorm.delete();
    affine.delete();
  }
});

test('GroupNorm: constructor and input messages', () => {
  assert.throws(() => engine.norm({ op: 'group_norm', num_groups: 4, num_channels: 6 }), {
    name: 'NormLabError',
    message: 'num_channels must be divisible by num_groups',
  });
  const gn = engine.norm({ op: 'group_norm', num_groups: 3, num_channels: 6 });
  try {
    assert.throws(() => gn.forward(randn(24, 4), [2, 4, 3]), {
      message:
        'Expected number of channels in input to be divisible by num_groups, but got input of shape [2, 4, 3] and num_groups=3',
    });
    const r = gn.forward(randn(36, 4), [2, 6, 3]);
    assert.equal(r.statCount, 6);
    const g = gn.backward(randn(36, 5));
    assert.equal(g.gradInput.length, 36);
    assert.equal(g.gradWeight.length, 6);
  } finally {
    gn.delete();
  }
});

/** Elements per group id. */
const groupSizes = (group) => {
  const sizes = new Map();
  for (const g of group) sizes.set(g, (sizes.get(g) ?? 0) + 1);
  return sizes;
};

test('plan: the curriculum’s “how many means, what shape are γ and β” answers', () => {
  const ln = engine.norm({ op: 'layer_norm', normalized_shape: [4] });
  const bn = engine.norm({ op: 'batch_norm', dims: 2, num_features: 3 });
  const lnChw = engine.norm({ op: 'layer_norm', normalized_shape: [3, 4, 4] });
  const gn1 = engine.norm({ op: 'group_norm', num_groups: 1, num_channels: 3 });
  const gnC = engine.norm({ op: 'group_norm', num_groups: 3, num_channels: 3 });
  const inorm = engine.norm({ op: 'instance_norm', dims: 2, num_features: 3 });
  try {
    const p1 = ln.plan([2, 3, 4]);
    assert.equal(p1.statCount, 6);
    assert.deepEqual(p1.paramShapes, [
      ['weight', [4]],
      ['bias', [4]],
    ]);
    assert.deepEqual(p1.bufferShapes, []);

    const p2 = bn.plan([2, 3, 4, 4]);
    assert.equal(p2.statCount, 3, 'one per channel, not 2 × 3 = 6');
    assert.deepEqual([...groupSizes(p2.group)].sort(), [
      [0, 32],
      [1, 32],
      [2, 32],
    ]);
    assert.deepEqual(p2.paramShapes, [
      ['weight', [3]],
      ['bias', [3]],
    ]);
    assert.deepEqual(p2.bufferShapes, [
      ['running_mean', [3]],
      ['running_var', [3]],
      ['num_batches_tracked', []],
    ]);

    const p3 = lnChw.plan([2, 3, 4, 4]);
    assert.equal(p3.statCount, 2);
    assert.deepEqual(p3.paramShapes[0], ['weight', [3, 4, 4]]);

    assert.deepEqual(gn1.plan([2, 3, 4, 4]).group, p3.group, 'GroupNorm(1) groups like LN');
    assert.deepEqual(gn1.plan([2, 3, 4, 4]).paramShapes[0], ['weight', [3]]);
    assert.deepEqual(gnC.plan([2, 3, 4, 4]).group, inorm.plan([2, 3, 4, 4]).group);
    assert.equal(gnC.plan([2, 3, 4, 4]).statCount, 6);

    // a single sample can be drawn although training would refuse it
    assert.equal(bn.plan([1, 3, 1, 1]).statCount, 3);
    assert.throws(() => bn.checkInput([1, 3, 1, 1]), /Expected more than 1 value per channel/);
    assert.throws(() => bn.plan([2, 3, 4]), { message: 'expected 4D input (got 3D input)' });
  } finally {
    for (const m of [ln, bn, lnChw, gn1, gnC, inorm]) m.delete();
  }
});

test('plan groups agree with the means the forward pass reports', () => {
  const specs = [
    [{ op: 'batch_norm', dims: 1, num_features: 5 }, [6, 5]],
    [{ op: 'batch_norm', dims: 3, num_features: 2 }, [2, 2, 3, 1, 2]],
    [{ op: 'instance_norm', dims: 2, num_features: 3 }, [3, 2, 5]],
    [{ op: 'group_norm', num_groups: 2, num_channels: 4 }, [3, 4, 5]],
    [{ op: 'layer_norm', normalized_shape: [3, 5] }, [2, 3, 5]],
  ];
  for (const [options, shape] of specs) {
    const m = engine.norm(options);
    try {
      const n = shape.reduce((a, b) => a * b, 1);
      const x = randn(n, 9);
      const { mean, statCount } = m.forward(x, shape);
      const { group } = m.plan(shape);
      const sum = new Float64Array(statCount);
      const count = new Float64Array(statCount);
      group.forEach((g, i) => {
        sum[g] += x[i];
        count[g] += 1;
      });
      for (let g = 0; g < statCount; g++) {
        assert.ok(Math.abs(sum[g] / count[g] - mean[g]) < 1e-5, `${options.op} group ${g}`);
      }
    } finally {
      m.delete();
    }
  }
});

test('modules with running statistics created and deleted leave the heap where it was', () => {
  const heap = () => engine.wasm.HEAPU8.length;
  const start = heap();
  for (let i = 0; i < 500; i++) {
    const bn = engine.norm({ op: 'batch_norm', dims: 1, num_features: 64 });
    bn.forward(
      new Float32Array(64 * 16).fill(i).map((v, j) => v + (j % 7)),
      [16, 64],
    );
    bn.backward(new Float32Array(64 * 16).fill(1));
    bn.buffers();
    bn.delete();
  }
  assert.equal(heap(), start);
});
