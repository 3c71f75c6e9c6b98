// scripts/check-architecture.mjs on small fixture trees: each rule fails on a tree that breaks it,
// and a tree in the target layout passes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { checkArchitecture } from '../../scripts/check-architecture.mjs';

const SCRIPT = fileURLToPath(new URL('../../scripts/check-architecture.mjs', import.meta.url));

/** A web/ tree in the target layout that breaks no rule. */
const CLEAN = {
  'model/shapes.js': 'export const numel = (shape) => shape.reduce((a, b) => a * b, 1);\n',
  'model/optimizers.js':
    "export const OPTIMIZERS = [{ op: 'adam', defaults: { lr: 0.001, betas: [0.9, 0.999], eps: 1e-8 } }];\n",
  'controllers/engine.js': "import { numel } from '../model/shapes.js';\nexport { numel };\n",
  'charts/axis.js': "import { scaleLinear } from 'd3-scale';\nexport const axis = scaleLinear;\n",
  'engine/norm.js': 'export const run = () => 0;\n',
  'widgets/shared/styles.js': "import { css } from 'lit';\nexport const styles = css``;\n",
  'widgets/norm-cube/index.js': [
    "import { LitElement } from 'lit';",
    "import { view } from './view.js';",
    "import { styles } from '../shared/styles.js';",
    "import { numel } from '../../model/shapes.js';",
    "import { run } from '../../engine/norm.js';",
    "import { axis } from '../../charts/axis.js';",
    "export * from '../../controllers/engine.js';",
    'class NormCube extends LitElement {}',
    "customElements.define('norm-cube', NormCube);",
    '',
  ].join('\n'),
  'widgets/norm-cube/view.js': "export const view = () => import('./text.js');\n",
  'widgets/norm-cube/text.js': "export const text = { zh: '立方', en: 'cube' };\n",
  'widgets/bn-stepper.js': [
    "import { LitElement } from 'lit';",
    "import { OPTIMIZERS } from '../model/optimizers.js';",
    'class BnStepper extends LitElement {}',
    "customElements.define('bn-stepper', BnStepper);",
    // an optimizer literal that is not a default: SGD with momentum 0.9 (PyTorch's default is 0)
    "export const lane = { op: 'sgd', args: { momentum: 0.9, lr: 0.01 } };",
    '',
  ].join('\n'),
  'chapters/03-counting.js': [
    "import '../widgets/norm-cube/index.js';",
    "import '../widgets/bn-stepper.js';",
    "import { numel } from '../model/shapes.js';",
    'export default { numel };',
    '',
  ].join('\n'),
  'styles/page.css': 'body { margin: 0; }\n',
};

