// <tensor-editor> on its own (embed.html), as every chapter uses it: typing, keyboard (one Tab stop
// per tensor), bad text, pasting lists, random values, the shape field, pages for a 4096-element
// tensor and what an edit of one costs, and Chinese.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, focusedLabel, measureStats, statsText } from './harness.mjs';

const env = useBrowser();

/** embed.html with one tensor editor; its tensor-change events are collected in window.__changes. */
async function editor(hash, options = {}) {
  const opened = await openPage(
    env.browser,
    `${env.server.url}embed.html#widget=tensor-editor&${hash}`,
    {
      viewport: { width: 1000, height: 900 },
      ...options,
    },
  );
  const { page } = opened;
  await page.locator('tensor-editor').waitFor();
  await page.evaluate(() => {
    window.__changes = [];
    document
      .querySelector('tensor-editor')
      .addEventListener('tensor-change', (e) =>
        window.__changes.push({ values: Array.from(e.detail.values), shape: [...e.detail.shape] }),
      );
  });
  const cell = (label) => page.getByLabel(label, { exact: true });
  const changes = () => page.evaluate(() => window.__changes);
  const last = async () => (await changes()).at(-1);
  const values = (n) =>
    page.evaluate((k) => Array.from(document.querySelector('tensor-editor').values).slice(0, k), n);
  return { ...opened, cell, changes, last, values };
}

test('cells show the tensor, take typed numbers, and report each change', async () => {
  const e = await editor('shape=2,3&values=1,2,3,4,5,6');
  assert.equal(await e.page.locator('tensor-editor input.cell').count(), 6);
  assert.equal(await e.cell('x[1, 2]').inputValue(), '6');
  await e.cell('x[0, 1]').fill('-2.5');
  assert.deepEqual(await e.last(), { values: [1, -2.5, 3, 4, 5, 6], shape: [2, 3] });
  await e.cell('x[1, 0]').fill('1e-3');
  assert.equal((await e.last()).values[3], Math.fround(0.001));
  await e.cell('x[1, 1]').fill('−7');
  assert.equal((await e.last()).values[4], -7, 'a true minus sign reads as minus');
  // a host that hands a copy of each change back (as widgets do) must not respell "1." while typing
  await e.page.evaluate(() => {
    const el = document.querySelector('tensor-editor');
    el.addEventListener('tensor-change', (ev) => (el.values = Float32Array.from(ev.detail.values)));
  });
  await e.cell('x[0, 2]').fill('');
  await e.cell('x[0, 2]').pressSequentially('1.05');
  assert.equal(await e.cell('x[0, 2]').inputValue(), '1.05');
  assert.equal((await e.last()).values[2], Math.fround(1.05));
  assert.deepEqual(e.problems, []);
  await e.context.close();
});

test('text that is not a number is marked, explained with the cell and the kept value', async () => {
  const e = await editor('shape=2,3&values=1,2,3,4,5,6');
  const cell = e.cell('x[0, 1]');
  await cell.fill('abc');
  assert.equal(await cell.getAttribute('aria-invalid'), 'true');
  await e.page
    .getByRole('alert')
    .filter({ hasText: 'x[0, 1]: “abc” is not a number; the previous value 2 is kept' })
    .waitFor();
  assert.deepEqual(await e.changes(), [], 'nothing is emitted for bad text');
  assert.equal(await cell.inputValue(), 'abc', 'the learner’s text stays');
  await e.cell('x[1, 2]').fill('');
  await e.page
    .getByRole('alert')
    .filter({
      hasText: 'x[0, 1]: “abc” is not a number; the previous value 2 is kept (and 1 more cells)',
    })
    .waitFor();
  await cell.fill('2.25');
  await e.page
    .getByRole('alert')
    .filter({ hasText: 'x[1, 2] is empty; the previous value 6 is kept' })
    .waitFor();
  await e.cell('x[1, 2]').fill('6.5');
  assert.equal(await e.page.locator('tensor-editor .cell-error').count(), 0);
  assert.deepEqual((await e.last()).values, [1, 2.25, 3, 4, 5, 6.5]);
  assert.deepEqual(e.problems, []);
  await e.context.close();
});

