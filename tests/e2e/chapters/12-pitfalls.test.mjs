// Chapter 12 (pitfalls): each pitfall shows the failure and the fix in both languages; the
// eval()/no_grad grid moves running_mean exactly in the cells PyTorch moves it (numbers from
// tests/golden/pitfalls.json); PyTorch's N·H·W message word for word; the momentum runs against
// the engine in node; bad input keeps what is shown; links restore the state; a 360 px screen;
// axe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, section, assertNoAxeViolations } from '../harness.mjs';
import { formatNumber } from '../../../web/i18n.js';
import { readGolden } from '../../../scripts/lib/golden-check.mjs';
import {
  momentumBatches,
  runningMeans,
  STEPS,
} from '../../../web/widgets/bn-momentum-convert/model.js';

const env = useBrowser({ engine: true });
const golden = new Map(readGolden('pitfalls.json').cases.map((c) => [c.id, c]));
const expectOf = (id, step = 0) => golden.get(id).steps[step].expect;

const chapter = (page) => section(page, 'pitfalls');
const grid = (page) => chapter(page).locator('bn-mode-grid');
const rule = (page) => chapter(page).locator('bn-batch-rule');
const momentum = (page) => chapter(page).locator('bn-momentum-convert');
const list = (values) => `(${Array.from(values, (v) => formatNumber(v)).join(', ')})`;

async function open(lang = 'en', hash = '', options = {}) {
  const r = await openPage(env.browser, `${env.server.url}#lang=${lang}&ch=pitfalls${hash}`, {
    viewport: { width: 1200, height: 1000 },
    ...options,
  });
  await grid(r.page).locator('.cell').first().waitFor();
  await rule(r.page).locator('.verdict-box').waitFor();
  await momentum(r.page).locator('li.run').first().waitFor();
  return r;
}

const TEXTS = {
  en: {
    gridBug: 'torch.no_grad() but no model.eval()',
    gridFix: 'call model.eval() before validating',
    ruleFix: 'drop_last=True: the last 1 samples are left out',
    momentumBug: 'Keras’s default 0.99 copied into PyTorch',
    momentumFix: 'Keras’s 0.99 is PyTorch’s 0.01',
  },
  zh: {
    gridBug: '验证循环只写了 torch.no_grad()，没写 model.eval()',
    gridFix: '验证前调用 model.eval()',
    ruleFix: 'drop_last=True：最后 1 个样本每个 epoch 被丢掉',
    momentumBug: '把 Keras 的默认值 0.99 原样写进 PyTorch',
    momentumFix: 'Keras 的 0.99 是 PyTorch 的 0.01',
  },
};

