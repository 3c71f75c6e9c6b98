#!/usr/bin/env node
// npm run bench [-- --json FILE] [--quick] [--only SUBSTRING]
// Times the kernels the page runs and prints ratios measured in this one run (this machine is
// noisy, so no bare times): Wasm (Node, -O3 -msimd128) over native (clang -O3), plain JS over
// Wasm, Wasm over PyTorch's CPU kernels on one thread (when Debian's python3-torch is installed),
// and the bandwidth the Wasm kernel reaches (modelled bytes / time) as a fraction of a copy loop's
// bandwidth in the same Wasm run. Ratios use each side's minimum over repetitions; the medians'
// ratios are printed beside them. Then training steps per second of the training lab's default
// network in Wasm, natively and in PyTorch (one thread), under "training" in the JSON.
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
  if (name.startsWith('copy@') || name.startsWith('train_step@')) continue;
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

// Training steps per second of the training lab's default network (cnn8x8: Conv3x3 1->16, norm,
// ReLU, Conv3x3 16->32, norm, ReLU, AvgPool 2, Linear 512->10, cross-entropy, Adam, batch 32),
// from each side's minimum step time: "train_step@cnn8x8-bn@32" becomes "cnn8x8-bn@32".
const training = {};
const perSecond = (r) => (r && r.min_s > 0 ? 1 / r.min_s : undefined);
for (const [name, w] of Object.entries(wasm)) {
  if (!name.startsWith('train_step@')) continue;
  const entry = {
    wasm_steps_per_s: perSecond(w),
    native_steps_per_s: perSecond(native[name]),
    torch_steps_per_s: torch ? perSecond(torch[name]) : undefined,
  };
  for (const key of Object.keys(entry)) if (entry[key] === undefined) delete entry[key];
  training[name.slice('train_step@'.length)] = entry;
}
if (Object.keys(training).length) {
  console.log(
    `\n${'training step@batch'.padEnd(40)} ${'wasm/s'.padEnd(9)} ${'native/s'.padEnd(9)} ` +
      `${'torch/s'.padEnd(9)} ${'wasm/native'.padEnd(12)} wasm/torch`,
  );
  for (const [name, e] of Object.entries(training)) {
    console.log(
      `${name.padEnd(40)} ${f(e.wasm_steps_per_s, 1).padEnd(9)} ${f(e.native_steps_per_s, 1).padEnd(9)} ` +
        `${f(e.torch_steps_per_s, 1).padEnd(9)} ` +
        `${f(ratio(e.wasm_steps_per_s, e.native_steps_per_s)).padEnd(12)} ` +
        `${f(ratio(e.wasm_steps_per_s, e.torch_steps_per_s))}`,
    );
  }
  console.log(
    'steps per second from minimum step times in this run (ratios > 1: Wasm faster); target: ' +
      'wasm/torch >= 1',
  );
}
if (jsonFile) {
  fs.writeFileSync(jsonFile, JSON.stringify({ kernels, training }, null, 2) + '\n');
  console.log(`bench: wrote ${jsonFile}`);
}