test('arrow keys, Enter and the cell edges move the focus', async () => {
  const e = await editor('shape=2,3&values=1,2,3,4,5,6');
  await e.cell('x[0, 0]').focus();
  await e.page.keyboard.press('ArrowDown');
  assert.equal(await focusedLabel(e.page), 'x[1, 0]');
  await e.page.keyboard.press('ArrowUp');
  await e.page.keyboard.press('End');
  await e.page.keyboard.press('ArrowRight');
  assert.equal(await focusedLabel(e.page), 'x[0, 1]', 'right at the end of the text: next cell');
  await e.page.keyboard.press('Enter');
  assert.equal(await focusedLabel(e.page), 'x[1, 1]');
  await e.page.keyboard.press('Home');
  await e.page.keyboard.press('ArrowLeft');
  assert.equal(
    await focusedLabel(e.page),
    'x[1, 0]',
    'left at the start of the text: previous cell',
  );
  await e.page.keyboard.press('ArrowUp');
  await e.page.keyboard.press('ArrowUp');
  assert.equal(await focusedLabel(e.page), 'x[0, 0]', 'the first row stays put');
  await e.context.close();
});

test('the cells are one Tab stop: Tab enters at one cell and leaves with the next Tab', async () => {
  const e = await editor('shape=2,3&values=1,2,3,4,5,6&shape-editable=');
  const grid = e.page.getByRole('grid', { name: 'x' });
  assert.equal(await grid.getByRole('row').count(), 2);
  assert.equal(await grid.getByRole('gridcell').count(), 6);
  assert.equal(
    await grid.locator('input.cell[tabindex="0"]').count(),
    1,
    'one cell in the Tab order',
  );
  const tab = async (key = 'Tab') => {
    await e.page.keyboard.press(key);
    return focusedLabel(e.page);
  };
  await e.page.getByRole('button', { name: 'Set shape' }).focus();
  assert.equal(await tab(), 'x[0, 0]', 'Tab from before the grid lands on its first cell');
  const after = await tab();
  assert.ok(!after?.startsWith('x['), `the next Tab leaves the grid (on ${after})`);
  assert.equal(await tab('Shift+Tab'), 'x[0, 0]', 'Shift+Tab comes back to it');
  // the arrows move between cells; the cell last visited is where Tab comes back to
  await e.page.keyboard.press('ArrowDown');
  await e.page.keyboard.press('End');
  await e.page.keyboard.press('ArrowRight');
  assert.equal(await focusedLabel(e.page), 'x[1, 1]');
  assert.ok(!(await tab())?.startsWith('x['), 'Tab leaves from any cell');
  assert.equal(await tab('Shift+Tab'), 'x[1, 1]');
  assert.equal(await grid.locator('input.cell[tabindex="0"]').count(), 1);
  // typing still edits the focused cell (entering by Tab selects its text)
  await e.page.keyboard.type('7.5');
  assert.deepEqual((await e.last()).values, [1, 2, 3, 4, 7.5, 6]);
  await e.page.keyboard.press('Enter');
  assert.equal(await focusedLabel(e.page), 'x[1, 1]', 'Enter on the last row stays');
  await e.page.keyboard.press('Control+Home');
  assert.equal(await focusedLabel(e.page), 'x[0, 0]', 'Ctrl+Home: the first cell');
  await e.page.keyboard.press('Control+End');
  assert.equal(await focusedLabel(e.page), 'x[1, 2]', 'Ctrl+End: the last cell');
  assert.deepEqual(e.problems, []);
  await e.context.close();
});

test('a 4096-element tensor turned to another page keeps one Tab stop, on that page', async () => {
  const e = await editor('shape=64,64');
  const stops = e.page.locator('tensor-editor input.cell[tabindex="0"]');
  assert.equal(await e.page.locator('tensor-editor input.cell').count(), 256);
  assert.equal(await stops.count(), 1);
  await e.page.getByLabel('Page', { exact: true }).selectOption('3');
  assert.equal(await stops.count(), 1);
  assert.equal(await stops.getAttribute('aria-label'), 'x[12, 0]', 'the new page’s first cell');
  await e.context.close();
});

