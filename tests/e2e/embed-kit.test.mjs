// The npm package "normlab" where people write: packed from dist/ by scripts/build-npm-package.mjs,
// checked for what it declares (exports, the Custom Elements Manifest, types that tsc checks), then
// installed from its tarball into scratch projects built with their own tools: a Vite app that
// imports normlab/engine (the .wasm must be copied, not lost), and a VitePress site whose Markdown
// page uses <norm-cube> and <norm-playground>, opened in Chromium, where the widgets must compute.
// The frameworks come from build/hosts/NAME/ (scripts/setup-hosts.sh, run by scripts/setup.sh);
// each scratch project is a temp folder there and installs only the tarball, offline.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, preview } from 'vite';
import { root, launchBrowser, openPage } from './harness.mjs';
import { CATALOG } from '../../web/docs-catalog.js';

const run = promisify(execFile);
const hosts = path.join(root, 'build/hosts');
const templates = path.join(root, 'tests/e2e/hosts');
const scratch = [];
let tarball = null;
let pkg = null; // the tarball, unpacked
let browser = null;

/** A temp folder under `parent`, removed after the tests. */
function tempDir(parent, prefix) {
  fs.mkdirSync(parent, { recursive: true });
  const dir = fs.mkdtempSync(path.join(parent, prefix));
  scratch.push(dir);
  return dir;
}

/** npm install of the tarball alone, from disk: the package has no dependencies to fetch. */
async function installTarball(dir, extra = {}) {
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({
      name: 'scratch',
      private: true,
      type: 'module',
      ...extra,
      dependencies: { normlab: `file:${tarball}` },
    }),
  );
  await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: dir,
  });
  assert.ok(
    fs.existsSync(path.join(dir, 'node_modules/normlab/widgets.js')),
    'npm installed the tarball',
  );
}

/** A static server on a built site, and the page at `file` opened in Chromium. */
async function openBuilt(outDir, file) {
  const server = await preview({
    root: outDir,
    configFile: false,
    build: { outDir },
    logLevel: 'silent',
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  const opened = await openPage(browser);
  const warnings = [];
  opened.page.on('console', (msg) => {
    if (msg.type() === 'warning') warnings.push(msg.text());
  });
  await opened.page.goto(`http://127.0.0.1:${server.httpServer.address().port}/${file}`);
  return {
    ...opened,
    warnings,
    close: async () => (await opened.context.close(), await server.close()),
  };
}

before(async () => {
  const { stdout } = await run('node', [path.join(root, 'scripts/build-npm-package.mjs')], {
    cwd: root,
  });
  tarball = stdout.trim().split('\n').pop();
  assert.ok(fs.existsSync(tarball), `npm pack wrote ${tarball}`);
  const dir = tempDir(path.join(root, 'build/npm'), 'unpacked-');
  await run('tar', ['xzf', tarball, '-C', dir]);
  pkg = path.join(dir, 'package');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  for (const dir of scratch) fs.rmSync(dir, { recursive: true, force: true });
});

test('the packed package: every export is in the tarball, the manifest has every widget of docs.html', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(pkg, 'package.json'), 'utf8'));
  assert.equal(manifest.name, 'normlab');
  assert.equal(manifest.private, undefined);
  assert.equal(manifest.customElements, 'custom-elements.json');
  for (const entry of [
    './widgets',
    './engine',
    './tags',
    './widgets.iife.js',
    './custom-elements.json',
  ])
    assert.ok(manifest.exports[entry], `exports ${entry}`);
  const files = Object.values(manifest.exports).flatMap((e) =>
    typeof e === 'string' ? [e] : Object.values(e),
  );
  for (const file of files) assert.ok(fs.existsSync(path.join(pkg, file)), `${file} is packed`);

  // the engine's binary is named as bundlers find it, relative to the module
  const loader = fs.readFileSync(path.join(pkg, 'normlab-loader.js'), 'utf8');
  assert.match(loader, /new URL\("\.\/normlab\.wasm", import\.meta\.url\)/);
  assert.match(
    fs.readFileSync(path.join(pkg, 'engine.js'), 'utf8'),
    /from "\.\/normlab-loader\.js"/,
  );

  // Custom Elements Manifest: schema 2.x, one custom-element-definition per tag, attributes read
  // from the widgets (norm-cube's kind is its codec's choices, groups its Lit Number default)
  const cem = JSON.parse(fs.readFileSync(path.join(pkg, 'custom-elements.json'), 'utf8'));
  assert.match(cem.schemaVersion, /^2\./);
  const [module] = cem.modules;
  assert.equal(module.path, 'widgets.js');
  const byTag = new Map(module.declarations.map((d) => [d.tagName, d]));
  for (const [tag] of CATALOG) assert.ok(byTag.has(tag), `${tag} is in custom-elements.json`);
  const defined = module.exports
    .filter((e) => e.kind === 'custom-element-definition')
    .map((e) => e.name);
  assert.deepEqual(defined.sort(), [...byTag.keys()].sort());
  const cube = Object.fromEntries(byTag.get('norm-cube').attributes.map((a) => [a.name, a]));
  assert.equal(cube.kind.type.text, '"batch" | "layer" | "instance" | "group"');
  assert.equal(cube.groups.type.text, 'number');
  assert.equal(cube.shape.default, '2,6,4,4');
  assert.ok(cube.theme && cube.lang && cube['state-key']);
});

