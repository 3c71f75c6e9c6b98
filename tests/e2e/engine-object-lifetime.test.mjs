// The engine objects a widget keeps between renders (the optimizer race's inspected optimizer,
// <optimizer-state>'s optimizer, <deep-stack>'s runner) live exactly as long as the widget is on
// the page, whatever the order of events: removed while its race plays, removed in the same task
// that changed a property (the update then runs after the removal), moved in the page
// (disconnected and connected again at once), removed and put back before its engine promise's
// continuation ran. Each sequence ends with every widget gone and must leave no Embind object and
// no heap block behind.
// The first is the soak's "1 OptimHandle objects were never deleted" (seeds 3, 9 and 424242): the
// race's disconnect stopped its playback, which rendered it once more off the page, and that render
// made a new inspector optimizer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage } from './harness.mjs';
import { settle, frames, trackEngine, assertNothingHeld } from './reliability-helpers.mjs';

const env = useBrowser();

/** A page holding only the engine (the tutorial removed), tracked from here on. */
async function emptyTrackedPage() {
  const { context, page, problems } = await openPage(env.browser, env.server.url, {
    viewport: { width: 1280, height: 1000 },
  });
  await settle(page);
  const count = await trackEngine(page, 'optimizer-race');
  await page.evaluate(() => document.querySelector('normlab-app').remove());
  await frames(page, 2);
  return { context, page, problems, count, baseline: await count() };
}

/** Adds `tag` to the page and waits until it has drawn with the engine. */
async function addWidget(page, tag) {
  await page.evaluate((name) => document.body.append(document.createElement(name)), tag);
  await settle(page);
}

/** What the widget holds now, by Embind class: {OptimHandle: 1, ...} without the zeros. */
async function liveHandles(count) {
  const { handles } = await count();
  return Object.fromEntries(Object.entries(handles).filter(([, n]) => n));
}

test('the optimizer race removed while it plays keeps no optimizer', async () => {
  const { context, page, problems, count, baseline } = await emptyTrackedPage();
  await addWidget(page, 'optimizer-race');
  assert.deepEqual(await liveHandles(count), { OptimHandle: 1 }, 'the inspector steps one');
  await page.evaluate(() => {
    const race = document.querySelector('optimizer-race');
    race.shadowRoot.querySelector('button[aria-pressed]').click();
    race.remove();
  });
  await frames(page, 3);
  assertNothingHeld(await count(), baseline, 'removed while playing');

  // and after a frame or two of playback, in a separate task (a race long enough to be playing)
  await addWidget(page, 'optimizer-race');
  await page.evaluate(() => {
    const race = document.querySelector('optimizer-race');
    race.steps = 2000; // its maximum: 80 s of playback
    race.shadowRoot.querySelector('button[aria-pressed]').click();
  });
  await frames(page, 2);
  assert.equal(
    await page.evaluate(() => document.querySelector('optimizer-race').playing),
    true,
    'still playing when removed',
  );
  await page.evaluate(() => document.querySelector('optimizer-race').remove());
  await frames(page, 3);
  assertNothingHeld(await count(), baseline, 'removed a few frames into the race');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a property changed in the task that removes the widget makes no engine object', async () => {
  const { context, page, problems, count, baseline } = await emptyTrackedPage();
  // each change re-renders the widget after it is gone: a new language, optimizer, rate, start
  const changes = {
    'optimizer-race': [
      ['lang', 'zh'],
      ['inspect', 'sgd'],
      ['start', [1, 1]],
      ['steps', 7],
    ],
    'optimizer-state': [
      ['lang', 'zh'],
      ['op', 'rmsprop'],
      ['lr', 0.5],
      ['theta0', Float32Array.from([1, 2, 3, 4, 5, 6])],
    ],
    'deep-stack': [
      ['lang', 'zh'],
      ['gain', 2],
      ['depth', 5],
    ],
  };
  const held = { 'deep-stack': { DeepStackHandle: 1 } };
  for (const [tag, list] of Object.entries(changes)) {
    for (const [prop, value] of list) {
      await addWidget(page, tag);
      assert.deepEqual(
        await liveHandles(count),
        held[tag] ?? { OptimHandle: 1 },
        `${tag} on the page`,
      );
      await page.evaluate(
        ({ tag, prop, value }) => {
          const el = document.querySelector(tag);
          el[prop] =
            Array.isArray(value) && tag === 'optimizer-state' ? Float32Array.from(value) : value;
          el.remove();
        },
        { tag, prop, value: ArrayBuffer.isView(value) ? [...value] : value },
      );
      await frames(page, 2);
      assertNothingHeld(await count(), baseline, `${tag}: ${prop} set, then removed`);
    }
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('a widget moved in the page keeps one optimizer, and none once removed', async () => {
  const { context, page, problems, count, baseline } = await emptyTrackedPage();
  for (const tag of ['optimizer-race', 'optimizer-state']) {
    await addWidget(page, tag);
    // moved: disconnected and connected again in one task, then given a new value while on the page
    await page.evaluate((name) => {
      const el = document.querySelector(name);
      const box = document.body.appendChild(document.createElement('div'));
      box.append(el);
      el.lang = 'zh';
    }, tag);
    await settle(page);
    assert.deepEqual(await liveHandles(count), { OptimHandle: 1 }, `${tag} after the move`);
    // it still works with the optimizer it holds: the inspector's table, the Step button
    const shown = await page.evaluate((name) => {
      const root = document.querySelector(name).shadowRoot;
      const step = [...root.querySelectorAll('button')].find((b) =>
        ['前进一步', '走一步'].includes(b.textContent.trim()),
      );
      step.click();
      return root.querySelectorAll('[data-quantity], tensor-editor[readonly]').length;
    }, tag);
    assert.ok(shown > 0, `${tag} shows what its optimizer holds`);
    await settle(page);
    assert.deepEqual(await liveHandles(count), { OptimHandle: 1 }, `${tag} after a step`);
    // removed and put back before the engine promise's continuation runs
    await page.evaluate((name) => {
      const el = document.querySelector(name);
      const parent = el.parentNode;
      el.remove();
      parent.append(el);
      el.remove();
    }, tag);
    await frames(page, 3);
    assertNothingHeld(await count(), baseline, `${tag} moved, then removed`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});
