// Chapters 2 and 9 on the engine: the statistics plan the cube colours by, the reduction trace the
// player animates, the batch-size experiment, and the self-check questions' answers.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadNodeEngine } from '../../scripts/lib/node-engine.mjs';
import { reductionTrace } from '../../web/engine/reduction-trace.js';
import { batchSpread } from '../../web/engine/batch-spread.js';
import {
  moduleOptions,
  members,
  groupExtent,
  parseCubeShape,
  seededValues,
  KINDS,
} from '../../web/model/norms.js';
import { sharedMeanQuestion, inGnQuestion } from '../../web/chapters/lib/groups-questions.js';
import { makeRandom } from '../../web/model/answer.js';

let engine;
before(async () => {
  engine = await loadNodeEngine();
});

function planOf(kind, shape, groups) {
  const mod = engine.norm(moduleOptions(kind, shape, groups));
  try {
    return { ...mod.plan(shape), params: mod.parameterShapes() };
  } finally {
    mod.delete();
  }
}

const SHAPE = [2, 6, 4, 4];

test('the cube’s groups: BN per channel, LN per sample, IN per (sample, channel), GN per (sample, group)', () => {
  const expect = {
    batch: { count: 6, size: 32, samples: [0, 1], channels: [2] },
    layer: { count: 2, size: 96, samples: [1], channels: [0, 1, 2, 3, 4, 5] },
    instance: { count: 12, size: 16, samples: [1], channels: [2] },
    group: { count: 6, size: 32, samples: [1], channels: [2, 3] },
  };
  const flat = ((1 * 6 + 2) * 4 + 1) * 4 + 3; // x[1, 2, 1, 3]
  for (const kind of KINDS) {
    const plan = planOf(kind, SHAPE, 3);
    const want = expect[kind];
    assert.equal(plan.statCount, want.count, kind);
    const list = members(plan.group, plan.group[flat]);
    assert.equal(list.length, want.size, kind);
    const extent = groupExtent(SHAPE, list);
    assert.deepEqual(extent.samples, want.samples, kind);
    assert.deepEqual(extent.channels, want.channels, kind);
    assert.equal(extent.positions, 16, kind);
  }
});

test('GN(1) has LN([C, H, W])’s groups and GN(C) has IN’s, but their parameters differ', () => {
  const shape = [2, 4, 3, 3];
  const ln = planOf('layer', shape);
  const gn1 = planOf('group', shape, 1);
  const inorm = planOf('instance', shape);
  const gnC = planOf('group', shape, 4);
  assert.deepEqual(Array.from(gn1.group), Array.from(ln.group));
  assert.deepEqual(Array.from(gnC.group), Array.from(inorm.group));
  assert.deepEqual(ln.params, [
    ['weight', [4, 3, 3]],
    ['bias', [4, 3, 3]],
  ]);
  assert.deepEqual(gn1.params, [
    ['weight', [4]],
    ['bias', [4]],
  ]);
  assert.deepEqual(inorm.params, [], 'InstanceNorm: affine=False by default');
});

test('the reduction trace ends on the module’s mean, rstd and output, for every kind', () => {
  const values = seededValues(96 * 2);
  for (const kind of KINDS) {
    const mod = engine.norm(moduleOptions(kind, SHAPE, 3));
    try {
      const plan = mod.plan(SHAPE);
      const r = mod.forward(values, SHAPE);
      for (let g = 0; g < plan.statCount; g++) {
        const list = members(plan.group, g);
        const trace = reductionTrace(
          engine,
          list.map((i) => values[i]),
        );
        assert.ok(Math.abs(trace.mean - r.mean[g]) < 1e-6, `${kind} mean ${g}`);
        assert.ok(Math.abs(trace.rstd - r.rstd[g]) < 1e-5 * trace.rstd, `${kind} rstd ${g}`);
        assert.ok(
          Math.abs(trace.runningSum[list.length - 1] / list.length - r.mean[g]) < 1e-6,
          'the last partial sum is n times the mean',
        );
        list.forEach((i, k) =>
          assert.ok(Math.abs(trace.y[k] - r.output[i]) < 2e-5, `${kind} y ${g}/${k}`),
        );
      }
    } finally {
      mod.delete();
    }
  }
});

test('the reduction trace: partial sums, the biased variance, γ and β per element', () => {
  const r = reductionTrace(engine, [1, 2, 3, 4], { weight: [2, 2, 2, 2], bias: [1, 1, 1, 1] });
  assert.deepEqual(Array.from(r.runningSum), [1, 3, 6, 10]);
  assert.deepEqual(Array.from(r.runningMean), [1, 1.5, 2, 2.5]);
  assert.deepEqual(Array.from(r.sqDev), [2.25, 0.25, 0.25, 2.25]);
  assert.deepEqual(Array.from(r.runningSq), [2.25, 2.5, 2.75, 5]);
  assert.equal(r.variance, 1.25);
  r.xhat.forEach((v, k) => assert.ok(Math.abs(r.y[k] - (2 * v + 1)) < 1e-6));
  assert.throws(() => reductionTrace(engine, []), {
    name: 'NormLabError',
    message: 'a statistics group needs at least one element, got 0',
  });
  assert.throws(() => reductionTrace(engine, [1, 2], { weight: [1] }), /weight needs 2 values/);
  assert.equal(reductionTrace(engine, [5]).variance, 0, 'still usable after an error');
});

