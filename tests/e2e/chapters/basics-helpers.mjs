// Helpers of the chapter 1, 3, 4 and 5 tests: the tutorial page, a widget by its state-key, and
// the chapter's self-check answered wrong, then right, then asked anew.
import assert from 'node:assert/strict';
import { openPage, SELF_CHECK_TEXT } from '../harness.mjs';

/** The tutorial page (with a hash), in a locale. */
export const openTutorial = (env, locale = 'en-US', hash = '') =>
  openPage(env.browser, `${env.server.url}${hash}`, {
    locale,
    viewport: { width: 1200, height: 1000 },
  });
export const widget = (page, tag, key) => page.locator(`${tag}[state-key="${key}"]`);
export const texts = (locator) =>
  locator.evaluateAll((els) => els.map((e) => e.textContent.trim()));
export const alert = (scope, text) => scope.getByRole('alert').filter({ hasText: text }).waitFor();
export const valuesOf = (locator, prop = 'values') =>
  locator.evaluate((el, p) => Array.from(el[p]), prop);

/** Answers the chapter's self-check wrong, then right (the widget's own answer), then asks anew. */
export async function selfCheck(page, chapter, locale) {
  const L = SELF_CHECK_TEXT[locale];
  const box = page.locator(`section[data-chapter="${chapter}"] self-check`);
  await box.locator('.question').waitFor();
  const q = await box.evaluate((el) => ({ ...el.question, text: el.question.question.en }));
  const input = box.getByLabel(L.answer);
  const write = (a) =>
    Array.isArray(a) ? `(${a.join(', ')})` : q.unit === 'number' ? a.toFixed(4) : String(a);
  const wrong = Array.isArray(q.answer) ? [...q.answer, 2] : q.answer + 1;
  await input.fill(write(wrong));
  await box.getByRole('button', { name: L.check }).click();
  await box.getByText(L.wrong).waitFor();
  await input.fill(write(q.answer));
  await box.getByRole('button', { name: L.check }).click();
  await box.getByText(L.right).waitFor();
  await input.fill('?');
  await box.getByRole('button', { name: L.check }).click();
  assert.equal(await input.getAttribute('aria-invalid'), 'true');
  let next = q.text;
  for (let i = 0; i < 5 && next === q.text; i++) {
    await box.getByRole('button', { name: L.next }).click();
    next = await box.evaluate((el) => el.question.question.en);
  }
  assert.notEqual(next, q.text, 'a new question');
  assert.equal(await input.inputValue(), '');
  return q;
}
