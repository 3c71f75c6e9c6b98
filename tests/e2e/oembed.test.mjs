// oEmbed: embed.html advertises a response, dist/oembed/ holds one per widget of docs.html with the
// fields the oEmbed spec requires of type "rich", and the html of a response, pasted into a page,
// is a frame whose widget computes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useBrowser, openPage, root, dist } from './harness.mjs';
import { CATALOG } from '../../web/docs-catalog.js';

const run = promisify(execFile);
const env = useBrowser();

/** The oEmbed spec's required fields (section 2.3.4) and those of type "rich". */
function oembedProblems(r) {
  const problems = [];
  if (r.version !== '1.0') problems.push(`version ${r.version}`);
  if (!['photo', 'video', 'link', 'rich'].includes(r.type)) problems.push(`type ${r.type}`);
  if (r.type === 'rich') {
    if (typeof r.html !== 'string' || !r.html) problems.push('no html');
    for (const k of ['width', 'height'])
      if (!Number.isInteger(r[k]) || r[k] <= 0) problems.push(`${k} ${r[k]}`);
  }
  return problems;
}

test('embed.html advertises an oEmbed response that exists, and every widget of docs.html has one', async () => {
  const res = await fetch(`${env.server.url}embed.html`);
  const html = await res.text();
  const link = html.match(/<link\b[^>]*type="application\/json\+oembed"[^>]*>/)?.[0];
  assert.ok(link, 'a discovery link');
  assert.match(link, /rel="alternate"/);
  const href = link.match(/href="([^"]+)"/)[1];
  const advertised = await fetch(new URL(href, `${env.server.url}embed.html`));
  assert.equal(advertised.status, 200);
  assert.deepEqual(oembedProblems(await advertised.json()), []);
  for (const [tag] of CATALOG) {
    const file = path.join(dist, 'oembed', `${tag}.json`);
    const response = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.deepEqual(oembedProblems(response), [], tag);
    assert.equal(response.type, 'rich');
    const src = new URL(response.html.match(/<iframe src="([^"]+)"/)[1].replaceAll('&#38;', '&'));
    assert.equal(new URLSearchParams(src.hash.slice(1)).get('widget'), tag);
  }
});

test('a response’s html, pasted into a page, frames a widget that computes', async () => {
  // the responses name the site's public address: here, this test's server
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'normlab-oembed-'));
  await run('node', [path.join(root, 'scripts/build-oembed.mjs')], {
    env: { ...process.env, NORMLAB_DIST: out, NORMLAB_PUBLIC_URL: env.server.url },
  });
  const response = JSON.parse(fs.readFileSync(path.join(out, 'oembed/norm-cube.json'), 'utf8'));
  fs.rmSync(out, { recursive: true });
  const { context, page, problems } = await openPage(env.browser);
  const address = `${env.server.url}oembed-host.html`;
  await page.route(address, (r) =>
    r.fulfill({ contentType: 'text/html', body: `<!doctype html><main>${response.html}</main>` }),
  );
  await page.goto(address);
  const frame = page.frameLocator('iframe');
  await frame.locator('norm-cube').getByText('6 mean/variance pairs').waitFor({ timeout: 30_000 });
  assert.equal(await page.locator('iframe').getAttribute('height'), String(response.height));
  assert.deepEqual(problems, []);
  await context.close();
});
