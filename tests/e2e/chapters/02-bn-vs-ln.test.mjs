// Chapter 2 (BN vs LN): the reduction player against the C++ partial sums, playback, GN's two
// extremes, the self-check, Chinese, the link state and the PyTorch code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runPyTorch } from '../../../scripts/lib/pytorch-runs.mjs';
import { useBrowser, openPage, section, measures } from '../harness.mjs';
import {
  cubeFacts,
  flatIndex,
  formatNumber,
  seededValues,
  members,
  reductionTrace,
  textbookAnswer,
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

test('the player reduces the picked cell’s group with the C++ partial sums', async () => {
  const { context, page, problems } = await open();
  const values = seededValues(192);
  const facts = await cubeFacts('batch', SHAPE, 3, values);
  const i = flatIndex([1, 3, 2, 2], SHAPE);
  await cube(page).locator(`rect[data-i="${i}"]`).hover();
  const heading = player(page).locator('p.heading');
  await assert.doesNotReject(
    heading.getByText('BatchNorm2d(6): group 3 of 0–5, 32 elements').waitFor(),
  );
  const list = members(facts.plan.group, 3);
  const x = list.map((k) => values[k]);
  const trace = reductionTrace(facts.engine, x);
  const status = player(page).locator('p.status');
  const button = (name) => player(page).getByRole('button', { name, exact: true });
  const f = formatNumber;

  await button('Step').click();
  assert.equal(
    await status.textContent(),
    `Pass 1 (mean), element 1 of 32: x[0, 3, 0, 0] = ${f(x[0])}. Σx = ${f(trace.runningSum[0])}, mean so far = ${f(trace.runningMean[0])}.`,
  );
  await button('Step').click();
  assert.ok((await status.textContent()).includes(`Σx = ${f(trace.runningSum[1])}`));
  await button('Back').click();
  assert.ok((await status.textContent()).includes('element 1 of 32'));

  const slider = player(page).getByRole('slider', { name: 'Progress (steps)' });
  await slider.fill('32');
  assert.ok((await status.textContent()).endsWith(`The mean μ = ${f(trace.mean)}.`));
  await slider.fill('40');
  assert.ok(
    (await status.textContent()).includes(
      `element 8 of 32: (x[0, 3, 1, 3] − μ)² = ${f(trace.sqDev[7])}. Σ(x − μ)² = ${f(trace.runningSq[7])}.`,
    ),
  );
  await slider.fill('64');
  assert.ok(
    (await status.textContent()).includes(
      `The variance σ² = Σ(x − μ)² / 32 = ${f(trace.variance)} (biased: divided by n).`,
    ),
  );
  assert.equal(trace.variance, trace.runningSq[31] / 32);
  await slider.fill('65');
  assert.ok((await status.textContent()).includes(`1 / √(σ² + ε) = ${f(trace.rstd)}`));
  // after the normalize step the chips show x̂, after the affine step y
  const chips = () =>
    player(page)
      .locator('g.chip:not(.flyer) text')
      .evaluateAll((ts) => ts.map((t) => t.textContent));
  assert.deepEqual(
    await chips(),
    Array.from(trace.xhat, (v) => f(v)),
  );

  // γ and β: bad text is explained and the previous value kept
  const gamma = player(page).getByLabel('γ (weight)');
  await gamma.fill('big');
  await assert.doesNotReject(
    player(page).getByText('Not a number; the previous value is kept').waitFor(),
  );
  assert.equal(await gamma.getAttribute('aria-invalid'), 'true');
  await gamma.fill('2');
  await player(page).getByLabel('β (bias)').fill('-0.5');
  await slider.fill('66');
  const affine = reductionTrace(facts.engine, x, {
    weight: new Float32Array(32).fill(2),
    bias: new Float32Array(32).fill(-0.5),
  });
  assert.equal(await status.textContent(), 'Affine: y = γ · x̂ + β with γ = 2, β = −0.5. Done.');
  assert.deepEqual(
    await chips(),
    Array.from(affine.y, (v) => f(v)),
  );
  assert.equal(await button('Step').isDisabled(), true, 'nothing after the last step');

  await button('Reset').click();
  assert.ok((await status.textContent()).startsWith('Press Play or Step'));
  const group = player(page).getByLabel('Group', { exact: true });
  await group.fill('9');
  await assert.doesNotReject(
    player(page).getByText('The group is a whole number from 0 to 5').waitFor(),
  );
  await group.fill('0');
  await assert.doesNotReject(heading.getByText('group 0 of 0–5').waitFor());

  // the table lists every partial sum, from the same trace
  await player(page).getByText('Every partial sum (computed in C++)').click();
  assert.equal(await player(page).locator('tbody tr').count(), 32);
  assert.deepEqual(problems, []);
  await context.close();
});

test('play animates, pause holds, speed and reduced motion are honoured', async () => {
  const { context, page, problems } = await open();
  const button = (name) => player(page).getByRole('button', { name, exact: true });
  const slider = player(page).getByRole('slider', { name: 'Progress (steps)' });
  const flyers = () => player(page).locator('g.flyer').count();

  await player(page).getByLabel('Speed').selectOption('4');
  await button('Play').click();
  let sawFlyer = false;
  for (let k = 0; k < 40 && !sawFlyer; k++) {
    sawFlyer = (await flyers()) > 0;
    await page.waitForTimeout(20);
  }
  assert.ok(sawFlyer, 'an element is in flight between steps');
  for (let k = 0; k < 100 && Number(await slider.inputValue()) < 2; k++)
    await page.waitForTimeout(20);
  await button('Pause').click();
  const held = await slider.inputValue();
  await page.waitForTimeout(400);
  assert.equal(await slider.inputValue(), held, 'paused: the position holds');
  assert.ok(Number(held) > 0);
  await slider.fill('62');
  await button('Play').click();
  await assert.doesNotReject(
    player(page).locator('p.status').getByText('Done.').waitFor({ timeout: 5000 }),
  );
  assert.equal(await button('Play').isVisible(), true, 'stops at the end');
  assert.ok((await measures(page, 'nl:reduction-player')) > 0);
  assert.deepEqual(problems, []);
  await context.close();

  const reduced = await open({ reducedMotion: 'reduce' });
  const p = reduced.page;
  await player(p).getByLabel('Speed').selectOption('4');
  await player(p).getByRole('button', { name: 'Play', exact: true }).click();
  for (let k = 0; k < 30; k++) {
    assert.equal(await player(p).locator('g.flyer').count(), 0, 'reduced motion: whole steps');
    await p.waitForTimeout(25);
  }
  assert.ok(Number(await player(p).getByRole('slider').inputValue()) > 0, 'but it does advance');
  assert.deepEqual(reduced.problems, []);
  await reduced.context.close();
});

test('GN(1) and LN, GN(C) and IN: the same colours, different parameters', async () => {
  const { context, page, problems } = await open();
  const compact = chapter(page).locator('norm-cube[compact]');
  assert.equal(await compact.count(), 4);
  const groups = (k) =>
    compact
      .nth(k)
      .locator('rect.cell')
      .evaluateAll((rects) => rects.map((r) => r.dataset.g).join(','));
  await compact.nth(3).locator('rect.cell').first().waitFor();
  assert.equal(await groups(0), await groups(1), 'LN and GN(1)');
  assert.equal(await groups(2), await groups(3), 'IN and GN(C)');
  assert.notEqual(await groups(0), await groups(2));
  const params = (k) => compact.nth(k).locator('p.params').textContent();
  assert.match(await params(0), /weight \(4, 3, 3\), bias \(4, 3, 3\)/);
  assert.match(await params(1), /weight \(4,\), bias \(4,\)/);
  assert.match(await params(2), /no learnable γ, β/);
  assert.match(await params(3), /weight \(4,\), bias \(4,\)/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the self-check is answered wrong, then right, with the engine’s answer', async () => {
  const { context, page, problems } = await open();
  const check = chapter(page).locator('self-check');
  const question = await check.locator('p.question').textContent();
  const answer = textbookAnswer(question);
  const input = check.getByLabel('Your answer');
  await input.fill('lots');
  await check.getByRole('button', { name: 'Check' }).click();
  await assert.doesNotReject(check.getByText('Type a whole number').waitFor());
  await input.fill(String(answer + 1));
  await check.getByRole('button', { name: 'Check' }).click();
  await assert.doesNotReject(check.getByText('Not quite.').waitFor());
  assert.match(await check.locator('strong').textContent(), new RegExp(`^${answer}$`));
  await input.fill(String(answer));
  await check.getByRole('button', { name: 'Check' }).click();
  await assert.doesNotReject(check.getByText('Correct!').waitFor());
  for (let k = 0; k < 5; k++) {
    await check.getByRole('button', { name: 'New question' }).click();
    const next = await check.locator('p.question').textContent();
    const input2 = check.getByLabel('Your answer');
    await input2.fill(String(textbookAnswer(next)));
    await check.getByRole('button', { name: 'Check' }).click();
    await assert.doesNotReject(check.getByText('Correct!').waitFor(), next);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('in Chinese: prose, cube, player and self-check', async () => {
  const { context, page, problems } = await open({ locale: 'zh-CN' });
  await assert.doesNotReject(
    page.getByRole('heading', { name: '2. BN 和 LN 的区别：哪些元素共享一个均值' }).waitFor(),
  );
  await assert.doesNotReject(
    summary(page).getByText('BatchNorm2d(6)：计算 6 组均值和方差，每组 32 个元素').waitFor(),
  );
  assert.ok((await chapter(page).textContent()).includes('哪些元素放在一起求同一个均值和方差'));
  await cube(page).locator('rect[data-i="0"]').hover();
  assert.match(await detail(page).textContent(), /x\[0, 0, 0, 0\] = .* → 输出 y = .*第 0 组/);
  await cube(page).getByRole('button', { name: 'GroupNorm', exact: true }).click();
  await cube(page).getByLabel('组数（GroupNorm 的 num_groups）').fill('x');
  await assert.doesNotReject(cube(page).getByText('组数必须是正整数').waitFor());
  await player(page).getByRole('button', { name: '下一步' }).click();
  assert.match(
    await player(page).locator('p.status').textContent(),
    /^第 1 遍（均值），第 1 \/ 32 个元素/,
  );
  await assert.doesNotReject(chapter(page).locator('self-check').getByText('自测').waitFor());
  assert.match(await chapter(page).locator('self-check p.question').textContent(), /x 的形状是/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the cube lives in the link: a shared link restores the norm and the groups', async () => {
  const { context, page, problems } = await open();
  await cube(page).getByLabel('Groups (GroupNorm’s num_groups)').fill('2');
  await cube(page).getByRole('button', { name: 'GroupNorm', exact: true }).click();
  await page.waitForFunction(() => location.hash.includes('bn-vs-ln.cube.kind=group'));
  const other = await openPage(env.browser, page.url());
  await assert.doesNotReject(
    summary(other.page).getByText('GroupNorm(2, 6): 4 mean/variance pairs').waitFor(),
  );
  assert.deepEqual(other.problems, []);
  await other.context.close();
  const bad = await openPage(
    env.browser,
    `${env.server.url}#bn-vs-ln.cube.kind=%3Cb%3E&bn-vs-ln.cube.shape=2,0`,
  );
  await assert.doesNotReject(cube(bad.page).getByText('Ignored part of the link').waitFor());
  assert.match(await summary(bad.page).textContent(), /BatchNorm2d\(6\)/);
  assert.deepEqual(bad.problems, []);
  await bad.context.close();
  assert.deepEqual(problems, []);
  await context.close();
});

test('“Show as PyTorch” runs in PyTorch and finds the groups the cube shows', async () => {
  const { context, page, problems } = await open();
  const values = seededValues(192);
  for (const [name, kind] of [
    ['BatchNorm', 'batch'],
    ['LayerNorm', 'layer'],
    ['InstanceNorm', 'instance'],
    ['GroupNorm', 'group'],
  ]) {
    await cube(page).getByRole('button', { name, exact: true }).click();
    const code = await cube(page).locator('pytorch-code pre').textContent();
    const out = runPyTorch(code).split('\n');
    const facts = await cubeFacts(kind, SHAPE, 3, values);
    assert.match(out[0], new RegExp(` ${facts.plan.statCount}$`), `${name}: ${out[0]}`);
    const means = JSON.parse(out[1]);
    assert.equal(means.length, facts.plan.statCount);
    means.forEach((m, g) =>
      assert.ok(Math.abs(m - facts.forward.mean[g]) < 1e-4, `${name} group ${g}: ${m}`),
    );
    const params = out.slice(2).filter(Boolean);
    assert.deepEqual(
      params,
      facts.params.map(([p, shape]) => `${p} torch.Size([${shape.join(', ')}])`),
    );
  }
  assert.deepEqual(problems, []);
  await context.close();
});
