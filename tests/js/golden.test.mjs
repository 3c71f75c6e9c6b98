// Every golden file under tests/golden, through the Wasm engine (scripts/run-cases.mjs) and
// checked by compare.py, the same checker that ships with the golden format.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const goldenDir = path.join(root, 'tests/golden');
const files = fs.readdirSync(goldenDir).filter((f) => f.endsWith('.json'));

test('there are golden files to check', () => {
  assert.ok(files.includes('layer_norm.json'));
  assert.ok(files.includes('examples.json'));
});

for (const file of files) {
  test(`golden ${file}: every case matches PyTorch`, () => {
    const cases = path.join(goldenDir, file);
    const results = execFileSync(
      process.execPath,
      [path.join(root, 'scripts/run-cases.mjs'), cases],
      {
        maxBuffer: 1 << 28,
        encoding: 'utf8',
      },
    );
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'normlab-')), 'results.json');
    fs.writeFileSync(out, results);
    const check = spawnSync('python3', [path.join(goldenDir, 'compare.py'), cases, out], {
      encoding: 'utf8',
    });
    const summary = check.stdout.trim().split('\n').at(-1);
    assert.match(summary, /^\d+ passed, 0 failed$/, check.stdout + check.stderr);
    assert.equal(check.status, 0);
    const total = JSON.parse(fs.readFileSync(cases, 'utf8')).cases.length;
    assert.equal(summary, `${total} passed, 0 failed`);
  });
}
