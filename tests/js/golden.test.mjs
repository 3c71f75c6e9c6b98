// Every golden file under tests/golden through the Wasm engine, checked by compare.py; plus what
// compare.py leaves alone (buffer shapes). scripts/run-cases.mjs, the command-line runner, is run
// once on a whole file too.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadNodeEngine, loadNodeTrainEngine } from '../../scripts/lib/node-engine.mjs';
import { checkGolden, goldenDir, readGolden } from '../../scripts/lib/golden-check.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const FAMILIES = [
  'layer_norm',
  'batch_norm',
  'instance_norm',
  'group_norm',
  'rms_norm',
  'optim',
  'train_layers',
  'train_networks',
  'pitfalls',
];
// whole networks are few and large, RMSNorm has about 40, the pitfalls chapter's cases pin what
// its widgets show; every other family has at least 50
const MIN_CASES = { train_networks: 30, rms_norm: 40, pitfalls: 14 };
const files = fs.readdirSync(goldenDir).filter((f) => f.endsWith('.json'));

let engine, train;
before(async () => {
  engine = await loadNodeEngine();
  train = await loadNodeTrainEngine();
});

test('every family has its golden file, with dozens of cases', () => {
  for (const family of FAMILIES) {
    assert.ok(files.includes(`${family}.json`), family);
    assert.ok(readGolden(`${family}.json`).cases.length >= (MIN_CASES[family] ?? 50), family);
  }
  assert.ok(files.includes('examples.json'));
});

for (const file of files) {
  test(`golden ${file}: every case matches PyTorch`, () => {
    const golden = readGolden(file);
    const r = checkGolden(engine, golden, train);
    assert.equal(r.summary, `${golden.cases.length} passed, 0 failed`, r.output);
    assert.equal(r.status, 0);
    const byId = new Map(r.results.map((res) => [res.id, res]));
    for (const c of golden.cases) {
      if (c.expect_buffer_shapes && !c.expect?.error) {
        assert.deepEqual(byId.get(c.id).buffer_shapes, c.expect_buffer_shapes, c.id);
      }
    }
  });
}

test('scripts/run-cases.mjs prints the results of a golden file as JSON', () => {
  const stdout = execFileSync(
    process.execPath,
    [path.join(root, 'scripts/run-cases.mjs'), path.join(goldenDir, 'examples.json')],
    { encoding: 'utf8' },
  );
  const { results } = JSON.parse(stdout);
  const cases = readGolden('examples.json').cases;
  assert.deepEqual(
    results.map((r) => r.id),
    cases.map((c) => c.id),
  );
  assert.ok(results.every((r) => r.error || r.steps.length > 0));
});

test('the training golden files cover every layer op, each with PyTorch refusals, and networks', () => {
  const layers = readGolden('train_layers.json').cases;
  for (const op of ['linear', 'conv2d', 'relu', 'gelu', 'avg_pool2d', 'flatten', 'cross_entropy']) {
    const ofOp = layers.filter((c) => c.op === op);
    assert.ok(ofOp.length >= 5, op);
    const refusals = ofOp.filter((c) => c.expect?.error || c.steps.some((s) => s.expect.error));
    if (op !== 'relu') assert.ok(refusals.length >= 1, `${op} has a case PyTorch refuses`);
  }
  const nets = readGolden('train_networks.json').cases;
  for (const norm of ['none', 'bn', 'ln', 'gn', 'in']) {
    for (const opt of ['sgd', 'adamw']) assert.ok(nets.some((c) => c.id === `cnn-${norm}-${opt}`));
  }
  assert.ok(nets.filter((c) => c.id.endsWith('-adam-l2')).length >= 3);
  // three optimizer steps: every parameter is recorded after each
  const c = nets.find((n) => n.id === 'cnn-bn-sgd');
  assert.deepEqual(
    c.steps.map((s) => s.mode),
    ['train', 'train', 'train', 'eval'],
  );
  for (const name of Object.keys(c.params))
    assert.ok(
      c.steps.every((s) => `param:${name}` in s.expect),
      name,
    );
});

test('a training case file without the training module: each training case says so', () => {
  const golden = readGolden('train_layers.json');
  const r = checkGolden(engine, { ...golden, cases: golden.cases.slice(0, 3) });
  assert.equal(r.status, 1);
  for (const res of r.results) assert.match(res.error, /normlab-train\.wasm.*not loaded/);
});