test('the types: tsc accepts the documented use and refuses a kind no widget takes', async () => {
  const dir = tempDir(path.join(root, 'build/npm'), 'types-');
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.symlinkSync(pkg, path.join(dir, 'node_modules/normlab'));
  fs.writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: 'es2022',
        module: 'esnext',
        moduleResolution: 'bundler',
        lib: ['es2022', 'dom'],
        types: [],
      },
      files: ['main.ts'],
    }),
  );
  fs.writeFileSync(
    path.join(dir, 'main.ts'),
    [
      "import { WIDGET_TAGS } from 'normlab/widgets';",
      "import { loadEngine, NormLabError } from 'normlab/engine';",
      "import { isNormLabTag } from 'normlab/tags';",
      "const cube = document.createElement('norm-cube');",
      "cube.kind = 'group';",
      'cube.groups = 3;',
      '// @ts-expect-error: not a kind of normalization',
      "cube.kind = 'pixel';",
      'const engine = await loadEngine();',
      "const ln = engine.norm({ op: 'layer_norm', normalized_shape: [4] });",
      'const mean: Float64Array = ln.forward([1, 2, 3, 4], [1, 4]).mean;',
      'const tags: readonly string[] = WIDGET_TAGS;',
      "export const used = [mean, tags, isNormLabTag('norm-cube'), new NormLabError('x')];",
      '',
    ].join('\n'),
  );
  const tsc = path.join(root, 'node_modules/.bin/tsc');
  await assert.doesNotReject(run(tsc, ['-p', dir]), 'tsc -p on the documented use');
  // and a wrong property type is an error: the declarations are specific, not `any`
  fs.appendFileSync(
    path.join(dir, 'main.ts'),
    "document.createElement('norm-cube').groups = 'three';\n",
  );
  await assert.rejects(run(tsc, ['-p', dir]), (err) => /groups|not assignable/.test(err.stdout));
});

