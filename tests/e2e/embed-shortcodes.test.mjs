// The Hugo shortcode (packaging/hugo/layouts/shortcodes/normlab.html) and the Hexo tag plugin
// (packaging/hexo/scripts/normlab.js), each in a minimal site built with the generator's own CLI
// (Debian's hugo; npm's hexo, installed once into build/hosts/hexo/ by scripts/setup-hosts.sh),
// with dist/normlab-widgets.js copied into the site as their docs say. In Chromium the widgets must
// compute (a cell edit recomputes), and hostile or wrong input must be a visible notice that runs
// no script.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { preview } from 'vite';
import { root, dist, launchBrowser, openPage } from './harness.mjs';

const run = promisify(execFile);
const hosts = path.join(root, 'build/hosts');
const templates = path.join(root, 'tests/e2e/hosts');
const packaging = path.join(root, 'packaging');
const scratch = [];
let browser = null;

before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  for (const dir of scratch) fs.rmSync(dir, { recursive: true, force: true });
});

/** A temp copy of the site template tests/e2e/hosts/NAME/ under build/hosts/NAME/. */
function siteFrom(name) {
  const parent = path.join(hosts, name);
  fs.mkdirSync(parent, { recursive: true });
  const dir = fs.mkdtempSync(path.join(parent, 'site-'));
  scratch.push(dir);
  fs.cpSync(path.join(templates, name), dir, {
    recursive: true,
    filter: (file) => !/package(-lock)?\.json$/.test(file),
  });
  return dir;
}

/** Serves the built site and checks the post: the widgets compute, hostile input is a notice. */
async function checkPost(outDir, file) {
  const server = await preview({
    root: outDir,
    configFile: false,
    build: { outDir },
    logLevel: 'silent',
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  const { context, page, problems } = await openPage(browser);
  try {
    await page.goto(`http://127.0.0.1:${server.httpServer.address().port}/${file}`);
    const playground = page.locator('#playground');
    await playground.getByText('1 mean/variance pairs computed').waitFor({ timeout: 30_000 });
    assert.match(await playground.locator('output.cell').first().textContent(), /^[−-]1\.34/);
    await playground.getByLabel('x[0, 3]', { exact: true }).fill('9');
    await playground
      .locator('output.cell')
      .first()
      .filter({ hasText: /^[−-]0\.88/ })
      .waitFor();
    await page.locator('#cube').getByText('6 mean/variance pairs').waitFor();
    // hostile: the value stays one attribute, which the widget refuses by name; no handler runs
    await page.locator('#hostile').getByText('kind="').first().waitFor();
    await page.locator('#hostile').click();
    assert.equal(await page.evaluate(() => window.pwned), undefined);
    assert.equal(await page.locator('img').count(), 0);
    assert.equal(await page.locator('[onclick], [onerror]').count(), 0);
    // wrong: a visible notice for the unknown widget and for the refused parameter
    await page.locator('p.normlab-notice', { hasText: 'no widget "evil-widget"' }).waitFor();
    await page.locator('p.normlab-notice', { hasText: 'ignores the parameters onclick' }).waitFor();
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await server.close();
  }
}

test('Hugo: the normlab shortcode in a Markdown page, built with hugo', async (t) => {
  const hugo = await run('hugo', ['version']).catch(() => null);
  if (!hugo)
    assert.fail('hugo is not installed: run "bash scripts/setup.sh" (Debian package hugo)');
  t.diagnostic(hugo.stdout.trim());
  const dir = siteFrom('hugo');
  fs.mkdirSync(path.join(dir, 'layouts/shortcodes'), { recursive: true });
  fs.copyFileSync(
    path.join(packaging, 'hugo/layouts/shortcodes/normlab.html'),
    path.join(dir, 'layouts/shortcodes/normlab.html'),
  );
  fs.mkdirSync(path.join(dir, 'static'));
  fs.copyFileSync(
    path.join(dist, 'normlab-widgets.js'),
    path.join(dir, 'static/normlab-widgets.js'),
  );
  await run('hugo', ['--quiet', '--destination', 'public'], { cwd: dir });
  await checkPost(path.join(dir, 'public'), 'post/');
});

test('Hexo: the normlab tag plugin in a post, built with hexo generate', async () => {
  const modules = path.join(hosts, 'hexo/node_modules');
  if (!fs.existsSync(path.join(modules, 'hexo')))
    assert.fail('Hexo is not installed: run "bash scripts/setup.sh"');
  const dir = siteFrom('hexo');
  // Hexo loads the plugins its site's package.json names from the site's node_modules
  const template = JSON.parse(fs.readFileSync(path.join(templates, 'hexo/package.json'), 'utf8'));
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({
      name: 'site',
      private: true,
      hexo: { version: template.devDependencies.hexo },
      dependencies: template.devDependencies,
    }),
  );
  fs.symlinkSync(modules, path.join(dir, 'node_modules'));
  fs.mkdirSync(path.join(dir, 'scripts'));
  fs.copyFileSync(
    path.join(packaging, 'hexo/scripts/normlab.js'),
    path.join(dir, 'scripts/normlab.js'),
  );
  fs.copyFileSync(
    path.join(dist, 'normlab-widgets.js'),
    path.join(dir, 'source/normlab-widgets.js'),
  );
  await run('node', [path.join(modules, 'hexo/bin/hexo'), 'generate', '--silent'], { cwd: dir });
  await checkPost(path.join(dir, 'public'), 'embed/');
});

test('the shortcode and the tag plugin know every tag the widgets module defines', async () => {
  const tags = (await import('../../web/docs-catalog.js')).CATALOG.map(([tag]) => tag);
  const hugo = fs.readFileSync(
    path.join(packaging, 'hugo/layouts/shortcodes/normlab.html'),
    'utf8',
  );
  const hexo = fs.readFileSync(path.join(packaging, 'hexo/scripts/normlab.js'), 'utf8');
  for (const tag of tags) {
    assert.ok(hugo.includes(`"${tag}"`), `the Hugo shortcode takes ${tag}`);
    assert.ok(hexo.includes(`'${tag}'`), `the Hexo tag takes ${tag}`);
  }
});
