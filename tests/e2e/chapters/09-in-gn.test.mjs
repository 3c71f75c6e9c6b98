// Chapter 9 (IN and GN): the contrast tool on the InstanceNorm cube, the batch-size chart computed
// in C++, the self-check, both languages; and the three widgets alone in a blog post, in an
// iframe page, and on a phone-sized screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runPyTorch } from '../../../scripts/lib/pytorch-runs.mjs';
import {
  useBrowser,
  openPage,
  nodeEngine,
  section,
  assertNoAxeViolations,
  answerSelfCheck,
  PHONE,
} from '../harness.mjs';
import { formatNumber, textbookAnswer, cubeFacts, seededValues } from './groups-helpers.mjs';
import { batchSpread } from '../../../web/engine/batch_spread.js';

const env = useBrowser();

const SIZES = [1, 2, 4, 8, 16, 32, 64];
const chapter = (page) => section(page, 'in-gn');
const cube = (page) => chapter(page).locator('norm-cube');
const chart = (page) => chapter(page).locator('batch-spread');

async function open(options) {
  const r = await openPage(env.browser, env.server.url, {
    viewport: { width: 1200, height: 1000 },
    ...options,
  });
  await chart(r.page).locator('tbody tr').first().waitFor({ state: 'attached' });
  return r;
}

/** The chart's table as [[B, BN, GN], ...] text. */
const tableOf = (page) =>
  chart(page)
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => Array.from(r.cells, (c) => c.textContent.trim())));

async function expectedTable(options) {
  const engine = await nodeEngine();
  const r = batchSpread(engine, {
    batchSizes: SIZES,
    datasetSize: 512,
    channels: 8,
    spatial: 16,
    pixelNoise: 1,
    batches: 50,
    numGroups: 2,
    seed: 1,
    sampleSpread: 1,
    ...options,
  });
  return SIZES.map((b, i) => [String(b), formatNumber(r.bn[i]), formatNumber(r.gn[i])]);
}

