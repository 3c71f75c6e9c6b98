// The training client (web/engine/train-client.js) in Chromium, on a scratch page of its own
// (tests/e2e/train-worker-page/, built here with its own Vite config): under the site's CSP it
// trains in the module worker; as one inlined file opened from file:// with the network off (where
// no worker can start) it trains on the main thread in slices, and the page's timers keep
// running. Either way the run is step for step the one node computes with the same Wasm module.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, preview } from 'vite';
import { launchBrowser, openPage, root } from './harness.mjs';
import { loadNodeTrainEngine } from '../../scripts/lib/node-engine.mjs';
import { readDigits } from '../../web/data/digits-node.mjs';
import { trainingRun } from '../../web/model/training-run.js';

const configFile = path.join(root, 'tests/e2e/train-worker-page/vite.config.mjs');
const out = path.join(root, 'build/train-worker-page');
const CONFIG = { network: 'mlp', norm: 'batch', batchSize: 16, steps: 30, evalEvery: 10, seed: 3 };

const env = { server: null, browser: null, expected: null, offline: null };

/** The single-file build with a CSP that allows exactly its inline scripts (as the offline page). */
function offlineFile() {
  let html = fs.readFileSync(path.join(out, 'single/index.html'), 'utf8');
  html = html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/, '');
  const hashes = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)]
    .filter((m) => m[1].length)
    .map((m) => `'sha256-${crypto.createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
  assert.ok(hashes.length, 'the single-file build has an inline script');
  const policy = `default-src 'none'; script-src ${hashes.join(' ')} 'wasm-unsafe-eval'; connect-src data:; style-src 'unsafe-inline'; object-src 'none'; base-uri 'none'`;
  html = html.replace(
    '<meta charset="utf-8" />',
    (m) => `${m}\n<meta http-equiv="Content-Security-Policy" content="${policy}" />`,
  );
  assert.ok(html.includes(policy));
  const file = path.join(out, 'offline.html');
  fs.writeFileSync(file, html);
  return pathToFileURL(file).href;
}

before(async () => {
  await build({ configFile, logLevel: 'error' });
  await build({ configFile, mode: 'single', logLevel: 'error' });
  env.offline = offlineFile();
  env.server = await preview({
    configFile,
    logLevel: 'silent',
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  env.browser = await launchBrowser();
  const engine = await loadNodeTrainEngine();
  env.expected = [...trainingRun(engine, readDigits(), CONFIG)];
});

after(async () => {
  await env.browser?.close();
  await env.server?.close();
});

const siteUrl = () => `http://127.0.0.1:${env.server.httpServer.address().port}/`;

async function runOnPage(url, options, contextOptions = {}) {
  const { page, problems, context } = await openPage(env.browser, null, contextOptions);
  if (contextOptions.offline) await context.setOffline(true);
  await page.goto(url);
  await page.waitForFunction(() => window.lab, null, { timeout: 30_000 });
  const result = await page.evaluate(
    ([config, opts]) => window.lab.run(config, opts),
    [options.config ?? CONFIG, options],
  );
  await context.close();
  return { ...result, problems };
}

/** Every record of the run, in order, from the 'records' messages. */
const recordsOf = (messages) =>
  messages.filter((m) => m.type === 'records').flatMap((m) => m.records);

function assertSameRun(messages) {
  const got = recordsOf(messages);
  assert.deepEqual(
    got.map((r) => r.step),
    env.expected.map((r) => r.step),
    'every step once, in order',
  );
  assert.deepEqual(
    got.map((r) => r.loss),
    env.expected.map((r) => r.loss),
    'the losses node computes',
  );
  const evals = (rs) => rs.filter((r) => r.eval).map((r) => r.eval.heldOut.accuracy);
  assert.deepEqual(evals(got), evals(env.expected), 'the held-out accuracies node computes');
  const done = messages.at(-1);
  assert.equal(done.type, 'done');
  assert.equal(done.step, CONFIG.steps);
}

test('under the site CSP the run trains in the module worker, as node computes it', async (t) => {
  const r = await runOnPage(siteUrl(), {});
  t.diagnostic(
    `longest wait of the page's 1 ms timer: ${r.loadingGap.toFixed(1)} ms while loading, ${r.longestGap.toFixed(1)} ms while training (longest slice ${r.longestSlice.toFixed(1)} ms)`,
  );
  assert.deepEqual(r.problems, []);
  assert.equal(r.mode, 'worker');
  assert.equal(r.messages[0].type, 'started');
  assertSameRun(r.messages);
});

test('pause, two single steps and resume in the worker keep every step once', async () => {
  const r = await runOnPage(siteUrl(), { pauseAfterFirst: true });
  assert.deepEqual(r.problems, []);
  assert.equal(r.mode, 'worker');
  assert.ok(r.messages.some((m) => m.type === 'paused'));
  assertSameRun(r.messages);
});

test('from file:// with the network off the run trains on the main thread in slices', async (t) => {
  const r = await runOnPage(env.offline, {}, { offline: true });
  t.diagnostic(
    `longest wait of the page's 1 ms timer: ${r.loadingGap.toFixed(1)} ms while loading, ${r.longestGap.toFixed(1)} ms while training (longest slice ${r.longestSlice.toFixed(1)} ms)`,
  );
  assert.deepEqual(r.problems, []);
  assert.equal(r.mode, 'main');
  assertSameRun(r.messages);
  // the page's 1 ms timer ran between slices: the run gave the event loop back
  assert.ok(r.ticks > 0, `the page's timer never ran during the run (${r.ticks} ticks)`);
  assert.ok(
    recordsOf(r.messages).length > r.messages.filter((m) => m.type === 'records').length - 1,
  );
});

test('a refused config is an error message in the worker and on the main thread', async () => {
  for (const [url, ctx] of [
    [siteUrl(), {}],
    [env.offline, { offline: true }],
  ]) {
    const r = await runOnPage(url, { config: { ...CONFIG, batchSize: 0 } }, ctx);
    assert.deepEqual(r.problems, []);
    const last = r.messages.at(-1);
    assert.equal(last.type, 'error');
    assert.match(last.message, /batch size must be a whole number from 1 to 1024, got 0/);
  }
});