test('batch spread: BN’s shrinks about as 1/√B, GN’s does not depend on B', () => {
  const sizes = [1, 2, 4, 8, 16, 32, 64];
  const r = batchSpread(engine, { batchSizes: sizes, batches: 200, numGroups: 2 });
  assert.deepEqual(r.batchSizes, sizes);
  for (let i = 1; i < sizes.length; i++)
    assert.ok(r.bn[i] < r.bn[i - 1], `BN falls at ${sizes[i]}`);
  const ratio = r.bn[0] / r.bn[sizes.length - 1];
  assert.ok(ratio > 6 && ratio < 10, `64 samples: about 8 times less spread, got ${ratio}`);
  const gn = Array.from(r.gn);
  assert.ok(Math.max(...gn) / Math.min(...gn) < 1.2, `GN flat: ${gn}`);
  const again = batchSpread(engine, { batchSizes: sizes, batches: 200, numGroups: 2 });
  assert.deepEqual(Array.from(again.bn), Array.from(r.bn), 'the same seed draws the same batches');
  const other = batchSpread(engine, { batchSizes: sizes, batches: 200, numGroups: 2, seed: 2 });
  assert.notDeepEqual(Array.from(other.bn), Array.from(r.bn));
  const flat = batchSpread(engine, { batchSizes: [1, 8], batches: 50, sampleSpread: 0 });
  assert.ok(flat.bn[0] < r.bn[0] / 2, 'without differences between samples, less spread');
});

test('batch spread refuses bad settings with PyTorch’s words where PyTorch has them', () => {
  const run = (o) => () => batchSpread(engine, { batchSizes: [4], ...o });
  assert.throws(run({ numGroups: 3 }), {
    name: 'NormLabError',
    message: 'num_channels must be divisible by num_groups',
  });
  assert.throws(run({ batches: 1 }), /needs 2 to 5000 batches, got 1/);
  assert.throws(run({ batchSizes: [0] }), /between 1 and the dataset's 512 samples, got 0/);
  assert.throws(run({ batchSizes: [1], spatial: 1 }), {
    message:
      'Expected more than 1 value per channel when training, got input size torch.Size([1, 8, 1])',
  });
  assert.throws(run({ batches: 2.5 }), /batches must be a whole number/);
  assert.throws(() => batchSpread(engine, { batchSizes: 'x' }), /batch_sizes must be an array/);
  assert.equal(batchSpread(engine, { batchSizes: [2], batches: 3 }).bn.length, 1);
});

test('cube shapes: 3 to 5 dims, positive, small enough to draw', () => {
  assert.deepEqual(parseCubeShape('2, 6, 4, 4').shape, [2, 6, 4, 4]);
  assert.deepEqual(parseCubeShape('(2, 6, 16)').shape, [2, 6, 16]);
  assert.deepEqual(parseCubeShape('2x3x2x2x2').shape, [2, 3, 2, 2, 2]);
  assert.match(parseCubeShape('2, 6').error.en, /3 to 5 dims/);
  assert.match(parseCubeShape('2, 0, 4, 4').error.en, /at least 1/);
  assert.deepEqual(
    parseCubeShape('2, -6, 4').shape,
    [2, -6, 4],
    'the engine explains negative dims',
  );
  assert.match(parseCubeShape('2, a, 4').error.en, /whole numbers/);
  assert.match(parseCubeShape('8, 32, 8, 8').error.en, /at most 1024/);
});

// The question's shape and module, read back from its English text, give the answer by the
// textbook formulas; the self-check's answer must be the same (and it comes from the plan).
function expected(question) {
  const shape = question.en
    .match(/shape \(([^)]*)\)/)[1]
    .split(',')
    .map(Number);
  const [N, C, H, W] = shape;
  const module = question.en.match(/nn\.(\w+)\(([^)]*\)?)\)/);
  const name = module[1];
  const per = {
    BatchNorm2d: { count: C, size: N * H * W },
    LayerNorm: { count: N, size: C * H * W },
    InstanceNorm2d: { count: N * C, size: H * W },
  };
  const G = name === 'GroupNorm' ? Number(module[2].split(',')[0]) : 0;
  const rule = per[name] ?? { count: N * G, size: (C / G) * H * W };
  return /How many mean\/variance pairs/.test(question.en) ? rule.count : rule.size;
}

test('the self-check questions of chapters 2 and 9 answer from the plan, for 200 seeds each', () => {
  for (const generate of [sharedMeanQuestion, inGnQuestion]) {
    const seen = new Set();
    for (let i = 1; i <= 200; i++) {
      const seed = Math.imul(i, 2654435761) >>> 0; // spread out, as the page's random seeds are
      const q = generate(engine, makeRandom(seed));
      assert.equal(q.unit, 'count');
      assert.equal(
        q.answer,
        expected(q.question),
        `${generate.name} seed ${seed}: ${q.question.en}`,
      );
      assert.ok(q.question.zh && q.explain.zh && q.explain.en);
      seen.add(`${q.question.en.match(/nn\.(\w+)/)[1]} ${/pairs/.test(q.question.en)}`);
    }
    assert.ok(seen.size >= 4, `${generate.name} asks several kinds of question`);
  }
});
