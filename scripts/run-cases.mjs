#!/usr/bin/env node
// usage: node scripts/run-cases.mjs CASES.json > RESULTS.json
// Prints what the Wasm module built from cpp/ computes for each golden case (never reading
// `expect`), in the results format of tests/golden/SCHEMA.md. A malformed case is that case's
// error and the run goes on; only a file that is no case file at all ends it (exit status 2).
// Training cases run on the training module, build/wasm/normlab-train.{js,wasm}.
import fs from 'node:fs';
import { needsTraining, runCases } from './lib/cases.mjs';
import { loadNodeEngine, loadNodeTrainEngine } from './lib/node-engine.mjs';

const [file] = process.argv.slice(2);
if (!file) {
  console.error('usage: node scripts/run-cases.mjs CASES.json');
  process.exit(2);
}
let cases;
try {
  cases = JSON.parse(fs.readFileSync(file, 'utf8'));
} catch (err) {
  console.error(`run-cases: cannot read ${file}: ${err.message}`);
  process.exit(2);
}
const engine = await loadNodeEngine();
// the training module only for files with training cases (layers, cross_entropy, sequential)
const train = needsTraining(cases) ? await loadNodeTrainEngine() : undefined;
let results;
try {
  results = runCases(engine, cases, train);
} catch (err) {
  console.error(`run-cases: ${file}: ${err.message}`);
  process.exit(2);
}
process.stdout.write(JSON.stringify(results) + '\n');
