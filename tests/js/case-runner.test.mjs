// The case runner (scripts/run-cases.mjs, scripts/lib/cases.mjs) on malformed case files: every
// problem is that case's (or that step's) error, the process ends normally, and a good case after
// the bad ones still computes PyTorch's numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readGolden, compareResults } from '../../scripts/lib/golden-check.mjs';

const runner = fileURLToPath(new URL('../../scripts/run-cases.mjs', import.meta.url));
const t = (shape, data) => ({ shape, data });
const x24 = Array.from({ length: 24 }, (_, i) => (i % 7) - 3);
const lnStep = (input) => ({ mode: 'train', input, expect: {} });

function run(file) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'normlab-cases-'));
  const casesFile = path.join(dir, 'cases.json');
  fs.writeFileSync(casesFile, typeof file === 'string' ? file : JSON.stringify(file));
  const r = spawnSync(process.execPath, [runner, casesFile], { encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true, force: true });
  return r;
}

test('malformed cases are each their own error; the run goes on and the good case computes', () => {
  const good = readGolden('examples.json').cases;
  const ln = { op: 'layer_norm', args: { normalized_shape: [4] } };
  const bad = [
    // [case, the error it must give (case level) or null when the error is a step's]
    [
      {
        id: 'weight-3-on-4',
        ...ln,
        params: { weight: t([3], [1, 2, 3]) },
        steps: [lnStep(t([2, 3, 4], x24))],
      },
      /size mismatch for weight: copying a param with shape torch.Size\(\[3\]\) from checkpoint, the shape in current model is torch.Size\(\[4\]\)/,
    ],
    [
      { id: 'bias-short-data', ...ln, params: { bias: t([4], [1, 2]) }, steps: [] },
      /params.bias has 2 values but its shape \[4\] needs 4/,
    ],
    [
      { id: 'no-such-param', ...ln, params: { gamma: t([4], [1, 1, 1, 1]) }, steps: [] },
      /the module has no parameter gamma/,
    ],
    [
      { id: 'unknown-op', op: 'layer_normal', args: {}, steps: [] },
      /not implemented: layer_normal/,
    ],
    [{ id: 'no-op', args: {}, steps: [] }, /the case has no "op"/],
    [{ id: 'no-steps', ...ln }, /"steps" must be a list/],
    [{ id: 'args-list', op: 'layer_norm', args: [4], steps: [] }, /"args" must be an object/],
    [
      {
        id: 'refused-module',
        op: 'group_norm',
        args: { num_groups: 4, num_channels: 6 },
        steps: [],
      },
      /num_channels must be divisible by num_groups/,
    ],
    [
      { id: 'optim-no-param', op: 'adam', args: { lr: 0.1 }, params: {}, steps: [] },
      /params.param must be a tensor/,
    ],
    [
      {
        id: 'optim-grad-size',
        op: 'sgd',
        args: { lr: 0.1 },
        params: { param: t([2], [1, 2]) },
        steps: [{ grad: t([3], [1, 2, 3]) }],
      },
      null,
    ],
    [{ id: 'step-not-number', ...ln, steps: [lnStep(t([1, 4], [1, 'two', 3, 4]))] }, null],
    [
      { id: 'step-huge-shape', ...ln, steps: [lnStep(t([2 ** 40, 2 ** 40, 4], [1, 2, 3, 4]))] },
      null,
    ],
    [{ id: 'step-negative-dim', ...ln, steps: [lnStep(t([-1, 4], [1, 2, 3, 4]))] }, null],
    [{ id: 'step-no-input', ...ln, steps: [{ mode: 'train' }] }, null],
    [
      { id: 'step-bad-mode', ...ln, steps: [{ mode: 'test', input: t([1, 4], [1, 2, 3, 4]) }] },
      null,
    ],
    [
      {
        id: 'step-grad-shape',
        ...ln,
        steps: [
          { mode: 'train', input: t([1, 4], [1, 2, 3, 4]), grad_output: t([4], [1, 1, 1, 1]) },
        ],
      },
      null,
    ],
    [{ id: 'case-not-object' }, null],
  ];
  const cases = [...bad.map(([c]) => c), 7, null, ...good];
  cases[bad.length - 1] = 'not a case';
  const r = run({ source: 'malformed on purpose', tolerance: { rtol: 1e-4, atol: 1e-5 }, cases });
  assert.equal(r.status, 0, r.stderr);
  const { results } = JSON.parse(r.stdout);
  assert.equal(results.length, cases.length, 'one result per case');
  bad.forEach(([c, message], i) => {
    const res = results[i];
    if (typeof cases[i] !== 'object') return assert.match(res.error, /a case must be an object/);
    assert.equal(res.id, c.id);
    if (message) return assert.match(res.error ?? '', message, c.id);
    // a bad step: that step's error, the case itself ran
    assert.equal(res.error, undefined, c.id);
    assert.equal(res.steps.length, 1, c.id);
    assert.ok(typeof res.steps[0].error === 'string' && res.steps[0].error.length > 10, c.id);
  });
  const stepError = (id) => results[bad.findIndex(([c]) => c.id === id)].steps[0].error;
  assert.match(stepError('step-not-number'), /steps\[0\]\.input\.data\[1\] is not a number: "two"/);
  assert.match(stepError('step-huge-shape'), /has 4 values but its shape .* needs/);
  assert.match(stepError('optim-grad-size'), /grad has shape \[3\], the parameter \[2\]/);
  assert.match(results[bad.length].error, /a case must be an object/, 'a number is no case');
  assert.match(results[bad.length + 1].error, /a case must be an object/, 'null is no case');
  // the good cases after them: compare.py checks them against PyTorch
  const check = compareResults(readGolden('examples.json'), {
    results: results.slice(bad.length + 2),
  });
  assert.equal(check.summary, `${good.length} passed, 0 failed`, check.output);
});