test('a list pasted into a cell fills the tensor in order', async () => {
  const e = await editor('shape=2,3&values=1,2,3,4,5,6');
  const paste = (text) =>
    e.cell('x[1, 1]').evaluate((el, t) => {
      const data = new DataTransfer();
      data.setData('text/plain', t);
      el.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    }, text);
  await paste('tensor([[9., 8., 7.],\n        [6., 5., 4.]])');
  assert.deepEqual(await e.last(), { values: [9, 8, 7, 6, 5, 4], shape: [2, 3] });
  assert.equal(await e.cell('x[0, 0]').inputValue(), '9');
  await e.page.getByRole('status').filter({ hasText: 'Filled 6 values.' }).waitFor();
  await paste('1 2 3');
  await e.page
    .getByRole('alert')
    .filter({
      hasText: '3 values were given, but a tensor of shape (2, 3) holds 6. Nothing was changed.',
    })
    .waitFor();
  assert.equal((await e.changes()).length, 1, 'a wrong count changes nothing');
  assert.equal(await e.cell('x[0, 0]').inputValue(), '9');
  await e.context.close();
});

test('the paste field: exact count fills; wrong counts, bad values and brackets are explained', async () => {
  const e = await editor('shape=2,3&values=1,2,3,4,5,6&shape-editable=');
  await e.page.getByText('Paste a list · random values').click();
  const field = e.page.getByLabel('Values in order');
  const fill = e.page.getByRole('button', { name: 'Fill', exact: true });
  await field.fill('1, 2, 3, 4, 5, 6, 7');
  await fill.click();
  await e.page
    .getByRole('alert')
    .filter({ hasText: '7 values were given, but a tensor of shape (2, 3) holds 6.' })
    .waitFor();
  await field.fill('1, 2, x, 4');
  await fill.click();
  await e.page.getByRole('alert').filter({ hasText: 'Value 3, “x”, is not a number.' }).waitFor();
  await field.fill('[[1, 2], [3, 4]');
  await fill.click();
  await e.page.getByRole('alert').filter({ hasText: 'The brackets do not match.' }).waitFor();
  assert.deepEqual(await e.changes(), []);
  assert.equal(await field.inputValue(), '[[1, 2], [3, 4]', 'the typed list is kept');
  // brackets that describe another shape offer it
  await field.fill('[[1, 2], [3, 4]]');
  await fill.click();
  await e.page.getByRole('button', { name: 'Use shape (2, 2)' }).click();
  assert.deepEqual(await e.last(), { values: [1, 2, 3, 4], shape: [2, 2] });
  assert.equal(await e.page.getByLabel('Shape').inputValue(), '2, 2');
  assert.equal(await e.page.locator('tensor-editor input.cell').count(), 4);
  await field.fill('0.5 -1\n2 3');
  await fill.click();
  assert.deepEqual((await e.last()).values, [0.5, -1, 2, 3]);
  assert.deepEqual(e.problems, []);
  await e.context.close();
});

test('random values replace every cell with finite one-decimal numbers', async () => {
  const e = await editor('shape=3,4');
  await e.page.getByText('Paste a list · random values').click();
  await e.page.getByRole('button', { name: 'Random values' }).click();
  const { values, shape } = await e.last();
  assert.deepEqual(shape, [3, 4]);
  assert.equal(values.length, 12);
  for (const v of values) {
    assert.ok(Number.isFinite(v));
    assert.ok(Math.abs(v * 10 - Math.round(v * 10)) < 1e-4, `${v} has one decimal`);
  }
  assert.notDeepEqual(values, new Array(12).fill(0));
  await e.page.getByRole('status').filter({ hasText: 'Drew 12 random values' }).waitFor();
  assert.equal(Math.fround(Number(await e.cell('x[2, 3]').inputValue())), values[11]);
  await e.context.close();
});

