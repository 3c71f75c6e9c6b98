#!/usr/bin/env node
// npm run bench [-- --json FILE] [--quick] [--only SUBSTRING]
// Times the kernels the page runs and prints ratios measured in this one run (this machine is
// noisy, so no bare times): Wasm (Node, -O3 -msimd128) over native (clang -O3), plain JS over
// Wasm, Wasm over PyTorch's CPU kernels on one thread (when Debian's python3-torch is installed),
// and the bandwidth the Wasm kernel reaches (modelled bytes / time) as a fraction of a copy loop's
// bandwidth in the same Wasm run. Ratios use each side's minimum over repetitions; the medians'
// ratios are printed beside them.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runPlainJs } from './bench/plain-js.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : '';
const jsonFile = args.includes('--json') ? args[args.indexOf('--json') + 1] : null;
const passArgs = [...(quick ? ['--quick'] : []), ...(only ? ['--only', only] : [])];

const sh = (cmd, cmdArgs, env = {}) =>
  execFileSync(cmd, cmdArgs, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 26,
  }).toString();
const byName = (doc) => Object.fromEntries(doc.results.map((r) => [r.name, r]));

console.error('bench: building (native-release and wasm presets)');
if (!fs.existsSync(path.join(root, 'build/native-release/build.ninja'))) {
  sh('cmake', ['--preset', 'native-release']);
}
sh('cmake', ['--build', '--preset', 'native-release', '--target', 'normlab_bench']);
const emEnv = { NODE_PATH: '/usr/share/nodejs' };
if (!fs.existsSync(path.join(root, 'build/wasm/build.ninja')))
  sh('cmake', ['--preset', 'wasm'], emEnv);
sh('cmake', ['--build', '--preset', 'wasm', '--target', 'normlab_bench'], emEnv);

console.error('bench: native');
const native = byName(JSON.parse(sh('build/native-release/normlab_bench', passArgs)));
console.error('bench: wasm');
const wasm = byName(
  JSON.parse(
    sh(process.execPath, ['--no-experimental-fetch', 'build/wasm/normlab_bench.cjs', ...passArgs]),
  ),
);
console.error('bench: plain JS');
const js = byName({ results: runPlainJs({ quick, only }) });
let torch = null;
const hasTorch =
  spawnSync('/usr/bin/python3', ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
if (hasTorch) {
  console.error('bench: PyTorch (1 thread)');
  torch = byName(JSON.parse(sh('/usr/bin/python3', ['scripts/bench/torch_bench.py', ...passArgs])));
} else {
  console.error(
    'bench: PyTorch skipped: /usr/bin/python3 has no torch (apt-get install python3-torch)',
  );
}

const copy = wasm['copy@64MB'];
const copyBandwidth = copy ? copy.bytes / copy.min_s : NaN;
const kernels = {};
const rows = [];
const ratio = (a, b) => (a && b ? a / b : null);
for (const [name, w] of Object.entries(wasm)) {
  if (name.startsWith('copy@')) continue;
  const entry = {
    wasm_over_native: ratio(w.min_s, native[name]?.min_s),
    js_over_wasm: ratio(js[name]?.min_s, w.min_s),
    wasm_over_torch: torch ? ratio(w.min_s, torch[name]?.min_s) : null,
    bandwidth_fraction: w.bytes / w.min_s / copyBandwidth,
  };
  kernels[name] = entry;
  rows.push([
    name,
    entry,
    {
      wasm_over_native: ratio(w.median_s, native[name]?.median_s),
      js_over_wasm: ratio(js[name]?.median_s, w.median_s),
      wasm_over_torch: torch ? ratio(w.median_s, torch[name]?.median_s) : null,
    },
  ]);
}

const f = (v, digits = 2) =>
  v === null || v === undefined || Number.isNaN(v) ? '—' : v.toFixed(digits);
const cell = (min, median) => `${f(min)} (${f(median)})`.padEnd(13);
console.log(
  `\n${'kernel@size'.padEnd(40)} ${'wasm/native'.padEnd(13)} ${'js/wasm'.padEnd(13)} ` +
    `${'wasm/torch'.padEnd(13)} bandwidth/copy`,
);
for (const [name, min, median] of rows) {
  console.log(
    `${name.padEnd(40)} ${cell(min.wasm_over_native, median.wasm_over_native)} ` +
      `${cell(min.js_over_wasm, median.js_over_wasm)} ${cell(min.wasm_over_torch, median.wasm_over_torch)} ` +
      `${f(min.bandwidth_fraction)}`,
  );
}
console.log(
  '\nratios of minimum times (of medians in parentheses); targets: wasm/native <= 1.5, js/wasm >= 5,' +
    ' wasm/torch <= 2, bandwidth/copy >= 0.6 on the large sizes' +
    (torch ? '' : '\nPyTorch was not installed: wasm/torch not measured'),
);
if (jsonFile) {
  fs.writeFileSync(jsonFile, JSON.stringify({ kernels }, null, 2) + '\n');
  console.log(`bench: wrote ${jsonFile}`);
}
