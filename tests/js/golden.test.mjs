// Every golden file under tests/golden through the Wasm engine, checked by compare.py; plus what
// compare.py leaves alone (buffer shapes). scripts/run-cases.mjs, the command-line runner, is run
// once on a whole file too.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadNodeEngine } from '../../scripts/lib/node-engine.mjs';
import { checkGolden, goldenDir, readGolden } from '../../scripts/lib/golden-check.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const FAMILIES = ['layer_norm', 'batch_norm', 'instance_norm', 'group_norm', 'optim'];
const files = fs.readdirSync(goldenDir).filter((f) => f.endsWith('.json'));

let engine;
before(async () => {
  engine = await loadNodeEngine();
});

test('every family has its golden file, with dozens of cases', () => {
  for (const family of FAMILIES) {
    assert.ok(files.includes(`${family}.json`), family);
    assert.ok(readGolden(`${family}.json`).cases.length >= 50, family);
  }
  assert.ok(files.includes('examples.json'));
});

for (const file of files) {
  test(`golden ${file}: every case matches PyTorch`, () => {
    const golden = readGolden(file);
    const r = checkGolden(engine, golden);
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
