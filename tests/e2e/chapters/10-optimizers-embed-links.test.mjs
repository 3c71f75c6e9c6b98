// Chapter 10 (optimizers): the self-check answered right and wrong, a phone-sized screen, each
// widget's measures, each widget alone in embed.html, and links restoring the widgets' state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, sidewaysOverflow, PHONE } from '../harness.mjs';
import { formatNumber, openChapter, race, SECTION, assertNoProblems } from './race-helpers.mjs';
import { MEMORY_OPTIMIZERS } from '../../../web/widgets/memory-calculator.js';

const env = useBrowser({ engine: true });

const section = (page) => page.locator(SECTION);
const stateWidget = (page) => section(page).locator('optimizer-state');
const memory = (page) => section(page).locator('memory-calculator');
const decay = (page) => section(page).locator('decay-compare');

/** The texts of a readonly tensor's cells, in order. */
const cells = (widget, label) =>
  widget.locator(`tensor-editor[label="${label}"] output`).allTextContents();

/** The memory question's answer in MB, from the engine, read back from its English text. */
function answerOf(question) {
  const n = Number(/with ([\d,]+) parameters/.exec(question)[1].replaceAll(',', ''));
  const key = Object.keys(MEMORY_OPTIMIZERS).find((k) =>
    question.includes(` ${MEMORY_OPTIMIZERS[k].label} in fp32`),
  );
  const { op, args } = MEMORY_OPTIMIZERS[key];
  return env.engine.optimizerMemory({ params: n, precision: 'fp32', op, args }).total / 1e6;
}

test('the self-check: a right answer, a wrong one, a new question, text that is no number', async () => {
  const { context, page, problems } = await openChapter(env);
  const check = section(page).locator('self-check');
  const question = () => check.locator('p.question').textContent();
  const answer = check.getByLabel('Your answer');
  const first = await question();
  await answer.fill(String(answerOf(first)));
  await check.getByRole('button', { name: 'Check' }).click();
  await assert.doesNotReject(check.getByText('Correct!').waitFor());
  await assert.doesNotReject(check.getByText('Each fp32 number takes 4 bytes.').waitFor());

  let next = first;
  for (let i = 0; i < 5 && next === first; i++) {
    await check.getByRole('button', { name: 'New question' }).click();
    next = await question();
  }
  assert.notEqual(next, first, 'a new question');
  await answer.fill(String(answerOf(next) * 2));
  await check.getByRole('button', { name: 'Check' }).click();
  await assert.doesNotReject(check.getByText('Not quite.').waitFor());
  await assert.doesNotReject(
    check
      .getByText(`${formatNumber(answerOf(next))}`)
      .first()
      .waitFor(),
  );
  await answer.fill('lots');
  await check.getByRole('button', { name: 'Check' }).click();
  await assert.doesNotReject(check.getByText('Type a number').waitFor());
  assertNoProblems(problems);
  await context.close();
});

test('on a phone the chapter fits the screen and the surface takes a tap', async () => {
  const { context, page, problems } = await openChapter(env, PHONE);
  const overflow = await sidewaysOverflow(page);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
  for (const tag of ['optimizer-race', 'optimizer-state', 'memory-calculator', 'decay-compare']) {
    const box = await section(page).locator(tag).boundingBox();
    assert.ok(box.width <= 390, `${tag} is ${box.width}px wide`);
  }
  const picture = race(page).locator('svg.surface');
  const box = await picture.boundingBox();
  await picture.tap({ position: { x: box.width / 2, y: box.height / 2 } });
  await page.waitForFunction(() => location.hash.includes('optimizers.race.start='));
  const x = Number(await race(page).getByLabel('Start x').inputValue());
  assert.ok(Math.abs(x) < 0.2, `the middle of the bowl's view: x = ${x}`);
  assertNoProblems(problems);
  await context.close();
});

