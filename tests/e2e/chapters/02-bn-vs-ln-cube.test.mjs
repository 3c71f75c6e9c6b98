// Chapter 2 (BN vs LN), the cube: coloured by the engine's statistics plan, its keys, its fields
// (norm, groups, shape) with bad values, and the edited tensor. The player and the rest: 02-bn-vs-ln.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, section, measures } from '../harness.mjs';
import {
  cubeFacts,
  flatIndex,
  formatNumber,
  seededValues,
  members,
  reductionTrace,
} from './groups-helpers.mjs';

const env = useBrowser();

const SHAPE = [2, 6, 4, 4];
const chapter = (page) => section(page, 'bn-vs-ln');
const cube = (page) => chapter(page).locator('#bn-vs-ln-cube');
const player = (page) => chapter(page).locator('#bn-vs-ln-player');
const summary = (page) => cube(page).locator('p.summary');
const detail = (page) => cube(page).locator('p.detail');

async function open(options) {
  const r = await openPage(env.browser, env.server.url, {
    viewport: { width: 1200, height: 1000 },
    ...options,
  });
  await summary(r.page).waitFor();
  return r;
}

test('the cube is coloured by the engine’s plan and shows what the kernels compute', async () => {
  const { context, page, problems } = await open();
  await assert.doesNotReject(
    summary(page)
      .getByText('BatchNorm2d(6): 6 mean/variance pairs, each over 32 elements')
      .waitFor(),
  );
  assert.match(await cube(page).locator('p.params').textContent(), /weight \(6,\), bias \(6,\)/);
  const values = seededValues(192);
  const facts = await cubeFacts('batch', SHAPE, 3, values);
  const drawn = await cube(page)
    .locator('rect.cell')
    .evaluateAll((rects) => rects.map((r) => Number(r.dataset.g)));
  assert.deepEqual(drawn, Array.from(facts.plan.group), 'one cell per element, coloured by plan');

  const i = flatIndex([1, 2, 1, 3], SHAPE);
  await cube(page).locator(`rect[data-i="${i}"]`).hover();
  const g = facts.plan.group[i];
  const list = members(facts.plan.group, g);
  const trace = reductionTrace(
    facts.engine,
    list.map((k) => values[k]),
  );
  const text = await detail(page).textContent();
  assert.ok(text.includes(`x[1, 2, 1, 3] = ${formatNumber(values[i])}`), text);
  assert.ok(text.includes(`output y = ${formatNumber(facts.forward.output[i])}`), text);
  assert.ok(text.includes(`mean is ${formatNumber(facts.forward.mean[g])}`), text);
  assert.ok(text.includes(`variance ${formatNumber(trace.variance)}`), text);
  assert.ok(text.includes('samples 0–1, channel 2, 16 spatial positions, 32 elements'), text);
  // the picked group stands out: its cells are members, every other cell is dimmed
  assert.equal(await cube(page).locator('rect.cell.member').count(), 32);
  assert.equal(await cube(page).locator('rect.cell.dim').count(), 160);
  assert.ok(
    (await measures(page, 'nl:norm-cube')) > 0,
    'the recompute is measured as nl:norm-cube',
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test('keyboard: arrows, PageUp/PageDown, Home/End walk the cube, with a visible focus ring', async () => {
  const { context, page, problems } = await open();
  const box = cube(page).locator('div.cube');
  await box.focus();
  const label = async () => (await detail(page).textContent()).match(/x\[[^\]]*\]/)[0];
  assert.equal(await label(), 'x[0, 0, 0, 0]');
  assert.notEqual(await box.evaluate((el) => getComputedStyle(el).outlineStyle), 'none');
  const walk = [
    ['ArrowRight', 'x[0, 0, 0, 1]'],
    ['ArrowDown', 'x[0, 1, 0, 1]'],
    ['PageDown', 'x[1, 1, 0, 1]'],
    ['ArrowUp', 'x[1, 0, 0, 1]'],
    ['ArrowUp', 'x[0, 5, 0, 1]'],
    ['ArrowLeft', 'x[0, 5, 0, 0]'],
    ['ArrowLeft', 'x[0, 5, 0, 0]'],
    ['End', 'x[1, 5, 3, 3]'],
    ['ArrowDown', 'x[1, 5, 3, 3]'],
    ['PageUp', 'x[0, 5, 3, 3]'],
    ['Home', 'x[0, 0, 0, 0]'],
  ];
  for (const [key, want] of walk) {
    await page.keyboard.press(key);
    assert.equal(await label(), want, `after ${key}`);
  }
  assert.equal(await detail(page).getAttribute('aria-live'), 'polite');
  assert.equal(await cube(page).locator('svg').first().getAttribute('role'), 'img');
  assert.deepEqual(problems, []);
  await context.close();
});

test('switching the norm, the groups and the shape; bad values get a message and change nothing', async () => {
  const { context, page, problems } = await open();
  const button = (name) => cube(page).getByRole('button', { name, exact: true });
  const groups = cube(page).getByLabel('Groups (GroupNorm’s num_groups)');
  const shape = cube(page).getByLabel('Shape (N, C, H, W)');

  await button('LayerNorm').click();
  assert.equal(await button('LayerNorm').getAttribute('aria-pressed'), 'true');
  await assert.doesNotReject(
    summary(page)
      .getByText('LayerNorm((6, 4, 4)): 2 mean/variance pairs, each over 96 elements')
      .waitFor(),
  );
  assert.match(await cube(page).locator('p.params').textContent(), /weight \(6, 4, 4\)/);

  await button('InstanceNorm').click();
  await assert.doesNotReject(
    summary(page).getByText('InstanceNorm2d(6): 12 mean/variance pairs, each over 16').waitFor(),
  );
  assert.match(await cube(page).locator('p.params').textContent(), /no learnable γ, β/);

  // GroupNorm(4, 6) is refused with PyTorch's message, next to the groups field
  await groups.fill('4');
  await button('GroupNorm').click();
  await assert.doesNotReject(
    cube(page)
      .locator('#groups-error')
      .getByText('num_channels must be divisible by num_groups')
      .waitFor(),
  );
  assert.equal(await groups.getAttribute('aria-invalid'), 'true');
  assert.match(
    await summary(page).textContent(),
    /InstanceNorm2d\(6\)/,
    'the last good cube stays',
  );
  assert.equal(await button('InstanceNorm').getAttribute('aria-pressed'), 'true');
  await groups.fill('2');
  await button('GroupNorm').click();
  await assert.doesNotReject(
    summary(page)
      .getByText('GroupNorm(2, 6): 4 mean/variance pairs, each over 48 elements')
      .waitFor(),
  );
  assert.equal(await groups.getAttribute('aria-invalid'), 'false');
  const facts = await cubeFacts('group', SHAPE, 2, seededValues(192));
  const drawn = await cube(page)
    .locator('rect.cell')
    .evaluateAll((rects) => rects.map((r) => Number(r.dataset.g)));
  assert.deepEqual(drawn, Array.from(facts.plan.group));

  await groups.fill('two');
  await assert.doesNotReject(
    cube(page).locator('#groups-error').getByText('positive whole number').waitFor(),
  );
  assert.equal(await groups.inputValue(), 'two', 'the learner’s text stays');
  await groups.fill('-1');
  assert.notEqual(await cube(page).locator('#groups-error').textContent(), '');
  assert.match(await summary(page).textContent(), /GroupNorm\(2, 6\)/);
  await groups.fill('3');
  await assert.doesNotReject(summary(page).getByText('GroupNorm(3, 6): 6 mean').waitFor());

  for (const [text, message] of [
    ['2, 0, 4, 4', 'Every dim must be at least 1'],
    ['2, 6', '3 to 5 dims'],
    ['2, six, 4', 'whole numbers separated by commas'],
    ['16, 16, 8, 8', 'the cube draws at most 1024'],
    ['2, 6, -4, 4', 'negative dimension -4'],
  ]) {
    await shape.fill(text);
    await assert.doesNotReject(
      cube(page).locator('#shape-error').getByText(message).waitFor(),
      `${text}: ${message}`,
    );
    assert.equal(await shape.inputValue(), text);
    assert.match(await summary(page).textContent(), /GroupNorm\(3, 6\): 6 mean/);
  }
  // typing a shape character by character keeps every character the learner typed
  await shape.fill('');
  await shape.pressSequentially('3,6,2,2');
  assert.equal(await shape.inputValue(), '3,6,2,2');
  await assert.doesNotReject(
    summary(page)
      .getByText('GroupNorm(3, 6): 9 mean/variance pairs, each over 8 elements')
      .waitFor(),
  );
  assert.equal(await cube(page).locator('rect.cell').count(), 72);
  assert.deepEqual(problems, []);
  await context.close();
});

test('editing the tensor recomputes the output; bad text changes nothing', async () => {
  const { context, page, problems } = await open();
  await cube(page).getByText('Edit the numbers in the tensor').click();
  const cell = cube(page).getByLabel('x[0, 2, 0, 0]', { exact: true });
  await cell.fill('5');
  const values = seededValues(192);
  values[flatIndex([0, 2, 0, 0], SHAPE)] = 5;
  const facts = await cubeFacts('batch', SHAPE, 3, values);
  const i = flatIndex([0, 2, 0, 0], SHAPE);
  await cube(page).locator(`rect[data-i="${i}"]`).hover();
  await assert.doesNotReject(
    detail(page)
      .getByText(`x[0, 2, 0, 0] = 5 → output y = ${formatNumber(facts.forward.output[i])}`)
      .waitFor(),
  );
  assert.ok(
    (await detail(page).textContent()).includes(`mean is ${formatNumber(facts.forward.mean[2])}`),
  );
  await cell.fill('abc');
  assert.equal(await cell.getAttribute('aria-invalid'), 'true');
  await cube(page)
    .locator(`rect[data-i="${i + 1}"]`)
    .hover();
  await cube(page).locator(`rect[data-i="${i}"]`).hover();
  assert.ok((await detail(page).textContent()).includes('x[0, 2, 0, 0] = 5 '), 'the last number');
  await cube(page).getByRole('button', { name: 'Reset the numbers' }).click();
  assert.ok(
    (await detail(page).textContent()).includes(
      `x[0, 2, 0, 0] = ${formatNumber(seededValues(192)[i])}`,
    ),
  );
  assert.deepEqual(problems, []);
  await context.close();
});
