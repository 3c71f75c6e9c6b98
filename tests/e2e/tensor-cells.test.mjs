// The cells of every tensor the tutorial shows, across the chapters: one Tab stop per editable
// tensor, every output number inside its cell (both languages, desktop and phone), and cube cells
// big enough to tap on a touch screen without the page scrolling sideways.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, section, sidewaysOverflow, PHONE } from './harness.mjs';

const env = useBrowser();

const DESKTOP = { viewport: { width: 1200, height: 1000 } };
/** The narrowest phone the page is laid out for, touch screen. */
const NARROW_PHONE = { ...PHONE, viewport: { width: 360, height: 780 } };

/**
 * `fn(elements)` run in the page on the elements matching `selector` (through shadow roots) in
 * each chapter; returns [chapter id, what fn returned] pairs.
 */
async function inEachChapter(page, selector, fn) {
  const ids = await page
    .locator('section[data-chapter]')
    .evaluateAll((sections) => sections.map((s) => s.dataset.chapter));
  const out = [];
  for (const id of ids) out.push([id, await section(page, id).locator(selector).evaluateAll(fn)]);
  return out;
}

test('chapter 1 has one Tab stop per editable tensor, however many cells it has', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url, DESKTOP);
  const stops = (
    await section(page, 'formula')
      .locator('tensor-editor:not([readonly])')
      .evaluateAll((editors) =>
        editors.map((editor) => {
          const cells = [...editor.shadowRoot.querySelectorAll('input.cell')];
          return {
            tensor: editor.getAttribute('label'),
            cells: cells.length,
            stops: cells.filter((c) => c.tabIndex >= 0).length,
          };
        }),
      )
  ).filter((s) => s.cells > 0);
  assert.ok(stops.length >= 2, `chapter 1 shows editable tensors (${stops.length})`);
  assert.ok(
    stops.reduce((n, s) => n + s.cells, 0) > stops.length,
    'more cells than tensors, so the check means something',
  );
  for (const s of stops)
    assert.equal(s.stops, 1, `${s.tensor}: ${s.cells} cells, ${s.stops} stops`);
  // and Tab walks through the chapter touching each tensor once
  const first = section(page, 'formula')
    .locator('tensor-editor:not([readonly]) input.cell')
    .first();
  await first.focus();
  await page.keyboard.press('Tab');
  const next = await page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el?.getAttribute('aria-label') ?? el?.tagName;
  });
  assert.ok(!/^x\[/.test(next), `Tab from a cell leaves its tensor (on ${next})`);
  assert.deepEqual(problems, []);
  await context.close();
});

for (const locale of ['en-US', 'zh-CN']) {
  for (const [device, options] of [
    ['desktop', DESKTOP],
    ['phone', NARROW_PHONE],
  ]) {
    test(`no output number overflows its cell (${locale}, ${device})`, async () => {
      const { context, page, problems } = await openPage(env.browser, env.server.url, {
        ...options,
        locale,
      });
      const outputs = (
        await inEachChapter(page, 'output.cell', (cells) =>
          cells.map((cell) => ({
            cell: cell.getAttribute('aria-label'),
            text: cell.textContent.trim(),
            over: cell.scrollWidth - cell.clientWidth,
          })),
        )
      ).flatMap(([chapter, cells]) => cells.map((c) => ({ chapter, ...c })));
      assert.ok(outputs.length > 100, `the chapters show output cells (${outputs.length})`);
      const overflowing = outputs.filter((o) => o.over > 0);
      assert.deepEqual(overflowing, [], 'text wider than its cell');
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
}

test('on a 360 px touch screen every cube cell is a 24 px tap target, and nothing overflows', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url, NARROW_PHONE);
  assert.equal(await page.evaluate(() => matchMedia('(pointer: coarse)').matches), true);
  const cubes = (
    await inEachChapter(page, 'norm-cube', (found) =>
      found.map((cube) => {
        const cells = [...cube.shadowRoot.querySelectorAll('rect.cell')].map((r) =>
          r.getBoundingClientRect(),
        );
        return {
          cells: cells.length,
          smallest: Math.min(...cells.flatMap((r) => [r.width, r.height])),
          // the cube itself stays inside the screen; a wide one scrolls inside its own box
          right: cube.getBoundingClientRect().right,
          overflow: cube.scrollWidth - cube.clientWidth,
        };
      }),
    )
  ).flatMap(([chapter, found]) => found.map((c) => ({ chapter, ...c })));
  assert.ok(cubes.length >= 5, `cubes in chapters 2 and 9 (${cubes.length})`);
  const width = NARROW_PHONE.viewport.width;
  for (const c of cubes) {
    assert.ok(c.cells > 0);
    assert.ok(c.smallest >= 24, `${c.chapter}: a cell is ${c.smallest.toFixed(1)} px`);
    assert.ok(c.right <= width, `${c.chapter}: the cube ends at ${c.right} px`);
    assert.ok(c.overflow <= 0, `${c.chapter}: the cube is ${c.overflow} px wider than its box`);
  }
  // a tap still picks the element
  const cube = section(page, 'bn-vs-ln').locator('#bn-vs-ln-cube');
  await cube.locator('rect[data-i="17"]').scrollIntoViewIfNeeded();
  await cube.locator('rect[data-i="17"]').tap();
  assert.match(await cube.locator('p.detail').textContent(), /x\[0, 1, 0, 1\]/);
  // the page as a whole does not scroll sideways at 360 px (every chapter is built by now)
  assert.ok((await sidewaysOverflow(page)) <= 0, 'sideways overflow at 360 px');
  assert.deepEqual(problems, []);
  await context.close();
});
