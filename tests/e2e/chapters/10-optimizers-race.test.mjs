// Chapter 10, the optimizer race: numbers against the engine, hyper-parameters with PyTorch's
// messages next to the field, racers on and off, surfaces, the start point by click, keyboard and
// typing. Every loss the table shows is compared with engine.trajectory run here in node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser } from '../harness.mjs';
import {
  formatNumber,
  openChapter,
  race,
  raceLosses,
  laneForm,
  linkedStart,
  status,
  assertNoProblems,
  LANE_OP,
  expectedLosses,
} from './race-helpers.mjs';
import { defaultSettings } from '../../../web/model/race.js';

const env = useBrowser({ engine: true });

test('the race on the bowl shows the engine’s losses for all seven optimizers', async () => {
  const { context, page, problems } = await openChapter(env);
  const losses = await raceLosses(page);
  assert.deepEqual(Object.keys(losses), Object.keys(LANE_OP));
  assert.deepEqual(
    losses,
    expectedLosses(env.engine, 'bowl', defaultSettings('bowl'), [-7, 2], 100),
  );
  assert.match(await status(page), /^Step 100 of 100\. Lowest loss: /);
  const picture = race(page).locator('svg.surface');
  assert.equal(await picture.getAttribute('role'), 'img');
  assert.match(await picture.getAttribute('aria-label'), /Contours of Ill-conditioned bowl/);
  assert.ok((await race(page).locator('path.contour').count()) >= 10, 'contour lines are drawn');
  assert.equal(await race(page).locator('polyline.path').count(), 7);
  assertNoProblems(problems);
  await context.close();
});

test('a hyper-parameter PyTorch refuses shows its message next to the field; the race keeps going', async () => {
  const { context, page, problems } = await openChapter(env);
  const before = await raceLosses(page);
  const adam = await laneForm(page, 'adam');
  const lr = adam.getByLabel('lr', { exact: true });

  await lr.fill('abc');
  assert.equal(await lr.getAttribute('aria-invalid'), 'true');
  await assert.doesNotReject(adam.getByText('Type a finite number').waitFor());
  assert.equal(await lr.inputValue(), 'abc', 'the learner’s text stays');
  assert.deepEqual(await raceLosses(page), before);

  await lr.fill('-1');
  await assert.doesNotReject(adam.getByText('Invalid learning rate: -1.0').waitFor());
  assert.deepEqual(await raceLosses(page), before);

  const beta1 = adam.getByLabel('β₁ (betas[0])');
  await beta1.fill('1');
  await assert.doesNotReject(adam.getByText('Invalid beta parameter at index 0: 1.0').waitFor());
  await beta1.fill('0.8');
  assert.equal(await beta1.getAttribute('aria-invalid'), 'false');

  await lr.fill('0.05');
  assert.equal(await lr.getAttribute('aria-invalid'), 'false');
  assert.equal(await adam.locator('.field-error').filter({ hasText: /\S/ }).count(), 0);
  const settings = defaultSettings('bowl');
  settings.adam = { ...settings.adam, lr: 0.05, beta1: 0.8 };
  assert.deepEqual(
    await raceLosses(page),
    expectedLosses(env.engine, 'bowl', settings, [-7, 2], 100),
  );

  // Nesterov: the pair of fields is checked together
  const nesterov = await laneForm(page, 'nesterov');
  await nesterov.getByLabel('dampening').fill('0.5');
  const message = 'Nesterov momentum requires a momentum and zero dampening';
  await assert.doesNotReject(nesterov.getByText(message).waitFor());
  await nesterov.getByLabel('dampening').fill('0');
  assert.equal(await nesterov.getByText(message).count(), 0);
  await nesterov.getByLabel('momentum').fill('0');
  await assert.doesNotReject(nesterov.getByText(message).waitFor());
  await nesterov.getByLabel('momentum').fill('0.5');

  // flags: RMSprop centered, Adam amsgrad
  const rmsprop = await laneForm(page, 'rmsprop');
  await rmsprop.getByLabel('centered').check();
  await adam.getByLabel('amsgrad').check();
  settings.nesterov = { ...settings.nesterov, momentum: 0.5 };
  settings.rmsprop = { ...settings.rmsprop, centered: true };
  settings.adam = { ...settings.adam, amsgrad: true };
  assert.deepEqual(
    await raceLosses(page),
    expectedLosses(env.engine, 'bowl', settings, [-7, 2], 100),
  );
  assertNoProblems(problems);
  await context.close();
});

