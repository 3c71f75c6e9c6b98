#!/usr/bin/env node
// usage: node scripts/run-cases.mjs CASES.json > RESULTS.json
// Prints what the Wasm module built from cpp/ computes for each golden case (never reading
// `expect`), in the results format of tests/golden/SCHEMA.md.
import fs from 'node:fs';
import { runCases } from './lib/cases.mjs';
import { loadNodeEngine } from './lib/node-engine.mjs';

const [file] = process.argv.slice(2);
if (!file) {
  console.error('usage: node scripts/run-cases.mjs CASES.json');
  process.exit(2);
}
const cases = JSON.parse(fs.readFileSync(file, 'utf8'));
const engine = await loadNodeEngine();
process.stdout.write(JSON.stringify(runCases(engine, cases)) + '\n');
