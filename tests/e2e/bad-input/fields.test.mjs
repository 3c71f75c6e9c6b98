// Bad input, field by field: every input field of every widget on the tutorial page is given text
// that is not a number, NaN and infinities, empty text, overflowing numbers, hex, a 200,000-number
// list, shapes with zero, negative, missing or huge dims, and hyper-parameters PyTorch refuses.
// Each time: a message shows next to the field (in the field's own shadow root: role=alert, or
// aria-invalid plus visible text), what was on screen before (outputs, charts) is unchanged, the
// learner's text stays in the field, nothing reaches the console, and a valid value afterwards
// works again (the message goes, the outputs are recomputed). Values PyTorch accepts (ε = 0,
// lr = 1e30, ...) are shown, not refused. The table FIELDS (fields.mjs) drives it all; the same
// fields again in Chinese. Malformed and hostile links: links.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage } from '../harness.mjs';
import { settle } from '../reliability-helpers.mjs';
import { FIELDS, CHAPTER_OF } from './fields.mjs';
import { readField, newMessages, eventually, runRow, commitChinese } from './runner.mjs';

const env = useBrowser();

const CHAPTERS = [...new Set(FIELDS.map(CHAPTER_OF))];

for (const chapter of CHAPTERS) {
  const rows = FIELDS.filter((row) => CHAPTER_OF(row) === chapter);
  test(`chapter ${chapter}: ${rows.length} fields refuse bad values with a message and keep what was shown`, async (t) => {
    const { context, page, problems } = await openPage(
      env.browser,
      `${env.server.url}#ch=${chapter}`,
      {
        viewport: { width: 1280, height: 1000 },
      },
    );
    await settle(page);
    for (const row of rows) {
      const counts = await runRow(page, problems, row);
      t.diagnostic(`${row.name}: ${counts.refused} refused, ${counts.accepted} accepted`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('in Chinese, every field explains a bad value in Chinese', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url, {
    viewport: { width: 1280, height: 1000 },
  });
  await settle(page);
  // find every field while the page speaks English (the table's labels), then switch
  // a field is found again by its place among its widget's fields (its label changes language)
  const inputs = (host) => {
    const out = [];
    const visit = (root) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.matches('input, textarea')) out.push(el);
        if (el.shadowRoot) visit(el.shadowRoot);
      }
    };
    visit(host.shadowRoot);
    return out;
  };
  await page.evaluate(`window.__nlInputs = ${inputs}`);
  const places = [];
  for (const row of FIELDS) {
    const host = page.locator(row.host).first();
    if (row.open) await row.open(host);
    const field = await row.field(host).elementHandle();
    places.push([row, await host.evaluate((h, el) => window.__nlInputs(h).indexOf(el), field)]);
  }
  await page.getByRole('button', { name: '中文' }).click();
  await page.getByRole('heading', { name: '1. 归一化公式' }).waitFor();
  const CHINESE = /[\u4e00-\u9fff]/;
  for (const [row, place] of places) {
    assert.ok(place >= 0, row.name);
    const field = await page
      .locator(row.host)
      .first()
      .evaluateHandle((h, i) => window.__nlInputs(h)[i] ?? null, place);
    assert.ok(
      await field.evaluate((el) => el !== null),
      `${row.name}: field ${place} is there in Chinese`,
    );
    const clean = await readField(field);
    const original = clean.value;
    await field.fill('abc');
    if (row.commit) await commitChinese(field);
    await eventually(async () => {
      const now = await readField(field);
      const fresh = newMessages(now, clean);
      assert.ok(now.invalid || fresh.some((m) => m.alert), 'marked');
      assert.ok(
        fresh.some((m) => CHINESE.test(m.text)),
        `a Chinese message: ${fresh.map((m) => m.text).join(' | ')}`,
      );
    }, `${row.name} (中文)`);
    assert.equal(await field.evaluate((el) => el.value), 'abc');
    // back to what the field held, so that the next field starts clean (two share a form)
    await field.fill(original);
    if (row.commit) await commitChinese(field);
    if (row.reset) await row.reset(page.locator(row.host).first());
  }
  assert.deepEqual(problems, []);
  await context.close();
});
