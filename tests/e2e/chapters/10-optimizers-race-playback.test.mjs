// Chapter 10, the optimizer race: playback (play, pause, step, back, speed, scrubber, reduced
// motion), the link, look inside (Adam's m and v), the PyTorch code and the measures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser } from '../harness.mjs';
import {
  formatNumber,
  openChapter,
  race,
  raceLosses,
  laneForm,
  status,
  assertNoProblems,
  LANE_OP,
  expectedLosses,
} from './race-helpers.mjs';
import { laneArgs, defaultSettings } from '../../../web/model/race.js';

const env = useBrowser({ engine: true });

test('playback: back to start, step, play to the end, pause, speed, scrubber', async () => {
  const { context, page, problems } = await openChapter(env);
  const button = (name) => race(page).getByRole('button', { name, exact: true });
  await button('Back to start').click();
  assert.equal(await status(page), `Step 0 of 100. Lowest loss: SGD (${formatNumber(6.45)}).`);
  await button('Step').click();
  await button('Step').click();
  assert.match(await status(page), /^Step 2 of 100\./);
  assert.deepEqual(
    await raceLosses(page),
    expectedLosses(env.engine, 'bowl', defaultSettings('bowl'), [-7, 2], 100, 2),
  );

  await race(page).getByLabel('Speed').selectOption('4');
  await button('Play').click();
  assert.equal(await button('Pause').getAttribute('aria-pressed'), 'true');
  await page.waitForFunction(
    () => {
      const host = document.querySelector('optimizer-race');
      return host.shadowRoot.querySelector('p.status')?.textContent.includes('Step 100 of 100');
    },
    null,
    { timeout: 10_000 },
  );
  assert.equal(await button('Play').getAttribute('aria-pressed'), 'false');

  await race(page).getByLabel('Speed').selectOption('0.25');
  await button('Play').click(); // from the end it starts over
  await page.waitForTimeout(400);
  await button('Pause').click();
  const paused = Number(/Step (\d+) of/.exec(await status(page))[1]);
  assert.ok(paused >= 1 && paused < 50, `paused at ${paused}`);
  await page.waitForTimeout(300);
  assert.equal(Number(/Step (\d+) of/.exec(await status(page))[1]), paused, 'stays paused');

  await race(page).getByLabel('Current step').fill('50');
  assert.match(await status(page), /^Step 50 of 100\./);
  assert.deepEqual(
    await raceLosses(page),
    expectedLosses(env.engine, 'bowl', defaultSettings('bowl'), [-7, 2], 100, 50),
  );
  assertNoProblems(problems);
  await context.close();
});

/** The scrubber's values seen during 1.5 s of play. */
async function framesWhilePlaying(page) {
  await race(page).getByRole('button', { name: 'Back to start' }).click();
  await race(page).getByLabel('Speed').selectOption('4');
  await race(page).getByRole('button', { name: 'Play' }).click();
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const seen = new Set();
        const range = document
          .querySelector('optimizer-race')
          .shadowRoot.querySelector('input[type="range"]');
        const until = performance.now() + 1500;
        const look = () => {
          seen.add(Number(range.value));
          if (performance.now() < until) requestAnimationFrame(look);
          else resolve([...seen].sort((a, b) => a - b));
        };
        look();
      }),
  );
}

test('with reduced motion, play steps through the race instead of animating it', async () => {
  const smooth = await openChapter(env);
  const frames = await framesWhilePlaying(smooth.page);
  assert.ok(
    frames.some((f) => f % 10 !== 0),
    `animated: ${frames}`,
  );
  assertNoProblems(smooth.problems);
  await smooth.context.close();

  const reduced = await openChapter(env, { reducedMotion: 'reduce' });
  const jumps = await framesWhilePlaying(reduced.page);
  assert.ok(jumps.length >= 2, `it moves: ${jumps}`);
  assert.ok(
    jumps.every((f) => f % 10 === 0),
    `tenths of the race at a time: ${jumps}`,
  );
  assertNoProblems(reduced.problems);
  await reduced.context.close();
});

test('the race lives in the link; a hostile or refused link is reported and ignored', async () => {
  const { context, page, problems } = await openChapter(env);
  await race(page).getByLabel('Loss surface').selectOption('saddle');
  const adam = await laneForm(page, 'adam');
  await adam.getByLabel('lr', { exact: true }).fill('0.2');
  await race(page).locator('.lane[data-lane="sgd"] > label input').uncheck();
  await page.waitForFunction(() => location.hash.includes('adam%3Alr%3D0.2'));
  const want = await raceLosses(page);
  const other = await openChapter(env, { url: page.url() });
  assert.equal(await race(other.page).getByLabel('Loss surface').inputValue(), 'saddle');
  assert.deepEqual(await raceLosses(other.page), want);
  assertNoProblems(other.problems);
  await other.context.close();

  const hostile = encodeURIComponent('<img src=x onerror=alert(1)>');
  const bad = await openChapter(env, {
    hash: `&optimizers.race.settings=${hostile}&optimizers.race.lanes=sgd,lion`,
  });
  await assert.doesNotReject(race(bad.page).getByText('Ignored part of the link').waitFor());
  assert.equal(await bad.page.locator('img').count(), 0);
  assert.equal(
    await race(bad.page).locator('tbody tr[data-lane]').count(),
    7,
    'the defaults are kept',
  );
  assertNoProblems(bad.problems);
  await bad.context.close();

  const refused = await openChapter(env, {
    hash: '&optimizers.race.settings=adam%3Alr%3D-1',
  });
  await assert.doesNotReject(
    race(refused.page).getByText('refused by PyTorch (Invalid learning rate: -1.0)').waitFor(),
  );
  assert.deepEqual(
    await raceLosses(refused.page),
    expectedLosses(env.engine, 'bowl', defaultSettings('bowl'), [-7, 2], 100),
  );
  assertNoProblems(refused.problems);
  await refused.context.close();
  assertNoProblems(problems);
  await context.close();
});

