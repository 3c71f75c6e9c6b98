// The npm package in a second docs framework, Astro (5.9.4, the last line that runs on Node 20):
// installed from the packed tarball into a scratch site (tests/e2e/hosts/astro/), built with
// `astro build`, opened in Chromium, where the widgets must compute. Astro needs no config for
// custom elements and bundles the page's <script> importing normlab/widgets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  run,
  hosts,
  installTarball,
  hostProject,
  checkWidgets,
  usePackedPackage,
} from './embed-kit-helpers.mjs';

usePackedPackage();

test('Astro: an .astro page with <norm-cube> builds with its own CLI and the widgets compute', async (t) => {
  const dir = hostProject('astro');
  const started = Date.now();
  await installTarball(dir);
  await run('node', [path.join(hosts, 'astro/node_modules/astro/astro.js'), 'build', '--silent'], {
    cwd: dir,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  t.diagnostic(`install + astro build: ${Date.now() - started} ms (reported, not asserted)`);
  const outDir = path.join(dir, 'dist');
  // Astro keeps the tags as HTML and bundles the module into _astro/
  const html = fs.readFileSync(path.join(outDir, 'index.html'), 'utf8');
  assert.match(html, /<norm-cube id="cube" kind="group" shape="2,6,4,4" groups="3">/);
  assert.match(html, /<script type="module" src="\/_astro\/[^"]+\.js"><\/script>/);
  await checkWidgets(outDir, 'index.html');
});