for (const lang of ['en', 'zh']) {
  test(`${lang}: the grid moves running_mean exactly where PyTorch does, with its numbers`, async () => {
    const { context, page, problems } = await open(lang);
    for (const [mode, grad, id] of [
      ['train', 'grad', 'pitfall-grid-train-grad'],
      ['train', 'no_grad', 'pitfall-grid-train-no-grad'],
      ['eval', 'grad', 'pitfall-grid-eval-grad'],
      ['eval', 'no_grad', 'pitfall-grid-eval-no-grad'],
    ]) {
      const cell = grid(page).locator(`.cell[data-mode="${mode}"][data-grad="${grad}"]`);
      const exp = expectOf(id);
      const moved = exp.num_batches_tracked === 1;
      assert.equal(await cell.getAttribute('data-moved'), String(moved), id);
      const mean = cell.locator('p.running-mean');
      assert.equal(await mean.getAttribute('data-moved'), String(moved), id);
      assert.ok((await mean.textContent()).includes(`→ ${list(exp.running_mean.data)}`), id);
      const variance = cell.locator('p.running-var');
      assert.ok((await variance.textContent()).includes(`→ ${list(exp.running_var.data)}`), id);
      assert.ok(
        (await cell.locator('p.num-batches-tracked').textContent()).includes(
          `0 → ${exp.num_batches_tracked}`,
        ),
        id,
      );
      const stats = await cell.locator('p.normalized-by').getAttribute('data-stats');
      assert.equal(stats, mode === 'train' ? 'batch' : 'running', id);
    }
    const t = TEXTS[lang];
    assert.ok((await grid(page).locator('p.failure').textContent()).includes(t.gridBug));
    assert.ok((await grid(page).locator('p.fix').textContent()).includes(t.gridFix));
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`${lang}: the N·H·W rule in PyTorch's words, the ±1 case, drop_last`, async () => {
    const { context, page, problems } = await open(lang);
    const r = rule(page);
    const box = r.locator('.verdict-box');
    // (1, 3, 1, 1): refused in training, word for word; eval takes it
    assert.equal(await r.locator('strong.per-channel').textContent(), '1');
    assert.equal(await box.getAttribute('data-trains'), 'false');
    assert.equal(
      await box.locator('.message code').textContent(),
      expectOf('pitfall-nhw-1x3x1x1').error,
    );
    assert.equal(await box.locator('.eval-ok').count(), 1);
    // (1, 3, 2, 2) trains: the rule is N·H·W, not N
    await r.locator('input[name="h"]').fill('2');
    await r.locator('input[name="w"]').fill('2');
    await r.locator('strong.per-channel', { hasText: '4' }).waitFor();
    assert.equal(await box.getAttribute('data-trains'), 'true');
    // (2, 3, 1, 1): every output ±1
    await r.locator('input[name="h"]').fill('1');
    await r.locator('input[name="w"]').fill('1');
    await r.locator('input[name="n"]').fill('2');
    await r.locator('strong.per-channel', { hasText: '2' }).waitFor();
    const outputs = await r.locator('ul.outputs li').allTextContents();
    assert.equal(outputs.length, 3);
    for (const line of outputs) {
      const values = line
        .split(':')[1]
        .split(',')
        .map((s) => Number(s.trim().replace('−', '-')));
      assert.equal(values.length, 2, line);
      // ±1 up to ε: x / sqrt(x² + 1e-5) for a half-difference x, or 0 for two equal values
      assert.ok(Math.abs(values[0] + values[1]) < 1e-5, line);
      for (const v of values) assert.ok(Math.abs(Math.abs(v) - 1) < 1e-2 || v === 0, line);
    }
    assert.ok(
      expectOf('pitfall-nhw-2x3x1x1-pm1').output.data.every(
        (v) => Math.abs(Math.abs(v) - 1) < 1e-4 || v === 0,
      ),
    );
    // (1, 3) through BatchNorm1d
    await r.locator('select[name="layout"]').selectOption('1d');
    await r.locator('input[name="n"]').fill('1');
    await box.locator('.message code').waitFor();
    assert.equal(
      await box.locator('.message code').textContent(),
      expectOf('pitfall-nhw-1x3').error,
    );
    // bad input: a message, and the last valid N still shown
    await r.locator('input[name="n"]').fill('abc');
    await r.locator('#n-error', { hasText: /\S/ }).waitFor();
    assert.equal(await r.locator('input[name="n"]').getAttribute('aria-invalid'), 'true');
    assert.equal(await r.locator('strong.per-channel').textContent(), '1');
    // the loader: 17 samples in batches of 4 leave a last batch of one, until drop_last=True
    await r.locator('select[name="layout"]').selectOption('2d');
    await r.locator('input[name="n"]').fill('4');
    const loader = r.locator('section.loader');
    assert.equal(
      await loader.locator('.message code').textContent(),
      expectOf('pitfall-nhw-after-global-pool').error,
    );
    await loader.locator('input[name="drop-last"]').check();
    await loader.locator('.loader-verdict.fix').waitFor();
    assert.ok(
      (await loader.locator('.loader-verdict').textContent()).includes(TEXTS[lang].ruleFix),
    );
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`${lang}: momentum m against Keras 1 − m, 50 steps on the engine`, async () => {
    const { context, page, problems } = await open(lang);
    const m = momentum(page);
    assert.equal(await m.locator('strong.other').textContent(), '0.01');
    const batches = momentumBatches();
    const finals = await m.locator('li.run strong.final').allTextContents();
    assert.deepEqual(finals, [
      formatNumber(runningMeans(env.engine, 0.99, batches).at(-1)),
      formatNumber(runningMeans(env.engine, 0.01, batches).at(-1)),
    ]);
    assert.equal(batches.length, STEPS);
    // a bad value: a message, the runs unchanged
    await m.locator('input[name="momentum"]').fill('1.5');
    await m.locator('#momentum-error', { hasText: /\S/ }).waitFor();
    assert.deepEqual(await m.locator('li.run strong.final').allTextContents(), finals);
    // PyTorch's default 0.1 is Keras's 0.9
    await m.locator('input[name="momentum"]').fill('0.1');
    await m.locator('input[name="convention"][value="pytorch"]').check();
    await m.locator('strong.other', { hasText: '0.9' }).waitFor();
    assert.equal(
      await m.locator('li.run.torch strong.final').textContent(),
      formatNumber(runningMeans(env.engine, 0.1, batches).at(-1)),
    );
    const t = TEXTS[lang];
    assert.ok((await m.locator('p.failure').textContent()).includes(t.momentumBug));
    assert.ok((await m.locator('p.fix').textContent()).includes(t.momentumFix));
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('a link restores every widget of the chapter', async () => {
  const values = '2,0,1,4,1,1,6,2,3,8,5,7';
  const hash =
    `&pitfalls.grid.values=${values}&pitfalls.rule.n=2&pitfalls.rule.h=3&pitfalls.rule.w=1` +
    '&pitfalls.rule.dropLast=1&pitfalls.momentum.momentum=0.2&pitfalls.momentum.convention=pytorch';
  const { context, page, problems } = await open('en', hash);
  assert.equal(
    await grid(page).locator('input[name="batch"]').inputValue(),
    '2, 0, 1, 4, 1, 1, 6, 2, 3, 8, 5, 7',
  );
  const bn = env.engine.norm({ op: 'batch_norm', dims: 1, num_features: 3 });
  bn.forward(Float32Array.from(values.split(','), Number), [4, 3], { training: true });
  const running = bn.buffers().running_mean;
  bn.delete();
  const trainCell = grid(page).locator('.cell[data-mode="train"][data-grad="no_grad"]');
  assert.ok(
    (await trainCell.locator('p.running-mean').textContent()).includes(`→ ${list(running)}`),
  );
  assert.equal(await rule(page).locator('strong.per-channel').textContent(), '6');
  assert.equal(await rule(page).locator('input[name="drop-last"]').isChecked(), true);
  assert.equal(await momentum(page).locator('strong.other').textContent(), '0.8');
  assert.equal(
    await momentum(page).locator('input[name="convention"][value="pytorch"]').isChecked(),
    true,
  );
  // and the state the learner changes goes into the link
  await rule(page).locator('input[name="n"]').fill('5');
  await page.waitForFunction(() => location.hash.includes('pitfalls.rule.n=5'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('a 360 px phone screen: nothing of the chapter passes it; axe finds nothing in the chapter', async () => {
  const { context, page, problems } = await open('zh', '', {
    viewport: { width: 360, height: 800 },
    isMobile: true,
    hasTouch: true,
  });
  // the page's own width is other chapters' business; nothing of this chapter passes the screen
  // (a code block scrolls inside itself)
  const box = await chapter(page).boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 360, JSON.stringify(box));
  const wide = await page.evaluate(() => {
    const out = [];
    const walk = (root, path) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.tagName === 'PYTORCH-CODE') continue;
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.right > 360.5) out.push(`${path} ${el.tagName} ${r.right}`);
        if (el.shadowRoot) walk(el.shadowRoot, `${path} ${el.tagName}`);
      }
    };
    for (const tag of ['bn-mode-grid', 'bn-batch-rule', 'bn-momentum-convert'])
      walk(document.querySelector(tag).shadowRoot, tag);
    return out;
  });
  assert.deepEqual(wide, []);
  await assertNoAxeViolations(page, 'section[data-chapter="pitfalls"]');
  await page.setViewportSize({ width: 1200, height: 1000 });
  await assertNoAxeViolations(page, 'section[data-chapter="pitfalls"]');
  assert.deepEqual(problems, []);
  await context.close();
});