test('the shape field reshapes, keeping the values that fit; bad shapes are refused', async () => {
  const e = await editor('shape=2,3&values=1,2,3,4,5,6&shape-editable=');
  const shape = e.page.getByLabel('Shape');
  const set = e.page.getByRole('button', { name: 'Set shape' });
  await e.cell('x[0, 1]').fill('oops');
  await shape.fill('3, 4');
  await set.click();
  assert.deepEqual(await e.last(), {
    values: [1, 2, 3, 4, 5, 6, 0, 0, 0, 0, 0, 0],
    shape: [3, 4],
  });
  assert.equal(await e.cell('x[0, 1]').inputValue(), 'oops', 'the learner’s text moves along');
  assert.equal(await e.cell('x[2, 3]').inputValue(), '0');
  await shape.fill('(2, 2)');
  await shape.press('Enter');
  assert.deepEqual((await e.last()).values, [1, 2, 3, 4]);
  const refused = [
    ['0, 3', 'Each dim must be 1 to 64; 0 is not'],
    ['2, -1', 'Each dim must be 1 to 64; -1 is not'],
    ['2, a', '“a” is not a positive whole number'],
    ['1, 1, 1, 1, 1, 1', 'At most 5 dims; this has 6'],
    ['64, 64, 2', '8192 elements is more than the limit of 4096'],
    ['', 'Type a shape, e.g. 2, 3, 4'],
  ];
  const before = (await e.changes()).length;
  for (const [text, message] of refused) {
    await shape.fill(text);
    await set.click();
    await e.page
      .getByRole('alert')
      .filter({ hasText: `${message} (the tensor keeps its shape)` })
      .waitFor();
    assert.equal(await shape.getAttribute('aria-invalid'), 'true');
    assert.equal(await shape.inputValue(), text, 'the typed shape is kept');
  }
  assert.equal((await e.changes()).length, before);
  assert.equal(await e.page.locator('tensor-editor input.cell').count(), 4);
  assert.deepEqual(e.problems, []);
  await e.context.close();
});

test('a 4096-element tensor is shown a page at a time and stays usable', async () => {
  const e = await editor('shape=2,3&shape-editable=');
  await e.page.getByLabel('Shape').fill('64, 64');
  const t0 = Date.now();
  await e.page.getByRole('button', { name: 'Set shape' }).click();
  await e.cell('x[0, 0]').waitFor();
  const cells = e.page.locator('tensor-editor input.cell');
  assert.equal(await cells.count(), 256, 'one page of 4 rows of 64');
  assert.equal(await e.page.getByText('page 1 of 16').count(), 1);
  // down from the page's last row turns the page and keeps the focus moving
  await e.cell('x[3, 5]').focus();
  await e.page.keyboard.press('ArrowDown');
  assert.equal(await focusedLabel(e.page), 'x[4, 5]');
  assert.equal(await e.page.getByText('page 2 of 16').count(), 1);
  await e.page.keyboard.press('PageDown');
  assert.equal(await focusedLabel(e.page), 'x[8, 5]');
  await e.page.getByRole('button', { name: 'Previous page' }).click();
  assert.equal(await e.page.getByText('page 2 of 16').count(), 1);
  await e.page.getByLabel('Page', { exact: true }).selectOption('15');
  await e.cell('x[63, 63]').fill('42');
  const last = await e.last();
  assert.equal(last.values.length, 4096);
  assert.equal(last.values[4095], 42);
  assert.equal(await e.page.getByRole('button', { name: 'Next page' }).isDisabled(), true);
  // the random fill and a typed value stay quick enough to time, not to assert
  await e.page.getByText('Paste a list · random values').click();
  await e.page.getByRole('button', { name: 'Random values' }).click();
  const measures = await e.page.evaluate(() =>
    performance.getEntriesByName('nl:tensor-editor').map((m) => m.duration),
  );
  assert.ok(measures.length > 0, 'nl:tensor-editor is measured');
  console.log(
    `# 4096-element editor: reshape to first cell ${Date.now() - t0} ms; ` +
      `nl:tensor-editor max ${Math.max(...measures).toFixed(1)} ms over ${measures.length} renders`,
  );
  assert.deepEqual(e.problems, []);
  await e.context.close();
});