test('contrast and brightness of one channel: InstanceNorm’s output stays, BatchNorm’s moves', async () => {
  const { context, page, problems } = await open();
  await assert.doesNotReject(
    cube(page)
      .getByText('InstanceNorm2d(4): 8 mean/variance pairs, each over 9 elements')
      .waitFor(),
  );
  await cube(page).locator('rect[data-i="10"]').hover(); // x[0, 1, 0, 1]
  await cube(page).getByRole('button', { name: 'Contrast ×2' }).click();
  const note = cube(page).locator('p.contrast-note');
  const moved = async () =>
    Number((await note.textContent()).match(/at most ([^ ]+)\./)[1].replace('−', '-'));
  assert.match(await note.textContent(), /^x\[0, 1, :, :\] was multiplied by 2\./);
  assert.ok((await moved()) < 1e-3, `IN: ${await note.textContent()}`);
  await cube(page).getByRole('button', { name: 'Brightness +1' }).click();
  assert.match(await note.textContent(), /shifted by \+1/);
  assert.ok((await moved()) < 1e-3);
  // the tensor now holds 2·x + 1 on that slice: IN's output equals the engine's for it
  const values = seededValues(72);
  for (let k = 9; k < 18; k++) values[k] = values[k] * 2 + 1;
  const facts = await cubeFacts('instance', [2, 4, 3, 3], 2, values);
  await cube(page).locator('rect[data-i="12"]').hover();
  assert.ok(
    (await cube(page).locator('p.detail').textContent()).includes(
      `output y = ${formatNumber(facts.forward.output[12])}`,
    ),
  );
  await cube(page).getByRole('button', { name: 'BatchNorm', exact: true }).click();
  await cube(page).locator('rect[data-i="10"]').hover();
  await cube(page).getByRole('button', { name: 'Contrast ×2' }).click();
  assert.ok((await moved()) > 0.05, `BN: ${await note.textContent()}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the batch-size chart shows the C++ experiment and follows its fields', async () => {
  const { context, page, problems } = await open();
  assert.deepEqual(await tableOf(page), await expectedTable({}));
  const rows = await tableOf(page);
  const bn = rows.map((r) => Number(r[1].replace('−', '-')));
  assert.ok(bn[0] > 5 * bn[6], 'BN’s spread shrinks with the batch');
  assert.equal(await chart(page).locator('circle.bn').count(), 7);
  assert.equal(await chart(page).locator('rect.gn').count(), 7);
  const label = await chart(page).locator('svg.chart').getAttribute('aria-label');
  assert.ok(label.includes(`from ${rows[0][1]} at B = 1 to ${rows[6][1]} at B = 64`), label);

  const groups = chart(page).getByLabel('GroupNorm groups G (C = 8)');
  await groups.fill('3');
  await assert.doesNotReject(
    chart(page).getByText('num_channels must be divisible by num_groups').waitFor(),
  );
  assert.equal(await groups.getAttribute('aria-invalid'), 'true');
  assert.deepEqual(await tableOf(page), rows, 'a refused value leaves the chart as it was');
  await groups.fill('4');
  assert.deepEqual(await tableOf(page), await expectedTable({ numGroups: 4 }));

  const batches = chart(page).getByLabel('Batches K per batch size');
  for (const bad of ['1', '401', 'many']) {
    await batches.fill(bad);
    await assert.doesNotReject(
      chart(page).getByText('K is a whole number from 2 to 400').waitFor(),
    );
    assert.equal(await batches.inputValue(), bad);
  }
  await batches.fill('80');
  assert.deepEqual(await tableOf(page), await expectedTable({ numGroups: 4, batches: 80 }));

  await chart(page).getByRole('button', { name: 'Draw new batches' }).click();
  assert.deepEqual(
    await tableOf(page),
    await expectedTable({ numGroups: 4, batches: 80, seed: 2 }),
  );
  await chart(page).getByRole('slider').fill('0');
  assert.deepEqual(
    await tableOf(page),
    await expectedTable({ numGroups: 4, batches: 80, seed: 2, sampleSpread: 0 }),
  );
  await page.waitForFunction(() => location.hash.includes('in-gn.spread.batches=80'));
  const measures = await page.evaluate(() =>
    performance.getEntriesByName('nl:batch-spread').map((m) => m.duration),
  );
  assert.ok(measures.length > 0);
  console.log(`nl:batch-spread ms: ${measures.map((d) => d.toFixed(1)).join(' ')}`);
  // the same experiment in PyTorch: other random numbers, the same trend
  await chart(page).getByText('Show as PyTorch').click();
  const code = await chart(page).locator('pre').textContent();
  assert.match(code, /D, C, S, G, K = 512, 8, 16, 4, 80/);
  const lines = runPyTorch(code)
    .trim()
    .split('\n')
    .map((l) => l.split(' ').map(Number));
  assert.deepEqual(
    lines.map((l) => l[0]),
    SIZES,
  );
  assert.ok(lines[0][1] > 0 && lines[6][1] < lines[0][1] / 5, 'PyTorch: BN’s spread shrinks');
  const gn = lines.map((l) => l[2]);
  assert.ok(Math.max(...gn) < 1.3 * Math.min(...gn), `PyTorch: GN’s stays (${gn})`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the self-check of chapter 9 is answered wrong, then right', async () => {
  const { context, page, problems } = await open();
  const check = chapter(page).locator('self-check');
  await answerSelfCheck(check, {
    rounds: 6,
    submit: 'button',
    answers: (question) => {
      const answer = textbookAnswer(question);
      return { wrong: String(answer * 2 + 1), right: String(answer) };
    },
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('in Chinese: prose, contrast tool, chart and self-check', async () => {
  const { context, page, problems } = await open({ locale: 'zh-CN' });
  await assert.doesNotReject(page.getByRole('heading', { name: '9. IN 和 GN' }).waitFor());
  const text = await chapter(page).textContent();
  assert.ok(text.includes('数据不够，从通道借'));
  assert.ok(text.includes('InstanceNorm 最早用在快速风格迁移里'));
  await cube(page).locator('rect[data-i="0"]').hover();
  await cube(page).getByRole('button', { name: '对比度 ×2' }).click();
  assert.match(
    await cube(page).locator('p.contrast-note').textContent(),
    /^x\[0, 0, :, :\] 已乘以 2/,
  );
  assert.match(
    (await chart(page).locator('p.summary').textContent()).trim(),
    /^折线图：BN 的均值波动从 B = 1 时的/,
  );
  await chart(page).getByLabel('GroupNorm 的组数 G（C = 8）').fill('a');
  await assert.doesNotReject(chart(page).getByText('组数必须是整数').waitFor());
  assert.match(await chapter(page).locator('self-check p.question').textContent(), /x 的形状是/);
  assert.deepEqual(problems, []);
  await context.close();
});

const BLOG_POST = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A post</title>
<style>* { font-size: 30px !important; } rect { display: none !important; }</style></head><body>
<h1>Which elements share a mean?</h1>
<norm-cube kind="group" shape="2,6,4,4" groups="3"></norm-cube>
<reduction-player kind="instance" shape="1,2,3" lang="zh"></reduction-player>
<batch-spread batches="20" groups="4"></batch-spread>
<script type="module" src="./normlab-widgets.js"></script>
</body></html>`;

test('in a blog post: one script tag and the three widgets work from their attributes', async () => {
  const { context, page, problems } = await openPage(env.browser, null);
  await page.route(`${env.server.url}groups-post.html`, (r) =>
    r.fulfill({ contentType: 'text/html', body: BLOG_POST }),
  );
  await page.goto(`${env.server.url}groups-post.html`);
  const c = page.locator('norm-cube');
  await assert.doesNotReject(
    c.getByText('GroupNorm(3, 6): 6 mean/variance pairs, each over 32 elements').waitFor(),
  );
  assert.ok(await c.locator('rect[data-i="5"]').isVisible(), 'the host page’s CSS stays out');
  await c.locator('rect[data-i="5"]').hover();
  assert.match(await c.locator('p.detail').textContent(), /channels 0–1, 16 spatial positions/);
  const p = page.locator('reduction-player');
  await assert.doesNotReject(
    p.getByText('InstanceNorm1d(2)：第 0 组（组号 0–1），3 个元素').waitFor(),
  );
  await p.getByRole('button', { name: '下一步' }).click();
  assert.match(await p.locator('p.status').textContent(), /^第 1 遍（均值），第 1 \/ 3 个元素/);
  const s = page.locator('batch-spread');
  await s.locator('tbody tr').first().waitFor({ state: 'attached' });
  assert.deepEqual(
    await s
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => Array.from(r.cells, (x) => x.textContent.trim()))),
    await expectedTable({ batches: 20, numGroups: 4 }),
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test('embed.html shows each widget from its hash', async () => {
  const { context, page, problems } = await openPage(env.browser, null);
  await page.goto(`${env.server.url}embed.html#widget=norm-cube&kind=layer&shape=3,2,2&lang=zh`);
  await page.waitForSelector('html[data-engine="ready"]');
  await assert.doesNotReject(
    page.getByText('LayerNorm((2, 2))：计算 3 组均值和方差，每组 4 个元素').waitFor(),
  );
  await page.goto(
    `${env.server.url}embed.html#widget=reduction-player&kind=batch&shape=3,2,2&group=1`,
  );
  await page.reload();
  await page.waitForSelector('html[data-engine="ready"]');
  await assert.doesNotReject(
    page.getByText('BatchNorm1d(2): group 1 of 0–1, 6 elements').waitFor(),
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test('on a phone: nothing sideways, and a tap picks a cube cell', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url, PHONE);
  for (const id of ['bn-vs-ln', 'in-gn']) {
    const s = section(page, id);
    await s.locator('norm-cube p.summary').first().waitFor();
    const widest = await s.evaluate((el) => {
      let right = 0;
      for (const w of el.querySelectorAll('norm-cube, reduction-player, batch-spread, self-check'))
        right = Math.max(right, w.getBoundingClientRect().right);
      return { right, width: el.scrollWidth - el.clientWidth };
    });
    assert.ok(widest.right <= 390, `${id}: a widget reaches ${widest.right}px`);
    assert.ok(widest.width <= 0, `${id} scrolls sideways by ${widest.width}px`);
  }
  const c = page.locator('#bn-vs-ln-cube');
  await c.locator('rect[data-i="20"]').tap();
  assert.match((await c.locator('p.detail').textContent()).trim(), /^x\[0, 1, 1, 0\]/);
  assert.deepEqual(problems, []);
  await context.close();
});

for (const [locale, colorScheme] of [
  ['en-US', 'light'],
  ['zh-CN', 'dark'],
]) {
  test(`axe-core: chapters 2 and 9 with every panel open (${locale}, ${colorScheme})`, async () => {
    const { context, page, problems } = await open({ locale, colorScheme });
    await page.locator('#bn-vs-ln-cube rect[data-i="3"]').hover();
    for (const host of [
      '#bn-vs-ln-cube',
      '#bn-vs-ln-player',
      'section[data-chapter="in-gn"] batch-spread',
    ]) {
      for (const summary of await page.locator(`${host} details summary`).all())
        await summary.click();
    }
    await page
      .locator('#bn-vs-ln-player')
      .getByRole('button', { name: /^(Step|下一步)$/ })
      .click();
    await assertNoAxeViolations(
      page,
      'section[data-chapter="bn-vs-ln"]',
      'section[data-chapter="in-gn"]',
    );
    assert.deepEqual(problems, []);
    await context.close();
  });
}