test('normlab/engine in Node and in a Vite app: the .wasm is copied beside the bundle and computes', async () => {
  // Node: the binary handed over, as the README says
  const { loadEngine } = await import(pathToFileURL(path.join(pkg, 'engine.js')).href);
  const engine = await loadEngine({ wasmBinary: fs.readFileSync(path.join(pkg, 'normlab.wasm')) });
  const ln = engine.norm({ op: 'layer_norm', normalized_shape: [4] });
  const { output } = ln.forward([1, 2, 3, 4], [1, 4]);
  ln.delete();
  assert.ok(Math.abs(output[0] + 1.3416) < 1e-3, `LayerNorm(1,2,3,4)[0] = ${output[0]}`);

  // a Vite app, installed from the tarball and built with Vite's defaults
  const dir = tempDir(path.join(hosts, 'vite'), 'app-');
  await installTarball(dir);
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><title>engine</title><output id="y"></output><script type="module" src="./main.js"></script>',
  );
  fs.writeFileSync(
    path.join(dir, 'main.js'),
    [
      "import { loadEngine } from 'normlab/engine';",
      'const engine = await loadEngine();',
      "const ln = engine.norm({ op: 'layer_norm', normalized_shape: [4] });",
      "document.getElementById('y').textContent = ln.forward([1, 2, 3, 9], [1, 4]).output[0].toFixed(4);",
      '',
    ].join('\n'),
  );
  await build({ root: dir, configFile: false, logLevel: 'silent', build: { outDir: 'dist' } });
  const assets = fs.readdirSync(path.join(dir, 'dist/assets'));
  assert.ok(
    assets.some((f) => /^normlab-.*\.wasm$/.test(f)),
    `the .wasm is emitted: ${assets}`,
  );
  const opened = await openBuilt(path.join(dir, 'dist'), 'index.html');
  await opened.page.locator('#y', { hasText: /\d/ }).waitFor({ timeout: 30_000 });
  assert.equal(await opened.page.locator('#y').textContent(), '-0.8835');
  assert.deepEqual(opened.problems, []);
  await opened.close();
});

test('VitePress: a Markdown page with <norm-cube> builds with its own CLI and the widgets compute', async (t) => {
  const vitepress = path.join(hosts, 'vitepress/node_modules/vitepress/bin/vitepress.js');
  if (!fs.existsSync(vitepress))
    assert.fail('VitePress is not installed: run "bash scripts/setup.sh"');
  const dir = tempDir(path.join(hosts, 'vitepress'), 'site-');
  fs.cpSync(path.join(templates, 'vitepress'), dir, {
    recursive: true,
    filter: (file) => !/package(-lock)?\.json$/.test(file),
  });
  const started = Date.now();
  await installTarball(dir);
  await run('node', [vitepress, 'build'], { cwd: dir });
  t.diagnostic(`install + vitepress build: ${Date.now() - started} ms (reported, not asserted)`);
  const outDir = path.join(dir, '.vitepress/dist');
  // on the server, Vue kept the tags as custom elements (with isCustomElement) and their fallback
  const html = fs.readFileSync(path.join(outDir, 'index.html'), 'utf8');
  assert.match(
    html,
    /<norm-cube id="cube" kind="group" shape="2,6,4,4" groups="3"><a href="https:\/\/example\.org\/normlab">/,
  );

  const { page, problems, warnings, close } = await openBuilt(outDir, 'index.html');
  const cube = page.locator('#cube');
  await cube.getByText('6 mean/variance pairs').waitFor({ timeout: 30_000 });
  const playground = page.locator('#playground');
  await playground.getByText('1 mean/variance pairs computed').waitFor();
  assert.match(await playground.locator('output.cell').first().textContent(), /^[−-]1\.34/);
  // a cell edit recomputes: LayerNorm of 1, 2, 3, 9
  await playground.getByLabel('x[0, 3]', { exact: true }).fill('9');
  await playground
    .locator('output.cell')
    .first()
    .filter({ hasText: /^[−-]0\.88/ })
    .waitFor();
  // a refused attribute is named inside the widget
  await page.locator('#refused').getByText('shape="99,99,99"').waitFor();
  assert.deepEqual(
    warnings.filter((w) => /resolve component|Hydration/i.test(w)),
    [],
  );
  assert.deepEqual(problems, []);
  await close();
});
