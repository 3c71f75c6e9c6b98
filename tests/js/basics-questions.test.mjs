// The self-checks of chapters 1, 3, 4 and 5: over many seeds, the answer the engine gives must be
// the one the chapter's formula predicts for the question as printed.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadNodeEngine } from '../../scripts/lib/node-engine.mjs';
import {
  formulaQuestion,
  countingQuestion,
  parametersQuestion,
  usageQuestion,
} from '../../web/chapters/basics-questions.js';

let engine;
before(async () => {
  engine = await loadNodeEngine();
});

// the self-check widget's generator (xorshift), so a seed gives the same question there and here
function makeRandom(seed) {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
  };
}

// the widget seeds with Math.random() * 2^32; small seeds would give xorshift's small first draws
const SEEDS = Array.from({ length: 80 }, (_, i) => Math.imul(i + 1, 2654435761) >>> 0);
const num = (s) => Number(s.replace('−', '-'));
const numbers = (s) => s.split(',').map((v) => num(v.trim()));
const prod = (a) => a.reduce((x, y) => x * y, 1);

function each(generator, check) {
  const seen = new Set();
  for (const seed of SEEDS) {
    const q = generator(engine, makeRandom(seed));
    assert.ok(q.question.zh && q.question.en && q.explain.zh && q.explain.en, 'both languages');
    seen.add(check(q));
  }
  return seen;
}

test('chapter 1: the variance is the biased one, and a constant row gives exactly β', () => {
  const kinds = each(formulaQuestion, (q) => {
    const row = /the row x = \[([^\]]+)\]/.exec(q.question.en);
    if (row) {
      const x = numbers(row[1]);
      const mean = x.reduce((a, b) => a + b, 0) / x.length;
      const biased = x.reduce((a, b) => a + (b - mean) ** 2, 0) / x.length;
      assert.ok(Math.abs(q.answer - biased) < 1e-9, `${q.question.en}: ${q.answer} vs ${biased}`);
      assert.equal(q.unit, 'number');
      return 'variance';
    }
    const beta = num(/every β = (\S+) and/.exec(q.question.en)[1]);
    assert.ok(Math.abs(q.answer - beta) < 1e-6, `${q.question.en}: ${q.answer}`);
    assert.equal(Math.fround(q.answer), Math.fround(beta), 'exactly β, as float32');
    return 'constant';
  });
  assert.deepEqual([...kinds].sort(), ['constant', 'variance']);
});

test('chapter 3: counts and γ shapes follow which elements share a mean', () => {
  const kinds = each(countingQuestion, (q) => {
    const shape = numbers(/shape \(([^)]+)\)/.exec(q.question.en)[1]);
    const module = /through (nn\.\w+\(.*?\))[.]/.exec(q.question.en)[1];
    let count, weight, kind;
    if (module.startsWith('nn.BatchNorm2d')) {
      [kind, count, weight] = ['bn', shape[1], [shape[1]]];
      assert.equal(module, `nn.BatchNorm2d(${shape[1]})`);
    } else if (module.includes('[')) {
      [kind, count, weight] = ['lnchw', shape[0], shape.slice(1)];
    } else {
      [kind, count, weight] = ['ln', shape[0] * shape[1], [shape[2]]];
    }
    if (q.unit === 'count') assert.equal(q.answer, count, q.question.en);
    else assert.deepEqual(q.answer, weight, q.question.en);
    return `${kind}:${q.unit}`;
  });
  assert.ok(kinds.size >= 5, [...kinds].join());
});

test('chapter 3: BatchNorm2d(3) on (2, 3, 4, 4) is 3, not 2 × 3', () => {
  // the curriculum's example, with the seed that asks it found by search
  for (let i = 1; i < 20000; i++) {
    const q = countingQuestion(engine, makeRandom(Math.imul(i, 2654435761) >>> 0));
    if (
      q.question.en.includes('(2, 3, 4, 4) = (N, C, H, W) goes through nn.BatchNorm2d(3)') &&
      q.unit === 'count'
    ) {
      assert.equal(q.answer, 3);
      assert.match(q.explain.en, /each over 32 elements/);
      return;
    }
  }
  assert.fail('no seed asked BatchNorm2d(3) on (2, 3, 4, 4)');
});

test('chapter 4: learnable parameters are 2C, 2·prod, prod with bias=False, 0 without affine', () => {
  const kinds = each(parametersQuestion, (q) => {
    const text = /does (nn\.\w+\(.*\)) have/.exec(q.question.en)[1];
    const args = /\((.*)\)$/.exec(text)[1];
    const first = parseInt(args, 10);
    let want;
    if (/^nn\.BatchNorm/.test(text)) want = args.includes('affine=False') ? 0 : 2 * first;
    else if (/^nn\.InstanceNorm/.test(text)) want = args.includes('affine=True') ? 2 * first : 0;
    else if (/^nn\.GroupNorm/.test(text)) want = 2 * numbers(args)[1];
    else {
      const shape = args.startsWith('(') ? numbers(/\(([^)]*)\)/.exec(args)[1]) : [first];
      want = args.includes('elementwise_affine=False')
        ? 0
        : args.includes('bias=False')
          ? prod(shape)
          : 2 * prod(shape);
    }
    assert.equal(q.answer, want, text);
    return text.replace(/\(.*/, '');
  });
  assert.ok(kinds.size >= 5, [...kinds].join());
});

test('chapter 5: BatchNorm and GroupNorm take dim 1, LayerNorm the last dims', () => {
  const kinds = each(usageQuestion, (q) => {
    const shape = numbers(/shape \(([^)]+)\)/.exec(q.question.en)[1]);
    if (q.unit === 'shape') {
      assert.deepEqual(q.answer, shape.slice(2), q.question.en);
      return 'ln';
    }
    assert.equal(q.answer, shape[1], q.question.en);
    return q.question.en.includes('GroupNorm') ? 'gn' : 'bn';
  });
  assert.deepEqual([...kinds].sort(), ['bn', 'gn', 'ln']);
});
