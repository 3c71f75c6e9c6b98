// Golden files checked the one way: the engine's results (scripts/lib/cases.mjs) handed to
// tests/golden/compare.py, the checker that ships with the golden format.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCases } from './cases.mjs';

export const goldenDir = fileURLToPath(new URL('../../tests/golden', import.meta.url));

export const readGolden = (file) =>
  JSON.parse(fs.readFileSync(path.isAbsolute(file) ? file : path.join(goldenDir, file), 'utf8'));

/**
 * compare.py on `results` (a case runner's {results}) against `golden` (a parsed golden document).
 * Returns {status, summary ("N passed, M failed"), output (compare.py's text)}.
 */
export function compareResults(golden, results) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'normlab-golden-'));
  const casesFile = path.join(dir, 'cases.json');
  const resultsFile = path.join(dir, 'results.json');
  fs.writeFileSync(casesFile, JSON.stringify(golden));
  fs.writeFileSync(resultsFile, JSON.stringify(results));
  const check = spawnSync('python3', [path.join(goldenDir, 'compare.py'), casesFile, resultsFile], {
    encoding: 'utf8',
  });
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    status: check.status,
    summary: check.stdout.trim().split('\n').at(-1),
    output: check.stdout + check.stderr,
  };
}

/**
 * Runs `golden` (a parsed golden document) through `engine` (and `train`, the training module's
 * engine, for training cases) and compare.py.
 * Returns {results, status, summary ("N passed, M failed"), output (compare.py's text)}.
 */
export function checkGolden(engine, golden, train) {
  const results = runCases(engine, golden, train);
  return { results: results.results, ...compareResults(golden, results) };
}