/** The inspected lane's state after `k` steps, by the engine run in node, formatted as shown. */
function inside(surfaceName, id, k) {
  const s = defaultSettings(surfaceName)[id];
  const start = { bowl: [-7, 2] }[surfaceName];
  const args = laneArgs(id, s);
  const surface = env.engine.surface(surfaceName);
  const opt = env.engine.optimizer(start, { op: LANE_OP[id], args });
  let p = Float32Array.from(start);
  let grad = null;
  for (let i = 0; i < k; i++) {
    const g = surface.at(p[0], p[1]);
    grad = [g.gx, g.gy];
    p = opt.step(grad);
  }
  const pair = (v) => `(${formatNumber(v[0])}, ${formatNumber(v[1])})`;
  const rows = { theta: pair(p) };
  if (grad) rows.grad = pair(grad);
  for (const [name, v] of Object.entries(opt.state())) rows[name] = pair(v);
  opt.delete();
  return rows;
}

async function insideRows(page) {
  return Object.fromEntries(
    await race(page)
      .locator('.inspect tbody tr')
      .evaluateAll((rows) =>
        rows.map((r) => [r.dataset.quantity, r.querySelectorAll('td')[1].textContent]),
      ),
  );
}

test('look inside: Adam keeps m and v of the gradient, step by step, as the engine says', async () => {
  const { context, page, problems } = await openChapter(env);
  assert.deepEqual(await insideRows(page), inside('bowl', 'adam', 100));
  assert.deepEqual(Object.keys(await insideRows(page)), ['theta', 'grad', 'exp_avg', 'exp_avg_sq']);
  await race(page).getByRole('button', { name: 'Back to start' }).click();
  await assert.doesNotReject(race(page).getByText('No step yet').waitFor());
  assert.deepEqual(await insideRows(page), inside('bowl', 'adam', 0));
  await race(page).getByRole('button', { name: 'Step', exact: true }).click();
  await race(page).getByRole('button', { name: 'Step', exact: true }).click();
  assert.deepEqual(await insideRows(page), inside('bowl', 'adam', 2));
  await assert.doesNotReject(race(page).getByText('gradient g of step 2').waitFor());

  await race(page).getByLabel('Look inside').selectOption('momentum');
  assert.deepEqual(await insideRows(page), inside('bowl', 'momentum', 2));
  assert.ok('momentum_buffer' in (await insideRows(page)));
  await race(page).getByLabel('Current step').fill('40');
  assert.deepEqual(await insideRows(page), inside('bowl', 'momentum', 40));
  await race(page).getByLabel('Current step').fill('10');
  assert.deepEqual(await insideRows(page), inside('bowl', 'momentum', 10), 'and back');
  // taking the inspected racer out shows the first one still racing
  await race(page).locator('.lane[data-lane="momentum"] > label input').uncheck();
  assert.equal(await race(page).getByLabel('Look inside').inputValue(), 'sgd');
  assertNoProblems(problems);
  await context.close();
});

test('“Show as PyTorch” writes the race’s optimizers with the learner’s settings', async () => {
  const { context, page, problems } = await openChapter(env);
  const adam = await laneForm(page, 'adam');
  await adam.getByLabel('β₂ (betas[1])').fill('0.99');
  await race(page).locator('pytorch-code summary').click();
  const code = await race(page).locator('pytorch-code code').textContent();
  assert.match(code, /torch\.optim\.Adam\(\[p\], lr=0\.5, betas=\(0\.9, 0\.99\)\)/);
  assert.match(code, /torch\.optim\.SGD\(\[p\], lr=0\.1, momentum=0\.9, nesterov=True\)/);
  assert.match(code, /return x \*\* 2 \/ 20 \+ y \*\* 2/);
  assert.match(code, /p = torch\.tensor\(\[-7\., 2\.\], requires_grad=True\)/);
  assertNoProblems(problems);
  await context.close();
});

test('recompute and redraw are measured as nl:optimizer-race', async () => {
  const { context, page } = await openChapter(env);
  const adam = await laneForm(page, 'adam');
  await adam.getByLabel('lr', { exact: true }).fill('0.3');
  const durations = await page.evaluate(() =>
    performance.getEntriesByName('nl:optimizer-race', 'measure').map((m) => m.duration),
  );
  assert.ok(durations.length >= 2, `measured ${durations.length} times`);
  console.log(`nl:optimizer-race: ${durations.map((d) => d.toFixed(1)).join(', ')} ms`);
  await context.close();
});