test('every widget of the chapter measures its recompute and redraw', async () => {
  const { context, page } = await openChapter(env);
  await memory(page).getByLabel('Optimizer').selectOption('sgd');
  await decay(page).getByLabel('Steps', { exact: true }).fill('200');
  await stateWidget(page).getByRole('button', { name: 'Step', exact: true }).click();
  const names = ['optimizer-race', 'optimizer-state', 'memory-calculator', 'decay-compare'];
  const measured = await page.evaluate(
    (list) =>
      list.map((n) => performance.getEntriesByName(`nl:${n}`, 'measure').map((m) => m.duration)),
    names,
  );
  names.forEach((n, i) => {
    assert.ok(measured[i].length > 0, `nl:${n} was measured`);
    console.log(`nl:${n}: ${measured[i].map((d) => d.toFixed(1)).join(', ')} ms`);
  });
  await context.close();
});

test('each widget works alone in embed.html, from attributes only, even wrong ones', async () => {
  const open = async (hash) => {
    const opened = await openPage(env.browser, `${env.server.url}embed.html#${hash}`);
    return opened;
  };
  const a = await open(
    'widget=optimizer-race&surface=rosenbrock&lanes=adam,sgd,lion&steps=abc&lang=zh',
  );
  const rows = a.page.locator('optimizer-race tbody tr[data-lane]');
  await rows.first().waitFor();
  assert.equal(await rows.count(), 2);
  assert.equal(await a.page.getByLabel('步数', { exact: true }).inputValue(), '300');
  await assert.doesNotReject(a.page.getByRole('button', { name: '播放' }).waitFor());
  assertNoProblems(a.problems);
  await a.context.close();

  const b = await open('widget=optimizer-state&op=bogus&lr=-1&shape=x');
  await assert.doesNotReject(b.page.getByText('Invalid learning rate: -1.0').waitFor());
  await b.page.getByRole('button', { name: 'Step', exact: true }).click();
  await assert.doesNotReject(b.page.locator('tensor-editor[label="exp_avg"]').waitFor());
  assertNoProblems(b.problems);
  await b.context.close();

  const c = await open('widget=decay-compare&steps=0&lr=0.1');
  await c.page.locator('decay-compare tbody tr').first().waitFor();
  assert.equal(await c.page.getByLabel('Steps', { exact: true }).inputValue(), '300');
  assertNoProblems(c.problems);
  await c.context.close();

  const d = await open('widget=memory-calculator&params=1000&optimizer=sgd-momentum');
  await assert.doesNotReject(d.page.locator('p.summary').getByText('Total 12 KB').waitFor());
  assertNoProblems(d.problems);
  await d.context.close();
});

test('links: the widgets restore their state, and say what they ignored', async () => {
  const good = await openChapter(env, {
    hash: '&optimizers.memory.params=1000&optimizers.memory.optimizer=sgd&optimizers.decay.lr=0.1&optimizers.state.op=rmsprop',
  });
  await assert.doesNotReject(
    memory(good.page).locator('p.summary').getByText('Total 8 KB').waitFor(),
  );
  assert.equal(await decay(good.page).getByLabel('Learning rate lr').inputValue(), '0.1');
  assert.equal(await stateWidget(good.page).getByLabel('Optimizer').inputValue(), 'rmsprop');
  assertNoProblems(good.problems);
  await good.context.close();

  const bad = await openChapter(env, {
    hash: '&optimizers.memory.params=lots&optimizers.decay.lr=-1&optimizers.state.op=lion',
  });
  for (const w of [memory(bad.page), decay(bad.page), stateWidget(bad.page)]) {
    await assert.doesNotReject(w.getByText('Ignored part of the link').waitFor());
  }
  await assert.doesNotReject(decay(bad.page).getByText('Invalid learning rate: -1.0').waitFor());
  await assert.doesNotReject(
    memory(bad.page).locator('p.summary').getByText('Total 112 GB').waitFor(),
  );
  assertNoProblems(bad.problems);
  await bad.context.close();
});