function tree(extra = {}, drop = []) {
  const root = mkdtempSync(join(tmpdir(), 'check-architecture-'));
  const files = { ...CLEAN, ...extra };
  for (const [path, text] of Object.entries(files)) {
    if (drop.includes(path)) continue;
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

function check(extra, drop) {
  const root = tree(extra, drop);
  try {
    return checkArchitecture(root).violations;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const rulesOf = (violations) => [...new Set(violations.map((v) => v.rule))];

test('a tree in the target layout passes, and the command exits 0', () => {
  assert.deepEqual(check(), []);
  const root = tree();
  try {
    const run = spawnSync(process.execPath, [SCRIPT, '--root', root], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /0 violations/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("a widget that imports another widget's folder or flat file fails", () => {
  const into = check({
    'widgets/deep-stack/index.js': "import { view } from '../norm-cube/view.js';\n",
  });
  assert.deepEqual(rulesOf(into), ['widget-imports']);
  assert.equal(into[0].file, 'widgets/deep-stack/index.js');
  assert.equal(into[0].line, 1);
  // today's flat files: each is a folder of one file
  const flat = check({
    'widgets/decay-compare.js': "export { lane } from './bn-stepper.js';\n",
    'widgets/optimizer-race.js': "const load = () => import('./decay-compare.js');\n",
  });
  assert.deepEqual(
    flat.map((v) => [v.rule, v.file]),
    [
      ['widget-imports', 'widgets/decay-compare.js'],
      ['widget-imports', 'widgets/optimizer-race.js'],
    ],
  );
  // a package other than lit and d3
  assert.deepEqual(rulesOf(check({ 'widgets/x-y.js': "import temml from 'temml';\n" })), [
    'widget-imports',
  ]);
});

test("a bare import of another widget's entry registers a child element and passes", () => {
  const registers = check({
    'widgets/norm-playground/index.js': "import '../tensor-editor/index.js';\n",
    'widgets/tensor-editor/index.js': "customElements.define('tensor-editor', class {});\n",
  });
  assert.deepEqual(registers, []);
  // binding anything from it, or a bare import of its internals, still fails
  const binds = check({
    'widgets/norm-playground/index.js':
      "import { parseNumber } from '../tensor-editor/index.js';\nimport '../tensor-editor/view.js';\n",
    'widgets/tensor-editor/index.js': "customElements.define('tensor-editor', class {});\n",
    'widgets/tensor-editor/view.js': 'export const view = 1;\n',
  });
  assert.deepEqual(
    binds.map((v) => [v.rule, v.line]),
    [
      ['widget-imports', 1],
      ['widget-imports', 2],
    ],
  );
});

test("a chapter that imports a widget's internals fails; a widget's entry passes", () => {
  const internals = check({
    'chapters/04-params.js': "import { view } from '../widgets/norm-cube/view.js';\n",
  });
  assert.deepEqual(rulesOf(internals), ['chapter-imports-internals']);
  const lib = check({ 'chapters/lib/q.js': "import '../../widgets/lib/run-module.js';\n" });
  assert.deepEqual(rulesOf(lib), ['chapter-imports-internals']);
  // a flat file that defines no element is no widget's entry
  const helper = check({
    'widgets/host-style.js': 'export const s = 1;\n',
    'chapters/05-usage.js': "import { s } from '../widgets/host-style.js';\n",
  });
  assert.deepEqual(rulesOf(helper), ['chapter-imports-internals']);
});

test('a source file of more than 400 lines fails, 400 lines pass', () => {
  const lines = (n) => '// a line\n'.repeat(n);
  assert.deepEqual(check({ 'engine/long.js': lines(400) }), []);
  const long = check({ 'engine/long.js': lines(401), 'styles/long.css': 'a {}\n'.repeat(401) });
  assert.deepEqual(
    long.map((v) => [v.rule, v.file, v.line]),
    [
      ['file-length', 'engine/long.js', 401],
      ['file-length', 'styles/long.css', 401],
    ],
  );
});

test("a JS file that restates the catalog's optimizer defaults fails", () => {
  const restated = check({
    'widgets/race.js': [
      "export const LANES = [{ op: 'adam', defaults: { betas: [0.9, 0.999], eps: 1e-8 } }];",
      'export const TORCH = { adam: { lr: 0.001 } };',
      '',
    ].join('\n'),
  });
  assert.deepEqual(
    restated.map((v) => [v.rule, v.line, v.message.split(' (')[0]]),
    [
      ['optimizer-default', 1, "restates adam's default betas = [0.9,0.999]"],
      ['optimizer-default', 1, "restates adam's default eps = 1e-8"],
      ['optimizer-default', 2, "restates adam's default lr = 0.001"],
    ],
  );
  // the same numbers with no optimizer kind next to them are no restatement
  assert.deepEqual(
    check({ 'widgets/plot.js': 'export const a = { lr: 0.001, eps: 1e-8 };\n' }),
    [],
  );
  // without a catalog, torch.optim's defaults stand in for it
  const noCatalog = check(
    { 'widgets/race.js': "export const r = { op: 'RMSprop', alpha: 0.99 };\n" },
    ['model/optimizers.js'],
  );
  assert.deepEqual(rulesOf(noCatalog), ['optimizer-default']);
});

test('a model module that uses lit, the DOM or a widget fails', () => {
  const dom = check({
    'model/bad.js': [
      "import { html } from 'lit';",
      "import '../widgets/bn-stepper.js';",
      'export const w = () => document.title + window.name;',
      'export const g = () => globalThis.customElements;',
      'export class A extends HTMLElement {}',
      '',
    ].join('\n'),
  });
  assert.deepEqual(
    dom.map((v) => [v.rule, v.line]),
    [
      ['model-dom', 1],
      ['model-dom', 2],
      ['model-dom', 3],
      ['model-dom', 3],
      ['model-dom', 4],
      ['model-dom', 5],
    ],
  );
  // a property of the same name is no DOM global
  assert.deepEqual(
    check({ 'model/ok.js': 'export const o = { document: 1 }; o.window = 2;\n' }),
    [],
  );
});

test('the command exits 1 on a violation and 0 with --report, naming the file', () => {
  const root = tree({ 'widgets/a-b.js': "import { lane } from '../widgets/bn-stepper.js';\n" });
  try {
    const fail = spawnSync(process.execPath, [SCRIPT, '--root', root], { encoding: 'utf8' });
    assert.equal(fail.status, 1);
    assert.match(
      fail.stdout,
      /web\/widgets\/a-b\.js:1 {2}imports another widget, widgets\/bn-stepper\.js/,
    );
    const report = spawnSync(process.execPath, [SCRIPT, '--root', root, '--report'], {
      encoding: 'utf8',
    });
    assert.equal(report.status, 0);
    assert.match(report.stdout, /1 violations/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
