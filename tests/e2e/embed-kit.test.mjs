// The npm package "normlab" where people write: packed from dist/ by scripts/build-npm-package.mjs,
// checked for what it declares (exports, the Custom Elements Manifest, types that tsc checks), then
// installed from its tarball into scratch projects built with their own tools: a Vite app that
// imports normlab/engine (the .wasm must be copied, not lost) and a VitePress site whose Markdown
// page uses <norm-cube> and <norm-playground>, opened in Chromium, where the widgets must compute.
// Astro: tests/e2e/embed-kit-astro.test.mjs (its own file, to keep each file near a minute).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import { root } from './harness.mjs';
import { CATALOG } from '../../web/docs-catalog.js';
import {
  kit,
  run,
  hosts,
  tempDir,
  installTarball,
  openBuilt,
  hostProject,
  checkWidgets,
  usePackedPackage,
} from './embed-kit-helpers.mjs';

usePackedPackage();

test('the packed package: every export is in the tarball, the manifest has every widget of docs.html', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(kit.pkg, 'package.json'), 'utf8'));
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
  for (const file of files) assert.ok(fs.existsSync(path.join(kit.pkg, file)), `${file} is packed`);

  // the engine's binary is named as bundlers find it, relative to the module
  const loader = fs.readFileSync(path.join(kit.pkg, 'normlab-loader.js'), 'utf8');
  assert.match(loader, /new URL\("\.\/normlab\.wasm", import\.meta\.url\)/);
  assert.match(
    fs.readFileSync(path.join(kit.pkg, 'engine.js'), 'utf8'),
    /from "\.\/normlab-loader\.js"/,
  );

  // Custom Elements Manifest: schema 2.x, one custom-element-definition per tag, attributes read
  // from the widgets (norm-cube's kind is its codec's choices, groups its Lit Number default)
  const cem = JSON.parse(fs.readFileSync(path.join(kit.pkg, 'custom-elements.json'), 'utf8'));
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
  fs.symlinkSync(kit.pkg, path.join(dir, 'node_modules/normlab'));
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
  const { loadEngine } = await import(pathToFileURL(path.join(kit.pkg, 'engine.js')).href);
  const engine = await loadEngine({
    wasmBinary: fs.readFileSync(path.join(kit.pkg, 'normlab.wasm')),
  });
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
  const dir = hostProject('vitepress');
  const started = Date.now();
  await installTarball(dir);
  await run(
    'node',
    [path.join(hosts, 'vitepress/node_modules/vitepress/bin/vitepress.js'), 'build'],
    {
      cwd: dir,
    },
  );
  t.diagnostic(`install + vitepress build: ${Date.now() - started} ms (reported, not asserted)`);
  const outDir = path.join(dir, '.vitepress/dist');
  // on the server, Vue kept the tags as custom elements (with isCustomElement) and their fallback
  const html = fs.readFileSync(path.join(outDir, 'index.html'), 'utf8');
  assert.match(
    html,
    /<norm-cube id="cube" kind="group" shape="2,6,4,4" groups="3"><a href="https:\/\/example\.org\/normlab">/,
  );
  await checkWidgets(outDir, 'index.html');
});
