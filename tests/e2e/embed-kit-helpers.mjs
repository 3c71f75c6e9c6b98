// Shared by tests/e2e/embed-kit*.test.mjs: before a file's tests the npm package is packed
// (scripts/build-npm-package.mjs) and unpacked, and Chromium started; after them both are gone,
// with every scratch project. The docs frameworks come from build/hosts/NAME/
// (scripts/setup-hosts.sh, run by scripts/setup.sh); each scratch project is a temp folder there,
// so it finds its framework by Node's lookup upwards, and installs only the tarball, offline.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { preview } from 'vite';
import { root, launchBrowser, openPage } from './harness.mjs';

export const run = promisify(execFile);
export const hosts = path.join(root, 'build/hosts');
const templates = path.join(root, 'tests/e2e/hosts');
const scratch = [];
/** Filled in before the tests: the tarball, the unpacked package folder, the browser. */
export const kit = { tarball: null, pkg: null, browser: null };

/** A temp folder under `parent`, removed after the tests. */
export function tempDir(parent, prefix) {
  fs.mkdirSync(parent, { recursive: true });
  const dir = fs.mkdtempSync(path.join(parent, prefix));
  scratch.push(dir);
  return dir;
}

/** npm install of the tarball alone, from disk: the package has no dependencies to fetch. */
export async function installTarball(dir, extra = {}) {
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({
      name: 'scratch',
      private: true,
      type: 'module',
      ...extra,
      dependencies: { normlab: `file:${kit.tarball}` },
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
export async function openBuilt(outDir, file) {
  const server = await preview({
    root: outDir,
    configFile: false,
    build: { outDir },
    logLevel: 'silent',
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  const opened = await openPage(kit.browser);
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

/** Registers the before and after hooks of a test file. */
export function usePackedPackage() {
  before(async () => {
    const { stdout } = await run('node', [path.join(root, 'scripts/build-npm-package.mjs')], {
      cwd: root,
    });
    kit.tarball = stdout.trim().split('\n').pop();
    assert.ok(fs.existsSync(kit.tarball), `npm pack wrote ${kit.tarball}`);
    const dir = tempDir(path.join(root, 'build/npm'), 'unpacked-');
    await run('tar', ['xzf', kit.tarball, '-C', dir]);
    kit.pkg = path.join(dir, 'package');
    kit.browser = await launchBrowser();
  });

  after(async () => {
    await kit.browser?.close();
    for (const dir of scratch) fs.rmSync(dir, { recursive: true, force: true });
  });
}

/** A temp copy of tests/e2e/hosts/NAME/ (its package files left out) under build/hosts/NAME/. */
export function hostProject(name) {
  const cli = path.join(hosts, name, 'node_modules');
  if (!fs.existsSync(cli)) assert.fail(`${name} is not installed: run "bash scripts/setup.sh"`);
  const dir = tempDir(path.join(hosts, name), 'site-');
  fs.cpSync(path.join(templates, name), dir, {
    recursive: true,
    filter: (file) => !/package(-lock)?\.json$/.test(file),
  });
  return dir;
}

/** In a built docs page: the widgets compute, a cell edit recomputes, a refused value is named. */
export async function checkWidgets(outDir, file) {
  const { page, problems, warnings, close } = await openBuilt(outDir, file);
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
}