/**
 * Types into `count` cells (at most as many as it shows) of a widget's tensor editor, one after the
 * other, waiting for the widget to show each; returns how many were typed.
 */
async function typeAndMeasure(page, count, widget) {
  await page.evaluate(() => performance.clearMeasures());
  const cells = page.locator('tensor-editor:not([readonly]) input.cell');
  const typed = Math.min(count, await cells.count());
  for (let k = 0; k < typed; k++) {
    await cells.nth(k).fill(String((k % 7) - 3.5));
    await page.evaluate((tag) => document.querySelector(tag).updateComplete, widget);
  }
  return typed;
}

test('one typed cell of a 4096-element tensor redraws one page of cells; its cost is logged', async () => {
  const cases = [
    ['tensor-editor', 'shape=64,64', ['nl:tensor-editor']],
    ['tensor-editor', 'shape=2,3,4', ['nl:tensor-editor']],
    [
      'norm-playground',
      'shape=64,64&normalized-shape=64',
      ['nl:tensor-editor', 'nl:norm-playground'],
    ],
    ['norm-playground', 'shape=2,3,4', ['nl:tensor-editor', 'nl:norm-playground']],
  ];
  for (const [widget, hash, names] of cases) {
    const { page, context, problems } = await openPage(
      env.browser,
      `${env.server.url}embed.html#widget=${widget}&${hash}`,
      { viewport: { width: 1000, height: 900 } },
    );
    await page.locator('tensor-editor input.cell').first().waitFor();
    const output = page.locator('tensor-editor[readonly] output.cell');
    const before = widget === 'norm-playground' ? await output.first().textContent() : null;
    const typed = await typeAndMeasure(page, 30, widget);
    // at most one page of cells is drawn however large the tensor
    assert.ok((await page.locator('tensor-editor input.cell').count()) <= 256);
    if (before !== null)
      assert.notEqual(await output.first().textContent(), before, 'the output was recomputed');
    for (const name of names) {
      const stats = await measureStats(page, name);
      assert.ok(stats.count >= typed, `${name} is measured for every edit`);
      console.log(`# ${widget} ${hash}, ${typed} typed cells: ${statsText(name, stats)}`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('readonly shows a result; collapsible hides the cells until asked', async () => {
  const e = await editor('shape=2,2&values=1,2,3,4&readonly=');
  assert.equal(await e.page.locator('tensor-editor output.cell').count(), 4);
  assert.equal(await e.page.locator('tensor-editor input').count(), 0);
  assert.equal(await e.page.getByText('Paste a list').count(), 0);
  await e.context.close();
  const c = await editor('shape=8,6,3,4&collapsible=&shape-editable=');
  assert.equal(await c.page.locator('tensor-editor input.cell').count(), 0);
  await c.page.getByText('Show and edit the 576 values').click();
  await c.page.locator('tensor-editor input.cell').first().waitFor();
  assert.equal(await c.page.locator('tensor-editor input.cell').count(), 252);
  await c.context.close();
});

test('in Chinese the messages are Chinese', async () => {
  const e = await editor('shape=2,3&values=1,2,3,4,5,6&shape-editable=&lang=zh');
  await e.cell('x[0, 0]').fill('一');
  await e.page
    .getByRole('alert')
    .filter({ hasText: 'x[0, 0]：“一”不是数字，已保留原值 1' })
    .waitFor();
  await e.page.getByLabel('形状').fill('0');
  await e.page.getByRole('button', { name: '应用形状' }).click();
  await e.page.getByRole('alert').filter({ hasText: '每一维须在 1 到 64 之间，0 不行' }).waitFor();
  await e.page.getByText('粘贴列表 · 随机填充').click();
  await e.page.getByLabel('按顺序填入的数值').fill('1 2');
  await e.page.getByRole('button', { name: '填入' }).click();
  await e.page
    .getByRole('alert')
    .filter({ hasText: '读到 2 个数，但形状为 (2, 3) 的张量需要 6 个。张量未改变。' })
    .waitFor();
  assert.deepEqual(e.problems, []);
  await e.context.close();
});