test('racers can be taken out and put back', async () => {
  const { context, page, problems } = await openChapter(env);
  const sgd = race(page).locator('.lane[data-lane="sgd"]').getByRole('checkbox', { name: 'SGD' });
  await sgd.uncheck();
  assert.equal(await race(page).locator('tbody tr[data-lane="sgd"]').count(), 0);
  assert.equal(await race(page).locator('polyline.path').count(), 6);
  for (const id of Object.keys(LANE_OP)) {
    await race(page).locator(`.lane[data-lane="${id}"] > label input`).uncheck();
  }
  await assert.doesNotReject(race(page).getByText('Choose at least one optimizer.').waitFor());
  await race(page).locator('.lane[data-lane="adamw"] > label input').check();
  assert.deepEqual(
    await raceLosses(page),
    expectedLosses(env.engine, 'bowl', defaultSettings('bowl'), [-7, 2], 100, 100, ['adamw']),
  );
  assertNoProblems(problems);
  await context.close();
});

test('each surface has its own start, steps and learning rates; the numbers follow', async () => {
  const { context, page, problems } = await openChapter(env);
  const surface = race(page).getByLabel('Loss surface');
  await surface.selectOption('rosenbrock');
  assert.equal(await race(page).getByLabel('Steps').inputValue(), '300');
  assert.equal(await race(page).getByLabel('Start x').inputValue(), '-1.2');
  assert.equal(await race(page).getByLabel('Start y').inputValue(), '1');
  assert.match(
    await race(page).locator('svg.surface').getAttribute('aria-label'),
    /Rosenbrock valley/,
  );
  assert.deepEqual(
    await raceLosses(page),
    expectedLosses(env.engine, 'rosenbrock', defaultSettings('rosenbrock'), [-1.2, 1], 300),
  );
  await surface.selectOption('saddle');
  assert.deepEqual(
    await raceLosses(page),
    expectedLosses(env.engine, 'saddle', defaultSettings('saddle'), [-1.5, 0.01], 100),
  );
  assertNoProblems(problems);
  await context.close();
});

test('the start point: a click, the arrow keys, or typed coordinates', async () => {
  const { context, page, problems } = await openChapter(env);
  const plot = race(page).locator('.plot');
  const picture = race(page).locator('svg.surface');
  const box = await picture.boundingBox();
  // the bowl's view is x in [-10, 10], y in [-5, 5]: the click at 75% across, 25% down is (5, 2.5)
  await picture.click({ position: { x: box.width * 0.75, y: box.height * 0.25 } });
  let start = await linkedStart(page);
  assert.ok(Math.abs(start[0] - 5) < 0.1 && Math.abs(start[1] - 2.5) < 0.1, `${start}`);
  assert.deepEqual(
    await raceLosses(page),
    expectedLosses(env.engine, 'bowl', defaultSettings('bowl'), start, 100),
  );

  await plot.focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Shift+ArrowDown');
  await page.waitForFunction(
    (x) => !location.hash.includes(`optimizers.race.start=${x}`),
    String(start[0]),
  );
  const moved = await linkedStart(page);
  assert.ok(Math.abs(moved[0] - (start[0] - 0.2)) < 1e-4, `left by 2% of the view: ${moved}`);
  assert.ok(Math.abs(moved[1] - (start[1] - 1)) < 1e-4, `down by 10% with Shift: ${moved}`);
  start = moved;
  assert.deepEqual(
    await raceLosses(page),
    expectedLosses(env.engine, 'bowl', defaultSettings('bowl'), start, 100),
  );

  const x = race(page).getByLabel('Start x');
  await x.fill('12');
  await assert.doesNotReject(race(page).getByText('The start must lie in the picture').waitFor());
  assert.equal(await x.getAttribute('aria-invalid'), 'true');
  await x.fill('zz');
  assert.equal(await x.inputValue(), 'zz');
  await x.fill('-3.');
  assert.equal(await x.getAttribute('aria-invalid'), 'false');
  assert.equal(await x.inputValue(), '-3.', 'what the learner typed is not rewritten');
  assert.deepEqual(
    await raceLosses(page),
    expectedLosses(env.engine, 'bowl', defaultSettings('bowl'), [-3, start[1]], 100),
  );

  const steps = race(page).getByLabel('Steps');
  await steps.fill('0');
  await assert.doesNotReject(
    race(page).getByText('Steps is a whole number from 1 to 2000').waitFor(),
  );
  await steps.fill('40');
  assert.deepEqual(
    await raceLosses(page),
    expectedLosses(env.engine, 'bowl', defaultSettings('bowl'), [-3, start[1]], 40),
  );
  assertNoProblems(problems);
  await context.close();
});