test('a file that is not a case file is refused whole, with a message and exit status 2', () => {
  for (const [file, message] of [
    ['{"cases": ', /cannot read .*JSON/],
    ['[1, 2]', /a case file is an object with a "cases" list/],
    ['{"cases": 3}', /a case file is an object with a "cases" list/],
  ]) {
    const r = run(file);
    assert.equal(r.status, 2, file);
    assert.match(r.stderr, message, file);
    assert.equal(r.stdout, '');
  }
});

test('malformed training cases are each their own error too; the good ones still compute', () => {
  const lin = { op: 'linear', args: { in_features: 2, out_features: 1 } };
  const xs = t([1, 2], [1, 2]);
  const net = {
    op: 'sequential',
    args: {
      layers: [{ type: 'linear', in_features: 2, out_features: 3 }],
      optimizer: { op: 'sgd', lr: 0.1 },
    },
  };
  const bad = [
    // [case, case-level error, or null and the step's error]
    [
      {
        id: 'layer-type',
        op: 'sequential',
        args: { layers: [{ type: 'dropout' }], optimizer: { op: 'sgd', lr: 1 } },
        steps: [],
      },
      /unknown layer type: dropout/,
      null,
    ],
    [
      { id: 'no-layers', op: 'sequential', args: { optimizer: { op: 'sgd', lr: 1 } }, steps: [] },
      /args.layers must be a list/,
      null,
    ],
    [
      { id: 'no-optimizer', op: 'sequential', args: { layers: [] }, steps: [] },
      /args.optimizer must be an object/,
      null,
    ],
    [
      { id: 'net-weight-size', ...net, params: { '0.weight': t([2, 2], [1, 2, 3, 4]) }, steps: [] },
      /size mismatch for 0.weight: copying a param with shape torch.Size\(\[2, 2\]\) from checkpoint, the shape in current model is torch.Size\(\[3, 2\]\)/,
      null,
    ],
    [
      { id: 'net-no-param', ...net, params: { '1.weight': t([1], [1]) }, steps: [] },
      /the module has no parameter 1.weight/,
      null,
    ],
    [
      {
        id: 'net-target-fraction',
        ...net,
        steps: [{ mode: 'train', input: xs, target: t([1], [0.5]) }],
      },
      null,
      /steps\[0\].target.data\[0\] is not a class index: 0.5/,
    ],
    [
      { id: 'net-no-target', ...net, steps: [{ mode: 'train', input: xs }] },
      null,
      /steps\[0\].target must be a tensor/,
    ],
    [
      {
        id: 'net-target-range',
        ...net,
        steps: [{ mode: 'train', input: xs, target: t([1], [3]) }],
      },
      null,
      /^Target 3 is out of bounds.$/,
    ],
    [
      {
        id: 'layer-grad-shape',
        ...lin,
        steps: [{ mode: 'train', input: xs, grad_output: t([2], [1, 1]) }],
      },
      null,
      /grad_output has shape \[2\], the output \[1,1\]/,
    ],
    [
      {
        id: 'layer-kernel-text',
        op: 'conv2d',
        args: { in_channels: 1, out_channels: 1, kernel_size: 'three' },
        steps: [],
      },
      /kernel_size must be a whole number/,
      null,
    ],
    [
      {
        id: 'ce-no-target',
        op: 'cross_entropy',
        args: {},
        steps: [{ mode: 'train', input: t([1, 2], [1, 2]) }],
      },
      null,
      /steps\[0\].target must be a tensor/,
    ],
  ];
  const good = readGolden('train_layers.json')
    .cases.filter((c) => c.op === 'conv2d')
    .slice(0, 4);
  const r = run({
    source: 'malformed on purpose',
    tolerance: { rtol: 1e-4, atol: 1e-5 },
    cases: [...bad.map(([c]) => c), ...good],
  });
  assert.equal(r.status, 0, r.stderr);
  const { results } = JSON.parse(r.stdout);
  bad.forEach(([c, caseError, stepError], i) => {
    const res = results[i];
    assert.equal(res.id, c.id);
    if (caseError) return assert.match(res.error ?? '', caseError, c.id);
    assert.equal(res.error, undefined, c.id);
    assert.match(res.steps[0].error ?? '', stepError, c.id);
  });
  // the good cases after them match PyTorch
  const check = compareResults(
    { ...readGolden('train_layers.json'), cases: good },
    { results: results.slice(bad.length) },
  );
  assert.equal(check.summary, `${good.length} passed, 0 failed`, check.output);
});
